"""The presence dataset: typed records of Russian presence with verified evidence, and its loader."""

from __future__ import annotations

from deckgen.data.dates import DateError, parse_year_month
from deckgen.data.loader import check_dataset, load_dataset
from deckgen.data.model import (
    Dataset,
    Evidence,
    ExternalEvidence,
    Flank,
    Kind,
    PresenceRecord,
    Region,
    SourceEvidence,
    Status,
    YearMonth,
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
    "YearMonth",
    "check_dataset",
    "load_dataset",
    "parse_year_month",
]
