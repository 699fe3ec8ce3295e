"""Charts in the template's own type: the theme's body font, read from the template."""

from __future__ import annotations

from dataclasses import replace

from pptx.presentation import Presentation as PresentationT

from deckgen.charts.model import ChartStyle
from deckgen.render.template.measure import theme_fonts


def chart_style_for(prs: PresentationT, base: ChartStyle | None = None) -> ChartStyle:
    """The chart style for a deck in this template.

    Chart text takes the theme's body font, so charts read as part of the template. Colours stay
    deckgen's palette on purpose: blue and rust mean the eastern and southern flank, and each kind
    of presence keeps one colour, in every deck and every template; a corporate theme's accents
    would break that (and often put a near-blue on a kind).
    """
    style = base or ChartStyle()
    _, body = theme_fonts(prs.slide_masters[0])
    return replace(style, font=body) if body else style
