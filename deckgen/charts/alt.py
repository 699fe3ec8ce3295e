"""Alt text for a computed chart, written from its figures: what it shows and its largest values."""

from __future__ import annotations

from collections.abc import Sequence

from deckgen.charts.compute import DEFAULT_STATUSES, FLANK_NAMES, chart_date
from deckgen.charts.model import (
    CategoryTable,
    ChartData,
    ChartKind,
    MatrixTable,
    TimelineTable,
)

LIMIT = 300  # screen readers read alt text in one breath; longer belongs in the notes


def alt_text(data: ChartData) -> str:
    """One or two sentences a screen reader can read: the chart's kind, its scope and its top values."""
    table, scope = data.table, _scope(data)
    if isinstance(table, CategoryTable):
        totals = [sum(s.values[i] for s in table.series) for i in range(len(table.categories))]
        subject = "by region" if data.spec.kind is ChartKind.BY_REGION else "by NATO flank"
        head = f"Bar chart of Russian presence elements {subject}, by kind{scope}."
        items = _ranked(table.categories, totals)
        tail = f"{_num(sum(totals))} in total."
    elif isinstance(table, TimelineTable):
        stones = table.milestones
        years = f", {stones[0].when.year}\u2013{stones[-1].when.year}" if stones else ""
        head = f"Timeline of {len(stones)} milestones of Russian presence{years}{scope}."
        items = [f"{m.label} ({m.when.display()})" for m in reversed(stones)]
        tail = ""
        head += " Latest:" if items else ""
    elif isinstance(table, MatrixTable):
        kinds = [sum(c is not None for c in row) for row in table.cells]
        head = (
            f"Matrix of {len(table.rows)} countries by {len(table.columns)} kinds of Russian presence, "
            f"showing the status of each{scope}."
        )
        items = [f"{name} {k} kind{'s' if k != 1 else ''}" for name, k in _top(table.rows, kinds)]
        tail = ""
    else:
        present = [t for t in table.tiles if t.count]
        head = f"Tile map of Russian presence elements by country{scope}."
        items = _ranked([t.label for t in present], [t.count for t in present])
        tail = f"{sum(t.count for t in present)} elements in {len(present)} countries."
    if not data.records:
        return _fit(f"{head.rstrip('.:')}: no presence elements match.", [], "")
    marked = f"Highlighted: {', '.join(data.highlight)}." if data.highlight else ""
    return _fit(head, items, " ".join(x for x in (tail, _reduced(data), marked) if x))


def _reduced(data: ChartData) -> str:
    """The elements drawn down by the chart's date but still counted, e.g. "2 elements reduced but
    still present (Syria, Libya)."; "" when there are none."""
    when, table = chart_date(data.spec.filter), data.table
    shown = {m.record_id for m in table.milestones} if isinstance(table, TimelineTable) else None
    found = [r for r in data.records if r.reduced_at(when) and (shown is None or r.id in shown)]
    if not found:
        return ""
    countries = list(dict.fromkeys(r.country for r in found))
    noun = "element" if len(found) == 1 else "elements"
    return f"{len(found)} {noun} reduced but still present ({_join(countries)})."


def _scope(data: ChartData) -> str:
    """The filter in words, e.g. " (southern flank; active only; as of Mar 2022)"."""
    f, records = data.spec.filter, data.records
    parts: list[str] = []
    if f.flanks and len(set(f.flanks)) == 1:
        parts.append(FLANK_NAMES[f.flanks[0]].lower())
    if f.regions:
        names = {r.region.id: r.region.name for r in records}
        parts.append(_join([names.get(x, x) for x in f.regions]))
    if f.kinds:
        names = {r.kind.id: r.kind.name for r in records}
        parts.append(_join([names.get(x, x).lower() for x in f.kinds]))
    if f.statuses and set(f.statuses) != set(DEFAULT_STATUSES):
        parts.append(_join([s.value for s in f.statuses]) + " only")
    if f.since is not None:
        parts.append(f"begun since {f.since.display()}")
    if f.as_of is not None:
        parts.append(f"as of {f.as_of.display()}")
    if f.through is not None:
        parts.append(f"up to {f.through.display()}")
    return f" ({'; '.join(parts)})" if parts else ""


def _fit(head: str, items: Sequence[str], tail: str) -> str:
    """As many of the top items as fit under LIMIT; cut at a word as a last resort."""
    for k in range(min(len(items), 5), -1, -1):
        listed = f" {', '.join(items[:k])}." if k else ""
        text = f"{head}{listed} {tail}".strip() if k or not head.endswith(":") else f"{head[:-1]}. {tail}"
        if len(text) <= LIMIT:
            return text.strip()
    return head[: LIMIT - 1].rsplit(" ", 1)[0] + "\u2026"


def _top(names: Sequence[str], values: Sequence[float]) -> list[tuple[str, float]]:
    # Largest first; ties keep the chart's own order, so the text follows what the eye sees.
    order = sorted(range(len(names)), key=lambda i: -values[i])
    return [(names[i], values[i]) for i in order if values[i] > 0]


def _ranked(names: Sequence[str], values: Sequence[float]) -> list[str]:
    return [f"{name} {_num(v)}" for name, v in _top(names, values)]


def _num(value: float) -> str:
    return f"{value:g}"


def _join(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
