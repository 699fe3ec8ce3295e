"""The template made ready to render: checked up front, renumbered for the renderer, sample slides dropped."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from pathlib import Path

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.presentation import Presentation as PresentationT
from pptx.slide import SlideLayout
from pptx.util import Emu

from deckgen.core.assets import profile_path
from deckgen.core.errors import DeckgenError, Diagnostic, Loc
from deckgen.core.memo import cached
from deckgen.plan.model import Layout
from deckgen.render.template.measure import template_geometry as template_geometry
from deckgen.render.template.measure import theme_fonts as theme_fonts
from deckgen.render.template.profile import TemplateProfile, load_profile, placeholder_override
from deckgen.render.template.roles import as_choice, box_of, iter_layouts, on_slide, placeholders_of
from deckgen.render.template.roles import choose_layouts as choose_layouts
from deckgen.render.template.roles import find_layout as find_layout
from deckgen.render.template.roles import layout_names_for as layout_names_for
from deckgen.render.template.roles import open_template as open_template
from deckgen.render.template.roles import read_placeholders as read_placeholders
from deckgen.render.template.slots import BODY_IDX as BODY_IDX
from deckgen.render.template.slots import COMPARISON as COMPARISON
from deckgen.render.template.slots import DEFAULT_LAYOUT_NAMES as DEFAULT_LAYOUT_NAMES
from deckgen.render.template.slots import TITLE_IDX, LayoutChoice, Placeholder, Slots, find_slots
from deckgen.render.template.slots import TWO_CONTENT as TWO_CONTENT
from deckgen.render.template.structure import NEEDS

# Re-exported above ("as"): the renderer, `deckgen template inspect` and deckgen.render import
# these from here. They live with what they belong to: idx values and default names with the
# matching rules (slots.py), opening a template and choosing layouts with its layouts (roles.py),
# boxes and fonts with the geometry (measure.py).

TEXT_TYPES = frozenset({PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE})

ROLE_USE = {
    Layout.TITLE: "the title slide",
    Layout.SECTION: "section dividers",
    Layout.CONTENT: "bullet slides",
    Layout.TWO_COLUMN: "two-column slides",
    Layout.TITLE_ONLY: "quote and image slides",
}


def check_template(
    path: Path, layout_names: Mapping[Layout, str], *, roles: Iterable[Layout] | None = None
) -> tuple[Diagnostic, ...]:
    """Every problem with ``path`` as a template, found before anything is rendered.

    ``layout_names`` are the brief's overrides of the role -> layout mapping; every role is
    checked unless ``roles`` narrows it to the ones a deck uses. A long-lived process (deckgen
    watch) keeps the answer while the template and its profile keep their bytes.
    """
    names = tuple(sorted((role.value, name) for role, name in layout_names.items()))
    used = None if roles is None else tuple(sorted(set(roles), key=lambda role: role.value))
    return cached(
        "template-check",
        (path, profile_path(path)),
        (names, used),
        lambda: _check_template(path, layout_names, used),
    )


def _check_template(
    path: Path, layout_names: Mapping[Layout, str], roles: Iterable[Layout] | None
) -> tuple[Diagnostic, ...]:
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
        keep_on_slide(layout, mapping, int(prs.slide_width or 0), int(prs.slide_height or 0))
    return ()


Numbering = tuple[SlideLayout, dict[int, int], frozenset[int]]


def layout_problems(
    prs: PresentationT, path: Path, choices: Iterable[LayoutChoice], profile: TemplateProfile | None
) -> tuple[tuple[Diagnostic, ...], list[Numbering]]:
    """Every missing layout or placeholder, and how each used layout would be renumbered."""
    have = layout_list(prs)
    problems: list[Diagnostic] = []
    plans: dict[str, tuple[SlideLayout, dict[int, int], set[int], Layout]] = {}
    for choice in choices:
        layout = find_layout(prs, choice.name, choice.role)
        if layout is None:
            problems.append(missing_layout(choice, path, have))
            continue
        override = placeholder_override(profile, choice.role, choice.name)
        slots = find_slots(choice.role, read_placeholders(layout), override)
        if slots.missing:
            problems.append(missing_placeholder(choice, slots, layout, path, profile, bool(override)))
            continue
        # Keyed by the placeholder's place in the layout: idx values may repeat (LibreOffice: all 0).
        mapping = {dict(slots.found)[slot].pos: target for slot, target in slots.renderer_idx().items()}
        # Stray text placeholders at 3 and 4 would make the renderer take "Two Content" for "Comparison".
        reserved = set(COMPARISON) if choice.role is Layout.TWO_COLUMN else set()
        key = str(layout.part.partname)  # one name may stand for a layout under each master
        earlier = plans.get(key)
        if earlier is None:
            plans[key] = (layout, mapping, reserved, choice.role)
        elif not agree(earlier[1], mapping):
            problems.append(layout_conflict(choice, earlier[3], path))
        else:
            earlier[1].update(mapping)
            earlier[2].update(reserved)
    return tuple(problems), [(layout, mapping, frozenset(res)) for layout, mapping, res, _ in plans.values()]


def agree(first: Mapping[int, int], second: Mapping[int, int]) -> bool:
    """Two roles on one layout must number it alike: same place -> new idx, no two places on one."""
    merged = {**first, **second}
    same = all(first[idx] == second[idx] for idx in first.keys() & second.keys())
    return same and len(set(merged.values())) == len(merged)


def layout_list(prs: PresentationT) -> str:
    """Each layout name once, in order; grouped by master when more than one master adds names."""
    seen: set[str] = set()
    groups: list[tuple[int, list[str]]] = []
    for number, master in enumerate(prs.slide_masters, start=1):
        names = [layout.name for layout in master.slide_layouts if layout.name not in seen]
        seen.update(names)
        if names:
            groups.append((number, list(dict.fromkeys(names))))
    if len(groups) <= 1:
        return ", ".join(repr(name) for _, names in groups for name in names) or "none"
    return "; ".join(f"master {n}: " + ", ".join(repr(name) for name in names) for n, names in groups)


def missing_layout(choice: LayoutChoice, path: Path, listed: str) -> Diagnostic:
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
            f"template has no layout named {choice.name!r} (used for {use}), nor any usual alternative, "
            f"nor any layout with {NEEDS[choice.role]}",
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

    ``mapping`` is keyed by the placeholder's place among the layout's placeholders. Any other
    placeholder holding a wanted or reserved idx, the title's 0, or an idx an earlier one holds
    moves to an unused number above all others: every idx in the layout ends up distinct, so a
    slide made from it has one placeholder per idx and each inherits from the right one.
    """
    elements = [ph for shape in placeholders_of(layout) if (ph := shape._element.ph) is not None]
    wanted = set(mapping.values()) | reserved | {TITLE_IDX}
    spare = itertools.count(max({*(ph.idx for ph in elements), *wanted}, default=0) + 1)
    taken = set(mapping.values())
    for pos, ph in enumerate(elements):
        if pos in mapping:
            target = mapping[pos]
        else:
            target = next(spare) if ph.idx in wanted or ph.idx in taken else ph.idx
            taken.add(target)
        if target != ph.idx:
            ph.idx = target


def keep_on_slide(layout: SlideLayout, positions: Iterable[int], width: int, height: int) -> None:
    """Cut the filled placeholders that run off the slide to it, as ``template_geometry`` measured
    them: all four of left, top, width and height, so nothing is left half inherited."""
    shapes = placeholders_of(layout)
    for pos in positions:
        shape = shapes[pos]
        box = box_of(shape)
        cut = on_slide(box, width, height)
        if cut is not None and cut != box:
            shape.left, shape.top, shape.width, shape.height = (Emu(value) for value in cut)


def describe(ph: Placeholder) -> str:
    return f"{ph.kind} (idx {ph.idx})"


def remove_slides(prs: PresentationT) -> None:
    """Drop the template's sample slides: the sldId and its relationship, so nothing dangles."""
    id_list = prs.slides._sldIdLst
    for sld_id in list(id_list):
        rid = sld_id.rId
        id_list.remove(sld_id)
        prs.part.drop_rel(rid)
