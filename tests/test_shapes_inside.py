"""Every shape on every slide has a size and lies on the slide: in the shipped template, the test
templates and LibreOffice's own templates (Candy, Metropolis, Vintage, and Progress, whose body
placeholder runs off the bottom of its slides). A placeholder without a transform of its own
inherits its layout's; python-pptx's ``left``/``width`` resolve that, as PowerPoint does. A
partial transform (a size with no offset) is looked for in the XML: python-pptx would take the
missing half from the layout, PowerPoint puts the shape at the slide's corner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from deckgen import api
from deckgen.core.errors import DeckgenError
from tests.conftest import EXAMPLES, ROOT
from tests.examples import example_in_template

TEST_TEMPLATES = sorted((ROOT / "tests" / "templates").glob("*.pptx"))
CORPUS = ("Candy", "Metropolis", "Vintage", "Progress")


def off_the_slide(deck: Path) -> list[str]:
    """Each shape with no size or reaching outside the slide, as 'slide N: name (box)'."""
    prs = Presentation(str(deck))
    width, height = int(prs.slide_width or 0), int(prs.slide_height or 0)
    found = []
    for number, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            box = (shape.left, shape.top, shape.width, shape.height)
            where = f"slide {number} ({slide.slide_layout.name}): {shape.name!r} at {box}"
            if any(value is None for value in box):
                found.append(f"{where}: no position")
                continue
            partial = [
                xfrm
                for xfrm in shape._element.xpath("./p:spPr/a:xfrm | ./p:xfrm")
                if xfrm.find(qn("a:off")) is None or xfrm.find(qn("a:ext")) is None
            ]
            if partial:  # python-pptx would fill the gap from the layout; PowerPoint does not
                found.append(f"{where}: a transform without both offset and size")
            left, top, w, h = (int(value) for value in box)
            if w <= 0 or h <= 0:
                found.append(f"{where}: no size")
            elif left < 0 or top < 0 or left + w > width or top + h > height:
                found.append(f"{where}: outside the {width} x {height} slide")
    return found


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, Path | None], Path]:
    folder = tmp_path_factory.mktemp("shapes-inside")

    def make(name: str, template: Path | None) -> Path:
        brief = example_in_template(name, template, folder)
        return api.build(brief, output=folder / "decks" / f"{brief.stem}.pptx", force=True).output

    return make


@pytest.mark.parametrize("name", EXAMPLES)
def test_in_the_shipped_template(name: str, build: Callable[[str, Path | None], Path]) -> None:
    assert off_the_slide(build(name, None)) == []


@pytest.mark.parametrize("template", TEST_TEMPLATES, ids=lambda path: path.stem)
@pytest.mark.parametrize("name", EXAMPLES)
def test_in_the_test_templates(name: str, template: Path, build: Callable[[str, Path | None], Path]) -> None:
    try:
        deck = build(name, template)
    except DeckgenError as exc:
        # minimal.pptx has no two-column layout of any name or shape, and both briefs have one.
        assert template.stem == "minimal", exc.diagnostics
        assert [d.code for d in exc.diagnostics] == ["template-missing-layout"]
        return
    assert off_the_slide(deck) == []


@pytest.mark.parametrize("template", CORPUS)
@pytest.mark.parametrize("name", EXAMPLES)
def test_in_libreoffice_templates(
    name: str, template: str, impress_corpus: dict[str, Path], build: Callable[[str, Path | None], Path]
) -> None:
    assert off_the_slide(build(name, impress_corpus[template])) == []
