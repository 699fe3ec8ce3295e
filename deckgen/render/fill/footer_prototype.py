"""The footer's shapes built once per layout and footer geometry, then copied onto each slide.

A footer is the same on every slide of a layout but for two texts, the source line and the slide
number: building its four text boxes through python-pptx's object layer on every slide took about
a third of a large deck's render. The first slide of each layout and geometry draws its footer
the ordinary way; its shapes are kept as a prototype, and every later slide gets copies of them
with the two texts put in. The copies are the XML python-pptx would have written: the same
elements, the same shape ids (``_next_shape_id``: one more than the largest ``id`` in the slide,
in the order the shapes are added), the same texts.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pptx.oxml.ns import qn
from pptx.slide import Slide

from deckgen.core.textnorm import slide_text
from deckgen.plan.model import Footer
from deckgen.render.fill.colors import own_colours
from deckgen.render.fill.layoutmemo import layout_of, part_memo
from deckgen.render.fill.textxml import one_run

# False draws every footer the ordinary way: the tests compare the two paths with it.
ENABLED = True


_CNVPR = f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}"
_SOURCE_T = f"{qn('p:txBody')}/{qn('a:p')}/{qn('a:r')}/{qn('a:t')}"
_NUMBER_T = f"{qn('p:txBody')}/{qn('a:p')}/{qn('a:fld')}/{qn('a:t')}"


@dataclass(frozen=True)
class Prototype:
    """A footer's ``p:sp`` elements in the order they are added, each detached from any slide;
    ``source`` is the index of the source line's, None when the footer has none (the slide
    number's is always the last)."""

    elements: tuple[Any, ...]
    source: int | None


def draw_footer_shapes(
    slide: Slide,
    footer: Footer,
    *,
    marking: str,
    source_line: str,
    number: int,
    lang: str,
    draw: Callable[[], None],
) -> None:
    """Put the footer's shapes on ``slide``: copies of its layout's prototype, else by ``draw``
    (python-pptx's way), whose shapes become the prototype when their texts can be swapped."""
    source = slide_text(source_line) if footer.source is not None else None
    if not ENABLED or not swappable(source) or own_colours(slide):  # its colours are not the layout's
        draw()
        return
    prototypes = part_memo(layout_of(slide.part).part, "footer")
    key = (footer, marking, lang)
    prototype: Prototype | None = prototypes.get(key)
    if prototype is None:
        tree = slide.shapes._spTree
        before = len(list(tree.iter_shape_elms()))
        draw()
        made = keep(list(tree.iter_shape_elms())[before:], footer, source, number)
        if made is not None:
            prototypes[key] = made
        return
    stamp(slide, prototype, source, number)


def swappable(source: str | None) -> bool:
    """Whether the source line's text goes into the prototype's one run as it is (no line)."""
    return source is None or one_run(source)


def keep(added: list[Any], footer: Footer, source: str | None, number: int) -> Prototype | None:
    """The prototype of the shapes ``draw`` added, None when they are not what a swap expects:
    a marking top and bottom, the source line (one run holding ``source``), the number."""
    markings = 2 if footer.marking_top is not None and footer.marking_bottom is not None else 0
    expected = markings + (source is not None) + 1
    if len(added) != expected:
        return None
    elements = tuple(copy.deepcopy(element) for element in added)
    at = markings if source is not None else None
    if at is not None:
        runs = elements[at].findall(_SOURCE_T)
        if len(runs) != 1 or runs[0].text != source:
            return None
    numbers = elements[-1].findall(_NUMBER_T)
    if len(numbers) != 1 or numbers[0].text != str(number):
        return None
    if any(element.find(_CNVPR) is None for element in elements):
        return None
    return Prototype(elements, at)


def stamp(slide: Slide, prototype: Prototype, source: str | None, number: int) -> None:
    """Copies of ``prototype``'s shapes on ``slide``, numbered as python-pptx numbers new shapes
    and added where it adds them (before the tree's ``p:extLst``), with this slide's texts."""
    tree = slide.shapes._spTree
    shape_id = tree.max_shape_id  # python-pptx's: the largest numeric @id anywhere in the slide
    last = len(prototype.elements) - 1
    for n, element in enumerate(prototype.elements):
        shape = copy.deepcopy(element)
        shape_id += 1
        shape.find(_CNVPR).set("id", str(shape_id))
        if n == prototype.source:
            shape.find(_SOURCE_T).text = source
        elif n == last:
            shape.find(_NUMBER_T).text = str(number)
        tree.insert_element_before(shape, "p:extLst")
