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
from typing import Any

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.parts.slide import SlidePart
from pptx.presentation import Presentation
from pptx.slide import Slide, SlideLayout

# The group properties every shape tree starts with; the placeholders follow them.
TREE_HEAD = (qn("p:nvGrpSpPr"), qn("p:grpSpPr"))
SLIDE_PARTNAME = "/ppt/slides/slide%d.xml"  # PresentationPart._next_slide_partname's


class NewSlides:
    """Adds the slides of one deck, in order."""

    def __init__(self, prs: Presentation) -> None:
        self._prs = prs
        self._slides = prs.slides  # each access renames every slide part: take it once
        self._placeholders: dict[Any, list[Any]] = {}  # by layout part: the elements to copy
        self._count: int | None = None  # slides listed in the presentation, once counted

    def add(self, layout: SlideLayout) -> Slide:
        """A new last slide on ``layout``, with the layout's placeholders, empty."""
        made = self._placeholders.get(layout.part)
        if made is None:
            slide: Slide = self._slides.add_slide(layout)
            self._count = None  # python-pptx's add_slide listed it: count again when next needed
            tree = slide.shapes._spTree
            self._placeholders[layout.part] = [deepcopy(el) for el in tree if el.tag not in TREE_HEAD]
            return slide
        part = self._prs.part
        # PresentationPart.add_slide's own steps, with the part name from a count: python-pptx
        # counts the slide list's children for each new slide (lxml walks them: quadratic).
        partname = PackURI(SLIDE_PARTNAME % (self._listed() + 1))
        slide_part = SlidePart.new(partname, part.package, layout.part)  # type: ignore[no-untyped-call]
        rid = part.relate_to(slide_part, RT.SLIDE)
        slide = slide_part.slide
        tree = slide.shapes._spTree
        for element in made:
            tree.append(deepcopy(element))
        self._slides._sldIdLst.add_sldId(rid)
        self._count = self._listed() + 1
        return slide

    def _listed(self) -> int:
        """How many slides the presentation lists, counted once and then kept up to date."""
        if self._count is None:
            self._count = len(self._prs.part._element.get_or_add_sldIdLst())
        return self._count
