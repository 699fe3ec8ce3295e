"""Lettered choices hang: "B." at the margin, its text and every wrapped line at one indent."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.oxml.ns import qn

from deckgen import api
from deckgen.fit.fitter import HANG_EM
from deckgen.plan.measure import Run, block_height_pt
from tests.examples import example_in_template


def test_choices_hang_from_their_letters(tmp_path: Path) -> None:
    brief = example_in_template("southern-flank-training", None, tmp_path)
    deck = api.build(brief, output=tmp_path / "deck.pptx", force=True).output
    slide = next(
        s for s in Presentation(str(deck)).slides if s.shapes.title.text == "Knowledge check: Port Sudan"
    )
    paras = [
        p for shape in slide.placeholders for p in shape.text_frame.paragraphs if p.text[:2] in ("A.", "B.")
    ]
    assert [p.text.split("\t")[0] for p in paras] == ["A.", "B."]
    for para in paras:
        ppr = para._p.find(qn("a:pPr"))
        size = para.runs[0].font.size.pt
        assert int(ppr.get("marL")) == -int(ppr.get("indent")) == int(HANG_EM * size * 12700)
        assert ppr.find(qn("a:buNone")) is not None  # the letter is the only marker


def test_a_hanging_choice_is_measured_at_its_narrower_width() -> None:
    text = "B. A naval base at Port Sudan, giving access to the Red Sea and the Suez Canal"
    width = int(8.0 * 914400)  # two lines at 28 pt; with 42 pt less, three
    plain = block_height_pt([Run(text, 28.0, bullet=False)], width, family="Liberation Sans")
    hung = block_height_pt([Run(text, 28.0, bullet=False, hang=True)], width, family="Liberation Sans")
    assert hung > plain
