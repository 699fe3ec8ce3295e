"""The footer on every slide, placed: the handling marking top and bottom, the source line, the number."""

from __future__ import annotations

from functools import lru_cache

from deckgen.core.units import EMU_PER_PT, inches
from deckgen.plan.boxes import FOOTER_BAND, SIDE_MARGIN, Box
from deckgen.plan.measure import LINE_SPACING, line_count, text_width_pt
from deckgen.plan.model import Footer

MARKING_PT = 11.0
# At most 5 in wide, so the source line keeps room beside it; a marking too long for that steps
# down to 9 pt on two lines.
MARKING_MAX_W = inches(5.0)
MARKING_PAD = inches(0.3)  # air either side of the measured marking
NUMBER_W = inches(1.0)
INSET = inches(0.02)  # the footer's text boxes: the marking and the number
THIN_INSET = inches(0.01)  # the source line's, so it keeps the band's full height
# The source line is set at 10 pt, never smaller. It goes on one line in the band beside the
# marking when it fits there; otherwise it gets a row of its own just above the band, as wide as
# the content, where it may wrap.
SOURCE_PT = 10.0


def place_footer(
    marking: str, source_line: str, *, slide_width: int, slide_height: int, family: str
) -> Footer:
    """The footer of one slide of a ``slide_width`` x ``slide_height`` deck set in ``family``."""
    band_top = slide_height - FOOTER_BAND + inches(0.04)
    band_h = FOOTER_BAND - inches(0.06)
    marking_w, marking_pt = marking_fit(marking, family=family)
    top = bottom = None
    if marking.strip():
        top = Box(SIDE_MARGIN, inches(0.04), slide_width - 2 * SIDE_MARGIN, inches(0.32))
        bottom = Box((slide_width - marking_w) // 2, band_top, marking_w, band_h)
    source = None
    if source_line.strip():
        row = source_row_height(source_line, slide_width=slide_width, family=family, marking=marking)
        if row:
            source = Box(SIDE_MARGIN, slide_height - FOOTER_BAND - row, slide_width - 2 * SIDE_MARGIN, row)
        else:
            # The full band height with thin insets, up to the marking (or the slide number).
            width = beside_width(marking, slide_width=slide_width, family=family)
            band = slide_height - FOOTER_BAND + inches(0.02)
            source = Box(SIDE_MARGIN, band, width, FOOTER_BAND - inches(0.03))
    number = Box(slide_width - SIDE_MARGIN - NUMBER_W, band_top, NUMBER_W, band_h)
    return Footer(top, bottom, marking_pt, source, SOURCE_PT, number)


def beside_width(marking: str, *, slide_width: int, family: str) -> int:
    """How wide the source line's box may be in the band: up to the marking, or without one,
    up to the slide number."""
    if marking.strip():
        marking_w, _ = marking_fit(marking, family=family)
        right = (slide_width - marking_w) // 2 - inches(0.15)
    else:
        right = slide_width - SIDE_MARGIN - NUMBER_W - inches(0.2)
    return right - SIDE_MARGIN


@lru_cache(maxsize=256)  # the same footer text on every slide: measure it once
def source_row_height(source_line: str, *, slide_width: int, family: str, marking: str) -> int:
    """Height in EMU of the row above the footer band the source line needs; 0 when it fits on
    one line at 10 pt in the band beside the marking."""
    if not source_line.strip():
        return 0
    beside = beside_width(marking, slide_width=slide_width, family=family) - 4 * THIN_INSET
    if line_count(source_line, beside, SOURCE_PT, family=family) <= 1:
        return 0
    width = slide_width - 2 * SIDE_MARGIN - 4 * THIN_INSET
    lines = line_count(source_line, width, SOURCE_PT, family=family)
    return int(lines * SOURCE_PT * LINE_SPACING * EMU_PER_PT) + 2 * THIN_INSET + inches(0.04)


@lru_cache(maxsize=256)  # the same marking on every slide: measure it once
def marking_fit(marking: str, *, family: str) -> tuple[int, float]:
    """The bottom marking's box width and size: as wide as the marking measures in bold, with air
    either side; a marking too long for 5 in goes down to 9 pt, which fits two lines in the band."""
    width = int(text_width_pt(marking, MARKING_PT, family=family, bold=True) * EMU_PER_PT)
    width += 4 * INSET + MARKING_PAD
    if width <= MARKING_MAX_W:
        return width, MARKING_PT
    return MARKING_MAX_W, 9.0
