"""Titles in narrow boxes: 20 pt first, the body's 18 pt floor only when nothing larger fits,
and a located warning when even that overflows."""

from __future__ import annotations

from deckgen.plan.boxes import Box
from deckgen.plan.geometry import TextStyle
from deckgen.plan.sizing import title_fits, title_size

IN = 914400
SUNSET = Box(int(3.54 * IN), int(0.49 * IN), int(3.94 * IN), int(0.98 * IN))  # LibreOffice's Sunset
STYLE = TextStyle(family="Liberation Sans", size=33.0, bold=True)


def test_a_title_that_fits_nowhere_above_20_pt_gets_the_largest_size_that_fits() -> None:
    # The sizes above 20 step by 2 from the template's 33 (..., 23, 21): 20 is tried after them.
    assert title_size("How allies read the two flanks before February 2022", SUNSET, STYLE) == 20
    title = "Eastern and southern flanks, as allies read them before 2022"  # the read-ahead's
    assert title_size(title, SUNSET, STYLE) == 18
    assert title_fits(title, SUNSET, STYLE, 18.0) and not title_fits(title, SUNSET, STYLE, 19.0)


def test_a_title_too_long_even_at_18_pt_is_told() -> None:
    title = "From Crimea to the Sahel: milestones of Russian presence, 2014-2022 (continued)"
    size = title_size(title, SUNSET, STYLE)
    assert size == 18
    assert not title_fits(title, SUNSET, STYLE, size)


def test_a_short_title_keeps_the_templates_size() -> None:
    assert title_size("Agenda", SUNSET, STYLE) is None
    assert title_fits("Agenda", SUNSET, STYLE, None)
