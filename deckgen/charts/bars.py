"""Stacked horizontal bars: presence by region or by flank, one series per kind."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from deckgen.charts.canvas import EDGE, PAD, Ink
from deckgen.charts.marks import annotation_texts, box_swatch, flow_legend, ink_on, mix
from deckgen.charts.model import CategoryTable, ChartData

if TYPE_CHECKING:
    from matplotlib.axes import Axes


@dataclass(frozen=True)
class _Hot:
    """The categories and series the brief picks out; when any are, the others recede."""

    cats: list[bool]
    series: list[bool]

    def muted(self, i: int, j: int) -> bool:
        """Whether series ``i``'s segment in category ``j`` recedes."""
        return (any(self.cats) or any(self.series)) and not (self.cats[j] or self.series[i])


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


def draw_bars(ink: Ink, data: ChartData, table: CategoryTable) -> None:
    # By kind, not by place in this chart: a kind keeps one colour across the deck, native charts too.
    colors = [ink.style.series_color(s, i) for i, s in enumerate(table.series)]
    marked = set(data.highlight)
    hot = _Hot([c in marked for c in table.categories], [s.name in marked for s in table.series])
    legend_h = _legend(ink, table, colors, hot)
    plot = _plot(ink, data, table, hot, legend_h)
    _segments(ink, plot, table, colors, hot)
    _totals_and_notes(ink, plot, table, hot)
    _ticks_and_grid(ink, plot, table, hot)


def _legend(ink: Ink, table: CategoryTable, colors: list[str], hot: _Hot) -> float:
    """The series legend across the top; returns its height."""
    # Legend swatches fade with their series only when whole series, not categories, are picked out.
    swatches = [
        mix(c, ink.style.background, 0.55) if any(hot.series) and not picked else c
        for c, picked in zip(colors, hot.series, strict=True)
    ]
    entries = [(s.name, box_swatch(ink, c)) for s, c in zip(table.series, swatches, strict=True)]
    return flow_legend(ink, entries, left=EDGE, top=ink.height - EDGE, width=ink.width - 2 * EDGE)


def _plot(ink: Ink, data: ChartData, table: CategoryTable, hot: _Hot, legend_h: float) -> _Plot:
    """Axes under the legend, right of the category names, with room past each bar for its total."""
    cats, series = table.categories, table.series
    label_w = max(
        (ink.measure(c, weight="bold" if h else "normal") for c, h in zip(cats, hot.cats, strict=True)),
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
    notes = annotation_texts(data)
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
    return _Plot(ax, ys, thick, totals, notes, limit, limit / axis_w)


def _segments(ink: Ink, plot: _Plot, table: CategoryTable, colors: list[str], hot: _Hot) -> None:
    """One segment per non-zero value, labelled inside when the label fits."""
    style, ax = ink.style, plot.ax
    starts = [0.0] * len(table.categories)
    for i, s in enumerate(table.series):
        for j, v in enumerate(s.values):
            if v <= 0:
                continue
            fill = mix(colors[i], style.background, 0.6) if hot.muted(i, j) else colors[i]
            ax.barh(
                plot.ys[j],
                v,
                left=starts[j],
                height=plot.thick,
                color=fill,
                edgecolor=style.background,
                linewidth=1.2,
            )
            label = f"{v:g}"
            if v / plot.per_inch >= ink.measure(label) + PAD:
                ax.text(
                    starts[j] + v / 2, plot.ys[j], label, ha="center", va="center", color=ink_on(fill, style)
                )
            starts[j] += v


def _totals_and_notes(ink: Ink, plot: _Plot, table: CategoryTable, hot: _Hot) -> None:
    """Each bar's total past its end, then its note; a picked-out bar gets an outline."""
    style, ax, totals, ys, per_inch = ink.style, plot.ax, plot.totals, plot.ys, plot.per_inch
    thick = plot.thick
    for j, c in enumerate(table.categories):
        if hot.cats[j] and totals[j] > 0:
            ax.barh(ys[j], totals[j], height=thick, fill=False, edgecolor=style.text_color, linewidth=2.2)
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


def _ticks_and_grid(ink: Ink, plot: _Plot, table: CategoryTable, hot: _Hot) -> None:
    """Limits, category names (bold when picked out, muted beside them), whole-number ticks, grid."""
    from matplotlib.ticker import MaxNLocator

    style, ax, cats = ink.style, plot.ax, table.categories
    ax.set_xlim(0, plot.limit)
    ax.set_ylim(-0.6, len(cats) - 0.4)
    ax.set_yticks(plot.ys, cats)
    for tick, picked in zip(ax.get_yticklabels(), hot.cats, strict=True):
        tick.set_fontweight("bold" if picked else "normal")
        tick.set_color(style.muted_color if any(hot.cats) and not picked else style.text_color)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
    ax.set_xlabel(table.value_axis_title, color=style.muted_color)
    ax.tick_params(axis="y", length=0, pad=PAD * 72)
    ax.spines["left"].set_visible(False)
    ax.grid(axis="x", color=mix(style.muted_color, style.background, 0.8), linewidth=0.8)
    ax.set_axisbelow(True)
