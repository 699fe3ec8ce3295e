"""Other people's templates: profiles, fallback names, placeholders by idx, .potx, `template inspect`."""

from __future__ import annotations

import io
import json
import posixpath
import re
import shutil
import subprocess
import sys
import uuid
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pptx import Presentation

from deckgen.cli.template import template as template_cli
from deckgen.core.assets import default_template_path
from deckgen.core.errors import DeckgenError
from deckgen.plan.model import DeckPlan, Layout
from deckgen.render import render_deck
from deckgen.render.package.save import PRESENTATION_MAIN, TEMPLATE_MAIN
from deckgen.render.template.checks import (
    check_template,
    find_layout,
    layout_names_for,
    open_template,
    read_placeholders,
    template_geometry,
)
from deckgen.render.template.profile import load_profile
from tests.render.conftest import placed, sample_image, sample_meta, sample_plan

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
CORPORATE = TEMPLATES / "corporate.pptx"
MINIMAL = TEMPLATES / "minimal.pptx"
PPTX_DEFAULT = TEMPLATES / "python-pptx-default.pptx"

STANDARD = {
    Layout.TITLE: "Title Slide",
    Layout.SECTION: "Section Header",
    Layout.CONTENT: "Title and Content",
    Layout.TWO_COLUMN: "Comparison",
    Layout.TITLE_ONLY: "Title Only",
}
CORPORATE_LAYOUTS = {
    Layout.TITLE: "Cover",
    Layout.SECTION: "Divider",
    Layout.CONTENT: "Text",
    Layout.TWO_COLUMN: "Two Columns",
    Layout.TITLE_ONLY: "Headline",
}
# Where each slide kind's text belongs, by the idx the template itself gives the placeholder.
STANDARD_IDX = {
    Layout.TITLE: {"subtitle": 1},
    Layout.SECTION: {"text": 1},
    Layout.CONTENT: {"body": 1},
    Layout.TWO_COLUMN: {"left-heading": 1, "left": 2, "right-heading": 3, "right": 4},
}
CORPORATE_IDX = {
    Layout.TITLE: {"subtitle": 10},
    Layout.SECTION: {"text": 12},
    Layout.CONTENT: {"body": 10},
    Layout.TWO_COLUMN: {"left": 13, "right": 14},
}
# The idx the renderer fills on the slide: PowerPoint's own numbering.
RENDERER_IDX = {
    "subtitle": 1,
    "text": 1,
    "body": 1,
    "left-heading": 1,
    "right-heading": 3,
}

CASES = {
    "briefing": (default_template_path(), STANDARD, STANDARD_IDX),
    "corporate": (CORPORATE, CORPORATE_LAYOUTS, CORPORATE_IDX),
    "python-pptx-default": (PPTX_DEFAULT, STANDARD, STANDARD_IDX),
}


@pytest.fixture(scope="module")
def image(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_image(tmp_path_factory.mktemp("templates") / "figure.png")


@pytest.fixture(scope="module")
def built(image: Path) -> dict[str, tuple[DeckPlan, bytes]]:
    """The same plan, with one slide of every content type, placed on each template and rendered once."""
    decks = {}
    for name, (path, _, _) in CASES.items():
        plan = placed(sample_plan(image, template=path))
        decks[name] = (plan, render_deck(plan))
    return decks


def slot_of_renderer(layout_role: Layout, slot: str, slots: dict[str, int]) -> int:
    """The idx the renderer fills for ``slot``: two columns without headings are bodies 1 and 2."""
    if layout_role is Layout.TWO_COLUMN and slot in ("left", "right"):
        with_headings = "left-heading" in slots
        return {"left": 2 if with_headings else 1, "right": 4 if with_headings else 2}[slot]
    return RENDERER_IDX[slot]


@pytest.mark.parametrize("name", list(CASES))
def test_every_slide_uses_the_mapped_layout_and_keeps_its_title(
    built: dict[str, tuple[DeckPlan, bytes]], name: str
) -> None:
    plan, data = built[name]
    expected = CASES[name][1]
    prs = Presentation(io.BytesIO(data))
    assert len(prs.slides) == len(plan.slides)
    for slide, planned in zip(prs.slides, plan.slides, strict=True):
        assert slide.slide_layout.name == expected[planned.layout]
        assert slide.shapes.title is not None
        assert slide.shapes.title.text == planned.title


@pytest.mark.parametrize("name", list(CASES))
def test_placeholders_are_filled_by_idx_in_the_boxes_the_template_drew(
    built: dict[str, tuple[DeckPlan, bytes]], name: str
) -> None:
    """Every slide placeholder inherits from a layout placeholder with its idx and type, and the
    text sits in the box the template drew for it, however the template numbered it."""
    plan, data = built[name]
    path, names, idx_of = CASES[name]
    original = open_template(path)
    prs = Presentation(io.BytesIO(data))
    for slide, planned in zip(prs.slides, plan.slides, strict=True):
        layout_phs = {ph.placeholder_format.idx: ph for ph in slide.slide_layout.placeholders}
        on_slide = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
        for idx, ph in on_slide.items():
            assert idx in layout_phs, (planned.kind, idx)
            assert ph.placeholder_format.type == layout_phs[idx].placeholder_format.type
            assert ph.text_frame.text.strip(), (planned.kind, idx)  # no empty placeholder left
        template_layout = find_layout(original, names[planned.layout])
        assert template_layout is not None
        template_boxes = {ph.idx: ph.box for ph in read_placeholders(template_layout)}
        slots = idx_of.get(planned.layout, {})
        for slot, template_idx in slots.items():
            filled = on_slide[slot_of_renderer(planned.layout, slot, slots)]
            box = (filled.left, filled.top, filled.width, filled.height)
            assert box == template_boxes[template_idx], (name, planned.kind, slot)


def test_corporate_text_lands_in_its_own_placeholders(built: dict[str, tuple[DeckPlan, bytes]]) -> None:
    _, data = built["corporate"]
    slides = Presentation(io.BytesIO(data)).slides

    def text(slide: Any, idx: int) -> list[str]:
        ph = next(p for p in slide.placeholders if p.placeholder_format.idx == idx)
        return [p.text for p in ph.text_frame.paragraphs]

    assert text(slides[0], 1)[0] == "One arena, two flanks"
    assert text(slides[1], 1) == ["Part 2", "Where Russia found its opening"]
    assert text(slides[2], 1)[0].startswith("Russia's presence in Libya")
    assert text(slides[4], 1) == ["Eastern flank", "Conventional deterrence", "Forward presence"]
    assert text(slides[4], 2) == ["Southern flank", "Hybrid competition", "Partners, not allies"]
    # The key-message strip (idx 15 in the template) is not a column: left empty, so removed.
    assert {ph.name for ph in slides[4].placeholders} == {
        "Title 1",
        "Text Placeholder 2",
        "Text Placeholder 3",
    }


def package_problems(data: bytes) -> list[str]:
    """Parts nothing points at, relationships pointing at nothing, content types for no part."""
    problems = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
        reachable, todo = set(), ["_rels/.rels"]
        while todo:
            rels = todo.pop()
            folder = posixpath.dirname(posixpath.dirname(rels))
            for mode, target in re.findall(rb'(TargetMode="External" )?Target="([^"]+)"', zf.read(rels)):
                if mode:
                    continue
                part = posixpath.normpath(posixpath.join(folder, target.decode())).lstrip("/")
                if part not in names:
                    problems.append(f"{rels} points at missing {part}")
                elif part not in reachable:
                    reachable.add(part)
                    part_rels = posixpath.join(
                        posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels"
                    )
                    if part_rels in names:
                        todo.append(part_rels)
        for name in names - reachable:
            if name != "[Content_Types].xml" and not name.endswith(".rels"):
                problems.append(f"orphan part {name}")
        for part in re.findall(rb'PartName="/([^"]+)"', zf.read("[Content_Types].xml")):
            if part.decode() not in names:
                problems.append(f"content type for missing part {part.decode()}")
    return problems


@pytest.mark.parametrize("name", list(CASES))
def test_no_sample_slide_and_nothing_dangling(built: dict[str, tuple[DeckPlan, bytes]], name: str) -> None:
    plan, data = built[name]
    assert package_problems(data) == []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        slide_parts = [n for n in zf.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
        assert len(slide_parts) == len(plan.slides)
        assert not any(b"SAMPLE" in zf.read(n) for n in zf.namelist())


def test_the_corporate_template_really_has_a_sample_slide() -> None:
    """Otherwise the test above proves nothing for it."""
    assert len(open_template(CORPORATE).slides) == 1
    with zipfile.ZipFile(CORPORATE) as zf:
        assert any(b"SAMPLE COVER" in zf.read(n) for n in zf.namelist())


@pytest.mark.parametrize("name", list(CASES))
def test_every_shape_is_inside_the_slide(built: dict[str, tuple[DeckPlan, bytes]], name: str) -> None:
    _, data = built[name]
    prs = Presentation(io.BytesIO(data))
    width, height = prs.slide_width, prs.slide_height
    for number, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            where = f"{name} slide {number}: {shape.name}"
            assert shape.left >= 0 and shape.top >= 0, where
            assert shape.left + shape.width <= width, where
            assert shape.top + shape.height <= height, where


def test_python_pptx_default_stays_4_by_3(built: dict[str, tuple[DeckPlan, bytes]]) -> None:
    prs = Presentation(io.BytesIO(built["python-pptx-default"][1]))
    assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)


def test_rendering_with_a_profile_twice_gives_the_same_bytes(
    built: dict[str, tuple[DeckPlan, bytes]],
) -> None:
    plan, data = built["corporate"]
    assert render_deck(plan) == data


# --- which layout, and where it came from -----------------------------------------------


def copy_template(source: Path, folder: Path, name: str, profile: str | None = None) -> Path:
    target = folder / name
    shutil.copyfile(source, target)
    if profile is not None:
        target.with_name(target.stem + ".profile.yaml").write_text(profile, encoding="utf-8")
    return target


def names_for(template: Path, overrides: dict[Layout, str] | None = None) -> dict[Layout, str]:
    plan = DeckPlan(meta=sample_meta(), template=template, slides=(), layout_names=overrides or {})
    return layout_names_for(plan)


def test_brief_beats_profile_beats_defaults(tmp_path: Path) -> None:
    assert names_for(CORPORATE) == CORPORATE_LAYOUTS
    assert names_for(CORPORATE, {Layout.TITLE_ONLY: "Title Only"})[Layout.TITLE_ONLY] == "Title Only"


def test_without_a_profile_common_names_are_recognised(tmp_path: Path) -> None:
    """No profile: "Cover", "Divider", "Two Columns" are known alternatives; the picture-only
    "Title and Content" decoy is passed over for "Text"; the "Title Only" decoy is the default."""
    bare = copy_template(CORPORATE, tmp_path, "bare.pptx")
    assert names_for(bare) == {**CORPORATE_LAYOUTS, Layout.TITLE_ONLY: "Title Only"}
    assert check_template(bare, {}) == ()


def test_alternative_spellings_are_matched(tmp_path: Path) -> None:
    prs = Presentation(str(default_template_path()))
    renames = {"Title Slide": "Title", "Title and Content": "Title + Content", "Section Header": "DIVIDER"}
    for layout in prs.slide_layouts:
        layout.name = renames.get(layout.name, layout.name)
    comparison = next(layout for layout in prs.slide_layouts if layout.name == "Comparison")
    prs.slide_layouts.remove(comparison)
    path = tmp_path / "renamed.pptx"
    prs.save(str(path))
    assert names_for(path) == {
        Layout.TITLE: "Title",
        Layout.SECTION: "DIVIDER",
        Layout.CONTENT: "Title + Content",
        Layout.TWO_COLUMN: "Two Content",
        Layout.TITLE_ONLY: "Title Only",
    }


def test_profile_placeholders_override_the_guess(image: Path, tmp_path: Path) -> None:
    """Swapping the profile's idx values swaps the columns: the profile is what decides."""
    profile = (
        (TEMPLATES / "corporate.profile.yaml")
        .read_text()
        .replace("{left: 13, right: 14}", "{left: 14, right: 13}")
    )
    swapped = copy_template(CORPORATE, tmp_path, "swapped.pptx", profile)
    plan = placed(sample_plan(image, template=swapped))
    slide = Presentation(io.BytesIO(render_deck(plan))).slides[4]
    left = next(ph for ph in slide.placeholders if ph.placeholder_format.idx == 1)
    assert left.text_frame.paragraphs[0].text == "Eastern flank"
    assert left.left > Presentation(str(CORPORATE)).slide_width // 2  # drawn in the right-hand box


def test_the_minimal_template_fails_before_anything_is_built(image: Path) -> None:
    plan = placed(sample_plan(image, template=MINIMAL))  # the two-column slide stays unplaced
    with pytest.raises(DeckgenError) as caught:
        render_deck(plan)
    (problem,) = caught.value.diagnostics
    assert problem.code == "template-missing-layout"
    assert problem.loc.path == str(MINIMAL)
    assert "'Comparison'" in problem.message and "two-column" in problem.message
    for name in ("Title Slide", "Title and Content", "Section Header", "Title Only", "Blank"):
        assert repr(name) in (problem.hint or "")
    assert "minimal.profile.yaml" in (problem.hint or "")


def test_the_minimal_template_serves_decks_without_two_columns(image: Path) -> None:
    plan = sample_plan(image, template=MINIMAL)
    kept = tuple(s for s in plan.slides if s.layout is not Layout.TWO_COLUMN)
    prs = Presentation(io.BytesIO(render_deck(placed(replace(plan, slides=kept)))))
    assert len(prs.slides) == len(kept)
    assert check_template(MINIMAL, {}, roles={s.layout for s in kept}) == ()


def test_a_layout_without_the_placeholders_names_what_it_has(tmp_path: Path) -> None:
    profile = 'layouts:\n  content: "Headline"\n'
    path = copy_template(CORPORATE, tmp_path, "corp.pptx", profile)
    (problem,) = check_template(path, {}, roles=[Layout.CONTENT])
    assert problem.code == "template-missing-placeholder"
    assert "'Headline'" in problem.message and "body placeholder" in problem.message
    assert problem.hint is not None and "title (idx 0)" in problem.hint
    # Located where the profile names the layout, so an editor can jump there.
    assert (problem.loc.path, problem.loc.line, problem.loc.col) == (
        str(path.with_name("corp.profile.yaml")),
        2,
        12,
    )


def test_a_profile_idx_the_layout_lacks_lists_what_it_has(tmp_path: Path) -> None:
    profile = "placeholders:\n  two-column: {left: 13, right: 21}\n"
    path = copy_template(CORPORATE, tmp_path, "corp.pptx", profile)
    (problem,) = check_template(path, {}, roles=[Layout.TWO_COLUMN])
    assert problem.code == "template-missing-placeholder"
    assert "idx 21" in problem.message
    for have in ("body (idx 13)", "body (idx 14)", "body (idx 15)", "title (idx 0)"):
        assert have in (problem.hint or "")
    assert problem.loc.line == 2


def test_a_profile_layout_the_template_lacks_is_located_in_the_profile(tmp_path: Path) -> None:
    path = copy_template(CORPORATE, tmp_path, "corp.pptx", 'layouts:\n  section: "Chapter"\n')
    (problem,) = check_template(path, {})
    assert problem.code == "template-missing-layout"
    assert (problem.loc.line, problem.loc.col) == (2, 12)
    assert "'Divider'" in (problem.hint or "")


# --- the profile file -------------------------------------------------------------------


def test_corporate_profile_loads() -> None:
    profile = load_profile(CORPORATE)
    assert profile is not None
    assert profile.layouts == CORPORATE_LAYOUTS
    assert profile.placeholders == {Layout.TWO_COLUMN: {"left": 13, "right": 14}}
    assert profile.fonts == {"body": "Arial", "title": "Arial"}


def test_no_profile_is_none(tmp_path: Path) -> None:
    assert load_profile(copy_template(MINIMAL, tmp_path, "m.pptx")) is None
    assert load_profile(copy_template(MINIMAL, tmp_path, "e.pptx", "# nothing yet\n")) is not None


@pytest.mark.parametrize(
    ("text", "code", "line", "col"),
    [
        ('layouts:\n  tittle: "Cover"\n', "profile-unknown-role", 2, 3),
        ('layouts:\n  title: "Cover"\nlayout: {}\n', "profile-unknown-key", 3, 1),
        ("placeholders:\n  content: {bdy: 10}\n", "profile-unknown-key", 2, 13),
        ("placeholders:\n  content: {body: ten}\n", "profile-wrong-type", 2, 19),
        ("placeholders:\n  two-column: {left: 13}\n", "profile-incomplete-placeholders", 2, 15),
        ("fonts: {body: Arial, bdy: Arial}\n", "profile-unknown-key", 1, 22),
        ('layouts:\n  title: "Cover"\n  title: "Other"\n', "profile-duplicate-key", 3, 3),
        ("layouts: [title]\n", "profile-wrong-type", 1, 10),
        ('layouts:\n  title: "Cover\n', "profile-yaml-syntax", 2, 10),
    ],
)
def test_profile_mistakes_are_located(tmp_path: Path, text: str, code: str, line: int, col: int) -> None:
    path = copy_template(MINIMAL, tmp_path, "corp.pptx", text)
    with pytest.raises(DeckgenError) as caught:
        load_profile(path)
    first = caught.value.diagnostics[0]
    assert (first.code, first.loc.path, first.loc.line, first.loc.col) == (
        code,
        str(tmp_path / "corp.profile.yaml"),
        line,
        col,
    )


def test_unknown_role_suggests_the_right_one(tmp_path: Path) -> None:
    path = copy_template(MINIMAL, tmp_path, "corp.pptx", 'layouts:\n  two_column: "Two Content"\n')
    with pytest.raises(DeckgenError) as caught:
        load_profile(path)
    assert caught.value.diagnostics[0].hint == "did you mean 'two-column'?"


def test_a_broken_profile_is_a_template_check_diagnostic(tmp_path: Path) -> None:
    path = copy_template(MINIMAL, tmp_path, "corp.pptx", "layouts:\n  tittle: Cover\n")
    assert [d.code for d in check_template(path, {})] == ["profile-unknown-role"]


# --- .potx ------------------------------------------------------------------------------


def as_potx(source: Path, target: Path) -> Path:
    """``source`` saved as PowerPoint saves a template: only the main content type differs."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "[Content_Types].xml":
                assert PRESENTATION_MAIN.encode() in data
                data = data.replace(PRESENTATION_MAIN.encode(), TEMPLATE_MAIN.encode())
            dst.writestr(item, data)
    with pytest.raises(ValueError):
        Presentation(str(target))  # python-pptx alone refuses it
    return target


@pytest.mark.parametrize("name", ["briefing", "corporate"])
def test_potx_templates_build_end_to_end(image: Path, tmp_path: Path, name: str) -> None:
    source, names, _ = CASES[name]
    potx = as_potx(source, tmp_path / f"{source.stem}.potx")
    profile = source.with_name(source.stem + ".profile.yaml")
    if profile.exists():
        shutil.copyfile(profile, tmp_path / profile.name)
    assert check_template(potx, {}) == ()
    plan = placed(sample_plan(image, template=potx))
    data = render_deck(plan)
    prs = Presentation(io.BytesIO(data))
    assert [s.slide_layout.name for s in prs.slides] == [names[s.layout] for s in plan.slides]
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        types = zf.read("[Content_Types].xml")
        assert PRESENTATION_MAIN.encode() in types and TEMPLATE_MAIN.encode() not in types
    assert package_problems(data) == []


# --- geometry for the planner -----------------------------------------------------------


def test_geometry_of_the_corporate_template() -> None:
    geometry = template_geometry(CORPORATE, {})
    assert (geometry.slide_width, geometry.slide_height) == (12192000, 6858000)
    assert set(geometry.roles) == set(Layout)
    content = geometry.roles[Layout.CONTENT]
    assert content.layout == "Text"
    assert content.bodies == ((548640, 1463040, 11091672, 4480560),)  # idx 10: 0.6, 1.6, 12.13 x 4.9 in
    assert content.title == (548640, 457200, 11091672, 868680)  # inherited from the master
    assert content.body_font == "Arial" and content.title_font == "Arial"
    assert content.body_sizes == (22.0, 20.0, 18.0, 16.0, 16.0)
    assert content.title_size == 30.0
    columns = geometry.roles[Layout.TWO_COLUMN]
    assert [box[0] for box in columns.bodies] == [548640, 6245352] and columns.headings == ()
    assert geometry.roles[Layout.TITLE].body_sizes[0] == 24.0  # the Cover subtitle's own style
    assert geometry.roles[Layout.TITLE_ONLY].bodies == ()


def test_geometry_of_a_4_by_3_template_with_headings() -> None:
    geometry = template_geometry(PPTX_DEFAULT, {})
    assert (geometry.slide_width, geometry.slide_height) == (9144000, 6858000)
    two = geometry.roles[Layout.TWO_COLUMN]
    assert two.layout == "Comparison" and len(two.bodies) == 2 and len(two.headings) == 2
    assert all(heading[1] < body[1] for heading, body in zip(two.headings, two.bodies, strict=True))
    assert geometry.roles[Layout.CONTENT].body_font == "Calibri"  # the theme's minor font


def test_geometry_leaves_out_what_the_template_cannot_serve() -> None:
    geometry = template_geometry(MINIMAL, {})
    assert Layout.TWO_COLUMN not in geometry.roles and Layout.CONTENT in geometry.roles


# --- deckgen template inspect -----------------------------------------------------------


def run_inspect(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(template_cli, ["inspect", *args])
    return result.exit_code, result.stdout, result.stderr


def test_inspect_lists_layouts_placeholders_and_roles() -> None:
    code, out, err = run_inspect(str(CORPORATE))
    assert code == 0, err
    assert "13.333 x 7.5 in (16:9)" in out and "2 masters" in out and "1 sample slide" in out
    assert "corporate.profile.yaml" in out
    assert "Master 1 'Corporate Light' (theme fonts: Arial headings, Arial body)" in out
    for name in ("Cover", "Text", "Two Columns", "Headline", "Divider", "Title Only", "Title and Content"):
        assert f"layout {name!r}" in out
    assert re.search(r"idx 13\s+body\s+'Left Text 2'\s+at \(0\.60, 1\.60\) size 5\.90 x 4\.20 in", out)
    assert re.search(
        r"two-column\s+two-column slides\s+'Two Columns'\s+profile\s+title idx 0, left idx 13", out
    )
    assert "layout 'Headline'  <- title-only" in out
    assert "Missing: nothing" in out


def test_inspect_says_what_is_missing_and_still_exits_0() -> None:
    code, out, _ = run_inspect(str(MINIMAL))
    assert code == 0
    assert re.search(r"two-column\s+two-column slides\s+'Comparison'\s+default\s+MISSING layout", out)
    assert "[template-missing-layout]" in out


def test_inspect_json() -> None:
    code, out, _ = run_inspect(str(PPTX_DEFAULT), "--json")
    assert code == 0
    report = json.loads(out)
    assert report["slide"] == {"width": 9144000, "height": 6858000, "aspect": "4:3"}
    assert report["profile"] is None
    comparison = next(layout for layout in report["layouts"] if layout["name"] == "Comparison")
    assert comparison["roles"] == ["two-column"]
    assert [(ph["idx"], ph["type"]) for ph in comparison["placeholders"]][:5] == [
        (0, "title"),
        (1, "body"),
        (2, "object"),
        (3, "body"),
        (4, "object"),
    ]
    roles = {role["role"]: role for role in report["roles"]}
    assert roles["two-column"]["placeholders"] == {
        "title": 0,
        "left-heading": 1,
        "left": 2,
        "right-heading": 3,
        "right": 4,
    }
    assert report["problems"] == []


@pytest.mark.parametrize("make", ["missing", "not-a-zip", "broken-profile"])
def test_inspect_unreadable_input_exits_1_with_a_located_error(tmp_path: Path, make: str) -> None:
    path = tmp_path / "corp.pptx"
    if make == "not-a-zip":
        path.write_text("not a presentation")
    elif make == "broken-profile":
        copy_template(CORPORATE, tmp_path, "corp.pptx", "layouts:\n  tittle: Cover\n")
    code, out, err = run_inspect(str(path))
    assert code == 1 and out == ""
    where = {"broken-profile": f"{tmp_path / 'corp.profile.yaml'}:2:3", "not-a-zip": f"{path}:1:1"}
    where.setdefault(make, str(path))  # a missing file has no line
    assert err.startswith(f"{where[make]}: error: ")
    assert "no report" in err
    code, out, _ = run_inspect(str(path), "--json")
    assert code == 1 and json.loads(out)["status"] == "failed"


def test_inspect_help_has_examples() -> None:
    result = CliRunner().invoke(template_cli, ["inspect", "--help"])
    assert result.exit_code == 0
    assert "deckgen template inspect assets/templates/briefing.pptx" in result.stdout


# --- other readers ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["corporate", "python-pptx-default"])
def test_openxml_audit_finds_no_errors(
    built: dict[str, tuple[DeckPlan, bytes]], tmp_path: Path, name: str
) -> None:
    deck = tmp_path / f"{name}.pptx"
    deck.write_bytes(built[name][1])
    proc = subprocess.run(
        [sys.executable, "-m", "openxml_audit", "--output", "json", str(deck)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    reports = json.loads(proc.stdout)
    assert isinstance(reports, list) and reports, proc.stderr
    for report in reports:
        assert report["error_count"] == 0, report["errors"][:5]


@pytest.mark.office
@pytest.mark.parametrize("name", ["corporate", "python-pptx-default"])
def test_libreoffice_opens_decks_built_on_other_templates(
    built: dict[str, tuple[DeckPlan, bytes]], tmp_path: Path, name: str
) -> None:
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdfinfo") is None:
        pytest.skip("needs LibreOffice (soffice) and poppler's pdfinfo; .ci/run installs them")
    plan, data = built[name]
    deck = tmp_path / f"{name}.pptx"
    deck.write_bytes(data)
    profile = Path("/tmp") / f"lo-{uuid.uuid4().hex}"  # one profile per conversion
    try:
        subprocess.run(
            [
                soffice,
                "--headless",
                "--norestore",
                f"-env:UserInstallation={profile.as_uri()}",
                *("--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)),
            ],
            check=True,
            timeout=180,
            capture_output=True,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = tmp_path / f"{name}.pdf"
    assert pdf.is_file(), "LibreOffice exited cleanly but wrote no PDF"
    info = subprocess.run(
        ["pdfinfo", str(pdf)], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    assert re.search(rf"^Pages:\s+{len(plan.slides)}$", info, re.MULTILINE)


def test_charts_take_the_templates_font() -> None:
    """Chart text follows the template's theme body font; the palette keeps its meaning."""
    from deckgen.charts.model import ChartStyle
    from deckgen.render.template.measure import chart_style_for
    from deckgen.render.template.roles import open_template

    assert chart_style_for(open_template(default_template_path())) == ChartStyle()
    corporate = chart_style_for(open_template(TEMPLATES / "corporate.pptx"))
    assert corporate.font == "Arial"
    assert corporate.accents == ChartStyle().accents
