"""A JSON Schema of the brief format, for completion and hover help in editors (YAML language server).

deckgen's own checks stay the authority (they resolve addresses and verify quotes); the schema
only knows shapes. The slide part is generated from the field tables in ``deckgen.brief.fields``,
each key's help becoming its hover text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from deckgen.brief.fields import COMMON_KEYS, KINDS, slide_fields
from deckgen.brief.fieldtypes import BULLET, MAX_BULLET_DEPTH, Field, FieldType, Struct
from deckgen.brief.model import SlideKind

SCHEMA_ID = "https://deckgen.invalid/brief.schema.json"

_TEXT = {"type": "string"}
_ADDRESS_FORMS = (
    "A source address: article, article#section, article#section/p2, article#section/p2-p3, "
    "article#p4 or article#p4-p5 (an alias may stand for the article)."
)
_SENTENCE = {"type": "integer", "minimum": 1}


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
    return " ".join(parts)


def _item(f: Field) -> dict[str, Any]:
    return {"enum": list(f.choice_values)} if f.choices else dict(_TEXT)


def _text_list(f: Field) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "array", "items": _TEXT}
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
    return {"type": "array", "items": {"anyOf": [_TEXT, _object(fields, depth=depth - 1)]}}


def _struct(f: Field) -> Struct:
    assert f.struct is not None, f"'{f.key}' is a {f.type} without the keys inside it"
    return f.struct


# Each field type's JSON Schema shape; ``depth`` is how far bullets may still nest.
_SHAPES: dict[FieldType, Callable[[Field, int], dict[str, Any]]] = {
    FieldType.TEXT: lambda f, depth: _item(f),
    FieldType.ADDRESS: lambda f, depth: dict(_TEXT),
    FieldType.ENUM: lambda f, depth: _item(f),
    FieldType.INTEGER: lambda f, depth: _integer(f),
    FieldType.YEAR_MONTH: lambda f, depth: {"type": ["string", "integer"]},
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
    return {**_SHAPES[f.type](f, depth), "description": describe_field(f)}


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


def brief_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a brief."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "deckgen brief",
        "type": "object",
        "properties": {
            "deck": {
                "type": "object",
                "properties": {
                    "title": _TEXT,
                    "subtitle": _TEXT,
                    "audience": _TEXT,
                    "presenter": _TEXT,
                    "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                    "marking": {"type": "string", "minLength": 1, "description": "Shown on every slide."},
                    "template": {"type": "string", "description": "'default' or a .pptx/.potx path."},
                    "language": _TEXT,
                    "as-of": {
                        "type": ["string", "integer"],
                        "pattern": r"^\d{4}(-\d{2})?$",
                        "description": "The date every chart shows unless it gives its own 'as-of'.",
                        "examples": ["2022-05"],
                    },
                    "layouts": {
                        "type": "object",
                        "properties": {
                            role: _TEXT
                            for role in ("title", "section", "content", "two-column", "title-only")
                        },
                        "additionalProperties": False,
                        "description": "The template's layout name for each role.",
                    },
                },
                "required": ["title", "marking"],
                "additionalProperties": False,
            },
            "sources": {"type": "object", "additionalProperties": _TEXT, "description": "alias: article id"},
            "data": {"type": "object", "additionalProperties": _TEXT, "description": "alias: dataset path"},
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
    }
