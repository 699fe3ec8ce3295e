"""Computed charts drawn to deterministic PNG bytes; matplotlib is imported only when one is drawn."""

from __future__ import annotations

import contextlib
import functools
import io
import itertools
import math
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from deckgen.charts import tiles
from deckgen.charts.cache import cache_root
from deckgen.charts.compute import FLANK_NAMES, FLANK_ORDER, display_names
from deckgen.charts.model import (
    CategoryTable,
    ChartData,
    ChartStyle,
    MapTable,
    MatrixTable,
    Milestone,
    TimelineTable,
)
from deckgen.data.model import Flank, Status, YearMonth

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

PAD = 0.12  # inches between a mark and its label
EDGE = 0.2  # inches kept clear along every edge of the picture


def draw_png(
    data: ChartData, *, style: ChartStyle, width_in: float, height_in: float, dpi: int = 200
) -> bytes:
    """PNG bytes of exactly round(width_in*dpi) × round(height_in*dpi) pixels, the same every time."""
    with _canvas(style, width_in, height_in, dpi) as ink:
        table = data.table
        if isinstance(table, CategoryTable):
            _bars(ink, data, table)
        elif isinstance(table, TimelineTable):
            _timeline(ink, data, table)
        elif isinstance(table, MatrixTable):
            _matrix(ink, data, table)
        else:
            _tile_map(ink, data, table)
        out = io.BytesIO()
        ink.fig.savefig(out, format="png", dpi=dpi, facecolor=style.background, metadata={"Software": None})
    return out.getvalue()


def timeline_layout(
    data: ChartData, *, style: ChartStyle, width_in: float, height_in: float
) -> TimelineLayout:
    """Where a timeline's labels go at this size, without drawing: for tests and for curious callers."""
    if not isinstance(data.table, TimelineTable):
        raise TypeError(f"not a timeline: {type(data.table).__name__}")
    with _canvas(style, width_in, height_in, 100) as ink:
        return _timeline_layout(ink, data, data.table)


@contextlib.contextmanager
def _canvas(style: ChartStyle, width_in: float, height_in: float, dpi: int) -> Iterator[_Ink]:
    # A writable config dir, or matplotlib rebuilds its font cache (seconds) on every run.
    os.environ.setdefault("MPLCONFIGDIR", str(cache_root() / "matplotlib"))
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    px_w, px_h = round(width_in * dpi), round(height_in * dpi)
    with matplotlib.rc_context():
        matplotlib.rcdefaults()  # a user's matplotlibrc must not change a deck's pictures
        matplotlib.rcParams.update(_rc(style, dpi))
        # Agg truncates the canvas to whole pixels: a quarter pixel of slack makes it round instead.
        fig = Figure(figsize=((px_w + 0.25) / dpi, (px_h + 0.25) / dpi), dpi=dpi)
        FigureCanvasAgg(fig)
        yield _Ink(fig, style, px_w / dpi, px_h / dpi)


FontStyle = Literal["normal", "italic", "oblique"]


def _families(style: ChartStyle) -> list[str]:
    # Metric-compatible fallbacks keep the layout when the theme's font is missing (see PPTX-NOTES).
    return list(dict.fromkeys([style.font, "Liberation Sans", "DejaVu Sans"]))


def _rc(style: ChartStyle, dpi: int) -> dict[RcKeyType, Any]:
    return {
        "font.family": _families(style),
        "font.size": style.tick_size,
        "text.color": style.text_color,
        "axes.labelcolor": style.text_color,
        "axes.edgecolor": style.muted_color,
        "axes.labelsize": style.label_size,
        "xtick.color": style.muted_color,
        "ytick.color": style.muted_color,
        "xtick.labelcolor": style.text_color,
        "ytick.labelcolor": style.text_color,
        "xtick.labelsize": style.tick_size,
        "ytick.labelsize": style.tick_size,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.unicode_minus": False,
        "figure.dpi": dpi,
        "savefig.dpi": dpi,
        "figure.facecolor": style.background,
        "axes.facecolor": style.background,
        "patch.linewidth": 0,
    }


class _Ink:
    """The figure plus measuring in inches: every layout decision below is made in inches."""

    def __init__(self, fig: Figure, style: ChartStyle, width: float, height: float) -> None:
        self.fig, self.style, self.width, self.height = fig, style, width, height
        self._widths: dict[tuple[str, float | None, str, str], float] = {}
        self._renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        self.board = self.axes(0, 0, width, height, off=True)  # inch coordinates over the whole picture

    def axes(self, left: float, bottom: float, width: float, height: float, *, off: bool = False) -> Axes:
        ax = self.fig.add_axes(
            (left / self.width, bottom / self.height, width / self.width, height / self.height)
        )
        if off:
            ax.set_xlim(left, left + width)
            ax.set_ylim(bottom, bottom + height)
            ax.set_axis_off()
        return ax

    def measure(
        self, text: str, *, size: float | None = None, weight: str = "normal", style: FontStyle = "normal"
    ) -> float:
        """Width of one line of text in inches, as Agg will draw it."""
        key = (text, size, weight, style)
        if key not in self._widths:
            from matplotlib.font_manager import FontProperties

            prop = FontProperties(family=_families(self.style), weight=weight, style=style)
            prop.set_size(size or self.style.tick_size)
            w, _h, _d = self._renderer.get_text_width_height_descent(text, prop, ismath=False)
            self._widths[key] = float(w) / self.fig.dpi
        return self._widths[key]

    def line(self, size: float | None = None) -> float:
        return (size or self.style.tick_size) * 1.25 / 72

    def wrap(self, text: str, width: float, *, indent: float = 0.0, **kw: Any) -> list[str]:
        """Words flowed into lines no wider than ``width``; the first line starts ``indent`` in."""
        lines: list[str] = []
        for word in text.split():
            room = width - (indent if len(lines) == 1 else 0)
            if lines and self.measure(f"{lines[-1]} {word}", **kw) <= room:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        return lines or [""]


def _mix(color: str, other: str, t: float) -> str:
    """``color`` moved a fraction ``t`` of the way towards ``other``."""
    a = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(a, b, strict=True))


def _ink_on(fill: str, style: ChartStyle) -> str:
    """Dark or white text, whichever reads better on ``fill``."""
    r, g, b = (int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return "#FFFFFF" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.55 else style.text_color


def _flank_color(flank: Flank, style: ChartStyle) -> str:
    return style.east_color if flank is Flank.EAST else style.south_color


def _annotations(data: ChartData) -> dict[str, str]:
    """Display name → annotation text, for the targets this chart can show."""
    out: dict[str, str] = {}
    for note in data.spec.annotations:
        for name in display_names(note.target, table=data.table, records=data.records):
            out[name] = note.text
    return out


def _legend(
    ink: _Ink,
    entries: Sequence[tuple[str, Callable[[float, float, float], None]]],
    *,
    left: float,
    top: float,
    width: float,
    draw: bool = True,
) -> float:
    """Swatch-and-name entries flowed into rows from (left, top); returns the height used."""
    h = ink.line()
    sw, x, y = h * 0.75, left, top - h / 2
    for name, swatch in entries:
        need = sw + PAD / 2 + ink.measure(name) + 0.3
        if x > left and x + need > left + width:
            x, y = left, y - h * 1.15
        if draw:
            swatch(x, y, sw)
            ink.board.text(x + sw + PAD / 2, y, name, va="center", ha="left")
        x += need
    return top - y + h / 2


def _box(
    ink: _Ink, fill: str, edge: str | None = None, dashed: bool = False
) -> Callable[[float, float, float], None]:
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


def _dot(ink: _Ink, color: str) -> Callable[[float, float, float], None]:
    def swatch(x: float, y: float, s: float) -> None:
        ink.board.plot([x + s / 2], [y], "o", color=color, markersize=s * 72 * 0.9, markeredgecolor="white")

    return swatch


# ---------------------------------------------------------------- bars


def _bars(ink: _Ink, data: ChartData, table: CategoryTable) -> None:
    style, cats, series = ink.style, table.categories, table.series
    # Blue and rust mean east and south across the deck: kinds take the other accents.
    palette = [
        c for c in style.accents if c.upper() not in {style.east_color.upper(), style.south_color.upper()}
    ]
    palette = palette or list(style.accents)
    colors = [s.color or palette[i % len(palette)] for i, s in enumerate(series)]
    marked = set(data.highlight)
    hot_cats = [c in marked for c in cats]
    hot_series = [s.name in marked for s in series]
    emphasis = any(hot_cats) or any(hot_series)

    def muted(i: int, j: int) -> bool:
        return emphasis and not (hot_cats[j] or hot_series[i])

    # Legend swatches fade with their series only when whole series, not categories, are picked out.
    swatches = [
        _mix(c, style.background, 0.55) if any(hot_series) and not hot else c
        for c, hot in zip(colors, hot_series, strict=True)
    ]
    entries = [(s.name, _box(ink, c)) for s, c in zip(series, swatches, strict=True)]
    legend_h = _legend(ink, entries, left=EDGE, top=ink.height - EDGE, width=ink.width - 2 * EDGE)
    label_w = max(
        (ink.measure(c, weight="bold" if hot else "normal") for c, hot in zip(cats, hot_cats, strict=True)),
        default=0,
    )
    left = EDGE + label_w + PAD
    bottom = EDGE + 2 * ink.line() + PAD
    top = ink.height - EDGE - legend_h - PAD
    ax = ink.axes(left, bottom, ink.width - left - EDGE, top - bottom)
    ys = [len(cats) - 1 - j for j in range(len(cats))]
    # Bars at most 0.7 in thick: two flanks should not look like two slabs.
    thick = min(0.66, 0.7 * len(cats) / max(top - bottom, 0.1))
    totals = [sum(s.values[j] for s in series) for j in range(len(cats))]
    notes = _annotations(data)
    ends = [f"{totals[j]:g}" + (f"  {notes[c]}" if c in notes else "") for j, c in enumerate(cats)]
    # Room to the right of the longest bar for its total and note: solve end + text = limit.
    axis_w = ink.width - left - EDGE
    limit = max(
        [1.0]
        + [
            t / max(0.2, 1 - (ink.measure(e, weight="bold") + PAD * 2) / axis_w)
            for t, e in zip(totals, ends, strict=True)
        ]
    )
    per_inch = limit / axis_w
    starts = [0.0] * len(cats)
    for i, s in enumerate(series):
        for j, v in enumerate(s.values):
            if v <= 0:
                continue
            fill = _mix(colors[i], style.background, 0.6) if muted(i, j) else colors[i]
            ax.barh(
                ys[j], v, left=starts[j], height=thick, color=fill, edgecolor=style.background, linewidth=1.2
            )
            label = f"{v:g}"
            if v / per_inch >= ink.measure(label) + PAD:
                ax.text(starts[j] + v / 2, ys[j], label, ha="center", va="center", color=_ink_on(fill, style))
            starts[j] += v
    for j, c in enumerate(cats):
        if hot_cats[j] and totals[j] > 0:
            ax.barh(ys[j], totals[j], height=thick, fill=False, edgecolor=style.text_color, linewidth=2.2)
        ax.text(totals[j] + PAD * per_inch, ys[j], f"{totals[j]:g}", va="center", ha="left", weight="bold")
        if c in notes:
            gap = (ink.measure(f"{totals[j]:g}  ", weight="bold") + PAD) * per_inch
            ax.text(
                totals[j] + gap,
                ys[j],
                notes[c],
                va="center",
                ha="left",
                style="italic",
                color=style.muted_color,
            )
    ax.set_xlim(0, limit)
    ax.set_ylim(-0.6, len(cats) - 0.4)
    ax.set_yticks(ys, cats)
    for tick, hot in zip(ax.get_yticklabels(), hot_cats, strict=True):
        tick.set_fontweight("bold" if hot else "normal")
        tick.set_color(style.muted_color if any(hot_cats) and not hot else style.text_color)
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
    ax.set_xlabel(table.value_axis_title, color=style.muted_color)
    ax.tick_params(axis="y", length=0, pad=PAD * 72)
    ax.spines["left"].set_visible(False)
    ax.grid(axis="x", color=_mix(style.muted_color, style.background, 0.8), linewidth=0.8)
    ax.set_axisbelow(True)


# ---------------------------------------------------------------- timeline


@dataclass(frozen=True)
class Slot:
    side: int  # +1 above the line, -1 below
    level: int  # half-lines from the line to the label's near edge
    left: float  # inches


def place_labels(
    xs: Sequence[float],
    sizes: Sequence[tuple[float, int]],
    *,
    levels: int,
    lo: float,
    hi: float,
    gap: float = 0.15,
    blocked: Sequence[tuple[Slot, float, int]] = (),
    tier: int = 1,
) -> list[Slot] | None:
    """Label blocks over their markers, alternating above and below the line; None when they don't fit.

    ``sizes`` are (width in inches, height in half-lines, spacing included). No block overlaps
    another and no stem from the line to its block crosses a block nearer the line. A block is
    centred over its marker when any level allows it (blocks narrower than four marker gaps
    then fall into alternating near and far tiers), and hung to one side only when none does.
    ``blocked`` are areas kept clear, such as a legend: (slot, width, height in half-lines).
    Blocks start only at multiples of ``tier`` levels: with the tallest block's height, a short
    far block can never sit where a taller near block needs to go.
    """
    taken: dict[tuple[int, int], list[tuple[float, float]]] = {}  # a == b for a stem
    for where, width, tall in blocked:
        for k in range(where.level, where.level + tall):
            taken.setdefault((where.side, k), []).append((where.left, where.left + width))

    def free(side: int, level: int, a: float, b: float) -> bool:
        # Blocks keep ``gap`` apart; a stem only needs to clear a block by a hair.
        return all(
            b + (gap if a < b and x < y else 0.05) <= x or a >= y + (gap if a < b and x < y else 0.05)
            for x, y in taken.get((side, level), [])
        )

    slots: list[Slot] = []
    for i, (x, (w, tall)) in enumerate(zip(xs, sizes, strict=True)):
        if w > hi - lo:
            return None
        lefts = dict.fromkeys(min(max(a, lo), hi - w) for a in (x - w / 2, x - 0.1, x - w + 0.1))
        prefer = 1 if i % 2 == 0 else -1
        slot = next(
            (
                Slot(side, level, left)
                for left in lefts
                if left - 1e-9 <= x <= left + w + 1e-9  # the stem must meet its block
                for level in range(0, levels - tall + 1, tier)
                for side in (prefer, -prefer)
                if all(free(side, k, left, left + w) for k in range(level, level + tall))
                and all(free(side, k, x, x) for k in range(level))
            ),
            None,
        )
        if slot is None:
            return None
        slots.append(slot)
        for k in range(slot.level, slot.level + tall):
            taken.setdefault((slot.side, k), []).append((slot.left, slot.left + w))
        for k in range(slot.level):
            taken.setdefault((slot.side, k), []).append((x, x))
    return slots


def tier_labels(
    xs: Sequence[float],
    sizes: Sequence[tuple[float, int]],
    *,
    levels: int,
    lo: float,
    hi: float,
    gap: float = 0.15,
    blocked: Sequence[tuple[Slot, float, int]] = (),
) -> list[Slot] | None:
    """Alternating sides in near and far tiers: markers 0, 1 near above and below, 2, 3 far, and so on.

    A far block starts just beyond the taller of the near blocks either side of it, which packs
    tighter than the greedy. Checked with ``collisions``; None when anything touches.
    """
    slots: list[Slot] = []
    for i, (x, (w, tall)) in enumerate(zip(xs, sizes, strict=True)):
        near = [j for j in (i - 2, i + 2) if 0 <= j < len(xs)] if i % 4 >= 2 else []
        level = max((sizes[j][1] for j in near), default=0)
        if level + tall > levels:
            return None
        slots.append(Slot(1 if i % 2 == 0 else -1, level, min(max(x - w / 2, lo), hi - w)))
    return None if collisions(xs, sizes, slots, gap=gap, blocked=blocked) else slots


def collisions(
    xs: Sequence[float],
    sizes: Sequence[tuple[float, int]],
    slots: Sequence[Slot],
    *,
    gap: float = 0.15,
    blocked: Sequence[tuple[Slot, float, int]] = (),
) -> list[tuple[int, int]]:
    """Pairs (i, j): block i touches block j, or block j lies across the stem of marker i.

    Blocked areas count as blocks without markers, numbered after the labels.
    """
    marks: list[float | None] = [*xs, *(None for _ in blocked)]
    boxes = [*((s, w, tall) for s, (w, tall) in zip(slots, sizes, strict=True)), *blocked]
    out = []
    for i, (si, wi, ti) in enumerate(boxes):
        for j, (sj, wj, tj) in enumerate(boxes):
            if i == j or si.side != sj.side:
                continue
            rows_meet = si.level < sj.level + tj and sj.level < si.level + ti
            if i < j and rows_meet and si.left < sj.left + wj + gap and sj.left < si.left + wi + gap:
                out.append((i, j))
            x = marks[i]
            if x is not None and sj.level < si.level and sj.left - 0.05 < x < sj.left + wj + 0.05:
                out.append((i, j))
    return out


def _years(when: YearMonth) -> float:
    return when.year + max(when.month - 1, 0) / 12


@dataclass(frozen=True)
class _Block:
    date: str
    lines: tuple[str, ...]  # the first line follows the date on the same line
    notes: tuple[str, ...]
    width: float

    @property
    def tall(self) -> int:
        """Height in half-lines, with half a line of air on the far side."""
        return 2 * (len(self.lines) + len(self.notes)) + 1


def _block(ink: _Ink, date: str, label: str, note: str, wrap: float | None, most: int = 99) -> _Block:
    """A milestone's text: bold date, then the label, wrapped to ``wrap`` inches in at most ``most``
    lines (the last cut with an ellipsis), then the author's note, never cut."""
    lead = ink.measure(f"{date} ", weight="bold")
    lines, notes = [label], [note] if note else []
    if wrap is not None:
        lines = ink.wrap(label, wrap, indent=lead)
        if lead + ink.measure(lines[0]) > wrap:  # not even one word fits after the date: date alone
            lines = ["", *ink.wrap(label, wrap)]
        if len(lines) > most:
            lines = lines[:most]
            while lines[-1] and ink.measure(lines[-1] + "\u2026") > wrap:
                lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
            lines[-1] = lines[-1].rstrip(" ,:;") + "\u2026"
        notes = ink.wrap(note, wrap, style="italic") if note else []
    widths = [lead + ink.measure(lines[0])] + [ink.measure(t) for t in lines[1:]]
    widths += [ink.measure(t, style="italic") for t in notes]
    return _Block(date, tuple(lines), tuple(notes), max(widths))


@dataclass(frozen=True)
class TimelineLayout:
    blocks: list[_Block]
    slots: list[Slot]
    xs: list[float]
    to_x: Callable[[float], float]
    legend: Slot
    years: bool  # the scale is true to time, so a year axis helps; on a spread scale it would mislead
    levels: int  # half-lines each side of the line

    @property
    def sizes(self) -> list[tuple[float, int]]:
        return [(b.width, b.tall) for b in self.blocks]


def _timeline_layout(ink: _Ink, data: ChartData, table: TimelineTable) -> TimelineLayout:
    stones, h = table.milestones, ink.line()
    notes = _annotations(data)
    legend_w = _flank_legend_width(ink, stones)

    def levels(years: bool) -> int:
        return int((ink.height - EDGE - _axis_y(ink, years) - _BASE) / (h / 2))

    t = [_years(m.when) for m in stones]
    x_lo, x_hi = EDGE + 0.1, ink.width - EDGE - 0.1
    # Prefer time to scale and one-line labels; spread crowded years and wrap labels only as needed.
    # The last wrap makes blocks under four marker gaps wide on an even scale: they fall into two tiers.
    # Then labels cut to two lines; last, date and country only: never text over text.
    # Notes from the brief are kept whole in every case.
    gaps = max(len(stones) - 1, 1)
    four = (4 * (x_hi - x_lo) / gaps - 0.25) / (1 + 4 / gaps)  # 4 gaps - room, ends inset by wrap / 2
    wraps = dict.fromkeys((None, 2.8, 2.2, 1.7, max(four, 1.0)))

    @functools.cache
    def blocks(mode: str, wrap: float | None) -> list[_Block]:
        if mode == "clipped" and wrap is None:
            return []
        country = mode == "country"
        return [
            _block(
                ink,
                m.when.display(),
                m.label.split(": ", 1)[0] if country else m.label,
                notes.get(m.label, ""),
                wrap,
                2 if mode == "clipped" else 99,
            )
            for m in stones
        ]

    tries = (
        (mode, lin, w)
        for mode in ("full", "clipped", "country")
        for lin in (1.0, 0.6, 0.3, 0.0)
        for w in wraps
    )
    layout = next(
        (
            fit
            for mode, linear, wrap in tries
            if (found := blocks(mode, wrap)) or not stones
            if (
                fit := _fit(found, t, linear, levels=levels(linear == 1), lo=x_lo, hi=x_hi, legend_w=legend_w)
            )
        ),
        None,
    )
    if layout is None:  # nothing fits legibly: markers only, rather than labels over labels
        xs, to_x = _time_scale(t, 1.0, x_lo + 0.3, x_hi - 0.3)
        layout = TimelineLayout([], [], xs, to_x, Slot(1, levels(True) - 2, x_lo), True, levels(True))
    return layout


_BASE = 0.2  # inches from the line to the nearest label, clear of the markers


def _axis_y(ink: _Ink, years: bool) -> float:
    return (ink.height + (ink.line() + 2 * PAD if years else 0)) / 2


def _centred_axis(ink: _Ink, layout: TimelineLayout) -> float:
    """The line's height that centres what is drawn, labels and legend, in the room left by the years."""
    half = ink.line() / 2

    def reach(side: int) -> float:
        tops = [
            s.level + tall - 1
            for s, (_w, tall) in zip(layout.slots, layout.sizes, strict=True)
            if s.side == side
        ]
        tops += [layout.legend.level + 2] if layout.legend.side == side else []
        return _BASE + max(tops, default=0) * half

    low = EDGE + (ink.line() + 2 * PAD if layout.years else 0)
    return low + (ink.height - EDGE - low - reach(1) - reach(-1)) / 2 + reach(-1)


def _flank_legend_width(ink: _Ink, stones: Sequence[Milestone]) -> float:
    names = [FLANK_NAMES[f] for f in FLANK_ORDER if any(m.flank is f for m in stones)]
    return sum(ink.measure(n) + ink.line() + 0.4 for n in names) - 0.3


def _timeline(ink: _Ink, data: ChartData, table: TimelineTable) -> None:
    style, stones, board, h = ink.style, table.milestones, ink.board, ink.line()
    layout = _timeline_layout(ink, data, table)
    if collisions(layout.xs, layout.sizes, layout.slots):  # place_labels and tier_labels promise this
        raise AssertionError("timeline labels overlap")
    legend = [
        (FLANK_NAMES[f], _dot(ink, _flank_color(f, style)))
        for f in FLANK_ORDER
        if any(m.flank is f for m in stones)
    ]
    base, x_lo, x_hi = _BASE, EDGE + 0.1, ink.width - EDGE - 0.1
    t = [_years(m.when) for m in stones]
    y0 = _centred_axis(ink, layout)
    if layout.years:
        _year_axis(ink, t, layout.to_x, top=ink.height - EDGE)
    board.plot([x_lo, x_hi], [y0, y0], color=style.muted_color, linewidth=2, zorder=1)
    for k, (m, x) in enumerate(zip(stones, layout.xs, strict=True)):
        color = _flank_color(m.flank, style)
        board.plot([x], [y0], "o", color=color, markersize=9, markeredgecolor="white", zorder=3)
        if k >= len(layout.slots):
            continue
        b, slot = layout.blocks[k], layout.slots[k]
        near = y0 + slot.side * (base + slot.level * h / 2)
        n = len(b.lines) + len(b.notes)
        top_line = near + h / 2 + (n - 1) * h if slot.side > 0 else near - h / 2
        ys = [top_line - j * h for j in range(n)]
        board.plot([x, x], [y0, near], color=color, linewidth=1.2, zorder=2)
        # A background under the text hides the faint year guides, never a stem (stems avoid blocks).
        kw: dict[str, Any] = {
            "ha": "left",
            "va": "center",
            "zorder": 4,
            "bbox": {"facecolor": style.background, "edgecolor": "none", "pad": 1},
        }
        weight = "bold" if m.label in data.highlight else "normal"
        board.text(slot.left, ys[0], b.date, weight="bold", color=color, **kw)
        lead = ink.measure(f"{b.date} ", weight="bold")
        for j, line in enumerate(b.lines):
            board.text(slot.left + (lead if j == 0 else 0), ys[j], line, weight=weight, **kw)
        for j, line in enumerate(b.notes, start=len(b.lines)):
            board.text(slot.left, ys[j], line, style="italic", color=style.muted_color, **kw)
    spot = layout.legend
    near = y0 + spot.side * (base + spot.level * h / 2)
    _legend(
        ink,
        legend,
        left=spot.left,
        top=near + h if spot.side > 0 else near,
        width=_flank_legend_width(ink, stones) + 0.3,
    )


def _year_axis(ink: _Ink, t: list[float], to_x: Callable[[float], float], *, top: float) -> None:
    """Years along the bottom with faint guides, drawn only when the scale is true to time."""
    style = ink.style
    t0, t1 = (min(t), max(t)) if t else (2000.0, 2001.0)
    step = next(s for s in (1, 2, 5, 10, 20, 50) if (t1 - t0) / s <= 12)
    guide = _mix(style.muted_color, style.background, 0.88)
    for year in range(math.ceil(t0 / step) * step, int(t1) + 1, step):
        x = to_x(year)
        ink.board.plot([x, x], [EDGE + ink.line() + PAD, top], color=guide, linewidth=0.8, zorder=0)
        ink.board.text(x, EDGE, str(year), ha="center", va="bottom", color=style.muted_color)


def _fit(
    blocks: list[_Block], t: list[float], linear: float, *, levels: int, lo: float, hi: float, legend_w: float
) -> TimelineLayout | None:
    """Places every block on one time scale, legend in a free corner; None when this layout fails."""
    # End markers sit in from the edges by half their label, so those can be centred too.
    ends = (blocks[0].width / 2, blocks[-1].width / 2) if blocks else (0.0, 0.0)
    xs, to_x = _time_scale(t, linear, lo + min(ends[0], 1.5), hi - min(ends[1], 1.5))
    sizes = [(b.width, b.tall) for b in blocks]
    tallest = max((b.tall for b in blocks), default=1)
    for side, left in ((1, lo), (1, hi - legend_w), (-1, lo), (-1, hi - legend_w)):
        keep = [(Slot(side, levels - 2, left), legend_w, 2)]
        slots = tier_labels(xs, sizes, levels=levels, lo=lo, hi=hi, blocked=keep) if linear == 0 else None
        for tier in dict.fromkeys((tallest, 1)):
            slots = slots or place_labels(xs, sizes, levels=levels, lo=lo, hi=hi, blocked=keep, tier=tier)
        if slots is not None:
            return TimelineLayout(blocks, slots, xs, to_x, keep[0][0], linear == 1, levels)
    return None


def _time_scale(
    t: Sequence[float], linear: float, lo: float, hi: float
) -> tuple[list[float], Callable[[float], float]]:
    """Marker positions and a years → inches map: ``linear`` 1 is true to time, 0 spaces markers evenly.

    Monotone either way; on a spread scale milestones of the same month still get their own spot.
    """
    if not t:
        return [], lambda v: (lo + hi) / 2
    t0, t1 = min(t), max(t)
    span = max(t1 - t0, 1.0)
    order = sorted(range(len(t)), key=lambda i: t[i])
    rank = {i: r / max(len(t) - 1, 1) for r, i in enumerate(order)}
    xs = [lo + (hi - lo) * (linear * (t[i] - t0) / span + (1 - linear) * rank[i]) for i in range(len(t))]
    pts = sorted((t[i], xs[i]) for i in order)

    def to_x(v: float) -> float:
        for (ta, xa), (tb, xb) in itertools.pairwise(pts):
            if v <= tb:
                return xa + (xb - xa) * (v - ta) / (tb - ta) if tb > ta else xa
        return pts[-1][1]

    return xs, to_x


# ---------------------------------------------------------------- matrix


_STATUS_NAMES = {
    Status.ACTIVE: "Active",
    Status.CONTESTED: "Contested",
    Status.PLANNED: "Planned",
    Status.WITHDRAWN: "Withdrawn",
}


def _status_look(status: Status, style: ChartStyle) -> tuple[str, str | None, bool]:
    """Fill, edge and dashed edge for a status: strong to faint as the presence fades."""
    return {
        Status.ACTIVE: (style.accents[0], None, False),
        Status.CONTESTED: (style.accents[3 % len(style.accents)], None, False),
        Status.PLANNED: (style.background, style.accents[0], True),
        Status.WITHDRAWN: ("#C9CDD4", None, False),
    }[status]


def _matrix(ink: _Ink, data: ChartData, table: MatrixTable) -> None:
    """Countries down and kinds across when the countries fit one column of rows at 14 pt; else turned,
    kinds down and countries across under 45 degree names, so 20-odd countries still fit one panel."""
    style, h = ink.style, ink.line()
    present = [s for s in _STATUS_NAMES if any(s in row for row in table.cells)]
    flanks = [f for f in FLANK_ORDER if f in table.row_flanks]
    legend = [(_STATUS_NAMES[s], _box(ink, *_status_look(s, style))) for s in present]
    legend += [(FLANK_NAMES[f], _box(ink, _flank_color(f, style))) for f in flanks]
    legend_h = _legend(ink, legend, left=EDGE, top=0, width=ink.width - 2 * EDGE, draw=False)
    notes, marked = _annotations(data), set(data.highlight)
    room = ink.height - 2 * EDGE - legend_h - PAD
    countries = list(table.rows)
    label_w = max((ink.measure(c, weight="bold") for c in countries), default=0) + PAD
    note_w = max((ink.measure(notes[c], style="italic") + PAD for c in countries if c in notes), default=0)
    across = _Axis(ink, list(table.columns), ink.width - 2 * EDGE - 0.3 - label_w - note_w)
    kinds = list(table.columns)
    kind_w = max((ink.measure(k) for k in kinds), default=0) + PAD
    note_lines = sum(1 for c in countries if c in notes)
    strip = 0.14
    down_room = room - strip - PAD - note_lines * h
    turned = _Axis(ink, countries, ink.width - 2 * EDGE - kind_w)
    rows_h = (room - across.head_h) / max(len(countries), 1)
    turned_h = (down_room - turned.head_h) / max(len(kinds), 1)
    # Countries down reads best; turn only when that leaves rows too thin for 14 pt and turning helps.
    if rows_h >= h * 1.2 or rows_h >= turned_h:
        row_h = min(0.5, rows_h)
        top = ink.height - EDGE - across.head_h
        grid_x = EDGE + 0.3 + label_w
        across.draw_heads(grid_x, top, marked)
        for r, name in enumerate(countries):
            yc = top - (r + 0.5) * row_h
            _flank_mark(ink, table.row_flanks[r], EDGE, yc - row_h / 2 + 0.03, 0.12, row_h - 0.06)
            if name in marked:
                _hot_band(ink, EDGE + 0.3 - PAD / 2, yc - row_h / 2, label_w + across.length + PAD / 2, row_h)
            ink.board.text(EDGE + 0.3, yc, name, va="center", weight="bold" if name in marked else "normal")
            if name in notes:
                ink.board.text(
                    grid_x + across.length + PAD,
                    yc,
                    notes[name],
                    va="center",
                    style="italic",
                    color=style.muted_color,
                )
            if r:
                _rule(ink, EDGE + 0.3, grid_x + across.length, yc + row_h / 2)
            for c, status in enumerate(table.cells[r]):
                _cell(ink, status, grid_x + (c + 0.5) * across.pitch, yc, min(across.pitch, row_h))
        _legend(ink, legend, left=EDGE, top=top - len(countries) * row_h - PAD, width=ink.width - 2 * EDGE)
        return
    across, row_h = turned, min(0.5, turned_h)
    top = ink.height - EDGE - across.head_h
    grid_x = EDGE + kind_w
    across.draw_heads(grid_x, top, marked)
    top -= strip + PAD
    for c, name in enumerate(countries):
        x = grid_x + c * across.pitch
        _flank_mark(ink, table.row_flanks[c], x + 0.02, top + PAD, across.pitch - 0.04, strip)
        if name in marked:
            _hot_band(ink, x, top - len(kinds) * row_h, across.pitch, len(kinds) * row_h)
    for r, kind in enumerate(kinds):
        yc = top - (r + 0.5) * row_h
        ink.board.text(EDGE, yc, kind, va="center")
        if r:
            _rule(ink, EDGE, grid_x + across.length, yc + row_h / 2)
        for c in range(len(countries)):
            _cell(ink, table.cells[c][r], grid_x + (c + 0.5) * across.pitch, yc, min(across.pitch, row_h))
    y = top - len(kinds) * row_h - PAD - h / 2
    for c, name in enumerate(countries):  # notes under their column, one line each, with a tick up to it
        if name in notes:
            x = grid_x + (c + 0.5) * across.pitch
            w = ink.measure(f"{name}: {notes[name]}", style="italic")
            left = min(x - PAD, ink.width - EDGE - w)
            ink.board.plot([x, x], [y + h / 2, y + h * 0.8], color=style.muted_color, linewidth=1.2)
            ink.board.text(
                left, y, f"{name}: {notes[name]}", va="center", style="italic", color=style.muted_color
            )
            y -= h
    _legend(ink, legend, left=EDGE, top=y + h / 2 - PAD, width=ink.width - 2 * EDGE)


class _Axis:
    """Column headings across a grid: written across, wrapped to three lines, when the columns are wide
    enough; otherwise at 45 degrees, the columns narrowed so the last heading's overhang still fits."""

    def __init__(self, ink: _Ink, names: list[str], width: float) -> None:
        self.ink, self.names = ink, names
        n, h = max(len(names), 1), ink.line()
        self.pitch = min(1.5, width / n)
        self.lines = [ink.wrap(x, self.pitch - 0.1) for x in names]
        self.flat = all(
            len(x) <= 3 and max(ink.measure(t) for t in x) <= self.pitch - 0.1 for x in self.lines
        )
        if not self.flat:
            cos = math.cos(math.radians(45))
            overhang = max(0.0, ink.measure(names[-1]) * cos - self.pitch / 2) if names else 0.0
            self.pitch = min(1.5, (width - overhang) / n)
            self.head_h = max((ink.measure(x) for x in names), default=0) * cos + h + PAD
        else:
            self.head_h = max((len(x) for x in self.lines), default=1) * h + PAD
        self.length = self.pitch * len(names)

    def draw_heads(self, x0: float, top: float, bold: set[str]) -> None:
        h = self.ink.line()
        for i, name in enumerate(self.names):
            weight = "bold" if name in bold else "normal"
            cx = x0 + (i + 0.5) * self.pitch
            if self.flat:
                self.ink.board.text(
                    cx,
                    top + PAD / 2,
                    "\n".join(self.lines[i]),
                    ha="center",
                    va="bottom",
                    linespacing=1.0,
                    weight=weight,
                )
            else:
                self.ink.board.text(
                    cx - h * 0.3,
                    top + PAD / 2,
                    name,
                    rotation=45,
                    rotation_mode="anchor",
                    ha="left",
                    va="bottom",
                    weight=weight,
                )


def _cell(ink: _Ink, status: Status | None, cx: float, cy: float, room: float) -> None:
    from matplotlib.patches import FancyBboxPatch

    if status is None:
        return
    fill, edge, dashed = _status_look(status, ink.style)
    size = room * 0.62
    ink.board.add_patch(
        FancyBboxPatch(
            (cx - size / 2, cy - size / 2),
            size,
            size,
            boxstyle="round,pad=0,rounding_size=0.04",
            facecolor=fill,
            edgecolor=edge or fill,
            linewidth=1.8 if edge else 0,
            linestyle="--" if dashed else "-",
            zorder=2,
        )
    )


def _flank_mark(ink: _Ink, flank: Flank, x: float, y: float, w: float, h: float) -> None:
    from matplotlib.patches import Rectangle

    ink.board.add_patch(Rectangle((x, y), w, h, facecolor=_flank_color(flank, ink.style)))


def _hot_band(ink: _Ink, x: float, y: float, w: float, h: float) -> None:
    from matplotlib.patches import Rectangle

    fill = _mix(ink.style.muted_color, ink.style.background, 0.85)
    ink.board.add_patch(Rectangle((x, y), w, h, facecolor=fill, zorder=0))


def _rule(ink: _Ink, x0: float, x1: float, y: float) -> None:
    ink.board.plot(
        [x0, x1],
        [y, y],
        color=_mix(ink.style.muted_color, ink.style.background, 0.85),
        linewidth=0.8,
        zorder=0,
    )


# ---------------------------------------------------------------- tile map


_CONTEXT_FILL = "#E4E7EB"


def _tile_map(ink: _Ink, data: ChartData, table: MapTable) -> None:
    from matplotlib.patches import FancyBboxPatch

    style, board, h = ink.style, ink.board, ink.line()
    cells = table.tiles
    legend = [
        (FLANK_NAMES[f], _box(ink, _flank_color(f, style)))
        for f in FLANK_ORDER
        if any(t.flank is f for t in cells)
    ]
    if any(t.flank is None for t in cells):
        legend.append(("Other countries", _box(ink, _CONTEXT_FILL)))
    scale_note = "Darker: more elements"
    legend_w = max([ink.measure(name) + h + PAD for name, _ in legend] + [ink.measure(scale_note)]) + PAD
    legend_h = (len(legend) + 1) * h * 1.15 + PAD
    c0, c1 = min((t.col for t in cells), default=0), max((t.col for t in cells), default=0)
    r0, r1 = min((t.row for t in cells), default=0), max((t.row for t in cells), default=0)
    occupied = {(t.col, t.row) for t in cells} | {(round(k.col), round(k.row)) for k in tiles.LANDMARKS}
    ncols, nrows = c1 - c0 + 1, r1 - r0 + 1
    pitch_y = (ink.height - 2 * EDGE) / nrows
    # The legend goes into an empty corner of the grid when one is big enough, else beside it.
    pitch_x, spot = (ink.width - 2 * EDGE) / ncols, None
    need = (math.ceil(legend_w / pitch_x), math.ceil(legend_h / pitch_y))
    for cols, rows in (
        (range(c0, c0 + need[0]), range(r0, r0 + need[1])),
        (range(c1 - need[0] + 1, c1 + 1), range(r0, r0 + need[1])),
        (range(c0, c0 + need[0]), range(r1 - need[1] + 1, r1 + 1)),
        (range(c1 - need[0] + 1, c1 + 1), range(r1 - need[1] + 1, r1 + 1)),
    ):
        if all((c, r) not in occupied for c in cols for r in rows):
            spot = (cols.start, rows.start)
            break
    x_origin = EDGE
    if spot is None:
        pitch_x = (ink.width - 2 * EDGE - legend_w - PAD) / ncols
        x_origin = EDGE + legend_w + PAD
    pitch_x = min(pitch_x, 2.2)
    x_origin += (ink.width - EDGE - x_origin - pitch_x * ncols) / 2  # centre a grid that stopped growing
    gap = 0.06
    tile_w, tile_h = pitch_x - gap, pitch_y - gap
    top_count = max((t.count for t in cells), default=0)
    marked, notes = set(data.highlight), _annotations(data)

    def at(col: float, row: float) -> tuple[float, float]:
        """Lower-left corner of a cell, in inches."""
        return x_origin + (col - c0) * pitch_x, ink.height - EDGE - (row - r0 + 1) * pitch_y

    for mark in tiles.LANDMARKS:
        if c0 <= mark.col <= c1 and r0 <= mark.row <= r1:
            x, y = at(mark.col, mark.row)
            board.text(
                x + pitch_x / 2,
                y + pitch_y / 2,
                mark.text,
                ha="center",
                va="center",
                style="italic",
                color=_mix(style.muted_color, style.background, 0.3),
                size=style.tick_size + 2,
            )
    count_w = ink.measure(str(top_count), weight="bold")
    for t in cells:
        x, y = at(t.col, t.row)
        x, y = x + gap / 2, y + gap / 2
        share = t.count / max(top_count, 1)
        fill = (
            _CONTEXT_FILL
            if t.flank is None
            else _mix(style.background, _flank_color(t.flank, style), 0.35 + 0.65 * share)
        )
        hot = t.label in marked
        board.add_patch(
            FancyBboxPatch(
                (x, y),
                tile_w,
                tile_h,
                boxstyle="round,pad=0,rounding_size=0.05",
                facecolor=fill,
                edgecolor=style.text_color if hot else fill,
                linewidth=2.5 if hot else 0,
                zorder=2,
            )
        )
        color = _ink_on(fill, style) if t.flank else style.muted_color
        weight = "bold" if hot else "normal"
        room = tile_w - 2 * PAD - (count_w + PAD if t.count else 0)
        label = t.label if ink.measure(t.label, weight=weight) <= room else t.code  # never over the count
        board.text(
            x + PAD, y + tile_h / 2, label, ha="left", va="center", color=color, weight=weight, zorder=3
        )
        if t.count:
            board.text(
                x + tile_w - PAD,
                y + tile_h / 2,
                str(t.count),
                ha="right",
                va="center",
                color=color,
                weight="bold",
                zorder=3,
            )
    taken = set(occupied)
    if spot is not None:
        taken |= {
            (c, r) for c in range(spot[0], spot[0] + need[0]) for r in range(spot[1], spot[1] + need[1])
        }
    # A note with no free cells next to its tile goes under the legend, named.
    homeless = [
        f"{t.label}: {notes[t.label]}"
        for t in cells
        if t.label in notes
        and not _tile_note(ink, notes[t.label], t.col, t.row, taken, at, pitch_x, pitch_y, (c0, c1, r0, r1))
    ]
    lx, ly = (
        (at(spot[0], spot[1])[0] + gap, at(spot[0], spot[1])[1] + pitch_y)
        if spot
        else (EDGE, ink.height - EDGE)
    )
    used = _legend(ink, legend, left=lx, top=ly, width=legend_w)
    board.text(
        lx,
        ly - used - PAD / 2,
        "\n".join([scale_note, *homeless]),
        ha="left",
        va="top",
        color=style.muted_color,
        linespacing=1.3,
    )


def _tile_note(
    ink: _Ink,
    text: str,
    col: int,
    row: int,
    taken: set[tuple[int, int]],
    at: Callable[[float, float], tuple[float, float]],
    pitch_x: float,
    pitch_y: float,
    bounds: tuple[int, int, int, int],
) -> bool:
    """An annotation in a run of empty cells next to its tile: beside it, else straight above or below."""
    c0, c1, r0, r1 = bounds
    span = math.ceil((ink.measure(text, style="italic") + 2 * PAD) / pitch_x)
    runs = [(0, col + 1), (0, col - span)]
    runs += [(dr, start) for dr in (-1, 1) for start in range(col - span + 1, col + 1)]
    for dr, start in runs:
        cells = [(c, row + dr) for c in range(start, start + span)]
        if not all(c0 <= c <= c1 and r0 <= r <= r1 and (c, r) not in taken for c, r in cells):
            continue
        taken.update(cells)
        x, y = at(start, row + dr)
        tx, ty = at(col, row)
        ym = y + pitch_y / 2
        if dr == 0:  # beside: text starts at the tile's edge, a short rule bridges the gap
            right = start > col
            ax = x + PAD if right else x + span * pitch_x - PAD
            edge = tx + pitch_x - 0.03 if right else tx + 0.03
            ink.board.text(
                ax, ym, text, ha="left" if right else "right", va="center", style="italic", zorder=4
            )
            ink.board.plot(
                [edge, ax - 0.04 if right else ax + 0.04],
                [ym, ym],
                color=ink.style.muted_color,
                linewidth=1.2,
                zorder=4,
            )
        else:  # above or below: centred over the tile where the run allows, a tick down or up to it
            w = ink.measure(text, style="italic")
            cx = min(max(tx + pitch_x / 2, x + w / 2 + PAD), x + span * pitch_x - w / 2 - PAD)
            ink.board.text(cx, ym, text, ha="center", va="center", style="italic", zorder=4)
            tick = (ym - ink.line() / 2, ty + pitch_y - 0.03) if dr < 0 else (ym + ink.line() / 2, ty + 0.03)
            ink.board.plot(
                [tx + pitch_x / 2] * 2, list(tick), color=ink.style.muted_color, linewidth=1.2, zorder=4
            )
        return True
    return False
