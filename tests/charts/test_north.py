"""The north flank in every chart kind, from a tiny hand-counted dataset written beside a brief:
a third bar, the Nordic and Arctic tiles, the north colour on matrix rows, and the filter."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from PIL import Image
from pptx import Presentation

from deckgen import api
from deckgen.charts import alt_text, draw_png
from deckgen.charts.canvas import canvas
from deckgen.charts.matrix import draw_matrix
from deckgen.charts.model import ChartData, ChartStyle, MapTable, MatrixTable
from deckgen.charts.tilemap import draw_tile_map
from deckgen.charts.tiles import GRID
from deckgen.core.contrast import contrast
from deckgen.dataset.model import Flank
from tests.hostile.kit import HEAD, located, project, run

STYLE = ChartStyle()


def _record(ident: str, code: str, country: str, region: str, kind: str, since: str) -> str:
    return (
        f"  - id: {ident}\n    country: {{code: {code}, name: {country}}}\n    region: {region}\n"
        f"    kind: {kind}\n    label: {ident}\n    since: {since}\n    status: active\n"
        f"    evidence: [{{publisher: P, title: T, date: {since}}}]\n"
    )


HEAD_DATA = """\
id: tiny
title: Tiny
regions:
  baltic: {name: Baltic, flank: east}
  levant: {name: Levant, flank: south}
REGIONS_NORTH
kinds:
  naval: {name: Naval}
  air: {name: Air}
records:
"""
EAST_SOUTH = (
    _record("kal-fleet", "RU", "Russia (Kaliningrad)", "baltic", "naval", "1991-12")
    + _record("sy-tartus", "SY", "Syria", "levant", "naval", "2017-01")
    + _record("sy-hmeimim", "SY", "Syria", "levant", "air", "2015-09")
)
# Severomorsk (Northern Fleet), Nagurskoye (Franz Josef Land), Temp (Kotelny): Russian, north flank.
NORTH = (
    _record("severomorsk", "RU", "Russia (Arctic)", "arctic", "naval", "1991-12")
    + _record("nagurskoye", "RU", "Russia (Arctic)", "arctic", "air", "2017-01")
    + _record("temp", "RU", "Russia (Arctic)", "arctic", "air", "2014-09")
)


def _slides(*charts: tuple[str, str, str]) -> str:
    return "".join(
        f"  - kind: chart\n    title: {title}\n    chart: {kind}\n" + (f"    {extra}\n" if extra else "")
        for title, kind, extra in charts
    )


def _deck(tmp_path: Path, slides: str, *, north: bool = True) -> Path:
    path = project(tmp_path, slides, head=HEAD + "data:\n  presence: data/tiny.yaml\n")
    regions = "  arctic: {name: Arctic, flank: north}" if north else ""
    text = HEAD_DATA.replace("REGIONS_NORTH\n", regions + "\n" if regions else "")
    (tmp_path / "data" / "tiny.yaml").write_text(text + EAST_SOUTH + (NORTH if north else ""), "utf-8")
    return path


def _charts(path: Path) -> dict[str, ChartData]:
    out = {}
    for slide in api.check(path).plan.slides:
        data = getattr(slide.content, "data", None)
        if isinstance(data, ChartData):
            out[slide.title] = data
    return out


def _native_table(deck: Path, title: str) -> dict[str, dict[str, int]]:
    slide = next(s for s in Presentation(str(deck)).slides if s.shapes.title.text == title)
    (frame,) = [sh for sh in slide.shapes if getattr(sh, "has_chart", False) and sh.has_chart]
    plot = frame.chart.plots[0]
    categories = list(plot.categories)
    out: dict[str, dict[str, int]] = {c: {} for c in categories}
    for series in plot.series:
        for category, value in zip(categories, series.values, strict=True):
            if value:
                out[category][series.name] = int(value)
    return out


def _pixels(png: bytes) -> set[tuple[int, int, int]]:
    with Image.open(io.BytesIO(png)) as im:
        colors = im.convert("RGB").getcolors(maxcolors=1 << 24) or []
        return {rgb for _count, rgb in colors}


def _rgb(color: str) -> tuple[int, int, int]:
    return (int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16))


def _texts(data: ChartData, draw: Any) -> list[str]:
    with canvas(STYLE, 11.5, 5.2, 50) as ink:
        draw(ink, data, data.table)
        return [t.get_text() for t in ink.board.texts]


def test_north_colour_is_distinct_and_legible() -> None:
    north = STYLE.north_color
    assert north.upper() not in {STYLE.east_color.upper(), STYLE.south_color.upper()}
    assert north.upper() not in {c.upper() for c in STYLE.kind_accents}
    # A mark on the page at 3:1 at least; and as text on white, body-text contrast too.
    assert contrast(north, STYLE.background) >= 4.5


def test_the_flanks_chart_gets_a_third_bar_counted_by_hand(tmp_path: Path) -> None:
    path = _deck(tmp_path, _slides(("By flank", "flanks", "render: native")))
    out = tmp_path / "north.pptx"
    assert run("build", path, "-o", out).exit_code == 0
    assert _native_table(out, "By flank") == {
        "Eastern flank": {"Naval": 1},
        "Southern flank": {"Naval": 1, "Air": 1},
        "Northern flank": {"Naval": 1, "Air": 2},
    }
    alt = alt_text(_charts(path)["By flank"])
    assert "Northern flank 3" in alt and "6 in total" in alt


def test_a_dataset_without_northern_regions_keeps_two_bars(tmp_path: Path) -> None:
    path = _deck(tmp_path, _slides(("By flank", "flanks", "render: native")), north=False)
    out = tmp_path / "plain.pptx"
    assert run("build", path, "-o", out).exit_code == 0
    assert _native_table(out, "By flank") == {
        "Eastern flank": {"Naval": 1},
        "Southern flank": {"Naval": 1, "Air": 1},
    }
    table = _charts(path)["By flank"].table
    assert "Northern flank" not in table.categories  # type: ignore[union-attr]


def test_the_map_has_nordic_tiles_and_counts_kola_on_the_arctic_tile(tmp_path: Path) -> None:
    data = _charts(_deck(tmp_path, _slides(("Map", "map", ""))))["Map"]
    table = data.table
    assert isinstance(table, MapTable)
    by_label = {t.label: t for t in table.tiles}
    assert by_label["Arctic"].count == 3 and by_label["Arctic"].flank is Flank.NORTH
    assert by_label["Kaliningrad"].count == 1 and by_label["Kaliningrad"].flank is Flank.EAST
    assert by_label["Syria"].count == 2
    for name in ("Norway", "Sweden", "Finland", "Iceland", "Denmark"):
        assert by_label[name].flank is None and by_label[name].count == 0, name
    # The Arctic sits on the top row, east of Finland; Iceland west of Norway; Denmark above Germany.
    cell = {t.label: (t.col, t.row) for t in GRID}
    assert cell["Arctic"] == (cell["Finland"][0] + 1, 0)
    assert cell["Iceland"][0] < cell["Norway"][0] and cell["Iceland"][1] == cell["Norway"][1]
    assert cell["Denmark"] == (cell["Germany"][0], cell["Germany"][1] - 1)
    assert sum(t.count for t in table.tiles) == len(data.records) == 6
    png = draw_png(data, style=STYLE, width_in=11.5, height_in=5.2, dpi=50)
    assert _rgb(STYLE.north_color) in _pixels(png)  # the busiest tile, and the legend key
    texts = _texts(data, draw_tile_map)
    assert {"Northern flank", "Eastern flank", "Southern flank", "Iceland", "Denmark", "Arctic"} <= set(texts)


def test_a_map_without_northern_presence_keeps_its_grid(tmp_path: Path) -> None:
    data = _charts(_deck(tmp_path, _slides(("Map", "map", "")), north=False))["Map"]
    labels = {t.label for t in data.table.tiles}  # type: ignore[union-attr]
    assert not labels & {"Iceland", "Denmark", "Arctic"}
    assert {"Norway", "Sweden", "Finland", "Kaliningrad"} <= labels


def test_the_matrix_marks_northern_rows_in_the_north_colour(tmp_path: Path) -> None:
    data = _charts(_deck(tmp_path, _slides(("Matrix", "matrix", ""))))["Matrix"]
    table = data.table
    assert isinstance(table, MatrixTable)
    assert dict(zip(table.rows, table.row_flanks, strict=True)) == {
        "Russia (Kaliningrad)": Flank.EAST,
        "Syria": Flank.SOUTH,
        "Russia (Arctic)": Flank.NORTH,
    }
    png = draw_png(data, style=STYLE, width_in=11.5, height_in=5.2, dpi=50)
    assert {_rgb(STYLE.north_color), _rgb(STYLE.east_color), _rgb(STYLE.south_color)} <= _pixels(png)
    assert "Northern flank" in _texts(data, draw_matrix)


def test_a_north_filter_counts_only_the_north(tmp_path: Path) -> None:
    path = _deck(
        tmp_path,
        _slides(("North", "flanks", "filter: {flank: north}"), ("Where", "map", "filter: {flank: north}")),
    )
    charts = _charts(path)
    north = charts["North"]
    assert {r.id for r in north.records} == {"severomorsk", "nagurskoye", "temp"}
    assert north.table.categories == ("Northern flank",)  # type: ignore[union-attr]
    assert "(northern flank)" in alt_text(north)
    tiles = {t.label: t.count for t in charts["Where"].table.tiles if t.count}  # type: ignore[union-attr]
    assert tiles == {"Arctic": 3}


def test_a_north_filter_on_a_dataset_with_no_northern_regions_is_a_located_error(tmp_path: Path) -> None:
    path = _deck(tmp_path, _slides(("North", "flanks", "filter: {flank: north}")), north=False)
    line = located(run("check", path), path, "flank-not-in-dataset", 10, 21)
    assert "no regions on the north flank" in line
