"""The brief JSON Schema: in step with the loader, shipped up to date, and accepting the examples."""

from __future__ import annotations

import json

import jsonschema
import yaml

from deckgen.brief.loader import COMMON_SLIDE_KEYS, DECK_KEYS, KIND_KEYS, TOP_KEYS
from deckgen.brief.schema import KIND_FIELDS, brief_schema
from tests.conftest import BRIEFS, EXAMPLES, ROOT


def test_schema_knows_exactly_the_keys_the_loader_knows() -> None:
    schema = brief_schema()
    assert set(schema["properties"]) == set(TOP_KEYS)
    assert set(schema["properties"]["deck"]["properties"]) == set(DECK_KEYS)
    for kind, keys in KIND_KEYS.items():
        fields, _ = KIND_FIELDS[kind]
        assert set(fields) == set(keys), kind
    assert set(COMMON_SLIDE_KEYS) == {"kind", "title", "notes", "handout", "cite"}


def test_shipped_schema_file_is_current() -> None:
    shipped = json.loads((ROOT / "docs" / "brief.schema.json").read_text(encoding="utf-8"))
    assert shipped == brief_schema(), "run: deckgen schema -o docs/brief.schema.json"


def test_examples_validate_and_mistakes_do_not() -> None:
    validator = jsonschema.Draft202012Validator(brief_schema())
    for name in EXAMPLES:
        brief = yaml.safe_load((BRIEFS / f"{name}.yaml").read_text(encoding="utf-8"))
        brief["deck"]["date"] = str(brief["deck"]["date"])  # YAML reads an unquoted date as a date
        assert list(validator.iter_errors(brief)) == [], name
    wrong = {
        "deck": {"title": "x", "marking": "y"},
        "slides": [{"kind": "bullets", "title": "t", "bulets": []}],
    }
    assert list(validator.iter_errors(wrong))
    assert list(
        validator.iter_errors(
            {
                "deck": {"title": "x", "marking": "y"},
                "slides": [{"kind": "chart", "title": "t", "chart": "pie"}],
            }
        )
    )
