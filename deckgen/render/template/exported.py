"""Layouts that LibreOffice wrote when it saved a template as .pptx, put back on their masters.

Impress has no slide layouts of its own: a slide's title and text areas come from its master. When
it saves a .pptx it writes one set of layouts under every master, all with the same boxes (one
master's, or none of them). In "Vintage" the three content masters put the title at the top and
4.8 in of text under it, yet every "Title, Content" layout keeps the title in the middle of the page
with 2.2 in of text below; in "Midnightblue" every layout has a 1.8 in text box. PowerPoint and
LibreOffice both draw a slide with its layout's boxes, so a deck built on them shows the copy.

``repair_exported_layouts`` finds such copies: a layout name whose placeholders have the same boxes
under every master while those masters' own title and text areas differ. Each copy then gets its
own master's geometry: the title placeholder takes the master's title area, and the text
placeholders are scaled from the region they cover together onto the master's text area (so two
columns stay two columns); a title flush with the page's left edge takes the text area's margin.
Footer, date and number placeholders stay as they are. Each box is written whole (position and
size), never in part.

``find_layout`` then picks, among the layouts of one name, the one that suits the role. Title
slides and section dividers take the copy under the master of the template's own first slide (its
author's title page), or the first master's when it has no slides, provided that copy has a text
box four lines tall and half the page wide; else the roomy copy whose title sits nearest the middle
of the page. Every other role takes the copy with the most room for text, the first of equals.

The export also writes a master's date and slide-number fields as plain text boxes that read
"<date/time>" and "<number>" on every slide (LibreOffice's own names for the fields, which no
viewer replaces). ``repair_exported_layouts`` removes a text box whose whole text is such a name:
deckgen numbers its slides itself. A template with one master has one of each name, so
nothing changes for it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationT
from pptx.shapes.base import BaseShape
from pptx.slide import SlideLayout, SlideMaster
from pptx.util import Emu, Inches, Pt

from deckgen.plan.geometry import Box4
from deckgen.plan.model import Layout

TITLES = frozenset({PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE})
MARGINAL = frozenset({PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.SLIDE_NUMBER})
# How LibreOffice shows its fields in a box that is not a placeholder, when exported as plain text.
FIELD_NAMES = frozenset({"<date/time>", "<number>", "<footer>", "<header>"})
CENTRED_ROLES = frozenset({Layout.TITLE, Layout.SECTION})
# A title slide's or divider's text: four 18 pt lines (subtitle, presenter, audience, date; or a
# part number and a two-line strapline) and the box's insets.
CENTRED_TEXT_HEIGHT = int(Pt(4 * 18 * 1.2)) + int(Inches(0.1))


def iter_layouts(prs: PresentationT) -> Iterator[SlideLayout]:
    """Every layout of every master: ``prs.slide_layouts`` only covers the first master."""
    for master in prs.slide_masters:
        yield from master.slide_layouts


def repair_exported_layouts(prs: PresentationT) -> tuple[str, ...]:
    """Give each exported copy its master's geometry (module docstring); the names repaired."""
    groups: dict[str, list[SlideLayout]] = defaultdict(list)
    for layout in iter_layouts(prs):
        groups[layout.name].append(layout)
    repaired = []
    for part in [*prs.slide_masters, *iter_layouts(prs)]:
        _drop_field_names(part)
    for name, layouts in groups.items():
        if _copied(layouts):
            for layout in layouts:
                _follow_master(layout)
            repaired.append(name)
    return tuple(repaired)


def find_layout(prs: PresentationT, name: str, role: Layout | None = None) -> SlideLayout | None:
    """The layout called ``name`` that suits ``role`` best (module docstring); None when none is.
    Reads the template's own slides for which master it shows them on: call before removing them."""
    layouts = [layout for layout in iter_layouts(prs) if layout.name == name]
    if role is None or len(layouts) < 2:
        return layouts[0] if layouts else None
    height = int(prs.slide_height or 0)
    width = int(prs.slide_width or 0)
    if role in CENTRED_ROLES:
        shown = _first_slide_master(prs)
        preferred = next((layout for layout in layouts if layout.slide_master == shown), layouts[0])
        roomy = [layout for layout in layouts if _roomy(layout, width, height)]
        if preferred in roomy:
            return preferred
        if roomy:
            return min(roomy, key=lambda layout: _off_centre(layout, height))
    return max(layouts, key=lambda layout: _text_room(layout, width, height))


def _first_slide_master(prs: PresentationT) -> SlideMaster | None:
    """The master of the template's first slide: its author's title page."""
    for slide in prs.slides:
        master: SlideMaster = slide.slide_layout.slide_master
        return master
    return None


def box_of(shape: BaseShape) -> Box4 | None:
    values = (shape.left, shape.top, shape.width, shape.height)
    if any(value is None for value in values):
        return None
    left, top, width, height = (int(value) for value in values)
    return (left, top, width, height)


def _placeholders(part: SlideLayout | SlideMaster) -> list[BaseShape]:
    return [shape for shape in part.shapes if shape.is_placeholder]


def _kind(shape: BaseShape) -> PP_PLACEHOLDER | None:
    kind: PP_PLACEHOLDER | None = shape.placeholder_format.type
    return kind


def _signature(layout: SlideLayout) -> tuple[tuple[object, Box4 | None], ...]:
    """The kinds and boxes of the title and text placeholders (footers may come and go)."""
    return tuple((_kind(ph), box_of(ph)) for ph in _placeholders(layout) if _kind(ph) not in MARGINAL)


def _areas(master: SlideMaster) -> tuple[Box4 | None, Box4 | None]:
    """The master's title and text areas."""
    title = body = None
    for ph in _placeholders(master):
        kind = _kind(ph)
        if kind in TITLES and title is None:
            title = box_of(ph)
        elif kind == PP_PLACEHOLDER.BODY and body is None:
            body = box_of(ph)
    return title, body


def _copied(layouts: Sequence[SlideLayout]) -> bool:
    """Layouts of one name under several masters, with one geometry while their masters differ."""
    if len({id(layout.slide_master) for layout in layouts}) < 2:
        return False
    if len({_signature(layout) for layout in layouts}) != 1:
        return False
    return len({_areas(layout.slide_master) for layout in layouts}) > 1


def _follow_master(layout: SlideLayout) -> None:
    master = layout.slide_master
    title_area, body_area = _areas(master)
    if title_area is not None and body_area is not None and title_area[0] <= 0 < body_area[0]:
        # Blue Curve's title master puts the title flush with the page's left edge, its text
        # 0.39 in in: the title takes the text's margin, so its first letter is not cut.
        left = body_area[0]
        title_area = (left, title_area[1], title_area[2] - left + title_area[0], title_area[3])
    texts = [ph for ph in _placeholders(layout) if _kind(ph) not in TITLES | MARGINAL]
    region = _union([b for ph in texts if (b := box_of(ph)) is not None])
    for ph in _placeholders(layout):
        kind = _kind(ph)
        box = box_of(ph)
        if kind in MARGINAL:
            continue  # deckgen draws its own footer; the template's stay where they are
        if kind in TITLES:
            target = title_area
        elif box is not None and region is not None and body_area is not None:
            target = _scaled(box, region, body_area)
        else:
            target = None
        if target is not None and target != box:
            _place(ph, target)


def _drop_field_names(part: SlideLayout | SlideMaster) -> None:
    """Read-only until it removes: python-pptx's ``text_frame`` would add an empty text body to
    every shape without one, changing the template's bytes."""
    for shape in list(part.shapes):
        element: Any = shape._element
        body = None if shape.is_placeholder else getattr(element, "txBody", None)
        if body is None:
            continue
        text = "".join(t.text or "" for t in body.iter(qn("a:t")))
        if text.strip() in FIELD_NAMES:
            element.getparent().remove(element)


def _union(boxes: Sequence[Box4]) -> Box4 | None:
    if not boxes:
        return None
    left = min(b[0] for b in boxes)
    top = min(b[1] for b in boxes)
    right = max(b[0] + b[2] for b in boxes)
    bottom = max(b[1] + b[3] for b in boxes)
    return (left, top, right - left, bottom - top)


def _scaled(box: Box4, region: Box4, area: Box4) -> Box4:
    """``box``, a part of ``region``, as the same part of ``area``."""
    sx = area[2] / region[2] if region[2] else 1.0
    sy = area[3] / region[3] if region[3] else 1.0
    return (
        area[0] + round((box[0] - region[0]) * sx),
        area[1] + round((box[1] - region[1]) * sy),
        round(box[2] * sx),
        round(box[3] * sy),
    )


def _place(shape: BaseShape, box: Box4) -> None:
    """All four at once: a transform with a position and no size (or the reverse) is a zero box."""
    shape.left, shape.top, shape.width, shape.height = (Emu(v) for v in box)


def _off_centre(layout: SlideLayout, height: int) -> int:
    title = next((box_of(ph) for ph in _placeholders(layout) if _kind(ph) in TITLES), None)
    if title is None:
        return height
    return abs(title[1] + title[3] // 2 - height // 2)


def _roomy(layout: SlideLayout, width: int, height: int) -> bool:
    """Whether a text placeholder has four lines of room and half the page's width, on the page."""
    for ph in _placeholders(layout):
        box = box_of(ph)
        if box is not None and _kind(ph) not in TITLES | MARGINAL:
            tall = min(box[1] + box[3], height) - max(box[1], 0)
            wide = min(box[0] + box[2], width) - max(box[0], 0)
            if tall >= CENTRED_TEXT_HEIGHT and 2 * wide >= width:
                return True
    return False


def _text_room(layout: SlideLayout, width: int, height: int) -> int:
    """The area of the layout's text placeholders that lies on the page (title only: under it)."""
    total = 0
    title_bottom = 0
    for ph in _placeholders(layout):
        box = box_of(ph)
        if box is None:
            continue
        kind = _kind(ph)
        if kind in TITLES:
            title_bottom = max(title_bottom, box[1] + box[3])
        elif kind not in MARGINAL:
            w = max(0, min(box[0] + box[2], width) - max(box[0], 0))
            h = max(0, min(box[1] + box[3], height) - max(box[1], 0))
            total += w * h
    return total or width * max(0, height - title_bottom)
