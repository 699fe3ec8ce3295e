"""Font files and text widths: the shipped metric-compatible fonts, measured with Pillow."""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont, features

from deckgen.core.assets import assets_dir

FALLBACK_FAMILY = "Liberation Sans"
# File stems of the families shipped in assets/fonts; the four styles follow the same pattern.
FAMILY_FILES = {"Liberation Sans": "LiberationSans", "Carlito": "Carlito"}
STYLE_SUFFIX = {
    (False, False): "Regular",
    (True, False): "Bold",
    (False, True): "Italic",
    (True, True): "BoldItalic",
}
# Names a template or an author may use, lower-cased, and the shipped family with the same advance
# widths: Liberation Sans was drawn to Arial's metrics (Arimo/Helvetica share them), Carlito to
# Calibri's. A deck set in Arial therefore wraps exactly where one set in Liberation Sans does.
ALIASES = {
    "liberation sans": "Liberation Sans",
    "arial": "Liberation Sans",
    "arimo": "Liberation Sans",
    "helvetica": "Liberation Sans",
    "carlito": "Carlito",
    "calibri": "Carlito",
}
# Widths are measured at this many pixels per em and scaled down. Pillow reports advances in 1/64
# pixel, so at 2048 ppem (the units-per-em of both families) a measurement is exact to 1/131072 em,
# and hinting, which rounds advances at small pixel sizes, has nothing left to round.
MEASURE_PPEM = 2048
# LibreOffice Impress formats text against a 600 dpi reference device (see FontBook).
LAYOUT_DPI = 600
NO_LIGATURES = ["-liga", "-clig"]


@dataclass(frozen=True)
class Face:
    """One font file: a shipped family in one of its four styles."""

    family: str
    bold: bool
    italic: bool


@dataclass(frozen=True)
class VerticalMetrics:
    """A face's ascent, descent and line gap (hhea), as fractions of the em."""

    ascent: float
    descent: float
    line_gap: float


class FontBook:
    """Finds the shipped font files, loads each face once, and measures text in points.

    Widths come from advances and kerning pairs measured once per face at 2048 ppem. By default
    they are then put on LibreOffice's layout grid: Impress lays text out on a 600 dpi reference
    device, where the font is a whole number of pixels high and every glyph advance is rounded to
    a whole pixel. That moves a line by up to ±0.3 % and decides breaks that land near the margin;
    ``layout_dpi=None`` gives the ideal, unrounded widths instead.

    Not a frozen value: it owns caches of loaded faces and measured glyphs. Share one instance
    (``default_book()``) rather than building one per measurement.
    """

    def __init__(
        self, font_dirs: Sequence[Path] | None = None, *, layout_dpi: int | None = LAYOUT_DPI
    ) -> None:
        self.font_dirs = tuple(font_dirs) if font_dirs is not None else (assets_dir() / "fonts",)
        self.layout_dpi = layout_dpi
        self._fonts: dict[Face, ImageFont.FreeTypeFont] = {}
        self._tables: dict[Face, _Glyphs] = {}
        # Raqm shapes with HarfBuzz and applies the GPOS kerning LibreOffice applies; Pillow's
        # basic layout reads only the legacy kern table, which these fonts barely use.
        self._layout = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC

    @property
    def kerns(self) -> bool:
        return self._layout == ImageFont.Layout.RAQM

    def family_of(self, name: str) -> str:
        """The shipped family that stands in for ``name``; unknown names get Liberation Sans."""
        return ALIASES.get(" ".join(name.lower().split()), FALLBACK_FAMILY)

    def knows(self, name: str) -> bool:
        """True when ``name`` is shipped or metric-compatible with a shipped family."""
        return " ".join(name.lower().split()) in ALIASES

    def face(self, family: str, *, bold: bool = False, italic: bool = False) -> Face:
        return Face(self.family_of(family), bold, italic)

    def path(self, face: Face) -> Path:
        name = f"{FAMILY_FILES[face.family]}-{STYLE_SUFFIX[(face.bold, face.italic)]}.ttf"
        for folder in self.font_dirs:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        searched = ", ".join(str(folder) for folder in self.font_dirs)
        raise FileNotFoundError(f"font file {name} not found in {searched}")

    def font(self, face: Face) -> ImageFont.FreeTypeFont:
        """The face loaded at the measuring size; loaded on first use and kept."""
        loaded = self._fonts.get(face)
        if loaded is None:
            loaded = ImageFont.truetype(str(self.path(face)), MEASURE_PPEM, layout_engine=self._layout)
            self._fonts[face] = loaded
        return loaded

    def line_width_pt(self, text: str, face: Face, size_pt: float) -> float:
        """The advance width of ``text`` set on one line at ``size_pt``, in points."""
        glyphs = self._glyphs(face)
        kerning = glyphs.kerning_of(text) if self.kerns else 0.0
        if self.layout_dpi is None:
            return (glyphs.advances_of(text) + kerning) * size_pt
        ppem = _nearest(size_pt * self.layout_dpi / 72)
        return (glyphs.pixels_of(text, ppem) + _nearest(kerning * ppem)) * 72 / self.layout_dpi

    def _glyphs(self, face: Face) -> _Glyphs:
        glyphs = self._tables.get(face)
        if glyphs is None:
            glyphs = self._tables[face] = _Glyphs(self.font(face), kerns=self.kerns)
        return glyphs

    def snap_pt(self, width_pt: float) -> float:
        """A box width as the layout grid sees it, which can differ from ``width_pt`` by 0.1 pt.

        LibreOffice holds shape sizes in 1/100 mm and compares line widths in whole pixels of
        its reference device: 297.3 pt is 10488 hundredths of a millimetre, 2477 pixels, and a
        line of 2478 pixels no longer fits.
        """
        if self.layout_dpi is None:
            return width_pt
        hundredths_mm = _nearest(width_pt * 2540 / 72)
        return _nearest(hundredths_mm * self.layout_dpi / 2540) * 72 / self.layout_dpi

    def width_pt(
        self, text: str, *, family: str, size_pt: float, bold: bool = False, italic: bool = False
    ) -> float:
        """The advance width of ``text`` set on one line at ``size_pt``, in points."""
        return self.line_width_pt(text, self.face(family, bold=bold, italic=italic), size_pt)

    def vertical(self, family: str, *, bold: bool = False, italic: bool = False) -> VerticalMetrics:
        """Ascent, descent and line gap as Pillow reads them (hhea), in ems."""
        font = self.font(self.face(family, bold=bold, italic=italic))
        ascent, descent = font.getmetrics()
        gap = font.font.height - ascent - descent
        return VerticalMetrics(ascent / MEASURE_PPEM, descent / MEASURE_PPEM, max(gap, 0) / MEASURE_PPEM)


# Characters the shaper refuses, measured as the space the renderer turns them into.
_AS_SPACE = {code: " " for code in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029)}


class _Glyphs:
    """One face's measured advances and kerning pairs, filled as characters turn up.

    Lines are measured many times over while a paragraph is wrapped at each candidate size, so
    every lookup is a plain dict keyed by a string.
    """

    def __init__(self, font: ImageFont.FreeTypeFont, *, kerns: bool) -> None:
        self.font = font
        # Neither LibreOffice nor PowerPoint forms ligatures in slide text: Carlito's "ff" would
        # otherwise come out 0.03 em narrower than either draws it.
        self.features = NO_LIGATURES if kerns else None
        self._advances: dict[str, float] = {}
        self._pairs: dict[str, float] = {}
        self._pixels: dict[int, dict[str, int]] = {}

    def _length(self, text: str) -> float:
        # Line and paragraph separators and control characters make raqm fail; the renderer
        # writes each of them as a space, so measure a space.
        return self.font.getlength(text.translate(_AS_SPACE), features=self.features) / MEASURE_PPEM

    def advance(self, char: str) -> float:
        advance = self._advances.get(char)
        if advance is None:
            advance = self._advances[char] = self._length(char)
        return advance

    def kerning(self, pair: str) -> float:
        kern = self._pairs.get(pair)
        if kern is None:
            kern = self._length(pair) - self.advance(pair[0]) - self.advance(pair[1])
            kern = self._pairs[pair] = 0.0 if abs(kern) < 1e-9 else kern
        return kern

    def advances_of(self, text: str) -> float:
        return sum(self.advance(char) for char in text)

    def kerning_of(self, text: str) -> float:
        pairs = list(map(operator.add, text, text[1:]))
        try:
            return sum(map(self._pairs.__getitem__, pairs))
        except KeyError:
            return sum(map(self.kerning, pairs))

    def pixels_of(self, text: str, ppem: int) -> int:
        """Width in whole device pixels at ``ppem``: each advance rounded on its own."""
        table = self._pixels.setdefault(ppem, {})
        try:
            return sum(map(table.__getitem__, text))
        except KeyError:
            for char in set(text) - table.keys():
                table[char] = _nearest(self.advance(char) * ppem)
            return sum(map(table.__getitem__, text))


def _nearest(value: float) -> int:
    """Round half up, as device pixel positions are; Python's round() goes to even."""
    return math.floor(value + 0.5)


@lru_cache(maxsize=1)
def default_book() -> FontBook:
    """The process-wide book over the shipped fonts."""
    return FontBook()
