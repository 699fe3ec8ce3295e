"""A chart for the review: the figures each of its deck slides shows, as a table, and the records
behind them with their evidence, single-source records marked."""

from __future__ import annotations

from deckgen.charts.model import (
    CategoryTable,
    ChartData,
    ChartTable,
    MapTable,
    MatrixTable,
    TimelineTable,
)
from deckgen.dataset.model import Evidence, PresenceRecord, SourceEvidence
from deckgen.plan.model import ChartContent, SlidePlan
from deckgen.resolve.model import ResolvedChart
from deckgen.review.model import ChartReview, EvidenceReview, FigureTable, RecordReview


def chart_review(rs: ResolvedChart, parts: tuple[tuple[int, SlidePlan], ...]) -> ChartReview:
    """The chart of ``rs`` as its deck slides (``parts``: number and plan) show it.

    A timeline split over follow-on slides shows each slide's milestones in a table of its own.
    """
    figures = [
        figure_table(number, plan.title, plan.content.data)
        for number, plan in parts
        if isinstance(plan.content, ChartContent)
    ]
    if not figures:  # not drawn on any slide: the figures as computed
        figures = [figure_table(parts[0][0] if parts else 0, rs.spec.title or "", rs.chart)]
    return ChartReview(
        rs.chart.spec.kind.value,
        rs.body.caption,
        tuple(figures),
        tuple(record_review(r) for r in rs.chart.records),
    )


def figure_table(number: int, title: str, data: ChartData) -> FigureTable:
    columns, rows, note = _table(data.table)
    return FigureTable(number, title, columns, rows, note)


def _table(table: ChartTable) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...], str]:
    match table:
        case CategoryTable():
            columns = ("", *(s.name for s in table.series), "Total")
            rows = tuple(
                (
                    category,
                    *(_number(s.values[i]) for s in table.series),
                    _number(sum(s.values[i] for s in table.series)),
                )
                for i, category in enumerate(table.categories)
            )
            return columns, rows, table.value_axis_title
        case TimelineTable():
            return (
                ("When", "Milestone", "Flank", "Record"),
                tuple((m.when.display(), m.label, m.flank.value, m.record_id) for m in table.milestones),
                "",
            )
        case MatrixTable():
            return (
                ("Country", "Flank", *table.columns),
                tuple(
                    (row, flank.value, *(cell.value if cell is not None else "" for cell in cells))
                    for row, flank, cells in zip(table.rows, table.row_flanks, table.cells, strict=True)
                ),
                "Each cell is the status of that kind of presence; empty: none.",
            )
        case MapTable():
            shown = [t for t in table.tiles if t.flank is not None or t.count]
            context = len(table.tiles) - len(shown)
            return (
                ("Country", "Flank", "Elements"),
                tuple((t.label, t.flank.value if t.flank else "", str(t.count)) for t in shown),
                f"{context} grey context tiles with no presence are not listed." if context else "",
            )


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def record_review(record: PresenceRecord) -> RecordReview:
    when = f"since {record.since.display()}"
    if record.until is not None:
        when = f"{record.since.display()} to {record.until.display()}"
    strength = record.strength  # the dataset's rule: each article once, each publisher once
    return RecordReview(
        id=record.id,
        country=record.country,
        label=record.label,
        kind=record.kind.name,
        flank=record.flank.value,
        status=record.status.value,
        when=when,
        sources=strength.sources,
        single_source=strength.single_source,
        evidence=tuple(_evidence(ev) for ev in record.evidence),
    )


def _evidence(ev: Evidence) -> EvidenceReview:
    if isinstance(ev, SourceEvidence):
        return EvidenceReview("article", ev.citation, ev.quote, ev.address)
    return EvidenceReview("external", ev.citation, ev.quote, None)
