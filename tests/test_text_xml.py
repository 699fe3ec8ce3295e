"""The XML the renderer writes for text, against what python-pptx's own setters write.

``write_lines`` and ``write_notes`` write paragraphs as XML text (``deckgen.render.fill.textxml``)
instead of through python-pptx's objects, which cost a third of a large render; decks must stay
byte-identical, so every case here writes the same thing twice, once the fast way and once
through ``write_lines_pptx`` / ``write_notes_pptx`` (python-pptx's setters, the reference), on two
slides made alike, and compares the slides' XML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from pptx import Presentation
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

from deckgen.core.assets import default_template_path
from deckgen.plan.boxes import Box
from deckgen.render.fill.colors import Ink, slide_palette
from deckgen.render.fill.text import (
    Line,
    add_text_box,
    set_box_body,
    write_lines,
    write_lines_pptx,
    write_lines_xml,
    write_notes_pptx,
    write_notes_xml,
)
from deckgen.render.fill.textxml import RunStyle, rpr_xml, writable, write_plain

LAYOUTS = ("Title Slide", "Title and Content", "Section Header", "Two Content", "Title Only")
BOX = Box(457200, 1600200, 4114800, 2286000)
# Characters python-pptx treats specially (breaks, escapes, markup) and some it does not.
SPECIAL = [*"\n\v\t\r &<>\"'_x.", "\x00", "\x01", "\x08", "\x0c", "\x1b", "\x1f", "\x7f"]
SPECIAL += ["é", "ß", "中文", "🙂", "\u00a0", "\u2028", "\u200b", "_x000B_", "  ", "A. "]
TEXT = st.lists(st.one_of(st.sampled_from(SPECIAL), st.characters(codec="utf-8")), max_size=24).map("".join)
ALIGNS = [align for align in PP_ALIGN if align.xml_value]
LINE = st.builds(
    Line,
    text=TEXT,
    level=st.integers(-1, 9),
    size=st.none() | st.floats(1.0, 400.0, allow_nan=False),
    bold=st.none() | st.booleans(),
    italic=st.none() | st.booleans(),
    ink=st.none() | st.sampled_from(list(Ink)),
    bullet=st.booleans(),
    hang=st.booleans(),
    align=st.none() | st.sampled_from(ALIGNS),
    space_before=st.none() | st.floats(0.0, 200.0, allow_nan=False),
)
LANG = st.sampled_from(["en-GB", "fr-FR", "zh-CN"])
SLOW = settings(deadline=None, max_examples=120, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def deck() -> Any:
    return Presentation(str(default_template_path()))


def xml(element: Any) -> bytes:
    return bytes(etree.tostring(element))


def two_frames(prs: Any, layout_name: str, where: str) -> tuple[Any, Any]:
    """The same text frame on two new slides of ``layout_name``: a placeholder (``where`` its
    idx) or a deckgen text box."""
    layout = next(layout for layout in prs.slide_layouts if layout.name == layout_name)
    frames = []
    for _ in range(2):
        slide = prs.slides.add_slide(layout)
        if where == "box":
            frames.append(add_text_box(slide.shapes, BOX, name="Box").text_frame)
        else:
            ph = next((p for p in slide.placeholders if p.placeholder_format.idx == int(where)), None)
            frames.append((ph if ph is not None else slide.shapes.title).text_frame)
    return frames[0], frames[1]


def slide_of(frame: Any) -> Any:
    return frame._parent.part.slide


@SLOW
@given(
    lines=st.lists(LINE, max_size=5),
    again=st.none() | st.lists(LINE, max_size=3),
    layout=st.sampled_from(LAYOUTS),
    where=st.sampled_from(["0", "1", "2", "box"]),
    lang=LANG,
    with_palette=st.booleans(),
)
def test_lines_are_written_as_python_pptx_writes_them(
    deck: Any,
    lines: list[Line],
    again: list[Line] | None,
    layout: str,
    where: str,
    lang: str,
    with_palette: bool,
) -> None:
    fast, reference = two_frames(deck, layout, where)
    palette = slide_palette(slide_of(fast)) if with_palette else None
    assert write_lines_xml(fast, lines, lang=lang, palette=palette)  # a fresh frame: the XML path
    write_lines_pptx(reference, lines, lang=lang, palette=palette)
    assert xml(slide_of(fast)._element) == xml(slide_of(reference)._element)
    if again is not None:  # a second write keeps the first paragraph's properties: python-pptx's path
        write_lines(fast, again, lang=lang, palette=palette)
        write_lines_pptx(reference, again, lang=lang, palette=palette)
        assert xml(fast._txBody) == xml(reference._txBody)


def test_the_common_lines_match(deck: Any) -> None:
    """The lines a deck is made of, one of each, without hypothesis's variety."""
    lines = [
        Line("Learning objectives", size=25),
        Line("By the end you will:", size=20, bold=True, ink=Ink.ACCENT, bullet=False, space_before=10),
        Line("A. the first choice", size=20, bullet=False, hang=True, space_before=10),
        Line("Second level", level=1, size=18, space_before=6),
        Line("UNCLASSIFIED", size=11, bold=True, ink=Ink.TEXT, align=PP_ALIGN.CENTER),
        Line("Source: an article, May 2022, ¶6", size=9, ink=Ink.MUTED, bullet=False, italic=True),
    ]
    for where in ("0", "1", "box"):
        fast, reference = two_frames(deck, "Title and Content", where)
        palette = slide_palette(slide_of(fast))
        assert write_lines_xml(fast, lines, lang="en-GB", palette=palette)
        write_lines_pptx(reference, lines, lang="en-GB", palette=palette)
        assert xml(fast._txBody) == xml(reference._txBody)
        assert b"<a:buNone/>" in xml(fast._txBody) and b'lumMod val="' in xml(fast._txBody)


@SLOW
@given(text=TEXT, lang=LANG)
def test_raw_text_is_split_and_escaped_as_python_pptx_does(deck: Any, text: str, lang: str) -> None:
    """Below deckgen's sanitising: breaks at \\n and \\v, no empty runs, ``_x001B_`` escapes,
    markup characters, as ``TextFrame.text`` writes them (then each run's lang)."""
    fast, reference = two_frames(deck, "Title Only", "box")
    if not writable(text, lang):
        return
    write_plain(fast._txBody, text.split("\n"), lang)
    reference.text = text
    for para in reference.paragraphs:
        for run in para.runs:
            run._r.get_or_add_rPr().set("lang", lang)
    assert xml(fast._txBody) == xml(reference._txBody)


@SLOW
@given(text=TEXT, lang=LANG)
def test_notes_are_written_as_python_pptx_writes_them(deck: Any, text: str, lang: str) -> None:
    fast, reference = (
        slide_of(frame).notes_slide.notes_text_frame for frame in two_frames(deck, "Title Only", "box")
    )
    assert write_notes_xml(fast, text, lang=lang)
    write_notes_pptx(reference, text, lang=lang)
    assert xml(fast._txBody) == xml(reference._txBody)


@settings(deadline=None, max_examples=200)
@given(
    theme=st.sampled_from([c for c in MSO_THEME_COLOR if c.xml_value]),
    brightness=st.floats(-1.0, 1.0, allow_nan=False),
    size=st.none() | st.integers(100, 400000),
    bold=st.none() | st.booleans(),
)
def test_run_properties_are_what_font_and_color_format_write(
    theme: MSO_THEME_COLOR, brightness: float, size: int | None, bold: bool | None
) -> None:
    """Every theme colour and brightness, not only those a palette picks."""
    from pptx.oxml import parse_xml
    from pptx.text.text import Font

    ns = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    reference = parse_xml(f'<a:rPr {ns} lang="en-GB"/>')
    font = Font(reference)
    if size is not None:
        reference.set("sz", str(size))
    if bold is not None:
        font.bold = bold
    font.color.theme_color = theme
    if brightness:
        font.color.brightness = brightness
    style = RunStyle(
        "en-GB",
        sz=None if size is None else str(size),
        b=None if bold is None else ("1" if bold else "0"),
        scheme=theme.xml_value,
        brightness=brightness,
    )
    fast = parse_xml(rpr_xml(style).replace("<a:rPr", f"<a:rPr {ns}", 1))
    assert xml(fast) == xml(reference)


@pytest.mark.parametrize("anchor", [MSO_ANCHOR.TOP, MSO_ANCHOR.MIDDLE, MSO_ANCHOR.BOTTOM])
@pytest.mark.parametrize("inset", [0, 9144, 18288, 45720, 91440, 45720 * 2 + 1])
def test_a_text_box_is_set_up_as_its_setters_would(deck: Any, anchor: MSO_ANCHOR, inset: int) -> None:
    """``add_text_box`` sets its body's XML; python-pptx leaves out an inset equal to its default."""
    layout = next(layout for layout in deck.slide_layouts if layout.name == "Title Only")
    fast_slide, reference_slide = deck.slides.add_slide(layout), deck.slides.add_slide(layout)
    add_text_box(fast_slide.shapes, BOX, name="Box", anchor=anchor, inset=inset)
    shape = reference_slide.shapes.add_textbox(BOX.left, BOX.top, BOX.width, BOX.height)
    shape.name = "Box"
    set_box_body(shape.text_frame, anchor=anchor, inset=inset)
    assert xml(fast_slide._element) == xml(reference_slide._element)


def test_a_first_paragraph_with_properties_is_left_to_python_pptx(deck: Any) -> None:
    """``frame.clear()`` keeps the first paragraph's ``a:pPr`` and end mark: the XML path declines
    such a frame, changing nothing, and ``write_lines`` writes it the python-pptx way."""
    fast, reference = two_frames(deck, "Title and Content", "1")
    for frame in (fast, reference):
        frame.paragraphs[0].alignment = PP_ALIGN.RIGHT
        frame.paragraphs[0].font.size = 12 * 12700  # an a:pPr/a:defRPr
        frame.paragraphs[0]._p.get_or_add_endParaRPr().set("lang", "de-DE")
    before = xml(fast._txBody)
    lines = [Line("kept properties", size=20, bullet=False, space_before=4), Line("second", level=2)]
    assert not write_lines_xml(fast, lines, lang="en-GB")
    assert xml(fast._txBody) == before
    write_lines(fast, lines, lang="en-GB")
    write_lines_pptx(reference, lines, lang="en-GB")
    assert xml(fast._txBody) == xml(reference._txBody)
    assert b'algn="r"' in xml(fast._txBody) and b"endParaRPr" in xml(fast._txBody)


def test_a_value_python_pptx_refuses_is_refused_as_before(deck: Any) -> None:
    """A size below 1 pt is out of python-pptx's range: the XML path declines, and write_lines
    raises what python-pptx raises."""
    fast, reference = two_frames(deck, "Title and Content", "box")
    lines = [Line("fine", size=20), Line("too small", size=0.5)]
    before = xml(fast._txBody)
    assert not write_lines_xml(fast, lines, lang="en-GB")
    assert xml(fast._txBody) == before
    with pytest.raises(ValueError) as fast_error:
        write_lines(fast, lines, lang="en-GB")
    with pytest.raises(ValueError) as reference_error:
        write_lines_pptx(reference, lines, lang="en-GB")
    assert str(fast_error.value) == str(reference_error.value)
    assert not writable("a\ufffe", "en-GB") and not writable("a", "en\x01GB")


def test_template_placeholders_match_in_every_impress_template(impress_corpus: dict[str, Path]) -> None:
    """LibreOffice's templates: sizes pinned from their prompt paragraphs, inherited colours
    judged for legibility, pictures behind the text."""
    from deckgen.render.fill.text import legible, shown_spot

    lines = [
        Line("A title that inherits"),
        Line("Bold accent", bold=True, ink=Ink.ACCENT, bullet=False, space_before=8),
        Line("B. a hanging choice", bullet=False, hang=True),
        Line("Second level", level=1, ink=Ink.MUTED),
    ]
    written = 0
    for path in sorted(impress_corpus.values()):
        prs = Presentation(str(path))
        for layout in prs.slide_layouts:
            fast_slide, reference_slide = prs.slides.add_slide(layout), prs.slides.add_slide(layout)
            for fast, reference in zip(fast_slide.placeholders, reference_slide.placeholders, strict=True):
                palette = slide_palette(fast_slide, Box(*(int(v) for v in shown_spot(fast))))
                shown = legible(fast, lines, palette)
                assert write_lines_xml(fast.text_frame, shown, lang="en-GB", palette=palette), path.name
                write_lines_pptx(reference.text_frame, shown, lang="en-GB", palette=palette)
                written += 1
            assert xml(fast_slide._element) == xml(reference_slide._element), (path.name, layout.name)
    assert written > 100
