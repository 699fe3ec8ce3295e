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
    assert set(COMMON_SLIDE_KEYS) == {"kind", "title", "notes", "handout", "cite", "synthesis"}


def test_shipped_schema_file_is_current() -> None:
    shipped = json.loads((ROOT / "docs" / "brief.schema.json").read_text(encoding="utf-8"))
    assert shipped == brief_schema(), "run: deckgen schema -o docs/brief.schema.json"


def test_examples_validate_and_mistakes_do_not() -> None:
    """As PyYAML loads them: an unquoted date is a date, and the schema takes it where one is meant
    (tests/schema/ runs every accepted brief through check-jsonschema too)."""
    validator = jsonschema.Draft202012Validator(brief_schema())
    for name in EXAMPLES:
        brief = yaml.safe_load((BRIEFS / f"{name}.yaml").read_text(encoding="utf-8"))
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


def _nested(levels: int) -> object:
    """A bullet with sub-points ``levels`` deep below it."""
    bullet: object = "deepest"
    for _ in range(levels):
        bullet = {"text": "point", "bullets": [bullet]}
    return bullet


def test_schema_rejects_what_the_loader_rejects() -> None:
    validator = jsonschema.Draft202012Validator(brief_schema())

    def errors(slide: dict[str, object]) -> list[str]:
        brief = {"deck": {"title": "x", "marking": "y"}, "slides": [slide]}
        return [e.message for e in validator.iter_errors(brief)]

    assert errors({"kind": "bullets", "title": "t", "bullets": [_nested(4)]}) == []
    assert errors({"kind": "excerpt", "title": "t", "cite": "su#a/p1", "match": "words"}) == []
    assert errors({"kind": "bullets", "title": "t", "bullets": [_nested(5)]})  # the loader's too-deep
    assert errors({"kind": "excerpt", "title": "t", "cite": "su#a/p1"})  # neither sentences nor match
    assert errors({"kind": "quote", "title": "t", "quote": "q"})  # a quote needs its cite
    assert errors({"kind": "check", "title": "t", "question": "q", "answer": "a", "reveal": "later"})
    assert errors({"kind": "section", "title": "t", "minutes": 0})
    assert errors({"kind": "agenda", "handout": ["not", "text"]})
