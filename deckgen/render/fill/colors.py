"""Theme colours of a slide, what lies behind its text, and WCAG contrast between the two."""

from __future__ import annotations

import colorsys
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any, cast

from pptx.enum.dml import MSO_THEME_COLOR
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.shapes.base import BaseShape
from pptx.slide import Slide, SlideLayout

from deckgen.core.contrast import contrast, luminance
from deckgen.plan.boxes import Box
from deckgen.render.template.measure import list_styles

MIN_CONTRAST = 4.5  # WCAG 2 AA for body text


class Ink(Enum):
    """Text colours by role, taken from the template's theme so another template restyles them."""

    TEXT = "text"
    MUTED = "muted"  # theme text moved towards the background, as far as contrast allows
    ACCENT = "accent"


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
