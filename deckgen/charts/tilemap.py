"""Tile-grid map: one tile per country, shaded by flank and count, notes in free cells nearby."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from deckgen.charts.canvas import EDGE, PAD, Ink
from deckgen.charts.compute import FLANK_NAMES, FLANK_ORDER
from deckgen.charts.marks import Swatch, annotation_texts, box_swatch, flank_color, flow_legend, ink_on, mix
from deckgen.charts.model import ChartData, MapTable, MapTile
from deckgen.charts.tiles import LANDMARKS

_CONTEXT_FILL = "#E4E7EB"
_SCALE_NOTE = "Darker: more elements"
_GAP = 0.06  # inches between neighbouring tiles


@dataclass(frozen=True)
class _Grid:
    """Where the map's cells fall on the picture: the columns and rows shown, and their pitch in inches."""

    top: float  # inches: the grid's upper edge
    x_origin: float  # inches: the left edge of column c0
    pitch_x: float
    pitch_y: float
    c0: int
    c1: int
    r0: int
    r1: int

    def at(self, col: float, row: float) -> tuple[float, float]:
        """Lower-left corner of a cell, in inches."""
        return self.x_origin + (col - self.c0) * self.pitch_x, self.top - (row - self.r0 + 1) * self.pitch_y

    def holds(self, col: float, row: float) -> bool:
        return self.c0 <= col <= self.c1 and self.r0 <= row <= self.r1


def draw_tile_map(ink: Ink, data: ChartData, table: MapTable) -> None:
    h, cells = ink.line(), table.tiles
    legend = _legend_entries(ink, cells)
    legend_w = max([ink.measure(name) + h + PAD for name, _ in legend] + [ink.measure(_SCALE_NOTE)]) + PAD
    legend_h = (len(legend) + 1) * h * 1.15 + PAD
    occupied = {(t.col, t.row) for t in cells} | {(round(k.col), round(k.row)) for k in LANDMARKS}
    grid, spot, need = _grid(ink, cells, occupied, legend_w, legend_h)
    marked, notes = set(data.highlight), annotation_texts(data)
    _landmarks(ink, grid)
    _tiles(ink, grid, cells, marked)
    taken = set(occupied)
    if spot is not None:
        taken |= {
            (c, r) for c in range(spot[0], spot[0] + need[0]) for r in range(spot[1], spot[1] + need[1])
        }
    # A note with no free cells next to its tile goes under the legend, named.
    homeless = [
        f"{t.label}: {notes[t.label]}"
        for t in cells
        if t.label in notes and not _tile_note(ink, notes[t.label], t.col, t.row, taken, grid)
    ]
    lx, ly = (
        (grid.at(spot[0], spot[1])[0] + _GAP, grid.at(spot[0], spot[1])[1] + grid.pitch_y)
        if spot
        else (EDGE, ink.height - EDGE)
    )
    used = flow_legend(ink, legend, left=lx, top=ly, width=legend_w)
    ink.board.text(
        lx,
        ly - used - PAD / 2,
        "\n".join([_SCALE_NOTE, *homeless]),
        ha="left",
        va="top",
        color=ink.style.muted_color,
        linespacing=1.3,
    )


def _legend_entries(ink: Ink, cells: Sequence[MapTile]) -> list[tuple[str, Swatch]]:
    """The flanks the map shows, then the grey of countries without presence when there are any."""
    legend = [
        (FLANK_NAMES[f], box_swatch(ink, flank_color(f, ink.style)))
        for f in FLANK_ORDER
        if any(t.flank is f for t in cells)
    ]
    if any(t.flank is None for t in cells):
        legend.append(("Other countries", box_swatch(ink, _CONTEXT_FILL)))
    return legend


def _grid(
    ink: Ink,
    cells: Sequence[MapTile],
    occupied: set[tuple[int, int]],
    legend_w: float,
    legend_h: float,
) -> tuple[_Grid, tuple[int, int] | None, tuple[int, int]]:
    """The grid, the empty corner cell the legend starts at (None: beside the grid) and the cells it needs."""
    c0, c1 = min((t.col for t in cells), default=0), max((t.col for t in cells), default=0)
    r0, r1 = min((t.row for t in cells), default=0), max((t.row for t in cells), default=0)
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
    return _Grid(ink.height - EDGE, x_origin, pitch_x, pitch_y, c0, c1, r0, r1), spot, need


def _landmarks(ink: Ink, grid: _Grid) -> None:
    """Sea and mainland names on their empty cells, where the grid reaches them."""
    style = ink.style
    for mark in LANDMARKS:
        if grid.holds(mark.col, mark.row):
            x, y = grid.at(mark.col, mark.row)
            ink.board.text(
                x + grid.pitch_x / 2,
                y + grid.pitch_y / 2,
                mark.text,
                ha="center",
                va="center",
                style="italic",
                color=mix(style.muted_color, style.background, 0.3),
                size=style.tick_size + 2,
            )


def _tiles(ink: Ink, grid: _Grid, cells: Sequence[MapTile], marked: set[str]) -> None:
    """A tile per country, darker with more elements, outlined when picked out; its name and count on it."""
    from matplotlib.patches import FancyBboxPatch

    style, board = ink.style, ink.board
    tile_w, tile_h = grid.pitch_x - _GAP, grid.pitch_y - _GAP
    top_count = max((t.count for t in cells), default=0)
    count_w = ink.measure(str(top_count), weight="bold")
    for t in cells:
        x, y = grid.at(t.col, t.row)
        x, y = x + _GAP / 2, y + _GAP / 2
        share = t.count / max(top_count, 1)
        fill = (
            _CONTEXT_FILL
            if t.flank is None
            else mix(style.background, flank_color(t.flank, style), 0.35 + 0.65 * share)
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
        color = ink_on(fill, style) if t.flank else style.muted_color
        weight = "bold" if hot else "normal"
        room = tile_w - 2 * PAD - (count_w + PAD if t.count else 0)
        label = next(
            (s for s in (t.label, t.short) if s and ink.measure(s, weight=weight) <= room), t.code
        )  # never over the count
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


def _tile_note(ink: Ink, text: str, col: int, row: int, taken: set[tuple[int, int]], grid: _Grid) -> bool:
    """An annotation in a run of empty cells next to its tile: beside it, else straight above or below."""
    at, pitch_x, pitch_y = grid.at, grid.pitch_x, grid.pitch_y
    span = math.ceil((ink.measure(text, style="italic") + 2 * PAD) / pitch_x)
    runs = [(0, col + 1), (0, col - span)]
    runs += [(dr, start) for dr in (-1, 1) for start in range(col - span + 1, col + 1)]
    for dr, start in runs:
        cells = [(c, row + dr) for c in range(start, start + span)]
        if not all(grid.holds(c, r) and (c, r) not in taken for c, r in cells):
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
