"""Stacked horizontal bars: presence by region or by flank, one series per kind.

Colours mean kinds and nothing else: what the brief picks out gets a dark outline and bold name,
never a paler fill, so the legend decodes every bar. Reduced presence (drawn down, still there)
is its kind's colour striped on a pale ground, a series and legend entry of its own,
"<kind> (reduced)". Where
names, legend and values go is the layout's decision (``barfit``): names wrap or shrink to 12 pt,
never vanish.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from deckgen.charts.barfit import bar_fit, legend_lines
from deckgen.charts.canvas import EDGE, PAD, Ink
from deckgen.charts.marks import (
    annotation_texts,
    box_swatch,
    flow_legend,
    ink_on,
    mix,
    reduced_ground,
    stripe,
)
from deckgen.charts.model import CategoryTable, ChartData, ChartLayout

if TYPE_CHECKING:
    from matplotlib.axes import Axes

OUTLINE = 2.2  # points: the edge around what the brief picks out


@dataclass(frozen=True)
class _Hot:
    """The categories and series the brief picks out: outlined, in their own colours."""

    cats: list[bool]
    series: list[bool]


@dataclass(frozen=True)
class _Plot:
    """The bars' axes and scale: rows from the top, in data units per inch along the value axis."""

    ax: Axes
    ys: list[int]
    thick: float
    totals: list[float]
    notes: dict[str, str]
    limit: float
    per_inch: float


def draw_bars(
    ink: Ink, data: ChartData, table: CategoryTable, layout: ChartLayout | None = None
) -> dict[str, str]:
    """Draws the bars; returns each legend entry's name and the fill it shows (all drawn fills)."""
    if layout is None:
        layout, _geometry, _lost = bar_fit(ink, table, value_size=ink.style.label_size)
    # By kind, not by place in this chart: a kind keeps one colour across the deck, native charts too.
    colors = [ink.style.series_color(s, i) for i, s in enumerate(table.series)]
    marked = set(data.highlight)
    hot = _Hot(
        [c in marked for c in table.categories],
        [s.name in marked or s.kind_name in marked for s in table.series],
    )
    names = [_wrapped(ink, c, layout, bold=h) for c, h in zip(table.categories, hot.cats, strict=True)]
    legend_w, legend_h = _legend(ink, table, colors, hot, layout)
    plot = _plot(ink, data, table, layout, names, (legend_w, legend_h))
    _segments(ink, plot, table, colors, hot, layout)
    _totals_and_notes(ink, plot, table, hot)
    _ticks_and_grid(ink, plot, table, hot, names, layout)
    return {s.name: c for s, c in zip(table.series, colors, strict=True)}


def _wrapped(ink: Ink, name: str, layout: ChartLayout, *, bold: bool) -> str:
    weight = "bold" if bold else "normal"
    if layout.label_width <= 0:
        return name
    return "\n".join(ink.wrap(name, layout.label_width + 0.01, size=layout.tick_size, weight=weight))


def _legend(
    ink: Ink, table: CategoryTable, colors: list[str], hot: _Hot, layout: ChartLayout
) -> tuple[float, float]:
    """The series legend beside the bars (a column at the right) or under them; returns its room."""
    edge = ink.style.text_color
    entries = [
        (s.name, box_swatch(ink, c, edge if picked else None, striped=s.reduced))
        for s, c, picked in zip(table.series, colors, hot.series, strict=True)
    ]
    size, h = layout.tick_size, ink.line(layout.tick_size)
    if layout.legend == "right":
        lines = [legend_lines(s, layout.legend_wrap) for s in table.series]
        width = max((ink.measure(x, size=size) for n in lines for x in n), default=0) + h * 0.75 + PAD
        left, row = ink.width - EDGE - width, 0
        for (_name, swatch), names in zip(entries, lines, strict=True):  # a row a line
            for k, name in enumerate(names):  # a wrapped "(reduced)" goes under its kind, no key
                y = ink.height - EDGE - (row + k) * h * 1.15
                flow_legend(
                    ink, [(name, swatch if k == 0 else _no_key)], left=left, top=y, width=width, size=size
                )
            row += len(names)
        return width + PAD, 0.0
    height = flow_legend(ink, entries, left=EDGE, top=0, width=ink.width - 2 * EDGE, draw=False, size=size)
    flow_legend(ink, entries, left=EDGE, top=EDGE + height, width=ink.width - 2 * EDGE, size=size)
    return 0.0, height + PAD


def _no_key(x: float, y: float, s: float) -> None:
    """The key of a legend line that continues the name above it: none."""


def _plot(
    ink: Ink,
    data: ChartData,
    table: CategoryTable,
    layout: ChartLayout,
    names: list[str],
    legend: tuple[float, float],
) -> _Plot:
    """Axes right of the category names, clear of the legend, with room past each bar for its total."""
    cats, series = table.categories, table.series
    label_w = max(
        (ink.measure(x, size=layout.tick_size, weight="bold") for n in names for x in n.split("\n")),
        default=0,
    )
    left = EDGE + label_w + PAD
    bottom = EDGE + 2 * ink.line() + PAD + legend[1]
    top = ink.height - EDGE
    axis_w = ink.width - left - EDGE - legend[0]
    ax = ink.axes(left, bottom, axis_w, top - bottom)
    ys = [len(cats) - 1 - j for j in range(len(cats))]
    # Bars at most 0.7 in thick: two flanks should not look like two slabs.
    thick = min(0.66, 0.7 * len(cats) / max(top - bottom, 0.1))
    totals = [sum(s.values[j] for s in series) for j in range(len(cats))]
    notes = annotation_texts(data)
    ends = [f"{totals[j]:g}" + (f"  {notes[c]}" if c in notes else "") for j, c in enumerate(cats)]
    # Room to the right of the longest bar for its total and note: solve end + text = limit.
    limit = max(
        [1.0]
        + [
            t / max(0.2, 1 - (ink.measure(e, weight="bold") + PAD * 2) / axis_w)
            for t, e in zip(totals, ends, strict=True)
        ]
    )
    return _Plot(ax, ys, thick, totals, notes, limit, limit / axis_w)


def _segments(
    ink: Ink, plot: _Plot, table: CategoryTable, colors: list[str], hot: _Hot, layout: ChartLayout
) -> None:
    """One segment per non-zero value in its kind's colour, labelled unless the layout says too thin."""
    style, ax = ink.style, plot.ax
    starts = [0.0] * len(table.categories)
    bare = set(layout.bare)
    for i, s in enumerate(table.series):
        for j, v in enumerate(s.values):
            if v <= 0:
                continue
            (bar,) = ax.barh(
                plot.ys[j],
                v,
                left=starts[j],
                height=plot.thick,
                color=colors[i],
                edgecolor=style.background,
                linewidth=1.2,
            )
            if s.reduced:
                stripe(bar, colors[i], style)
            if hot.series[i]:
                ax.barh(
                    plot.ys[j],
                    v,
                    left=starts[j],
                    height=plot.thick,
                    fill=False,
                    edgecolor=style.text_color,
                    linewidth=OUTLINE,
                    zorder=3,
                )
            if (i, j) not in bare:
                # On stripes, the value sits on a patch of their ground, clear of the stripes.
                ground = reduced_ground(colors[i], style) if s.reduced else colors[i]
                ax.text(
                    starts[j] + v / 2,
                    plot.ys[j],
                    f"{v:g}",
                    ha="center",
                    va="center",
                    color=ink_on(ground, style),
                    fontsize=layout.value_size,
                    weight="bold",
                    bbox={"boxstyle": "square,pad=0.2", "facecolor": ground, "linewidth": 0}
                    if s.reduced
                    else None,
                )
            starts[j] += v


def _totals_and_notes(ink: Ink, plot: _Plot, table: CategoryTable, hot: _Hot) -> None:
    """Each bar's total past its end, then its note; a picked-out bar gets an outline."""
    style, ax, totals, ys, per_inch = ink.style, plot.ax, plot.totals, plot.ys, plot.per_inch
    thick = plot.thick
    for j, c in enumerate(table.categories):
        if hot.cats[j] and totals[j] > 0:
            ax.barh(
                ys[j],
                totals[j],
                height=thick,
                fill=False,
                edgecolor=style.text_color,
                linewidth=OUTLINE,
                zorder=3,
            )
        ax.text(totals[j] + PAD * per_inch, ys[j], f"{totals[j]:g}", va="center", ha="left", weight="bold")
        if c in plot.notes:
            gap = (ink.measure(f"{totals[j]:g}  ", weight="bold") + PAD) * per_inch
            ax.text(
                totals[j] + gap,
                ys[j],
                plot.notes[c],
                va="center",
                ha="left",
                style="italic",
                color=style.muted_color,
            )


def _ticks_and_grid(
    ink: Ink, plot: _Plot, table: CategoryTable, hot: _Hot, names: list[str], layout: ChartLayout
) -> None:
    """Limits, category names (bold when picked out), whole-number ticks, grid."""
    from matplotlib.ticker import MaxNLocator

    style, ax, cats = ink.style, plot.ax, table.categories
    ax.set_xlim(0, plot.limit)
    ax.set_ylim(-0.6, len(cats) - 0.4)
    ax.set_yticks(plot.ys, names)
    for tick, picked in zip(ax.get_yticklabels(), hot.cats, strict=True):
        tick.set_fontweight("bold" if picked else "normal")
        tick.set_fontsize(layout.tick_size)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
    ax.set_xlabel(table.value_axis_title, color=style.muted_color)
    ax.tick_params(axis="y", length=0, pad=PAD * 72)
    ax.spines["left"].set_visible(False)
    ax.grid(axis="x", color=mix(style.muted_color, style.background, 0.8), linewidth=0.8)
    ax.set_axisbelow(True)
