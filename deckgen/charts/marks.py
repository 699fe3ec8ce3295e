"""Colours and marks the drawers share: mixing, text ink on a fill, flank colours, legends, notes."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from deckgen.charts.canvas import PAD, Ink
from deckgen.charts.compute import display_names
from deckgen.charts.model import ChartData, ChartStyle
from deckgen.core.contrast import contrast
from deckgen.dataset.model import Flank

# Draws a legend key of side s (inches) whose left edge is at x, centred on y.
Swatch = Callable[[float, float, float], None]


def mix(color: str, other: str, t: float) -> str:
    """``color`` moved a fraction ``t`` of the way towards ``other``."""
    a = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(a, b, strict=True))


def ink_on(fill: str, style: ChartStyle) -> str:
    """Dark or white text, whichever has the higher WCAG contrast on ``fill``."""
    white = "#FFFFFF"
    return white if contrast(white, fill) > contrast(style.text_color, fill) else style.text_color


def flank_color(flank: Flank, style: ChartStyle) -> str:
    return style.east_color if flank is Flank.EAST else style.south_color


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


def box_swatch(ink: Ink, fill: str, edge: str | None = None, dashed: bool = False) -> Swatch:
    from matplotlib.patches import Rectangle

    def swatch(x: float, y: float, s: float) -> None:
        ink.board.add_patch(
            Rectangle(
                (x, y - s / 2),
                s,
                s,
                facecolor=fill,
                edgecolor=edge or fill,
                linewidth=1.5 if edge else 0,
                linestyle="--" if dashed else "-",
            )
        )

    return swatch


def dot_swatch(ink: Ink, color: str) -> Swatch:
    def swatch(x: float, y: float, s: float) -> None:
        ink.board.plot([x + s / 2], [y], "o", color=color, markersize=s * 72 * 0.9, markeredgecolor="white")

    return swatch
