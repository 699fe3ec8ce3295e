"""Charts of Russian presence: figures computed from the dataset, drawn to PNG, alt text, a cache.

Importing this package does not import matplotlib; drawing does, on first use.
"""

from __future__ import annotations

from deckgen.charts.alt import alt_text
from deckgen.charts.cache import ChartCache, render_png_cached
from deckgen.charts.compute import NATIVE_KINDS, compute, select
from deckgen.charts.draw import draw_png
from deckgen.charts.folders import default_folder
from deckgen.charts.model import (
    Annotation,
    CategoryTable,
    ChartData,
    ChartFilter,
    ChartKind,
    ChartSpec,
    ChartStyle,
    MapTable,
    MapTile,
    MatrixTable,
    Milestone,
    Renderer,
    Series,
    TimelineTable,
)

__all__ = [
    "NATIVE_KINDS",
    "Annotation",
    "CategoryTable",
    "ChartCache",
    "ChartData",
    "ChartFilter",
    "ChartKind",
    "ChartSpec",
    "ChartStyle",
    "MapTable",
    "MapTile",
    "MatrixTable",
    "Milestone",
    "Renderer",
    "Series",
    "TimelineTable",
    "alt_text",
    "compute",
    "default_folder",
    "draw_png",
    "render_png_cached",
    "select",
]
