"""The dataset audit behind ``deckgen data check``: records grouped by the flanks the regions
declare, single-source records, and records not reviewed since a date."""

from __future__ import annotations

import textwrap
from pathlib import Path

from deckgen.dataset import Dataset, YearMonthDay, load_dataset
from deckgen.dataset.audit import audit_dataset, format_audit, reviewed_since
from deckgen.sources import SourceLibrary

# The south flank's region comes first, an east region has no records: the audit follows the file.
DATASET = """
id: audit-test
title: Audit test
as-of: 2022-05-31
regions:
  levant: {name: Levant, flank: south}
  eastern-europe: {name: Eastern Europe, flank: east}
  black-sea: {name: Black Sea, flank: east}
  sahel: {name: Sahel, flank: south}
kinds:
  naval: {name: Naval base or access}
records:
  - id: one-publisher
    country: {code: SY, name: Syria}
    region: levant
    kind: naval
    label: Two reports by one publisher
    since: 2017
    status: active
    reviewed: 2024-03-15
    evidence:
      - {publisher: Reuters, title: First report, date: 2018-10}
      - {publisher: Reuters, title: Second report, date: 2019-01}
  - id: two-publishers
    country: {code: BY, name: Belarus}
    region: eastern-europe
    kind: naval
    label: Two publishers
    since: 2020-01
    status: withdrawn
    until: 2021-06
    reviewed: 2024-03
    evidence:
      - {publisher: Reuters, title: A report, date: 2020-01}
      - {publisher: Associated Press, title: Another report, date: 2020-02}
  - id: never-reviewed
    country: {code: ML, name: Mali}
    region: sahel
    kind: naval
    label: Never reviewed
    since: 2021
    status: planned
    evidence:
      - {publisher: defenceWeb, title: A report, date: 2021-03}
"""


def load(tmp_path: Path) -> Dataset:
    path = tmp_path / "audit.yaml"
    path.write_text(textwrap.dedent(DATASET).lstrip("\n"), encoding="utf-8")
    return load_dataset(path, sources=SourceLibrary(tmp_path / "sources"))


def test_records_are_grouped_by_the_flanks_the_regions_declare(tmp_path: Path) -> None:
    audit = audit_dataset(load(tmp_path))
    assert [f.flank.value for f in audit.flanks] == ["south", "east"]
    south, east = audit.flanks
    assert [(g.region.id, [r.id for r in g.records]) for g in south.regions] == [
        ("levant", ["one-publisher"]),
        ("sahel", ["never-reviewed"]),
    ]
    assert [(g.region.id, [r.id for r in g.records]) for g in east.regions] == [
        ("eastern-europe", ["two-publishers"]),
        ("black-sea", []),
    ]
    assert (south.records, east.records) == (2, 1)


def test_single_source_and_never_reviewed(tmp_path: Path) -> None:
    audit = audit_dataset(load(tmp_path))
    assert [r.id for r in audit.single_source] == ["one-publisher", "never-reviewed"]
    assert [r.id for r in audit.not_reviewed] == ["never-reviewed"]


def test_not_reviewed_since_a_date(tmp_path: Path) -> None:
    dataset = load(tmp_path)
    one, two, never = dataset.records
    # 2024-03 (a month alone) is surely on or after 2024-03-01, but not surely after 2024-03-10.
    assert [r.id for r in audit_dataset(dataset, since=YearMonthDay(2024, 3, 1)).not_reviewed] == [
        "never-reviewed"
    ]
    assert [r.id for r in audit_dataset(dataset, since=YearMonthDay(2024, 3, 10)).not_reviewed] == [
        "two-publishers",
        "never-reviewed",
    ]
    assert [r.id for r in audit_dataset(dataset, since=YearMonthDay(2024, 4)).not_reviewed] == [
        "one-publisher",
        "two-publishers",
        "never-reviewed",
    ]
    assert reviewed_since(one, YearMonthDay(2024, 3, 15)) and not reviewed_since(never, None)
    assert reviewed_since(two, None)


def test_the_dict_has_stable_keys_and_counts(tmp_path: Path) -> None:
    data = audit_dataset(load(tmp_path), since=YearMonthDay(2024, 3, 10)).to_dict()
    assert list(data) == [
        "dataset",
        "id",
        "title",
        "as_of",
        "since",
        "counts",
        "flanks",
        "single_source",
        "not_reviewed",
    ]
    assert (data["as_of"], data["since"]) == ("2022-05-31", "2024-03-10")
    assert data["counts"] == {"records": 3, "single_source": 2, "not_reviewed": 2}
    assert data["single_source"] == ["one-publisher", "never-reviewed"]
    flanks = data["flanks"]
    assert isinstance(flanks, list)
    first = flanks[0]["regions"][0]["records"][0]
    assert first == {
        "id": "one-publisher",
        "country": {"code": "SY", "name": "Syria"},
        "kind": "naval",
        "label": "Two reports by one publisher",
        "status": "active",
        "since": "2017",
        "until": None,
        "reduced": None,
        "reviewed": "2024-03-15",
        "strength": {"sources": 1, "article": False, "single_source": True},
        "evidence": [
            {"type": "external", "publisher": "Reuters", "title": "First report", "date": "2018-10"},
            {"type": "external", "publisher": "Reuters", "title": "Second report", "date": "2019-01"},
        ],
    }


def test_the_text_lists_groups_sources_and_counts(tmp_path: Path) -> None:
    text = format_audit(audit_dataset(load(tmp_path)))
    lines = text.splitlines()
    assert lines[0].endswith("audit.yaml: audit-test, 3 records in 4 regions, as of 2022-05-31")
    assert "south flank: 2 records" in lines and "east flank: 1 record" in lines
    assert "  Black Sea (black-sea): 0 records" in lines
    (row,) = [line for line in lines if line.startswith("    two-publishers")]
    assert row.split() == ["two-publishers", "BY", "naval", "withdrawn,", "2020-01", "to", "2021-06"]
    assert "      Reuters, 2020-01" in lines and "      Associated Press, 2020-02" in lines
    assert "single source: 2 of 3 records" in lines
    assert "never reviewed: 1 of 3 records" in lines
    assert lines[-1] == "  never-reviewed"
