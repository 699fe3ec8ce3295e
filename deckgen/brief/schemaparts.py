"""The value shapes of the brief schema, so that it means the same under every YAML loader.

deckgen reads a brief's scalars as written (``title: No`` stays "No", ``date: 2022-06-20`` stays
text), but a validator sees what its YAML loader made of them: PyYAML (YAML 1.1) turns an unquoted
``2022-06-20`` into a date and ``2014`` into a number; ruamel, as check-jsonschema uses it, keeps
the date as text; editors keep it as text too. So text accepts any scalar, a date-like key accepts
its documented text forms *or* a loader's own date, and the closed sets are read off the enums the
resolver checks against, so the schema cannot drift from the code.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

import yaml

from deckgen.brief.fieldtypes import Field
from deckgen.brief.model import Reveal, SlideKind
from deckgen.charts.model import ChartKind, Renderer
from deckgen.dataset.model import Flank, Status
from deckgen.resolve.charts import ALL_DATES

# Every JSON Schema type: a value of none of them is a YAML loader's own type (a date, a datetime).
JSON_TYPES = ("string", "number", "integer", "boolean", "array", "object", "null")
YAML_DATE = "yaml-date"
NOT_TEXT = "neither-text-nor-date"
TEXT_DEF = "text"
DEFS: dict[str, Any] = {
    YAML_DATE: {
        "not": {"type": list(JSON_TYPES)},
        "description": (
            "A date as a YAML 1.1 loader such as PyYAML reads an unquoted 2022-06-20: not a JSON "
            "value, so only the loader's own date type matches. Where the loader keeps it as text "
            "(ruamel, editors), the text forms are checked instead."
        ),
    },
    NOT_TEXT: {
        "type": [t for t in JSON_TYPES if t != "string"],
        "description": "A number, true or false, a list, a mapping or nothing: what a date is not.",
    },
}
# Text: any scalar but null, since deckgen reads `answer: 1914` or `title: No` as the words typed.
DEFS[TEXT_DEF] = {
    "anyOf": [{"type": ["string", "number", "boolean"]}, {"$ref": f"#/$defs/{YAML_DATE}"}],
    "description": "Text; an unquoted number, true/false or date is read as the words written.",
}
TEXT: dict[str, Any] = {"$ref": f"#/$defs/{TEXT_DEF}"}

_YEAR = "[0-9]{4}"
_MONTH = "(0[1-9]|1[0-2])"
_DAY = "(0[1-9]|[12][0-9]|3[01])"
DAY_PATTERN = f"^{_YEAR}-{_MONTH}-{_DAY}$"  # the deck's date; 'format: date' also checks the day
YEAR_MONTH_PATTERN = f"^{_YEAR}(-{_MONTH})?$"  # a chart's as-of and from, as the dataset dates them

# Key -> the enum its values are checked against on load or when the brief is resolved.
CLOSED_SETS: dict[str, type[StrEnum]] = {
    "kind": SlideKind,
    "chart": ChartKind,
    "render": Renderer,
    "reveal": Reveal,
    "flank": Flank,
    "status": Status,
}


def closed_values(f: Field) -> tuple[str, ...]:
    """The values a key may take: its enum's when it has one, else the field's listed choices."""
    enum = CLOSED_SETS.get(f.key)
    return tuple(e.value for e in enum) if enum is not None else f.choice_values


def day() -> dict[str, Any]:
    """YYYY-MM-DD, a real day: as text, or as the date a YAML 1.1 loader makes of it.

    No 'type', so that a loader's date (no JSON type) passes; 'pattern' and 'format' check text,
    and everything else JSON has is refused.
    """
    return {
        "pattern": DAY_PATTERN,
        "format": "date",
        "not": {"$ref": f"#/$defs/{NOT_TEXT}"},
        "examples": ["2022-06-20"],
    }


def year_month(*, every_date: bool) -> dict[str, Any]:
    """A year or a year and month (``2014``, ``2014-03``), and 'all' where the resolver takes it.

    Never a day: the dataset records months, so a YAML date is refused here as deckgen refuses it.
    An unquoted year is a number to every loader. One schema, not a choice of several, so that a
    validator's message names the pattern.
    """
    pattern = YEAR_MONTH_PATTERN if not every_date else f"^({YEAR_MONTH_PATTERN[1:-1]}|{ALL_DATES})$"
    return {"type": ["string", "integer"], "pattern": pattern, "minimum": 1000, "maximum": 9999}


def plain(value: Any) -> Any:
    """A YAML value as JSON: a loader's dates become their ISO text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def example(f: Field) -> Any:
    """The field's example, written as YAML in the field table, as a JSON value."""
    return plain(yaml.safe_load(f.example))
