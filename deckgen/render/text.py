"""Writing text into python-pptx frames: sanitised strings, language tags, and font-size choices."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pptx.dml.color import ColorFormat
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.shapes.autoshape import Shape
from pptx.shapes.base import BaseShape
from pptx.shapes.shapetree import SlideShapes
from pptx.text.text import TextFrame, _Paragraph
from pptx.util import Emu, Pt

from deckgen.render.geometry import Box
from deckgen.textnorm import sanitize

BODY_SIZES = (24, 20, 18)  # top-level bullet sizes to try, largest first; 18 pt is the floor
MIN_BODY_PT = 18
LINE_SPACING = 1.2  # a line's height as a multiple of its font size (Arial/Liberation metrics)
# Average advance of running English text in Liberation Sans is 0.45-0.48 em; 0.55 leaves room
# for capitals and for the space lost when a line breaks before a long word.
AVG_CHAR_EM = 0.55
EMU_PER_PT = 12700
FRAME_INSET_X = 91440  # python-pptx's and PowerPoint's default left and right text insets, EMU
FRAME_INSET_PT = 8.0  # default top plus bottom insets (0.05 in each), in points


class Ink(Enum):
    """Text colours by role, taken from the template's theme so another template restyles them."""

    TEXT = "text"
    MUTED = "muted"  # theme text lightened to about 7:1 contrast on white
    ACCENT = "accent"


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
    align: PP_ALIGN | None = None
    space_before: float | None = None  # points


# Vertical tab and form feed are whitespace: sanitize() drops them, which would glue two words.
_SPACES = str.maketrans({"\x0b": " ", "\x0c": " ", "\t": " "})


def slide_text(text: str) -> str:
    """A string safe for OOXML, on one line: slide text never carries the author's line breaks."""
    return " ".join(sanitize(text.translate(_SPACES)).split())


def notes_text(text: str) -> str:
    """Notes keep their paragraphs; tabs become spaces so they do not jump in the notes pane."""
    return sanitize(text.translate(_SPACES)).strip()


def write_lines(frame: TextFrame, lines: Sequence[Line], *, lang: str) -> None:
    """Replace everything in ``frame`` with ``lines``, one paragraph each."""
    frame.clear()  # type: ignore[no-untyped-call]  # leaves one paragraph, which line 1 reuses
    frame.word_wrap = True
    for n, line in enumerate(lines):
        para = frame.paragraphs[0] if n == 0 else frame.add_paragraph()  # type: ignore[no-untyped-call]
        para.text = slide_text(line.text)
        para.level = max(0, min(line.level, 8))
        if line.align is not None:
            para.alignment = line.align
        if line.space_before is not None:
            para.space_before = Pt(line.space_before)
        if not line.bullet:
            remove_bullet(para)
        style_runs(para, line, lang=lang)


def style_runs(para: _Paragraph, line: Line, *, lang: str) -> None:
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
            paint(font.color, line.ink)


def paint(color: ColorFormat, ink: Ink) -> None:
    if ink is Ink.ACCENT:
        color.theme_color = MSO_THEME_COLOR.ACCENT_1
        return
    color.theme_color = MSO_THEME_COLOR.TEXT_1
    if ink is Ink.MUTED:
        color.brightness = 0.25


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
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = Emu(inset * 2)
    frame.margin_top = frame.margin_bottom = Emu(inset)
    return shape


def estimate_lines(text: str, width_emu: int, size_pt: float) -> int:
    """How many lines ``text`` wraps to in a box ``width_emu`` wide, from an average glyph width.

    A stand-in for real font metrics: replace this one function to make fitting exact.
    """
    width_pt = max(width_emu / EMU_PER_PT, 1.0)
    per_line = max(int(width_pt / (size_pt * AVG_CHAR_EM)), 1)
    return max(1, math.ceil(len(slide_text(text)) / per_line))


def text_height_pt(lines: Sequence[tuple[str, float, float]], width_emu: int) -> float:
    """Height of paragraphs given as (text, size pt, indent emu), with ~0.3 line between them."""
    total = 0.0
    for text, size, indent in lines:
        total += estimate_lines(text, width_emu - int(indent), size) * size * LINE_SPACING
        total += size * 0.3
    return total


def level_size(top_size: float, level: int) -> float:
    """Deeper bullet levels are 2 pt smaller per level, never below the 18 pt floor."""
    return max(MIN_BODY_PT, top_size - 2 * level)


def level_indent(level: int) -> int:
    """Left indent of a bullet level in the default template: 0.3 in, then 0.4 in per level."""
    return Emu(274320 + 365760 * level)


def bullet_font_size(items: Sequence[tuple[str, int]], box: Box) -> float:
    """The top-level size for bullets ``(text, level)`` in ``box``: 24, 20 or 18 pt.

    Steps down while the estimated text is taller than the box; 18 pt is the floor even when it
    still does not fit (splitting a slide is the planner's job, not the renderer's).
    """
    usable = box.height / EMU_PER_PT - FRAME_INSET_PT
    for size in BODY_SIZES:
        paras = [(t, level_size(size, lvl), level_indent(lvl)) for t, lvl in items]
        if text_height_pt(paras, box.width - 2 * FRAME_INSET_X) <= usable:
            return size
    return BODY_SIZES[-1]


def title_font_size(text: str, box: Box, base: float) -> float | None:
    """None when the title fits at the template's size, else a smaller size (20 pt at least)."""
    usable = box.height / EMU_PER_PT - FRAME_INSET_PT
    size = base
    # Titles are bold: about 8 % wider than the regular face the estimate assumes.
    while estimate_lines(text, box.width - 2 * FRAME_INSET_X, size * 1.08) * size * LINE_SPACING > usable:
        if size - 2 < 20:
            break
        size -= 2
    return None if size == base else size


def quote_font_size(quote: str, others: Sequence[str], box: Box, other_size: float) -> float:
    """The largest of 32, 28, 24, 20 pt at which the quote and its side lines fit in ``box``."""
    usable = box.height / EMU_PER_PT - FRAME_INSET_PT
    width = box.width - 2 * FRAME_INSET_X
    sides = [(text, other_size, 0.0) for text in others if text.strip()]
    for size in (32, 28, 24, 20):
        # 26 pt: the space before the quote and before the attribution.
        if text_height_pt([(quote, size, 0.0), *sides], width) + 26 <= usable:
            return size
    return 20


def caption_height(text: str, width: int, size: float) -> int:
    """Height in EMU of a caption box: its estimated lines plus the frame insets."""
    lines = estimate_lines(text, width - 2 * FRAME_INSET_X, size)
    return int((lines * size * LINE_SPACING + FRAME_INSET_PT) * EMU_PER_PT)


def inherited_title_size(shape: BaseShape, *, default: float) -> float:
    """The title size in points: from the layout, the master placeholder, or the title style."""
    node: Any = shape
    while node is not None:
        sizes = node._element.xpath("./p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr/@sz")
        if sizes:
            return int(sizes[0]) / 100
        node = getattr(node, "_base_placeholder", None)
    master = shape.part.slide_layout.slide_master._element  # type: ignore[attr-defined]
    sizes = master.xpath("./p:txStyles/p:titleStyle/a:lvl1pPr/a:defRPr/@sz")
    return int(sizes[0]) / 100 if sizes else default
