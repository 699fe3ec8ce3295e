"""Chart pictures as deterministic PNG bytes: the one entry point, which hands each table to its drawer."""

from __future__ import annotations

import io
from dataclasses import replace

from deckgen.charts.bars import draw_bars
from deckgen.charts.canvas import canvas
from deckgen.charts.matrix import draw_matrix
from deckgen.charts.model import (
    CategoryTable,
    ChartData,
    ChartLayout,
    ChartStyle,
    MapTable,
    MatrixTable,
    TimelineTable,
)
from deckgen.charts.tilemap import draw_tile_map
from deckgen.charts.timeline import draw_timeline


def draw_png(
    data: ChartData,
    *,
    style: ChartStyle,
    width_in: float,
    height_in: float,
    dpi: int = 200,
    layout: ChartLayout | None = None,
) -> bytes:
    """PNG bytes of exactly round(width_in*dpi) × round(height_in*dpi) pixels, the same every time.

    ``layout`` is the plan's decision for this box (``deckgen.plan.charting.fit_chart``); without
    one each drawer decides for itself, by the same rules. A matrix or map the plan set smaller
    than the style's text size is drawn at that size throughout."""
    if (
        isinstance(data.table, MatrixTable | MapTable)
        and layout is not None
        and layout.tick_size < style.tick_size
    ):
        style = replace(style, tick_size=layout.tick_size)
    with canvas(style, width_in, height_in, dpi) as ink:
        table = data.table
        if isinstance(table, CategoryTable):
            draw_bars(ink, data, table, layout)
        elif isinstance(table, TimelineTable):
            draw_timeline(ink, data, table, layout)
        elif isinstance(table, MatrixTable):
            draw_matrix(ink, data, table)
        else:
            draw_tile_map(ink, data, table)
        out = io.BytesIO()
        ink.fig.savefig(out, format="png", dpi=dpi, facecolor=style.background, metadata={"Software": None})
    return out.getvalue()
