"""Colours and marks the drawers share: mixing, text ink on a fill, flank colours, legends, notes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from deckgen.charts.canvas import PAD, Ink
from deckgen.charts.compute import display_names
from deckgen.charts.model import ChartData, ChartStyle
from deckgen.core.contrast import contrast
from deckgen.dataset.model import Flank

# Draws a legend key of side s (inches) whose left edge is at x, centred on y.
Swatch = Callable[[float, float, float], None]
# Reduced presence is its kind's colour striped on a pale ground of that colour: diagonals up to
# the right, as DrawingML's "wide upward diagonal" pattern draws them in native charts. The pale
# ground sets it apart even where a renderer draws the stripes as hairlines (LibreOffice); the
# stripes set it apart in greyscale print, where a tint alone could pass for another kind.
REDUCED_HATCH = "//"
HATCH_WIDTH = 2.0  # points
REDUCED_TINT = 0.6  # how far the ground moves from the kind's colour towards the background


def mix(color: str, other: str, t: float) -> str:
    """``color`` moved a fraction ``t`` of the way towards ``other``."""
    a = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(a, b, strict=True))


def ink_on(fill: str, style: ChartStyle) -> str:
    """Dark or white text, whichever has the higher WCAG contrast on ``fill``."""
    white = "#FFFFFF"
    return white if contrast(white, fill) > contrast(style.text_color, fill) else style.text_color


def reduced_ground(fill: str, style: ChartStyle) -> str:
    """The pale ground under the stripes of reduced presence whose kind is drawn in ``fill``."""
    return mix(fill, style.background, REDUCED_TINT)


STRIPE_CONTRAST = 2.0  # the least contrast of stripes on their ground: pale kinds get darker ones


def reduced_stripes(fill: str, style: ChartStyle) -> str:
    """The stripes' colour: the kind's own, darkened towards the text colour only as far as a pale
    kind (mint, orchid) needs to stand out from its pale ground."""
    ground = reduced_ground(fill, style)
    for step in range(11):
        ink = mix(fill, style.text_color, step / 10)
        if contrast(ink, ground) >= STRIPE_CONTRAST:
            return ink
    return style.text_color


def flank_color(flank: Flank, style: ChartStyle) -> str:
    return {Flank.EAST: style.east_color, Flank.SOUTH: style.south_color, Flank.NORTH: style.north_color}[
        flank
    ]


def annotation_texts(data: ChartData) -> dict[str, str]:
    """Display name → annotation text, for the targets this chart can show."""
    out: dict[str, str] = {}
    for note in data.spec.annotations:
        for name in display_names(note.target, table=data.table, records=data.records):
            out[name] = note.text
    return out


def flow_legend(
    ink: Ink,
    entries: Sequence[tuple[str, Swatch]],
    *,
    left: float,
    top: float,
    width: float,
    draw: bool = True,
    size: float | None = None,
) -> float:
    """Swatch-and-name entries flowed into rows from (left, top); returns the height used."""
    h = ink.line(size)
    sw, x, y = h * 0.75, left, top - h / 2
    for name, swatch in entries:
        need = sw + PAD / 2 + ink.measure(name, size=size) + 0.3
        if x > left and x + need > left + width:
            x, y = left, y - h * 1.15
        if draw:
            swatch(x, y, sw)
            ink.board.text(x + sw + PAD / 2, y, name, va="center", ha="left", fontsize=size or ink.size)
        x += need
    return top - y + h / 2


def box_swatch(
    ink: Ink, fill: str, edge: str | None = None, dashed: bool = False, *, striped: bool = False
) -> Swatch:
    """A square key in ``fill``; ``striped`` for reduced presence, as the bars and cells draw it."""

    def swatch(x: float, y: float, s: float) -> None:
        # Imported when drawn: the plan makes swatches to measure a legend without matplotlib.
        from matplotlib.patches import Rectangle

        box = Rectangle(
            (x, y - s / 2),
            s,
            s,
            facecolor=fill,
            edgecolor=edge or fill,
            linewidth=1.5 if edge else 0,
            linestyle="--" if dashed else "-",
        )
        if striped:
            stripe(box, fill, ink.style, dense=True)
        ink.board.add_patch(box)

    return swatch


def dot_swatch(ink: Ink, color: str) -> Swatch:
    def swatch(x: float, y: float, s: float) -> None:
        ink.board.plot([x + s / 2], [y], "o", color=color, markersize=s * 72 * 0.9, markeredgecolor="white")

    return swatch


def stripe(patch: Any, fill: str, style: ChartStyle, *, dense: bool = False) -> None:
    """Draw a matplotlib patch of a kind in ``fill`` as reduced presence: stripes of ``fill`` on its
    pale ground. ``dense`` for a small key, which would otherwise show a single stripe."""
    patch.set_facecolor(reduced_ground(fill, style))
    patch.set_hatch(REDUCED_HATCH * (2 if dense else 1))
    patch.set_hatchcolor(reduced_stripes(fill, style))
    patch.set_hatch_linewidth(HATCH_WIDTH)
