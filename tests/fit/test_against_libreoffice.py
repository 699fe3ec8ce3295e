"""The fitting model against LibreOffice: same line breaks, same height, for text set as deckgen sets it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Emu, Pt

from deckgen.core.assets import default_template_path
from deckgen.fit import BRIEFING_BODY, BoxPt, Paragraph, default_book, stack, wrap
from tests.conftest import SOURCES
from tests.pdftext import Line, Page, missing_tools, pdf_pages, to_pdf

pytestmark = pytest.mark.office

EMU_PER_PT = 12700
INSET_X, INSET_Y = 91440, 45720  # PowerPoint's default insets, as the renderer's boxes use
# The predicted height runs to the bottom of the last line box (1.2 em per line); the rendered
# one to the bottom of the last line's descenders. Measured gap: under 0.3 %.
HEIGHT_TOLERANCE = 0.01
BULLETS = {"\u2022", "\u2013", "\u00bb"}


def article_paragraphs() -> list[str]:
    """Real running text: the paragraphs of the example article, no-break spaces and all."""
    text = (SOURCES / "southern-underbelly.md").read_text(encoding="utf-8").split("---", 2)[2]
    return [block.strip() for block in text.split("\n\n") if block.strip() and not block.startswith("#")]


def article_sentences() -> list[str]:
    """The article's sentences: bullet-sized paragraphs of real text."""
    return [s for p in article_paragraphs() for s in re.split(r"(?<=[.?!])\s+(?=[A-Z\u201c])", p)]


@dataclass(frozen=True)
class Case:
    """One text box: its text-area width and the paragraphs in it, and where it sits."""

    name: str
    family: str
    paragraphs: tuple[Paragraph, ...]
    levels: tuple[int, ...] = ()  # outline levels, for the template's body placeholder
    width_emu: int = 0
    height_emu: int = 0
    left_emu: int = 0
    top_emu: int = 0

    @property
    def inner_top(self) -> float:
        return (self.top_emu + INSET_Y) / EMU_PER_PT


def box_cases() -> list[Case]:
    """Text boxes of several widths at 18, 24 and 28 pt, some bold, italic, spaced, or in Carlito."""
    paras = article_sentences()
    specs = [
        # name, family, size, text-area width pt, bold, italic, line spacing, before, after
        ("18pt-wide", "Liberation Sans", 18, 859.2, False, False, 1.0, 0, 0),
        ("18pt-column", "Liberation Sans", 18, 413.3, False, False, 1.0, 6, 0),
        ("24pt-wide", "Liberation Sans", 24, 859.2, False, False, 1.0, 10, 0),
        ("24pt-column", "Liberation Sans", 24, 517.7, False, False, 1.0, 0, 8),
        ("24pt-italic", "Liberation Sans", 24, 640.0, False, True, 1.0, 12, 0),
        ("28pt-wide", "Liberation Sans", 28, 859.2, False, False, 1.0, 0, 0),
        ("28pt-bold-title", "Liberation Sans", 28, 859.2, True, False, 0.9, 0, 0),
        ("28pt-narrow", "Liberation Sans", 28, 297.3, False, False, 1.0, 4, 4),
        ("24pt-carlito", "Carlito", 24, 700.4, False, False, 1.0, 10, 0),
        ("20pt-column", "Liberation Sans", 20, 431.6, False, False, 1.0, 4, 0),
        ("22pt-bold", "Liberation Sans", 22, 605.1, True, False, 1.0, 4, 0),
    ]
    cases = []
    start = 0
    for name, family, size, width, bold, italic, spacing, before, after in specs:
        chosen: list[Paragraph] = []
        for _ in range(len(paras)):  # the next paragraphs that together fill at most 470 pt
            para = Paragraph(paras[start % len(paras)], size, width, bold, italic, spacing, before, after)
            start += 1
            if stack([*chosen, para], family=family, first_space_before=False).height <= 470:
                chosen.append(para)
            elif len(chosen) >= 2:
                break
        assert len(chosen) >= 2, name
        width_emu = round(width * EMU_PER_PT) + 2 * INSET_X
        cases.append(Case(name, family, tuple(chosen), width_emu=width_emu, height_emu=Emu(6_100_000)))
    return cases


def write_boxes(cases: Sequence[Case], path: Path) -> list[Case]:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    placed = []
    for case in cases:
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        left, top = Emu(457200), Emu(304800)
        shape = slide.shapes.add_textbox(left, top, Emu(case.width_emu), Emu(case.height_emu))
        frame = shape.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.margin_left = frame.margin_right = Emu(INSET_X)
        frame.margin_top = frame.margin_bottom = Emu(INSET_Y)
        for n, para in enumerate(case.paragraphs):
            p = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
            p.line_spacing = para.line_spacing
            p.space_before = Pt(para.space_before_pt)
            p.space_after = Pt(para.space_after_pt)
            run = p.add_run()
            run.text = para.text
            run.font.size = Pt(para.size_pt)
            run.font.name = case.family
            run.font.bold = para.bold
            run.font.italic = para.italic
        placed.append(
            Case(case.name, case.family, case.paragraphs, (), case.width_emu, case.height_emu, left, top)
        )
    prs.save(str(path))
    return placed


def write_body(path: Path) -> Case:
    """The shipped template's bullet body, levels 0 to 3 at 24/22/20/18 pt, as the renderer fills it."""
    prs = Presentation(str(default_template_path()))
    layout = next(layout for layout in prs.slide_layouts if layout.name == "Title and Content")
    slide = prs.slides.add_slide(layout)
    body = next(ph for ph in slide.placeholders if ph.placeholder_format.idx == 1)
    paras = article_paragraphs()
    items = [
        (paras[0][:230], 0),
        (paras[1][:170], 1),
        (paras[2][:130], 2),
        (paras[6][:150], 3),
        (paras[7][:200], 0),
    ]
    area = BoxPt.inside(body.width, body.height)
    chosen = []
    for n, (text, level) in enumerate(items):
        style = BRIEFING_BODY.level(level)
        size = 24 - style.size_drop_pt
        p = body.text_frame.paragraphs[0] if n == 0 else body.text_frame.add_paragraph()
        p.level = level
        run = p.add_run()
        run.text = text
        run.font.size = Pt(size)
        chosen.append(
            Paragraph(text, size, area.width - style.indent_pt, space_before_pt=style.space_before_pt)
        )
    prs.save(str(path))
    return Case(
        "template-body",
        "Liberation Sans",
        tuple(chosen),
        tuple(level for _, level in items),
        int(body.width),
        int(body.height),
        int(body.left),
        int(body.top),
    )


@dataclass(frozen=True)
class Rendered:
    case: Case
    page: Page


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> list[Rendered]:
    reason = missing_tools()
    if reason:
        pytest.skip(f"needs LibreOffice and poppler to compare against: {reason}")
    if not default_book().kerns:
        pytest.skip("Pillow was built without raqm: widths ignore kerning, unlike LibreOffice's")
    out = tmp_path_factory.mktemp("fit-lo")
    boxes = write_boxes(box_cases(), out / "boxes.pptx")
    body = write_body(out / "body.pptx")
    box_pages = pdf_pages(to_pdf(out / "boxes.pptx", out))
    body_pages = pdf_pages(to_pdf(out / "body.pptx", out))
    assert len(box_pages) == len(boxes)
    # The body slide also carries its (empty) title: keep the lines inside the body placeholder.
    body_top = body.top_emu / EMU_PER_PT
    body_page = Page(
        body_pages[0].width,
        body_pages[0].height,
        tuple(line for line in body_pages[0].lines if line.y0 >= body_top),
    )
    return [Rendered(case, page) for case, page in zip(boxes, box_pages, strict=True)] + [
        Rendered(body, body_page)
    ]


def squeezed(text: str) -> str:
    """Text without any whitespace: line breaks at spaces and at hyphens then compare alike."""
    return re.sub(r"\s+", "", text)


def lines_per_paragraph(lines: Sequence[Line], paragraphs: Sequence[str]) -> list[int]:
    """How many rendered lines each paragraph took, found by matching text, not positions."""
    counts = []
    queue = list(lines)
    for text in paragraphs:
        want, got, count = squeezed(text), "", 0
        while queue and len(got) < len(want):
            line = queue.pop(0)
            words = [w.text for w in line.words]
            if count == 0 and words and words[0] in BULLETS:
                words = words[1:]
            got += squeezed("".join(words))
            count += 1
        assert got == want, f"rendered text does not match the paragraph:\n{got!r}\n{want!r}"
        counts.append(count)
    assert not queue, f"rendered lines left over: {[line.text for line in queue]}"
    return counts


def test_every_paragraph_wraps_to_the_lines_libreoffice_draws(rendered: list[Rendered]) -> None:
    book = default_book()
    problems = []
    total = 0
    for item in rendered:
        case = item.case
        predicted = [
            wrap(
                p.text,
                width_pt=p.width_pt,
                family=case.family,
                size_pt=p.size_pt,
                bold=p.bold,
                italic=p.italic,
            )
            for p in case.paragraphs
        ]
        actual = lines_per_paragraph(item.page.lines, [p.text for p in case.paragraphs])
        total += sum(actual)
        for n, (lines, count) in enumerate(zip(predicted, actual, strict=True)):
            if len(lines) != count:
                para = case.paragraphs[n]
                widths = [
                    round(book.width_pt(line, family=case.family, size_pt=para.size_pt, bold=para.bold), 2)
                    for line in lines
                ]
                problems.append(
                    f"{case.name} paragraph {n}: predicted {len(lines)} lines {widths}, drawn {count}"
                )
    assert not problems, "\n".join(problems)
    assert total > 150  # the comparison covered real text, not a handful of lines


def test_predicted_line_texts_match_libreoffice_line_by_line(rendered: list[Rendered]) -> None:
    for item in rendered:
        if item.case.levels:
            continue  # bullets are separate words in the PDF; the count test covers this box
        case = item.case
        predicted = [
            " ".join(line.split())
            for p in case.paragraphs
            for line in wrap(
                p.text,
                width_pt=p.width_pt,
                family=case.family,
                size_pt=p.size_pt,
                bold=p.bold,
                italic=p.italic,
            )
        ]
        assert predicted == [line.text for line in item.page.lines], case.name


def test_predicted_height_matches_the_rendered_text(rendered: list[Rendered]) -> None:
    book = default_book()
    report = []
    for item in rendered:
        case = item.case
        predicted = stack(case.paragraphs, family=case.family, first_space_before=False).height
        last = item.page.lines[-1]
        size = case.paragraphs[-1].size_pt
        descent = book.vertical(case.family).descent * size
        drawn = last.baseline + descent - case.inner_top
        error = abs(predicted - drawn) / drawn
        report.append(f"{case.name}: predicted {predicted:.1f} pt, drawn {drawn:.1f} pt ({error:.2%})")
        assert error <= HEIGHT_TOLERANCE, "\n".join(report)


def test_each_paragraph_ends_where_the_model_says(rendered: list[Rendered]) -> None:
    """Stronger than total height: every paragraph's last baseline sits within 1 pt of the model's."""
    for item in rendered:
        case = item.case
        if any(p.line_spacing != 1.0 for p in case.paragraphs):
            continue  # below single spacing LibreOffice also trims the first line's ascent
        laid = stack(case.paragraphs, family=case.family, first_space_before=False)
        actual = lines_per_paragraph(item.page.lines, [p.text for p in case.paragraphs])
        ends = [sum(actual[: n + 1]) - 1 for n in range(len(actual))]
        for n, (bottom, end) in enumerate(zip(laid.bottoms, ends, strict=True)):
            line = item.page.lines[end]
            # At single spacing the baseline sits 1.0 em under the top of its 1.2 em line.
            expected = case.inner_top + bottom - 0.2 * case.paragraphs[n].size_pt
            assert abs(line.baseline - expected) < 1.0, (case.name, n, line.baseline, expected)


def test_no_drawn_line_is_wider_than_its_box(rendered: list[Rendered]) -> None:
    for item in rendered:
        if item.case.levels:
            continue
        limit = item.case.paragraphs[0].width_pt
        for line in item.page.lines:
            assert line.x1 - line.x0 <= limit + 0.5, (item.case.name, line.text)
