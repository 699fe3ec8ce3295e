"""Accessibility of the example decks in the shipped template, read back from the .pptx as a
viewer's software would: text size, colour contrast, unique titles, reading order, language.

Sizes and colours are resolved the way PowerPoint does, independently of deckgen's renderer:
the run, then the placeholder's list style, the layout's and the master's placeholders, then the
master's text styles; scheme colours through the master's colour map and the theme, with their
lumMod/lumOff/tint/shade modifiers. The background is the filled layout or master shape under
the text (a title band), else the slide's background. Each check also has a test showing it
fails on a deck that breaks it.
"""

from __future__ import annotations

import colorsys
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Pt

from tests.conftest import EXAMPLES

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS = {"a": A, "p": P, "c": C}

MIN_BODY_PT = 18.0
MIN_CONTRAST = 4.5  # WCAG 2 AA, normal text
MIN_LARGE_CONTRAST = 3.0  # WCAG 2 AA, large text: chart labels are 14 pt bold
# The footer (marking, source line, slide number) and captions are not body text.
NOT_BODY = frozenset({"Marking (top)", "Marking (bottom)", "Source", "Slide number", "Caption"})
TITLE_TYPES = frozenset({PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE})
BODY_TYPES = frozenset({PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.OBJECT})


# --- colours ------------------------------------------------------------------------------


def luminance(rgb: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(rgb[i : i + 2], 16) / 255) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def apply_modifiers(rgb: str, element: Any) -> str:
    """tint and shade in linear light, lumMod and lumOff on HSL lightness, as PowerPoint does."""
    srgb = [int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in srgb]
    mod, off = 1.0, 0.0
    for child in element:
        name, val = etree.QName(child).localname, int(child.get("val", "100000")) / 100000
        if name == "tint":
            lin = [c * val + 1 - val for c in lin]
        elif name == "shade":
            lin = [c * val for c in lin]
        elif name == "lumMod":
            mod = val
        elif name == "lumOff":
            off = val
    srgb = [12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055 for c in lin]
    h, light, s = colorsys.rgb_to_hls(*srgb)
    r, g, b = colorsys.hls_to_rgb(h, min(max(light * mod + off, 0.0), 1.0), s)
    return "".join(f"{round(min(max(c, 0), 1) * 255):02X}" for c in (r, g, b))


class Theme:
    """A master's colours: the theme's scheme seen through the master's (and layout's) colour map."""

    def __init__(self, slide: Any) -> None:
        layout = slide.slide_layout
        master = layout.slide_master
        theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
        scheme: dict[str, str] = {}
        for slot in theme.find("a:themeElements/a:clrScheme", NS):
            colour = slot[0]
            value = colour.get("lastClr") if etree.QName(colour).localname == "sysClr" else colour.get("val")
            scheme[etree.QName(slot).localname] = value.upper()
        mapping = dict(master._element.find("p:clrMap", NS).attrib)
        for part in (layout, slide):
            override = part._element.find("p:clrMapOvr/a:overrideClrMapping", NS)
            if override is not None:
                mapping = dict(override.attrib)
        self.colors = dict(scheme)
        self.colors.update({name: scheme[slot] for name, slot in mapping.items() if slot in scheme})

    def resolve(self, fill: Any) -> str | None:
        """The "RRGGBB" of an a:solidFill (or of a colour element)."""
        if fill is None:
            return None
        element = fill[0] if etree.QName(fill).localname == "solidFill" else fill
        kind = etree.QName(element).localname
        base = {
            "srgbClr": element.get("val"),
            "sysClr": element.get("lastClr"),
            "schemeClr": self.colors.get(element.get("val", "")),
        }.get(kind)
        assert base, f"cannot resolve the colour {etree.tostring(element)!r}"
        return apply_modifiers(base.upper(), element)


def background_under(slide: Any, shape: Any, theme: Theme) -> str:
    """The colour behind ``shape``: a filled layout or master shape under its centre, else the
    first background the slide, its layout or its master gives, else the theme's bg1."""
    layout = slide.slide_layout
    parts = [layout] if layout._element.get("showMasterSp") == "0" else [layout.slide_master, layout]
    cx, cy = shape.left + shape.width // 2, shape.top + shape.height // 2
    behind = None
    for part in parts:
        for deco in part.shapes:
            if deco.is_placeholder or deco.width is None:
                continue
            fill = deco._element.find("p:spPr/a:solidFill", NS)
            inside = deco.left <= cx <= deco.left + deco.width and deco.top <= cy <= deco.top + deco.height
            if fill is not None and inside:
                behind = theme.resolve(fill)
    if behind:
        return behind
    for part in (slide, layout, layout.slide_master):
        bg = part._element.find("p:cSld/p:bg", NS)
        if bg is not None:
            fill = bg.find("p:bgPr/a:solidFill", NS)
            ref = bg.find("p:bgRef", NS)
            found = (
                theme.resolve(fill)
                if fill is not None
                else theme.resolve(ref[0])
                if ref is not None
                else None
            )
            assert found, "a background this test cannot read: teach it"
            return found
    return theme.colors["bg1"]


# --- inherited run properties -------------------------------------------------------------


def list_styles(shape: Any) -> list[Any]:
    """Where a shape's paragraph levels are styled, nearest first."""
    chain = []
    node = shape
    while node is not None:
        chain.extend(node._element.findall("p:txBody/a:lstStyle", NS))
        node = getattr(node, "_base_placeholder", None) if node.is_placeholder else None
    master = shape.part.slide_layout.slide_master._element
    if shape.is_placeholder:
        kind = shape.placeholder_format.type
        style = "titleStyle" if kind in TITLE_TYPES else "bodyStyle" if kind in BODY_TYPES else "otherStyle"
    else:
        style = "otherStyle"
    chain.extend(master.findall(f"p:txStyles/p:{style}", NS))
    presentation = shape.part.package.presentation_part._element
    chain.extend(presentation.findall("p:defaultTextStyle", NS))
    return chain


def inherited(shape: Any, level: int, path: str) -> Any:
    """The first element at ``lvlNpPr/path`` along the shape's list styles."""
    for style in list_styles(shape):
        found = style.find(f"a:lvl{level + 1}pPr/{path}", NS)
        if found is not None:
            return found
    return None


def runs_of(shape: Any) -> Iterator[tuple[Any, Any]]:
    """(paragraph, run properties) for every run and field with text."""
    for para in shape.text_frame.paragraphs:
        for run in para._p.iterchildren(f"{{{A}}}r", f"{{{A}}}fld"):
            text = run.find("a:t", NS)
            if text is not None and (text.text or "").strip():
                yield para, run.find("a:rPr", NS)


def run_size(shape: Any, para: Any, rpr: Any) -> float:
    if rpr is not None and rpr.get("sz"):
        return int(rpr.get("sz")) / 100
    defaults = para._p.find("a:pPr/a:defRPr", NS)
    if defaults is not None and defaults.get("sz"):
        return int(defaults.get("sz")) / 100
    found = inherited(shape, para.level, "a:defRPr[@sz]")
    return int(found.get("sz")) / 100 if found is not None else 18.0  # PowerPoint's default


def run_color(shape: Any, para: Any, rpr: Any, theme: Theme) -> str:
    fill = rpr.find("a:solidFill", NS) if rpr is not None else None
    if fill is None:
        fill = inherited(shape, para.level, "a:defRPr/a:solidFill")
    return theme.resolve(fill) if fill is not None else theme.colors["tx1"]


# --- the checks -----------------------------------------------------------------------------


def text_shapes(slide: Any) -> Iterator[Any]:
    for shape in slide.shapes:
        if shape.has_text_frame and shape.text_frame.text.strip():
            yield shape


def small_body_text(deck: Path) -> list[str]:
    problems = []
    for number, slide in enumerate(Presentation(str(deck)).slides, 1):
        for shape in text_shapes(slide):
            if shape.name in NOT_BODY:
                continue
            for para, rpr in runs_of(shape):
                size = run_size(shape, para, rpr)
                if size < MIN_BODY_PT:
                    problems.append(f"slide {number} {shape.name!r}: {para.text[:40]!r} at {size} pt")
    return problems


def low_contrast_text(deck: Path) -> list[str]:
    problems = []
    for number, slide in enumerate(Presentation(str(deck)).slides, 1):
        theme = Theme(slide)
        for shape in text_shapes(slide):
            behind = background_under(slide, shape, theme)
            for para, rpr in runs_of(shape):
                ink = run_color(shape, para, rpr, theme)
                ratio = contrast(ink, behind)
                if ratio < MIN_CONTRAST:
                    where = f"slide {number} {shape.name!r}: {para.text[:40]!r}"
                    problems.append(f"{where} #{ink} on #{behind} is {ratio:.2f}:1")
        for shape in slide.shapes:
            if getattr(shape, "has_chart", False):
                problems += [f"slide {number}: {p}" for p in low_contrast_chart_labels(shape.chart)]
    return problems


def _under_label(sp_pr: Any) -> list[str]:
    """The colours a label can sit on in a fill: a solid fill's, or both of a pattern's."""
    solid = sp_pr.find("a:solidFill/a:srgbClr", NS)
    if solid is not None:
        return [solid.get("val")]
    return [c.get("val") for c in sp_pr.iterfind("a:pattFill/*/a:srgbClr", NS)]


def low_contrast_chart_labels(chart: Any) -> list[str]:
    """Every shown data label against the bar it sits on (series fill, or the point's own), or
    against the patch of fill behind the labels when they have one (on a patterned bar)."""
    problems = []
    space = chart._chartSpace
    for ser in space.iterfind(".//c:ser", NS):
        name = ser.findtext("c:tx//c:v", default="?", namespaces=NS)
        backing = ser.find("c:dLbls/c:spPr", NS)
        fill = _under_label(backing if backing is not None else ser.find("c:spPr", NS))
        assert fill, f"{name}: no fill found under its labels"
        ink_el = ser.find("c:dLbls/c:txPr//a:defRPr/a:solidFill/a:srgbClr", NS)
        ink = ink_el.get("val") if ink_el is not None else "000000"
        point_fill = {
            int(dpt.find("c:idx", NS).get("val")): _under_label(dpt.find("c:spPr", NS))
            for dpt in ser.findall("c:dPt", NS)
            if backing is None
        }
        point_ink = {}
        for dlbl in ser.findall("c:dLbls/c:dLbl", NS):
            colour = dlbl.find("c:txPr//a:defRPr/a:solidFill/a:srgbClr", NS)
            if colour is not None:
                point_ink[int(dlbl.find("c:idx", NS).get("val"))] = colour.get("val")
        for pt in ser.findall("c:val//c:pt", NS):
            idx = int(pt.get("idx"))
            if not float(pt.findtext("c:v", default="0", namespaces=NS)):
                continue  # zero labels are hidden by the number format
            text = point_ink.get(idx, ink)
            for on in point_fill.get(idx, fill):
                if contrast(text, on) < MIN_LARGE_CONTRAST:
                    problems.append(
                        f"{name} point {idx}: label #{text} on #{on} is {contrast(text, on):.2f}:1"
                    )
    return problems


def repeated_titles(deck: Path) -> list[str]:
    titles = [slide.shapes.title.text for slide in Presentation(str(deck)).slides]
    return sorted({t for t in titles if titles.count(t) > 1})


def out_of_reading_order(deck: Path) -> list[str]:
    """Slides whose shape tree is not: the title, then the rest top to bottom (then left to right)."""
    problems = []
    for number, slide in enumerate(Presentation(str(deck)).slides, 1):
        shapes = list(slide.shapes)
        title = slide.shapes.title
        if not shapes or title is None or shapes[0].shape_id != title.shape_id:
            problems.append(f"slide {number}: the title is not the first shape")
            continue
        spots = [(s.top, s.left) for s in shapes[1:]]
        if spots != sorted(spots):
            problems.append(f"slide {number}: shapes out of order {[s.name for s in shapes]}")
    return problems


def runs_without_language(deck: Path) -> list[str]:
    """Runs and fields in slides, notes and charts with no ``lang``."""
    problems = []
    with zipfile.ZipFile(deck) as zf:
        for name in sorted(zf.namelist()):
            if not name.endswith(".xml") or not name.startswith(
                ("ppt/slides/", "ppt/notesSlides/", "ppt/charts/")
            ):
                continue
            root = etree.fromstring(zf.read(name))
            for run in root.iter(f"{{{A}}}r", f"{{{A}}}fld"):
                rpr = run.find("a:rPr", NS)
                if rpr is None or not rpr.get("lang"):
                    problems.append(f"{name}: {run.findtext('a:t', default='', namespaces=NS)[:40]!r}")
    return problems


# --- the example decks --------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLES)
def test_body_text_is_18_pt_or_larger(name: str, example_decks: dict[str, Path]) -> None:
    problems = small_body_text(example_decks[name])
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("name", EXAMPLES)
def test_text_contrast_is_at_least_4_5_to_1(name: str, example_decks: dict[str, Path]) -> None:
    problems = low_contrast_text(example_decks[name])
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("name", EXAMPLES)
def test_titles_are_unique(name: str, example_decks: dict[str, Path]) -> None:
    assert repeated_titles(example_decks[name]) == []


@pytest.mark.parametrize("name", EXAMPLES)
def test_reading_order_is_visual_order(name: str, example_decks: dict[str, Path]) -> None:
    problems = out_of_reading_order(example_decks[name])
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_run_has_a_language(name: str, example_decks: dict[str, Path]) -> None:
    problems = runs_without_language(example_decks[name])
    assert problems == [], "\n".join(problems[:10])


# --- the checks catch what they look for --------------------------------------------------


@pytest.fixture
def broken_deck(example_decks: dict[str, Path], tmp_path: Path) -> Path:
    """The training deck with one of each fault: 12 pt body text, pale grey text, a repeated
    title, a shape moved to the end of the tree, a run without a language."""
    deck = tmp_path / "broken.pptx"
    shutil.copy(example_decks["southern-flank-training"], deck)
    prs = Presentation(str(deck))
    slides = list(prs.slides)
    body = next(s for s in slides[2].placeholders if s.placeholder_format.idx == 1)
    run = body.text_frame.paragraphs[1].runs[0]
    run.font.size = Pt(12)
    grey = body.text_frame.paragraphs[2].runs[0]
    grey.font.color.rgb = RGBColor(0xAA, 0xAA, 0xAA)
    del body.text_frame.paragraphs[3].runs[0]._r.get_or_add_rPr().attrib["lang"]
    slides[3].shapes.title.text_frame.paragraphs[0].runs[0].text = slides[2].shapes.title.text
    tree = slides[4].shapes._spTree
    tree.append(slides[4].shapes.title._element)  # the title drawn, and read, last
    prs.save(str(deck))
    return deck


def test_the_checks_fail_on_a_deck_that_breaks_them(broken_deck: Path) -> None:
    assert any("at 12.0 pt" in p for p in small_body_text(broken_deck))
    assert any("#AAAAAA" in p for p in low_contrast_text(broken_deck))
    assert repeated_titles(broken_deck) == ["Learning objectives"]
    assert out_of_reading_order(broken_deck) == ["slide 5: the title is not the first shape"]
    assert len(runs_without_language(broken_deck)) == 1


def test_inherited_sizes_and_colours_are_read_through_the_template(example_decks: dict[str, Path]) -> None:
    """A run with no size or colour of its own takes the template's: the size check must see it."""
    prs = Presentation(str(example_decks["southern-flank-training"]))
    slide = next(iter(prs.slides))
    title = slide.shapes.title
    para = title.text_frame.paragraphs[0]
    rpr = para.runs[0]._r.find("a:rPr", NS)
    assert rpr.get("sz") is None  # the title keeps the template's size...
    assert run_size(title, para, rpr) >= 28  # ...which the check finds in the layout
    # White on the navy band, read from the layout: the band is behind it, not the white slide.
    theme = Theme(slide)
    assert contrast(run_color(title, para, rpr, theme), background_under(slide, title, theme)) > 7
