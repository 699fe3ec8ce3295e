"""Milestones over time: labels over and under a line when they all fit it, else a dated list.

Where everything goes is decided in ``timefit`` (pure, shared with the plan); this module draws it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from deckgen.charts.canvas import EDGE, PAD, Ink, canvas
from deckgen.charts.compute import FLANK_NAMES, FLANK_ORDER
from deckgen.charts.labels import Slot, collisions, place_labels, tier_labels
from deckgen.charts.marks import annotation_texts, dot_swatch, flank_color, flow_legend, mix
from deckgen.charts.model import ChartData, ChartLayout, ChartStyle, Milestone, TimelineTable
from deckgen.charts.timefit import (
    BASE,
    GUTTER,
    LineLayout,
    ListLayout,
    flank_legend_width,
    line_layout,
    list_layout,
    list_line,
    timeline_fit,
    years,
)

__all__ = ["Slot", "collisions", "draw_timeline", "place_labels", "tier_labels", "timeline_layout"]


def timeline_layout(data: ChartData, *, style: ChartStyle, width_in: float, height_in: float) -> LineLayout:
    """Where a timeline's labels go on a line at this size, without drawing; ValueError when they
    do not all fit on one (the drawer then lists them)."""
    if not isinstance(data.table, TimelineTable):
        raise TypeError(f"not a timeline: {type(data.table).__name__}")
    with canvas(style, width_in, height_in, 100) as ink:
        found = line_layout(ink, data.table.milestones, annotation_texts(data))
    if found is None:
        raise ValueError("the labels do not fit on a line at this size")
    return found


def draw_timeline(
    ink: Ink, data: ChartData, table: TimelineTable, layout: ChartLayout | None = None
) -> list[str]:
    """Draws the timeline the layout asks for; returns the milestone labels it drew, in order.

    A line the plan expected to fit that does not fit matplotlib's measures becomes a list: the
    layout changes before anything is dropped.
    """
    stones, notes = table.milestones, annotation_texts(data)
    if layout is None:
        layout, _lost = timeline_fit(ink, stones, notes)
    if layout.timeline == "line" and (line := line_layout(ink, stones, notes)) is not None:
        _draw_line(ink, data, line)
        return [m.label for m in stones]
    if layout.timeline == "line":
        layout, _lost = timeline_fit(ink, stones, notes)
    flow = layout.timeline == "flow"
    found = list_layout(ink, stones, notes, size=layout.tick_size, columns=layout.columns, flow=flow)
    promised = len(stones) if layout.shown < 0 else layout.shown
    if len(found.rows) < promised:  # matplotlib's measures wrap a line more: refit before dropping
        layout, _lost = timeline_fit(ink, stones, notes)
        flow = layout.timeline == "flow"
        found = list_layout(ink, stones, notes, size=layout.tick_size, columns=layout.columns, flow=flow)
    shown = len(found.rows) if layout.shown < 0 else min(layout.shown, len(found.rows))
    return _draw_list(ink, data, found, shown)


def _legend(ink: Ink, stones: Sequence[Milestone]) -> list[tuple[str, Any]]:
    return [
        (FLANK_NAMES[f], dot_swatch(ink, flank_color(f, ink.style)))
        for f in FLANK_ORDER
        if any(m.flank is f for m in stones)
    ]


def _draw_list(ink: Ink, data: ChartData, found: ListLayout, shown: int) -> list[str]:
    """Dated rows down each column beside a thin line with the flank's dot, legend on top."""
    style, board, stones = ink.style, ink.board, data.table.milestones  # type: ignore[union-attr]
    size, h = found.size, list_line(found.size)
    top = ink.height - EDGE
    flow_legend(ink, _legend(ink, stones), left=EDGE, top=top, width=ink.width - 2 * EDGE, size=size)
    if shown < len(stones):  # said beside the legend, where no row can be
        more = f"{len(stones) - shown} later milestones are in the notes"
        y = top - ink.line(size) / 2
        board.text(
            ink.width - EDGE,
            y,
            more,
            ha="right",
            va="center",
            style="italic",
            color=style.muted_color,
            fontsize=size,
        )
    top -= found.legend_height
    rows = found.rows[:shown]
    kw: dict[str, Any] = {"ha": "left", "va": "center", "fontsize": size}
    guide = mix(style.muted_color, style.background, 0.7)
    for column in sorted({r.column for r in rows}):
        last = max(r.top for r in rows if r.column == column)
        x = EDGE + column * (found.column_width + GUTTER) + h / 2
        board.plot([x, x], [top - h / 2, top - last - h / 2], color=guide, linewidth=1.5, zorder=1)
    drawn: list[str] = []
    for m, row in zip(stones, rows, strict=False):
        left = EDGE + row.column * (found.column_width + GUTTER)
        y, color = top - row.top - h / 2, flank_color(m.flank, style)
        board.plot(
            [left + h / 2], [y], "o", color=color, markersize=size * 0.6, markeredgecolor="white", zorder=3
        )
        date = m.when.display()
        board.text(left + h, y, date, weight="bold", color=color, **kw)
        lead = found.date_width or ink.measure(f"{date} ", size=size, weight="bold")
        weight = "bold" if m.label in data.highlight else "normal"
        for j, line in enumerate(row.lines):
            indent = lead if j == 0 or found.date_width else 0.0
            board.text(left + h + indent, y - j * h, line, weight=weight, **kw)
        for j, line in enumerate(row.notes, start=len(row.lines)):
            board.text(
                left + h + found.date_width, y - j * h, line, style="italic", color=style.muted_color, **kw
            )
        drawn.append(m.label)
    return drawn


def _centred_axis(ink: Ink, layout: LineLayout) -> float:
    """The line's height that centres what is drawn, labels and legend, in the room left by the years."""
    half = ink.line() / 2

    def reach(side: int) -> float:
        tops = [
            s.level + tall - 1
            for s, (_w, tall) in zip(layout.slots, layout.sizes, strict=True)
            if s.side == side
        ]
        tops += [layout.legend.level + 2] if layout.legend.side == side else []
        return BASE + max(tops, default=0) * half

    low = EDGE + (ink.line() + 2 * PAD if layout.years else 0)
    return low + (ink.height - EDGE - low - reach(1) - reach(-1)) / 2 + reach(-1)


def _draw_line(ink: Ink, data: ChartData, layout: LineLayout) -> None:
    style, stones, board, h = ink.style, data.table.milestones, ink.board, ink.line()  # type: ignore[union-attr]
    keep = [(layout.legend, flank_legend_width(ink, stones), 2)]
    if collisions(layout.xs, layout.sizes, layout.slots, blocked=keep):  # the placers promise this
        raise AssertionError("timeline labels overlap")
    x_lo, x_hi = EDGE + 0.1, ink.width - EDGE - 0.1
    y0 = _centred_axis(ink, layout)
    if layout.years:
        _year_axis(ink, [years(m.when) for m in stones], layout.to_x, top=ink.height - EDGE)
    board.plot([x_lo, x_hi], [y0, y0], color=style.muted_color, linewidth=2, zorder=1)
    kw: dict[str, Any] = {
        "ha": "left",
        "va": "center",
        "zorder": 4,
        # A background under the text hides the faint year guides, never a stem (stems avoid blocks).
        "bbox": {"facecolor": style.background, "edgecolor": "none", "pad": 1},
    }
    for m, x, b, slot in zip(stones, layout.xs, layout.blocks, layout.slots, strict=True):
        color = flank_color(m.flank, style)
        board.plot([x], [y0], "o", color=color, markersize=9, markeredgecolor="white", zorder=3)
        near = y0 + slot.side * (BASE + slot.level * h / 2)
        n = len(b.lines) + len(b.notes)
        top_line = near + h / 2 + (n - 1) * h if slot.side > 0 else near - h / 2
        ys = [top_line - j * h for j in range(n)]
        board.plot([x, x], [y0, near], color=color, linewidth=1.2, zorder=2)
        weight = "bold" if m.label in data.highlight else "normal"
        board.text(slot.left, ys[0], b.date, weight="bold", color=color, **kw)
        lead = ink.measure(f"{b.date} ", weight="bold")
        for j, line in enumerate(b.lines):
            board.text(slot.left + (lead if j == 0 else 0), ys[j], line, weight=weight, **kw)
        for j, line in enumerate(b.notes, start=len(b.lines)):
            board.text(slot.left, ys[j], line, style="italic", color=style.muted_color, **kw)
    spot = layout.legend
    near = y0 + spot.side * (BASE + spot.level * h / 2)
    top = near + h if spot.side > 0 else near
    width = flank_legend_width(ink, stones) + 0.3
    flow_legend(ink, _legend(ink, stones), left=spot.left, top=top, width=width)


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
