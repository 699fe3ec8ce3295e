"""Layouts LibreOffice copied under every master get their own master's geometry, and each role
takes the copy that suits it (``render/template/exported.py``)."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from deckgen.core.assets import default_template_path
from deckgen.plan.model import Layout
from deckgen.render.package.save import as_presentation_package
from deckgen.render.template.exported import box_of, find_layout, iter_layouts, repair_exported_layouts
from deckgen.render.template.roles import open_template

IN = 914400


def boxes(layout: object) -> dict[str, tuple[int, int, int, int] | None]:
    return {ph.placeholder_format.type.name: box_of(ph) for ph in layout.placeholders}  # type: ignore[attr-defined]


def master_areas(layout: object) -> dict[str, tuple[int, int, int, int] | None]:
    return boxes(layout.slide_master)  # type: ignore[attr-defined]


def raw(path: Path) -> object:
    return Presentation(as_presentation_package(path.read_bytes()))


def test_vintage_copies_of_one_geometry_take_their_masters(impress_corpus: dict[str, Path]) -> None:
    before = raw(impress_corpus["Vintage"])
    copies = [layout for layout in iter_layouts(before) if layout.name == "Title, Content"]  # type: ignore[arg-type]
    texts = [(b["TITLE"], b["OBJECT"]) for b in map(boxes, copies)]
    assert len(set(texts)) == 1  # the exporter's one geometry (footers aside)
    assert "Title, Content" in repair_exported_layouts(before)  # type: ignore[arg-type]
    for layout in copies:
        areas = master_areas(layout)
        assert boxes(layout)["TITLE"] == areas["TITLE"]
        assert boxes(layout)["OBJECT"] == areas["BODY"]


def test_two_columns_stay_side_by_side_in_the_master_text_area(impress_corpus: dict[str, Path]) -> None:
    prs = open_template(impress_corpus["Midnightblue"])
    layout = find_layout(prs, "Title, 2 Content", Layout.TWO_COLUMN)
    assert layout is not None
    area = master_areas(layout)["BODY"]
    assert area is not None
    columns = [ph for ph in layout.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.OBJECT]
    left, right = (box_of(ph) for ph in columns)
    assert left is not None and right is not None
    assert left[0] == area[0] and left[0] + left[2] < right[0]  # a gap between the columns
    assert abs(right[0] + right[2] - (area[0] + area[2])) <= 2  # rounding only
    assert left[3] == right[3] == area[3]


def test_each_role_takes_the_copy_that_suits_it(impress_corpus: dict[str, Path]) -> None:
    prs = open_template(impress_corpus["Vintage"])
    height = int(prs.slide_height or 0)
    content = find_layout(prs, "Title, Content", Layout.CONTENT)
    title = find_layout(prs, "Title Slide", Layout.TITLE)
    assert content is not None and title is not None
    body = boxes(content)["OBJECT"]
    assert body is not None and body[3] > 4.5 * IN  # the content master's 4.8 in, not 2.2 in
    heading = boxes(title)["TITLE"]
    assert heading is not None
    assert abs(heading[1] + heading[3] // 2 - height // 2) < 1 * IN  # title in the middle


def test_a_divider_skips_a_centred_copy_too_short_for_its_text(impress_corpus: dict[str, Path]) -> None:
    # Beehive's title master leaves 0.94 in under the title: a part number and strapline do not fit.
    prs = open_template(impress_corpus["Beehive"])
    layout = find_layout(prs, "Title Slide", Layout.SECTION)
    assert layout is not None
    text = boxes(layout)["SUBTITLE"]
    assert text is not None and text[3] > 1.3 * IN


def test_a_one_master_template_is_left_as_it_is() -> None:
    path = default_template_path()
    before = Presentation(str(path))
    after = open_template(path)
    assert repair_exported_layouts(Presentation(str(path))) == ()  # type: ignore[arg-type]
    assert [tuple(boxes(a).items()) for a in iter_layouts(after)] == [
        tuple(boxes(b).items()) for b in iter_layouts(before)
    ]


def test_every_corpus_copy_keeps_its_layout_shape(impress_corpus: dict[str, Path]) -> None:
    """No repaired placeholder has a zero size, or a position left behind without its size."""
    for name, path in impress_corpus.items():
        for layout in iter_layouts(open_template(path)):
            for ph in layout.placeholders:
                box = box_of(ph)
                assert box is not None and box[2] > 0 and box[3] > 0, (name, layout.name, ph.name)


def test_exported_field_names_are_not_drawn_as_text(impress_corpus: dict[str, Path]) -> None:
    """Lights' content masters carry "<date/time>" and "<number>" boxes that every slide would show."""
    before = raw(impress_corpus["Lights"])
    texts = [s.text_frame.text for m in before.slide_masters for s in m.shapes if s.has_text_frame]  # type: ignore[attr-defined]
    assert "<date/time>" in texts
    after = open_template(impress_corpus["Lights"])
    for master in after.slide_masters:
        for shape in master.shapes:
            if shape.has_text_frame and not shape.is_placeholder:
                assert shape.text_frame.text.strip() not in {"<date/time>", "<number>"}  # type: ignore[attr-defined]
    placeholders = [s for m in after.slide_masters for s in m.shapes if s.is_placeholder]
    assert any(s.text_frame.text == "<date/time>" for s in placeholders)  # placeholders are kept  # type: ignore[attr-defined]


def test_a_template_that_is_no_export_keeps_its_bytes() -> None:
    """Looking for exported field boxes must not add empty text bodies to shapes without one."""
    path = Path(__file__).resolve().parent.parent / "templates" / "corporate.pptx"
    before = Presentation(str(path))
    after = open_template(path)
    parts = lambda prs: [  # noqa: E731
        p.part.blob for m in prs.slide_masters for p in [m, *m.slide_layouts]
    ]
    assert parts(after) == parts(before)


def test_a_title_flush_with_the_page_edge_takes_the_text_margin(impress_corpus: dict[str, Path]) -> None:
    prs = open_template(impress_corpus["Blue_Curve"])
    layout = find_layout(prs, "Title Slide", Layout.SECTION)
    assert layout is not None
    title, text = boxes(layout)["TITLE"], boxes(layout)["SUBTITLE"]
    assert title is not None and text is not None
    assert master_areas(layout)["TITLE"][0] == 0  # type: ignore[index]  # the template's own
    assert title[0] == text[0] > 0


def test_inspect_names_the_master_whose_copy_each_role_uses(impress_corpus: dict[str, Path]) -> None:
    from deckgen.render.template.inspect import format_report, inspect_template, report_to_dict

    report = inspect_template(impress_corpus["Vintage"])
    roles = {r["role"]: r for r in report_to_dict(report)["roles"]}  # type: ignore[union-attr]
    assert roles["title"]["master"] == 1 and roles["content"]["master"] == 2  # title master, content master
    text = format_report(report)
    assert "'Title, Content' of master 2" in text
    assert text.count("layout 'Title, Content'  <- content") == 1
    assert "layout 'Title, Content'  (not used: another master's layout of this name is)" in text
