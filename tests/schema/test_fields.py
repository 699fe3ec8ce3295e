"""Each key of the brief schema against the code it describes: examples, closed sets, date forms."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from deckgen.brief.fields import KINDS, slide_fields
from deckgen.brief.fieldtypes import ANNOTATION, BULLET, COLUMN, FILTER, Field, FieldType
from deckgen.brief.loader import load_brief
from deckgen.brief.schema import ALIAS_PATTERN, brief_schema, field_schema
from deckgen.brief.schemaparts import CLOSED_SETS, DAY_PATTERN, DEFS, closed_values, day, year_month
from deckgen.dataset import DateError, parse_year_month
from deckgen.resolve.charts import ALL_DATES

FIELDS: tuple[Field, ...] = (
    *(f for kind in KINDS for f in slide_fields(kind)),
    *(f for struct in (BULLET, COLUMN, FILTER, ANNOTATION) for f in struct.fields),
)
DAYS = (
    "2022-06-20",
    "2024-02-29",
    "2023-02-29",
    "2022-02-30",
    "2022-04-31",
    "2022-12-31",
    "2022-6-20",
    "2022-06-1",
    "2022-13-01",
    "2022-00-10",
    "2022-06-00",
    "2022-06",
    "2022",
    "22-06-20",
    "2022/06/20",
    "20 June 2022",
    "2022-06-20T10:00",
    " 2022-06-20",
)
MONTHS = ("2014", "2014-03", "2014-12", "2014-3", "2014-13", "2014-00", "2014-03-01", "14", "all", "All", "")


def _valid(schema: dict[str, Any], value: object) -> bool:
    """Whether ``value`` is valid under ``schema`` (a part of the brief schema, with its $defs)."""
    whole = {"$defs": DEFS, **schema}
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    return jsonschema.Draft202012Validator(whole, format_checker=checker).is_valid(value)


def _deck_date_ok(tmp_path: Path, text: str) -> bool:
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        f'deck: {{title: T, marking: M, date: "{text}"}}\nslides: [{{kind: title}}]\n', encoding="utf-8"
    )
    _, diags = load_brief(brief)
    return not any(d.code == "bad-date" for d in diags.items)


def _year_month_ok(text: str) -> bool:
    try:
        parse_year_month(text)
    except DateError:
        return False
    return True


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.key)
def test_every_key_has_an_example_that_its_own_schema_accepts(field: Field) -> None:
    schema = field_schema(field)
    assert schema["examples"], field.key
    for example in schema["examples"]:
        assert _valid(schema, example), (field.key, example)


def test_every_deck_setting_has_an_example_that_its_schema_accepts() -> None:
    deck = brief_schema()["properties"]["deck"]["properties"]
    for key, schema in deck.items():
        assert schema["examples"], key
        assert all(_valid(schema, example) for example in schema["examples"]), key


def test_closed_sets_are_the_codes_enums_and_the_field_tables_agree() -> None:
    keys = {f.key for f in FIELDS}
    assert set(CLOSED_SETS) <= keys, set(CLOSED_SETS) - keys
    for f in FIELDS:
        if f.key in CLOSED_SETS and f.choices:
            # A choice listed in the table but not in the code (or the reverse) is drift.
            assert set(f.choice_values) == {e.value for e in CLOSED_SETS[f.key]}, f.key
        if f.key in CLOSED_SETS:
            assert closed_values(f) == tuple(e.value for e in CLOSED_SETS[f.key])
            assert f.type in (FieldType.ENUM, FieldType.TEXT, FieldType.ONE_OR_MORE), f.key


@pytest.mark.parametrize("text", DAYS)
def test_the_deck_date_form_is_the_loaders(tmp_path: Path, text: str) -> None:
    assert _valid(day(), text) == _deck_date_ok(tmp_path, text)
    assert bool(re.fullmatch(DAY_PATTERN[1:-1], text)) >= _valid(day(), text)


def test_a_yaml_date_passes_where_a_day_is_meant_and_nowhere_else() -> None:
    assert _valid(day(), dt.date(2022, 6, 20))
    assert not _valid(year_month(every_date=True), dt.date(2022, 5, 1))  # deckgen wants a month
    for wrong in (2022, 2022.5, True, None, ["2022-06-20"], {"day": 20}):
        assert not _valid(day(), wrong), wrong


@pytest.mark.parametrize("text", MONTHS)
def test_as_of_and_from_forms_are_the_resolvers(text: str) -> None:
    assert _valid(year_month(every_date=False), text) == _year_month_ok(text)
    assert _valid(year_month(every_date=True), text) == (_year_month_ok(text) or text == ALL_DATES)


def test_an_unquoted_year_is_a_number_and_passes() -> None:
    for every_date in (False, True):
        assert _valid(year_month(every_date=every_date), 2014)
        assert not _valid(year_month(every_date=every_date), 14)
        assert not _valid(year_month(every_date=every_date), 2014.5)


def test_the_source_alias_pattern_is_the_loaders(tmp_path: Path) -> None:
    for alias in ("su", "su2", "2su", "southern-underbelly", "Su", "-su", "su_2", "sü"):
        brief = tmp_path / "brief.yaml"
        brief.write_text(
            f"deck: {{title: T, marking: M}}\nsources: {{{alias}: southern-underbelly}}\n"
            "slides: [{kind: title}]\n",
            encoding="utf-8",
        )
        _, diags = load_brief(brief)
        loader_ok = not any(d.code == "bad-alias" for d in diags.items)
        assert bool(re.fullmatch(ALIAS_PATTERN[1:-1], alias)) == loader_ok, alias
