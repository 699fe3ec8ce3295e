"""The example decks: built, reopened, and checked for what a trainer and a viewer see."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation

from deckgen import api
from deckgen.brief.model import SlideKind
from deckgen.core.textnorm import fold
from tests.conftest import BRIEFS, EXAMPLES, SOURCES
from tests.deckview import assert_invariants, slide_texts
from tests.pdftext import missing_tools, pdf_pages, to_pdf

MARKING = "UNCLASSIFIED - FOR TRAINING USE ONLY"


def _article_text() -> str:
    return fold((SOURCES / "southern-underbelly.md").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_builds_without_warnings_and_keeps_invariants(
    name: str, example_decks: dict[str, Path]
) -> None:
    checked = api.check(BRIEFS / f"{name}.yaml", strict=True)
    assert checked.diagnostics == ()
    assert_invariants(example_decks[name], slide_count=len(checked.plan.slides))


def test_training_deck_size_and_kinds(example_decks: dict[str, Path]) -> None:
    plan = api.check(BRIEFS / "southern-flank-training.yaml").plan
    assert 20 <= len(plan.slides) <= 30
    kinds = {s.kind for s in plan.slides}
    assert kinds == {k.value for k in SlideKind}


def test_readahead_size(example_decks: dict[str, Path]) -> None:
    prs = Presentation(str(example_decks["southern-flank-readahead"]))
    assert 5 <= len(prs.slides) <= 8


@pytest.mark.parametrize("name", EXAMPLES)
def test_marking_and_numbers_on_every_slide(name: str, example_decks: dict[str, Path]) -> None:
    prs = Presentation(str(example_decks[name]))
    total = len(prs.slides)
    for number, slide in enumerate(prs.slides, 1):
        texts = slide_texts(slide)
        assert texts.count(MARKING) >= 1, f"slide {number} lacks the marking"
        assert any(t.strip() in (str(number), f"{number} / {total}") for t in texts), (
            f"slide {number} lacks its number: {texts}"
        )


@pytest.mark.parametrize("name", EXAMPLES)
def test_titles_are_unique_and_present(name: str, example_decks: dict[str, Path]) -> None:
    prs = Presentation(str(example_decks[name]))
    titles = [s.shapes.title.text for s in prs.slides]
    assert titles
    assert all(t.strip() for t in titles)
    assert len(titles) == len(set(titles)), titles


def test_quotes_on_slides_are_verbatim_and_cited(example_decks: dict[str, Path]) -> None:
    """Every quote or excerpt slide shows words that stand in the article, and cites it in notes."""
    plan = api.check(BRIEFS / "southern-flank-training.yaml").plan
    prs = Presentation(str(example_decks["southern-flank-training"]))
    article = _article_text()
    checked = 0
    for planned, slide in zip(plan.slides, prs.slides, strict=True):
        if planned.kind not in ("quote", "excerpt"):
            continue
        shown = planned.content.text  # type: ignore[union-attr]
        on_slide = " ".join(slide_texts(slide))
        assert (
            fold(shown) in fold(on_slide).replace("\u201c", '"').replace("\u201d", '"') or shown in on_slide
        )
        for piece in shown.split(" [\u2026] "):
            assert fold(piece) in article, piece
        notes = slide.notes_slide.notes_text_frame.text
        assert "Sources on this slide:" in notes
        assert "Liana Fix and Kristina Kausch" in notes and "Foreign Policy" in notes
        checked += 1
    assert checked >= 5


def test_cited_slides_carry_paragraphs_after_authored_notes(example_decks: dict[str, Path]) -> None:
    prs = Presentation(str(example_decks["southern-flank-training"]))
    slide = next(s for s in prs.slides if s.shapes.title.text == "Who is winning?")
    notes = slide.notes_slide.notes_text_frame.text
    authored = "Ask whether the group agrees"
    assert notes.index(authored) < notes.index("Sources on this slide:")
    assert "\u00b68: \u201cUnfortunately, Russia seems to be winning this race." in notes


def test_sources_slide_lists_article_and_citing_slides(example_decks: dict[str, Path]) -> None:
    prs = Presentation(str(example_decks["southern-flank-training"]))
    slides = list(prs.slides)
    last = slides[-1]
    assert last.shapes.title.text == "Sources"
    text = "\n".join(slide_texts(last))
    assert "Liana Fix and Kristina Kausch" in text
    assert "NATO Must Contest Russian Moves in Its Southern Underbelly" in text
    assert "Foreign Policy" in text and "May 2022" in text
    citing = [
        n
        for n, s in enumerate(slides, 1)
        if s.has_notes_slide and "Liana Fix and Kristina Kausch" in s.notes_slide.notes_text_frame.text
    ]
    # Every slide whose notes cite the article, the answer slide of a knowledge check included,
    # and the runs of three or more written as ranges.
    assert citing == [5, 6, 7, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 22, 23, 25, 27]
    assert "Cited on slides 5\u20137, 9, 10, 12\u201319, 22, 23, 25, 27" in text


def test_image_has_authored_alt_text(example_decks: dict[str, Path]) -> None:
    prs = Presentation(str(example_decks["southern-flank-training"]))
    slide = next(s for s in prs.slides if s.shapes.title.text == "Two flanks, one arena")
    (picture,) = [sh for sh in slide.shapes if sh.shape_type == 13]
    alt = picture._element.nvPicPr.cNvPr.get("descr")
    assert alt.startswith("Schematic grid of countries on NATO's two flanks.")


def test_agenda_lists_section_titles(example_decks: dict[str, Path]) -> None:
    prs = Presentation(str(example_decks["southern-flank-training"]))
    slides = list(prs.slides)
    agenda = next(s for s in slides if s.shapes.title.text == "Agenda")
    sections = [s.shapes.title.text for s in slides if s.slide_layout.name == "Section Header"]
    body = slide_texts(agenda)
    for title in sections[:-1]:  # the closing slide shares the layout but is not on the agenda
        assert title in body


@pytest.mark.parametrize("name", EXAMPLES)
def test_building_twice_gives_the_same_bytes(
    name: str, example_decks: dict[str, Path], tmp_path: Path
) -> None:
    again = api.build(BRIEFS / f"{name}.yaml", output=tmp_path / "again.pptx").output
    assert again.read_bytes() == example_decks[name].read_bytes()


@pytest.mark.office
@pytest.mark.parametrize("name", EXAMPLES)
def test_libreoffice_renders_every_slide(name: str, example_decks: dict[str, Path], tmp_path: Path) -> None:
    reason = missing_tools()
    if reason:
        pytest.skip(reason)
    deck = example_decks[name]
    pages = pdf_pages(to_pdf(deck, tmp_path))
    assert len(pages) == len(Presentation(str(deck)).slides)


@pytest.mark.parametrize("name", EXAMPLES)
def test_openxml_audit_finds_no_errors(name: str, example_decks: dict[str, Path]) -> None:
    deck = example_decks[name]
    proc = subprocess.run(
        [sys.executable, "-m", "openxml_audit", "--output", "json", str(deck)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    (report,) = json.loads(proc.stdout)
    assert report["error_count"] == 0, report["errors"][:5]
    assert report["valid"] is True
    assert report["verdict"]["prediction"] == "opens-clean", report["verdict"]
