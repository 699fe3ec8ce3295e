"""Both example briefs in each of the three templates: the shipped 16:9 briefing template, a
corporate template with its own layout names and a dark master, and python-pptx's own 4:3
template. Every deck builds under --strict, keeps the invariants, and LibreOffice renders every
slide with no line of text outside its shape."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from pptx import Presentation

from deckgen import api
from tests.conftest import BRIEFS, EXAMPLES, ROOT
from tests.deckview import assert_invariants
from tests.examples import example_in_template
from tests.pdftext import missing_tools, pdf_pages
from tests.test_accessibility import (
    low_contrast_text,
    out_of_reading_order,
    runs_without_language,
    small_body_text,
)
from tests.test_overflow import overflowing_lines

TEMPLATES = {
    "default": None,  # the brief's own "template: default"
    "corporate": ROOT / "tests" / "templates" / "corporate.pptx",
    "4x3": ROOT / "tests" / "templates" / "python-pptx-default.pptx",
}
CASES = [(name, template) for name in EXAMPLES for template in TEMPLATES]
IDS = [f"{name}-{template}" for name, template in CASES]


def brief_in_template(name: str, template: str, folder: Path) -> Path:
    """A copy of the example brief beside copies of its inputs, set to ``TEMPLATES[template]``."""
    return example_in_template(name, TEMPLATES[template], folder, label=template)


@pytest.fixture(scope="session")
def template_deck(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], tuple[Path, int]]:
    """Builds each (example, template) deck once, on first use: returns (deck, planned slides)."""
    folder = tmp_path_factory.mktemp("in-templates")
    built: dict[tuple[str, str], tuple[Path, int]] = {}

    def get(name: str, template: str) -> tuple[Path, int]:
        if (name, template) not in built:
            brief = brief_in_template(name, template, folder)
            checked = api.check(brief, strict=True)  # raises on any warning
            assert checked.diagnostics == ()
            result = api.build(brief, output=folder / "decks" / f"{brief.stem}.pptx", strict=True, force=True)
            assert result.diagnostics == ()
            built[name, template] = (result.output, len(checked.plan.slides))
        return built[name, template]

    return get


@pytest.mark.parametrize(("name", "template"), CASES, ids=IDS)
def test_builds_strictly_and_keeps_the_invariants(
    name: str, template: str, template_deck: Callable[[str, str], tuple[Path, int]]
) -> None:
    deck, planned = template_deck(name, template)
    assert_invariants(deck, slide_count=planned)


@pytest.mark.parametrize(("name", "template"), CASES, ids=IDS)
def test_every_slide_has_a_title_and_titles_are_unique(
    name: str, template: str, template_deck: Callable[[str, str], tuple[Path, int]]
) -> None:
    deck, _ = template_deck(name, template)
    titles = []
    for number, slide in enumerate(Presentation(str(deck)).slides, 1):
        title = slide.shapes.title
        assert title is not None and title.text.strip(), f"slide {number} has no title"
        titles.append(title.text)
    repeated = sorted({t for t in titles if titles.count(t) > 1})
    assert not repeated, f"titles used more than once: {repeated}"


@pytest.mark.parametrize(("name", "template"), CASES, ids=IDS)
def test_text_stays_large_legible_and_in_reading_order(
    name: str, template: str, template_deck: Callable[[str, str], tuple[Path, int]]
) -> None:
    """What tests/test_accessibility.py holds the shipped template to, in every template: the
    corporate dark master and the 4:3 template's pale greys and blue accent included."""
    deck, _ = template_deck(name, template)
    problems = (
        small_body_text(deck)
        + low_contrast_text(deck)
        + out_of_reading_order(deck)
        + runs_without_language(deck)
    )
    assert problems == [], "\n".join(problems[:10])


def test_the_templates_really_differ(template_deck: Callable[[str, str], tuple[Path, int]]) -> None:
    """The matrix is only worth something if each deck was built in its own template."""
    shapes = set()
    for template in TEMPLATES:
        prs = Presentation(str(template_deck(EXAMPLES[0], template)[0]))
        layouts = tuple(sorted(layout.name for m in prs.slide_masters for layout in m.slide_layouts))
        shapes.add((prs.slide_width, prs.slide_height, layouts))
    assert len(shapes) == len(TEMPLATES), shapes


# --- LibreOffice: one conversion per deck, shared by the two checks below -------------------

_OFFICE: dict[tuple[str, str], tuple[list[str], int, int]] = {}


def _office(
    name: str, template: str, template_deck: Callable[[str, str], tuple[Path, int]], workdir: Path
) -> tuple[list[str], int, int]:
    """(lines outside their shape, PDF pages, slides) for one deck, converted once per session."""
    reason = missing_tools()
    if reason:
        pytest.skip(reason)
    if (name, template) not in _OFFICE:
        deck, _ = template_deck(name, template)
        problems = overflowing_lines(deck, workdir)  # converts the deck to workdir/<stem>.pdf
        pages = len(pdf_pages(workdir / f"{deck.stem}.pdf"))
        _OFFICE[name, template] = (problems, pages, len(Presentation(str(deck)).slides))
    return _OFFICE[name, template]


@pytest.mark.office
@pytest.mark.parametrize(("name", "template"), CASES, ids=IDS)
def test_libreoffice_renders_every_line_inside_its_shape(
    name: str,
    template: str,
    template_deck: Callable[[str, str], tuple[Path, int]],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    problems, _, _ = _office(name, template, template_deck, tmp_path_factory.mktemp("office"))
    assert problems == [], "\n".join(problems[:10])


@pytest.mark.office
@pytest.mark.parametrize(("name", "template"), CASES, ids=IDS)
def test_libreoffice_renders_one_page_per_slide(
    name: str,
    template: str,
    template_deck: Callable[[str, str], tuple[Path, int]],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    _, pages, slides = _office(name, template, template_deck, tmp_path_factory.mktemp("office"))
    assert pages == slides


def test_a_brief_can_map_layouts_itself(tmp_path: Path) -> None:
    """Without a profile beside the template, the brief's own `layouts:` names the layouts."""
    from pptx import Presentation

    from deckgen import api
    from deckgen.core.errors import DeckgenError

    shutil.copy(ROOT / "tests" / "templates" / "corporate.pptx", tmp_path / "corp.pptx")  # no profile
    shutil.copytree(BRIEFS / "sources", tmp_path / "sources")
    shutil.copytree(BRIEFS / "data", tmp_path / "data")
    text = (BRIEFS / "southern-flank-readahead.yaml").read_text(encoding="utf-8")
    mapped = text.replace(
        "  marking: UNCLASSIFIED - FOR TRAINING USE ONLY\n",
        "  marking: UNCLASSIFIED - FOR TRAINING USE ONLY\n  template: corp.pptx\n"
        "  layouts: {title: Cover, content: Text, two-column: Two Columns, title-only: Headline}\n",
    )
    brief = tmp_path / "brief.yaml"
    brief.write_text(mapped, encoding="utf-8")
    deck = api.build(brief, output=tmp_path / "deck.pptx").output
    layouts = [s.slide_layout.name for s in Presentation(str(deck)).slides]
    assert layouts[0] == "Cover" and "Text" in layouts and "Headline" in layouts
    brief.write_text(mapped.replace("content: Text", "contnet: Text"), encoding="utf-8")
    with pytest.raises(DeckgenError) as caught:
        api.check(brief)
    (diag,) = [d for d in caught.value.diagnostics if d.code == "unknown-key"]
    assert diag.hint == "did you mean 'content'?"
