"""A dataset audit for its curators: records by flank and region, single-source records, and records
not reviewed since a date.

``Audit.to_dict()`` is the JSON of ``deckgen data check --json``; its keys are stable:

- ``dataset`` (path), ``id``, ``title``, ``as_of`` (``YYYY-MM`` or ``YYYY-MM-DD``, or null),
  ``since`` (the ``--since`` date, or null: "never reviewed" is then the test);
- ``counts``: ``records``, ``single_source``, ``not_reviewed``;
- ``flanks``: in the order the regions first name them, each ``flank`` and ``records`` (a count)
  and ``regions``, in display order, each ``id``, ``name`` and ``records``, a list of records;
- a record: ``id``, ``country`` (``code``, ``name``), ``kind``, ``label``, ``status``, ``since``,
  ``until``, ``reduced`` and ``reviewed`` (each null when not given), ``strength`` (``sources``, ``article``,
  ``single_source``) and ``evidence``: ``{"type": "article", "address": ...}`` or
  ``{"type": "external", "publisher": ..., "title": ..., "date": ...}``;
- ``single_source`` and ``not_reviewed``: record ids, in file order.
"""

from __future__ import annotations

from dataclasses import dataclass

from deckgen.dataset.model import (
    Dataset,
    Evidence,
    Flank,
    PresenceRecord,
    Region,
    SourceEvidence,
    YearMonthDay,
)


@dataclass(frozen=True)
class RegionGroup:
    region: Region
    records: tuple[PresenceRecord, ...]  # file order


@dataclass(frozen=True)
class FlankGroup:
    flank: Flank
    regions: tuple[RegionGroup, ...]  # display order, regions without records included

    @property
    def records(self) -> int:
        return sum(len(g.records) for g in self.regions)


@dataclass(frozen=True)
class Audit:
    dataset: Dataset
    since: YearMonthDay | None  # None: records never reviewed are listed
    flanks: tuple[FlankGroup, ...]
    single_source: tuple[PresenceRecord, ...]
    not_reviewed: tuple[PresenceRecord, ...]

    def to_dict(self) -> dict[str, object]:
        d = self.dataset
        return {
            "dataset": d.path,
            "id": d.id,
            "title": d.title,
            "as_of": _date(d.as_of),
            "since": _date(self.since),
            "counts": {
                "records": len(d.records),
                "single_source": len(self.single_source),
                "not_reviewed": len(self.not_reviewed),
            },
            "flanks": [
                {
                    "flank": f.flank.value,
                    "records": f.records,
                    "regions": [
                        {"id": g.region.id, "name": g.region.name, "records": [_record(r) for r in g.records]}
                        for g in f.regions
                    ],
                }
                for f in self.flanks
            ],
            "single_source": [r.id for r in self.single_source],
            "not_reviewed": [r.id for r in self.not_reviewed],
        }


def audit_dataset(dataset: Dataset, *, since: YearMonthDay | None = None) -> Audit:
    """Group ``dataset``'s records by flank and region, and list those that rest on one source and
    those not reviewed on or after ``since`` (without it: never reviewed).

    A review dated by month alone counts from the 1st of that month, so it is surely after
    ``2024-03-01`` but not surely after ``2024-03-15``.
    """
    by_region: dict[str, list[PresenceRecord]] = {r.id: [] for r in dataset.regions}
    for record in dataset.records:
        by_region.setdefault(record.region.id, []).append(record)
    flanks: dict[Flank, list[RegionGroup]] = {}
    for region in dataset.regions:
        flanks.setdefault(region.flank, []).append(RegionGroup(region, tuple(by_region[region.id])))
    return Audit(
        dataset=dataset,
        since=since,
        flanks=tuple(FlankGroup(flank, tuple(groups)) for flank, groups in flanks.items()),
        single_source=tuple(r for r in dataset.records if r.strength.single_source),
        not_reviewed=tuple(r for r in dataset.records if not reviewed_since(r, since)),
    )


def reviewed_since(record: PresenceRecord, since: YearMonthDay | None) -> bool:
    """Reviewed at all (``since`` None), or surely on or after ``since``."""
    if record.reviewed is None:
        return False
    return since is None or record.reviewed.earliest() >= since.earliest()


def source_line(ev: Evidence) -> str:
    """One source, briefly: ``southern-underbelly#libya/p1`` or ``Reuters, 2018-10``."""
    if isinstance(ev, SourceEvidence):
        return ev.address
    return f"{ev.publisher}, {ev.date}"


def format_audit(audit: Audit) -> str:
    """The audit as text: the records by flank and region, each with its sources, then the
    single-source records and the records not reviewed, each list with its count."""
    d = audit.dataset
    total = len(d.records)
    as_of = f"as of {d.as_of}" if d.as_of else "no 'as-of' date"
    lines = [f"{d.path}: {d.id}, {_count(total, 'record')} in {_count(len(d.regions), 'region')}, {as_of}"]
    width = max((len(r.id) for r in d.records), default=0)
    kinds = max((len(r.kind.id) for r in d.records), default=0)
    for flank in audit.flanks:
        lines += ["", f"{flank.flank.value} flank: {_count(flank.records, 'record')}"]
        for group in flank.regions:
            lines.append(f"  {group.region.name} ({group.region.id}): {_count(len(group.records), 'record')}")
            for r in group.records:
                mark = "  [single source]" if r.strength.single_source else ""
                lines.append(
                    f"    {r.id.ljust(width)}  {r.country_code}  {r.kind.id.ljust(kinds)}  {_period(r)}{mark}"
                )
                lines += [f"      {line}" for line in dict.fromkeys(source_line(ev) for ev in r.evidence)]
    lines += ["", f"single source: {_share(len(audit.single_source), total)}"]
    for r in audit.single_source:
        lines.append(f"  {r.id.ljust(width)}  {source_line(r.evidence[0])}")
    what = f"not reviewed since {audit.since}" if audit.since else "never reviewed"
    lines += ["", f"{what}: {_share(len(audit.not_reviewed), total)}"]
    for r in audit.not_reviewed:
        if audit.since is None:  # all never reviewed
            lines.append(f"  {r.id}")
        else:
            lines.append(
                f"  {r.id.ljust(width)}  {f'reviewed {r.reviewed}' if r.reviewed else 'never reviewed'}"
            )
    return "\n".join(lines)


def _period(r: PresenceRecord) -> str:
    period = f"since {r.since}" if r.until is None else f"{r.since} to {r.until}"
    reduced = f", reduced {r.reduced}" if r.reduced is not None else ""
    return f"{r.status.value}, {period}{reduced}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _share(n: int, total: int) -> str:
    return f"{n or 'none'} of {_count(total, 'record')}"


def _date(value: YearMonthDay | None) -> str | None:
    return None if value is None else str(value)


def _record(record: PresenceRecord) -> dict[str, object]:
    strength = record.strength
    return {
        "id": record.id,
        "country": {"code": record.country_code, "name": record.country},
        "kind": record.kind.id,
        "label": record.label,
        "status": record.status.value,
        "since": str(record.since),
        "until": None if record.until is None else str(record.until),
        "reduced": None if record.reduced is None else str(record.reduced),
        "reviewed": _date(record.reviewed),
        "strength": {
            "sources": strength.sources,
            "article": strength.article,
            "single_source": strength.single_source,
        },
        "evidence": [_evidence(ev) for ev in record.evidence],
    }


def _evidence(ev: Evidence) -> dict[str, object]:
    if isinstance(ev, SourceEvidence):
        return {"type": "article", "address": ev.address}
    return {"type": "external", "publisher": ev.publisher, "title": ev.title, "date": str(ev.date)}
