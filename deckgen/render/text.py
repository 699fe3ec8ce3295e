"""Writing text into python-pptx frames: sanitised strings, language tags, legible colours, sizes that fit.

Sizes are measured with the shipped metric-compatible fonts (``deckgen.fit``), the same model the
planner fits bullet bodies with; colours are the theme's, checked against what lies behind the
text so every line keeps WCAG's 4.5:1 contrast whatever template the deck is built in.
"""

from __future__ import annotations

import colorsys
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any, cast

from pptx.dml.color import ColorFormat
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.shapes.autoshape import Shape
from pptx.shapes.base import BaseShape
from pptx.shapes.shapetree import SlideShapes
from pptx.slide import Slide, SlideLayout
from pptx.text.text import TextFrame, _Paragraph
from pptx.util import Emu, Pt

from deckgen.fit import BRIEFING_BODY, Paragraph, default_book, stack, wrap
from deckgen.fit.fitter import SAFETY
from deckgen.render.geometry import Box
from deckgen.render.measure import font_of, list_styles, theme_fonts
from deckgen.textnorm import sanitize

BODY_SIZES = (24, 20, 18)  # top-level bullet sizes to try, largest first; 18 pt is the floor
MIN_BODY_PT = 18
LINE_SPACING = 1.2  # a single-spaced line's height as a multiple of its size (PowerPoint's rule)
EMU_PER_PT = 12700
FRAME_INSET_X = 91440  # python-pptx's and PowerPoint's default left and right text insets, EMU
FRAME_INSET_PT = 8.0  # default top plus bottom insets (0.05 in each), in points
DEFAULT_FAMILY = "Liberation Sans"
MIN_CONTRAST = 4.5  # WCAG 2 AA for body text


class Ink(Enum):
    """Text colours by role, taken from the template's theme so another template restyles them."""

    TEXT = "text"
    MUTED = "muted"  # theme text moved towards the background, as far as contrast allows
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


# --- colours ------------------------------------------------------------------------------


def luminance(rgb: str) -> float:
    """WCAG relative luminance of "RRGGBB"."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(rgb[i : i + 2], 16) / 255) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two "RRGGBB" colours, 1 to 21."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _hex(r: float, g: float, b: float) -> str:
    return "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02X}" for c in (r, g, b))


def brighten(rgb: str, brightness: float) -> str:
    """``rgb`` with python-pptx's ``brightness`` applied: lumMod (and lumOff) on HSL lightness."""
    r, g, b = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    h, light, s = colorsys.rgb_to_hls(r, g, b)
    light = light * (1 - brightness) + brightness if brightness > 0 else light * (1 + brightness)
    return _hex(*colorsys.hls_to_rgb(h, min(max(light, 0.0), 1.0), s))


def _modified(rgb: str, element: Any) -> str:
    """Apply a colour element's modifiers the way PowerPoint does (tint and shade in linear light)."""
    r, g, b = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    lum_mod, lum_off = 1.0, 0.0
    for mod in element:
        name, val = mod.tag.rsplit("}", 1)[-1], int(mod.get("val", "100000")) / 100000
        if name == "tint":
            lin = [c * val + (1 - val) for c in lin]
        elif name == "shade":
            lin = [c * val for c in lin]
        elif name == "lumMod":
            lum_mod = val
        elif name == "lumOff":
            lum_off = val
    srgb = [12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055 for c in lin]
    if (lum_mod, lum_off) != (1.0, 0.0):
        h, light, s = colorsys.rgb_to_hls(*srgb)
        srgb = list(colorsys.hls_to_rgb(h, min(max(light * lum_mod + lum_off, 0.0), 1.0), s))
    return _hex(*srgb)


_MAPPED = ("bg1", "tx1", "bg2", "tx2")
_DEFAULT_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}


@dataclass(frozen=True)
class Palette:
    """A slide's theme colours ("RRGGBB" by scheme name, colour map applied) and what text sits on."""

    scheme: Mapping[str, str]
    background: str = "FFFFFF"

    def resolve(self, element: Any) -> str | None:
        """The colour of ``a:solidFill`` (or of a colour element itself), modifiers applied."""
        if element is None:
            return None
        if element.tag == qn("a:solidFill"):
            element = element[0] if len(element) else None
            if element is None:
                return None
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "srgbClr":
            base = element.get("val")
        elif tag == "sysClr":
            base = element.get("lastClr")
        elif tag == "schemeClr":
            base = self.scheme.get(element.get("val", ""))
        else:
            return None
        return _modified(base.upper(), element) if base else None

    def text(self) -> str:
        return self.scheme.get("tx1", "000000")

    def accent(self) -> str:
        return self.scheme.get("accent1", self.text())

    def ink(self, ink: Ink) -> tuple[MSO_THEME_COLOR, float]:
        """The theme colour and brightness that draw ``ink`` at 4.5:1 or better on the background.

        Text is the theme's text colour, or its background colour where that reads better (a dark
        band on a light master); muted text moves towards the background only as far as contrast
        allows; the accent darkens (lightens on dark) until it reads, else becomes text.
        """
        bg = self.background
        theme, base = MSO_THEME_COLOR.TEXT_1, self.text()
        light = self.scheme.get("bg1", "FFFFFF")
        if contrast(base, bg) < MIN_CONTRAST and contrast(light, bg) > contrast(base, bg):
            theme, base = MSO_THEME_COLOR.BACKGROUND_1, light
        away = -1.0 if luminance(bg) > 0.18 else 1.0  # darken on light backgrounds, lighten on dark
        if ink is Ink.MUTED:
            for step in (0.25, 0.15):
                if contrast(brighten(base, -away * step), bg) >= MIN_CONTRAST:
                    return theme, -away * step
        if ink is Ink.ACCENT:
            for step in (0.0, 0.25, 0.5):
                if contrast(brighten(self.accent(), away * step), bg) >= MIN_CONTRAST:
                    return MSO_THEME_COLOR.ACCENT_1, away * step
        return theme, 0.0


def slide_palette(slide: Slide, box: Box | None = None) -> Palette:
    """The slide's theme colours, and the colour behind ``box``: the filled shape of the layout or
    master under its centre, else the slide's background."""
    layout = layout_ink(slide.slide_layout)
    palette = layout.palette
    own_map = slide._element.find(f"{qn('p:clrMapOvr')}/{qn('a:overrideClrMapping')}")
    if own_map is not None or slide._element.find(f"{qn('p:cSld')}/{qn('p:bg')}") is not None:
        palette = _palette(slide._element, slide.slide_layout)  # deckgen writes neither; others may
    if box is not None:
        cx, cy = box.left + box.width // 2, box.top + box.height // 2
        for shape, color in layout.fills:  # bottom to top: the last one under the centre shows
            if shape.left <= cx <= shape.right and shape.top <= cy <= shape.bottom:
                palette = replace(palette, background=color)
    return palette


@dataclass(frozen=True)
class LayoutInk:
    """What a layout gives every slide made from it: its colours and background, and the filled
    decorative shapes (bands, bars) of the layout and its master, bottom to top."""

    palette: Palette
    fills: tuple[tuple[Box, str], ...]


# Worked out once per layout of an opened template, not once per text box: the layout part is the
# key, so the entries go with the presentation.
_LAYOUT_INK: weakref.WeakKeyDictionary[Any, LayoutInk] = weakref.WeakKeyDictionary()


def layout_ink(layout: SlideLayout) -> LayoutInk:
    cached = _LAYOUT_INK.get(layout.part)
    if cached is None:
        palette = _palette(None, layout)
        cached = LayoutInk(palette, _filled_shapes(layout, palette))
        _LAYOUT_INK[layout.part] = cached
    return cached


def _palette(slide: Any, layout: SlideLayout) -> Palette:
    master = layout.slide_master
    scheme: dict[str, str] = {}
    try:
        theme = parse_xml(master.part.part_related_by(RT.THEME).blob)
    except (KeyError, ValueError, SyntaxError):
        theme = None
    colors = theme.find(f"{qn('a:themeElements')}/{qn('a:clrScheme')}") if theme is not None else None
    for slot in colors if colors is not None else ():
        value = Palette({}).resolve(slot[0]) if len(slot) else None
        if value:
            scheme[slot.tag.rsplit("}", 1)[-1]] = value
    mapping = dict(_DEFAULT_MAP)
    clr_map = master._element.find(qn("p:clrMap"))
    if clr_map is not None:
        mapping.update(clr_map.attrib)
    owners = [layout._element] + ([slide] if slide is not None else [])
    for owner in owners:
        override = owner.find(f"{qn('p:clrMapOvr')}/{qn('a:overrideClrMapping')}")
        if override is not None:
            mapping.update(override.attrib)
    mapped = dict(scheme)
    for name, slot in mapping.items():
        if slot in scheme:
            mapped[name] = scheme[slot]
    palette = Palette(mapped, mapped.get("bg1", "FFFFFF"))
    for element in (*reversed(owners), master._element):
        background = _background(element, palette)
        if background:
            return replace(palette, background=background)
    return palette


def _background(element: Any, palette: Palette) -> str | None:
    bg = element.find(f"{qn('p:cSld')}/{qn('p:bg')}")
    if bg is None:
        return None
    pr, ref = bg.find(qn("p:bgPr")), bg.find(qn("p:bgRef"))
    if pr is not None:
        fill = pr.find(qn("a:solidFill"))
        if fill is None:  # a gradient: take its first stop
            fill = pr.find(f"{qn('a:gradFill')}/{qn('a:gsLst')}/{qn('a:gs')}")
        return palette.resolve(fill[0] if fill is not None and fill.tag == qn("a:gs") else fill)
    return palette.resolve(ref[0]) if ref is not None and len(ref) else None


def _filled_shapes(layout: SlideLayout, palette: Palette) -> tuple[tuple[Box, str], ...]:
    """The solid-filled decorative shapes of the master (when the layout shows them) and layout."""
    parts: list[Any] = [layout.slide_master, layout]
    if layout._element.get("showMasterSp") == "0":
        parts = [layout]
    found = []
    for part in parts:
        for shape in part.shapes:
            if shape.is_placeholder or None in (shape.left, shape.top, shape.width, shape.height):
                continue
            color = palette.resolve(shape._element.find(f"{qn('p:spPr')}/{qn('a:solidFill')}"))
            if color:
                found.append(
                    (Box(int(shape.left), int(shape.top), int(shape.width), int(shape.height)), color)
                )
    return tuple(found)


def layout_cache(shape: BaseShape, name: str) -> dict[Any, Any]:
    """A per-layout memo for what a slide's placeholders inherit, kept on the layout's part.

    The part lives exactly as long as the presentation being rendered, so nothing cached here can
    leak into another deck; each lookup through python-pptx's inheritance walks XML with xpath.
    """
    part: Any = shape.part.slide_layout.part  # type: ignore[attr-defined]
    memo: dict[str, dict[Any, Any]] = part.__dict__.setdefault("_deckgen_memo", {})
    return memo.setdefault(name, {})


def inherited_color(shape: BaseShape, level: int, palette: Palette) -> str | None:
    """The colour a placeholder's text takes at ``level`` from the layout, master and text styles."""
    if not shape.is_placeholder:
        return None
    cache = layout_cache(shape, "color")
    key = (shape.placeholder_format.idx, level, tuple(sorted(palette.scheme.items())))
    if key not in cache:
        cache[key] = _inherited_color(shape, level, palette)
    return cast("str | None", cache[key])


def _inherited_color(shape: BaseShape, level: int, palette: Palette) -> str | None:
    kind = shape.placeholder_format.type
    style = "titleStyle" if kind is not None and "TITLE" in kind.name else "bodyStyle"
    path = f"{qn(f'a:lvl{level + 1}pPr')}/{qn('a:defRPr')}/{qn('a:solidFill')}"
    master = shape.part.slide_layout.slide_master  # type: ignore[attr-defined]
    for styles in list_styles(shape, master, style):
        fill = styles.find(path)
        if fill is not None:
            return palette.resolve(fill)
    return None


def legible(shape: BaseShape, lines: Sequence[Line], palette: Palette) -> list[Line]:
    """Lines that inherit a colour too faint for their background (a template's light grey
    subtitle) are drawn in muted theme text instead, which keeps 4.5:1."""
    out = []
    for line in lines:
        if line.ink is None:
            inherited = inherited_color(shape, line.level, palette)
            if inherited and contrast(inherited, palette.background) < MIN_CONTRAST:
                line = replace(line, ink=Ink.MUTED)
        out.append(line)
    return out


# --- writing ------------------------------------------------------------------------------


def write_lines(
    frame: TextFrame, lines: Sequence[Line], *, lang: str, palette: Palette | None = None
) -> None:
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
        style_runs(para, line, lang=lang, palette=palette)


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
    if palette is not None:
        theme, brightness = palette.ink(ink)
    elif ink is Ink.ACCENT:
        theme, brightness = MSO_THEME_COLOR.ACCENT_1, 0.0
    else:
        theme, brightness = MSO_THEME_COLOR.TEXT_1, 0.25 if ink is Ink.MUTED else 0.0
    color.theme_color = theme
    if brightness:
        color.brightness = brightness


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


# --- measuring ----------------------------------------------------------------------------


def body_family(slide: Slide) -> str:
    """The theme's body font: what text boxes are set in."""
    return theme_fonts(slide.slide_layout.slide_master)[1] or DEFAULT_FAMILY


def shape_family(shape: BaseShape, *, title: bool = False) -> str:
    """The latin face a placeholder's level-1 text inherits."""
    master = shape.part.slide_layout.slide_master  # type: ignore[attr-defined]
    return font_of(shape, master, "titleStyle" if title else "bodyStyle") or DEFAULT_FAMILY


def estimate_lines(
    text: str, width_emu: int, size_pt: float, *, family: str = DEFAULT_FAMILY, bold: bool = False
) -> int:
    """How many lines ``text`` wraps to in a box ``width_emu`` wide (its text area), measured with
    the font's real advances and 1 % held back for PowerPoint's own rounding."""
    width_pt = max(width_emu / EMU_PER_PT, 1.0) * (1 - SAFETY)
    return len(wrap(slide_text(text), width_pt=width_pt, family=family, size_pt=size_pt, bold=bold))


def text_width_pt(text: str, size_pt: float, *, family: str = DEFAULT_FAMILY, bold: bool = False) -> float:
    """The width of ``text`` set on one line, in points."""
    book = default_book()
    return book.line_width_pt(slide_text(text), book.face(family, bold=bold), size_pt)


def lines_height_pt(
    lines: Sequence[Line], width_emu: int, *, family: str, default_size: float, indents: Sequence[float] = ()
) -> float:
    """Height in points of ``lines`` stacked in a text area ``width_emu`` wide. ``indents`` are the
    left margins in points of bulleted lines, by level; unbulleted lines start at the margin."""
    width_pt = width_emu / EMU_PER_PT * (1 - SAFETY)
    paras = []
    for line in lines:
        indent = 0.0
        if line.bullet:
            indent = indents[min(line.level, len(indents) - 1)] if indents else level_indent_pt(line.level)
        paras.append(
            Paragraph(
                slide_text(line.text),
                size_pt=line.size or default_size,
                width_pt=width_pt - indent,
                bold=bool(line.bold),
                italic=bool(line.italic),
                space_before_pt=line.space_before or 0.0,
            )
        )
    return stack(paras, family=family, first_space_before=False).height


def level_size(top_size: float, level: int) -> float:
    """Deeper bullet levels are 2 pt smaller per level, never below the 18 pt floor."""
    return max(MIN_BODY_PT, top_size - 2 * level)


def level_space(level: int) -> float:
    """Space before a bullet in points, as the planner measured it: 10 pt at the top level, 4 deeper."""
    return BRIEFING_BODY.level(level).space_before_pt


def level_indent_pt(level: int) -> float:
    return BRIEFING_BODY.level(level).indent_pt


def level_indents(shape: BaseShape) -> tuple[float, ...]:
    """The text indents (marL) in points of a placeholder's five levels, from its styles."""
    master = shape.part.slide_layout.slide_master  # type: ignore[attr-defined]
    chain = list_styles(shape, master, "bodyStyle")
    out = []
    for level in range(5):
        found = (el.find(qn(f"a:lvl{level + 1}pPr")) for el in chain)
        mar = next((p.get("marL") for p in found if p is not None and p.get("marL") is not None), None)
        out.append(int(mar) / EMU_PER_PT if mar is not None else level_indent_pt(level))
    return tuple(out)


def inner_width(box: Box) -> int:
    return box.width - 2 * FRAME_INSET_X


def inner_height_pt(box: Box) -> float:
    return box.height / EMU_PER_PT - FRAME_INSET_PT


def bullet_font_size(
    items: Sequence[tuple[str, int]],
    box: Box,
    *,
    family: str = DEFAULT_FAMILY,
    sizes: Sequence[float] = BODY_SIZES,
) -> float:
    """The largest top-level size in ``sizes`` at which bullets ``(text, level)`` fit ``box``.

    18 pt is the floor even when it still does not fit (splitting is the planner's job).
    """
    for size in sizes:
        lines = [
            Line(t, level=lvl, size=level_size(size, lvl), space_before=level_space(lvl)) for t, lvl in items
        ]
        if lines_height_pt(lines, inner_width(box), family=family, default_size=size) <= inner_height_pt(box):
            return size
    return sizes[-1] if sizes else MIN_BODY_PT


def title_font_size(
    text: str,
    box: Box,
    base: float,
    *,
    family: str = DEFAULT_FAMILY,
    bold: bool = False,
    line_spacing: float = 1.0,
) -> float | None:
    """None when the title sits well at the template's size, else a smaller size (20 pt at least).

    Smaller when the title overflows its box; when a step or three down (to three quarters of the
    template's size, then two thirds) puts it on one line or mends a wrap that leaves one word
    alone on the last line or splits a hyphenated word ("2014-" / "2022").
    """
    width_pt = inner_width(box) / EMU_PER_PT * (1 - SAFETY)
    room = inner_height_pt(box)

    def layout(size: float) -> list[str]:
        return wrap(slide_text(text), width_pt=width_pt, family=family, size_pt=size, bold=bold)

    def one_line(lines: list[str]) -> bool:
        return len(lines) == 1

    def clean(lines: list[str]) -> bool:
        split_word = any(line.endswith(("-", "\u2013")) for line in lines[:-1])
        return len(lines) == 1 or (len(lines[-1].split()) > 1 and not split_word)

    def fits(size: float, lines: list[str]) -> bool:
        return len(lines) * size * LINE_SPACING * line_spacing <= room

    first = layout(base)
    if len(first) == 1 and fits(base, first):
        return None  # the usual case: one line at the template's size
    sizes = [base - 2 * n for n in range(int((base - 20) // 2) + 1)] or [base]
    laid = {size: first if size == base else layout(size) for size in sizes}
    fitting = [s for s in sizes if fits(s, laid[s])]
    # One line, else a tidy wrap, a little smaller first; only then smaller still.
    tiers = ((0.75, one_line), (0.75, clean), (2 / 3, one_line), (2 / 3, clean))
    choice = next(
        (s for share, good in tiers for s in fitting if s >= max(20.0, base * share) and good(laid[s])),
        fitting[0] if fitting else sizes[-1],
    )
    return None if choice == base else choice


def quote_font_size(
    quote: str, others: Sequence[str], box: Box, other_size: float, *, family: str = DEFAULT_FAMILY
) -> float:
    """The largest of 32, 28, 24, 20 pt at which the quote and its side lines fit in ``box``."""
    sides = [Line(text, size=other_size, bullet=False, space_before=14) for text in others if text.strip()]
    for size in (32, 28, 24, 20):
        lines = [Line(quote, size=size, italic=True, bullet=False, space_before=12), *sides]
        if lines_height_pt(lines, inner_width(box), family=family, default_size=size) <= inner_height_pt(box):
            return size
    return 20


def caption_height(text: str, width: int, size: float, *, family: str = DEFAULT_FAMILY) -> int:
    """Height in EMU of a caption box: its lines plus the frame insets."""
    lines = estimate_lines(text, width - 2 * FRAME_INSET_X, size, family=family)
    return int((lines * size * LINE_SPACING + FRAME_INSET_PT) * EMU_PER_PT) + 1


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


def inherited_level_attr(
    shape: BaseShape, name: str, *, title: bool = False, child: str = "a:defRPr"
) -> str | None:
    """An attribute of a placeholder's level-1 paragraph (``child`` "") or run defaults, inherited."""
    master = shape.part.slide_layout.slide_master  # type: ignore[attr-defined]
    path = qn("a:lvl1pPr") + (f"/{qn(child)}" if child else "")
    for styles in list_styles(shape, master, "titleStyle" if title else "bodyStyle"):
        element = styles.find(path)
        if element is not None and element.get(name) is not None:
            return str(element.get(name))
    return None


def inherited_line_spacing(shape: BaseShape, *, title: bool = False) -> float:
    """The level-1 line spacing as a multiple (``a:lnSpc/a:spcPct``), 1.0 when none is set."""
    master = shape.part.slide_layout.slide_master  # type: ignore[attr-defined]
    path = f"{qn('a:lvl1pPr')}/{qn('a:lnSpc')}/{qn('a:spcPct')}"
    for styles in list_styles(shape, master, "titleStyle" if title else "bodyStyle"):
        element = styles.find(path)
        if element is not None and element.get("val"):
            return int(element.get("val")) / 100000
    return 1.0
