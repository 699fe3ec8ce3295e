"""The sign-off review: what a deck says, what it cites, and what the checks found, as one page."""

from __future__ import annotations

from deckgen.review.model import ReviewSheet
from deckgen.review.sheet import build_sheet

__all__ = ["ReviewSheet", "build_sheet"]
