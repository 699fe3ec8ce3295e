"""The header line at the top of a report: "Publisher, Series Number, Month Day, Year".

Reports from public bodies open with one line naming who published them, their number in a
series and the day they came out::

    Congressional Research Service, IF11234, May 12, 2022
    CRS Insight, IN11916, April 28, 2022
    Congressional Research Service, Report No. R47068, 3 March 2022

The publisher is everything before the first comma; the middle part is a number (a token with a
digit in it), optionally after a series word or two and "No."; the date is a month name with a
day and a year, in either order.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from deckgen.sources.model import PubDate

_LINE = re.compile(
    r"(?P<publisher>[A-Z][^,:;]{1,79}?),\s+(?P<ref>[^,]{1,60}?),\s+(?P<date>[^,]+(?:,\s*\d{4})?)"
)
_REF = re.compile(
    r"(?:(?P<series>[A-Za-z][A-Za-z&.'-]*(?:\s+[A-Za-z&.'-]+){0,3}?)\s+)?"
    r"(?:(?:No\.|no\.|Number|Nr\.)\s*)?(?P<number>(?=\S*\d)[A-Za-z0-9][\w./-]*)"
)
_MONTH_DAY_YEAR = re.compile(r"(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})")
_DAY_MONTH_YEAR = re.compile(r"(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3,9})\.?,?\s+(?P<year>\d{4})")
_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_LONGEST_LINE = 160
_PUBLISHER_WORDS = 8
LOOKED_AT = 3  # the report line is one of the text's first three non-blank lines


@dataclass(frozen=True)
class ReportLine:
    """What a report's header line says; ``text`` is the line as written."""

    text: str
    publisher: str
    series: str | None
    number: str
    date: PubDate


def report_line(line: str) -> ReportLine | None:
    """The header the line is, or None when it is not one (a title, a dateline, a sentence)."""
    line = " ".join(line.split())
    match = _LINE.fullmatch(line) if len(line) <= _LONGEST_LINE else None
    if match is None or len(match["publisher"].split()) > _PUBLISHER_WORDS:
        return None
    ref = _REF.fullmatch(match["ref"])
    date = _date(match["date"])
    if ref is None or date is None:
        return None
    series = ref["series"]
    return ReportLine(line, match["publisher"].strip(), series, ref["number"], date)


def find_report_line(lines: list[str]) -> tuple[int, ReportLine] | None:
    """The index and reading of the report line among the first few non-blank ``lines``."""
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        found = report_line(line)
        if found is not None:
            return index, found
        seen += 1
        if seen == LOOKED_AT:
            return None
    return None


def mentions_date(text: str) -> bool:
    """True when the text has a day, month and year in it (``Updated May 12, 2022``)."""
    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR):
        if any(_month(m["month"]) is not None for m in pattern.finditer(text)):
            return True
    return False


def _date(text: str) -> PubDate | None:
    match = _MONTH_DAY_YEAR.fullmatch(text.strip()) or _DAY_MONTH_YEAR.fullmatch(text.strip())
    if match is None:
        return None
    month = _month(match["month"])
    year, day = int(match["year"]), int(match["day"])
    if month is None:
        return None
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return PubDate(year, month, day)


def _month(word: str) -> int | None:
    """``May`` -> 5; ``Sept`` and ``Sep`` -> 9: a whole month name, or its first three or more letters."""
    word = word.lower()
    matches = [n for name, n in _MONTHS.items() if name.startswith(word)]
    return matches[0] if len(word) >= 3 and len(matches) == 1 else None
