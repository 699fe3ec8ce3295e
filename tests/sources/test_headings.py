"""Whose headings: `headings: editorial | publication` in front matter, `{.editorial}` and
`{.publication}` on a heading, the located errors for bad values, and `deckgen sections`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli.main import main
from deckgen.core.errors import DeckgenError, Diagnostic, format_report
from deckgen.sources import load_article
from tests.conftest import SOURCES

FRONT = """\
---
title: A Test Article
authors:
  - name: Ann Author
publication: Test Weekly
date: 2021-03-04
attribution: Written for these tests.
{extra}---
"""
BODY = """
Before any heading.

## Printed Heading {#printed}

First.

## Our Heading {#ours .editorial}

Second.

## Theirs {.publication}

Third.
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "test-article.md"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[Diagnostic]:
    with pytest.raises(DeckgenError) as info:
        load_article(path)
    return list(info.value.diagnostics)


def editorial(path: Path) -> dict[str, bool]:
    return {s.id: s.editorial for s in load_article(path).sections}


def test_headings_are_the_publications_by_default(tmp_path: Path) -> None:
    path = write(tmp_path, FRONT.format(extra="") + BODY)
    # The implicit first section's "Introduction" is always our name for it.
    assert editorial(path) == {"intro": True, "printed": False, "ours": True, "theirs": False}


def test_headings_editorial_makes_unmarked_headings_ours(tmp_path: Path) -> None:
    path = write(tmp_path, FRONT.format(extra="headings: editorial\n") + BODY)
    assert editorial(path) == {"intro": True, "printed": True, "ours": True, "theirs": False}


def test_headings_publication_is_the_default_said_aloud(tmp_path: Path) -> None:
    path = write(tmp_path, FRONT.format(extra="headings: publication  # printed in the report\n") + BODY)
    assert editorial(path) == {"intro": True, "printed": False, "ours": True, "theirs": False}


def test_a_class_alone_keeps_the_slug_id_and_ids_keep_their_columns(tmp_path: Path) -> None:
    text = (
        FRONT.format(extra="") + "## The Sahel {.editorial}\n\nOne.\n\n## Next {#next .publication}\n\nTwo.\n"
    )
    article = load_article(write(tmp_path, text))
    assert [(s.id, s.title, s.editorial) for s in article.sections] == [
        ("the-sahel", "The Sahel", True),
        ("next", "Next", False),
    ]


def test_the_seed_articles_headings_are_all_ours() -> None:
    article = load_article(SOURCES / "southern-underbelly.md")
    assert all(s.editorial for s in article.sections)
    assert [p.number for p in article.paragraphs] == list(range(1, 10))  # numbering unchanged


@pytest.mark.parametrize(
    ("value", "col", "hint"),
    [
        ("editoral", 11, "did you mean 'editorial'?"),
        ("ours", 11, "`headings: editorial` when the section headings were added by hand"),
        ("[editorial]", 11, "`headings: publication` (the default)"),
    ],
)
def test_a_bad_headings_value_is_located(tmp_path: Path, value: str, col: int, hint: str) -> None:
    path = write(tmp_path, FRONT.format(extra=f"headings: {value}\n") + BODY)
    (found,) = problems(path)
    assert (found.code, found.loc.line, found.loc.col) == ("source-bad-value", 8, col)
    assert found.hint is not None and hint in found.hint


@pytest.mark.parametrize(
    ("heading", "col", "message", "hint"),
    [
        ("## Title {#t .editorail}", 14, "unknown heading class '.editorail'", "did you mean '.editorial'?"),
        ("## Title {.ours}", 11, "unknown heading class '.ours'", "a heading's class is .editorial"),
        ("## Title {#t .editorial .publication}", 25, "either .editorial or .publication", "keep"),
        ("## Title {#t #u}", 14, "already has the id 't'", "one id"),
        ("## Title {#t lang=en}", 14, "unexpected 'lang=en'", "`{#short-id .editorial}`"),
    ],
)
def test_bad_heading_attributes_are_located(
    tmp_path: Path, heading: str, col: int, message: str, hint: str
) -> None:
    text = FRONT.format(extra="") + f"\n{heading}\n\nText.\n"
    (found,) = problems(write(tmp_path, text))
    assert (found.code, found.loc.line, found.loc.col) == ("source-bad-heading-attribute", 10, col)
    assert message in found.message
    assert found.hint is not None and hint in found.hint
    report = format_report((found,))
    assert "^" in report  # shown under the line, at the column


def test_braces_that_are_not_attributes_stay_in_the_title(tmp_path: Path) -> None:
    text = FRONT.format(extra="") + "\n## Sets {a, b}\n\nText.\n\n## Empty id {#}\n\nMore.\n"
    (found,) = problems(write(tmp_path, text))
    assert (found.code, found.loc.line, found.loc.col) == ("source-bad-section-id", 14, 15)
    text = FRONT.format(extra="") + "\n## Sets {a, b}\n\nText.\n"
    assert [s.title for s in load_article(write(tmp_path, text)).sections] == ["Sets {a, b}"]


def test_sections_command_marks_our_headings(tmp_path: Path) -> None:
    path = write(tmp_path, FRONT.format(extra="") + BODY)
    result = CliRunner().invoke(main, ["sections", str(path)])
    assert result.exit_code == 0, result.output
    lines = {line.split()[1]: line for line in result.output.splitlines()}
    assert lines["test-article#ours"].endswith("Our Heading  (our heading)")
    assert lines["test-article#printed"].endswith("Printed Heading")
    assert lines["test-article#intro"].endswith("(our heading)")
    assert "our heading" not in lines["test-article#p1"]

    result = CliRunner().invoke(main, ["sections", str(path), "--json"])
    items = {i["address"]: i for i in json.loads(result.output)["addresses"]}
    assert items["test-article#ours"]["heading"] == "editorial"
    assert items["test-article#printed"]["heading"] == "publication"
    assert "heading" not in items["test-article#ours/p1"]
