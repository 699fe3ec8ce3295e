"""Country by kind grid: a cell per presence, shaded by status, turned when countries are many."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from deckgen.charts.canvas import EDGE, PAD, Ink
from deckgen.charts.compute import FLANK_NAMES, FLANK_ORDER
from deckgen.charts.marks import Swatch, annotation_texts, box_swatch, flank_color, flow_legend, mix, stripe
from deckgen.charts.model import ChartData, ChartStyle, MatrixTable
from deckgen.dataset.model import Flank, Status

MAX_HEAD_LINES = 4
_STRIP = 0.14  # inches: the flank colour over each column when countries run across

_STATUS_NAMES = {
    Status.ACTIVE: "Active",
    Status.REDUCED: "Reduced",
    Status.CONTESTED: "Contested",
    Status.PLANNED: "Planned",
    Status.WITHDRAWN: "Withdrawn",
}


def _status_look(status: Status, style: ChartStyle) -> tuple[str, str | None, bool]:
    """Fill, edge and dashed edge for a status: strong to faint as the presence fades. Reduced is
    active's colour striped on its pale ground (``_STRIPED``): still there, but drawn down."""
    return {
        Status.ACTIVE: (style.accents[0], None, False),
        Status.REDUCED: (style.accents[0], None, False),
        Status.CONTESTED: (style.accents[3 % len(style.accents)], None, False),
        Status.PLANNED: (style.background, style.accents[0], True),
        Status.WITHDRAWN: ("#C9CDD4", None, False),
    }[status]


_STRIPED = frozenset({Status.REDUCED})


@dataclass(frozen=True)
class _Grid:
    """What both orientations draw: the table, its legend entries, notes and picked-out names."""

    ink: Ink
    table: MatrixTable
    legend: list[tuple[str, Swatch]]
    notes: dict[str, str]
    marked: set[str]


def draw_matrix(ink: Ink, data: ChartData, table: MatrixTable) -> None:
    """Countries down and kinds across when the countries fit one column of rows at 14 pt; else turned,
    kinds down and countries across under 45 degree names, so 20-odd countries still fit one panel."""
    notes, marked = annotation_texts(data), set(data.highlight)
    shape = matrix_shape(ink, table, notes)
    grid = _Grid(ink, table, shape.legend, notes, marked)
    if shape.down:
        bottom = _countries_down(grid, shape.across, min(0.5, shape.row_h), shape.label_w)
    else:
        bottom = _countries_across(grid, shape.turned, min(0.5, shape.row_h), shape.kind_w)
    if shape.legend_at == "beside":
        left = ink.width - EDGE - shape.legend_w
        top = ink.height - EDGE - (shape.across if shape.down else shape.turned).head_h
        flow_legend(ink, shape.legend, left=left, top=top, width=shape.legend_w)
    elif shape.legend_at == "corner":
        flow_legend(ink, shape.legend, left=EDGE, top=ink.height - EDGE, width=shape.legend_w)
    else:
        flow_legend(ink, shape.legend, left=EDGE, top=bottom, width=ink.width - 2 * EDGE)


LegendPlace = Literal["below", "beside", "corner"]


@dataclass(frozen=True)
class MatrixShape:
    """Which way the grid runs, how tall its rows come out and where the legend goes, decided
    before anything is drawn."""

    down: bool  # countries down, kinds across
    row_h: float  # inches per row in that orientation
    across: _Axis
    turned: _Axis
    label_w: float
    kind_w: float
    legend: list[tuple[str, Swatch]]
    legend_at: LegendPlace = "below"
    legend_w: float = 0.0  # beside: the column's width; corner: the corner's


def matrix_shape(ink: Ink, table: MatrixTable, notes: dict[str, str]) -> MatrixShape:
    """The grid's orientation, row height and legend place in ``ink``'s box; the plan calls it
    with its own ruler to learn, before drawing, whether rows stay tall enough for their names.

    The legend goes under the grid; when that leaves rows less than a line tall, in the empty
    corner above the row names if it fits there, else in a column beside the grid, whichever
    gives the taller rows."""
    legend = _legend_entries(ink, table)
    below = _shape(ink, table, notes, legend, "below")
    assert below is not None  # only a corner can refuse
    if below.row_h >= ink.line() or not legend:
        return below
    widest = max(ink.line() * 0.75 + PAD / 2 + ink.measure(name) for name, _ in legend) + PAD
    best = below
    places: tuple[LegendPlace, ...] = ("corner", "beside")
    for place in places:
        other = _shape(ink, table, notes, legend, place, widest)
        if other is not None and other.row_h > best.row_h:
            best = other
    return best


def _shape(
    ink: Ink,
    table: MatrixTable,
    notes: dict[str, str],
    legend: list[tuple[str, Swatch]],
    place: LegendPlace,
    widest: float = 0.0,
) -> MatrixShape | None:
    """The grid laid out with the legend at ``place``; None when a corner cannot hold it.
    ``widest`` is the widest legend entry, the width of a column beside the grid."""
    h = ink.line()
    width = ink.width - (widest + PAD if place == "beside" else 0.0)
    legend_h = 0.0
    if place == "below":
        legend_h = flow_legend(ink, legend, left=EDGE, top=0, width=width - 2 * EDGE, draw=False)
    room = ink.height - 2 * EDGE - legend_h - PAD
    countries = list(table.rows)
    label_w = max((ink.measure(c, weight="bold") for c in countries), default=0) + PAD
    note_w = max((ink.measure(notes[c], style="italic") + PAD for c in countries if c in notes), default=0)
    across = _Axis(ink, list(table.columns), width - 2 * EDGE - 0.3 - label_w - note_w)
    kinds = list(table.columns)
    kind_w = max((ink.measure(k) for k in kinds), default=0) + PAD
    note_lines = sum(1 for c in countries if c in notes)
    down_room = room - _STRIP - PAD - note_lines * h
    turned = _Axis(ink, countries, width - 2 * EDGE - kind_w)
    rows_h = (room - across.head_h) / max(len(countries), 1)
    turned_h = (down_room - turned.head_h) / max(len(kinds), 1)
    # Countries down reads best; turn only when that leaves rows too thin for 14 pt and turning helps.
    down = rows_h >= h * 1.2 or rows_h >= turned_h
    row_h = rows_h if down else turned_h
    legend_w = widest if place == "beside" else 0.0
    if place == "corner":
        # Above the row names, beside the column heads: 0.3 in of flank marks and the names down,
        # or the kind names across (with the flank strip under the heads).
        legend_w = (0.3 + label_w if down else kind_w) - PAD
        corner_h = across.head_h if down else turned.head_h + _STRIP
        used = flow_legend(ink, legend, left=0, top=0, width=legend_w, draw=False)
        if widest - PAD > legend_w or used > corner_h:
            return None
    return MatrixShape(down, row_h, across, turned, label_w, kind_w, legend, place, legend_w)


def _legend_entries(ink: Ink, table: MatrixTable) -> list[tuple[str, Swatch]]:
    """The statuses, then the flanks, that the grid shows."""
    style = ink.style
    present = [s for s in _STATUS_NAMES if any(s in row for row in table.cells)]
    flanks = [f for f in FLANK_ORDER if f in table.row_flanks]
    legend = [
        (_STATUS_NAMES[s], box_swatch(ink, *_status_look(s, style), striped=s in _STRIPED)) for s in present
    ]
    legend += [(FLANK_NAMES[f], box_swatch(ink, flank_color(f, style))) for f in flanks]
    return legend


def _countries_down(grid: _Grid, across: _Axis, row_h: float, label_w: float) -> float:
    """A row per country: flank mark, name, a cell per kind, its note at the end; returns where
    a legend under the grid starts."""
    ink, table, notes, marked = grid.ink, grid.table, grid.notes, grid.marked
    top = ink.height - EDGE - across.head_h
    grid_x = EDGE + 0.3 + label_w
    across.draw_heads(grid_x, top, marked)
    for r, name in enumerate(table.rows):
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
                color=ink.style.muted_color,
            )
        if r:
            _rule(ink, EDGE + 0.3, grid_x + across.length, yc + row_h / 2)
        for c, status in enumerate(table.cells[r]):
            _cell(ink, status, grid_x + (c + 0.5) * across.pitch, yc, min(across.pitch, row_h))
    return top - len(table.rows) * row_h - PAD


def _countries_across(grid: _Grid, across: _Axis, row_h: float, kind_w: float) -> float:
    """Turned: a column per country under a flank strip, a row per kind, notes under; returns
    where a legend under the grid starts."""
    ink, table, marked = grid.ink, grid.table, grid.marked
    countries, kinds = table.rows, table.columns
    top = ink.height - EDGE - across.head_h
    grid_x = EDGE + kind_w
    across.draw_heads(grid_x, top, marked)
    top -= _STRIP + PAD
    for c, name in enumerate(countries):
        x = grid_x + c * across.pitch
        _flank_mark(ink, table.row_flanks[c], x + 0.02, top + PAD, across.pitch - 0.04, _STRIP)
        if name in marked:
            _hot_band(ink, x, top - len(kinds) * row_h, across.pitch, len(kinds) * row_h)
    for r, kind in enumerate(kinds):
        yc = top - (r + 0.5) * row_h
        ink.board.text(EDGE, yc, kind, va="center")
        if r:
            _rule(ink, EDGE, grid_x + across.length, yc + row_h / 2)
        for c in range(len(countries)):
            _cell(ink, table.cells[c][r], grid_x + (c + 0.5) * across.pitch, yc, min(across.pitch, row_h))
    y = _column_notes(grid, across, grid_x, top - len(kinds) * row_h - PAD - ink.line() / 2)
    return y + ink.line() / 2 - PAD


def _column_notes(grid: _Grid, across: _Axis, grid_x: float, y: float) -> float:
    """Notes under their country's column, one line each with a tick up to it; returns the next line's y."""
    ink, notes, h = grid.ink, grid.notes, grid.ink.line()
    for c, name in enumerate(grid.table.rows):
        if name in notes:
            x = grid_x + (c + 0.5) * across.pitch
            w = ink.measure(f"{name}: {notes[name]}", style="italic")
            left = min(x - PAD, ink.width - EDGE - w)
            ink.board.plot([x, x], [y + h / 2, y + h * 0.8], color=ink.style.muted_color, linewidth=1.2)
            ink.board.text(
                left, y, f"{name}: {notes[name]}", va="center", style="italic", color=ink.style.muted_color
            )
            y -= h
    return y


class _Axis:
    """Column headings across a grid: written across, wrapped to four lines, when the columns are wide
    enough; otherwise at 45 degrees, the columns narrowed so the last heading's overhang still fits."""

    def __init__(self, ink: Ink, names: list[str], width: float) -> None:
        self.ink, self.names = ink, names
        n, h = max(len(names), 1), ink.line()
        self.pitch = min(1.5, width / n)
        self.lines = [ink.wrap(x, self.pitch - 0.1) for x in names]
        # Up to four lines across: "Political / and / security / partnership" on a 4:3 slide
        # reads better upright than turned, and turning would squeeze every row.
        self.flat = all(
            len(x) <= MAX_HEAD_LINES and max(ink.measure(t) for t in x) <= self.pitch - 0.1
            for x in self.lines
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


def _cell(ink: Ink, status: Status | None, cx: float, cy: float, room: float) -> None:
    from matplotlib.patches import FancyBboxPatch

    if status is None:
        return
    fill, edge, dashed = _status_look(status, ink.style)
    size = room * 0.62
    box = FancyBboxPatch(
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
    if status in _STRIPED:
        stripe(box, fill, ink.style, dense=size < 0.3)
    ink.board.add_patch(box)


def _flank_mark(ink: Ink, flank: Flank, x: float, y: float, w: float, h: float) -> None:
    from matplotlib.patches import Rectangle

    ink.board.add_patch(Rectangle((x, y), w, h, facecolor=flank_color(flank, ink.style)))


def _hot_band(ink: Ink, x: float, y: float, w: float, h: float) -> None:
    from matplotlib.patches import Rectangle

    fill = mix(ink.style.muted_color, ink.style.background, 0.85)
    ink.board.add_patch(Rectangle((x, y), w, h, facecolor=fill, zorder=0))


def _rule(ink: Ink, x0: float, x1: float, y: float) -> None:
    ink.board.plot(
        [x0, x1],
        [y, y],
        color=mix(ink.style.muted_color, ink.style.background, 0.85),
        linewidth=0.8,
        zorder=0,
    )
