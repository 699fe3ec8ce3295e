"""Font files and text widths: the shipped metric-compatible fonts, measured with Pillow."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont, features

from deckgen.assets import assets_dir

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
_CACHE_LIMIT = 100_000


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

    Not a frozen value: it owns a cache of loaded faces and measured strings. Share one instance
    (``default_book()``) rather than building one per measurement.
    """

    def __init__(self, font_dirs: Sequence[Path] | None = None) -> None:
        self.font_dirs = tuple(font_dirs) if font_dirs is not None else (assets_dir() / "fonts",)
        self._fonts: dict[Face, ImageFont.FreeTypeFont] = {}
        self._widths: dict[tuple[Face, str], float] = {}
        # Raqm shapes with HarfBuzz and applies the GPOS kerning LibreOffice applies; Pillow's
        # basic layout reads only the legacy kern table, which these fonts barely use.
        self._layout = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC

    @property
    def shapes_with_kerning(self) -> bool:
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

    def width_em(self, text: str, face: Face) -> float:
        """The advance width of ``text`` on one line, in ems of ``face``."""
        key = (face, text)
        width = self._widths.get(key)
        if width is None:
            width = self.font(face).getlength(text) / MEASURE_PPEM if text else 0.0
            if len(self._widths) >= _CACHE_LIMIT:
                self._widths.clear()  # a long-running process must not grow without bound
            self._widths[key] = width
        return width

    def width_pt(
        self, text: str, *, family: str, size_pt: float, bold: bool = False, italic: bool = False
    ) -> float:
        """The advance width of ``text`` set on one line at ``size_pt``, in points."""
        return self.width_em(text, self.face(family, bold=bold, italic=italic)) * size_pt

    def vertical(self, family: str, *, bold: bool = False, italic: bool = False) -> VerticalMetrics:
        """Ascent, descent and line gap as Pillow reads them (hhea), in ems."""
        font = self.font(self.face(family, bold=bold, italic=italic))
        ascent, descent = font.getmetrics()
        gap = font.font.height - ascent - descent
        return VerticalMetrics(ascent / MEASURE_PPEM, descent / MEASURE_PPEM, max(gap, 0) / MEASURE_PPEM)


@lru_cache(maxsize=1)
def default_book() -> FontBook:
    """The process-wide book over the shipped fonts."""
    return FontBook()
