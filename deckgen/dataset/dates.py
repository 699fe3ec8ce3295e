"""Dataset dates: ``YYYY`` or ``YYYY-MM`` text to a ``YearMonth``, and ``YYYY-MM`` or ``YYYY-MM-DD``
to a ``YearMonthDay``, with a hint when it is not one."""

from __future__ import annotations

import calendar
import re

from deckgen.core.yamlnodes import MapReader
from deckgen.dataset.model import YearMonth, YearMonthDay

_YEAR_MONTH = re.compile(r"(\d{4})(?:-(\d{2}))?")
_WITH_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_SHORT_MONTH = re.compile(r"(\d{4})-(\d)")
_FORMS = "write a year (2014) or a year and month (2014-03)"
_DAY = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
_LOOSE_DAY = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")
_DAY_FORMS = "write a day (2024-03-15) or a month (2024-03)"


class DateError(ValueError):
    """Text that is not a dataset date; ``hint`` says how to write it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def parse_year_month(text: str) -> YearMonth:
    """``2014`` → YearMonth(2014); ``2014-03`` → YearMonth(2014, 3); DateError otherwise."""
    match = _YEAR_MONTH.fullmatch(text)
    if match is None:
        if _WITH_DAY.fullmatch(text):
            # Presence is charted by month; a day would be precision the sources rarely give.
            hint = f"the dataset records months, not days: write {text[:7]!r}"
        elif short := _SHORT_MONTH.fullmatch(text):
            hint = f"write the month with two digits: '{short[1]}-0{short[2]}'"
        else:
            hint = _FORMS
        raise DateError(f"{text!r} is not a date", hint)
    year, month_text = match[1], match[2]
    if month_text is None:
        return YearMonth(int(year))
    month = int(month_text)
    if not 1 <= month <= 12:
        raise DateError(
            f"{text!r} has no month {month_text}",
            f"months run from 01 to 12; {_FORMS}",
        )
    return YearMonth(int(year), month)


def parse_year_month_day(text: str) -> YearMonthDay:
    """``2024-03`` → YearMonthDay(2024, 3); ``2024-03-15`` → YearMonthDay(2024, 3, 15); DateError
    otherwise (a year alone is too vague to say when something was checked)."""
    match = _DAY.fullmatch(text)
    if match is None:
        if re.fullmatch(r"\d{4}", text):
            raise DateError(f"{text!r} gives only the year", f"give the month at least: '{text}-MM'")
        loose = _LOOSE_DAY.fullmatch(text)
        if loose is not None:
            parts = [loose[1], f"{int(loose[2]):02d}"] + ([f"{int(loose[3]):02d}"] if loose[3] else [])
            hint = f"write months and days with two digits: {'-'.join(parts)!r}"
        else:
            hint = _DAY_FORMS
        raise DateError(f"{text!r} is not a date", hint)
    year, month, day = int(match[1]), int(match[2]), int(match[3] or 0)
    if not 1 <= month <= 12:
        raise DateError(f"{text!r} has no month {match[2]}", f"months run from 01 to 12; {_DAY_FORMS}")
    last = calendar.monthrange(year, month)[1]
    if match[3] is not None and not 1 <= day <= last:
        raise DateError(
            f"{text!r} has no day {match[3]}",
            f"{calendar.month_name[month]} {year} has days 01 to {last:02d}",
        )
    return YearMonthDay(year, month, day)


def read_year_month_day(r: MapReader, key: str, what: str) -> YearMonthDay | None:
    """The optional date ``key`` of ``r``; a located ``bad-date`` error, and None, when it is not one."""
    text = r.text(key, what=what)
    if text is None:
        return None
    try:
        return parse_year_month_day(text)
    except DateError as exc:
        r.diags.error(
            r.value_loc(key),
            "bad-date",
            f"'{key}' should be {what}: {exc.message}",
            hint=exc.hint,
            key=f"{r.where}.{key}" if r.where else key,
            span=max(1, len(text)),
        )
        return None
