"""The presence dataset: typed records of Russian presence with verified evidence, and its loader."""

from __future__ import annotations

from deckgen.dataset.dates import DateError, parse_year_month
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
