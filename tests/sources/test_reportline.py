"""The report line at the top of a report, and where the importer looks for it."""

from __future__ import annotations

import pytest

from deckgen.sources.model import PubDate
from deckgen.sources.reportline import find_report_line, mentions_date, report_line

CRS = "Congressional Research Service"


@pytest.mark.parametrize(
    ("line", "publisher", "series", "number", "date"),
    [
        (f"{CRS}, IF11234, May 12, 2022", CRS, None, "IF11234", (2022, 5, 12)),
        ("CRS Insight, IN11916, April 28, 2022", "CRS Insight", None, "IN11916", (2022, 4, 28)),
        (f"{CRS}, Insight IN11916, 28 April 2022", CRS, "Insight", "IN11916", (2022, 4, 28)),
        (f"{CRS}, Report No. R47068, 3 March 2022", CRS, "Report", "R47068", (2022, 3, 3)),
        (
            "RAND, Research Report RR-A1234-1, 12 May 2022",
            "RAND",
            "Research Report",
            "RR-A1234-1",
            (2022, 5, 12),
        ),
        ("GAO, GAO-22-104556, Sept. 8, 2022", "GAO", None, "GAO-22-104556", (2022, 9, 8)),
        ("  Congressional  Research Service,  IF11234,  May 12 2022 ", CRS, None, "IF11234", (2022, 5, 12)),
    ],
)
def test_report_lines(
    line: str, publisher: str, series: str | None, number: str, date: tuple[int, int, int]
) -> None:
    found = report_line(line)
    assert found is not None
    assert (found.publisher, found.series, found.number) == (publisher, series, number)
    assert found.date == PubDate(*date)


@pytest.mark.parametrize(
    "line",
    [
        "Moscow, May 12, 2022",  # a dateline: no number
        "Congressional Research Service, Updated May 12, 2022",
        "The Ministry, Bulletin, 12 May 2022",  # no number
        "Institute, Paper 7, May 2022",  # no day
        "Congressional Research Service, IF11234, February 30, 2022",  # no such day
        "Congressional Research Service, IF11234, Maybe 12, 2022",  # no such month
        "Russia, in its way, took note on 12 May 2022",  # a sentence
        "NATO Must Contest Russian Moves in Its Southern Underbelly",
        "the service, IF11234, May 12, 2022",  # a publisher is capitalised
    ],
)
def test_lines_that_are_not_report_lines(line: str) -> None:
    assert report_line(line) is None


def test_the_report_line_is_looked_for_among_the_first_three_lines() -> None:
    line = "Congressional Research Service, IF11234, May 12, 2022"
    found = find_report_line(["", "A Title", "", line, "Body."])
    assert found is not None and found[0] == 3
    assert find_report_line(["A Title", "Standfirst.", "Body.", line]) is None


def test_mentions_date() -> None:
    assert mentions_date("Updated May 12, 2022")
    assert mentions_date("As of 3 March 2022")
    assert not mentions_date("Developments Since 2014")
    assert not mentions_date("The Wagner Group in 2021 and 2022")
