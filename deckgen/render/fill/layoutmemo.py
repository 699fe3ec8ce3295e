"""What a slide's layout and placeholders are, looked up once.

python-pptx finds a slide's layout through the part's relationships, and a shape's ``p:ph``
with an xpath, on every read; the renderer asks for both for every text it writes. These give
the same answers without the repeated walk, and keep a memo per layout for what placeholders
inherit from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pptx.oxml.ns import qn
from pptx.shapes.base import BaseShape
from pptx.slide import SlideLayout


def layout_cache(shape: BaseShape, name: str) -> dict[Any, Any]:
    """A per-layout memo for what a slide's placeholders inherit, kept on the layout's part.

    The part lives exactly as long as the presentation being rendered, so nothing cached here can
    leak into another deck; each lookup through python-pptx's inheritance walks XML with xpath.
    """
    return part_memo(layout_of(shape.part).part, name)


def part_memo(part: Any, name: str) -> dict[Any, Any]:
    """The memo ``name`` kept on ``part`` (a layout's): it goes when the presentation goes."""
    memo: dict[str, dict[Any, Any]] = part.__dict__.setdefault("_deckgen_memo", {})
    return memo.setdefault(name, {})


def layout_of(slide_part: Any) -> SlideLayout:
    """A slide part's layout, found once: python-pptx walks the part's relationships for it on
    every read, and every text written asks (the part's slide keeps its layout for life). Kept
    on the part itself, not in a weak mapping: the layout leads back to the package and so to
    the part, which would then never be freed."""
    layout: SlideLayout | None = slide_part.__dict__.get("_deckgen_layout")
    if layout is None:
        layout = slide_part.__dict__["_deckgen_layout"] = slide_part.slide_layout
    return layout


_PH = f"{qn('p:nvPr')}/{qn('p:ph')}"


def ph_element(shape: BaseShape) -> Any:
    """The shape's ``p:ph``, or None: what python-pptx's ``is_placeholder`` and
    ``placeholder_format`` find with the xpath ``./*[1]/p:nvPr/p:ph``, found without xpath (the
    renderer asks for every text it writes, and an xpath call costs as much as the rest)."""
    return ph_of(shape._element)


def ph_of(element: Any) -> Any:
    """A shape element's ``p:ph`` (``./*[1]/p:nvPr/p:ph``), or None."""
    first = element.find("*")  # the first child element: "*" skips comments
    return None if first is None else first.find(_PH)


# The elements python-pptx counts as shapes (``CT_GroupShape.iter_shape_elms``).
SHAPE_TAGS = frozenset(
    qn(t) for t in ("p:sp", "p:grpSp", "p:graphicFrame", "p:cxnSp", "p:pic", "p:contentPart")
)


def placeholder_elements(tree: Any) -> Iterator[tuple[Any, Any]]:
    """``(shape element, its p:ph)`` for each placeholder of a shape tree, in document order:
    what python-pptx's ``iter_ph_elms`` yields, without an xpath call per shape."""
    for element in tree.iterchildren():
        if element.tag not in SHAPE_TAGS:
            continue
        ph = ph_of(element)
        if ph is not None:
            yield element, ph


def title_element(members: Iterable[Any]) -> Any:
    """The element of python-pptx's ``shapes.title`` among a shape tree's ``members``: the first
    placeholder of idx 0 (a LibreOffice export gives every placeholder idx 0)."""
    for element in members:
        ph = ph_of(element)
        if ph is not None and int(ph.get("idx", "0")) == 0:  # XsdUnsignedInt: int(), default 0
            return element
    return None


# Where each kind of shape keeps its own ``a:xfrm`` (python-pptx's ``xfrm`` of the element).
XFRM_PATHS = {
    qn("p:sp"): f"{qn('p:spPr')}/{qn('a:xfrm')}",
    qn("p:cxnSp"): f"{qn('p:spPr')}/{qn('a:xfrm')}",
    qn("p:pic"): f"{qn('p:spPr')}/{qn('a:xfrm')}",
    qn("p:graphicFrame"): qn("p:xfrm"),
    qn("p:grpSp"): f"{qn('p:grpSpPr')}/{qn('a:xfrm')}",
}
