"""Briefs written from the field tables, one slide of a kind after a timed section, for the tests."""

from __future__ import annotations

from pathlib import Path

from deckgen.brief.fields import KINDS, reading_fields, slide_fields
from deckgen.brief.fieldtypes import Field
from deckgen.brief.model import SlideKind

HEAD = "deck: {title: Test deck, marking: UNCLASSIFIED}\nsources: {su: southern-underbelly}\nslides:\n"
# A timed section first, so that a timing slide has something to plan.
SECTION = "  - kind: section\n    title: Opening\n    minutes: 10\n"
SLIDE_LINE = 7  # the line of the tested slide's '- kind:' in every brief written here
SLIDE_INDEX = 1


def required(kind: SlideKind) -> list[Field]:
    """The keys a slide of ``kind`` needs: its required ones, and the first of a one-of group."""
    spec = KINDS[kind]
    need = [f for f in reading_fields(kind) if f.required]
    return need + [f for f in spec.fields if spec.one_of and f.key == spec.one_of[0]]


def slide(kind: SlideKind, fields: list[Field], extra: str = "") -> str:
    lines = [f"  - kind: {kind.value}"] + [f"    {f.key}: {f.example}" for f in fields if f.key != "kind"]
    return "\n".join(lines) + "\n" + extra


def minimal(kind: SlideKind, *, without: tuple[str, ...] = (), extra: str = "") -> str:
    return slide(kind, [f for f in required(kind) if f.key not in without], extra)


def complete(kind: SlideKind) -> str:
    """Every key the kind takes, each with its table example."""
    return slide(kind, list(slide_fields(kind)))


def write(tmp_path: Path, slide_text: str, name: str = "brief.yaml") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + SECTION + slide_text, encoding="utf-8")
    assert (HEAD + SECTION).count("\n") + 1 == SLIDE_LINE
    return path
