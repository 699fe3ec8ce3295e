"""Chart figures counted by hand from the small synthetic dataset, for every chart kind and filter."""

from __future__ import annotations

import dataclasses

import pytest

from deckgen.charts import tiles
from deckgen.charts.compute import compute, select
from deckgen.charts.model import (
    CategoryTable,
    ChartFilter,
    ChartKind,
    ChartSpec,
    MapTable,
    MatrixTable,
    TimelineTable,
)
from deckgen.dataset.model import Dataset, Flank, Status, YearMonth
from tests.charts.conftest import KINDS, REGIONS, make_record

A, C, W = Status.ACTIVE, Status.CONTESTED, Status.WITHDRAWN


def ids(records: tuple[object, ...]) -> set[str]:
    return {r.id for r in records}  # type: ignore[attr-defined]


def bars(dataset: Dataset, spec: ChartSpec) -> dict[str, dict[str, float]]:
    table = compute(dataset, spec).table
    assert isinstance(table, CategoryTable)
    return {s.name: dict(zip(table.categories, s.values, strict=True)) for s in table.series}


# ------------------------------------------------------------------ select


def test_default_filter_keeps_everything_but_planned(dataset: Dataset) -> None:
    assert ids(select(dataset, ChartFilter())) == {r.id for r in dataset.records} - {"ne-base"}


def test_statuses_filter(dataset: Dataset) -> None:
    assert ids(select(dataset, ChartFilter(statuses=(Status.ACTIVE,)))) == {
        "ru-kal",
        "ua-sev",
        "sy-tartus",
        "sy-hmeimim",
        "ml-wagner",
        "bf-corps",
    }
    assert ids(select(dataset, ChartFilter(statuses=(Status.PLANNED,)))) == {"ne-base"}


def test_as_of_uses_active_at(dataset: Dataset) -> None:
    # Jan 2016: the year-only "2016" has started; Tartus (Jan 2017) has not; the supply point
    # (2013 to Jan 2017) and the Wagner contingent (Oct 2015 to Aug 2023) were there.
    jan_2016 = {"ru-kal", "ua-sev", "md-opg", "sy-hmeimim", "sy-wagner", "sy-pmtss"}
    assert ids(select(dataset, ChartFilter(as_of=YearMonth(2016, 1)))) == jan_2016
    # Jan 2017: Tartus starts the month the supply point ends; `until` is exclusive.
    jan_2017 = ids(select(dataset, ChartFilter(as_of=YearMonth(2017, 1))))
    assert "sy-tartus" in jan_2017 and "sy-pmtss" not in jan_2017
    # Planned never counts, whatever the date and the statuses asked for.
    assert ids(select(dataset, ChartFilter(as_of=YearMonth(2030), statuses=tuple(Status)))) >= {"bf-corps"}
    assert "ne-base" not in ids(select(dataset, ChartFilter(as_of=YearMonth(2030), statuses=tuple(Status))))


def test_since_keeps_what_began_at_or_after(dataset: Dataset) -> None:
    assert ids(select(dataset, ChartFilter(since=YearMonth(2017, 1)))) == {
        "sy-tartus",
        "ml-wagner",
        "bf-corps",
    }
    # A year-only start counts from the year: "2016" is in since 2016, out since Mar 2016.
    assert "ru-kal" in ids(select(dataset, ChartFilter(since=YearMonth(2016))))
    assert "ru-kal" not in ids(select(dataset, ChartFilter(since=YearMonth(2016, 3))))
    both = ChartFilter(since=YearMonth(2015), as_of=YearMonth(2016, 1))
    assert ids(select(dataset, both)) == {"sy-hmeimim", "sy-wagner", "ru-kal"}


def test_flank_region_and_kind_filters(dataset: Dataset) -> None:
    assert ids(select(dataset, ChartFilter(flanks=(Flank.EAST,)))) == {"ru-kal", "ua-sev", "md-opg"}
    assert ids(select(dataset, ChartFilter(regions=("sahel",)))) == {"ml-wagner", "bf-corps"}
    assert ids(select(dataset, ChartFilter(kinds=("naval",), flanks=(Flank.SOUTH,)))) == {
        "sy-tartus",
        "sy-pmtss",
    }


# ------------------------------------------------------------------ bars


def test_by_region_counts(dataset: Dataset) -> None:
    table = compute(dataset, ChartSpec(ChartKind.BY_REGION)).table
    assert isinstance(table, CategoryTable)
    # Regions and kinds in dataset order, only those with records: no Arctic, no nuclear weapons.
    assert table.categories == ("Baltic", "Black Sea", "Levant", "Sahel")
    assert [s.name for s in table.series] == ["Military base", "Mercenary force", "Naval facility"]
    assert bars(dataset, ChartSpec(ChartKind.BY_REGION)) == {
        "Military base": {"Baltic": 1, "Black Sea": 1, "Levant": 1, "Sahel": 0},
        "Mercenary force": {"Baltic": 0, "Black Sea": 0, "Levant": 1, "Sahel": 2},
        "Naval facility": {"Baltic": 0, "Black Sea": 1, "Levant": 2, "Sahel": 0},
    }


def test_by_region_as_of_and_statuses(dataset: Dataset) -> None:
    spec = ChartSpec(ChartKind.BY_REGION, ChartFilter(as_of=YearMonth(2016, 1), statuses=(A, W)))
    # Jan 2016, active or withdrawn: Kaliningrad, Sevastopol, Hmeimim, Wagner, the supply point.
    assert bars(dataset, spec) == {
        "Military base": {"Baltic": 1, "Black Sea": 0, "Levant": 1},
        "Mercenary force": {"Baltic": 0, "Black Sea": 0, "Levant": 1},
        "Naval facility": {"Baltic": 0, "Black Sea": 1, "Levant": 1},
    }


def test_flanks_counts(dataset: Dataset) -> None:
    assert bars(dataset, ChartSpec(ChartKind.FLANKS)) == {
        "Military base": {"Eastern flank": 2, "Southern flank": 1},
        "Mercenary force": {"Eastern flank": 0, "Southern flank": 3},
        "Naval facility": {"Eastern flank": 1, "Southern flank": 2},
    }
    south = compute(dataset, ChartSpec(ChartKind.FLANKS, ChartFilter(flanks=(Flank.SOUTH,)))).table
    assert isinstance(south, CategoryTable)
    assert south.categories == ("Southern flank",)


def test_flanks_keep_a_requested_flank_with_nothing_on_it(dataset: Dataset) -> None:
    spec = ChartSpec(ChartKind.FLANKS, ChartFilter(regions=("sahel",)))
    assert bars(dataset, spec) == {"Mercenary force": {"Eastern flank": 0, "Southern flank": 2}}


@pytest.mark.parametrize("kind", [ChartKind.BY_REGION, ChartKind.FLANKS])
def test_series_carry_the_kinds_dataset_slot(dataset: Dataset, kind: ChartKind) -> None:
    table = compute(dataset, ChartSpec(kind)).table
    assert isinstance(table, CategoryTable)
    # KINDS: base 0, pmc 1, naval 2, nuclear 3 (no records).
    assert [(s.name, s.slot) for s in table.series] == [
        ("Military base", 0),
        ("Mercenary force", 1),
        ("Naval facility", 2),
    ]


@pytest.mark.parametrize("kind", [ChartKind.BY_REGION, ChartKind.FLANKS])
@pytest.mark.parametrize(
    ("spec_filter", "expected"),
    [
        (ChartFilter(kinds=("naval",)), [("Naval facility", 2)]),
        (ChartFilter(regions=("sahel",)), [("Mercenary force", 1)]),
        # East, active: Kaliningrad's base and Sevastopol; naval is the second series, still slot 2.
        (ChartFilter(flanks=(Flank.EAST,), statuses=(A,)), [("Military base", 0), ("Naval facility", 2)]),
    ],
)
def test_a_kind_keeps_its_slot_when_a_filter_drops_other_kinds(
    dataset: Dataset, kind: ChartKind, spec_filter: ChartFilter, expected: list[tuple[str, int]]
) -> None:
    table = compute(dataset, ChartSpec(kind, spec_filter)).table
    assert isinstance(table, CategoryTable)
    assert [(s.name, s.slot) for s in table.series] == expected


# ------------------------------------------------------------------ timeline, matrix, map


def test_timeline_sorted_by_date_then_id(dataset: Dataset) -> None:
    table = compute(dataset, ChartSpec(ChartKind.TIMELINE)).table
    assert isinstance(table, TimelineTable)
    assert [m.record_id for m in table.milestones] == [
        "md-opg",
        "sy-pmtss",
        "ua-sev",
        "sy-hmeimim",
        "sy-wagner",
        "ru-kal",
        "sy-tartus",
        "ml-wagner",
        "bf-corps",
    ]
    first = table.milestones[0]
    assert first.label == "Moldova (Transnistria): Operational group"
    assert first.flank is Flank.EAST and first.when == YearMonth(1992)


def test_timeline_same_date_sorts_by_id(dataset: Dataset) -> None:
    _, baltic, *_ = REGIONS
    extra = make_record("aa-first", "RU", "Russia (Kaliningrad)", baltic, KINDS[0], "Second brigade", "2016")
    data = dataclasses.replace(dataset, records=(*dataset.records, extra))
    table = compute(data, ChartSpec(ChartKind.TIMELINE)).table
    assert isinstance(table, TimelineTable)
    order = [m.record_id for m in table.milestones]
    assert order.index("aa-first") == order.index("ru-kal") - 1


def test_matrix_rows_columns_and_strongest_status(dataset: Dataset) -> None:
    table = compute(dataset, ChartSpec(ChartKind.MATRIX)).table
    assert isinstance(table, MatrixTable)
    # East first, then region order, then name.
    assert table.rows == (
        "Russia (Kaliningrad)",
        "Moldova (Transnistria)",
        "Ukraine (Crimea)",
        "Syria",
        "Burkina Faso",
        "Mali",
    )
    assert table.row_flanks == (Flank.EAST,) * 3 + (Flank.SOUTH,) * 3
    assert table.columns == ("Military base", "Mercenary force", "Naval facility")
    assert table.cells == (
        (A, None, None),
        (C, None, None),
        (None, None, A),
        (A, W, A),  # Syria's naval cell: active Tartus outranks the withdrawn supply point
        (None, A, None),
        (None, A, None),
    )


def test_matrix_strength_order(dataset: Dataset) -> None:
    _, _, _, levant, _ = REGIONS
    rows = [
        make_record(f"x{i}", "SY", "Syria", levant, KINDS[0], "x", "2020", status)
        for i, status in enumerate((W, Status.PLANNED, C))
    ]
    data = dataclasses.replace(dataset, records=tuple(rows))
    spec = ChartSpec(ChartKind.MATRIX, ChartFilter(statuses=tuple(Status)))
    table = compute(data, spec).table
    assert isinstance(table, MatrixTable)
    assert table.cells == ((C,),)


def test_map_counts_flanks_and_context_tiles(dataset: Dataset) -> None:
    table = compute(dataset, ChartSpec(ChartKind.MAP)).table
    assert isinstance(table, MapTable)
    by_code = {t.code: t for t in table.tiles}
    assert {c: t.count for c, t in by_code.items() if t.count} == {
        "RU": 1,
        "UA": 1,
        "MD": 1,
        "SY": 4,  # Hmeimim, Tartus, the Wagner contingent and the old supply point
        "ML": 1,
        "BF": 1,
    }
    assert by_code["SY"].flank is Flank.SOUTH and by_code["RU"].flank is Flank.EAST
    assert (by_code["SY"].col, by_code["SY"].row) == (tiles.tile("SY").col, tiles.tile("SY").row)  # type: ignore[union-attr]
    # Allies and neighbours stay as pale context; presence countries without records drop out.
    assert by_code["FI"].flank is None and by_code["FI"].count == 0
    assert "NE" not in by_code and "LY" not in by_code
    # Iceland and Denmark join only a map that shows the north flank.
    context = {t.code for t in tiles.GRID if t.context and t.only_with is None}
    assert {c for c, t in by_code.items() if t.flank is None} == context


def test_map_east_only(dataset: Dataset) -> None:
    table = compute(dataset, ChartSpec(ChartKind.MAP, ChartFilter(flanks=(Flank.EAST,)))).table
    assert isinstance(table, MapTable)
    assert {t.code for t in table.tiles if t.count} == {"RU", "UA", "MD"}
    assert "SY" not in {t.code for t in table.tiles}


def test_map_places_a_country_the_grid_does_not_know(dataset: Dataset) -> None:
    _, _, _, levant, _ = REGIONS
    extra = make_record("iq-1", "IQ", "Iraq", levant, KINDS[0], "Advisers", "2015")
    data = dataclasses.replace(dataset, records=(*dataset.records, extra))
    table = compute(data, ChartSpec(ChartKind.MAP)).table
    assert isinstance(table, MapTable)
    iraq = next(t for t in table.tiles if t.code == "IQ")
    assert iraq.label == "Iraq" and iraq.count == 1 and iraq.row > max(t.row for t in tiles.GRID)
    assert sum(t.count for t in table.tiles) == len(select(data, ChartFilter()))


def test_tile_grid_is_consistent() -> None:
    cells = [(t.col, t.row) for t in tiles.GRID]
    assert cells and tiles.LANDMARKS
    assert len(cells) == len(set(cells)), "two countries share a cell"
    # A state has one tile per flank at most (Russia: Kaliningrad, and the Arctic for the north).
    assert len({(t.code, t.holds) for t in tiles.GRID}) == len(tiles.GRID)
    assert all(len(t.code) == 2 and t.code.isupper() for t in tiles.GRID)
    assert all(not any((m.col, m.row) == c for c in cells) for m in tiles.LANDMARKS)


@pytest.mark.parametrize(
    ("kind", "ident", "expected"),
    [
        (ChartKind.BY_REGION, "levant", ("Levant",)),
        (ChartKind.BY_REGION, "pmc", ("Mercenary force",)),
        (ChartKind.FLANKS, "east", ("Eastern flank",)),
        (ChartKind.MATRIX, "MD", ("Moldova (Transnistria)",)),
        (ChartKind.MAP, "MD", ("Moldova",)),
        (ChartKind.TIMELINE, "sy-tartus", ("Syria: Tartus naval facility",)),
        (ChartKind.MAP, "nowhere", ()),
    ],
)
def test_highlight_display_names(
    dataset: Dataset, kind: ChartKind, ident: str, expected: tuple[str, ...]
) -> None:
    assert compute(dataset, ChartSpec(kind, highlight=(ident,))).highlight == expected


def test_compute_is_pure(dataset: Dataset) -> None:
    spec = ChartSpec(ChartKind.BY_REGION, ChartFilter(as_of=YearMonth(2020)))
    assert compute(dataset, spec) == compute(dataset, spec)
