"""Boxes on the slide in EMU, the bands the footer owns, and where drawn content may go."""

from __future__ import annotations

from dataclasses import dataclass

from deckgen.core.units import inches

# The template keeps these bands free: the marking sits in the top band, the footer (marking,
# source line, slide number) in the bottom band.
TOP_BAND = inches(0.4)
FOOTER_BAND = inches(0.45)
SIDE_MARGIN = inches(0.6)
GAP = inches(0.15)  # between the title and drawn content, and above the footer band


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in EMU."""

    left: int
    top: int
    width: int
    height: int

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def right(self) -> int:
        return self.left + self.width

    def inset(self, dx: int, dy: int = 0) -> Box:
        return Box(self.left + dx, self.top + dy, self.width - 2 * dx, self.height - 2 * dy)

    @property
    def as_tuple(self) -> tuple[int, int, int, int]:
        return (self.left, self.top, self.width, self.height)

    @classmethod
    def of(cls, box: tuple[int, int, int, int]) -> Box:
        return cls(*box)


def content_area(title: Box | None, *, slide_width: int, slide_height: int) -> Box:
    """The free area under the title and above the footer band, for text boxes and pictures."""
    bottom = slide_height - FOOTER_BAND - GAP
    if title is None:
        return Box(SIDE_MARGIN, TOP_BAND, slide_width - 2 * SIDE_MARGIN, bottom - TOP_BAND)
    # The default template draws a rule just under the title; leave a gap for it.
    top = min(title.bottom + GAP, bottom - inches(1.0))
    return Box(title.left, top, title.width, bottom - top)


def fit_inside(width: int, height: int, area: Box) -> Box:
    """The largest box with the aspect ratio ``width:height`` inside ``area``, centred in it."""
    scale = min(area.width / width, area.height / height)
    w, h = int(width * scale), int(height * scale)
    return Box(area.left + (area.width - w) // 2, area.top + (area.height - h) // 2, w, h)
