"""Resolving a brief: every cross-reference checked, quotes verified, charts computed."""

from __future__ import annotations

from deckgen.resolve.model import ResolvedDeck, ResolvedSlide
from deckgen.resolve.resolver import resolve

__all__ = ["ResolvedDeck", "ResolvedSlide", "resolve"]
