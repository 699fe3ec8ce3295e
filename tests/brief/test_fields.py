"""The field tables drive the loader: every kind's keys, examples, typos and missing keys, table by table."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from deckgen.brief import load_brief
from deckgen.brief.builders import BUILDERS
from deckgen.brief.fields import COMMON_FIELDS, COMMON_KEYS, KIND_KEYS, KINDS, slide_fields
from deckgen.brief.fieldtypes import ANNOTATION, BULLET, COLUMN, FILTER, Field, FieldType, Struct
from deckgen.brief.loader import COMMON_SLIDE_KEYS, DEFAULT_TITLES
from deckgen.brief.loader import KIND_KEYS as LOADER_KIND_KEYS
from deckgen.brief.model import Brief, Reveal, SlideKind
from deckgen.brief.schema import brief_schema
from deckgen.brief.teaching import LETTERS
from deckgen.charts.model import ChartKind, Renderer
from deckgen.core.errors import Diagnostic
from deckgen.dataset.model import Flank
from tests.brief.briefs import SLIDE_INDEX, SLIDE_LINE, complete, minimal, required, write

KINDS_LIST = list(SlideKind)
ALL_FIELDS = [(kind, f) for kind in SlideKind for f in slide_fields(kind) if f.key != "kind"]
REQUIRED = [(kind, f) for kind in SlideKind for f in required(kind)]


def _load(path: Path) -> tuple[Brief | None, tuple[Diagnostic, ...]]:
    brief, diags = load_brief(path)
    return brief, diags.items


def test_every_kind_has_one_table_and_one_builder() -> None:
    assert list(KINDS) == KINDS_LIST
    assert set(BUILDERS) == set(SlideKind)
    for kind, spec in KINDS.items():
        keys = [f.key for f in spec.fields]
        assert len(keys) == len(set(keys)), kind
        assert set(spec.one_of) <= set(keys), kind
        for f in (*COMMON_FIELDS, *spec.fields):
            assert f.help and "\n" not in f.help and not f.help.endswith("."), (kind, f.key)
            assert f.example and yaml.safe_load(f"{f.key}: {f.example}") is not None, (kind, f.key)
            assert (f.struct is not None) == (f.type in (FieldType.MAPPING, FieldType.MAPPING_LIST)), f.key


def test_loader_names_are_read_off_the_tables() -> None:
    assert COMMON_SLIDE_KEYS == COMMON_KEYS == ("kind", "title", "notes", "handout", "cite", "synthesis")
    assert LOADER_KIND_KEYS is KIND_KEYS
    assert KIND_KEYS[SlideKind.QUOTE] == ("quote", "context")  # a restated 'cite' stays common
    assert KIND_KEYS[SlideKind.TAKEAWAYS] == ("bullets",)
    assert DEFAULT_TITLES == {
        SlideKind.AGENDA: "Agenda",
        SlideKind.TAKEAWAYS: "Key takeaways",
        SlideKind.CLOSING: "Questions",
        SlideKind.SOURCES: "Sources",
        SlideKind.OBJECTIVES: "Learning objectives",
        SlideKind.TIMING: "Timing plan",
    }


def test_choices_are_the_ones_the_code_knows() -> None:
    chart = {f.key: f for f in KINDS[SlideKind.CHART].fields}
    assert chart["chart"].choice_values == tuple(k.value for k in ChartKind)
    assert chart["render"].choice_values == tuple(r.value for r in Renderer)
    assert {f.key: f for f in FILTER.fields}["flank"].choice_values == tuple(f.value for f in Flank)
    check = {f.key: f for f in KINDS[SlideKind.CHECK].fields}
    assert check["reveal"].choice_values == tuple(r.value for r in Reveal)
    assert check["choices"].high == len(LETTERS)
    assert COMMON_FIELDS[0].choice_values == tuple(k.value for k in SlideKind)


@pytest.mark.parametrize("kind", KINDS_LIST)
def test_schema_matches_the_kind_table(kind: SlideKind) -> None:
    rule = brief_schema()["properties"]["slides"]["items"]["allOf"][KINDS_LIST.index(kind)]
    assert rule["if"]["properties"]["kind"] == {"const": kind.value}
    then = rule["then"]
    fields = {f.key: f for f in slide_fields(kind)}
    assert list(then["properties"]) == list(fields)
    assert set(then["required"]) == {"kind", *(k for k, f in fields.items() if f.required)}
    assert then["additionalProperties"] is False
    for key, f in fields.items():
        prop = then["properties"][key]
        if key != "kind":
            assert prop["description"].lower().startswith(f.help.lower()), key
        if f.choices and key != "kind":
            assert f.choice_values == tuple(prop.get("enum") or prop["anyOf"][0]["enum"]), key
    one_of = KINDS[kind].one_of
    assert then.get("anyOf", []) == [{"required": [key]} for key in one_of]


@pytest.mark.parametrize("kind", KINDS_LIST)
def test_every_example_loads_and_validates(kind: SlideKind, tmp_path: Path) -> None:
    path = write(tmp_path, complete(kind))
    brief, found = _load(path)
    assert found == (), [d.message for d in found]
    assert brief is not None and [s.kind for s in brief.slides] == [SlideKind.SECTION, kind]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(brief_schema()).iter_errors(data))
    assert errors == [], [e.message for e in errors]


@pytest.mark.parametrize("kind", KINDS_LIST)
def test_the_required_keys_alone_make_a_slide(kind: SlideKind, tmp_path: Path) -> None:
    brief, found = _load(write(tmp_path, minimal(kind)))
    assert found == (), [d.message for d in found]
    assert brief is not None and len(brief.slides) == 2


# How messages name the slide these tests write: its 1-based number, then any title.
_SLIDE_NAME = rf'slide {SLIDE_INDEX + 1}(?: "[^"]+")?'


def _typo(key: str) -> str:
    return key + key[-1]  # "bullets" -> "bulletss"


@pytest.mark.parametrize(("kind", "field"), ALL_FIELDS, ids=[f"{k.value}.{f.key}" for k, f in ALL_FIELDS])
def test_a_near_miss_gets_did_you_mean(kind: SlideKind, field: Field, tmp_path: Path) -> None:
    key = field.key
    typo = _typo(key)
    assert typo not in COMMON_KEYS + KIND_KEYS[kind]
    _, found = _load(write(tmp_path, minimal(kind) + f"    {typo}: x\n"))
    unknown = [d for d in found if d.code == "unknown-key"]
    assert len(unknown) == 1, [d.message for d in found]
    # Named by number and title, as written or the kind's default: 'slide 2 "Key takeaways"'.
    assert re.fullmatch(rf"unknown key '{typo}' in {_SLIDE_NAME}", unknown[0].message), unknown[0].message
    assert unknown[0].hint == f"did you mean '{key}'?"
    assert (unknown[0].loc.line, unknown[0].loc.col) == (SLIDE_LINE + len(required(kind)) + 1, 5)


@pytest.mark.parametrize(("kind", "field"), REQUIRED, ids=[f"{k.value}.{f.key}" for k, f in REQUIRED])
def test_a_missing_required_key_is_reported_where_the_slide_starts(
    kind: SlideKind, field: Field, tmp_path: Path
) -> None:
    key = field.key
    path = write(tmp_path, minimal(kind, without=(key,)))
    _, found = _load(path)
    assert [d.code for d in found] == ["missing-key"], [d.message for d in found]
    (d,) = found
    assert str(d.loc) == f"{path}:{SLIDE_LINE}:5"
    assert d.key == f"slides[{SLIDE_INDEX + 1}].{key}"  # keys count slides from 1
    assert re.match(rf"{_SLIDE_NAME} needs '{key}' \({re.escape(field.help)}", d.message), d.message


def test_a_slide_without_its_kind_is_reported_located(tmp_path: Path) -> None:
    path = write(tmp_path, "  - title: No kind\n")
    _, found = _load(path)
    assert [(d.code, str(d.loc), d.key) for d in found] == [
        ("missing-key", f"{path}:{SLIDE_LINE}:5", f"slides[{SLIDE_INDEX + 1}].kind")
    ]


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("note", "did you mean 'notes'? write 'reveal: next-slide'"),
        ("later", "write 'reveal: next-slide' (an answer slide follows) or 'reveal: notes'"),
    ],
)
def test_an_unknown_choice_is_an_error_with_the_choices(value: str, hint: str, tmp_path: Path) -> None:
    path = write(tmp_path, minimal(SlideKind.CHECK) + f"    reveal: {value}\n")
    brief, found = _load(path)
    assert [d.code for d in found] == ["unknown-reveal"]
    assert found[0].hint is not None and found[0].hint.startswith(hint)
    assert brief is not None and len(brief.slides) == 1


def test_a_missing_one_of_group_names_both_ways(tmp_path: Path) -> None:
    path = write(tmp_path, minimal(SlideKind.EXCERPT, without=("sentences",)))
    _, found = _load(path)
    assert [(d.code, d.hint) for d in found] == [
        ("missing-key", "add 'sentences: [1, 2]' or 'match: \"a few words\"'")
    ]


@pytest.mark.parametrize(
    ("struct", "kind", "parent"),
    [
        (BULLET, SlideKind.BULLETS, "    bullets:\n      - text: A point\n        {typo}: x\n"),
        (COLUMN, SlideKind.COMPARISON, "    left:\n      heading: L\n      bullets: [a]\n      {typo}: x\n"),
        (FILTER, SlideKind.CHART, "    filter:\n      {typo}: x\n"),
        (
            ANNOTATION,
            SlideKind.CHART,
            "    annotate:\n      - target: sahel\n        text: t\n        {typo}: x\n",
        ),
    ],
    ids=["bullet", "column", "filter", "annotation"],
)
def test_a_near_miss_inside_a_mapping_gets_did_you_mean(
    struct: Struct, kind: SlideKind, parent: str, tmp_path: Path
) -> None:
    for key in struct.keys:
        base = minimal(kind, without=(parent.split(":")[0].strip(),))
        _, found = _load(write(tmp_path, base + parent.format(typo=_typo(key))))
        hints = [d.hint for d in found if d.code == "unknown-key"]
        assert hints == [f"did you mean '{key}'?"], (key, [d.message for d in found])
