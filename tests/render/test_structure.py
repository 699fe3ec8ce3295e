"""Layouts chosen by their placeholders when no name serves, and placeholders told apart when
their idx values repeat (LibreOffice's exports give every placeholder idx 0)."""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.slide import SlideLayout

from deckgen.cli.template import template as template_cli
from deckgen.core.assets import default_template_path
from deckgen.plan.model import DeckPlan, Layout, SlidePlan
from deckgen.render import render_deck
from deckgen.render.template.checks import check_layouts, check_template, choose_layouts, open_template
from deckgen.render.template.exported import find_layout
from deckgen.render.template.slots import Placeholder, find_slots
from deckgen.render.template.structure import NEEDS, Candidate, by_structure, side_by_side
from tests.render.conftest import placed, sample_image, sample_plan

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
IN = 914400  # EMU per inch


def ph(kind: str, pos: int, box: tuple[float, float, float, float], idx: int = 0) -> Placeholder:
    """A placeholder as LibreOffice exports it: idx 0 unless told, box in inches."""
    left, top, width, height = (int(v * IN) for v in box)
    return Placeholder(idx, kind, f"PlaceHolder {pos + 1}", (left, top, width, height), pos)


TITLE = ph("title", 0, (0.5, 0.2, 10, 1))
TITLE_SLIDE = (TITLE, ph("subtitle", 1, (0.5, 1.5, 10, 3.6)))
CONTENT = (TITLE, ph("object", 1, (0.5, 1.5, 10, 3.6)))
TWO = (TITLE, ph("object", 1, (0.5, 1.5, 4.8, 3.6)), ph("object", 2, (5.6, 1.5, 4.8, 3.6)))
STACKED = (TITLE, ph("object", 1, (0.5, 1.5, 10, 1.7)), ph("object", 2, (0.5, 3.3, 10, 1.7)))
GRID = (
    TITLE,
    *(ph("object", n + 1, (0.5 + 5.1 * (n % 2), 1.5 + 1.8 * (n // 2), 4.8, 1.7)) for n in range(4)),
)
CENTRED = (ph("subtitle", 0, (0.5, 0.2, 10, 4.8)),)
ONLY = (TITLE,)
# LibreOffice's layout order: the title slide before the content layouts, like every export.
LAYOUTS = {
    "Blank Slide": (),
    "Title Slide": TITLE_SLIDE,
    "Title, Content": CONTENT,
    "Title, 2 Content": TWO,
    "Title Only": ONLY,
    "Centered Text": CENTRED,
    "Title, Content over Content": STACKED,
    "Title, 4 Content": GRID,
}


def candidates(layouts: dict[str, tuple[Placeholder, ...]], master: int = 1) -> list[Candidate]:
    return [Candidate(name, master, phs) for name, phs in layouts.items()]


def choose(role: Layout, layouts: dict[str, tuple[Placeholder, ...]]) -> tuple[str, str] | None:
    found = by_structure(
        role, candidates(layouts), lambda name: not find_slots(role, layouts[name], {}).missing
    )
    return None if found is None else (found.name, found.why)


# --- the rules, on plain data -----------------------------------------------------------


def test_each_role_gets_the_layout_with_its_structure() -> None:
    assert choose(Layout.TITLE, LAYOUTS) == ("Title Slide", "title + subtitle placeholder")
    assert choose(Layout.SECTION, LAYOUTS) == ("Title Slide", "title + subtitle placeholder")
    assert choose(Layout.CONTENT, LAYOUTS) == ("Title, Content", "title + 1 body placeholder")
    assert choose(Layout.TWO_COLUMN, LAYOUTS) == (
        "Title, 2 Content",
        "title + 2 text placeholders side by side",
    )
    assert choose(Layout.TITLE_ONLY, LAYOUTS) == ("Title Only", "title, no text placeholder")


def test_stacked_boxes_are_not_two_columns_and_a_grid_is_a_last_resort() -> None:
    assert not side_by_side(*STACKED[1:])
    assert choose(Layout.TWO_COLUMN, {"Stacked": STACKED}) is None
    # Four equal boxes are no heading over body: nothing two-column in them.
    assert choose(Layout.TWO_COLUMN, {"Grid": GRID}) is None
    headed = (
        TITLE,
        ph("body", 1, (0.5, 1.5, 4.8, 0.6)),
        ph("object", 2, (0.5, 2.2, 4.8, 3.0)),
        ph("body", 3, (5.6, 1.5, 4.8, 0.6)),
        ph("object", 4, (5.6, 2.2, 4.8, 3.0)),
    )
    name, why = choose(Layout.TWO_COLUMN, {"Grid": GRID, "Headed": headed}) or ("", "")
    assert name == "Headed" and "heading over body" in why


def test_a_section_prefers_a_layout_with_a_title() -> None:
    without_subtitle = {k: v for k, v in LAYOUTS.items() if k != "Title Slide"}
    assert choose(Layout.SECTION, without_subtitle) == (
        "Title, Content",
        "title + 1 text placeholder (the smallest)",
    )
    alone = {"Blank Slide": (), "Centered Text": CENTRED, "Title Only": ONLY}
    name, why = choose(Layout.SECTION, alone) or ("", "")
    assert name == "Centered Text" and "no title" in why


def test_the_first_master_wins_then_the_template_order() -> None:
    second = [Candidate("Two (master 2)", 2, TWO)]
    first = [Candidate("Two (master 1)", 1, TWO), Candidate("Two again", 1, TWO)]
    found = by_structure(Layout.TWO_COLUMN, second + first, lambda name: True)
    assert found is not None and found.name == "Two (master 1)"


def test_repeated_idx_values_are_told_apart_by_place() -> None:
    slots = find_slots(Layout.TWO_COLUMN, TWO, {})
    assert slots.missing == ()
    assert [(slot, slots.pos(slot), slots.idx(slot)) for slot in ("title", "left", "right")] == [
        ("title", 0, 0),
        ("left", 1, 0),
        ("right", 2, 0),
    ]
    assert slots.renderer_idx() == {"title": 0, "left": 1, "right": 2}
    title = find_slots(Layout.TITLE, TITLE_SLIDE, {})
    assert dict(title.found)["subtitle"].pos == 1


def test_a_section_layout_without_a_title_serves_and_without_text_does_not() -> None:
    assert find_slots(Layout.SECTION, CENTRED, {}).missing == ()
    assert find_slots(Layout.SECTION, (), {}).missing == (
        "title placeholder",
        "text placeholder (idx 1, or any other)",
    )
    assert find_slots(Layout.CONTENT, CENTRED, {}).missing == ("title placeholder",)


# --- the shipped and test templates choose as they did -----------------------------------


@pytest.mark.parametrize(
    "template",
    [
        default_template_path(),
        *(TEMPLATES / n for n in ("corporate.pptx", "minimal.pptx", "python-pptx-default.pptx")),
    ],
    ids=lambda p: p.name,
)
def test_templates_with_known_names_never_fall_back_to_structure(template: Path) -> None:
    choices = choose_layouts(open_template(template), template, {})
    assert all(choice.source != "structure" for choice in choices.values())


def test_what_a_role_needs_is_in_the_message() -> None:
    (problem,) = check_template(TEMPLATES / "minimal.pptx", {})
    assert problem.code == "template-missing-layout"
    assert NEEDS[Layout.TWO_COLUMN] in problem.message


# --- LibreOffice's templates -------------------------------------------------------------


@pytest.fixture(scope="module")
def candy(impress_corpus: dict[str, Path]) -> Path:
    return impress_corpus["Candy"]


def test_candy_serves_every_role(candy: Path) -> None:
    choices = choose_layouts(open_template(candy), candy, {})
    got = {role: (c.name, c.source) for role, c in choices.items()}
    assert got == {
        Layout.TITLE: ("Title Slide", "default"),
        Layout.SECTION: ("Title Slide", "structure"),
        Layout.CONTENT: ("Title, Content", "fallback"),
        Layout.TWO_COLUMN: ("Title, 2 Content", "structure"),
        Layout.TITLE_ONLY: ("Title Only", "default"),
    }
    assert choices[Layout.TWO_COLUMN].why == "title + 2 text placeholders side by side"
    assert check_template(candy, {}) == ()


def test_inspect_shows_the_reason(candy: Path) -> None:
    result = CliRunner().invoke(template_cli, ["inspect", str(candy)])
    assert result.exit_code == 0
    line = next(ln for ln in result.stdout.splitlines() if ln.strip().startswith("two-column"))
    assert re.search(r"'Title, 2 Content' of master \d+\s+structure", line), line
    assert "(title + 2 text placeholders side by side)" in line
    assert "left idx 0 'PlaceHolder 2'" in line  # the idx repeats: the name says which
    report = json.loads(CliRunner().invoke(template_cli, ["inspect", str(candy), "--json"]).stdout)
    roles = {role["role"]: role for role in report["roles"]}
    assert roles["section"]["source"] == "structure" and roles["section"]["why"]
    assert roles["two-column"]["positions"] == {"title": 0, "left": 1, "right": 2}
    assert roles["title"]["why"] is None


def test_used_layouts_get_distinct_idx_values(candy: Path) -> None:
    prs = open_template(candy)
    names = {role: choice.name for role, choice in choose_layouts(prs, candy, {}).items()}
    assert check_layouts(prs, candy, names) == ()
    used: dict[str, SlideLayout] = {}  # each role's copy of its layout (Candy repeats names per master)
    for role, name in names.items():
        layout = find_layout(prs, name, role)
        assert layout is not None
        used[f"{name} ({role.value})"] = layout
    for layout in used.values():
        idx = [shape.placeholder_format.idx for shape in layout.placeholders]
        assert len(idx) == len(set(idx)), (layout.name, idx)
    two = [
        (s.placeholder_format.idx, s.placeholder_format.type)
        for s in used["Title, 2 Content (two-column)"].placeholders
    ]
    assert two[0] == (0, PP_PLACEHOLDER.TITLE) and [i for i, _ in two[1:]] == [1, 2]


def test_a_deck_in_candy_fills_each_placeholder_once(candy: Path, tmp_path: Path) -> None:
    plan = placed(sample_plan(sample_image(tmp_path / "bars.png"), template=candy))
    prs = Presentation(io.BytesIO(render_deck(plan)))
    for slide in prs.slides:
        idx = Counter(ph.placeholder_format.idx for ph in slide.placeholders)
        assert max(idx.values(), default=1) == 1, (slide.slide_layout.name, idx)
    title, section = prs.slides[0], prs.slides[1]
    assert title.shapes.title.text == "Russia and NATO's Southern Flank"
    assert title.placeholders[1].text_frame.paragraphs[0].text == "One arena, two flanks"
    assert section.shapes.title.text == "The Sahel" and "Part 2" in section.placeholders[1].text_frame.text
    two = next(s for s in prs.slides if s.slide_layout.name == "Title, 2 Content")
    left, right = two.placeholders[1], two.placeholders[2]
    assert left.left < right.left and left.text_frame.text and right.text_frame.text


def test_a_section_on_a_layout_without_a_title_shows_the_title_first(candy: Path, tmp_path: Path) -> None:
    plan = sample_plan(sample_image(tmp_path / "bars.png"), template=candy)
    plan = replace(plan, layout_names={Layout.SECTION: "Centered Text"})
    assert check_template(candy, plan.layout_names, roles=[Layout.SECTION]) == ()
    prs = Presentation(io.BytesIO(render_deck(placed(plan))))
    section = prs.slides[1]
    assert section.slide_layout.name == "Centered Text" and section.shapes.title is None
    paragraphs = [p.text for p in section.placeholders[1].text_frame.paragraphs]
    assert paragraphs == ["The Sahel", "Part 2", "Where Russia found its opening"]


def test_a_missing_layout_lists_each_name_once_by_master(candy: Path) -> None:
    (problem,) = check_template(candy, {Layout.TWO_COLUMN: "Side by Side"}, roles=[Layout.TWO_COLUMN])
    assert problem.code == "template-missing-layout"
    hint = problem.hint or ""
    assert hint.count("'Title, 2 Content'") == 1 and hint.count("'Title Slide'") == 1
    # Candy's ten other masters repeat master 1's twelve names: listed once, without "master 1:".
    assert hint.startswith("its layouts are: 'Blank Slide', 'Title Slide', 'Title, Content',")
    assert "master" not in hint and hint.count("'") == 2 * 12 + 2  # twelve names and 'two-column'


def test_a_second_master_with_names_of_its_own_is_listed_apart() -> None:
    prs = open_template(TEMPLATES / "corporate.pptx")
    (problem,) = check_template(
        TEMPLATES / "corporate.pptx", {Layout.SECTION: "Nope"}, roles=[Layout.SECTION]
    )
    masters = [[layout.name for layout in m.slide_layouts] for m in prs.slide_masters]
    assert (problem.hint or "").startswith("its layouts are: master 1: " + repr(masters[0][0]))
    assert "; master 2: " in (problem.hint or "")


def test_only_the_plan_kinds_a_deck_uses_are_checked(candy: Path, tmp_path: Path) -> None:
    """A deck of title and section slides only, on Candy: nothing else is looked at."""
    plan = sample_plan(sample_image(tmp_path / "bars.png"), template=candy)
    kept: tuple[SlidePlan, ...] = tuple(s for s in plan.slides if s.layout in (Layout.TITLE, Layout.SECTION))
    deck = Presentation(io.BytesIO(render_deck(placed(DeckPlan(plan.meta, candy, kept)))))
    assert [s.slide_layout.name for s in deck.slides] == ["Title Slide", "Title Slide"]
