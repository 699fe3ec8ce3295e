"""A deck's 'as-of': every chart shows that date unless its filter says otherwise, a timeline
runs up to it, and 'as-of: all' shows every record whatever its dates."""

from __future__ import annotations

from pathlib import Path

from deckgen import api
from deckgen.charts.model import ChartData
from tests.hostile.kit import HEAD, located, project, run

# Three records in one region, hand-dated: one ended in 2019, one runs on, one began in 2023.
DATASET = """\
id: tiny
title: Tiny
regions:
  levant: {name: Levant, flank: south}
kinds:
  naval: {name: Naval}
records:
  - id: gone
    country: {code: SY, name: Syria}
    region: levant
    kind: naval
    label: Gone by 2019
    since: 2015
    status: withdrawn
    until: 2019-06
    evidence: [{publisher: P, title: T, date: 2015}]
  - id: stays
    country: {code: SY, name: Syria}
    region: levant
    kind: naval
    label: Still there
    since: 2017-01
    status: active
    evidence: [{publisher: P, title: T, date: 2017}]
  - id: later
    country: {code: LY, name: Libya}
    region: levant
    kind: naval
    label: Began in 2023
    since: 2023-02
    status: active
    evidence: [{publisher: P, title: T, date: 2023}]
"""


def deck(tmp_path: Path, as_of: str | None, slides: str) -> Path:
    head = HEAD + (f"  as-of: {as_of}\n" if as_of else "") + "data:\n  presence: data/tiny.yaml\n"
    path = project(tmp_path, slides, head=head)
    (tmp_path / "data" / "tiny.yaml").write_text(DATASET, encoding="utf-8")
    return path


def chart(kind: str, extra: str = "") -> str:
    """A chart slide titled by its kind, with ``extra`` as its filter."""
    return f"  - kind: chart\n    title: {kind}\n    chart: {kind}\n" + (
        f"    filter: {{{extra}}}\n" if extra else ""
    )


def records(path: Path) -> dict[str, list[str]]:
    plan = api.check(path).plan
    out = {}
    for slide in plan.slides:
        data = getattr(slide.content, "data", None)
        if isinstance(data, ChartData):
            out[slide.title] = [r.id for r in data.records]
    return out


def test_the_deck_date_applies_to_every_snapshot_chart(tmp_path: Path) -> None:
    path = deck(tmp_path, "2020-01", chart("by-region") + chart("matrix") + chart("map"))
    assert records(path) == {"by-region": ["stays"], "matrix": ["stays"], "map": ["stays"]}


def test_a_chart_date_overrides_the_deck_and_all_shows_every_record(tmp_path: Path) -> None:
    path = deck(tmp_path, "2020-01", chart("by-region", "as-of: 2018") + chart("matrix", "as-of: all"))
    assert records(path) == {
        "by-region": ["gone", "stays"],
        "matrix": ["gone", "stays", "later"],
    }


def test_a_timeline_runs_up_to_the_deck_date_and_keeps_what_ended(tmp_path: Path) -> None:
    path = deck(tmp_path, "2022-05", chart("timeline", "status: [active, withdrawn]"))
    assert records(path) == {"timeline": ["gone", "stays"]}
    plan = api.check(path).plan
    (slide,) = [s for s in plan.slides if s.kind == "chart"]
    assert "up to May 2022" in slide.content.alt  # type: ignore[union-attr]


def test_without_a_deck_date_nothing_changes(tmp_path: Path) -> None:
    path = deck(tmp_path, None, chart("by-region"))
    assert records(path) == {"by-region": ["gone", "stays", "later"]}


def test_a_bad_deck_date_is_located_at_its_key(tmp_path: Path) -> None:
    path = deck(tmp_path, "2022-13", chart("by-region"))
    line = located(run("check", path), path, "bad-date", 4, 10)
    assert "'as-of' date" in line


def test_the_schema_knows_the_deck_date() -> None:
    from deckgen.brief.schema import brief_schema

    prop = brief_schema()["properties"]["deck"]["properties"]["as-of"]
    assert prop["examples"][0] == "2022-05" and "all" in prop["examples"]
