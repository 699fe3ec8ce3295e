"""The footer drawn on every slide: the handling marking top and bottom, source line, slide number."""

from __future__ import annotations

from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.slide import Slide
from pptx.text.text import Font
from pptx.util import Pt

from deckgen.plan.boxes import Box
from deckgen.plan.footer import INSET, THIN_INSET
from deckgen.plan.model import Footer
from deckgen.render.fill.colors import Ink, Palette, mixed_backdrop, slide_palette
from deckgen.render.fill.footer_prototype import draw_footer_shapes
from deckgen.render.fill.layoutmemo import XFRM_PATHS, title_element
from deckgen.render.fill.text import Line, add_text_box, paint, shown_spot, write_lines

# Text boxes, not footer placeholders: python-pptx does not copy those to new slides, and a
# template's footer placeholders may sit anywhere. One fixed id: the field's type matters, not it.
SLIDENUM_FIELD_ID = "{5C1E2B8A-3F0D-4C6B-9A51-2D7E8F4B6A10}"


def draw_footer(
    slide: Slide, footer: Footer, *, marking: str, source_line: str, number: int, lang: str
) -> None:
    """Draw the footer where the plan placed it, then put the slide's shapes in reading order."""

    def draw() -> None:
        draw_footer_parts(slide, footer, marking=marking, source_line=source_line, number=number, lang=lang)

    # Copies of the shapes the layout's first such footer was drawn with, where that can be.
    draw_footer_shapes(
        slide, footer, marking=marking, source_line=source_line, number=number, lang=lang, draw=draw
    )
    # The footer is the last thing drawn on a slide: now its shapes can be put in reading order.
    order_for_reading(slide)


def draw_footer_parts(
    slide: Slide, footer: Footer, *, marking: str, source_line: str, number: int, lang: str
) -> None:
    """The footer's text boxes through python-pptx: marking top and bottom, source line, number,
    added in that order (their shape ids follow it)."""
    if footer.marking_top is not None and footer.marking_bottom is not None:
        mark = Line(marking, size=footer.marking_size, bold=True, ink=Ink.TEXT, align=PP_ALIGN.CENTER)
        for box, name in ((footer.marking_top, "Marking (top)"), (footer.marking_bottom, "Marking (bottom)")):
            shape = add_text_box(slide.shapes, box, name=name, anchor=MSO_ANCHOR.MIDDLE, inset=INSET)
            write_lines(shape.text_frame, [mark], lang=lang, palette=slide_palette(slide, box))
            if mixed_backdrop(slide, box):
                plate(shape)
    if footer.source is not None:
        box = footer.source
        shape = add_text_box(slide.shapes, box, name="Source", anchor=MSO_ANCHOR.MIDDLE, inset=THIN_INSET)
        line = Line(source_line, size=footer.source_size, ink=Ink.MUTED, bullet=False)
        write_lines(shape.text_frame, [line], lang=lang, palette=slide_palette(slide, box))
    draw_slide_number(slide, footer, number, lang, slide_palette(slide, footer.number))


def plate(shape: Any) -> None:
    """Black on a white plate, for a marking that the template's art crosses (Sunset's striped
    frame): it must read on every slide, whatever the theme's colours say (21:1)."""
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor(0xFF, 0xFF, 0xFF)  # type: ignore[no-untyped-call]
    for para in shape.text_frame.paragraphs:
        for run in para.runs:
            run.font.color.rgb = RGBColor(0, 0, 0)  # type: ignore[no-untyped-call]


def order_for_reading(slide: Slide) -> None:
    """Screen readers follow the shape tree: the title first, then top to bottom, left to right.

    Positions are the ones shown, so a placeholder that takes its place from the layout sorts
    where the layout puts it. Nothing on a deckgen slide overlaps anything it could hide, so the
    drawing order this also sets changes nothing a viewer sees.
    """
    shapes = slide.shapes
    tree = shapes._spTree
    members = list(tree.iter_shape_elms())
    title = title_element(members)

    def key(element: Any) -> tuple[int, int, int]:
        if element is title:
            return (0, 0, 0)
        spot = own_offset(element)
        if spot is None:  # no position of its own: python-pptx's (a placeholder's, its layout's)
            left, top, _, _ = shown_spot(shapes._shape_factory(element))
            spot = (left or 0, top or 0)
        return (1, spot[1], spot[0])

    elements = sorted(members, key=key)  # stable for equal spots
    if not elements:
        return
    anchor = members[0].getprevious()  # p:grpSpPr: shapes follow the group properties
    for element in elements:
        tree.remove(element)
    for element in reversed(elements):
        anchor.addnext(element)


# Where each kind of shape keeps its own ``a:off``: reading it there is what python-pptx's
# ``shape.left`` and ``top`` do, without making a shape object and walking its properties.
_OFF_PATHS = {tag: f"{path}/{qn('a:off')}" for tag, path in XFRM_PATHS.items()}


def own_offset(element: Any) -> tuple[int, int] | None:
    """``(left, top)`` from the shape's own ``a:off``; None when it has none, or one python-pptx
    would read otherwise (a universal measure such as "1in"), so the caller asks python-pptx."""
    path = _OFF_PATHS.get(element.tag)  # p:contentPart: left to python-pptx, as before
    off = None if path is None else element.find(path)
    if off is None:
        return None
    try:
        return int(off.get("x")), int(off.get("y"))
    except (TypeError, ValueError):
        return None


def draw_slide_number(
    slide: Slide, footer: Footer, number: int, lang: str, palette: Palette | None = None
) -> None:
    """A slide-number field, so the number stays right when a trainer reorders the slides."""
    box: Box = footer.number
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
    font.size = Pt(footer.number_size)
    paint(font.color, Ink.MUTED, palette)
