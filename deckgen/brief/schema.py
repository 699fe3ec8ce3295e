"""A JSON Schema of the brief format, for completion and hover help in editors (YAML language server).

deckgen's own checks stay the authority (they resolve addresses and verify quotes); the schema
only knows shapes. The slide part is generated from the field tables in ``deckgen.brief.fields``,
each key's help becoming its hover text and its example an ``examples`` entry. Dates, text and the
closed sets are shaped in ``deckgen.brief.schemaparts`` so that the schema means the same whichever
YAML loader the validator uses (PyYAML with ``jsonschema``, ruamel in ``check-jsonschema``, editors).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from deckgen.brief.fields import COMMON_KEYS, KINDS, slide_fields
from deckgen.brief.fieldtypes import BULLET, MAX_BULLET_DEPTH, Field, FieldType, Struct
from deckgen.brief.loader import LAYOUT_ROLES, PROPERTY_LIMIT
from deckgen.brief.model import SlideKind
from deckgen.brief.schemaparts import DEFS, TEXT, closed_values, day, example, year_month
from deckgen.resolve.charts import ALL_DATES

SCHEMA_ID = "https://deckgen.invalid/brief.schema.json"
ALIAS_PATTERN = "^[a-z0-9][a-z0-9-]*$"  # as the loader checks a source alias

_STRING = {"type": "string"}
_ADDRESS_FORMS = (
    "A source address: article, article#section, article#section/p2, article#section/p2-p3, "
    "article#p4 or article#p4-p5 (an alias may stand for the article)."
)
_SENTENCE = {"type": "integer", "minimum": 1}
# PowerPoint's own names for the layouts that serve each role, as examples.
_LAYOUT_EXAMPLES = {
    "title": "Title Slide",
    "section": "Section Header",
    "content": "Title and Content",
    "two-column": "Two Content",
    "title-only": "Title Only",
}


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", ":")) else ".")


def describe_field(f: Field) -> str:
    """The hover text: the help, each choice's meaning, the default, the address forms."""
    parts = [_sentence(f.help)]
    explained = [f"{c.value}: {c.help}" for c in f.choices if c.help]
    if explained:
        parts.append("; ".join(explained) + ".")  # values keep their case: "by-region: ..."
    if f.default:
        parts.append(f"Default: {f.default}.")
    if f.type is FieldType.ADDRESS:
        parts.append(_ADDRESS_FORMS)
    if f.type is FieldType.YEAR_MONTH:
        parts.append(_year_month_forms(every_date=f.key == "as-of"))
    return " ".join(parts)


def _year_month_forms(*, every_date: bool) -> str:
    forms = "a year (2014) or a year and month (2014-03), not a day"
    return f"Write {forms}" + (f"; '{ALL_DATES}' for every date." if every_date else ".")


def _item(f: Field) -> dict[str, Any]:
    values = closed_values(f)
    return {"enum": list(values)} if values else dict(TEXT)


def _text_list(f: Field) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "array", "items": TEXT}
    low = f.low if f.low is not None else (1 if f.required else None)
    if low is not None:
        out["minItems"] = low
    if f.high is not None:
        out["maxItems"] = f.high
    return out


def _integer(f: Field) -> dict[str, Any]:
    bounds = {"minimum": f.low, "maximum": f.high}
    return {"type": "integer", **{k: v for k, v in bounds.items() if v is not None}}


def _object(fields: tuple[Field, ...], *, depth: int = MAX_BULLET_DEPTH) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "object",
        "properties": {f.key: field_schema(f, depth=depth) for f in fields},
        "required": [f.key for f in fields if f.required],
        "additionalProperties": False,
    }
    if not out["required"]:
        del out["required"]
    return out


def _bullets(depth: int) -> dict[str, Any]:
    """Text, or ``{text, cite, bullets}`` whose own bullets may nest ``depth`` levels further."""
    fields = tuple(f for f in BULLET.fields if f.type is not FieldType.BULLETS or depth > 0)
    return {"type": "array", "items": {"anyOf": [TEXT, _object(fields, depth=depth - 1)]}}


def _struct(f: Field) -> Struct:
    assert f.struct is not None, f"'{f.key}' is a {f.type} without the keys inside it"
    return f.struct


# Each field type's JSON Schema shape; ``depth`` is how far bullets may still nest.
_SHAPES: dict[FieldType, Callable[[Field, int], dict[str, Any]]] = {
    FieldType.TEXT: lambda f, depth: _item(f),
    FieldType.ADDRESS: lambda f, depth: dict(_STRING),
    FieldType.ENUM: lambda f, depth: _item(f),
    FieldType.INTEGER: lambda f, depth: _integer(f),
    FieldType.YEAR_MONTH: lambda f, depth: year_month(every_date=f.key == "as-of"),
    FieldType.TEXT_LIST: lambda f, depth: _text_list(f),
    FieldType.ONE_OR_MORE: lambda f, depth: {"anyOf": [_item(f), {"type": "array", "items": _item(f)}]},
    FieldType.SENTENCES: lambda f, depth: {"anyOf": [_SENTENCE, {"type": "array", "items": _SENTENCE}]},
    FieldType.BULLETS: lambda f, depth: _bullets(depth),
    FieldType.MAPPING: lambda f, depth: _object(_struct(f).fields),
    FieldType.MAPPING_LIST: lambda f, depth: {"type": "array", "items": _object(_struct(f).fields)},
    FieldType.BOOLEAN: lambda f, depth: {"type": "boolean"},
}
assert set(_SHAPES) == set(FieldType), set(FieldType) - set(_SHAPES)


def field_schema(f: Field, *, depth: int = MAX_BULLET_DEPTH) -> dict[str, Any]:
    return {**_SHAPES[f.type](f, depth), "description": describe_field(f), "examples": [example(f)]}


# Per kind: the keys it takes besides the common ones, and which of all its keys are required.
KIND_FIELDS: dict[SlideKind, tuple[dict[str, Any], tuple[str, ...]]] = {
    kind: (
        {f.key: field_schema(f) for f in slide_fields(kind) if f.key not in COMMON_KEYS},
        tuple(f.key for f in slide_fields(kind) if f.required and f.key != "kind"),
    )
    for kind in KINDS
}


def _slide(kind: SlideKind) -> dict[str, Any]:
    properties = {f.key: field_schema(f) for f in slide_fields(kind)}
    properties["kind"] = {"const": kind.value}
    then: dict[str, Any] = {
        "properties": properties,
        "required": ["kind", *KIND_FIELDS[kind][1]],
        "additionalProperties": False,
    }
    if KINDS[kind].one_of:
        then["anyOf"] = [{"required": [key]} for key in KINDS[kind].one_of]
    return {"if": {"properties": {"kind": {"const": kind.value}}, "required": ["kind"]}, "then": then}


def _text(description: str, *examples: str, **more: Any) -> dict[str, Any]:
    return {**TEXT, **more, "description": description, "examples": list(examples)}


def _deck() -> dict[str, Any]:
    """The deck settings; the four that become file properties hold at most 255 characters."""
    limit = {"maxLength": PROPERTY_LIMIT}
    roles = {
        role: _text(f"The template's layout for the {role} role.", _LAYOUT_EXAMPLES.get(role, "Title Only"))
        for role in LAYOUT_ROLES
    }
    properties = {
        "title": _text(
            "The deck title, on the title slide and in the file's properties.",
            "Russia and NATO's southern flank",
            **limit,
        ),
        "subtitle": _text("A line under the title.", "A training module ahead of the Madrid summit"),
        "audience": _text("Who the deck is for.", "NATO staff officers", **limit),
        "presenter": _text("Who presents it.", "Strategy and Policy Branch", **limit),
        "date": {**day(), "description": "The day the deck is given, YYYY-MM-DD (a real day)."},
        "marking": _text(
            "The handling marking shown on every slide; not blank. Required unless the project "
            "configuration ([tool.deckgen] or deckgen.toml) sets a default marking, which a "
            "schema cannot see; deckgen check reports a missing one.",
            "NATO UNCLASSIFIED - for training",
            pattern=r"\S",
        ),
        "template": _text(
            "'default' or a .pptx/.potx path, relative to the brief.", "default", "corporate.potx"
        ),
        "language": _text("The language of the text, a language tag; en-GB when left out.", "en-GB", **limit),
        "as-of": {
            **year_month(every_date=True),
            "description": "The date every chart shows unless its filter gives its own 'as-of'. "
            + _year_month_forms(every_date=True),
            "examples": ["2022-05", 2014, ALL_DATES],
        },
        "layouts": {
            "type": "object",
            "properties": roles,
            "additionalProperties": False,
            "description": "The template's layout name for each role.",
            "examples": [{"content": "Title and Content", "title-only": "Title Only"}],
        },
    }
    return {
        "type": "object",
        "properties": properties,
        # 'marking' may come from the project configuration, so the schema cannot require it.
        "required": ["title"],
        "additionalProperties": False,
    }


def _aliases(description: str, value: str, sample: dict[str, str]) -> dict[str, Any]:
    return {
        "type": "object",
        "propertyNames": {"pattern": ALIAS_PATTERN},
        "additionalProperties": _text(value, *sample.values()),
        "description": description,
        "examples": [sample],
    }


def brief_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a brief."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "deckgen brief",
        "type": "object",
        "properties": {
            "deck": _deck(),
            "sources": _aliases(
                "Short names for the articles the slides cite: alias: article id.",
                "An article id, the name of its file in the sources folder.",
                {"su": "southern-underbelly"},
            ),
            "data": {
                "type": "object",
                "additionalProperties": _text(
                    "A presence dataset's path, relative to the brief.", "data/russian-presence.yaml"
                ),
                "description": "The datasets charts draw on: alias: path.",
                "examples": [{"presence": "data/russian-presence.yaml"}],
            },
            "slides": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "properties": {"kind": {"enum": [k.value for k in SlideKind]}},
                    "required": ["kind"],
                    "allOf": [_slide(kind) for kind in SlideKind],
                },
            },
        },
        "required": ["deck", "slides"],
        "additionalProperties": False,
        "$defs": DEFS,
    }
