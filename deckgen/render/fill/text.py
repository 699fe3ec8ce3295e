"""Writing text into python-pptx frames: sanitised strings, language tags, legible theme colours."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, cast

from pptx.dml.color import ColorFormat
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.parts.slide import SlidePart
from pptx.shapes.autoshape import Shape
from pptx.shapes.base import BaseShape
from pptx.shapes.shapetree import SlideShapes
from pptx.text.text import TextFrame, _Paragraph
from pptx.util import Emu, Pt

from deckgen.core.contrast import contrast
from deckgen.core.textnorm import notes_text, slide_text
from deckgen.fit.fitter import HANG_EM
from deckgen.plan.boxes import Box
from deckgen.plan.sizing import MIN_BODY_PT
from deckgen.render.fill.colors import Ink, Palette, inherited_color, slide_palette
from deckgen.render.fill.layoutmemo import XFRM_PATHS, layout_cache, layout_of, ph_element
from deckgen.render.fill.textxml import (
    A_BODY_PR,
    ParaSpec,
    RunStyle,
    box_body,
    centipoints,
    cleared,
    in_range,
    writable,
    write_paragraphs,
    write_plain,
)
from deckgen.render.template.measure import prompt_only


@dataclass(frozen=True)
class Line:
    """One paragraph to write. ``None`` fields inherit from the placeholder or template."""

    text: str
    level: int = 0
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    ink: Ink | None = None
    bullet: bool = True  # False removes the bullet and its hanging indent
    hang: bool = False  # with bullet False: the first word is a label that hangs (HANG_EM)
    align: PP_ALIGN | None = None
    space_before: float | None = None  # points


def legible(shape: BaseShape, lines: Sequence[Line], palette: Palette) -> list[Line]:
    """Lines that inherit a colour too faint for their background (a template's light grey
    subtitle) are drawn in muted theme text instead, which keeps 4.5:1; lines that inherit no
    colour, and so show the theme's text colour, are drawn in theme text that reads on the
    background when that colour does not (black on a LibreOffice template's blue picture)."""
    out = []
    for line in lines:
        if line.ink is None:
            inherited = inherited_color(shape, line.level, palette)
            shown = inherited or palette.text()
            if palette.judged and contrast(shown, palette.background) < palette.need:
                line = replace(line, ink=Ink.MUTED if inherited else Ink.TEXT)
        out.append(line)
    return out


# --- writing ------------------------------------------------------------------------------


def write_lines(
    frame: TextFrame, lines: Sequence[Line], *, lang: str, palette: Palette | None = None
) -> None:
    """Replace everything in ``frame`` with ``lines``, one paragraph each, coloured for what lies
    behind ``frame``'s own shape (a caller's ``palette`` may be for a larger area around it).

    ``write_lines_xml`` writes it, at a fraction of the cost of python-pptx's objects; a frame it
    declines (a first paragraph that keeps properties, a value python-pptx would refuse) is
    written by ``write_lines_pptx``, the reference it matches byte for byte."""
    if not write_lines_xml(frame, lines, lang=lang, palette=palette):
        write_lines_pptx(frame, lines, lang=lang, palette=palette)


def write_lines_xml(
    frame: TextFrame, lines: Sequence[Line], *, lang: str, palette: Palette | None = None
) -> bool:
    """``write_lines`` as XML text (``textxml``): what python-pptx's setters would write. False,
    changing nothing, when ``textxml`` declines the frame or a value."""
    palette = palette_behind(frame, palette)
    specs = [para_spec(line, lang, palette) for line in pinned(frame, lines)]
    if not all(in_range(spec) for spec in specs):
        return False
    body: Any = frame._txBody
    first = cleared(body)
    if first is None:
        return False
    body.find(A_BODY_PR).set("wrap", "square")  # frame.word_wrap = True
    write_paragraphs(body, first, specs)
    return True


def write_lines_pptx(
    frame: TextFrame, lines: Sequence[Line], *, lang: str, palette: Palette | None = None
) -> None:
    """``write_lines`` through python-pptx's objects: the reference ``write_lines_xml`` is tested
    against, and the path for the frames it declines."""
    palette = palette_behind(frame, palette)
    _write_pptx(frame, pinned(frame, lines), lang=lang, palette=palette)


def _write_pptx(frame: TextFrame, lines: Sequence[Line], *, lang: str, palette: Palette | None) -> None:
    frame.clear()  # type: ignore[no-untyped-call]  # leaves one paragraph, which line 1 reuses
    frame.word_wrap = True
    for n, line in enumerate(lines):
        para = frame.paragraphs[0] if n == 0 else frame.add_paragraph()  # type: ignore[no-untyped-call]
        para.text = hanging(line) if line.hang else slide_text(line.text)
        para.level = max(0, min(line.level, 8))
        if line.align is not None:
            para.alignment = line.align
        if line.space_before is not None:
            para.space_before = Pt(line.space_before)
        if not line.bullet:
            remove_bullet(para)
        if line.hang:
            hang = hang_width(line)
            para._p.get_or_add_pPr().set("marL", str(hang))
            para._p.get_or_add_pPr().set("indent", str(-hang))
        style_runs(para, line, lang=lang, palette=palette)


def para_spec(line: Line, lang: str, palette: Palette | None) -> ParaSpec:
    """What ``_write_pptx`` sets on ``line``'s paragraph, as the XML values python-pptx writes."""
    scheme, brightness = None, 0.0
    if line.ink is not None:
        theme, brightness = ink_theme(line.ink, palette)
        scheme = MSO_THEME_COLOR.to_xml(theme)
    style = RunStyle(
        lang,
        sz=None if line.size is None else str(centipoints(line.size)),
        b=None if line.bold is None else ("1" if line.bold else "0"),
        i=None if line.italic is None else ("1" if line.italic else "0"),
        scheme=scheme,
        brightness=brightness,
    )
    return ParaSpec(
        hanging(line) if line.hang else slide_text(line.text),
        style,
        lvl=max(0, min(line.level, 8)),
        algn=None if line.align is None else PP_ALIGN.to_xml(line.align),
        spc_before=None if line.space_before is None else int(Pt(line.space_before)),
        bullet=line.bullet,
        margin=hang_width(line) if line.hang else None,
    )


def hang_width(line: Line) -> int:
    """The hanging indent of a labelled line, in EMU: HANG_EM of its size."""
    return int(Pt(HANG_EM * (line.size or MIN_BODY_PT)))


def hanging(line: Line) -> str:
    """ "A.<tab>text": the tab takes the text to the hanging indent, where wrapped lines start."""
    label, _, rest = slide_text(line.text).partition(" ")
    return f"{label}\t{rest}" if rest else label


def pinned(frame: TextFrame, lines: Sequence[Line]) -> list[Line]:
    """Lines that keep the template's size (or weight) where only its placeholders' prompt
    paragraphs set it (LibreOffice's exports) say it, so it is drawn at the size the plan
    measured rather than at whatever each program falls back to."""
    shape = getattr(frame, "_parent", None)
    if not isinstance(shape, BaseShape) or not isinstance(shape.part, SlidePart) or ph_element(shape) is None:
        return list(lines)
    out = []
    for line in lines:
        if line.size is None or line.bold is None:
            size, bold = prompt_pins(shape, line.level)
            line = replace(
                line,
                size=line.size if line.size is not None else size,
                bold=line.bold if line.bold is not None else (True if bold else None),
            )
        out.append(line)
    return out


def prompt_pins(shape: BaseShape, level: int) -> tuple[float | None, bool]:
    """``prompt_only`` for a slide placeholder's ``level`` (0-based), once per layout."""
    ph = ph_element(shape)
    kind = ph.type
    cache = layout_cache(shape, "pins")
    key = (kind, ph.idx, level)
    if key not in cache:
        style = "titleStyle" if kind is not None and "TITLE" in kind.name else "bodyStyle"
        master = layout_of(shape.part).slide_master
        cache[key] = prompt_only(shape, master, style, level + 1)
    return cast("tuple[float | None, bool]", cache[key])


def palette_behind(frame: TextFrame, palette: Palette | None) -> Palette | None:
    """``palette`` with the background under the frame's shape, when that is a slide's shape."""
    shape = getattr(frame, "_parent", None)
    part = getattr(shape, "part", None)
    if palette is None or shape is None or not isinstance(part, SlidePart):
        return palette
    spot = shown_spot(shape)
    if any(v is None for v in spot):
        return palette
    return slide_palette(part.slide, Box(*(int(v) for v in spot if v is not None)))


Spot = tuple[int | None, int | None, int | None, int | None]  # left, top, width, height


def shown_spot(shape: BaseShape) -> Spot:
    """``(left, top, width, height)`` as shown, each None when nothing says it. A placeholder
    without a position of its own takes its layout's, which python-pptx looks up through the
    layout with xpath on every read of each of the four: read once per layout and idx. A shape
    with its own ``a:off`` and ``a:ext`` is read from their attributes, which is what python-pptx
    returns for them, without its property machinery (this runs for every shape on every slide)."""
    element: Any = shape._element
    path = XFRM_PATHS.get(element.tag)
    xfrm = element.find(path) if path is not None else element.xfrm
    if xfrm is not None:
        spot = _own_spot(xfrm)
        if spot is not None:
            return spot
    elif shape.is_placeholder:
        cache = layout_cache(shape, "spot")
        idx = ph_element(shape).idx
        if idx not in cache:
            cache[idx] = _spot(shape)
        return cast(Spot, cache[idx])
    return _spot(shape)


_OFF, _EXT = qn("a:off"), qn("a:ext")


def _own_spot(xfrm: Any) -> Spot | None:
    """The four values of an ``a:xfrm`` with both ``a:off`` and ``a:ext`` in plain EMU; None
    for anything else (a missing part inherits, "1in" is a universal measure): python-pptx reads those."""
    off, ext = xfrm.find(_OFF), xfrm.find(_EXT)
    if off is None or ext is None:
        return None
    try:
        return (int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy")))
    except (TypeError, ValueError):
        return None


def _spot(shape: BaseShape) -> Spot:
    values = (shape.left, shape.top, shape.width, shape.height)
    return cast(Spot, tuple(None if v is None else int(v) for v in values))


def style_runs(para: _Paragraph, line: Line, *, lang: str, palette: Palette | None = None) -> None:
    for run in para.runs:
        run._r.get_or_add_rPr().set("lang", lang)
        font = run.font
        if line.size is not None:
            font.size = Pt(line.size)
        if line.bold is not None:
            font.bold = line.bold
        if line.italic is not None:
            font.italic = line.italic
        if line.ink is not None:
            paint(font.color, line.ink, palette)


def paint(color: ColorFormat, ink: Ink, palette: Palette | None = None) -> None:
    """A theme colour, so another template restyles it; brightened only as far as contrast allows."""
    theme, brightness = ink_theme(ink, palette)
    color.theme_color = theme
    if brightness:
        color.brightness = brightness


def ink_theme(ink: Ink, palette: Palette | None) -> tuple[MSO_THEME_COLOR, float]:
    """The theme colour and brightness that draw ``ink`` on ``palette``'s background."""
    if palette is not None:
        return palette.ink(ink)
    if ink is Ink.ACCENT:
        return MSO_THEME_COLOR.ACCENT_1, 0.0
    return MSO_THEME_COLOR.TEXT_1, 0.25 if ink is Ink.MUTED else 0.0


def remove_bullet(para: _Paragraph) -> None:
    ppr = para._p.get_or_add_pPr()
    ppr.set("marL", "0")
    ppr.set("indent", "0")
    for tag in ("a:buNone", "a:buAutoNum", "a:buChar", "a:buBlip"):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    bu_none = ppr.makeelement(qn("a:buNone"), {})
    # a:buNone belongs after the spacing and bullet-font elements and before tab stops.
    successors = [ppr.find(qn(tag)) for tag in ("a:tabLst", "a:defRPr", "a:extLst")]
    anchor = next((el for el in successors if el is not None), None)
    if anchor is None:
        ppr.append(bu_none)
    else:
        anchor.addprevious(bu_none)


def write_notes(notes_frame: TextFrame, text: str, *, lang: str) -> None:
    """The speaker notes, a paragraph per line, written as XML (``write_notes_xml``); text XML
    cannot hold goes ``write_notes_pptx``'s way, so python-pptx raises as it did."""
    if not write_notes_xml(notes_frame, text, lang=lang):
        write_notes_pptx(notes_frame, text, lang=lang)


def write_notes_xml(notes_frame: TextFrame, text: str, *, lang: str) -> bool:
    """``write_notes`` as XML text; False, changing nothing, for text XML cannot hold."""
    texts = notes_text(text).split("\n")
    if not all(writable(t, lang) for t in texts):
        return False
    write_plain(notes_frame._txBody, texts, lang)
    return True


def write_notes_pptx(notes_frame: TextFrame, text: str, *, lang: str) -> None:
    """``write_notes`` through python-pptx's objects: the reference, and the path for the rest."""
    notes_frame.text = notes_text(text)
    for para in notes_frame.paragraphs:
        for run in para.runs:
            run._r.get_or_add_rPr().set("lang", lang)


def add_text_box(
    shapes: SlideShapes,
    box: Box,
    *,
    name: str,
    anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
    inset: int = Emu(45720),
) -> Shape:
    """A text box that wraps and never resizes itself, so what we measured is what is shown."""
    shape = shapes.add_textbox(Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height))
    shape.name = name
    element: Any = shape._element
    if not box_body(element.txBody.bodyPr, MSO_ANCHOR.to_xml(anchor), inset):
        set_box_body(shape.text_frame, anchor=anchor, inset=inset)
    return shape


def set_box_body(frame: TextFrame, *, anchor: MSO_ANCHOR, inset: int) -> None:
    """``add_text_box``'s frame settings through python-pptx's setters: the reference
    ``textxml.box_body`` is tested against, and the path for a frame it declines."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = Emu(inset * 2)
    frame.margin_top = frame.margin_bottom = Emu(inset)
