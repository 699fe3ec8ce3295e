"""The brief format: YAML in, typed and located values out."""

from __future__ import annotations

from deckgen.brief.loader import load_brief, parse_brief
from deckgen.brief.model import Brief, SlideKind

__all__ = ["Brief", "SlideKind", "load_brief", "parse_brief"]
