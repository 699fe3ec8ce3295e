"""Text sizes a LibreOffice export keeps only on its master placeholders' runs.

LibreOffice's Impress templates converted to .pptx set no title or body size in the master's
``p:txStyles`` nor in any ``a:lstStyle``: the template's sizes live on the runs of the master
placeholders' "Click to edit" paragraphs. ``text_style`` must find them, or the plan measures
titles at its 28 pt default; and since no program inherits them (LibreOffice draws a bare title
at its own 44 pt), the renderer writes them out, so a title is drawn at the size measured.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from deckgen.render.fill.text import Line, write_lines
from deckgen.render.template.measure import font_of, level_sizes, text_style
from tests.pdftext import missing_tools, pdf_pages, to_pdf

TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


def title_of(layout: object) -> object:
    return next(s for s in layout.placeholders if s.placeholder_format.type in TITLE_TYPES)  # type: ignore[attr-defined]


def candy_layout(corpus: dict[str, Path], name: str) -> object:
    prs = Presentation(str(corpus["Candy"]))
    return next(layout for layout in prs.slide_layouts if layout.name == name)


def test_the_candy_export_sets_sizes_only_on_placeholder_runs(impress_corpus: dict[str, Path]) -> None:
    """The premise: no list style and no master text style sizes anything in Candy."""
    layout = candy_layout(impress_corpus, "Title Slide")
    master = layout.slide_master  # type: ignore[attr-defined]
    assert master._element.find(".//{*}txStyles") is None
    title = title_of(layout)
    assert not title._element.xpath(".//a:lstStyle/*/a:defRPr[@sz]")  # type: ignore[attr-defined]
    assert title._base_placeholder._element.xpath(".//a:r/a:rPr[@sz='4400']")  # type: ignore[attr-defined]


@pytest.mark.parametrize("layout_name", ["Title Slide", "Title, Content"])
def test_the_title_style_is_read_from_the_master_placeholder_runs(
    impress_corpus: dict[str, Path], layout_name: str
) -> None:
    layout = candy_layout(impress_corpus, layout_name)
    master = layout.slide_master  # type: ignore[attr-defined]
    style = text_style(title_of(layout), master, "titleStyle")  # type: ignore[arg-type]
    assert style.size == 44.0
    assert style.family == "Noto Sans"
    assert style.bold is False


def test_body_levels_take_the_size_of_their_own_prompt_paragraph(impress_corpus: dict[str, Path]) -> None:
    layout = candy_layout(impress_corpus, "Title, Content")
    master = layout.slide_master  # type: ignore[attr-defined]
    body = next(s for s in layout.placeholders if s.placeholder_format.type not in TITLE_TYPES)  # type: ignore[attr-defined]
    assert level_sizes(body, master, "bodyStyle") == (32.0, 28.0, 24.0, 20.0, 20.0)
    assert font_of(body, master, "bodyStyle") == "Noto Sans"
    assert text_style(body, master, "bodyStyle").size == 32.0


def test_a_list_style_still_wins_over_the_prompt_runs(impress_corpus: dict[str, Path]) -> None:
    """The runs are a fallback: a layout placeholder's own list style comes first."""
    layout = candy_layout(impress_corpus, "Title Slide")
    master = layout.slide_master  # type: ignore[attr-defined]
    title = title_of(layout)
    body_pr = title._element.find("{*}txBody")  # type: ignore[attr-defined]
    lst = body_pr.find("{*}lstStyle")
    if lst is None:
        lst = body_pr.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}lstStyle", {})
        body_pr.find("{*}bodyPr").addnext(lst)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    level = lst.makeelement(f"{a}lvl1pPr", {})
    level.append(level.makeelement(f"{a}defRPr", {"sz": "3000", "b": "1"}))
    lst.append(level)
    style = text_style(title, master, "titleStyle")  # type: ignore[arg-type]
    assert (style.size, style.bold) == (30.0, True)


def one_slide_deck(
    template: Path, layout_name: str, title: str, folder: Path, *, pin: bool
) -> tuple[Path, float]:
    """A deck of one slide on ``layout_name`` with ``title`` in its title placeholder (written
    the renderer's way when ``pin``, else set bare), and the title size ``text_style`` measures."""
    prs = Presentation(str(template))
    layout = next(layout for layout in prs.slide_layouts if layout.name == layout_name)
    measured = text_style(title_of(layout), layout.slide_master, "titleStyle").size  # type: ignore[arg-type]
    assert measured is not None
    for slide_id in list(prs.slides._sldIdLst):  # the template's sample slides
        prs.part.drop_rel(slide_id.rId)
        prs.slides._sldIdLst.remove(slide_id)
    slide = prs.slides.add_slide(layout)
    shape = slide.shapes.title
    assert shape is not None
    if pin:
        write_lines(shape.text_frame, [Line(title)], lang="en-GB")
    else:
        shape.text = title
    deck = folder / f"{template.stem}-{pin}.pptx"
    prs.save(str(deck))
    return deck, measured


def drawn_size(deck: Path, text: str, folder: Path) -> float:
    lines = [line for line in pdf_pages(to_pdf(deck, folder))[0].lines if line.text == text]
    assert len(lines) == 1, [line.text for line in pdf_pages(to_pdf(deck, folder))[0].lines]
    return lines[0].size_pt


@pytest.mark.office
def test_the_measured_title_size_is_the_size_libreoffice_draws(
    impress_corpus: dict[str, Path], tmp_path: Path
) -> None:
    if (missing := missing_tools()) is not None:
        pytest.skip(missing)
    deck, measured = one_slide_deck(impress_corpus["Candy"], "Title Slide", "Measured", tmp_path, pin=False)
    assert abs(drawn_size(deck, "Measured", tmp_path) - measured) < 1.0


@pytest.mark.office
def test_a_title_left_at_the_template_size_is_drawn_at_the_measured_size(
    impress_corpus: dict[str, Path], tmp_path: Path
) -> None:
    """LibreOffice does not read the prompt runs back: a bare title in Metropolis is drawn at its
    own 44 pt, not the template's 33. Text the renderer writes says the size, so what the plan
    measured is what is drawn."""
    if (missing := missing_tools()) is not None:
        pytest.skip(missing)
    template = impress_corpus["Metropolis"]
    bare, measured = one_slide_deck(template, "Title, Content", "Measured", tmp_path, pin=False)
    assert measured == 33.0
    assert abs(drawn_size(bare, "Measured", tmp_path) - 44.0) < 1.0  # the premise
    written, _ = one_slide_deck(template, "Title, Content", "Measured", tmp_path, pin=True)
    assert abs(drawn_size(written, "Measured", tmp_path) - measured) < 1.0
