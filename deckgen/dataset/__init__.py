"""The presence dataset: typed records of Russian presence with verified evidence, and its loader."""

from __future__ import annotations

from deckgen.dataset.dates import DateError, parse_year_month, parse_year_month_day
from deckgen.dataset.loader import check_dataset, load_dataset
from deckgen.dataset.model import (
    Dataset,
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
)

__all__ = [
    "Dataset",
    "DateError",
    "Evidence",
    "ExternalEvidence",
    "Flank",
    "Kind",
    "PresenceRecord",
    "Region",
    "SourceEvidence",
    "Status",
    "Strength",
    "YearMonth",
    "YearMonthDay",
    "check_dataset",
    "load_dataset",
    "parse_year_month",
    "parse_year_month_day",
]
