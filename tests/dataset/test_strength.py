"""Evidence strength, ``reviewed:`` and ``as-of:``: the rule on hand-built records, the shipped
dataset's single-source records counted by hand, and bad dates reported where they are."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from deckgen.core.errors import DeckgenError, Loc
from deckgen.dataset import (
    Dataset,
    DateError,
    Evidence,
    ExternalEvidence,
    Flank,
    Kind,
    PresenceRecord,
    Region,
    SourceEvidence,
    Status,
    Strength,
    YearMonth,
    YearMonthDay,
    load_dataset,
    parse_year_month_day,
)
from deckgen.sources import SourceLibrary

ROOT = Path(__file__).resolve().parents[2]
DATASET = ROOT / "briefs" / "data" / "russian-presence.yaml"

# Counted by hand from briefs/data/russian-presence.yaml: the records whose evidence is one article
# (however many quotes) or one publisher. None since the review of 30 November 2026 found a second
# publisher for each of the six that had one: belarus-union-state (PISM), kaliningrad-iskander
# (Deutsche Welle), syria-s300 (TRT World), car-arms (The Moscow Times), sudan-port-sudan (The
# Moscow Times), sudan-wagner (UPI). Update it with the file.
HAND_SINGLE_SOURCE: tuple[str, ...] = ()
# Every record's evidence was checked against its sources' stored text that day.
HAND_REVIEW_DAY = YearMonthDay(2026, 11, 30)


ARTICLE_P1 = SourceEvidence("southern-underbelly#syria/p1", "a quote", "Fix & Kausch, p1.")
ARTICLE_P2 = SourceEvidence("southern-underbelly#libya/p1", "another quote", "Fix & Kausch, p2.")
OTHER_ARTICLE = SourceEvidence("another-article#intro/p1", "a third quote", "Someone, p1.")
AP_2017 = ExternalEvidence("Associated Press", "Syria lets Russia expand", YearMonth(2017, 1))
AP_2018 = ExternalEvidence("Associated Press", "A second AP report", YearMonth(2018, 5))
REUTERS = ExternalEvidence("Reuters", "A Reuters report", YearMonth(2018, 10))


def record(*evidence: Evidence) -> PresenceRecord:
    return PresenceRecord(
        id="test-record",
        country_code="SY",
        country="Syria",
        region=Region("levant", "Levant", Flank.SOUTH),
        kind=Kind("naval", "Naval base or access"),
        label="A test record",
        since=YearMonth(2017),
        status=Status.ACTIVE,
        until=None,
        evidence=evidence,
        loc=Loc("test.yaml", 1, 1),
    )


@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        ((ARTICLE_P1,), Strength(1, article=True)),
        ((ARTICLE_P1, ARTICLE_P2), Strength(1, article=True)),  # one article, two paragraphs
        ((ARTICLE_P1, ARTICLE_P1), Strength(1, article=True)),  # the same paragraph twice
        ((ARTICLE_P1, AP_2017), Strength(2, article=True)),
        ((AP_2017, AP_2018), Strength(1, article=False)),  # one publisher, two reports
        ((AP_2017, REUTERS), Strength(2, article=False)),
        ((ARTICLE_P1, ARTICLE_P2, AP_2017, AP_2018, REUTERS), Strength(3, article=True)),
        ((ARTICLE_P1, OTHER_ARTICLE), Strength(2, article=True)),  # two articles
    ],
)
def test_strength_counts_independent_sources(evidence: tuple[Evidence, ...], expected: Strength) -> None:
    strength = record(*evidence).strength
    assert strength == expected
    assert strength.single_source is (expected.sources == 1)


def test_a_publisher_is_one_source_whatever_its_case_and_spacing() -> None:
    spaced = ExternalEvidence("associated  press ", "Another title", YearMonth(2019))
    assert record(AP_2017, spaced).strength == Strength(1, article=False)


@pytest.fixture(scope="module")
def shipped() -> Dataset:
    return load_dataset(DATASET, sources=SourceLibrary(ROOT / "briefs" / "sources"))


def test_the_shipped_single_source_records_are_the_hand_counted_ones(shipped: Dataset) -> None:
    single = tuple(r.id for r in shipped.records if r.strength.single_source)
    assert single == HAND_SINGLE_SOURCE
    by_id = {r.id: r for r in shipped.records}
    # Two quotes from the article and a newspaper: two sources, one of them the article.
    assert by_id["syria-intervention"].strength == Strength(2, article=True)
    assert by_id["libya-mercenaries"].strength == Strength(3, article=True)
    assert by_id["kaliningrad-baltic-fleet"].strength == Strength(3, article=False)
    assert by_id["sudan-port-sudan"].strength == Strength(2, article=True)  # the op-ed and The Moscow Times
    assert by_id["arctic-nagurskoye"].strength == Strength(
        2, article=False
    )  # two Barents Observer pages are one


def test_the_shipped_dataset_describes_may_2022_and_says_which_records_were_reviewed(
    shipped: Dataset,
) -> None:
    assert shipped.as_of == YearMonthDay(2022, 5)
    assert {r.reviewed for r in shipped.records} == {HAND_REVIEW_DAY}


# -- reviewed: and as-of: ------------------------------------------------------------------------

SMALL = """
id: small
title: Small
as-of: {as_of}
regions:
  levant: {{name: Levant, flank: south}}
kinds:
  naval: {{name: Naval base or access}}
records:
  - id: first
    country: {{code: SY, name: Syria}}
    region: levant
    kind: naval
    label: First
    since: 2017
    status: active
    reviewed: {first}
    evidence:
      - {{publisher: Reuters, title: A report, date: 2018-10}}
  - id: second
    country: {{code: SY, name: Syria}}
    region: levant
    kind: naval
    label: Second
    since: 2017
    status: active
    reviewed: {second}
    evidence:
      - {{publisher: Reuters, title: A report, date: 2018-10}}
"""


def small(
    tmp_path: Path, *, as_of: str = "2022-05", first: str = "2024-03-15", second: str = "2024-03"
) -> Path:
    path = tmp_path / "small.yaml"
    text = SMALL.format(as_of=as_of, first=first, second=second)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def test_reviewed_and_as_of_are_read(tmp_path: Path) -> None:
    loaded = load_dataset(small(tmp_path), sources=SourceLibrary(tmp_path / "sources"))
    assert loaded.as_of == YearMonthDay(2022, 5)
    assert [r.reviewed for r in loaded.records] == [YearMonthDay(2024, 3, 15), YearMonthDay(2024, 3)]
    assert [str(r.reviewed) for r in loaded.records] == ["2024-03-15", "2024-03"]


def test_reviewed_and_as_of_are_optional(tmp_path: Path) -> None:
    path = small(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(
        "\n".join(
            line for line in text.splitlines() if not line.lstrip().startswith(("reviewed:", "as-of:"))
        ),
        encoding="utf-8",
    )
    loaded = load_dataset(path, sources=SourceLibrary(tmp_path / "sources"))
    assert loaded.as_of is None
    assert [r.reviewed for r in loaded.records] == [None, None]


@pytest.mark.parametrize(
    ("values", "line", "col", "message", "hint"),
    [
        ({"as_of": "2022"}, 3, 8, "'2022' gives only the year", "'2022-MM'"),
        ({"as_of": "2022-13"}, 3, 8, "no month 13", "months run from 01 to 12"),
        ({"first": "2024-02-30"}, 16, 15, "no day 30", "February 2024 has days 01 to 29"),
        ({"first": "2024-3-5"}, 16, 15, "is not a date", "'2024-03-05'"),
        ({"second": "last spring"}, 26, 15, "is not a date", "a day (2024-03-15) or a month"),
    ],
)
def test_a_bad_review_or_as_of_date_is_a_located_error(
    tmp_path: Path, values: dict[str, str], line: int, col: int, message: str, hint: str
) -> None:
    path = small(tmp_path, **values)
    with pytest.raises(DeckgenError) as info:
        load_dataset(path, sources=SourceLibrary(tmp_path / "sources"))
    (diag,) = info.value.diagnostics
    assert (diag.code, diag.loc.path, diag.loc.line, diag.loc.col) == ("bad-date", str(path), line, col)
    assert message in diag.message
    assert diag.hint is not None and hint in diag.hint


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03", YearMonthDay(2024, 3)),
        ("2024-03-15", YearMonthDay(2024, 3, 15)),
        ("2024-02-29", YearMonthDay(2024, 2, 29)),
        ("2022-12-31", YearMonthDay(2022, 12, 31)),
    ],
)
def test_parse_year_month_day(text: str, expected: YearMonthDay) -> None:
    assert parse_year_month_day(text) == expected
    assert str(expected) == text


@pytest.mark.parametrize(
    "text", ["2024", "2024-00", "2023-02-29", "2024-04-31", "2024-03-15T10", "", "15/03/2024"]
)
def test_parse_year_month_day_rejects(text: str) -> None:
    with pytest.raises(DateError):
        parse_year_month_day(text)


def test_a_month_alone_counts_from_its_first_day() -> None:
    assert YearMonthDay(2024, 3).earliest() == YearMonthDay(2024, 3, 1).earliest()
    assert YearMonthDay(2024, 3).earliest() < YearMonthDay(2024, 3, 15).earliest()
