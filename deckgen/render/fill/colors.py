"""Theme colours of a slide, what lies behind its text, and WCAG contrast between the two."""

from __future__ import annotations

import colorsys
import io
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any, cast

from PIL import Image
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.shapes.base import BaseShape
from pptx.shapes.picture import Picture
from pptx.slide import Slide, SlideLayout

from deckgen.core.contrast import contrast, luminance
from deckgen.plan.boxes import Box
from deckgen.render.fill.layoutmemo import layout_cache, layout_of, ph_element
from deckgen.render.template.measure import list_styles

MIN_CONTRAST = 4.5  # WCAG 2 AA for body text
# A picture's average colour is an estimate of what lies behind text on it (Pillow's thumbnail,
# another program's scaling): aim that much higher there.
PICTURE_MARGIN = 1.1


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
    judged: bool = True  # False: a picture no one could read is behind the text
    need: float = MIN_CONTRAST  # higher on a picture, whose colour is an average

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
        band on a light master), pushed away from the background until it reads; muted text moves
        towards the background only as far as contrast allows; the accent darkens (lightens on
        dark) until it reads, else becomes text. Behind text on a picture no one could read, the
        theme's text colour, which the template chose for its picture. Worked out once for each
        background and the three theme colours it depends on: every marking and source line asks.
        """
        theme = (self.text(), self.accent(), self.scheme.get("bg1"))
        key = (ink, self.judged, self.background, self.need, theme)
        found = _INKS.get(key)
        if found is None:
            if len(_INKS) > 4096:  # backgrounds averaged over pictures can be many
                _INKS.clear()
            found = _INKS[key] = self._ink(ink)
        return found

    def _ink(self, ink: Ink) -> tuple[MSO_THEME_COLOR, float]:
        if not self.judged:
            return MSO_THEME_COLOR.TEXT_1, 0.0
        bg = self.background
        theme, base = MSO_THEME_COLOR.TEXT_1, self.text()
        light = self.scheme.get("bg1", "FFFFFF")
        if contrast(base, bg) < self.need and contrast(light, bg) > contrast(base, bg):
            theme, base = MSO_THEME_COLOR.BACKGROUND_1, light
        away = -1.0 if luminance(bg) > 0.18 else 1.0  # darken on light backgrounds, lighten on dark
        if ink is Ink.MUTED:
            for step in (0.25, 0.15):
                if contrast(brighten(base, -away * step), bg) >= self.need:
                    return theme, -away * step
        if ink is Ink.ACCENT:
            for step in (0.0, 0.25, 0.5, 0.75):
                if contrast(brighten(self.accent(), away * step), bg) >= self.need:
                    return MSO_THEME_COLOR.ACCENT_1, away * step
        # At full brightness the text is white on dark or black on light: 4.58:1 at the least.
        for step in (0.0, 0.25, 0.5, 0.75):
            if contrast(brighten(base, away * step), bg) >= self.need:
                return theme, away * step
        return theme, away


_INKS: dict[tuple[Any, ...], tuple[MSO_THEME_COLOR, float]] = {}
_OWN_MAP = f"{qn('p:clrMapOvr')}/{qn('a:overrideClrMapping')}"
_OWN_BG = f"{qn('p:cSld')}/{qn('p:bg')}"


def own_colours(slide: Slide) -> bool:
    """Whether the slide overrides its layout's colour map or background (deckgen writes
    neither; another tool may): then its colours are not its layout's."""
    element = slide._element
    return element.find(_OWN_MAP) is not None or element.find(_OWN_BG) is not None


def slide_palette(slide: Slide, box: Box | None = None) -> Palette:
    """The slide's theme colours, and the colour behind ``box``: the filled shape or picture of
    the layout or master under its centre (a picture's average colour over the box), else the
    slide's background."""
    layout = layout_ink(layout_of(slide.part))
    palette = layout.palette
    if own_colours(slide):
        palette = _palette(slide._element, slide.slide_layout)  # deckgen writes neither; others may
    if box is not None:
        cx, cy = box.left + box.width // 2, box.top + box.height // 2
        for shape, fill in layout.fills:  # bottom to top: the last one under the centre shows
            if shape.left <= cx <= shape.right and shape.top <= cy <= shape.bottom:
                color = fill if isinstance(fill, str) else fill.average(shape, box)
                background = color or palette.scheme.get("bg1", "FFFFFF")
                need = MIN_CONTRAST if isinstance(fill, str) else MIN_CONTRAST * PICTURE_MARGIN
                palette = replace(palette, background=background, judged=color is not None, need=need)
    return palette


def mixed_backdrop(slide: Slide, box: Box) -> bool:
    """Whether a template shape or picture reaches into ``box`` without covering it, above
    whatever covers it whole (Sunset's striped frame under the top marking): one text colour
    cannot be sure to read on both sides of that edge, and ``slide_palette`` judges the colour
    under the box's centre only."""
    partial = False
    for shape, _fill in layout_ink(layout_of(slide.part)).fills:  # bottom to top
        apart = shape.right <= box.left or shape.left >= box.right
        if apart or shape.bottom <= box.top or shape.top >= box.bottom:
            continue
        covers = shape.left <= box.left and shape.top <= box.top
        partial = not (covers and shape.right >= box.right and shape.bottom >= box.bottom)
    return partial


@dataclass(frozen=True, eq=False)
class Backdrop:
    """A picture text may sit on, shrunk to a few thousand pixels; ``image`` None when Pillow
    cannot read it (a vector picture, a damaged file)."""

    image: Image.Image | None

    def average(self, where: Box, box: Box) -> str | None:
        """The average colour of the picture, stretched over ``where``, under ``box``."""
        if self.image is None or where.width <= 0 or where.height <= 0:
            return None
        w, h = self.image.size
        left, top = max(box.left, where.left), max(box.top, where.top)
        right, bottom = min(box.right, where.right), min(box.bottom, where.bottom)
        x0, x1 = ((x - where.left) * w // where.width for x in (left, right))
        y0, y1 = ((y - where.top) * h // where.height for y in (top, bottom))
        x0, y0 = min(max(x0, 0), w - 1), min(max(y0, 0), h - 1)
        crop = self.image.crop((x0, y0, max(x1, x0 + 1), max(y1, y0 + 1)))
        r, g, b = cast("tuple[int, int, int]", crop.resize((1, 1), Image.Resampling.BOX).getpixel((0, 0)))
        return f"{r:02X}{g:02X}{b:02X}"


_BACKDROPS: weakref.WeakKeyDictionary[Any, Backdrop] = weakref.WeakKeyDictionary()


def backdrop(image_part: Any, under: str) -> Backdrop:
    """The picture in ``image_part``, transparent pixels over ``under``; read once per part."""
    cached = _BACKDROPS.get(image_part)
    if cached is None:
        try:
            with Image.open(io.BytesIO(image_part.blob)) as opened:
                opened.draft("RGB", (256, 256))  # JPEG: decode at a fraction of the size
                picture = opened.convert("RGBA")
            picture.thumbnail((96, 96))
            flat = Image.new("RGBA", picture.size, "#" + under)
            cached = Backdrop(Image.alpha_composite(flat, picture).convert("RGB"))
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            cached = Backdrop(None)
        _BACKDROPS[image_part] = cached
    return cached


@dataclass(frozen=True)
class LayoutInk:
    """What a layout gives every slide made from it: its colours and background, and what lies
    on it, bottom to top: a background picture, then the filled decorative shapes (bands, bars)
    and pictures of the master and the layout."""

    palette: Palette
    fills: tuple[tuple[Box, str | Backdrop], ...]


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


def _filled_shapes(layout: SlideLayout, palette: Palette) -> tuple[tuple[Box, str | Backdrop], ...]:
    """A background picture, then the solid-filled shapes and the pictures of the master (when
    the layout shows them) and the layout."""
    found: list[tuple[Box, str | Backdrop]] = []
    slide_box = _slide_box(layout)
    for owner in (layout, layout.slide_master):  # the nearest background shows
        bg = owner._element.find(f"{qn('p:cSld')}/{qn('p:bg')}")
        if bg is not None:
            blip = bg.find(f"{qn('p:bgPr')}/{qn('a:blipFill')}/{qn('a:blip')}")
            if blip is not None and slide_box is not None:
                found.append((slide_box, _picture(owner.part, blip, palette)))
            break
    parts: list[Any] = [layout.slide_master, layout]
    if layout._element.get("showMasterSp") == "0":
        parts = [layout]
    for part in parts:
        for shape in part.shapes:
            if shape.is_placeholder or None in (shape.left, shape.top, shape.width, shape.height):
                continue
            box = Box(int(shape.left), int(shape.top), int(shape.width), int(shape.height))
            # Not ``shape_type``: python-pptx raises NotImplementedError for a shape without
            # a geometry, which the schema allows.
            if isinstance(shape, Picture):
                blip = shape._element.find(f"{qn('p:blipFill')}/{qn('a:blip')}")
                found.append((box, _picture(part.part, blip, palette)))
                continue
            color = palette.resolve(shape._element.find(f"{qn('p:spPr')}/{qn('a:solidFill')}"))
            if color:
                found.append((box, color))
    return tuple(found)


def _slide_box(layout: SlideLayout) -> Box | None:
    prs = layout.part.package.presentation_part.presentation
    width, height = prs.slide_width, prs.slide_height
    return Box(0, 0, int(width), int(height)) if width and height else None


def _picture(part: Any, blip: Any, palette: Palette) -> Backdrop:
    """The picture an ``a:blip`` of ``part`` embeds (a linked one cannot be read)."""
    rid = blip.get(qn("r:embed")) if blip is not None else None
    try:
        image_part = part.related_part(rid) if rid else None
    except KeyError:
        image_part = None
    return backdrop(image_part, palette.background) if image_part is not None else Backdrop(None)


def inherited_color(shape: BaseShape, level: int, palette: Palette) -> str | None:
    """The colour a placeholder's text takes at ``level`` from the layout, master and text styles."""
    ph = ph_element(shape)
    if ph is None:
        return None
    cache = layout_cache(shape, "color")
    # LibreOffice's exports give every placeholder idx 0: the type too
    key = (ph.type, ph.idx, level, tuple(sorted(palette.scheme.items())))
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
