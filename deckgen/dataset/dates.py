"""Dataset dates: ``YYYY`` or ``YYYY-MM`` text to a ``YearMonth``, with a hint when it is not one."""

from __future__ import annotations

import re

from deckgen.dataset.model import YearMonth

_YEAR_MONTH = re.compile(r"(\d{4})(?:-(\d{2}))?")
_WITH_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_SHORT_MONTH = re.compile(r"(\d{4})-(\d)")
_FORMS = "write a year (2014) or a year and month (2014-03)"


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
