"""A JSON Schema of the brief format, for completion and hover help in editors (YAML language server).

deckgen's own checks stay the authority (they resolve addresses and verify quotes); the schema
only knows shapes. A test keeps it in step with the loader's key lists.
"""

from __future__ import annotations

from typing import Any

from deckgen.brief.model import SlideKind

SCHEMA_ID = "https://deckgen.invalid/brief.schema.json"

_TEXT = {"type": "string"}
_MINUTES = {"type": "integer", "minimum": 1, "maximum": 600, "description": "Teaching time in minutes."}
_ADDRESS = {
    "type": "string",
    "description": "A source address: article, article#section, article#section/p2, "
    "article#section/p2-p3, article#p4 or article#p4-p5 (an alias may stand for the article).",
}


def _bullet(depth: int) -> dict[str, Any]:
    item: dict[str, Any] = {
        "type": "object",
        "properties": {"text": _TEXT, "cite": _ADDRESS},
        "required": ["text"],
        "additionalProperties": False,
    }
    if depth > 0:
        item["properties"]["bullets"] = {"type": "array", "items": _bullet(depth - 1)}
    return {"anyOf": [_TEXT, item]}


_BULLETS = {"type": "array", "items": _bullet(4), "description": "Text, or {text, cite, bullets}."}
_COLUMN = {
    "type": "object",
    "properties": {"heading": _TEXT, "bullets": _BULLETS},
    "required": ["heading", "bullets"],
    "additionalProperties": False,
}
_ONE_OR_MANY = {"anyOf": [_TEXT, {"type": "array", "items": _TEXT}]}
_FILTER = {
    "type": "object",
    "properties": {
        "flank": {
            "anyOf": [{"enum": ["east", "south"]}, {"type": "array", "items": {"enum": ["east", "south"]}}]
        },
        "regions": _ONE_OR_MANY,
        "kinds": _ONE_OR_MANY,
        "status": _ONE_OR_MANY,
        "as-of": {"type": ["string", "integer"], "description": "YYYY or YYYY-MM: what was present then."},
        "from": {"type": ["string", "integer"], "description": "YYYY or YYYY-MM: only what began since."},
    },
    "additionalProperties": False,
}

# Per kind: the keys it takes besides kind/title/notes/cite, and which are required.
KIND_FIELDS: dict[SlideKind, tuple[dict[str, Any], tuple[str, ...]]] = {
    SlideKind.TITLE: ({}, ()),
    SlideKind.AGENDA: ({}, ()),
    SlideKind.SECTION: ({"text": _TEXT, "minutes": _MINUTES}, ("title",)),
    SlideKind.BULLETS: ({"bullets": _BULLETS}, ("title", "bullets")),
    SlideKind.QUOTE: ({"quote": _TEXT, "context": _TEXT}, ("title", "quote", "cite")),
    SlideKind.EXCERPT: (
        {
            "sentences": {
                "anyOf": [
                    {"type": "integer", "minimum": 1},
                    {"type": "array", "items": {"type": "integer", "minimum": 1}},
                ]
            },
            "match": _ONE_OR_MANY,
            "intro": _TEXT,
        },
        ("title", "cite"),
    ),
    SlideKind.COMPARISON: ({"left": _COLUMN, "right": _COLUMN}, ("title", "left", "right")),
    SlideKind.IMAGE: ({"image": _TEXT, "alt": _TEXT, "caption": _TEXT}, ("title", "image", "alt")),
    SlideKind.TAKEAWAYS: ({"bullets": _BULLETS}, ("bullets",)),
    SlideKind.CLOSING: ({"text": _TEXT}, ()),
    SlideKind.SOURCES: ({}, ()),
    SlideKind.CHART: (
        {
            "chart": {"enum": ["by-region", "flanks", "timeline", "matrix", "map"]},
            "data": _TEXT,
            "filter": _FILTER,
            "render": {"enum": ["auto", "native", "picture"]},
            "caption": _TEXT,
            "highlight": _ONE_OR_MANY,
            "annotate": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"target": _TEXT, "text": _TEXT},
                    "required": ["target", "text"],
                    "additionalProperties": False,
                },
            },
        },
        ("title", "chart"),
    ),
    SlideKind.OBJECTIVES: ({"objectives": _BULLETS, "lead": _TEXT}, ("objectives",)),
    SlideKind.DISCUSSION: (
        {
            "questions": {"type": "array", "items": _TEXT, "minItems": 1},
            "facilitator": _TEXT,
            "minutes": _MINUTES,
        },
        ("title", "questions"),
    ),
    SlideKind.CHECK: (
        {
            "question": _TEXT,
            "choices": {"type": "array", "items": _TEXT, "minItems": 2, "maxItems": 26},
            "answer": _TEXT,
            "explanation": _TEXT,
            "reveal": {"enum": ["next-slide", "notes"]},
        },
        ("title", "question", "answer"),
    ),
    SlideKind.SCENARIO: (
        {
            "situation": _TEXT,
            "tasks": {"type": "array", "items": _TEXT, "minItems": 1},
            "facilitator": _TEXT,
            "minutes": _MINUTES,
        },
        ("title", "situation", "tasks"),
    ),
    SlideKind.TIMING: ({}, ()),
}


def _slide(kind: SlideKind) -> dict[str, Any]:
    fields, required = KIND_FIELDS[kind]
    return {
        "if": {"properties": {"kind": {"const": kind.value}}, "required": ["kind"]},
        "then": {
            "properties": {
                "kind": {"const": kind.value},
                "title": _TEXT,
                "notes": {"type": "string", "description": "Speaker notes; citations are appended."},
                "handout": {
                    "type": "string",
                    "description": "Text for trainees: printed in the handout, not shown on the slide.",
                },
                "cite": _ADDRESS,
                **fields,
            },
            "required": ["kind", *required],
            "additionalProperties": False,
        },
    }


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
