"""Charts fit their box or say so: the plan's layout, the losses it reports, and drawers that follow it."""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path

import pytest

from deckgen import api
from deckgen.charts import compute
from deckgen.charts.canvas import canvas
from deckgen.charts.model import (
    ChartData,
    ChartFilter,
    ChartKind,
    ChartLayout,
    ChartSpec,
    ChartStyle,
    TimelineTable,
)
from deckgen.charts.timeline import draw_timeline
from deckgen.core.units import EMU_PER_INCH
from deckgen.dataset import Flank, YearMonth, load_dataset
from deckgen.dataset.model import Dataset
from deckgen.plan.boxes import Box
from deckgen.plan.charting import fit_chart
from deckgen.plan.model import ChartContent
from deckgen.sources import SourceLibrary
from tests.conftest import BRIEFS

STYLE = ChartStyle()
SMALL = (8.8, 3.6)  # the chart box of a 10 x 5.625 in template
TINY = (3.0, 1.4)


@functools.cache
def example_charts() -> dict[str, ChartContent]:
    """Every chart of the example briefs as placed on the default 16:9 template, by brief and kind."""
    out: dict[str, ChartContent] = {}
    for brief in ("southern-flank-training", "southern-flank-readahead"):
        plan = api.check(BRIEFS / f"{brief}.yaml").plan
        assert plan is not None
        for slide in plan.slides:
            if isinstance(slide.content, ChartContent):
                out[f"{brief}:{slide.content.data.spec.kind.value}"] = slide.content
    return out


def sized(content: ChartContent, width: float, height: float) -> ChartContent:
    return replace(content, box=Box(0, 0, round(width * EMU_PER_INCH), round(height * EMU_PER_INCH)))


def test_the_example_briefs_have_every_chart_kind() -> None:
    kinds = {content.data.spec.kind for content in example_charts().values()}
    assert kinds == set(ChartKind)


@pytest.mark.parametrize("key", sorted(example_charts()))
def test_example_charts_lose_nothing_at_the_default_box(key: str) -> None:
    content = example_charts()[key]
    fitted, losses = fit_chart(content, STYLE)
    assert losses == ()
    assert fitted.layout is not None and fitted.layout.tick_size >= 12


# 18 full timeline labels need about 97 in of 12 pt text: in 8.8 x 3.6 in a list shows 13 of them.
# The matrix steps its text down from 14 pt to 12 pt, where country names wrap upright.
@pytest.mark.parametrize("key", sorted(example_charts()))
def test_example_charts_lose_nothing_in_a_10_by_5625_template(key: str) -> None:
    fitted, losses = fit_chart(sized(example_charts()[key], *SMALL), STYLE)
    assert losses == ()
    assert fitted.layout is not None and fitted.layout.tick_size >= 12


def test_a_timeline_too_long_for_its_box_says_what_it_loses() -> None:
    content = example_charts()["southern-flank-training:timeline"]
    fitted, losses = fit_chart(sized(content, SMALL[0], SMALL[1] * 0.6), STYLE)
    total = len(content.data.table.milestones)  # type: ignore[union-attr]
    assert fitted.layout is not None and fitted.layout.timeline in ("list", "flow")
    assert fitted.layout.tick_size >= 12
    (loss,) = losses
    assert loss == f"labels of {total - fitted.layout.shown} of {total} timeline events"


@pytest.mark.parametrize("key", sorted(example_charts()))
def test_a_tiny_box_reports_losses(key: str) -> None:
    _fitted, losses = fit_chart(sized(example_charts()[key], *TINY), STYLE)
    assert losses, f"{key} claims to fit {TINY[0]} x {TINY[1]} in"


def test_the_region_chart_loses_region_labels_in_words() -> None:
    content = example_charts()["southern-flank-training:by-region"]
    _fitted, losses = fit_chart(sized(content, 6.0, 1.6), STYLE)
    assert any(loss.endswith("of 7 region labels") for loss in losses), losses  # east and south


def test_legend_goes_beside_wide_boxes_and_under_narrow_ones() -> None:
    content = example_charts()["southern-flank-training:by-region"]
    wide, _ = fit_chart(sized(content, 12.1, 4.6), STYLE)
    narrow, _ = fit_chart(sized(content, 8.8, 4.9), STYLE)  # a 4:3 slide
    assert wide.layout is not None and wide.layout.legend == "right"
    assert narrow.layout is not None and narrow.layout.legend == "below"
    assert narrow.legend_below


def test_no_box_no_layout() -> None:
    content = replace(example_charts()["southern-flank-training:flanks"], box=None)
    assert fit_chart(content, STYLE) == (content, ())


# ------------------------------------------------------------------ timelines follow the layout


def drawn_text(
    data: ChartData, layout: ChartLayout | None, width: float, height: float
) -> tuple[str, list[str]]:
    """Every string matplotlib was asked to draw, in order, and the labels the drawer reports."""
    assert isinstance(data.table, TimelineTable)
    with canvas(STYLE, width, height, 50) as ink:
        placed = draw_timeline(ink, data, data.table, layout)
        texts = [t.get_text() for ax in ink.fig.axes for t in ax.texts]
    return " ".join(texts), placed


@pytest.mark.parametrize("size", [None, SMALL], ids=["default", "10x5.625"])
def test_the_drawn_timeline_says_what_happened(size: tuple[float, float] | None) -> None:
    content = example_charts()["southern-flank-training:timeline"]
    assert content.box is not None
    if size is not None:
        content = sized(content, *size)
    fitted, losses = fit_chart(content, STYLE)
    assert fitted.layout is not None and fitted.box is not None
    text, placed = drawn_text(
        fitted.data, fitted.layout, fitted.box.width / EMU_PER_INCH, fitted.box.height / EMU_PER_INCH
    )
    assert isinstance(fitted.data.table, TimelineTable)
    stones = fitted.data.table.milestones
    shown = len(stones) if fitted.layout.shown < 0 else fitted.layout.shown
    assert placed == [m.label for m in stones[:shown]]
    for m in stones[:shown]:
        assert m.label in text  # the whole label, not "date country"
        assert m.when.display() in text
    assert (len(stones) - shown > 0) == bool(losses)
    if losses:
        assert f"{len(stones) - shown} later milestones are in the notes" in text


def test_twenty_four_milestones_are_listed_whole(briefing_dataset: Dataset) -> None:
    data = compute(briefing_dataset, ChartSpec(ChartKind.TIMELINE))
    assert isinstance(data.table, TimelineTable) and len(data.table.milestones) >= 24
    text, placed = drawn_text(data, None, 11.5, 5.2)
    assert placed == [m.label for m in data.table.milestones]
    assert all(m.label in text for m in data.table.milestones)


def test_a_line_the_plan_promised_that_does_not_fit_becomes_a_list(briefing_dataset: Dataset) -> None:
    data = compute(briefing_dataset, ChartSpec(ChartKind.TIMELINE))
    assert isinstance(data.table, TimelineTable)
    _text, placed = drawn_text(data, ChartLayout(timeline="line"), 11.5, 5.2)
    assert placed == [m.label for m in data.table.milestones]


def test_the_plan_does_not_import_matplotlib(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; import deckgen.plan.charting, deckgen.plan.placement; "
        "sys.exit('matplotlib' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@functools.cache
def south_matrix() -> ChartContent:
    """The whole southern flank in a matrix, May 2022: eight rows (the example deck's matrix shows
    only its six African countries), placed as the example's matrix is."""
    example = example_charts()["southern-flank-training:matrix"]
    spec = ChartSpec(ChartKind.MATRIX, ChartFilter(flanks=(Flank.SOUTH,), as_of=YearMonth(2022, 5)))
    data = compute(
        load_dataset(BRIEFS / "data" / "russian-presence.yaml", sources=SourceLibrary(BRIEFS / "sources")),
        spec,
    )
    assert len(data.table.rows) == 8  # type: ignore[union-attr]
    return replace(example, data=data)


def test_a_matrix_whose_rows_would_collapse_says_so() -> None:
    fitted, losses = fit_chart(sized(south_matrix(), SMALL[0], SMALL[1] * 0.6), STYLE)
    assert losses == ("names of 8 rows in the matrix",)
    assert fitted.layout is not None and fitted.layout.tick_size == 12  # tried down to the floor


def test_a_matrix_in_a_small_box_steps_down_to_12_pt_rather_than_lose_rows() -> None:
    # 8.8 x 3.6 in, a 10 x 5.625 in template's chart box: the southern flank's eight countries need
    # a smaller size than at the default box, and lose nothing.
    fitted, losses = fit_chart(sized(south_matrix(), *SMALL), STYLE)
    assert losses == ()
    assert fitted.layout is not None and 12 <= fitted.layout.tick_size < STYLE.tick_size
    at_default, _ = fit_chart(south_matrix(), STYLE)
    assert at_default.layout is not None and at_default.layout.tick_size == STYLE.tick_size


# ------------------------------------------------------------------ a matrix in a short box


def test_a_short_matrix_puts_its_legend_in_the_empty_corner() -> None:
    """9.45 x 3.0 in (Focus's chart box): under the grid the legend would leave 12 pt rows 0.18 in
    apart; above the row names it costs no height, and every name is still drawn."""
    from deckgen.charts.matrix import draw_matrix, matrix_shape
    from deckgen.charts.model import MatrixTable

    content = sized(south_matrix(), 9.45, 3.0)
    fitted, losses = fit_chart(content, STYLE)
    assert losses == ()
    assert fitted.layout is not None and 12 <= fitted.layout.tick_size < STYLE.tick_size
    table = fitted.data.table
    assert isinstance(table, MatrixTable)
    small = replace(STYLE, tick_size=fitted.layout.tick_size)
    with canvas(small, 9.45, 3.0, 50) as ink:
        shape = matrix_shape(ink, table, {})
        assert shape.legend_at == "corner" and shape.row_h >= 1.2 * 12 / 72
        draw_matrix(ink, fitted.data, table)
        ink.fig.canvas.draw()
        texts = {t.get_text(): t.get_window_extent() for ax in ink.fig.axes for t in ax.texts}
    for name in [*table.rows, *table.columns, "Active", "Contested"]:
        assert any(name in text.replace("\n", " ") for text in texts), name
    keys = [texts[name] for name in ("Active", "Reduced", "Contested", "Southern flank")]
    heads = [box for text, box in texts.items() if text.replace("\n", " ") in table.rows]
    for key in keys:  # the legend sits in the corner without touching a row's name
        assert not any(key.overlaps(head) for head in heads)


def test_a_short_map_steps_its_text_down_before_it_loses_tiles() -> None:
    """9.9 x 2.9 in (Grey Elegant's chart box): 11 rows of tiles 0.22 in apart hold 13 pt, not 14."""
    content = sized(example_charts()["southern-flank-training:map"], 9.92, 2.87)
    fitted, losses = fit_chart(content, STYLE)
    assert losses == ()
    assert fitted.layout is not None and 12 <= fitted.layout.tick_size < STYLE.tick_size
    _, losses = fit_chart(sized(example_charts()["southern-flank-training:map"], 9.92, 2.2), STYLE)
    # 17 tiles with presence: 14 countries, and Russia thrice (Kaliningrad, the Arctic, the Mediterranean).
    assert losses == ("names and counts of 17 countries on the map",)  # 0.16 in rows: even 12 pt is too big


# ------------------------------------------------------- native charts, as LibreOffice lays them out


def test_a_native_bar_chart_leaves_libreoffice_room_for_every_name() -> None:
    """LibreOffice hides a category's name when its band is under about 1.4 lines, and sets a legend
    under the bars in columns: in Focus's chart box (9.45 x 3.0 in) the middle flank's name went
    missing, unreported, until the plan measured both. A picture, drawn by matplotlib, hides none."""
    flanks = example_charts()["southern-flank-training:flanks"]
    assert flanks.native
    fitted, losses = fit_chart(sized(flanks, 9.45, 2.99), STYLE)
    assert losses == () and fitted.layout is not None and fitted.layout.tick_size == 12
    _, losses = fit_chart(sized(flanks, 9.45, 2.6), STYLE)
    assert losses[0] == "1 of 3 flank labels"  # said, not silently dropped
    _, losses = fit_chart(replace(sized(flanks, 9.45, 2.6), native=False), STYLE)
    assert losses == ()


def test_a_legend_beside_the_bars_must_fit_down_the_plot() -> None:
    """Ten kinds at 13 pt are taller than a 3 in box's plot: beside the bars LibreOffice would set
    them in two columns and squeeze the bars, so the plan puts them under."""
    flanks = example_charts()["southern-flank-training:flanks"]
    fitted, _ = fit_chart(sized(flanks, 9.45, 2.99), STYLE)
    assert fitted.layout is not None and fitted.layout.legend == "below"
    wide, _ = fit_chart(sized(flanks, 12.1, 4.6), STYLE)
    assert wide.layout is not None and wide.layout.legend == "right"
