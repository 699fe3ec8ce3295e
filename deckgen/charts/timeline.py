"""Milestones on a line: the time scale, fitting labels and legend at a size, and drawing."""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from deckgen.charts.canvas import EDGE, PAD, Ink, canvas
from deckgen.charts.compute import FLANK_NAMES, FLANK_ORDER
from deckgen.charts.labels import Slot, collisions, place_labels, tier_labels
from deckgen.charts.marks import annotation_texts, dot_swatch, flank_color, flow_legend, mix
from deckgen.charts.model import ChartData, ChartStyle, Milestone, TimelineTable
from deckgen.dataset.model import YearMonth


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


def _block(ink: Ink, date: str, label: str, note: str, wrap: float | None) -> _Block:
    """A milestone's text: bold date, then the label wrapped to ``wrap`` inches, then the note."""
    lead = ink.measure(f"{date} ", weight="bold")
    lines, notes = [label], [note] if note else []
    if wrap is not None:
        lines = ink.wrap(label, wrap, indent=lead)
        if lead + ink.measure(lines[0]) > wrap:  # not even one word fits after the date: date alone
            lines = ["", *ink.wrap(label, wrap)]
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


def timeline_layout(
    data: ChartData, *, style: ChartStyle, width_in: float, height_in: float
) -> TimelineLayout:
    """Where a timeline's labels go at this size, without drawing: for tests and for curious callers."""
    if not isinstance(data.table, TimelineTable):
        raise TypeError(f"not a timeline: {type(data.table).__name__}")
    with canvas(style, width_in, height_in, 100) as ink:
        return _timeline_layout(ink, data, data.table)


def _timeline_layout(ink: Ink, data: ChartData, table: TimelineTable) -> TimelineLayout:
    stones, h = table.milestones, ink.line()
    notes = annotation_texts(data)
    legend_w = _flank_legend_width(ink, stones)

    def levels(years: bool) -> int:
        return int((ink.height - EDGE - _axis_y(ink, years) - _BASE) / (h / 2))

    t = [_years(m.when) for m in stones]
    x_lo, x_hi = EDGE + 0.1, ink.width - EDGE - 0.1
    # Prefer time to scale and one-line labels; spread crowded years and wrap labels only as needed.
    # The last wrap makes blocks under four marker gaps wide on an even scale: they fall into two tiers.
    # Last resort: date and country only, never text over text (cut labels read worse). Notes from
    # the brief are kept whole in every case.
    gaps = max(len(stones) - 1, 1)
    four = (4 * (x_hi - x_lo) / gaps - 0.25) / (1 + 4 / gaps)  # 4 gaps - room, ends inset by wrap / 2
    wraps = dict.fromkeys((None, 2.8, 2.2, 1.7, max(four, 1.0)))

    @functools.cache
    def blocks(country: bool, wrap: float | None) -> list[_Block]:
        return [
            _block(
                ink,
                m.when.display(),
                m.label.split(": ", 1)[0] if country else m.label,
                notes.get(m.label, ""),
                wrap,
            )
            for m in stones
        ]

    tries = ((c, lin, w) for c in (False, True) for lin in (1.0, 0.6, 0.3, 0.0) for w in wraps)
    layout = next(
        (
            fit
            for country, linear, wrap in tries
            if (
                fit := _fit(
                    blocks(country, wrap),
                    t,
                    linear,
                    levels=levels(linear == 1),
                    lo=x_lo,
                    hi=x_hi,
                    legend_w=legend_w,
                )
            )
        ),
        None,
    )
    if layout is None:  # nothing fits legibly: markers only, rather than labels over labels
        xs, to_x = _time_scale(t, 1.0, x_lo + 0.3, x_hi - 0.3)
        layout = TimelineLayout([], [], xs, to_x, Slot(1, levels(True) - 2, x_lo), True, levels(True))
    return layout


_BASE = 0.2  # inches from the line to the nearest label, clear of the markers


def _axis_y(ink: Ink, years: bool) -> float:
    return (ink.height + (ink.line() + 2 * PAD if years else 0)) / 2


def _centred_axis(ink: Ink, layout: TimelineLayout) -> float:
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


def _flank_legend_width(ink: Ink, stones: Sequence[Milestone]) -> float:
    names = [FLANK_NAMES[f] for f in FLANK_ORDER if any(m.flank is f for m in stones)]
    return sum(ink.measure(n) + ink.line() + 0.4 for n in names) - 0.3


def draw_timeline(ink: Ink, data: ChartData, table: TimelineTable) -> None:
    style, stones, board, h = ink.style, table.milestones, ink.board, ink.line()
    layout = _timeline_layout(ink, data, table)
    keep = [(layout.legend, _flank_legend_width(ink, stones), 2)]
    if collisions(layout.xs, layout.sizes, layout.slots, blocked=keep):  # the placers promise this
        raise AssertionError("timeline labels overlap")
    legend = [
        (FLANK_NAMES[f], dot_swatch(ink, flank_color(f, style)))
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
        color = flank_color(m.flank, style)
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
    flow_legend(
        ink,
        legend,
        left=spot.left,
        top=near + h if spot.side > 0 else near,
        width=_flank_legend_width(ink, stones) + 0.3,
    )


def _year_axis(ink: Ink, t: list[float], to_x: Callable[[float], float], *, top: float) -> None:
    """Years along the bottom with faint guides, drawn only when the scale is true to time."""
    style = ink.style
    t0, t1 = (min(t), max(t)) if t else (2000.0, 2001.0)
    step = next(s for s in (1, 2, 5, 10, 20, 50) if (t1 - t0) / s <= 12)
    guide = mix(style.muted_color, style.background, 0.88)
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
            # Down to just above whatever lies under it, so legend and labels read as one group.
            under = [
                s.level + tall
                for x, s, (w, tall) in zip(xs, slots, sizes, strict=True)
                if s.side == side
                and (
                    (s.left < left + legend_w + 0.15 and left < s.left + w + 0.15)
                    or left <= x <= left + legend_w
                )
            ]
            legend = Slot(side, max(under, default=0), left)
            return TimelineLayout(blocks, slots, xs, to_x, legend, linear == 1, levels)
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
