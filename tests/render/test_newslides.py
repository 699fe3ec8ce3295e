"""NewSlides: slides whose placeholders are copied from the first on their layout are the slides
python-pptx's own ``add_slide`` makes, part for part."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from pptx import Presentation

from deckgen.render.fill.newslides import NewSlides
from deckgen.render.fill.slides import placeholder, title_of
from deckgen.render.template.checks import TEXT_TYPES

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = {"python-pptx's default": None, "ours": ROOT / "assets" / "templates" / "briefing.pptx"}


def open_deck(template: Path | None) -> Any:
    return Presentation(str(template) if template is not None else None)


def xml(element: Any) -> bytes:
    return bytes(etree.tostring(element))


@pytest.mark.parametrize("template", TEMPLATES.values(), ids=TEMPLATES.keys())
def test_copied_placeholders_make_the_slides_add_slide_makes(template: Path | None) -> None:
    ours, theirs = open_deck(template), open_deck(template)
    new = NewSlides(ours)
    count = len(ours.slide_layouts)
    order = [n % count for n in range(3 * count)] + [0, 0, count - 1]  # every layout, then again
    made = [new.add(ours.slide_layouts[n]) for n in order]
    expected = [theirs.slides.add_slide(theirs.slide_layouts[n]) for n in order]
    for a, b in zip(made, expected, strict=True):
        assert str(a.part.partname) == str(b.part.partname)
        assert xml(a._element) == xml(b._element)
        assert a.part.slide_layout.name == b.part.slide_layout.name
    assert xml(ours.part._element) == xml(theirs.part._element)  # the slide list, ids, rIds


def test_a_copy_is_not_shared_with_the_slide_it_was_copied_from() -> None:
    prs = open_deck(None)
    new = NewSlides(prs)
    layout = prs.slide_layouts[1]
    first, second = new.add(layout), new.add(layout)
    assert len(second.placeholders) == len(first.placeholders) > 0
    first.shapes.title.text = "first"
    assert second.shapes.title.text == ""
    assert all(a._element is not b._element for a, b in zip(first.shapes, second.shapes, strict=True))


@pytest.mark.parametrize("template", TEMPLATES.values(), ids=TEMPLATES.keys())
def test_placeholders_found_in_the_tree_are_python_pptx_s(template: Path | None) -> None:
    """``placeholder`` and ``title_of`` read the tree directly; python-pptx's lookups are the reference."""
    prs = open_deck(template)
    for layout in prs.slide_layouts:
        slide = prs.slides.add_slide(layout)
        title = slide.shapes.title
        assert getattr(title_of(slide), "_element", None) is getattr(title, "_element", None)
        for idx in range(6):
            expected = next(
                (
                    ph
                    for ph in slide.placeholders
                    if ph.placeholder_format.idx == idx and ph.placeholder_format.type in TEXT_TYPES
                ),
                None,
            )
            found = placeholder(slide, idx)
            assert getattr(found, "_element", None) is getattr(expected, "_element", None)
            assert type(found) is type(expected) or found is None


def test_slides_already_listed_are_counted_for_the_part_names() -> None:
    ours, theirs = open_deck(None), open_deck(None)
    for prs in (ours, theirs):
        for n in (0, 1):
            prs.slides.add_slide(prs.slide_layouts[n])
    new = NewSlides(ours)
    order = [1, 1, 5, 1, 5, 5]
    made = [new.add(ours.slide_layouts[n]) for n in order]
    expected = [theirs.slides.add_slide(theirs.slide_layouts[n]) for n in order]
    assert [str(s.part.partname) for s in made] == [str(s.part.partname) for s in expected]
    assert str(made[-1].part.partname) == "/ppt/slides/slide8.xml"
    assert xml(ours.part._element) == xml(theirs.part._element)
