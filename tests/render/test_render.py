"""The renderer, judged by what a viewer sees when the deck is opened again."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu

from deckgen.core.assets import default_template_path
from deckgen.core.errors import DeckgenError
from deckgen.plan.model import Bullet, BulletsContent, DeckPlan, Layout, NoteKind, SlidePlan
from deckgen.render import DEFAULT_LAYOUT_NAMES, check_template, render_deck
from tests.pdftext import missing_tools, pdf_pages, to_pdf
from tests.render.conftest import (
    ALT,
    ATTRIBUTION,
    IMAGE_NAME,
    MARKING,
    QUOTE,
    TRAINEE_TEXT,
    placed,
    presenter,
)

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def open_deck(path: Path) -> Any:
    return Presentation(str(path))


def named(slide: Any, name: str) -> Any:
    return next(shape for shape in slide.shapes if shape.name == name)


def paragraphs(shape: Any) -> list[tuple[str, int]]:
    return [(p.text, p.level) for p in shape.text_frame.paragraphs]


def test_deck_is_16_by_9_with_one_slide_per_plan_entry(deck: Path, plan: DeckPlan) -> None:
    prs = open_deck(deck)
    assert (Emu(prs.slide_width).inches, round(Emu(prs.slide_height).inches, 3)) == (
        pytest.approx(13.333, abs=1e-3),
        7.5,
    )
    assert len(prs.slides) == len(plan.slides)


def test_every_slide_has_its_title_and_layout(deck: Path, plan: DeckPlan) -> None:
    for slide, planned in zip(open_deck(deck).slides, plan.slides, strict=True):
        assert slide.shapes.title is not None
        assert slide.shapes.title.text == planned.title
        assert slide.slide_layout.name == DEFAULT_LAYOUT_NAMES[planned.layout]


def test_title_slide_shows_subtitle_then_lines(deck: Path) -> None:
    slide = open_deck(deck).slides[0]
    subtitle = next(ph for ph in slide.placeholders if ph.placeholder_format.idx == 1)
    assert [text for text, _ in paragraphs(subtitle)] == [
        "One arena, two flanks",
        "Course directing staff",
        "Course participants",
        "20 June 2022",
    ]


def test_section_shows_part_number_and_strapline(deck: Path) -> None:
    slide = open_deck(deck).slides[1]
    body = next(ph for ph in slide.placeholders if ph.placeholder_format.idx == 1)
    assert [text for text, _ in paragraphs(body)] == ["Part 2", "Where Russia found its opening"]


def test_bullets_keep_text_and_levels(deck: Path, plan: DeckPlan) -> None:
    slide = open_deck(deck).slides[2]
    body = next(ph for ph in slide.placeholders if ph.placeholder_format.idx == 1)
    content = plan.slides[2].content
    assert isinstance(content, BulletsContent)
    assert paragraphs(body) == [(b.text, b.level) for b in content.bullets]


def test_body_text_is_never_below_18_pt(deck: Path) -> None:
    checked = 0
    for slide in open_deck(deck).slides:
        for ph in slide.placeholders:
            if ph.placeholder_format.idx in (2, 4) or (
                ph.placeholder_format.idx == 1 and slide.slide_layout.name == "Title and Content"
            ):
                sizes = [run.font.size for p in ph.text_frame.paragraphs for run in p.runs]
                assert all(size is not None and size.pt >= 18 for size in sizes), sizes
                checked += len(sizes)
    assert checked, "no body text found to check"


def test_many_bullets_step_down_in_size(deck: Path) -> None:
    short = open_deck(deck).slides[2].placeholders[1].text_frame.paragraphs[0].runs[0].font.size
    long = open_deck(deck).slides[6].placeholders[1].text_frame.paragraphs[0].runs[0].font.size
    assert short.pt == 24
    assert 18 <= long.pt < 24


def test_quote_is_in_typographic_marks_with_attribution_under_it(deck: Path) -> None:
    slide = open_deck(deck).slides[3]
    texts = [text for text, _ in paragraphs(named(slide, "Quote"))]
    assert texts == [
        "The authors on the contest for influence in the south:",
        f"\u201c{QUOTE}\u201d",
        f"\u2014 {ATTRIBUTION}",
    ]
    quote_run = named(slide, "Quote").text_frame.paragraphs[1].runs[0]
    assert quote_run.font.italic is True


def test_two_columns_fill_headings_and_bodies_by_idx(deck: Path) -> None:
    slide = open_deck(deck).slides[4]
    by_idx = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
    assert by_idx[1].text_frame.text == "Eastern flank"
    assert paragraphs(by_idx[2]) == [("Conventional deterrence", 0), ("Forward presence", 1)]
    assert by_idx[3].text_frame.text == "Southern flank"
    assert paragraphs(by_idx[4]) == [("Hybrid competition", 0), ("Partners, not allies", 1)]


def test_picture_keeps_aspect_ratio_has_alt_text_and_caption_below(deck: Path) -> None:
    slide = open_deck(deck).slides[5]
    pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 1
    picture = pictures[0]
    assert picture._element.nvPicPr.cNvPr.get("descr") == ALT
    assert picture.width / picture.height == pytest.approx(1200 / 700, rel=1e-3)
    caption = named(slide, "Caption")
    assert caption.text_frame.text == "Illustrative figure, not to scale"
    assert caption.top >= picture.top + picture.height
    assert picture.top >= slide.shapes.title.top + slide.shapes.title.height


def test_no_file_name_anywhere_in_the_package(deck: Path) -> None:
    with zipfile.ZipFile(deck) as zf:
        for name in zf.namelist():
            data = zf.read(name)
            assert IMAGE_NAME.encode() not in data, name
            assert b"secret-draft" not in data, name
            if name.endswith(".xml"):
                assert b'descr="image.png"' not in data, name


def test_notes_only_where_planned(deck: Path, plan: DeckPlan) -> None:
    """The speaker notes are every block but the trainee text; a slide with none has no notes page."""
    assert any(block.kind is NoteKind.TRAINEE for s in plan.slides for block in s.notes)
    for slide, planned in zip(open_deck(deck).slides, plan.slides, strict=True):
        if planned.speaker_notes:
            assert slide.notes_slide.notes_text_frame.text == planned.speaker_notes
        else:
            assert not slide.has_notes_slide
    title_notes = open_deck(deck).slides[0].notes_slide.notes_text_frame.text
    assert title_notes == (
        "Welcome the group.\nIntroduce the directing staff.\n\nAllow five minutes for introductions."
    )


def test_trainee_text_never_reaches_the_deck(deck: Path) -> None:
    with zipfile.ZipFile(deck) as zf:
        for name in zf.namelist():
            assert TRAINEE_TEXT.encode() not in zf.read(name), name


def test_marking_top_and_bottom_on_every_slide(deck: Path) -> None:
    prs = open_deck(deck)
    for slide in prs.slides:
        top, bottom = named(slide, "Marking (top)"), named(slide, "Marking (bottom)")
        for shape in (top, bottom):
            assert shape.text_frame.text == MARKING
            assert shape.text_frame.paragraphs[0].runs[0].font.bold is True
            centre = shape.left + shape.width / 2
            assert centre == pytest.approx(prs.slide_width / 2, abs=Emu(12700))
            assert not shape.is_placeholder
        assert top.top + top.height <= slide.shapes.title.top
        assert bottom.top >= prs.slide_height - Emu(914400 * 0.45)


def test_source_line_and_slide_number_in_the_footer(deck: Path, plan: DeckPlan) -> None:
    prs = open_deck(deck)
    for number, (slide, planned) in enumerate(zip(prs.slides, plan.slides, strict=True), 1):
        assert named(slide, "Slide number").text_frame.text == str(number)
        sources = [s for s in slide.shapes if s.name == "Source"]
        if planned.source_line:
            assert [s.text_frame.text for s in sources] == [planned.source_line]
            assert sources[0].left < prs.slide_width / 4
        else:
            assert sources == []


def test_viewer_invariants(deck: Path) -> None:
    """No empty placeholder, nothing off the slide, unique shape ids, every run tagged en-GB."""
    prs = open_deck(deck)
    for number, slide in enumerate(prs.slides, 1):
        ids = [shape.shape_id for shape in slide.shapes]
        assert len(ids) == len(set(ids)), (number, ids)
        for shape in slide.shapes:
            where = f"slide {number}: {shape.name}"
            assert shape.left >= 0 and shape.top >= 0, where
            assert shape.left + shape.width <= prs.slide_width, where
            assert shape.top + shape.height <= prs.slide_height, where
            if shape.is_placeholder:
                assert shape.has_text_frame and shape.text_frame.text.strip(), where
        for run in slide._element.iter(f"{A}r"):
            assert run.find(f"{A}rPr").get("lang") == "en-GB", number


def test_relationships_resolve_and_core_properties_are_set(deck: Path) -> None:
    with zipfile.ZipFile(deck) as zf:
        names = zf.namelist()
        assert names[0] == "[Content_Types].xml"
        assert names[1:] == sorted(names[1:])
        assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        for rels in (n for n in names if n.endswith(".rels")):
            folder = rels.replace("_rels/", "").removesuffix(".rels").rsplit("/", 1)[0]
            for target in re.findall(rb'Target="([^"]+)"', zf.read(rels)):
                resolved = Path(folder, target.decode()).as_posix()
                parts = []
                for piece in resolved.split("/"):
                    if piece == "..":
                        parts.pop()
                    elif piece:
                        parts.append(piece)
                assert "/".join(parts) in names, (rels, target)
        assert b"notesMasterIdLst" in zf.read("ppt/presentation.xml")
    core = open_deck(deck).core_properties
    assert core.title == "Russia and NATO's Southern Flank"
    assert core.author == "Course directing staff"
    assert core.created == core.modified == datetime(2022, 6, 20)
    assert core.revision == 1
    assert core.last_modified_by == "deckgen"


def test_rendering_twice_gives_identical_bytes(deck: Path, placed_plan: DeckPlan) -> None:
    assert render_deck(placed_plan) == deck.read_bytes()


@pytest.mark.parametrize(
    ("date", "epoch", "expected"),
    [
        ("2022-06-20", "1700000000", datetime(2022, 6, 20)),
        ("", "1700000000", datetime(2023, 11, 14, 22, 13, 20)),
        ("", None, datetime(2000, 1, 1)),
    ],
)
def test_core_dates_come_from_the_brief_then_source_date_epoch(
    placed_plan: DeckPlan, monkeypatch: pytest.MonkeyPatch, date: str, epoch: str | None, expected: datetime
) -> None:
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    small = replace(placed_plan, meta=replace(placed_plan.meta, date=date), slides=placed_plan.slides[:1])
    core = Presentation(io.BytesIO(render_deck(small))).core_properties
    assert core.created == core.modified == expected


def test_control_characters_never_reach_the_xml(plan: DeckPlan) -> None:
    dirty = SlidePlan(
        kind="bullets",
        layout=Layout.CONTENT,
        title="Tabs\tand\x0bvertical tabs",
        content=BulletsContent((Bullet("Bell\x07 and form\x0cfeed \ufffe"),)),
        notes=presenter("Line one\nLine\x00 two"),
    )
    data = render_deck(placed(replace(plan, slides=(dirty,))))
    prs = Presentation(io.BytesIO(data))
    slide = prs.slides[0]
    assert slide.shapes.title.text == "Tabs and vertical tabs"
    assert slide.placeholders[1].text_frame.text == "Bell and form feed"
    assert slide.notes_slide.notes_text_frame.text == "Line one\nLine two"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml_parts = [n for n in zf.namelist() if n.endswith(".xml")]
        assert xml_parts
        assert not any(b"_x00" in zf.read(n) for n in xml_parts)


def test_a_plan_that_was_never_placed_is_refused(plan: DeckPlan) -> None:
    """The renderer measures nothing: sizes and boxes come from the plan, or there is no deck."""
    with pytest.raises(ValueError, match="place the plan on its template"):
        render_deck(plan)


# --- the template, checked up front -----------------------------------------------------


def test_shipped_template_has_every_default_layout() -> None:
    assert check_template(default_template_path(), {}) == ()


def test_missing_layout_names_the_layouts_the_template_has() -> None:
    found = check_template(default_template_path(), {Layout.TWO_COLUMN: "Side by Side"})
    assert [d.code for d in found] == ["template-missing-layout"]
    assert "'Side by Side'" in found[0].message
    assert found[0].hint is not None
    for name in ("Title Slide", "Title and Content", "Comparison", "Title Only"):
        assert repr(name) in found[0].hint


def test_render_refuses_a_template_without_a_layout_it_needs(plan: DeckPlan, tmp_path: Path) -> None:
    prs = Presentation(str(default_template_path()))
    # Both two-column layouts go: with either left, the fallback names would find it.
    for name in ("Comparison", "Two Content"):
        layout = next(layout for layout in prs.slide_layouts if layout.name == name)
        prs.slide_layouts.remove(layout)
    template = tmp_path / "no-two-column.pptx"
    prs.save(str(template))
    unservable = placed(replace(plan, template=template))  # the two-column slide stays unplaced
    with pytest.raises(DeckgenError) as caught:
        render_deck(unservable)
    (problem,) = caught.value.diagnostics
    assert problem.code == "template-missing-layout"
    assert problem.loc.path == str(template)
    assert "'Comparison'" in problem.message and "'Title Only'" in (problem.hint or "")


def test_layout_without_a_body_is_a_missing_placeholder() -> None:
    found = check_template(default_template_path(), {Layout.CONTENT: "Title Only"})
    assert [d.code for d in found] == ["template-missing-placeholder"]
    assert "'Title Only'" in found[0].message and "idx 1" in found[0].message
    assert "title (idx 0)" in (found[0].hint or "")


def test_unreadable_template_is_a_diagnostic(tmp_path: Path) -> None:
    bogus = tmp_path / "broken.pptx"
    bogus.write_text("not a zip")
    (problem,) = check_template(bogus, {})
    assert problem.code == "template-unreadable"


def test_two_content_layout_puts_headings_inside_the_bodies(plan: DeckPlan) -> None:
    two = replace(
        plan,
        slides=(plan.slides[4],),
        layout_names={Layout.TWO_COLUMN: "Two Content"},
    )
    slide = Presentation(io.BytesIO(render_deck(placed(two)))).slides[0]
    by_idx = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
    assert paragraphs(by_idx[1])[0] == ("Eastern flank", 0)
    assert paragraphs(by_idx[2])[-1] == ("Partners, not allies", 1)


def test_potx_template_and_sample_slides(plan: DeckPlan, tmp_path: Path) -> None:
    """A .potx opens once its content type is patched; its sample slides leave no trace."""
    prs = Presentation(str(default_template_path()))
    sample = prs.slides.add_slide(prs.slide_layouts[0])
    sample.shapes.title.text = "SAMPLE SLIDE"
    buffer = io.BytesIO()
    prs.save(buffer)
    potx = tmp_path / "briefing.potx"
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(potx, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"presentation.main+xml", b"template.main+xml")
            dst.writestr(item, data)
    data = render_deck(placed(replace(plan, template=potx)))
    deck = Presentation(io.BytesIO(data))
    assert len(deck.slides) == len(plan.slides)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        slide_parts = [n for n in zf.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
        assert len(slide_parts) == len(plan.slides)
        assert not any(b"SAMPLE SLIDE" in zf.read(n) for n in zf.namelist())
        rels = zf.read("ppt/_rels/presentation.xml.rels").decode()
        assert rels.count('relationships/slide"') == len(plan.slides)


# --- other readers ----------------------------------------------------------------------


@pytest.mark.office
def test_libreoffice_renders_one_page_per_slide(deck: Path, tmp_path: Path) -> None:
    reason = missing_tools()
    if reason:
        pytest.skip(reason)
    pages = pdf_pages(to_pdf(deck, tmp_path))
    assert len(pages) == len(open_deck(deck).slides)


def test_openxml_audit_reports_no_errors(deck: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "openxml_audit", "--output", "json", str(deck)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    reports = json.loads(proc.stdout)
    assert isinstance(reports, list) and reports
    for report in reports:
        assert report["error_count"] == 0, report["errors"][:5]
        assert report["valid"] is True
