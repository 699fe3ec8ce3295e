"""Reduced presence (drawn down, still there) in every chart kind: counted, drawn apart, named.

Figures come from the shipped dataset file and are counted by hand from it; pictures are inspected
through the drawn matplotlib figure, native charts by reopening the saved deck with python-pptx.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
from matplotlib.colors import to_hex
from pptx import Presentation
from pptx.oxml.ns import qn

from deckgen.charts import alt_text, compute
from deckgen.charts.bars import draw_bars
from deckgen.charts.canvas import canvas
from deckgen.charts.marks import REDUCED_HATCH, reduced_ground
from deckgen.charts.matrix import draw_matrix
from deckgen.charts.model import (
    CategoryTable,
    ChartData,
    ChartFilter,
    ChartKind,
    ChartLayout,
    ChartSpec,
    ChartStyle,
    MapTable,
    MatrixTable,
    TimelineTable,
)
from deckgen.core.units import EMU_PER_INCH
from deckgen.dataset import Dataset, Flank, Status, YearMonth, load_dataset
from deckgen.plan.boxes import Box
from deckgen.plan.citations import record_line
from deckgen.plan.model import ChartContent
from deckgen.render.fill.chart import render_chart
from deckgen.sources import SourceLibrary

ROOT = Path(__file__).resolve().parents[2]
STYLE = ChartStyle()
MAY_2022 = YearMonth(2022, 5)
PMC = "Private military contractors"
PMC_REDUCED = "Private military contractors (reduced)"


@functools.cache
def shipped() -> Dataset:
    return load_dataset(
        ROOT / "briefs" / "data" / "russian-presence.yaml", sources=SourceLibrary(ROOT / "briefs" / "sources")
    )


def chart(kind: ChartKind, **filter: Any) -> ChartData:
    return compute(shipped(), ChartSpec(kind, ChartFilter(**filter)))


def by_series(table: CategoryTable) -> dict[str, dict[str, int]]:
    return {
        c: {s.name: int(s.values[j]) for s in table.series if s.values[j]}
        for j, c in enumerate(table.categories)
    }


# -- figures, counted by hand from briefs/data/russian-presence.yaml -----------------------------

# May 2022, all but planned. East 15: the Donbas record ends where the invasion begins (Feb 2022).
# South 20: Levant 7 (intervention, client state, Hmeimim, Tartus, S-300, contractors pulled back
# in 2022, the Mediterranean task force), North Africa 5 (Haftar, Wagner pulled back Apr 2022,
# al-Jufra, Algeria's arms, Egypt's arms; Egypt's air-base draft is planned), Sahel 3, Central
# Africa 3, Horn 2 (Port Sudan is planned). North 7: the Northern Fleet, two brigades that sent
# troops to Ukraine (reduced), Kotelny and Nagurskoye, two missile units.
GROUND_REDUCED = "Ground forces garrison (reduced)"
FLANKS_MAY_2022 = {
    "Eastern flank": {
        "Naval base or access": 2,  # Kaliningrad, Sevastopol
        "Intervention forces": 6,
        "Arms transfers": 1,  # Türkiye's S-400
        "Political and security partnership": 1,
        "Basing agreement": 3,  # Gyumri, Karabakh, Belarus's radar and signal centre
        "Missile forces": 2,  # Iskander, Crimea's S-400
    },
    "Southern flank": {
        "Naval base or access": 2,  # Tartus, the Mediterranean task force
        "Air base or air deployment": 2,  # Hmeimim, al-Jufra; not Algeria's (one source)
        "Intervention forces": 1,
        PMC: 3,  # Mali (Dec 2021), Central African Republic (2018), Sudan (2018)
        PMC_REDUCED: 2,  # Syria (reduced 2022), Libya (reduced Apr 2022)
        "Arms transfers": 5,  # S-300, Algeria, Egypt, Mali, CAR
        "Political and security partnership": 5,  # not Burkina Faso's coup crowds: not a presence
    },
    "Northern flank": {
        "Naval base or access": 1,
        "Air base or air deployment": 2,
        "Missile forces": 2,
        GROUND_REDUCED: 2,  # Alakurtti (May 2022), Pechenga (Feb 2022)
    },
}
EAST_SOUTH = (Flank.EAST, Flank.SOUTH)


def test_may_2022_flanks_count_the_reduced_contractors() -> None:
    table = chart(ChartKind.FLANKS, as_of=MAY_2022).table
    assert isinstance(table, CategoryTable)
    assert by_series(table) == FLANKS_MAY_2022
    assert [sum(s.values[j] for s in table.series) for j in range(3)] == [15, 20, 7]
    # The reduced series comes right after its kind's, in its kind's slot (so its colour).
    names = [s.name for s in table.series]
    plain, reduced = table.series[names.index(PMC)], table.series[names.index(PMC_REDUCED)]
    assert names.index(PMC_REDUCED) == names.index(PMC) + 1
    assert reduced.reduced and not plain.reduced and reduced.slot == plain.slot
    assert reduced.kind_name == PMC
    assert STYLE.series_color(reduced, 0) == STYLE.series_color(plain, 0)


def test_before_and_between_the_drawdowns() -> None:
    # Mar 2022: Syria's "2022" has come (a year sorts before its months), Libya's Apr 2022 has not.
    march = chart(ChartKind.FLANKS, as_of=YearMonth(2022, 3), flanks=(Flank.SOUTH,)).table
    assert isinstance(march, CategoryTable)
    assert {k: v for k, v in by_series(march)["Southern flank"].items() if "contractors" in k} == {
        PMC: 4,  # Libya, Mali (Dec 2021), the Central African Republic, Sudan
        PMC_REDUCED: 1,  # Syria
    }
    # Jun 2021: nothing drawn down yet, and Mali's Wagner not yet there.
    before = chart(ChartKind.FLANKS, as_of=YearMonth(2021, 6), flanks=(Flank.SOUTH,)).table
    assert isinstance(before, CategoryTable)
    assert not any(s.reduced for s in before.series)
    assert by_series(before)["Southern flank"][PMC] == 4  # Syria, Libya, the CAR, Sudan


def test_by_region_may_2022() -> None:
    table = chart(ChartKind.BY_REGION, as_of=MAY_2022).table
    assert isinstance(table, CategoryTable)
    counts = by_series(table)
    assert sum(counts["Levant"].values()) == 7 and counts["Levant"][PMC_REDUCED] == 1
    assert sum(counts["North Africa"].values()) == 5 and counts["North Africa"][PMC_REDUCED] == 1
    assert PMC_REDUCED not in counts["Sahel"]
    assert counts["Kola and the Barents Sea"] == {"Naval base or access": 1, GROUND_REDUCED: 2}


def test_a_status_filter_matches_the_status_written() -> None:
    table = chart(ChartKind.FLANKS, as_of=MAY_2022, statuses=(Status.REDUCED,)).table
    assert isinstance(table, CategoryTable)
    assert by_series(table) == {
        "Eastern flank": {},
        "Southern flank": {PMC_REDUCED: 2},
        "Northern flank": {GROUND_REDUCED: 2},
    }
    active = chart(ChartKind.FLANKS, as_of=YearMonth(2021, 6), statuses=(Status.ACTIVE,)).table
    assert isinstance(active, CategoryTable)
    assert by_series(active)["Southern flank"][PMC] == 2  # the CAR, Sudan; Syria and Libya are 'reduced'


def test_matrix_map_and_timeline() -> None:
    matrix = chart(ChartKind.MATRIX, as_of=MAY_2022).table
    assert isinstance(matrix, MatrixTable)
    pmc = matrix.columns.index(PMC)
    cells = {row: matrix.cells[i][pmc] for i, row in enumerate(matrix.rows)}
    assert cells["Syria"] is cells["Libya"] is Status.REDUCED
    assert cells["Mali"] is cells["Sudan"] is Status.ACTIVE
    earlier = chart(ChartKind.MATRIX, as_of=YearMonth(2021, 6)).table
    assert isinstance(earlier, MatrixTable)
    assert earlier.cells[earlier.rows.index("Libya")][earlier.columns.index(PMC)] is Status.ACTIVE

    tiles = chart(ChartKind.MAP, as_of=MAY_2022).table
    assert isinstance(tiles, MapTable)
    counts = {t.code: t.count for t in tiles.tiles if t.count}
    assert counts["SY"] == 6 and counts["LY"] == 3  # the contractors included

    def labels(through: YearMonth) -> dict[str, str]:
        table = chart(ChartKind.TIMELINE, through=through).table
        assert isinstance(table, TimelineTable)
        return {m.record_id: m.label for m in table.milestones}

    may = labels(MAY_2022)
    assert may["libya-mercenaries"] == (
        "Libya: Wagner Group fighters; partly pulled out for the war in Ukraine (reduced from Apr 2022)"
    )
    assert may["syria-mercenaries"].endswith("(reduced from 2022)")
    assert "reduced" not in labels(YearMonth(2021, 12))["libya-mercenaries"]


def test_alt_text_names_the_reduced_elements() -> None:
    for kind in ChartKind:
        date = {"through": MAY_2022} if kind is ChartKind.TIMELINE else {"as_of": MAY_2022}
        alt = alt_text(chart(kind, **date, flanks=EAST_SOUTH))
        assert "2 elements reduced but still present (Syria and Libya)." in alt, (kind, alt)
        everywhere = alt_text(chart(kind, **date))
        assert (
            "4 elements reduced but still present (Syria, Libya and Russia (Kola Peninsula))." in everywhere
        )
    assert "reduced" not in alt_text(chart(ChartKind.FLANKS, as_of=YearMonth(2021, 6)))


def test_evidence_notes_say_when_it_was_reduced() -> None:
    by_id = {r.id: r for r in shipped().records}
    assert record_line(by_id["libya-mercenaries"]) == (
        "Libya: Wagner Group fighters; partly pulled out for the war in Ukraine "
        "(Private military contractors; reduced since Apr 2022, present since 2019)"
    )
    assert "(Naval base or access; active, since 1971)" in record_line(by_id["syria-tartus"])


# -- pictures ------------------------------------------------------------------------------------


def legend_texts(ink: Any) -> list[str]:
    return [t.get_text() for t in ink.board.texts]


@pytest.mark.parametrize("kind", [ChartKind.FLANKS, ChartKind.BY_REGION])
def test_picture_bars_stripe_reduced_segments_and_name_them(kind: ChartKind) -> None:
    data = chart(kind, as_of=MAY_2022, flanks=EAST_SOUTH)
    assert isinstance(data.table, CategoryTable)
    purple = STYLE.series_color(next(s for s in data.table.series if s.name == PMC), 0)
    with canvas(STYLE, 11.5, 5.2, 50) as ink:
        draw_bars(ink, data, data.table)
        assert PMC_REDUCED in legend_texts(ink)
        keys = [p for p in ink.board.patches if p.get_hatch()]
        bars = [p for ax in ink.fig.axes if ax is not ink.board for p in ax.patches if p.get_hatch()]
    assert len(keys) == 1  # the legend key of the reduced series
    assert len(bars) == (1 if kind is ChartKind.FLANKS else 2)  # south; or Levant and North Africa
    for patch in (*keys, *bars):
        assert REDUCED_HATCH in patch.get_hatch()
        assert to_hex(patch.get_facecolor()).upper() == reduced_ground(purple, STYLE)
        assert to_hex(patch.get_hatchcolor()).upper() == purple


def test_a_wrapped_legend_puts_reduced_under_its_kind() -> None:
    data = chart(ChartKind.BY_REGION, as_of=MAY_2022)
    assert isinstance(data.table, CategoryTable)
    layout = ChartLayout(tick_size=12.0, legend="right", label_width=2.54, legend_wrap=True)
    with canvas(STYLE, 8.8, 3.6, 50) as ink:
        draw_bars(ink, data, data.table, layout)
        texts = legend_texts(ink)
    assert texts[texts.index(PMC) + 1 : texts.index(PMC) + 3] == [PMC, "(reduced)"]
    assert PMC_REDUCED not in texts


def test_picture_matrix_has_a_reduced_cell_and_legend_entry() -> None:
    data = chart(ChartKind.MATRIX, as_of=MAY_2022, flanks=(Flank.SOUTH,))
    assert isinstance(data.table, MatrixTable)
    with canvas(STYLE, 11.5, 5.2, 50) as ink:
        draw_matrix(ink, data, data.table)
        texts = legend_texts(ink)
        striped = [p for p in ink.board.patches if p.get_hatch()]
    first = texts.index("Active")  # the legend, after the grid's names
    assert texts[first:] == ["Active", "Reduced", "Contested", "Southern flank"]
    assert len(striped) == 3  # the key, Syria's cell, Libya's cell


# -- native charts -------------------------------------------------------------------------------


def test_native_chart_patterns_the_reduced_series_and_names_it(tmp_path: Path) -> None:
    data = chart(ChartKind.FLANKS, as_of=MAY_2022, flanks=EAST_SOUTH)
    assert isinstance(data.table, CategoryTable)
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = Box(457200, 457200, round(11.5 * EMU_PER_INCH), round(5.2 * EMU_PER_INCH))
    content = ChartContent(data=data, alt=alt_text(data), native=True, box=box, layout=ChartLayout())
    render_chart(slide, content, lang="en-GB", style=STYLE, cache=None)
    prs.save(str(tmp_path / "deck.pptx"))

    (frame,) = [sh for sh in Presentation(str(tmp_path / "deck.pptx")).slides[0].shapes if sh.has_chart]
    native = frame.chart
    assert native.has_legend and native.legend.include_in_layout is False
    names = [s.name for s in native.plots[0].series]
    assert names[names.index(PMC) + 1] == PMC_REDUCED  # the legend lists series by name
    values = native.plots[0].series[names.index(PMC_REDUCED)].values
    assert dict(zip(native.plots[0].categories, values, strict=True)) == {
        "Eastern flank": None,
        "Southern flank": 2.0,
    }
    purple = STYLE.series_color(data.table.series[names.index(PMC)], 0).lstrip("#").upper()
    ground = reduced_ground("#" + purple, STYLE).lstrip("#").upper()
    patterned = []
    for ser in native._chartSpace.iter(qn("c:ser")):
        fill = ser.find(qn("c:spPr")).find(qn("a:pattFill"))
        if fill is not None:
            fg = fill.find(qn("a:fgClr")).find(qn("a:srgbClr")).get("val")
            bg = fill.find(qn("a:bgClr")).find(qn("a:srgbClr")).get("val")
            patterned.append((ser.find(qn("c:tx")).find(".//" + qn("c:v")).text, fill.get("prst"), fg, bg))
            backing = ser.find(qn("c:dLbls")).find(qn("c:spPr"))
            assert backing.find(".//" + qn("a:srgbClr")).get("val") == ground  # values on a plain patch
    assert patterned == [(PMC_REDUCED, "wdUpDiag", purple, ground)]
    assert "2 elements reduced but still present" in frame._element.nvGraphicFramePr.cNvPr.get("descr")
