"""Rendering a DeckPlan to .pptx bytes with python-pptx: the only package that imports pptx."""

from __future__ import annotations

from deckgen.render.deck import render_deck, render_deck_to
from deckgen.render.template.checks import DEFAULT_LAYOUT_NAMES, check_template, template_geometry

__all__ = ["DEFAULT_LAYOUT_NAMES", "check_template", "render_deck", "render_deck_to", "template_geometry"]
