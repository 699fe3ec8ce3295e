"""Bar chart layout for a box, measured but not drawn: name sizes, legend side, unlabelled segments.

Pure, shared by the plan (with the template's font metrics) and the drawers (with their own). The
same rules serve native charts and pictures: both put the legend where this says and set category
names at its size, so neither loses a name that the plan promised.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from deckgen.charts.canvas import EDGE, PAD
from deckgen.charts.model import REDUCED_SUFFIX, CategoryTable, ChartLayout, Series
from deckgen.charts.ruler import FLOOR_PT, Ruler

SWATCH = 0.45  # inches a legend entry takes besides its name: key, gaps
MIN_PLOT = 4.0  # inches: a legend beside bars leaves them at least this wide, or goes under them
NARROW_PLOT = 2.5  # inches: as narrow as bars get for a legend beside them, when under costs values
WIDE = 1.6  # width over height from which a legend goes beside the bars
THICK = 0.62  # of its row a bar takes (native: a gap of 60 % of the bar)
NAME_GAP = 0.2  # lines of space a category name needs beyond its own in its band (LibreOffice)
GRID_KEY = 0.3  # inches an entry of LibreOffice's legend under the bars takes besides its name
LEGEND_GAP = 0.5  # lines: the gap LibreOffice leaves between the axis title and a legend under the bars


@dataclass(frozen=True)
class BarGeometry:
    """Where the parts of a bar chart go, in inches: the name column, the plot, the legend."""

    size: float
    label_width: float
    lines: tuple[int, ...]  # lines each category name wraps to
    legend: Literal["right", "below"]
    legend_size: tuple[float, float]  # width, height
    plot: tuple[float, float]  # width, height
    legend_wrap: bool = False  # "(reduced)" under its kind's name in a legend beside the bars
    native: bool = False  # laid out by an office suite (a native chart), not drawn by matplotlib

    @property
    def rows_shown(self) -> int:
        """How many category names fit down the plot, one slot each (all: none is lost). In a native
        chart a slot holds its name's lines and a gap: LibreOffice hides the name of a category
        whose band is too thin (three flanks in bands of 1.1 and 1.34 lines lost the middle name in
        Focus and DNA). With the legend estimated as LibreOffice sets it, these constants predict
        the names it hides in Focus, Sunset and Grey Elegant exactly and in DNA within one."""
        gap = NAME_GAP if self.native else 0.0
        need = (max(self.lines, default=1) * 1.2 + gap) * self.size / 72
        return max(0, min(len(self.lines), int(self.plot[1] / need + 1e-9)))


def legend_lines(series: Series, wrap: bool) -> tuple[str, ...]:
    """A series' legend name as the lines it takes: "<kind> (reduced)" on two when ``wrap``."""
    if wrap and series.reduced:
        return (series.kind_name, REDUCED_SUFFIX.strip())
    return (series.name,)


def _legend_size(
    r: Ruler, series: Sequence[Series], size: float, beside: bool, wrap: bool = False, native: bool = False
) -> tuple[float, float]:
    h = size * 1.25 / 72
    if beside:
        lines = [line for s in series for line in legend_lines(s, wrap)]
        return max((r.measure(n, size=size) for n in lines), default=0) + SWATCH, len(lines) * h * 1.15
    room = r.width - 2 * EDGE
    if not native:  # matplotlib flows the entries along a line, as many as fit
        rows, x = 1, 0.0
        for name in (s.name for s in series):
            need = r.measure(name, size=size) + SWATCH
            if x > 0 and x + need > room:
                rows, x = rows + 1, 0.0
            x += need
        return room, rows * h * 1.15 + PAD
    # An office suite sets them row by row in as many columns as fit, each as wide as its widest
    # entry (LibreOffice, measured), and leaves about half a line between the axis title and them.
    widths = [r.measure(s.name, size=size) + GRID_KEY for s in series]
    rows = next(
        (-(-len(widths) // n) for n in range(len(widths), 1, -1) if _grid_width(widths, n) <= room),
        len(widths),
    )
    return room, rows * h * 1.15 + PAD + LEGEND_GAP * h


def _grid_width(widths: Sequence[float], columns: int) -> float:
    """The width of legend entries set row by row in ``columns`` columns, each as wide as its widest."""
    return sum(max(widths[c::columns]) for c in range(columns))


def bar_geometry(
    r: Ruler,
    table: CategoryTable,
    size: float,
    cap: float,
    side: bool = True,
    least: float = MIN_PLOT,
    wrap: bool = False,
    native: bool = False,
) -> BarGeometry:
    """The chart at one name size with names wrapped to at most ``cap`` of the width; the legend
    beside the bars when the box is wide and they keep room (and ``side`` allows it), else under;
    ``wrap`` puts "(reduced)" under its kind's name in a legend beside them."""
    cats = table.categories
    widest = max((r.measure(c, size=size, weight="bold") for c in cats), default=0)
    label_w = min(widest, cap * r.width)
    lines = tuple(len(r.wrap(c, label_w, size=size, weight="bold")) for c in cats)
    label_w = max(
        (r.measure(x, size=size, weight="bold") for c in cats for x in r.wrap(c, label_w, size=size)),
        default=0,
    )
    axis_h = 2 * size * 1.25 / 72 + PAD
    beside_w, beside_h = _legend_size(r, table.series, size, True, wrap, native)
    room = r.width - 2 * EDGE - label_w - PAD
    # A legend beside the bars must also fit down the plot: office suites set a taller one in two
    # columns, which takes the bars' width.
    fits_down = beside_h <= r.height - 2 * EDGE - axis_h
    beside = side and fits_down and r.width / max(r.height, 0.1) >= WIDE and room - beside_w - PAD >= least
    legend = _legend_size(r, table.series, size, beside, wrap, native)
    plot_w = room - (legend[0] + PAD if beside else 0)
    plot_h = r.height - 2 * EDGE - axis_h - (0 if beside else legend[1])
    where: Literal["right", "below"] = "right" if beside else "below"
    return BarGeometry(size, label_w, lines, where, legend, (plot_w, plot_h), wrap and beside, native)


def bar_fit(
    r: Ruler, table: CategoryTable, *, value_size: float, noun: str = "category", native: bool = False
) -> tuple[ChartLayout, BarGeometry, list[str]]:
    """The largest name size, down to 12 pt, at which every category name has its own row; then
    wider name columns, the legend on the other side; else the best at 12 pt and what it loses.
    Values shrink with thin bars down to 12 pt; segments still too thin for theirs go unlabelled,
    and that is said too."""
    sizes = _down(r.size)
    tries = [(s, cap, side, MIN_PLOT, False) for s in sizes for cap in (0.3, 0.45) for side in (True, False)]
    # Last, a legend beside narrower bars: they lose width, but rows tall enough for their values;
    # and "<kind> (reduced)" on two lines, so the longest legend name does not push the bars under.
    tries += [(s, 0.3, True, NARROW_PLOT, False) for s in sizes]
    if any(s.reduced for s in table.series):
        tries += [(s, 0.3, True, NARROW_PLOT, True) for s in sizes]
    n = len(table.categories)
    best: tuple[tuple[int, int], BarGeometry, float, tuple[tuple[int, int], ...]] | None = None
    for size, cap, side, least, wrap in tries:  # the first that loses nothing; else the least lost
        geometry = bar_geometry(r, table, size, cap, side, least, wrap, native)
        values = [(v, thin_segments(r, table, geometry.plot, v)) for v in _down(value_size)]
        value, bare = next(((v, b) for v, b in values if not b), values[-1])
        lost = (n - geometry.rows_shown, len(bare))
        if best is None or lost < best[0]:
            best = (lost, geometry, value, bare)
        if lost == (0, 0):
            break
    assert best is not None
    (rows_lost, _thin), geometry, value, bare = best
    losses = [f"{rows_lost} of {n} {noun} labels"] if rows_lost else []
    if bare:
        losses.append(f"values of {len(bare)} bar segments too thin to label (the totals are shown)")
    layout = ChartLayout(
        tick_size=geometry.size,
        value_size=value,
        legend=geometry.legend,
        label_width=round(geometry.label_width, 3),
        bare=bare,
        legend_wrap=geometry.legend_wrap,
    )
    return layout, geometry, losses


def _down(size: float) -> list[float]:
    """``size``, then a point smaller at a time down to 12 pt (just ``size`` when it is smaller)."""
    return [size - k for k in range(int(size - FLOOR_PT) + 1)] if size > FLOOR_PT else [size]


def thin_segments(
    r: Ruler, table: CategoryTable, plot: tuple[float, float], size: float
) -> tuple[tuple[int, int], ...]:
    """(series, category) of every non-zero segment too short or too thin for its value label.

    Bars take two thirds of their row, at most 0.7 in; the scale leaves room past the longest bar
    for its total, as both renderers do."""
    n = len(table.categories)
    totals = [sum(s.values[j] for s in table.series) for j in range(n)]
    longest = max(totals, default=0)
    plot_w, plot_h = plot
    if longest <= 0 or plot_w <= 0:
        return ()
    thick = min(0.7, THICK * plot_h / max(n, 1))
    end = r.measure(f"{longest:g}", size=size, weight="bold") + 2 * PAD
    limit = max(longest / max(0.2, 1 - end / plot_w), longest + (1 if longest <= 8 else 2))
    per_inch = limit / plot_w
    return tuple(
        (i, j)
        for i, s in enumerate(table.series)
        for j, v in enumerate(s.values)
        if v > 0 and (v / per_inch < r.measure(f"{v:g}", size=size, weight="bold") + PAD or thick < size / 72)
    )
