"""The rules that map deckgen's roles onto any template's layouts and placeholders."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from deckgen.core.errors import Loc
from deckgen.plan.geometry import Box4
from deckgen.plan.model import Layout
from deckgen.render.template.model import TemplateProfile

DEFAULT_LAYOUT_NAMES: Mapping[Layout, str] = MappingProxyType(
    {
        Layout.TITLE: "Title Slide",
        Layout.SECTION: "Section Header",
        Layout.CONTENT: "Title and Content",
        Layout.TWO_COLUMN: "Comparison",
        Layout.TITLE_ONLY: "Title Only",
    }
)

# Names other templates give the same layouts, tried in order after the default name. Matching
# ignores case, punctuation and "and", "&", "+": "Title + Content" matches "Title and Content".
FALLBACK_NAMES: Mapping[Layout, tuple[str, ...]] = MappingProxyType(
    {
        Layout.TITLE: ("Title Slide", "Title", "Cover", "Cover Slide", "Title Page", "Front Page"),
        Layout.SECTION: (
            "Section Header",
            "Section Title",
            "Section",
            "Section Divider",
            "Divider",
            "Section Break",
            "Chapter",
        ),
        Layout.CONTENT: (
            "Title and Content",
            "Title and Text",
            "Title and Body",
            "Content",
            "Text",
            "Bullets",
            "Title and Bullets",
        ),
        Layout.TWO_COLUMN: (
            "Comparison",
            "Two Content",
            "Two Columns",
            "Two Column",
            "Title and Two Content",
            "Title and Two Columns",
            "Two Text",
            "Side by Side",
        ),
        Layout.TITLE_ONLY: ("Title Only", "Headline", "Headline Only", "Heading Only", "Title and Blank"),
    }
)

# Slots: what a slide kind puts into placeholders, by the names a profile uses for them.
SLOTS: Mapping[Layout, tuple[str, ...]] = MappingProxyType(
    {
        Layout.TITLE: ("title", "subtitle"),
        Layout.SECTION: ("title", "text"),
        Layout.CONTENT: ("title", "body"),
        Layout.TWO_COLUMN: ("title", "left", "right", "left-heading", "right-heading"),
        Layout.TITLE_ONLY: ("title",),
    }
)

# The idx values the renderer fills, as PowerPoint's own layouts number them.
TITLE_IDX = 0
BODY_IDX = 1  # subtitle on "Title Slide", text on "Section Header", body on "Title and Content"
TWO_CONTENT = (1, 2)  # "Two Content": bodies 1 and 2
COMPARISON = (1, 2, 3, 4)  # "Comparison": headings 1 and 3, bodies 2 and 4
COMPARISON_SLOTS = ("left-heading", "left", "right-heading", "right")

TITLE_KINDS = frozenset({"title", "center title"})
TEXT_KINDS = frozenset({"body", "object", "subtitle"})

MISSING_TEXT: Mapping[Layout, str] = MappingProxyType(
    {
        Layout.TITLE: "subtitle placeholder (idx 1, or any other text placeholder)",
        Layout.SECTION: "text placeholder (idx 1, or any other)",
        Layout.CONTENT: "body placeholder (idx 1, or any other text placeholder)",
        Layout.TWO_COLUMN: "two text placeholders for the columns (idx 1 and 2, or any two)",
    }
)

NameSource = Literal["brief", "profile", "default", "fallback", "structure"]


# --- which layout serves each role ------------------------------------------------------


@dataclass(frozen=True)
class LayoutChoice:
    """The layout a role resolves to, and why: a brief override, the profile, a default, a
    fallback name, or its placeholders ("structure", with ``why`` saying what was matched)."""

    role: Layout
    name: str
    source: NameSource
    found: bool
    loc: Loc | None = None  # where the profile names it
    tried: tuple[str, ...] = ()  # default and fallback names looked for
    why: str = ""  # for "structure": what the layout has, "title + 2 text placeholders side by side"


def name_key(name: str) -> str:
    """A layout name with case, punctuation and "and"/"&"/"+" ignored."""
    words = re.sub(r"[^0-9a-z]+", " ", name.casefold().replace("&", " ").replace("+", " ")).split()
    return " ".join(word for word in words if word != "and")


def choose_layout(
    role: Layout,
    available: Sequence[str],
    *,
    brief: str | None = None,
    profile: TemplateProfile | None = None,
    serves: Callable[[str], bool] = lambda name: True,
) -> LayoutChoice:
    """The brief's name, else the profile's, else the default, else a usual alternative.

    A name the brief or the profile gives is taken as written: a typo there must be reported,
    not papered over. Among default and fallback names the first whose layout ``serves`` the
    role wins, so a look-alike without the placeholders is passed over.
    """
    if brief:
        return LayoutChoice(role, brief, "brief", brief in available)
    if profile is not None and role in profile.layouts:
        name = profile.layouts[role]
        return LayoutChoice(role, name, "profile", name in available, profile.loc(f"layouts.{role.value}"))
    default = DEFAULT_LAYOUT_NAMES[role]
    tried = (default, *(n for n in FALLBACK_NAMES[role] if n != default))
    by_key: dict[str, str] = {}
    for name in available:
        by_key.setdefault(name_key(name), name)
    candidates: list[tuple[str, NameSource]] = [(default, "default")] if default in available else []
    for alternative in tried:
        name = by_key.get(name_key(alternative), "")
        if name and all(name != seen for seen, _ in candidates):
            candidates.append((name, "fallback"))
    if not candidates:
        return LayoutChoice(role, default, "default", False, tried=tried)
    name, source = next((c for c in candidates if serves(c[0])), candidates[0])
    return LayoutChoice(role, name, source, True, tried=tried)


# --- which placeholder holds what -------------------------------------------------------


@dataclass(frozen=True)
class Placeholder:
    """One placeholder of a layout, as plain data: idx, kind ("body", "center title"), name, box.

    ``pos`` is its place among the layout's placeholders, in shape-tree order: what identifies it
    when a template repeats idx values (LibreOffice exports give every placeholder idx 0).
    """

    idx: int
    kind: str
    name: str
    box: Box4 | None
    pos: int = 0

    @property
    def is_title(self) -> bool:
        return self.kind in TITLE_KINDS

    @property
    def holds_text(self) -> bool:
        return self.kind in TEXT_KINDS

    @property
    def area(self) -> int:
        return self.box[2] * self.box[3] if self.box else 0

    @property
    def centre_x(self) -> int:
        return self.box[0] + self.box[2] // 2 if self.box else 0

    @property
    def top(self) -> int:
        return self.box[1] if self.box else 0


@dataclass(frozen=True)
class Slots:
    """Which placeholder holds each slot of a role in one layout, and what is missing."""

    role: Layout
    found: tuple[tuple[str, Placeholder], ...]
    missing: tuple[str, ...] = ()

    def idx(self, slot: str) -> int | None:
        """The template's own idx of the slot's placeholder (not unique in every template)."""
        ph = dict(self.found).get(slot)
        return None if ph is None else ph.idx

    def pos(self, slot: str) -> int | None:
        """The slot's placeholder's place among the layout's placeholders: what identifies it."""
        ph = dict(self.found).get(slot)
        return None if ph is None else ph.pos

    def template_idx(self) -> tuple[tuple[str, int], ...]:
        return tuple((slot, ph.idx) for slot, ph in self.found)

    def renderer_idx(self) -> dict[str, int]:
        """Slot -> the idx the renderer fills: PowerPoint's own numbering."""
        slots = dict(self.found)
        numbers = {"title": TITLE_IDX}
        if self.role is Layout.TWO_COLUMN:
            if "left-heading" in slots:
                numbers.update(zip(COMPARISON_SLOTS, COMPARISON, strict=True))
            else:
                numbers.update(zip(("left", "right"), TWO_CONTENT, strict=True))
        else:
            numbers.update((slot, BODY_IDX) for slot in SLOTS[self.role] if slot != "title")
        return {slot: numbers[slot] for slot in slots}


def find_slots(role: Layout, placeholders: Sequence[Placeholder], override: Mapping[str, int]) -> Slots:
    """Which placeholder holds each slot: the profile's idx, else PowerPoint's numbering, else a guess.

    The guess, for templates that number their own way: the largest text placeholder holds the
    body; for two columns the two largest, left and right, or four as two columns of heading
    over body. Placeholders are matched by type and idx (by place when idx values repeat), never
    by their order alone. A section layout with no title placeholder at all (LibreOffice's
    "Centered Text") serves too: the renderer writes the title as the text's first line.
    """
    found: dict[str, Placeholder] = {}
    missing: list[str] = []
    if "title" in override:
        ph = _with_idx(placeholders, override["title"], title=True)
        if ph is not None:
            found["title"] = ph
        else:
            missing.append(f"title placeholder with idx {override['title']} (as the profile says)")
    else:
        titles = sorted((ph for ph in placeholders if ph.is_title), key=lambda ph: (ph.idx, ph.pos))
        if titles:
            found["title"] = titles[0]
        else:
            missing.append("title placeholder")
    text_slots = [slot for slot in SLOTS[role] if slot != "title"]
    given = {slot: override[slot] for slot in text_slots if slot in override}
    if given:
        for slot, idx in given.items():
            ph = _with_idx(placeholders, idx, title=False)
            if ph is not None:
                found[slot] = ph
            else:
                missing.append(f"text placeholder with idx {idx} (the profile's {role.value}.{slot})")
    elif text_slots:
        text = [ph for ph in placeholders if ph.holds_text]
        slots = _standard_slots(role, text) or _guess_slots(role, text)
        if slots:
            found.update(slots)
        else:
            missing.append(MISSING_TEXT[role])
    if role is Layout.SECTION and "text" in found and not any(ph.is_title for ph in placeholders):
        missing = [m for m in missing if m != "title placeholder"]
    return Slots(role, tuple(found.items()), tuple(missing))


def _with_idx(placeholders: Sequence[Placeholder], idx: int, *, title: bool) -> Placeholder | None:
    """The first title (or text) placeholder with ``idx``."""
    return next(
        (ph for ph in placeholders if ph.idx == idx and (ph.is_title if title else ph.holds_text)), None
    )


def _standard_slots(role: Layout, text: list[Placeholder]) -> dict[str, Placeholder]:
    """PowerPoint's numbering, when the text placeholders' idx values are all distinct."""
    by_idx = {ph.idx: ph for ph in text}
    if len(by_idx) != len(text):
        return {}
    if role is Layout.TWO_COLUMN:
        for numbers, names in ((COMPARISON, COMPARISON_SLOTS), (TWO_CONTENT, ("left", "right"))):
            if by_idx.keys() >= set(numbers):
                return {slot: by_idx[idx] for slot, idx in zip(names, numbers, strict=True)}
        return {}
    return {SLOTS[role][1]: by_idx[BODY_IDX]} if BODY_IDX in by_idx else {}


def _guess_slots(role: Layout, text: list[Placeholder]) -> dict[str, Placeholder]:
    def biggest(phs: list[Placeholder]) -> list[Placeholder]:
        return sorted(phs, key=lambda ph: (-ph.area, ph.idx, ph.pos))

    if role is not Layout.TWO_COLUMN:
        # A title slide's own subtitle placeholder beats a larger body placeholder.
        pool = [ph for ph in text if ph.kind == "subtitle"] if role is Layout.TITLE else []
        chosen = biggest(pool or text)
        return {SLOTS[role][1]: chosen[0]} if chosen else {}
    if len(text) == 4:
        by_x = sorted(text, key=lambda ph: (ph.centre_x, ph.top, ph.pos))
        left, right = sorted(by_x[:2], key=lambda ph: ph.top), sorted(by_x[2:], key=lambda ph: ph.top)
        if max(ph.centre_x for ph in left) < min(ph.centre_x for ph in right):
            return dict(zip(COMPARISON_SLOTS, (*left, *right), strict=True))
    if len(text) < 2:
        return {}
    two = sorted(biggest(text)[:2], key=lambda ph: (ph.centre_x, ph.top, ph.pos))
    return {"left": two[0], "right": two[1]}
