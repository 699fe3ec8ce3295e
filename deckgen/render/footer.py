"""The footer drawn on every slide: the handling marking top and bottom, source line, slide number."""

from __future__ import annotations

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.slide import Slide
from pptx.text.text import Font
from pptx.util import Pt

from deckgen.render.geometry import FOOTER_BAND, SIDE_MARGIN, Box, inches
from deckgen.render.text import Ink, Line, add_text_box, estimate_lines, paint, write_lines

MARKING_PT = 11
NUMBER_PT = 11
# Narrowest first. At most 5 in, so the source line keeps 3.4 in: two lines of about 45 characters.
MARKING_WIDTHS = (inches(4.0), inches(5.0))
# Markings are bold capitals: measured 0.58-0.63 em a character in Liberation Sans Bold, where
# the estimate assumes 0.55 for running text.
CAPS_FACTOR = 1.12
NUMBER_W = inches(1.0)
# Text boxes, not footer placeholders: python-pptx does not copy those to new slides, and a
# template's footer placeholders may sit anywhere. One fixed id: the field's type matters, not it.
SLIDENUM_FIELD_ID = "{5C1E2B8A-3F0D-4C6B-9A51-2D7E8F4B6A10}"
INSET = inches(0.02)
THIN_INSET = inches(0.01)
# A long source line steps down to fit the band: (size, lines at that size).
SOURCE_STEPS = ((10.0, 1), (9.0, 2), (8.0, 3))


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
    band_top = slide_height - FOOTER_BAND + inches(0.04)
    band_h = FOOTER_BAND - inches(0.06)
    marking_w, marking_pt = marking_fit(marking)
    if marking.strip():
        mark = Line(marking, size=marking_pt, bold=True, ink=Ink.TEXT, align=PP_ALIGN.CENTER)
        top = Box(SIDE_MARGIN, inches(0.04), slide_width - 2 * SIDE_MARGIN, inches(0.32))
        bottom = Box((slide_width - marking_w) // 2, band_top, marking_w, band_h)
        for box, name in ((top, "Marking (top)"), (bottom, "Marking (bottom)")):
            shape = add_text_box(slide.shapes, box, name=name, anchor=MSO_ANCHOR.MIDDLE, inset=INSET)
            write_lines(shape.text_frame, [mark], lang=lang)
    if source_line.strip():
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
        size = source_size(source_line, box.width - 4 * THIN_INSET)
        shape = add_text_box(slide.shapes, box, name="Source", anchor=MSO_ANCHOR.MIDDLE, inset=THIN_INSET)
        line = Line(source_line, size=size, ink=Ink.MUTED, bullet=False)
        write_lines(shape.text_frame, [line], lang=lang)
    number_box = Box(slide_width - SIDE_MARGIN - NUMBER_W, band_top, NUMBER_W, band_h)
    draw_slide_number(slide, number_box, number, lang)


def source_size(source_line: str, width: int) -> float:
    """The largest size at which the source line fits the footer band; 8 pt at the least."""
    for size, max_lines in SOURCE_STEPS:
        if estimate_lines(source_line, width, size) <= max_lines:
            return size
    return SOURCE_STEPS[-1][0]


def marking_fit(marking: str) -> tuple[int, float]:
    """The bottom marking's box width and size: the narrowest width that keeps it on one line;
    a marking too long for the widest goes down to 9 pt, which fits two lines in the band."""
    inner = 4 * INSET  # left and right insets of the box
    for width in MARKING_WIDTHS:
        if estimate_lines(marking, width - inner, MARKING_PT * CAPS_FACTOR) == 1:
            return width, MARKING_PT
    return MARKING_WIDTHS[-1], 9


def draw_slide_number(slide: Slide, box: Box, number: int, lang: str) -> None:
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
    paint(font.color, Ink.MUTED)
