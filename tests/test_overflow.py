"""No text overflows its box: LibreOffice renders each example deck, and every line of text in
the PDF must sit inside the shape that holds it (or a chart, whose labels are text too)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from tests.conftest import EXAMPLES
from tests.pdftext import Line, missing_tools, pdf_pages, to_pdf

TOLERANCE_PT = 1.5  # LibreOffice and poppler round glyph boxes by about a point


def _boxes(slide: object) -> list[tuple[str, float, float, float, float]]:
    """(name, left, top, right, bottom) in points for every shape that can hold text."""
    out = []
    for shape in slide.shapes:  # type: ignore[attr-defined]
        holds_text = shape.has_text_frame and shape.text_frame.text.strip()
        if holds_text or getattr(shape, "has_chart", False) or shape.shape_type == 13:
            left, top = Emu(shape.left).pt, Emu(shape.top).pt
            out.append((shape.name, left, top, left + Emu(shape.width).pt, top + Emu(shape.height).pt))
    return out


def _inside(line: Line, box: tuple[str, float, float, float, float]) -> bool:
    _, left, top, right, bottom = box
    t = TOLERANCE_PT
    return line.x0 >= left - t and line.x1 <= right + t and line.y0 >= top - t and line.y1 <= bottom + t


def overflowing_lines(deck: Path, workdir: Path) -> list[str]:
    pages = pdf_pages(to_pdf(deck, workdir))
    slides = list(Presentation(str(deck)).slides)
    assert len(pages) == len(slides)
    problems = []
    for number, (page, slide) in enumerate(zip(pages, slides, strict=True), 1):
        boxes = _boxes(slide)
        for line in page.lines:
            if not any(_inside(line, box) for box in boxes):
                problems.append(
                    f"slide {number}: {line.text!r} at y {line.y0:.0f}-{line.y1:.0f} is outside every box"
                )
    return problems


@pytest.mark.office
@pytest.mark.parametrize("name", EXAMPLES)
def test_every_rendered_line_stays_inside_its_shape(
    name: str, example_decks: dict[str, Path], tmp_path: Path
) -> None:
    reason = missing_tools()
    if reason:
        pytest.skip(reason)
    problems = overflowing_lines(example_decks[name], tmp_path)
    assert problems == [], "\n".join(problems[:10])


@pytest.mark.office
def test_the_check_catches_text_that_spills_out(tmp_path: Path) -> None:
    """The proof above is only worth something if an overflowing box fails it."""
    reason = missing_tools()
    if reason:
        pytest.skip(reason)
    from pptx.util import Inches, Pt

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Too much text"
    box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(4), Inches(1))
    box.text_frame.word_wrap = True
    box.text_frame.text = " ".join(["Moscow is repeating its playbook in the Sahel."] * 8)
    for paragraph in box.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(24)
    deck = tmp_path / "overflow.pptx"
    prs.save(str(deck))
    assert overflowing_lines(deck, tmp_path)
