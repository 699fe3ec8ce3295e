"""``deckgen handout``: a trainee PDF with slides, notes and sources, and no facilitator material."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.brief import load_brief
from deckgen.brief.model import CheckBody, DiscussionBody, Reveal, ScenarioBody
from deckgen.cli.office import handout
from deckgen.export.handout import handout as make_handout
from deckgen.export.handout import trainee_notes
from deckgen.export.office import OfficeFailed
from deckgen.plan.model import Bullet, BulletsContent, Layout, NoteBlock, NoteKind, SlidePlan
from tests.conftest import BRIEFS, ROOT, SOURCES

TRAINING = BRIEFS / "southern-flank-training.yaml"
TEACHING_KIT = ROOT / "tests" / "cases" / "teaching-kit" / "brief.yaml"
MARKING = "UNCLASSIFIED - FOR TRAINING USE ONLY"

office = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("soffice", "pdftoppm", "pdfinfo", "pdftotext")),
    reason="needs LibreOffice (soffice, with Writer) and poppler (pdftoppm, pdfinfo, pdftotext); "
    ".ci/run installs them",
)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(handout, list(args))
    return result.exit_code, result.stderr


def pdf_pages(pdf: Path) -> list[str]:
    """Each page's text with whitespace collapsed, so wrapped lines still match phrases."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


@pytest.mark.office
@office
def test_training_handout(tmp_path: Path) -> None:
    output = tmp_path / "out" / "training.pdf"
    code, err = run(str(TRAINING), "-o", str(output))
    assert code == 0, err
    assert f"wrote {output}" in err and "slides 19, 29 left out for trainees" in err
    pages = pdf_pages(output)
    # A cover, 28 slides at up to two a page, the sources and the evidence appendix.
    assert 12 <= len(pages) <= 40
    # The marking at the top and the bottom of every page.
    assert all(page.count(MARKING) >= 2 for page in pages)
    text = " ".join(pages)
    assert "Russia and NATO's Southern Flank" in pages[0]
    # Trainee text from the brief's 'handout:' keys; the presenter's notes stay out.
    assert "Keep these four objectives in view" in text
    assert "write down one reason for each side of the question" in text
    assert "Let the room read the map for thirty seconds" not in text
    assert "Sources on this slide:" in text
    assert "Further sources behind the charts:" in text  # the sources slide's notes
    assert "Evidence behind the charts" in text
    # Facilitator material and the knowledge-check answer stay out of a trainee's hands.
    for secret in (
        "Facilitator notes:",
        "Facilitator summary",
        "Steer towards the authors' point",
        "Answer:",
        "The authors call Port Sudan a maritime choke point",
        "The answer is on the next slide",
    ):
        assert secret not in text, secret
    assert not list(output.parent.glob("*.fodt")), "the intermediate document is removed on success"


@pytest.mark.office
@office
def test_text_only_handout_keeps_questions_and_hides_answers(tmp_path: Path) -> None:
    output = tmp_path / "kit.pdf"
    code, err = run(str(TEACHING_KIT), "-o", str(output), "--text-only", "--sources", str(SOURCES))
    assert code == 0, err
    text = " ".join(pdf_pages(output))
    assert "Where did Moscow agree a naval base in 2020?" in text
    assert "Why does Port Sudan matter?" in text
    assert "What changed in 2022?" in text
    hidden = ("It overlooks the Red Sea", "The authors name Port Sudan", "Push for evidence", "Groups of")
    for secret in hidden:
        assert secret not in text, secret


@pytest.mark.office
@office
def test_text_only_training_handout(tmp_path: Path) -> None:
    output = tmp_path / "training.pdf"
    code, err = run(str(TRAINING), "-o", str(output), "--text-only")
    assert code == 0, err
    assert "converting" not in err  # no deck rendering without slide pictures
    text = " ".join(pdf_pages(output))
    assert "Moscow backed Khalifa Haftar in Libya" in text  # a bullet, as text
    assert "Facilitator notes:" not in text


@pytest.mark.parametrize("how", ["DECKGEN_SOFFICE", "PATH"])
def test_without_libreoffice_the_document_is_left_with_instructions(
    how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if how == "PATH":
        monkeypatch.delenv("DECKGEN_SOFFICE", raising=False)
        empty = tmp_path / "bin"
        empty.mkdir()
        monkeypatch.setenv("PATH", str(empty))
    else:
        monkeypatch.setenv("DECKGEN_SOFFICE", str(tmp_path / "no-such-soffice"))
    output = tmp_path / "handouts" / "training.pdf"
    code, err = run(str(TRAINING), "-o", str(output))
    assert code == 1
    document = tmp_path / "handouts" / "training.fodt"
    assert err.count("\n") == 1 and err.startswith("error: ")
    assert "Traceback" not in err
    assert "apt-get install" in err
    assert f"the handout document is at {document}" in err
    assert f"soffice --headless --convert-to pdf --outdir {output.parent} {document}" in err
    assert not output.exists()
    root = ET.parse(document).getroot()  # well-formed, so Writer can open it later
    assert root.tag == "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}document"
    content = document.read_text(encoding="utf-8")
    assert "Russia and NATO's Southern Flank" in content and MARKING in content
    assert "Facilitator notes:" not in content


needs_pdfinfo = pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="needs poppler (pdfinfo)")


def fake_soffice(folder: Path, script: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "soffice"
    path.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


@needs_pdfinfo
def test_a_failed_conversion_is_one_line_and_keeps_the_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # LibreOffice without Writer behaves like this: it exits 0 and writes no PDF.
    broken = fake_soffice(tmp_path / "bin", 'echo "Error: source file could not be loaded"')
    monkeypatch.setenv("DECKGEN_SOFFICE", str(broken))
    output = tmp_path / "h.pdf"
    code, err = run(str(TRAINING), "-o", str(output), "--text-only")
    assert code == 1
    assert err.splitlines()[-1].startswith("error: LibreOffice did not convert")
    assert "(Error: source file could not be loaded)" in err and "libreoffice-writer" in err
    assert f"the handout document is at {tmp_path / 'h.fodt'}" in err
    assert (tmp_path / "h.fodt").is_file() and not output.exists()


@needs_pdfinfo
def test_a_hung_libreoffice_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DECKGEN_SOFFICE", str(fake_soffice(tmp_path / "bin", "sleep 30")))
    with pytest.raises(OfficeFailed, match="did not finish within 1 s"):
        make_handout(TRAINING, output=tmp_path / "h.pdf", images=False, timeout=1)
    assert (tmp_path / "h.fodt").is_file()


def test_a_brief_with_errors_prints_diagnostics(tmp_path: Path) -> None:
    code, err = run(str(tmp_path / "missing.yaml"), "-o", str(tmp_path / "h.pdf"))
    assert code == 1
    assert "missing.yaml: error:" in err and err.rstrip().endswith("no handout written.")
    assert not list(tmp_path.iterdir())


def _slide(*blocks: NoteBlock) -> SlidePlan:
    return SlidePlan(
        "bullets", Layout.CONTENT, "A slide", BulletsContent((Bullet("One point"),)), notes=blocks
    )


def test_trainee_notes_take_only_trainee_text_citations_and_evidence() -> None:
    slide = _slide(
        NoteBlock(NoteKind.PRESENTER, "Ask the group first."),
        NoteBlock(NoteKind.TRAINEE, "Read the article before the session."),
        NoteBlock(NoteKind.FACILITATOR, "Facilitator notes: steer towards the point."),
        NoteBlock(NoteKind.ANSWER, "Answer: B. Port Sudan"),
        NoteBlock(NoteKind.CITATION, "Sources on this slide:\n[1] An article."),
        NoteBlock(NoteKind.EVIDENCE, "Evidence for this chart (2 records):\n- a\n- b", ("- a", "- b")),
    )
    notes, entries = trainee_notes(slide)
    assert notes == (
        "Read the article before the session.\n\nSources on this slide:\n[1] An article.\n\n"
        "Evidence for this chart: 2 records, listed under \u201cEvidence behind the charts\u201d at the end."
    )
    assert entries == ["- a", "- b"]
    # The presenter sees everything but the trainee text.
    assert slide.speaker_notes.startswith("Ask the group first.\n\nFacilitator notes:")
    assert "Read the article" not in slide.speaker_notes
    assert trainee_notes(_slide()) == ("", [])


def _presenter_texts(brief: Path) -> list[str]:
    """Every notes, facilitator and answer text of a brief, cut into sentences of four words or more."""
    loaded, _ = load_brief(brief)
    assert loaded is not None
    texts: list[str] = []
    for spec in loaded.slides:
        texts.append(spec.notes)
        body = spec.body
        if isinstance(body, DiscussionBody | ScenarioBody):
            texts.append(body.facilitator)
        if isinstance(body, CheckBody) and body.reveal is Reveal.NOTES:
            texts.append(body.explanation)
    sentences = [s for text in texts for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split()))]
    return [s for s in sentences if len(s.split()) >= 4]


@pytest.mark.office
@office
@pytest.mark.parametrize("name", ["southern-flank-training", "southern-flank-readahead"])
def test_no_presenter_facilitator_or_answer_text_in_a_handout(name: str, tmp_path: Path) -> None:
    brief = BRIEFS / f"{name}.yaml"
    secrets = _presenter_texts(brief)
    assert len(secrets) >= 5, "the example brief should carry notes to keep out"
    output = tmp_path / f"{name}.pdf"
    code, err = run(str(brief), "-o", str(output), "--text-only")
    assert code == 0, err
    text = " ".join(pdf_pages(output))
    leaked = [s for s in secrets if s in text]
    assert not leaked, leaked
    assert "Answer:" not in text and "Facilitator" not in text
    # What a trainee does get: the slides' words, citations with the cited text, the evidence.
    assert "Sources on this slide:" in text and "Evidence behind the charts" in text
