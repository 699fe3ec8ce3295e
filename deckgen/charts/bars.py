"""Stacked horizontal bars: presence by region or by flank, one series per kind."""

from __future__ import annotations

from deckgen.charts.draw import EDGE, PAD, Ink, annotation_texts, box_swatch, flow_legend, ink_on, mix
from deckgen.charts.model import CategoryTable, ChartData


def draw_bars(ink: Ink, data: ChartData, table: CategoryTable) -> None:
    style, cats, series = ink.style, table.categories, table.series
    # By kind, not by place in this chart: a kind keeps one colour across the deck, native charts too.
    colors = [style.series_color(s, i) for i, s in enumerate(series)]
    marked = set(data.highlight)
    hot_cats = [c in marked for c in cats]
    hot_series = [s.name in marked for s in series]
    emphasis = any(hot_cats) or any(hot_series)

    def muted(i: int, j: int) -> bool:
        return emphasis and not (hot_cats[j] or hot_series[i])

    # Legend swatches fade with their series only when whole series, not categories, are picked out.
    swatches = [
        mix(c, style.background, 0.55) if any(hot_series) and not hot else c
        for c, hot in zip(colors, hot_series, strict=True)
    ]
    entries = [(s.name, box_swatch(ink, c)) for s, c in zip(series, swatches, strict=True)]
    legend_h = flow_legend(ink, entries, left=EDGE, top=ink.height - EDGE, width=ink.width - 2 * EDGE)
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
    per_inch = limit / axis_w
    starts = [0.0] * len(cats)
    for i, s in enumerate(series):
        for j, v in enumerate(s.values):
            if v <= 0:
                continue
            fill = mix(colors[i], style.background, 0.6) if muted(i, j) else colors[i]
            ax.barh(
                ys[j], v, left=starts[j], height=thick, color=fill, edgecolor=style.background, linewidth=1.2
            )
            label = f"{v:g}"
            if v / per_inch >= ink.measure(label) + PAD:
                ax.text(starts[j] + v / 2, ys[j], label, ha="center", va="center", color=ink_on(fill, style))
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
    ax.grid(axis="x", color=mix(style.muted_color, style.background, 0.8), linewidth=0.8)
    ax.set_axisbelow(True)
