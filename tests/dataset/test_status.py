"""Statuses and dates: what each status counts at an as-of date, and the located errors for 'reduced'."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from deckgen.core.errors import DeckgenError, Diagnostic, Loc
from deckgen.dataset import (
    Dataset,
    Flank,
    Kind,
    PresenceRecord,
    Region,
    Status,
    YearMonth,
    load_dataset,
    parse_year_month,
)
from deckgen.sources import SourceLibrary

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def library() -> SourceLibrary:
    return SourceLibrary(ROOT / "briefs" / "sources")


def record(
    status: Status, since: str, *, until: str | None = None, reduced: str | None = None
) -> PresenceRecord:
    return PresenceRecord(
        id="r",
        country_code="LY",
        country="Libya",
        region=Region("north-africa", "North Africa", Flank.SOUTH),
        kind=Kind("pmc", "Private military contractors"),
        label="Wagner Group fighters",
        since=parse_year_month(since),
        status=status,
        until=parse_year_month(until) if until else None,
        evidence=(),
        loc=Loc("synthetic.yaml", 1, 1),
        reduced=parse_year_month(reduced) if reduced else None,
    )


A, R, C, P, W = Status.ACTIVE, Status.REDUCED, Status.CONTESTED, Status.PLANNED, Status.WITHDRAWN

# (status, since, until, reduced, as of, counted, shown as reduced): docs/dataset.md, "As-of semantics".
AS_OF = [
    (A, "2019", None, None, "2018-12", False, False),  # not begun yet
    (A, "2019", None, None, "2019", True, False),  # a year alone: counted from the year itself
    (A, "2019", None, None, "2019-01", True, False),
    (A, "2019-06", None, None, "2019", False, False),  # "2019" sorts before 2019-06
    (A, "2019", None, None, "2030-01", True, False),  # no end
    (R, "2019", None, "2022-04", "2018", False, False),  # not begun yet
    (R, "2019", None, "2022-04", "2021-06", True, False),  # counted before its drawdown, as active
    (R, "2019", None, "2022-04", "2022-03", True, False),
    (R, "2019", None, "2022-04", "2022-04", True, True),  # from the drawdown month on: reduced
    (R, "2019", None, "2022-04", "2022-05", True, True),  # still counted after it
    (R, "2015-10", None, "2022", "2021-12", True, False),
    (R, "2015-10", None, "2022", "2022-01", True, True),  # "2022" sorts before every month of 2022
    (C, "2014-03", None, None, "2014-02", False, False),
    (C, "2014-03", None, None, "2022-05", True, False),  # counted like active
    (C, "2020-05", "2022-04", None, "2022-03", True, False),  # a disputed presence that ended
    (C, "2020-05", "2022-04", None, "2022-04", False, False),  # ... up to 'until', exclusive
    (W, "2015-10", "2022-03", None, "2015-09", False, False),
    (W, "2015-10", "2022-03", None, "2015-10", True, False),
    (W, "2015-10", "2022-03", None, "2022-02", True, False),
    (W, "2015-10", "2022-03", None, "2022-03", False, False),  # 'until' is the first month without it
    (P, "2020", None, None, "2019", False, False),
    (P, "2020", None, None, "2022-05", False, False),  # planned never counts at a date
]


@pytest.mark.parametrize(("status", "since", "until", "reduced", "when", "counted", "shown"), AS_OF)
def test_as_of_semantics_for_every_status(
    status: Status,
    since: str,
    until: str | None,
    reduced: str | None,
    when: str,
    counted: bool,
    shown: bool,
) -> None:
    r = record(status, since, until=until, reduced=reduced)
    at = parse_year_month(when)
    assert r.active_at(at) is counted
    assert r.reduced_at(at) is shown


def test_the_table_covers_every_status() -> None:
    assert {row[0] for row in AS_OF} == set(Status)


def test_without_a_date_a_reduced_record_is_reduced() -> None:
    assert record(R, "2019", reduced="2022-04").reduced_at(None)
    assert not record(A, "2019").reduced_at(None)


# -- the loader -------------------------------------------------------------------------------

HEAD = """
id: statuses
title: Statuses
regions:
  north-africa: {name: North Africa, flank: south}
kinds:
  pmc: {name: Private military contractors}
records:
"""

EVIDENCE = """    evidence:
      - publisher: Middle East Monitor
        title: Russia withdraws mercenaries from Libya amid setbacks in Ukraine invasion
        date: 2022-04
"""


def dataset_file(tmp_path: Path, *records: str) -> Path:
    """A dataset of the given records (their lines after 'label:' up to the evidence)."""
    parts = [textwrap.dedent(HEAD).lstrip("\n")]
    for i, lines in enumerate(records):
        parts.append(
            f"  - id: r{i}\n"
            "    country: {code: LY, name: Libya}\n"
            "    region: north-africa\n"
            "    kind: pmc\n"
            "    label: Wagner Group fighters\n"
            + textwrap.indent(textwrap.dedent(lines).strip("\n"), "    ")
            + "\n"
            + EVIDENCE
        )
    path = tmp_path / "dataset.yaml"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def errors(path: Path, library: SourceLibrary) -> list[Diagnostic]:
    with pytest.raises(DeckgenError) as info:
        load_dataset(path, sources=library)
    return list(info.value.diagnostics)


def test_a_reduced_record_loads_with_its_drawdown_date(tmp_path: Path, library: SourceLibrary) -> None:
    path = dataset_file(tmp_path, "since: 2019\nstatus: reduced\nreduced: 2022-04")
    dataset: Dataset = load_dataset(path, sources=library)
    (loaded,) = dataset.records
    assert loaded.status is Status.REDUCED
    assert loaded.reduced == YearMonth(2022, 4) and loaded.until is None


def test_contested_with_until_still_loads_and_ends(tmp_path: Path, library: SourceLibrary) -> None:
    """The old way of writing a drawdown still loads, and still counts up to 'until'."""
    path = dataset_file(tmp_path, "since: 2019\nstatus: contested\nuntil: 2022-04")
    (loaded,) = load_dataset(path, sources=library).records
    assert loaded.until == YearMonth(2022, 4) and loaded.reduced is None
    assert loaded.active_at(YearMonth(2022, 3)) and not loaded.active_at(YearMonth(2022, 4))


def test_reduced_without_its_date(tmp_path: Path, library: SourceLibrary) -> None:
    path = dataset_file(tmp_path, "since: 2019\nstatus: reduced")
    (d,) = errors(path, library)
    assert (d.code, d.loc.line, d.loc.col, d.key) == ("missing-reduced", 14, 13, "records[0].reduced")
    assert d.message == "a reduced record needs 'reduced' (when the presence was drawn down)"
    assert d.hint is not None and "add 'reduced: YYYY-MM'" in d.hint


@pytest.mark.parametrize("status", ["active", "contested", "planned"])
def test_reduced_on_another_status(tmp_path: Path, library: SourceLibrary, status: str) -> None:
    path = dataset_file(tmp_path, f"since: 2019\nstatus: {status}\nreduced: 2022-04")
    (d,) = errors(path, library)
    assert (d.code, d.loc.line, d.loc.col, d.key) == ("unexpected-reduced", 15, 5, "records[0].reduced")
    assert d.message == f"'{status}' records have no drawdown, but 'reduced' is given"
    assert d.hint is not None and "set 'status: reduced'" in d.hint


def test_reduced_on_a_withdrawn_record(tmp_path: Path, library: SourceLibrary) -> None:
    path = dataset_file(tmp_path, "since: 2019\nstatus: withdrawn\nuntil: 2022-06\nreduced: 2022-04")
    (d,) = errors(path, library)
    assert (d.code, d.loc.line, d.loc.col) == ("unexpected-reduced", 16, 5)


def test_reduced_before_since(tmp_path: Path, library: SourceLibrary) -> None:
    path = dataset_file(tmp_path, "since: 2019-06\nstatus: reduced\nreduced: 2019-02")
    (d,) = errors(path, library)
    assert (d.code, d.loc.line, d.loc.col, d.key) == ("reduced-before-since", 15, 14, "records[0].reduced")
    assert d.message == "'reduced' (2019-02) is before 'since' (2019-06)"
    assert d.hint is not None


def test_a_reduced_record_takes_no_until(tmp_path: Path, library: SourceLibrary) -> None:
    path = dataset_file(tmp_path, "since: 2019\nstatus: reduced\nuntil: 2022-04")
    found = errors(path, library)
    assert [(d.code, d.loc.line, d.loc.col) for d in found] == [
        ("missing-reduced", 14, 13),
        ("unexpected-until", 15, 5),
    ]
    assert "replace 'until' with 'reduced: YYYY-MM'" in (found[1].hint or "")


def test_a_bad_drawdown_date_and_a_misspelt_key(tmp_path: Path, library: SourceLibrary) -> None:
    found = errors(
        dataset_file(
            tmp_path,
            "since: 2019\nstatus: reduced\nreduced: 2022-4",
            "since: 2019\nstatus: reduced\nreduce: 2022-04",
        ),
        library,
    )
    codes = [(d.code, d.loc.line) for d in found]
    assert ("bad-date", 15) in codes
    assert "write the month with two digits: '2022-04'" in next(
        d.hint or "" for d in found if d.code == "bad-date"
    )
    assert ("missing-reduced", 26) in codes  # 'reduce' is not 'reduced' ...
    unknown = next(d for d in found if d.code == "unknown-key")
    assert unknown.loc.line == 27 and "did you mean 'reduced'?" in (unknown.hint or "")
