"""From the presence dataset and a chart request to the figures a chart shows: pure functions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence

from deckgen.charts.model import (
    REDUCED_SUFFIX,
    CategoryTable,
    ChartData,
    ChartFilter,
    ChartKind,
    ChartSpec,
    ChartTable,
    MapTable,
    MapTile,
    MatrixTable,
    Milestone,
    Series,
    TimelineTable,
)
from deckgen.charts.tiles import GRID, Tile, tile
from deckgen.dataset.model import Dataset, Flank, Kind, PresenceRecord, Region, Status, YearMonth

FLANK_NAMES: dict[Flank, str] = {
    Flank.EAST: "Eastern flank",
    Flank.SOUTH: "Southern flank",
    Flank.NORTH: "Northern flank",
}
FLANK_ORDER: tuple[Flank, ...] = tuple(Flank)  # east, south, north: the order the enum gives
DEFAULT_STATUSES: tuple[Status, ...] = tuple(s for s in Status if s is not Status.PLANNED)
# Kinds whose figures are a CategoryTable: bar charts python-pptx can draw as editable native charts.
NATIVE_KINDS: frozenset[ChartKind] = frozenset({ChartKind.BY_REGION, ChartKind.FLANKS})

# When one matrix cell has several records, show the one that matters most to a briefing:
# something there now outranks something drawn down but still there, which outranks something
# disputed, which outranks plans and past presence.
_STRENGTH: dict[Status, int] = {
    Status.ACTIVE: 4,
    Status.REDUCED: 3,
    Status.CONTESTED: 2,
    Status.PLANNED: 1,
    Status.WITHDRAWN: 0,
}


def select(dataset: Dataset, filter: ChartFilter) -> tuple[PresenceRecord, ...]:
    """The records a filter keeps, in dataset order; no statuses given means all but 'planned'."""
    statuses = filter.statuses or DEFAULT_STATUSES

    def keep(record: PresenceRecord) -> bool:
        return (
            (not filter.flanks or record.flank in filter.flanks)
            and (not filter.regions or record.region.id in filter.regions)
            and (not filter.kinds or record.kind.id in filter.kinds)
            and record.status in statuses
            and (filter.as_of is None or record.active_at(filter.as_of))
            # A year-only start sorts before that year's months: since 2014-03 leaves out "2014".
            and (filter.since is None or record.since >= filter.since)
            and (filter.through is None or record.since <= filter.through)
        )

    return tuple(r for r in dataset.records if keep(r))


def chart_date(filter: ChartFilter) -> YearMonth | None:
    """The date a chart shows (its 'as-of', or the date a timeline runs up to); None: today's state."""
    return filter.as_of if filter.as_of is not None else filter.through


def compute(dataset: Dataset, spec: ChartSpec) -> ChartData:
    """The figures behind one chart, with every record that supports them."""
    records = select(dataset, spec.filter)
    when = chart_date(spec.filter)
    table: ChartTable
    if spec.kind is ChartKind.BY_REGION:
        table = _by_region(dataset, records, when)
    elif spec.kind is ChartKind.FLANKS:
        table = _flanks(dataset, records, spec.filter.flanks or FLANK_ORDER, when)
    elif spec.kind is ChartKind.TIMELINE:
        table = _timeline(records, when)
    elif spec.kind is ChartKind.MATRIX:
        table = _matrix(dataset, records, when)
    else:
        table = _map(records)
    return ChartData(
        spec=spec,
        table=table,
        records=records,
        highlight=_highlight_names(dataset, spec, table, records),
    )


def _kinds_present(dataset: Dataset, records: Iterable[PresenceRecord]) -> tuple[tuple[int, Kind], ...]:
    """(slot, kind) for the kinds these records show; the slot is the kind's place in the dataset."""
    ids = {r.kind.id for r in records}
    return tuple((slot, k) for slot, k in enumerate(dataset.kinds) if k.id in ids)


def _kind_series(
    dataset: Dataset,
    records: tuple[PresenceRecord, ...],
    when: YearMonth | None,
    category: Callable[[PresenceRecord], Hashable],
    categories: Sequence[Hashable],
) -> tuple[Series, ...]:
    """A series per kind counting its records in each category. Records reduced by ``when`` count
    in a series of their own right after their kind's, "<kind> (reduced)": still present, so in
    the bar, but drawn apart and named in the legend. A series with nothing in it is left out."""
    counts = Counter((category(r), r.kind.id, r.reduced_at(when)) for r in records)
    out: list[Series] = []
    for slot, k in _kinds_present(dataset, records):
        for reduced in (False, True):
            values = tuple(float(counts[(c, k.id, reduced)]) for c in categories)
            if any(values):
                name = k.name + REDUCED_SUFFIX if reduced else k.name
                out.append(Series(name, values, slot=slot, reduced=reduced))
    return tuple(out)


def _by_region(
    dataset: Dataset, records: tuple[PresenceRecord, ...], when: YearMonth | None
) -> CategoryTable:
    regions = [g for g in dataset.regions if any(r.region.id == g.id for r in records)]
    series = _kind_series(dataset, records, when, lambda r: r.region.id, [g.id for g in regions])
    return CategoryTable(categories=tuple(g.name for g in regions), series=series)


def _flanks(
    dataset: Dataset,
    records: tuple[PresenceRecord, ...],
    requested: tuple[Flank, ...],
    when: YearMonth | None,
) -> CategoryTable:
    # A flank is a bar when the dataset has regions on it, even with nothing counted there (a zero
    # bar says "looked, found none"); a dataset with no northern regions keeps its two bars.
    declared = {g.flank for g in dataset.regions}
    flanks = [f for f in FLANK_ORDER if f in requested and f in declared]
    series = _kind_series(dataset, records, when, lambda r: r.flank, flanks)
    return CategoryTable(categories=tuple(FLANK_NAMES[f] for f in flanks), series=series)


def _timeline(records: tuple[PresenceRecord, ...], when: YearMonth | None) -> TimelineTable:
    ordered = sorted(records, key=lambda r: (r.since, r.id))
    return TimelineTable(
        milestones=tuple(Milestone(r.since, milestone_label(r, when), r.flank, r.id) for r in ordered)
    )


def milestone_label(record: PresenceRecord, when: YearMonth | None) -> str:
    """``Libya: Wagner Group fighters (reduced from Apr 2022)``: the drawdown said once it happened."""
    label = f"{record.country}: {record.label}"
    if record.reduced is not None and record.reduced_at(when):
        label += f" (reduced from {record.reduced.display()})"
    return label


def shown_status(record: PresenceRecord, when: YearMonth | None) -> Status:
    """The status a chart of ``when`` shows: a reduced record is active until its drawdown."""
    if record.status is Status.REDUCED and not record.reduced_at(when):
        return Status.ACTIVE
    return record.status


def _region_index(dataset: Dataset, region: Region) -> int:
    return next((i for i, g in enumerate(dataset.regions) if g.id == region.id), len(dataset.regions))


def _matrix(dataset: Dataset, records: tuple[PresenceRecord, ...], when: YearMonth | None) -> MatrixTable:
    kinds = [k for _slot, k in _kinds_present(dataset, records)]
    # A country's place comes from its first region in dataset order, east before south.
    placed: dict[str, tuple[int, int, str]] = {}
    flank_of: dict[str, Flank] = {}
    for r in records:
        key = (FLANK_ORDER.index(r.flank), _region_index(dataset, r.region), r.country)
        if r.country not in placed or key < placed[r.country]:
            placed[r.country] = key
            flank_of[r.country] = r.flank
    rows = sorted(placed, key=lambda c: placed[c])
    cells: list[tuple[Status | None, ...]] = []
    for country in rows:
        row: list[Status | None] = []
        for kind in kinds:
            found = [shown_status(r, when) for r in records if r.country == country and r.kind.id == kind.id]
            row.append(max(found, key=_STRENGTH.__getitem__) if found else None)
        cells.append(tuple(row))
    return MatrixTable(
        rows=tuple(rows),
        columns=tuple(k.name for k in kinds),
        cells=tuple(cells),
        row_flanks=tuple(flank_of[c] for c in rows),
    )


def _map(records: tuple[PresenceRecord, ...]) -> MapTable:
    placed: dict[Tile, list[PresenceRecord]] = {}
    unplaced: dict[str, list[PresenceRecord]] = {}
    for r in records:
        cell = tile(r.country_code, r.flank)
        if cell is None:
            unplaced.setdefault(r.country_code.upper(), []).append(r)
        else:
            placed.setdefault(cell, []).append(r)
    shown = {r.flank for r in records}

    def flank(group: list[PresenceRecord]) -> Flank:
        # A tile with records on two flanks takes the flank most of them belong to.
        by_flank = Counter(r.flank for r in group)
        return max(FLANK_ORDER, key=lambda f: (by_flank[f], -FLANK_ORDER.index(f)))

    out: list[MapTile] = []
    for t in GRID:
        if t in placed:
            out.append(MapTile(t.code, t.label, t.col, t.row, len(placed[t]), flank(placed[t]), t.short))
        elif t.context and (t.only_with is None or t.only_with in shown):
            out.append(MapTile(t.code, t.label, t.col, t.row, 0, None))
    # A country the grid does not know still counts: it gets a cell in a row under the map,
    # so totals on the map always match the other charts.
    bottom = max(t.row for t in GRID) + 1
    left = min(t.col for t in GRID)
    for i, code in enumerate(sorted(unplaced)):
        group = unplaced[code]
        out.append(MapTile(code, group[-1].country, left + i, bottom, len(group), flank(group)))
    return MapTable(tiles=tuple(out))


def _highlight_names(
    dataset: Dataset, spec: ChartSpec, table: ChartTable, records: tuple[PresenceRecord, ...]
) -> tuple[str, ...]:
    names: list[str] = []
    for ident in spec.highlight:
        for name in display_names(ident, dataset=dataset, table=table, records=records):
            if name not in names:
                names.append(name)
    return tuple(names)


def display_names(
    ident: str,
    *,
    table: ChartTable,
    records: tuple[PresenceRecord, ...],
    dataset: Dataset | None = None,
) -> tuple[str, ...]:
    """What a region, kind, flank, country code or record id is called in ``table``.

    Without ``dataset`` (at drawing time) names come from the records behind the chart.
    """
    regions = dataset.regions if dataset else tuple({r.region.id: r.region for r in records}.values())
    kinds = dataset.kinds if dataset else tuple({r.kind.id: r.kind for r in records}.values())
    if region := next((g for g in regions if g.id == ident), None):
        return (region.name,)
    if kind := next((k for k in kinds if k.id == ident), None):
        return (kind.name,)
    if ident in {f.value for f in Flank}:
        return (FLANK_NAMES[Flank(ident)],)
    if isinstance(table, TimelineTable):
        return tuple(m.label for m in table.milestones if m.record_id == ident)
    if isinstance(table, MapTable):
        return tuple(t.label for t in table.tiles if t.code == ident.upper())
    countries = dict.fromkeys(r.country for r in records if r.country_code.upper() == ident.upper())
    return tuple(countries)
