"""The footer drawn on every slide: the handling marking top and bottom, source line, slide number."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.slide import Slide
from pptx.text.text import Font
from pptx.util import Pt

from deckgen.render.fill.colors import Ink, Palette, slide_palette
from deckgen.render.fill.geometry import FOOTER_BAND, SIDE_MARGIN, Box, inches
from deckgen.render.fill.text import Line, add_text_box, paint, write_lines
from deckgen.render.fill.textfit import (
    DEFAULT_FAMILY,
    EMU_PER_PT,
    LINE_SPACING,
    body_family,
    estimate_lines,
    text_width_pt,
)

MARKING_PT = 11
NUMBER_PT = 11
# At most 5 in wide, so the source line keeps room beside it; a marking too long for that steps
# down to 9 pt on two lines.
MARKING_MAX_W = inches(5.0)
MARKING_PAD = inches(0.3)  # air either side of the measured marking
NUMBER_W = inches(1.0)
# Text boxes, not footer placeholders: python-pptx does not copy those to new slides, and a
# template's footer placeholders may sit anywhere. One fixed id: the field's type matters, not it.
SLIDENUM_FIELD_ID = "{5C1E2B8A-3F0D-4C6B-9A51-2D7E8F4B6A10}"
INSET = inches(0.02)
THIN_INSET = inches(0.01)
# A long source line steps down to fit the band: (size, lines at that size).
SOURCE_STEPS = ((10.0, 1), (9.0, 2))
SMALLEST_SOURCE = (8.0, 3)
# Where the band beside the marking is too narrow for the source line at 9 pt (a 4:3 slide), it
# gets a row of its own just above the band, as wide as the content, at this size.
ROW_PT = 10.0
# The row is decided without the marking (the slide's drawn content must leave room for it before
# the footer is drawn): as if the marking took this much of the band.
ROW_MARKING_W = inches(4.0)


def draw_footer(
    slide: Slide,
    *,
    marking: str,
    source_line: str,
    number: int,
    slide_width: int,
    slide_height: int,
    lang: str,
) -> None:
    family = body_family(slide)
    band_top = slide_height - FOOTER_BAND + inches(0.04)
    band_h = FOOTER_BAND - inches(0.06)
    marking_w, marking_pt = marking_fit(marking, family=family)
    if marking.strip():
        mark = Line(marking, size=marking_pt, bold=True, ink=Ink.TEXT, align=PP_ALIGN.CENTER)
        top = Box(SIDE_MARGIN, inches(0.04), slide_width - 2 * SIDE_MARGIN, inches(0.32))
        bottom = Box((slide_width - marking_w) // 2, band_top, marking_w, band_h)
        for box, name in ((top, "Marking (top)"), (bottom, "Marking (bottom)")):
            shape = add_text_box(slide.shapes, box, name=name, anchor=MSO_ANCHOR.MIDDLE, inset=INSET)
            write_lines(shape.text_frame, [mark], lang=lang, palette=slide_palette(slide, box))
    if source_line.strip():
        row = source_row_height(source_line, slide_width=slide_width, family=family)
        if row:
            box = Box(SIDE_MARGIN, slide_height - FOOTER_BAND - row, slide_width - 2 * SIDE_MARGIN, row)
            size = ROW_PT
        else:
            # Without a marking in the middle the source line may run up to the slide number.
            if marking.strip():
                right = (slide_width - marking_w) // 2 - inches(0.15)
            else:
                right = slide_width - SIDE_MARGIN - NUMBER_W - inches(0.2)
            # The full band height with thin insets: room for three lines at 8 pt.
            box = Box(
                SIDE_MARGIN,
                slide_height - FOOTER_BAND + inches(0.02),
                right - SIDE_MARGIN,
                FOOTER_BAND - inches(0.03),
            )
            size = source_size(source_line, box.width - 4 * THIN_INSET, family=family)
        shape = add_text_box(slide.shapes, box, name="Source", anchor=MSO_ANCHOR.MIDDLE, inset=THIN_INSET)
        line = Line(source_line, size=size, ink=Ink.MUTED, bullet=False)
        write_lines(shape.text_frame, [line], lang=lang, palette=slide_palette(slide, box))
    number_box = Box(slide_width - SIDE_MARGIN - NUMBER_W, band_top, NUMBER_W, band_h)
    draw_slide_number(slide, number_box, number, lang, slide_palette(slide, number_box))
    # The footer is the last thing drawn on a slide: now its shapes can be put in reading order.
    order_for_reading(slide)


def order_for_reading(slide: Slide) -> None:
    """Screen readers follow the shape tree: the title first, then top to bottom, left to right.

    Positions are the ones shown, so a placeholder that takes its place from the layout sorts
    where the layout puts it. Nothing on a deckgen slide overlaps anything it could hide, so the
    drawing order this also sets changes nothing a viewer sees.
    """
    tree = slide.shapes._spTree
    title = slide.shapes.title
    title_element = title._element if title is not None else None

    def key(shape: Any) -> tuple[int, int, int]:
        if shape._element is title_element:
            return (0, 0, 0)
        return (1, int(shape.top or 0), int(shape.left or 0))

    shapes = list(slide.shapes)
    elements = [shape._element for shape in sorted(shapes, key=key)]  # stable for equal spots
    if not elements:
        return
    anchor = shapes[0]._element.getprevious()  # p:grpSpPr: shapes follow the group properties
    for element in elements:
        tree.remove(element)
    for element in reversed(elements):
        anchor.addnext(element)


@lru_cache(maxsize=256)  # the same footer text on every slide: measure it once
def source_size(source_line: str, width: int, *, family: str = DEFAULT_FAMILY) -> float:
    """The largest size at which the source line fits the footer band; 8 pt at the least."""
    for size, max_lines in SOURCE_STEPS:
        if estimate_lines(source_line, width, size, family=family) <= max_lines:
            return size
    return SMALLEST_SOURCE[0]


@lru_cache(maxsize=256)  # the same footer text on every slide: measure it once
def source_row_height(source_line: str, *, slide_width: int, family: str = DEFAULT_FAMILY) -> int:
    """Height in EMU of the row above the footer band the source line needs; 0 when the band
    beside the marking holds it at 9 pt or more."""
    if not source_line.strip():
        return 0
    beside = (slide_width - ROW_MARKING_W) // 2 - inches(0.15) - SIDE_MARGIN - 4 * THIN_INSET
    if any(estimate_lines(source_line, beside, size, family=family) <= n for size, n in SOURCE_STEPS):
        return 0
    width = slide_width - 2 * SIDE_MARGIN - 4 * THIN_INSET
    lines = estimate_lines(source_line, width, ROW_PT, family=family)
    return int(lines * ROW_PT * LINE_SPACING * EMU_PER_PT) + 2 * THIN_INSET + inches(0.04)


@lru_cache(maxsize=256)  # the same footer text on every slide: measure it once
def marking_fit(marking: str, *, family: str = DEFAULT_FAMILY) -> tuple[int, float]:
    """The bottom marking's box width and size: as wide as the marking measures in bold, with air
    either side; a marking too long for 5 in goes down to 9 pt, which fits two lines in the band."""
    width = int(text_width_pt(marking, MARKING_PT, family=family, bold=True) * EMU_PER_PT)
    width += 4 * INSET + MARKING_PAD
    if width <= MARKING_MAX_W:
        return width, MARKING_PT
    return MARKING_MAX_W, 9


def draw_slide_number(slide: Slide, box: Box, number: int, lang: str, palette: Palette | None = None) -> None:
    """A slide-number field, so the number stays right when a trainer reorders the slides."""
    shape = add_text_box(slide.shapes, box, name="Slide number", anchor=MSO_ANCHOR.MIDDLE, inset=INSET)
    para = shape.text_frame.paragraphs[0]
    para.alignment = PP_ALIGN.RIGHT
    p = para._p
    field = p.makeelement(qn("a:fld"), {"id": SLIDENUM_FIELD_ID, "type": "slidenum"})
    rpr = field.makeelement(qn("a:rPr"), {"lang": lang})
    field.append(rpr)
    text = field.makeelement(qn("a:t"), {})
    text.text = str(number)
    field.append(text)
    end = p.find(qn("a:endParaRPr"))
    if end is None:
        p.append(field)
    else:
        end.addprevious(field)
    font = Font(rpr)
    font.size = Pt(NUMBER_PT)
    paint(font.color, Ink.MUTED, palette)
