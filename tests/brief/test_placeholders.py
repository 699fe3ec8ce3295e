"""Text left to write, ``<<like this>>``: one located warning per placeholder, never from a comment."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen import api
from deckgen.brief import load_brief
from deckgen.brief.placeholders import CODE, report_placeholders
from deckgen.core.errors import Collector, DeckgenError, Diagnostic
from deckgen.core.yamlcompose import compose_text
from tests.conftest import SOURCES


def _warnings(tmp_path: Path, text: str) -> list[Diagnostic]:
    path = tmp_path / "brief.yaml"
    path.write_text(text, encoding="utf-8")
    _, diags = load_brief(path)
    return [d for d in diags.items if d.code == CODE]


BRIEF = """\
# A comment may say <<anything>>: comments are not values.
deck:
  title: Test deck
  marking: <<handling marking>>
slides:
  - kind: bullets
    title: "Points: <<a title>>"
    bullets:
      - "<<first>> and <<second>>"
      - text: 'It''s <<third>>'
      - Written by hand, no placeholder
    notes: |
      Two lines,
      <<speaker notes>>
"""


def test_each_placeholder_is_a_located_warning_with_its_key(tmp_path: Path) -> None:
    found = _warnings(tmp_path, BRIEF)
    assert [(d.loc.line, d.loc.col, d.key, d.span) for d in found] == [
        (4, 12, "deck.marking", 20),
        (7, 21, "slides[1].title", 11),
        (9, 10, "slides[1].bullets[1]", 9),
        (9, 24, "slides[1].bullets[1]", 10),  # two on one line are two warnings
        (10, 22, "slides[1].bullets[2].text", 9),  # after a doubled quote too
        (14, 7, "slides[1].notes", 17),  # on its own line inside a block of text
    ]
    assert all(not d.is_error for d in found)
    assert found[0].message == "'deck.marking' still holds the placeholder <<handling marking>>"
    assert found[4].message == (
        "slide 1 \"Points: <<a title>>\", 'bullets[2].text', still holds the placeholder <<third>>"
    )
    assert found[0].hint is not None and "write the text in its place" in found[0].hint


def test_without_the_text_a_placeholder_is_placed_from_its_value(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(BRIEF, encoding="utf-8")
    root = compose_text(BRIEF)
    assert root is not None
    diags = Collector()
    report_placeholders(root, str(path), diags)
    assert [(d.loc.line, d.loc.col) for d in diags.items] == [
        (4, 12),
        (7, 21),
        (9, 10),
        (9, 24),
        (10, 21),
        (12, 12),
    ]


def test_a_slide_without_a_title_is_named_by_its_kind_s_default(tmp_path: Path) -> None:
    text = (
        "deck: {title: T, marking: M}\nslides:\n  - kind: title\n  - kind: takeaways\n    bullets: [<<x>>]\n"
    )
    (found,) = _warnings(tmp_path, text)
    assert found.key == "slides[2].bullets[1]"
    assert found.message == "slide 2 \"Key takeaways\", 'bullets[1]', still holds the placeholder <<x>>"


def test_text_without_a_closed_placeholder_is_left_alone(tmp_path: Path) -> None:
    text = (
        "deck: {title: 'a << b', marking: 'x >> y'}\n"
        "slides:\n  - kind: bullets\n    title: T\n    bullets: ['<<not closed', 'across\n\n      lines>>']\n"
    )
    assert _warnings(tmp_path, text) == []


def test_check_warns_and_strict_fails(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        "deck: {title: Test deck, marking: UNCLASSIFIED}\n"
        "sources: {su: southern-underbelly}\n"
        "slides:\n"
        "  - kind: takeaways\n"
        "    bullets:\n"
        "      - text: <<a point to remember>>\n"
        "        cite: su#sahel/p1\n",
        encoding="utf-8",
    )
    result = api.check(brief, sources_dir=SOURCES)
    assert [d.code for d in result.diagnostics] == [CODE]
    with pytest.raises(DeckgenError) as failed:
        api.check(brief, sources_dir=SOURCES, strict=True)
    assert [d.code for d in failed.value.diagnostics] == [CODE]
