"""Where a timeline's labels go in a box, measured but not drawn: a line when it fits, else a dated list.

Pure: the plan runs it with the template's font metrics to decide the layout, the drawer with
matplotlib's to place it. Every label says what happened; none is cut down to date and country.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from deckgen.charts.canvas import EDGE, PAD
from deckgen.charts.compute import FLANK_NAMES, FLANK_ORDER
from deckgen.charts.labels import Slot, place_labels, tier_labels
from deckgen.charts.model import ChartLayout, Milestone
from deckgen.charts.ruler import FLOOR_PT, Ruler
from deckgen.dataset.model import YearMonth

BASE = 0.2  # inches from the line to the nearest label, clear of the markers
GUTTER = 0.35  # inches between list columns
ROW_GAP = 0.25  # lines of air under each listed milestone


def years(when: YearMonth) -> float:
    return when.year + max(when.month - 1, 0) / 12


@dataclass(frozen=True)
class Block:
    date: str
    lines: tuple[str, ...]  # the first line follows the date on the same line
    notes: tuple[str, ...]
    width: float

    @property
    def tall(self) -> int:
        """Height in half-lines, with half a line of air on the far side."""
        return 2 * (len(self.lines) + len(self.notes)) + 1


def _block(r: Ruler, date: str, label: str, note: str, wrap: float | None) -> Block:
    """A milestone's text: bold date, then the label wrapped to ``wrap`` inches, then the note."""
    lead = r.measure(f"{date} ", weight="bold")
    lines, notes = [label], [note] if note else []
    if wrap is not None:
        lines = r.wrap(label, wrap, indent=lead)
        if lead + r.measure(lines[0]) > wrap:  # not even one word fits after the date: date alone
            lines = ["", *r.wrap(label, wrap)]
        notes = r.wrap(note, wrap, style="italic") if note else []
    widths = [lead + r.measure(lines[0])] + [r.measure(t) for t in lines[1:]]
    widths += [r.measure(t, style="italic") for t in notes]
    return Block(date, tuple(lines), tuple(notes), max(widths))


@dataclass(frozen=True)
class LineLayout:
    blocks: list[Block]
    slots: list[Slot]
    xs: list[float]
    to_x: Callable[[float], float]
    legend: Slot
    years: bool  # the scale is true to time, so a year axis helps; on a spread scale it would mislead
    levels: int  # half-lines each side of the line

    @property
    def sizes(self) -> list[tuple[float, int]]:
        return [(b.width, b.tall) for b in self.blocks]


def axis_y(r: Ruler, true_to_time: bool) -> float:
    return (r.height + (r.line() + 2 * PAD if true_to_time else 0)) / 2


def flank_legend_width(r: Ruler, stones: Sequence[Milestone], size: float | None = None) -> float:
    names = [FLANK_NAMES[f] for f in FLANK_ORDER if any(m.flank is f for m in stones)]
    return sum(r.measure(n, size=size) + r.line(size) + 0.4 for n in names) - 0.3


def line_layout(r: Ruler, stones: Sequence[Milestone], notes: dict[str, str]) -> LineLayout | None:
    """Every full label over or under its marker on one line, or None when they cannot all fit.

    Time to scale and one-line labels first; crowded years spread and labels wrap only as needed.
    The last wrap makes blocks under four marker gaps wide on an even scale: two tiers.
    """
    h = r.line()

    def levels(true_to_time: bool) -> int:
        return int((r.height - EDGE - axis_y(r, true_to_time) - BASE) / (h / 2))

    t = [years(m.when) for m in stones]
    lo, hi = EDGE + 0.1, r.width - EDGE - 0.1
    gaps = max(len(stones) - 1, 1)
    four = (4 * (hi - lo) / gaps - 0.25) / (1 + 4 / gaps)  # 4 gaps - room, ends inset by wrap / 2
    wraps = dict.fromkeys((None, 2.8, 2.2, 1.7, max(four, 1.0)))

    @functools.cache
    def blocks(wrap: float | None) -> list[Block]:
        return [_block(r, m.when.display(), m.label, notes.get(m.label, ""), wrap) for m in stones]

    legend_w = flank_legend_width(r, stones)
    for linear, wrap in itertools.product((1.0, 0.6, 0.3, 0.0), wraps):
        fit = _fit(blocks(wrap), t, linear, levels=levels(linear == 1), lo=lo, hi=hi, legend_w=legend_w)
        if fit is not None:
            return fit
    return None


def _fit(
    blocks: list[Block], t: list[float], linear: float, *, levels: int, lo: float, hi: float, legend_w: float
) -> LineLayout | None:
    """Places every block on one time scale, legend in a free corner; None when this layout fails."""
    # End markers sit in from the edges by half their label, so those can be centred too.
    ends = (blocks[0].width / 2, blocks[-1].width / 2) if blocks else (0.0, 0.0)
    xs, to_x = time_scale(t, linear, lo + min(ends[0], 1.5), hi - min(ends[1], 1.5))
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
            return LineLayout(blocks, slots, xs, to_x, legend, linear == 1, levels)
    return None


def time_scale(
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


@dataclass(frozen=True)
class Row:
    """One milestone in the list: its column, its top in inches below the list's top, its lines."""

    column: int
    top: float
    lines: tuple[str, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class ListLayout:
    size: float
    columns: int
    column_width: float
    date_width: float  # the date column; 0 when labels flow on after their date ("flow")
    rows: tuple[Row, ...]  # the milestones shown, first to last; fewer than all only when none fits

    @property
    def legend_height(self) -> float:
        return self.size * 1.25 / 72 + PAD


def list_layout(
    r: Ruler,
    stones: Sequence[Milestone],
    notes: dict[str, str],
    *,
    size: float,
    columns: int,
    flow: bool = False,
) -> ListLayout:
    """Milestones as dated rows down ``columns`` columns of about equal length, under the legend.

    Each row is a dot, the bold date, and the label wrapped beside the date, so the dates make a
    column of their own; with ``flow`` the label runs on after the date and wraps under it, which
    takes fewer lines in a narrow box.
    """
    h = list_line(size)
    room = r.height - 2 * EDGE - (r.line(size) + PAD) + h * ROW_GAP
    col_w = (r.width - 2 * EDGE - (columns - 1) * GUTTER) / columns
    dates = [r.measure(f"{m.when.display()} ", size=size, weight="bold") for m in stones]
    lead = 0.0 if flow else max(dates, default=0) + PAD
    text_w = max(col_w - h - lead, 0.5)  # the dot, the date column, then the label
    texts = [
        (
            tuple(r.wrap(m.label, text_w, indent=d if flow else 0.0, size=size)),
            tuple(r.wrap(n, text_w, size=size, style="italic")) if (n := notes.get(m.label)) else (),
        )
        for m, d in zip(stones, dates, strict=True)
    ]
    tall = [(len(a) + len(b)) * h + h * ROW_GAP for a, b in texts]
    cap = max(sum(tall) / columns, max(tall, default=0))
    while True:
        rows = _pack(texts, tall, min(cap, room), columns)
        if len(rows) == len(stones) or cap >= room:
            return ListLayout(size, columns, col_w, lead, tuple(rows))
        cap += h / 4


def list_line(size: float) -> float:
    """A list line's height in inches: single spacing, as PowerPoint sets text."""
    return size * 1.2 / 72


def _pack(
    texts: list[tuple[tuple[str, ...], tuple[str, ...]]], tall: list[float], cap: float, columns: int
) -> list[Row]:
    rows: list[Row] = []
    column, y = 0, 0.0
    for (lines, notes), t in zip(texts, tall, strict=True):
        if y + t > cap + 1e-9 and y > 0:
            column, y = column + 1, 0.0
        if column >= columns or t > cap + 1e-9:
            break
        rows.append(Row(column, y, lines, notes))
        y += t
    return rows


def timeline_fit(r: Ruler, stones: Sequence[Milestone], notes: dict[str, str]) -> tuple[ChartLayout, int]:
    """The layout for this box and how many labels it still cannot show: a line when every label
    fits on it; else a list in one to three columns at the largest size down to 12 pt, dates in a
    column of their own if they can be, else labels flowing on after them."""
    if not stones or line_layout(r, stones, notes) is not None:
        return ChartLayout(tick_size=r.size, timeline="line"), 0
    sizes = [r.size - k for k in range(int(r.size - FLOOR_PT) + 1)] if r.size > FLOOR_PT else [r.size]
    best: tuple[int, ChartLayout] = (-1, ChartLayout())
    for flow in (False, True):
        for size in sizes:
            for columns in (1, 2, 3):
                found = list_layout(r, stones, notes, size=size, columns=columns, flow=flow)
                layout = ChartLayout(tick_size=size, timeline="flow" if flow else "list", columns=columns)
                if len(found.rows) == len(stones):
                    return layout, 0
                if len(found.rows) > best[0]:
                    best = (len(found.rows), replace(layout, shown=len(found.rows)))
    return best[1], len(stones) - best[0]
