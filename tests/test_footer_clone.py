"""The footer copied from a per-layout prototype is the footer python-pptx would have drawn.

Each deck is rendered twice, with the prototypes and without them (``footer_prototype.ENABLED``),
and every part of the two compared byte for byte: the copies must carry the same shape ids, the
same texts and the same XML as the ordinary path, on slides of several layouts, with source lines
that are the same, different, absent, empty once sanitised, or full of odd characters.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_CONNECTOR
from pptx.oxml.ns import qn
from pptx.util import Emu

from deckgen import api
from deckgen.core.assets import default_template_path
from deckgen.plan.model import (
    Bullet,
    BulletsContent,
    Column,
    DeckPlan,
    Footer,
    Layout,
    QuoteContent,
    SectionContent,
    SlidePlan,
    TitleContent,
    TwoColumnContent,
)
from deckgen.render import DEFAULT_LAYOUT_NAMES, render_deck
from deckgen.render.fill import footer_prototype
from deckgen.render.fill.footer import draw_footer, order_for_reading
from deckgen.render.fill.layoutmemo import part_memo
from tests.examples import example_in_template
from tests.render.conftest import placed, sample_meta

SOURCE = "Source: Fix & Kausch, Foreign Policy, May 2022"
LONG = "Sources: " + "; ".join(
    f"Report {n} on the southern flank, chapter {n}, pages 1-{n}0" for n in range(1, 9)
)
# As the plan hands them to the renderer: sanitised on the way into the slide, never before.
ODD_SOURCES = (
    SOURCE,
    SOURCE,  # the same again: the prototype's own text
    "Source: NATO <Strategic Concept> \"2022\" & 'Madrid'",  # XML's special characters
    "Quelle: Ministère – “Rapport” 2022 ✓ \U0001f30d",
    "Bell\x07 escape\x1b unit\x1f end",  # control characters python-pptx would escape
    "Line one\nline two\vthree\r\nfour\tfive",  # line breaks, a vertical tab, a tab
    "",  # no source line
    "\x01\x02",  # a source line that sanitising empties: its box stays, with no run
    "   padded   source   ",
)


def bullets(title: str, source: str) -> SlidePlan:
    content = BulletsContent(bullets=(Bullet("One point"), Bullet("A second point", level=1)))
    return SlidePlan(kind="bullets", layout=Layout.CONTENT, title=title, content=content, source_line=source)


def varied_plan(template: Path | None = None) -> DeckPlan:
    """Slides of five layouts; content slides with every odd source line, then more of each layout."""
    opening = TitleContent(subtitle="Copied")
    slides = [SlidePlan(kind="title", layout=Layout.TITLE, title="Footers", content=opening)]
    slides += [bullets(f"Content {n}", source) for n, source in enumerate(ODD_SOURCES, 1)]
    for n in range(3):
        slides.append(
            SlidePlan(
                kind="quote",
                layout=Layout.TITLE_ONLY,
                title=f"Quote {n}",
                content=QuoteContent(text="Cheap, opportunistic and effective.", attribution="Fix"),
                source_line=(SOURCE, LONG, f"Source {n}")[n],
            )
        )
        slides.append(
            SlidePlan(
                kind="section",
                layout=Layout.SECTION,
                title=f"Part {n}",
                content=SectionContent(text="Where it began", number=n + 1),
            )
        )
        slides.append(
            SlidePlan(
                kind="comparison",
                layout=Layout.TWO_COLUMN,
                title=f"Two flanks {n}",
                content=TwoColumnContent(
                    left=Column("East", (Bullet("Deterrence"),)),
                    right=Column("South", (Bullet("Competition"),)),
                ),
                source_line=LONG if n < 2 else LONG + " and one more",  # a row above the band
            )
        )
    slides += [bullets(f"Content again {n}", f"Source: report {n}") for n in range(1, 5)]
    return DeckPlan(meta=sample_meta(), template=template or default_template_path(), slides=tuple(slides))


CNVPR = f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}"


def parts(deck: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(deck)) as z:
        return {name: z.read(name) for name in z.namelist()}


def render_both(plan: DeckPlan, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """``plan`` rendered with the prototypes, then the ordinary way."""
    fast = parts(render_deck(plan))
    monkeypatch.setattr(footer_prototype, "ENABLED", False)
    slow = parts(render_deck(plan))
    return fast, slow


def assert_same(fast: dict[str, bytes], slow: dict[str, bytes]) -> None:
    assert sorted(fast) == sorted(slow)
    differ = [name for name in sorted(slow) if fast[name] != slow[name]]
    assert not differ, f"parts differ: {differ[:5]}"


def slide_xml(deck: dict[str, bytes]) -> list[etree._Element]:
    names = sorted((n for n in deck if n.startswith("ppt/slides/slide")), key=lambda n: int(n[16:-4]))
    return [etree.fromstring(deck[name]) for name in names]


def test_copied_footers_are_the_footers_python_pptx_draws(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = placed(varied_plan())
    fast, slow = render_both(plan, monkeypatch)
    assert len(slide_xml(fast)) == len(plan.slides)
    assert_same(fast, slow)


def test_each_slide_keeps_its_number_field_and_unique_shape_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = parts(render_deck(placed(varied_plan())))
    for number, slide in enumerate(slide_xml(fast), 1):
        fields = slide.findall(f".//{qn('a:fld')}")
        assert [(f.get("type"), f.findtext(qn("a:t"))) for f in fields] == [("slidenum", str(number))]
        ids = [el.get("id") for el in slide.iter(qn("p:cNvPr"))]
        assert len(ids) == len(set(ids)), f"slide {number}: shape ids {ids}"
        names = [el.get("name") for el in slide.iter(qn("p:cNvPr"))]
        assert "Slide number" in names and "Marking (top)" in names


def test_the_source_line_is_each_slides_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """The copies carry the slide's text, not the prototype's (the byte comparison aside)."""
    fast = parts(render_deck(placed(varied_plan())))
    texts = []
    for slide in slide_xml(fast):
        source = [sp for sp in slide.iter(qn("p:sp")) if sp.find(CNVPR).get("name") == "Source"]
        texts.append("".join(t.text or "" for t in source[0].iter(qn("a:t"))) if source else None)
    assert texts[-4:] == [f"Source: report {n}" for n in range(1, 5)]
    assert texts[4] == "Quelle: Ministère – “Rapport” 2022 ✓ \U0001f30d"
    assert texts[6] == "Line one line two three four five"


def draw_two(
    enabled: bool, footer: Footer, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[bytes], dict[Any, Any]]:
    """Two content slides with footers drawn straight onto a template: their XML and the memo."""
    monkeypatch.setattr(footer_prototype, "ENABLED", enabled)
    prs = Presentation(str(default_template_path()))
    layout = prs.slide_layouts.get_by_name(DEFAULT_LAYOUT_NAMES[Layout.CONTENT])
    assert layout is not None
    out = []
    for number, source in ((1, SOURCE), (2, "Source: another report")):
        slide = prs.slides.add_slide(layout)
        draw_footer(slide, footer, marking="MARKING", source_line=source, number=number, lang="de-DE")
        out.append(etree.tostring(slide._element))
    return out, part_memo(layout.part, "footer")


def test_the_prototype_is_kept_on_the_layout_and_used(monkeypatch: pytest.MonkeyPatch) -> None:
    footer = placed(varied_plan()).slides[1].footer
    assert footer is not None
    fast, memo = draw_two(True, footer, monkeypatch)
    slow, none = draw_two(False, footer, monkeypatch)
    assert fast == slow
    assert list(memo) == [(footer, "MARKING", "de-DE")] and none == {}
    # Another presentation of the same template starts with no prototypes: nothing carries over.
    other = Presentation(str(default_template_path()))
    layout = other.slide_layouts.get_by_name(DEFAULT_LAYOUT_NAMES[Layout.CONTENT])
    assert layout is not None and part_memo(layout.part, "footer") == {}
    # A footer of another geometry gets a prototype of its own.
    assert footer.source is not None
    moved = replace(footer, source=replace(footer.source, width=footer.source.width - 1))
    again, memo = draw_two(True, moved, monkeypatch)
    assert again != fast and list(memo) == [(moved, "MARKING", "de-DE")]


@pytest.mark.parametrize(
    ("text", "swappable"),
    [(None, True), ("Source: x", True), ("a\tb", True), ("", False), ("a\nb", False), ("a\vb", False)]
    + [(f"a{chr(c)}b", False) for c in (0x00, 0x07, 0x08, 0x0B, 0x0C, 0x0D, 0x1B, 0x1F)],
)
def test_only_text_that_stays_one_run_is_swapped(text: str | None, swappable: bool) -> None:
    assert footer_prototype.swappable(text) is swappable


def test_marking_plates_are_copied_too(
    impress_corpus: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sunset's striped frame puts the top marking on a white plate: the copies keep it."""
    brief = example_in_template("southern-flank-readahead", impress_corpus["Sunset"], tmp_path)
    fast = parts(api.build(brief, output=tmp_path / "fast.pptx", force=True).output.read_bytes())
    monkeypatch.setattr(footer_prototype, "ENABLED", False)
    slow = parts(api.build(brief, output=tmp_path / "slow.pptx", force=True).output.read_bytes())
    assert b'name="Marking (top)"' in fast["ppt/slides/slide2.xml"]
    assert_same(fast, slow)


def python_pptx_order(slide: Any) -> list[Any]:
    """The reading order as python-pptx's properties give it: the title, then by top and left
    (a placeholder without a position of its own at its layout's)."""
    title = slide.shapes.title
    title_element = title._element if title is not None else None

    def key(shape: Any) -> tuple[int, int, int]:
        if shape._element is title_element:
            return (0, 0, 0)
        return (1, int(shape.top or 0), int(shape.left or 0))

    return [shape._element for shape in sorted(slide.shapes, key=key)]


def test_reading_order_reads_the_positions_python_pptx_reads() -> None:
    """Shapes of every kind with a position of their own, placeholders without one (at their
    layout's), a title that is not first: sorted as python-pptx's ``left`` and ``top`` sort them."""
    prs = Presentation(str(default_template_path()))
    for role in (Layout.CONTENT, Layout.TWO_COLUMN, Layout.TITLE):
        slide = prs.slides.add_slide(prs.slide_layouts.get_by_name(DEFAULT_LAYOUT_NAMES[role]))
        shapes = slide.shapes
        shapes.add_textbox(Emu(5000), Emu(900), Emu(100), Emu(100))
        shapes.add_textbox(Emu(100), Emu(900), Emu(100), Emu(100))  # same top: by left
        shapes.add_table(2, 2, Emu(300), Emu(40), Emu(1000), Emu(400))  # p:graphicFrame, p:xfrm
        group = shapes.add_group_shape()
        group.shapes.add_textbox(Emu(700), Emu(6000000), Emu(100), Emu(100))  # p:grpSpPr/a:xfrm
        shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Emu(10), Emu(20), Emu(30), Emu(5000))
        shapes.add_picture(io.BytesIO(PNG), Emu(2000), Emu(3000000))
        tree = shapes._spTree
        members = list(tree.iter_shape_elms())
        for element in members:  # the title and placeholders last: the order must come from positions
            tree.remove(element)
        for element in reversed(members):
            tree.append(element)
        expected = python_pptx_order(slide)
        order_for_reading(slide)
        assert list(tree.iter_shape_elms()) == expected
        assert expected[0] is shapes.title._element


# A 1x1 PNG, for a picture shape.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8ff"
    "ff3f0005fe02fea7d6a4480000000049454e44ae426082"
)
