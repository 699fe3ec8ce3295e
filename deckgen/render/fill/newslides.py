"""New slides whose placeholders are copied from the first slide made on the same layout.

python-pptx's ``add_slide`` clones the layout's placeholders onto every new slide, finding each
one with xpath and numbering it by searching the whole shape tree for the largest id: about a
tenth of a 2,000-slide render. What it builds depends only on the layout, so the first slide on
each layout is python-pptx's own, and every later one gets copies of the placeholders that slide
had before anything was written into it: the same elements, in the same order, with the same ids
and names, and the slide part related and listed exactly as ``add_slide`` does.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any, cast

from pptx.oxml.ns import qn
from pptx.presentation import Presentation
from pptx.slide import Slide, SlideLayout

# The group properties every shape tree starts with; the placeholders follow them.
TREE_HEAD = (qn("p:nvGrpSpPr"), qn("p:grpSpPr"))


class NewSlides:
    """Adds the slides of one deck, in order."""

    def __init__(self, prs: Presentation) -> None:
        self._prs = prs
        self._slides = prs.slides  # each access renames every slide part: take it once
        self._placeholders: dict[Any, list[Any]] = {}  # by layout part: the elements to copy

    def add(self, layout: SlideLayout) -> Slide:
        """A new last slide on ``layout``, with the layout's placeholders, empty."""
        made = self._placeholders.get(layout.part)
        if made is None:
            slide: Slide = self._slides.add_slide(layout)
            tree = slide.shapes._spTree
            self._placeholders[layout.part] = [deepcopy(el) for el in tree if el.tag not in TREE_HEAD]
            return slide
        rid, new = self._prs.part.add_slide(layout)
        slide = cast(Slide, new)
        tree = slide.shapes._spTree
        for element in made:
            tree.append(deepcopy(element))
        self._slides._sldIdLst.add_sldId(rid)
        return slide
