"""The template: opening it, choosing a layout per role, checking it up front, reading its geometry."""

from __future__ import annotations

import itertools
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PythonPptxError
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationT
from pptx.shapes.base import BaseShape
from pptx.slide import SlideLayout, SlideMaster

from deckgen.assets import profile_path
from deckgen.errors import DeckgenError, Diagnostic, Loc
from deckgen.plan.model import DeckPlan, Layout
from deckgen.render.package import as_presentation_package
from deckgen.render.profile import BODY_IDX as BODY_IDX
from deckgen.render.profile import COMPARISON as COMPARISON
from deckgen.render.profile import DEFAULT_LAYOUT_NAMES as DEFAULT_LAYOUT_NAMES
from deckgen.render.profile import (
    FALLBACK_NAMES,
    Box4,
    LayoutChoice,
    Placeholder,
    Slots,
    TemplateProfile,
    choose_layout,
    find_slots,
    load_profile,
    placeholder_override,
)
from deckgen.render.profile import TITLE_IDX as TITLE_IDX
from deckgen.render.profile import TWO_CONTENT as TWO_CONTENT

# Re-exported above ("as"): the renderer and deckgen.render import the idx values and default
# names from here, though they live with the rules that use them in profile.py.

TEXT_TYPES = frozenset({PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE})

ROLE_USE = {
    Layout.TITLE: "the title slide",
    Layout.SECTION: "section dividers",
    Layout.CONTENT: "bullet slides",
    Layout.TWO_COLUMN: "two-column slides",
    Layout.TITLE_ONLY: "quote and image slides",
}


def layout_names_for(plan: DeckPlan) -> dict[Layout, str]:
    """The layout name for every role: the brief's, else the profile's, else a default or fallback."""
    prs = open_template(plan.template)
    choices = choose_layouts(prs, plan.template, plan.layout_names)
    return {role: choice.name for role, choice in choices.items()}


def open_template(path: Path) -> PresentationT:
    """Open a .pptx or .potx template; raise a located DeckgenError when it cannot be read."""
    try:
        data = path.read_bytes()
        return Presentation(as_presentation_package(data))
    except OSError as exc:
        reason = exc.strerror or str(exc)
    # lxml's XMLSyntaxError is a SyntaxError: a part that is not well-formed XML.
    except (zipfile.BadZipFile, PythonPptxError, KeyError, ValueError, SyntaxError) as exc:
        reason = f"not a PowerPoint file ({exc})"
    raise DeckgenError(
        (
            Diagnostic(
                Loc(str(path)),
                "template-unreadable",
                f"cannot open template: {reason}",
                hint="give a .pptx or .potx made by PowerPoint, or the default briefing template",
            ),
        )
    )


def iter_layouts(prs: PresentationT) -> Iterator[SlideLayout]:
    """Every layout of every master: ``prs.slide_layouts`` only covers the first master."""
    for master in prs.slide_masters:
        yield from master.slide_layouts


def find_layout(prs: PresentationT, name: str) -> SlideLayout | None:
    return next((layout for layout in iter_layouts(prs) if layout.name == name), None)


def read_placeholders(layout: SlideLayout) -> tuple[Placeholder, ...]:
    """The layout's placeholders as plain data; boxes a layout leaves out come from its master."""
    return tuple(
        Placeholder(ph.placeholder_format.idx, kind_of(ph), ph.name, box_of(ph))
        for ph in placeholders_of(layout)
    )


def kind_of(ph: BaseShape) -> str:
    kind = ph.placeholder_format.type
    return kind.name.lower().replace("_", " ") if kind is not None else "object"


def box_of(shape: BaseShape) -> Box4 | None:
    values = (shape.left, shape.top, shape.width, shape.height)
    if any(value is None for value in values):
        return None
    left, top, width, height = (int(value) for value in values)
    return (left, top, width, height)


def choose_layouts(
    prs: PresentationT,
    path: Path,
    overrides: Mapping[Layout, str],
    *,
    roles: Iterable[Layout] | None = None,
    profile: TemplateProfile | None = None,
) -> dict[Layout, LayoutChoice]:
    """The layout for each role: brief override > profile > default name > a usual alternative.

    Loads the profile beside ``path`` unless one is given; raises DeckgenError when it is wrong.
    """
    profile = profile or load_profile(path)
    inventory: dict[str, tuple[Placeholder, ...]] = {}
    for layout in iter_layouts(prs):
        inventory.setdefault(layout.name, read_placeholders(layout))  # find_layout takes the first
    choices = {}
    for role in Layout if roles is None else roles:

        def serves(name: str, role: Layout = role) -> bool:
            override = placeholder_override(profile, role, name)
            return not find_slots(role, inventory[name], override).missing

        choices[role] = choose_layout(
            role, list(inventory), brief=overrides.get(role), profile=profile, serves=serves
        )
    return choices


def check_template(
    path: Path, layout_names: Mapping[Layout, str], *, roles: Iterable[Layout] | None = None
) -> tuple[Diagnostic, ...]:
    """Every problem with ``path`` as a template, found before anything is rendered.

    ``layout_names`` are the brief's overrides of the role -> layout mapping; every role is
    checked unless ``roles`` narrows it to the ones a deck uses.
    """
    try:
        prs = open_template(path)
        profile = load_profile(path)
        choices = choose_layouts(prs, path, layout_names, roles=roles, profile=profile)
    except DeckgenError as exc:
        return exc.diagnostics
    problems, _ = layout_problems(prs, path, choices.values(), profile)
    return problems


def check_layouts(
    prs: PresentationT, path: Path, layout_names: Mapping[Layout, str]
) -> tuple[Diagnostic, ...]:
    """Check the layouts ``prs`` will render with; when all is well, number them for the renderer.

    The renderer fills placeholders by PowerPoint's own idx values (1 for a body, 1-4 on
    "Comparison"). A template that numbers its own way (a body at idx 10) has the used layouts'
    placeholders renumbered in this in-memory copy, so the slides added from them carry the
    renderer's numbers and still inherit position and style from the layout placeholder they
    came from. Call it once per opened template, before adding slides: a second call would
    look for the profile's idx values under their old numbers.
    """
    try:
        profile = load_profile(path)
    except DeckgenError as exc:
        return exc.diagnostics
    have = {layout.name for layout in iter_layouts(prs)}
    choices = [as_choice(role, name, profile, have) for role, name in layout_names.items()]
    problems, numbering = layout_problems(prs, path, choices, profile)
    if problems:
        return problems
    for layout, mapping, reserved in numbering:
        renumber(layout, mapping, reserved)
    return ()


def as_choice(role: Layout, name: str, profile: TemplateProfile | None, have: set[str]) -> LayoutChoice:
    """Where an already chosen name came from, for messages: the profile, the default, or the brief."""
    if profile is not None and profile.layouts.get(role) == name:
        return LayoutChoice(role, name, "profile", name in have, profile.loc(f"layouts.{role.value}"))
    if name == DEFAULT_LAYOUT_NAMES[role]:
        return LayoutChoice(role, name, "default", name in have, tried=(name, *FALLBACK_NAMES[role][1:]))
    return LayoutChoice(role, name, "brief", name in have)


Numbering = tuple[SlideLayout, dict[int, int], frozenset[int]]


def layout_problems(
    prs: PresentationT, path: Path, choices: Iterable[LayoutChoice], profile: TemplateProfile | None
) -> tuple[tuple[Diagnostic, ...], list[Numbering]]:
    """Every missing layout or placeholder, and how each used layout would be renumbered."""
    have = [layout.name for layout in iter_layouts(prs)]
    problems: list[Diagnostic] = []
    plans: dict[str, tuple[SlideLayout, dict[int, int], set[int], Layout]] = {}
    for choice in choices:
        layout = find_layout(prs, choice.name)
        if layout is None:
            problems.append(missing_layout(choice, path, have))
            continue
        override = placeholder_override(profile, choice.role, choice.name)
        slots = find_slots(choice.role, read_placeholders(layout), override)
        if slots.missing:
            problems.append(missing_placeholder(choice, slots, layout, path, profile, bool(override)))
            continue
        mapping = {dict(slots.found)[slot]: target for slot, target in slots.renderer_idx().items()}
        # Stray text placeholders at 3 and 4 would make the renderer take "Two Content" for "Comparison".
        reserved = set(COMPARISON) if choice.role is Layout.TWO_COLUMN else set()
        earlier = plans.get(choice.name)
        if earlier is None:
            plans[choice.name] = (layout, mapping, reserved, choice.role)
        elif not agree(earlier[1], mapping):
            problems.append(layout_conflict(choice, earlier[3], path))
        else:
            earlier[1].update(mapping)
            earlier[2].update(reserved)
    return tuple(problems), [(layout, mapping, frozenset(res)) for layout, mapping, res, _ in plans.values()]


def agree(first: Mapping[int, int], second: Mapping[int, int]) -> bool:
    """Two roles on one layout must number it alike: same old -> new, no two olds on one new."""
    merged = {**first, **second}
    same = all(first[idx] == second[idx] for idx in first.keys() & second.keys())
    return same and len(set(merged.values())) == len(merged)


def missing_layout(choice: LayoutChoice, path: Path, have: list[str]) -> Diagnostic:
    listed = ", ".join(repr(name) for name in have) or "none"
    role, use = choice.role.value, ROLE_USE[choice.role]
    if choice.source == "profile":
        return Diagnostic(
            choice.loc or Loc(str(path)),
            "template-missing-layout",
            f"template {path.name!r} has no layout named {choice.name!r} (the profile's layout for {use})",
            hint=f"its layouts are: {listed}",
            key=f"layouts.{role}",
        )
    if choice.source == "default":
        also = ", ".join(repr(name) for name in choice.tried[1:])
        return Diagnostic(
            Loc(str(path)),
            "template-missing-layout",
            f"template has no layout named {choice.name!r} (used for {use}), nor any usual alternative",
            hint=f"its layouts are: {listed}; deckgen also looked for {also}; name the layout for "
            f"{role!r} under 'layouts:' in {profile_path(path).name}, beside the template",
            key=f"layout_names.{role}",
        )
    return Diagnostic(
        Loc(str(path)),
        "template-missing-layout",
        f"template has no layout named {choice.name!r} (used for {use})",
        hint=f"its layouts are: {listed}; map {role!r} to one of them",
        key=f"layout_names.{role}",
    )


def missing_placeholder(
    choice: LayoutChoice,
    slots: Slots,
    layout: SlideLayout,
    path: Path,
    profile: TemplateProfile | None,
    overridden: bool,
) -> Diagnostic:
    role = choice.role.value
    phs = ", ".join(describe(ph) for ph in read_placeholders(layout)) or "no placeholders"
    loc, fix = Loc(str(path)), f"name the idx under 'placeholders: {role}:' in {profile_path(path).name}"
    if profile is not None and overridden:
        loc, fix = profile.loc(f"placeholders.{role}"), "correct the idx in the profile"
    elif choice.loc is not None:
        loc = choice.loc
    return Diagnostic(
        loc,
        "template-missing-placeholder",
        f"layout {choice.name!r} (used for {ROLE_USE[choice.role]}) has no {' and no '.join(slots.missing)}",
        hint=f"it has: {phs}; {fix}, or map {role!r} to another layout",
        key=f"layout_names.{role}",
    )


def layout_conflict(choice: LayoutChoice, other: Layout, path: Path) -> Diagnostic:
    return Diagnostic(
        Loc(str(path)),
        "template-layout-conflict",
        f"layout {choice.name!r} serves both {other.value!r} and {choice.role.value!r}, "
        "which need its placeholders for different things",
        hint="map one of the two roles to another layout",
        key=f"layout_names.{choice.role.value}",
    )


def renumber(layout: SlideLayout, mapping: Mapping[int, int], reserved: frozenset[int]) -> None:
    """Give the layout's placeholders the idx values the renderer fills (see ``check_layouts``).

    Placeholders already holding a wanted or reserved idx move to unused numbers above all others.
    """
    elements = {ph.idx: ph for shape in placeholders_of(layout) if (ph := shape._element.ph) is not None}
    wanted = set(mapping.values()) | reserved
    spare = itertools.count(max({*elements, *wanted}, default=0) + 1)
    new = {
        idx: mapping[idx] if idx in mapping else next(spare)
        for idx in elements
        if idx in mapping or idx in wanted
    }
    for idx, target in new.items():
        if target != idx:
            elements[idx].idx = target


def placeholders_of(layout: SlideLayout) -> list[BaseShape]:
    return [shape for shape in layout.shapes if shape.is_placeholder]


def describe(ph: Placeholder) -> str:
    return f"{ph.kind} (idx {ph.idx})"


def remove_slides(prs: PresentationT) -> None:
    """Drop the template's sample slides: the sldId and its relationship, so nothing dangles."""
    id_list = prs.slides._sldIdLst
    for sld_id in list(id_list):
        rid = sld_id.rId
        id_list.remove(sld_id)
        prs.part.drop_rel(rid)


# --- geometry, for measuring text without pptx ------------------------------------------


@dataclass(frozen=True)
class RoleGeometry:
    """One role's layout: boxes (left, top, width, height) in EMU, fonts and level sizes in points.

    ``bodies`` are the text boxes in slot order (body; or left, right); ``headings`` the two
    column headings of a "Comparison"-like layout. Fonts are the profile's, else the first the
    layout, its master or the theme names; sizes are empty when none of them sets one.
    """

    layout: str
    title: Box4 | None
    bodies: tuple[Box4, ...]
    headings: tuple[Box4, ...] = ()
    body_font: str | None = None
    body_sizes: tuple[float, ...] = ()  # level 1 first
    title_font: str | None = None
    title_size: float | None = None


@dataclass(frozen=True)
class TemplateGeometry:
    slide_width: int
    slide_height: int
    roles: dict[Layout, RoleGeometry] = field(default_factory=dict)  # roles the template serves


def template_geometry(path: Path, layout_names: Mapping[Layout, str]) -> TemplateGeometry:
    """Slide size and, per role the template can serve, where text goes and how big it is.

    A role the template cannot serve is left out; ``check_template`` says why.
    """
    prs = open_template(path)
    profile = load_profile(path)
    roles = {}
    for role, choice in choose_layouts(prs, path, layout_names, profile=profile).items():
        layout = find_layout(prs, choice.name)
        if layout is None:
            continue
        slots = find_slots(role, read_placeholders(layout), placeholder_override(profile, role, choice.name))
        if not slots.missing:
            roles[role] = role_geometry(layout, slots, profile)
    return TemplateGeometry(int(prs.slide_width or 0), int(prs.slide_height or 0), roles)


def role_geometry(layout: SlideLayout, slots: Slots, profile: TemplateProfile | None) -> RoleGeometry:
    shapes = {ph.placeholder_format.idx: ph for ph in placeholders_of(layout)}

    def shape(slot: str) -> BaseShape | None:
        idx = slots.idx(slot)
        return None if idx is None else shapes.get(idx)

    bodies = [s for slot in ("subtitle", "text", "body", "left", "right") if (s := shape(slot)) is not None]
    headings = [s for slot in ("left-heading", "right-heading") if (s := shape(slot)) is not None]
    title = shape("title")
    fonts = profile.fonts if profile is not None else {}
    master = layout.slide_master
    return RoleGeometry(
        layout=layout.name,
        title=box_of(title) if title is not None else None,
        bodies=tuple(b for b in map(box_of, bodies) if b is not None),
        headings=tuple(h for h in map(box_of, headings) if h is not None),
        body_font=fonts.get("body") or (font_of(bodies[0], master, "bodyStyle") if bodies else None),
        body_sizes=level_sizes(bodies[0], master, "bodyStyle") if bodies else (),
        title_font=fonts.get("title") or (font_of(title, master, "titleStyle") if title else None),
        title_size=next(iter(level_sizes(title, master, "titleStyle", levels=1)), None) if title else None,
    )


def list_styles(shape: BaseShape, master: SlideMaster, style: str) -> list[Any]:
    """Where a placeholder's paragraph levels are styled, nearest first: the layout placeholder,
    the master placeholder it inherits from, then the master's title or body text style."""
    chain: list[Any] = []
    node: Any = shape
    while node is not None:
        chain.extend(node._element.xpath("./p:txBody/a:lstStyle"))
        node = getattr(node, "_base_placeholder", None)
    chain.extend(master._element.xpath(f"./p:txStyles/p:{style}"))
    return chain


def level_attr(style: Any, level: int, name: str, child: str = "") -> str | None:
    """An attribute of a list style's level-``level`` run defaults (``a:lvl1pPr/a:defRPr``).

    ``find`` rather than ``xpath``: style elements python-pptx has no class for know no prefixes.
    """
    path = f"{qn(f'a:lvl{level}pPr')}/{qn('a:defRPr')}" + (f"/{qn(child)}" if child else "")
    element = style.find(path)
    value = element.get(name) if element is not None else None
    return str(value) if value is not None else None


def level_sizes(shape: BaseShape, master: SlideMaster, style: str, *, levels: int = 5) -> tuple[float, ...]:
    """Font size in points of levels 1..``levels``, up to the first level nothing sizes."""
    sizes = []
    chain = list_styles(shape, master, style)
    for level in range(1, levels + 1):
        found = next((sz for el in chain if (sz := level_attr(el, level, "sz")) is not None), None)
        if found is None:
            break
        sizes.append(int(found) / 100)
    return tuple(sizes)


def font_of(shape: BaseShape, master: SlideMaster, style: str) -> str | None:
    """The level-1 latin typeface, with theme references (``+mn-lt``) resolved to the theme's fonts."""
    chain = list_styles(shape, master, style)
    face = next((f for el in chain if (f := level_attr(el, 1, "typeface", "a:latin")) is not None), None)
    if face is None:
        face = "+mj-lt" if style == "titleStyle" else "+mn-lt"  # what PowerPoint falls back to
    if face.startswith("+"):
        heading, body = theme_fonts(master)
        return heading if face.startswith("+mj") else body
    return str(face)


def theme_fonts(master: SlideMaster) -> tuple[str | None, str | None]:
    """The master's theme fonts: (headings, body)."""
    try:
        theme = parse_xml(master.part.part_related_by(RT.THEME).blob)
    except (KeyError, ValueError, SyntaxError):
        return None, None
    scheme = theme.find(f"{qn('a:themeElements')}/{qn('a:fontScheme')}")
    if scheme is None:
        return None, None

    def face(tag: str) -> str | None:
        latin = scheme.find(f"{qn(tag)}/{qn('a:latin')}")
        return str(latin.get("typeface")) if latin is not None and latin.get("typeface") else None

    return face("a:majorFont"), face("a:minorFont")
