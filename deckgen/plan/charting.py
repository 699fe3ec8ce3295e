"""Charts fitted to their box before anything is drawn: the layout the drawers follow, and what is lost.

Pure and without matplotlib: text is measured with the shipped font metrics (the same faces the
pictures are drawn in, and the faces PowerPoint sets native charts in). Whatever cannot be shown
at 12 pt or more at slide scale comes back as a loss in words, for a ``chart-degraded`` warning.
"""

from __future__ import annotations

from dataclasses import replace
from typing import cast

from deckgen.charts.barfit import bar_fit
from deckgen.charts.canvas import EDGE, PAD, Ink
from deckgen.charts.compute import display_names
from deckgen.charts.matrix import matrix_shape
from deckgen.charts.model import (
    CategoryTable,
    ChartData,
    ChartKind,
    ChartLayout,
    ChartStyle,
    MapTable,
    MatrixTable,
    TimelineTable,
)
from deckgen.charts.ruler import FLOOR_PT, FontStyle, Ruler
from deckgen.charts.timefit import timeline_fit
from deckgen.core.memo import cached
from deckgen.core.units import EMU_PER_INCH
from deckgen.plan.measure import text_width_pt
from deckgen.plan.model import ChartContent


class Metrics(Ruler):
    """A chart box measured with the font metrics the fitter ships (italic measured as upright)."""

    def __init__(self, width: float, height: float, style: ChartStyle) -> None:
        super().__init__(width, height, style.tick_size)
        self.family = style.font
        self.style = style

    def measure(
        self, text: str, *, size: float | None = None, weight: str = "normal", style: FontStyle = "normal"
    ) -> float:
        # 2 % wider than the metrics say, as the fitter holds back for renderers' rounding: what
        # the plan finds room for, matplotlib and PowerPoint find room for too.
        return text_width_pt(text, size or self.size, family=self.family, bold=weight == "bold") / 72 * 1.02


def fit_chart(content: ChartContent, style: ChartStyle) -> tuple[ChartContent, tuple[str, ...]]:
    """``content`` with the layout its drawers follow in its box, and what still cannot be shown
    at 12 pt ("3 of 7 region labels"); unchanged and nothing lost when it has no box yet."""
    box = content.box
    if box is None:
        return content, ()
    ruler = Metrics(box.width / EMU_PER_INCH, box.height / EMU_PER_INCH, style)
    # The fit depends on nothing but its arguments: a long-lived process (deckgen watch) keeps it.
    layout, losses = cached(
        "chart-layout",
        (),
        (content.data, box.width, box.height, style, content.native),
        lambda: _frozen(chart_layout(content.data, ruler, style, native=content.native)),
    )
    return replace(content, layout=layout, legend_below=layout.legend == "below"), losses


def _frozen(fit: tuple[ChartLayout, list[str]]) -> tuple[ChartLayout, tuple[str, ...]]:
    return fit[0], tuple(fit[1])


def chart_layout(
    data: ChartData, r: Ruler, style: ChartStyle, *, native: bool = False
) -> tuple[ChartLayout, list[str]]:
    table = data.table
    if isinstance(table, CategoryTable):
        noun = "region" if data.spec.kind is ChartKind.BY_REGION else "flank"
        layout, _geometry, losses = bar_fit(r, table, value_size=style.label_size, noun=noun, native=native)
        return layout, losses
    if isinstance(table, TimelineTable):
        layout, lost = timeline_fit(r, table.milestones, _notes(data))
        return layout, [f"labels of {lost} of {len(table.milestones)} timeline events"] if lost else []
    if isinstance(table, MatrixTable):
        return _matrix_fit(r, table, _notes(data), style)
    return _map_fit(r, table, style)


def _notes(data: ChartData) -> dict[str, str]:
    """Display name → annotation text, as the drawers find them."""
    out: dict[str, str] = {}
    for note in data.spec.annotations:
        for name in display_names(note.target, table=data.table, records=data.records):
            out[name] = note.text
    return out


# A matrix row holds one line of names: rows at single line spacing (1.2 times the text size)
# read as a table does; closer, and the names touch.
ROW_PITCH = 1.2


def _matrix_fit(
    r: Ruler, table: MatrixTable, notes: dict[str, str], style: ChartStyle
) -> tuple[ChartLayout, list[str]]:
    """The largest text size, from the style's down to 12 pt, at which the grid's rows (laid out
    as the drawer will, by ``matrix_shape``) stay at least a 12 pt line apart (``ROW_PITCH``);
    names too big for their rows even at 12 pt are a loss."""
    size = style.tick_size
    while True:
        ruler = r if size == style.tick_size else Metrics(r.width, r.height, replace(style, tick_size=size))
        # matrix_shape only measures (legend swatches are made but drawn later): a Ruler with
        # the chart style serves where the drawer passes its figure.
        shape = matrix_shape(cast("Ink", ruler), table, notes)
        if not table.rows or shape.row_h >= ROW_PITCH * FLOOR_PT / 72:
            return ChartLayout(tick_size=size), []
        if size <= FLOOR_PT:
            rows = len(table.rows) if shape.down else len(table.columns)
            return ChartLayout(tick_size=size), [f"names of {rows} rows in the matrix"]
        size = max(FLOOR_PT, size - 1)


def _map_fit(r: Ruler, table: MapTable, style: ChartStyle) -> tuple[ChartLayout, list[str]]:
    """The largest text size, from the style's down to 12 pt, at which every tile holds its
    country code and count on one line, rows at least a line apart (``ROW_PITCH``), the legend
    taking a column beside; tiles too small even at 12 pt are a loss."""
    if not table.tiles:
        return ChartLayout(tick_size=style.tick_size), []
    cols = max(t.col for t in table.tiles) - min(t.col for t in table.tiles) + 1
    rows = max(t.row for t in table.tiles) - min(t.row for t in table.tiles) + 1
    pitch_x = (r.width - 2 * EDGE - 2.0) / cols
    pitch_y = (r.height - 2 * EDGE) / rows
    size = style.tick_size
    while True:
        need = max(r.measure(f"{t.code} {t.count}", size=size, weight="bold") for t in table.tiles) + PAD
        if pitch_x >= need and pitch_y >= ROW_PITCH * size / 72:
            return ChartLayout(tick_size=size), []
        if size <= FLOOR_PT:
            present = sum(1 for t in table.tiles if t.count)
            return ChartLayout(tick_size=size), [f"names and counts of {present} countries on the map"]
        size = max(FLOOR_PT, size - 1)
