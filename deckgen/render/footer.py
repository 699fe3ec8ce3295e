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
SOURCE_PT = 10
NUMBER_PT = 11
MARKING_W = inches(4.0)
NUMBER_W = inches(1.0)
# Text boxes, not footer placeholders: python-pptx does not copy those to new slides, and a
# template's footer placeholders may sit anywhere. One fixed id: the field's type matters, not it.
SLIDENUM_FIELD_ID = "{5C1E2B8A-3F0D-4C6B-9A51-2D7E8F4B6A10}"
INSET = inches(0.02)


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
    inner_w = slide_width - 2 * SIDE_MARGIN
    shapes = slide.shapes
    if marking.strip():
        mark = Line(marking, size=MARKING_PT, bold=True, ink=Ink.TEXT, align=PP_ALIGN.CENTER)
        top = add_text_box(
            shapes,
            Box(SIDE_MARGIN, inches(0.04), inner_w, inches(0.32)),
            name="Marking (top)",
            anchor=MSO_ANCHOR.MIDDLE,
            inset=INSET,
        )
        write_lines(top.text_frame, [mark], lang=lang)
        bottom = add_text_box(
            shapes,
            Box((slide_width - MARKING_W) // 2, band_top, MARKING_W, band_h),
            name="Marking (bottom)",
            anchor=MSO_ANCHOR.MIDDLE,
            inset=INSET,
        )
        write_lines(bottom.text_frame, [mark], lang=lang)
    if source_line.strip():
        # Without a marking in the middle the source line may run up to the slide number.
        if marking.strip():
            right = (slide_width - MARKING_W) // 2 - inches(0.15)
        else:
            right = slide_width - SIDE_MARGIN - NUMBER_W - inches(0.2)
        box = Box(SIDE_MARGIN, band_top, right - SIDE_MARGIN, band_h)
        size = SOURCE_PT if estimate_lines(source_line, box.width, SOURCE_PT) == 1 else 9
        source = add_text_box(shapes, box, name="Source", anchor=MSO_ANCHOR.MIDDLE, inset=INSET)
        write_lines(
            source.text_frame,
            [Line(source_line, size=size, ink=Ink.MUTED, bullet=False)],
            lang=lang,
        )
    draw_slide_number(
        slide,
        Box(slide_width - SIDE_MARGIN - NUMBER_W, band_top, NUMBER_W, band_h),
        number,
        lang,
    )


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
