"""Choosing a layout by its placeholders, for templates whose layout names deckgen does not know.

LibreOffice's own templates name their layouts "Title, 2 Content" and "Centered Text", and have
no "Section Header" or "Comparison". When no name serves a role, the layout whose placeholders
have the role's shape is taken: the best tier first, then the first master, then the rule's own
preference, then the template's order, so the choice is deterministic.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from deckgen.plan.model import Layout
from deckgen.render.template.slots import Placeholder, find_slots

# What each role needs, for the message when no layout has it.
NEEDS: Mapping[Layout, str] = MappingProxyType(
    {
        Layout.TITLE: "a title and a subtitle (or one other text) placeholder",
        Layout.SECTION: "a title and one text placeholder, or one text placeholder alone",
        Layout.CONTENT: "a title and one body placeholder",
        Layout.TWO_COLUMN: "a title and two text placeholders side by side",
        Layout.TITLE_ONLY: "a title placeholder",
    }
)


@dataclass(frozen=True)
class Candidate:
    """A layout as the rules see it: its name (the first layout of that name), master, placeholders."""

    name: str
    master: int  # 1-based
    placeholders: tuple[Placeholder, ...]


@dataclass(frozen=True)
class Match:
    name: str
    why: str  # "title + 2 text placeholders side by side"


Ranked = tuple[int, int, str] | None  # (tier, preference within the tier, why); None: no match


def by_structure(
    role: Layout, candidates: Sequence[Candidate], serves: Callable[[str], bool]
) -> Match | None:
    """The layout whose placeholders best have ``role``'s structure and that ``serves`` it, if any."""
    best: tuple[tuple[int, int, int, int], Match] | None = None
    for order, candidate in enumerate(candidates):
        ranked = RULES[role](candidate.placeholders)
        if ranked is None:
            continue
        tier, preference, why = ranked
        key = (tier, candidate.master, preference, order)
        if (best is None or key < best[0]) and serves(candidate.name):
            best = (key, Match(candidate.name, why))
    return best[1] if best is not None else None


def _parts(phs: Sequence[Placeholder]) -> tuple[bool, list[Placeholder]]:
    return any(ph.is_title for ph in phs), [ph for ph in phs if ph.holds_text]


def _title(phs: Sequence[Placeholder]) -> Ranked:
    titled, text = _parts(phs)
    if not titled or len(text) != 1:
        return None
    if text[0].kind == "subtitle":
        return 0, 0, "title + subtitle placeholder"
    return 1, 0, "title + 1 text placeholder"


def _section(phs: Sequence[Placeholder]) -> Ranked:
    titled, text = _parts(phs)
    if len(text) != 1:
        return None
    if not titled:
        return 2, text[0].area, "1 text placeholder, no title: the title is its first line"
    if text[0].kind == "subtitle":
        return 0, text[0].area, "title + subtitle placeholder"
    return 1, text[0].area, "title + 1 text placeholder (the smallest)"


def _content(phs: Sequence[Placeholder]) -> Ranked:
    titled, text = _parts(phs)
    if not titled or len(text) != 1:
        return None
    if text[0].kind == "subtitle":
        return 1, -text[0].area, "title + 1 subtitle placeholder"
    return 0, -text[0].area, "title + 1 body placeholder"


def _two_column(phs: Sequence[Placeholder]) -> Ranked:
    titled, text = _parts(phs)
    if not titled:
        return None
    if len(text) == 2 and side_by_side(*text):
        return 0, 0, "title + 2 text placeholders side by side"
    if len(text) == 4 and heading_over_body(phs):
        return 1, 0, "title + 4 text placeholders: 2 columns of heading over body"
    return None


def heading_over_body(phs: Sequence[Placeholder]) -> bool:
    """Four text placeholders that the two-column guess reads as two columns, each a shorter
    heading over its body (not a grid of four equal boxes)."""
    slots = dict(find_slots(Layout.TWO_COLUMN, phs, {}).found)
    pairs = (("left-heading", "left"), ("right-heading", "right"))
    heights = [(slots[h].box, slots[b].box) for h, b in pairs if h in slots and b in slots]
    return len(heights) == 2 and all(h is not None and b is not None and h[3] < b[3] for h, b in heights)


def _title_only(phs: Sequence[Placeholder]) -> Ranked:
    titled, text = _parts(phs)
    if not titled:
        return None
    if not text:
        return 0, len(phs), "title, no text placeholder"
    return 1, len(text), f"title + {len(text)} text placeholder(s), left empty and removed"


def side_by_side(a: Placeholder, b: Placeholder) -> bool:
    """Two boxes next to each other: one ends where the other starts, and they share most of a row."""
    if a.box is None or b.box is None:
        return False
    left, right = sorted((a.box, b.box), key=lambda box: box[0])
    apart = left[0] + left[2] <= right[0]
    shared = min(left[1] + left[3], right[1] + right[3]) - max(left[1], right[1])
    return apart and shared > min(left[3], right[3]) // 2


RULES: Mapping[Layout, Callable[[Sequence[Placeholder]], Ranked]] = MappingProxyType(
    {
        Layout.TITLE: _title,
        Layout.SECTION: _section,
        Layout.CONTENT: _content,
        Layout.TWO_COLUMN: _two_column,
        Layout.TITLE_ONLY: _title_only,
    }
)
