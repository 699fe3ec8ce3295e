"""Resolving a brief: every cross-reference checked, quotes verified, charts computed."""

from __future__ import annotations

from deckgen.resolve.resolver import ResolvedDeck, ResolvedSlide, resolve

__all__ = ["ResolvedDeck", "ResolvedSlide", "resolve"]
