"""The template made ready to render: checked up front, renumbered for the renderer, sample slides dropped."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from pathlib import Path

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.presentation import Presentation as PresentationT
from pptx.slide import SlideLayout

from deckgen.core.assets import profile_path
from deckgen.core.errors import DeckgenError, Diagnostic, Loc
from deckgen.plan.model import Layout
from deckgen.render.template.measure import template_geometry as template_geometry
from deckgen.render.template.measure import theme_fonts as theme_fonts
from deckgen.render.template.profile import TemplateProfile, load_profile, placeholder_override
from deckgen.render.template.roles import as_choice, iter_layouts, placeholders_of
from deckgen.render.template.roles import choose_layouts as choose_layouts
from deckgen.render.template.roles import find_layout as find_layout
from deckgen.render.template.roles import layout_names_for as layout_names_for
from deckgen.render.template.roles import open_template as open_template
from deckgen.render.template.roles import read_placeholders as read_placeholders
from deckgen.render.template.slots import BODY_IDX as BODY_IDX
from deckgen.render.template.slots import COMPARISON as COMPARISON
from deckgen.render.template.slots import DEFAULT_LAYOUT_NAMES as DEFAULT_LAYOUT_NAMES
from deckgen.render.template.slots import TWO_CONTENT as TWO_CONTENT
from deckgen.render.template.slots import LayoutChoice, Placeholder, Slots, find_slots

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


def describe(ph: Placeholder) -> str:
    return f"{ph.kind} (idx {ph.idx})"


def remove_slides(prs: PresentationT) -> None:
    """Drop the template's sample slides: the sldId and its relationship, so nothing dangles."""
    id_list = prs.slides._sldIdLst
    for sld_id in list(id_list):
        rid = sld_id.rId
        id_list.remove(sld_id)
        prs.part.drop_rel(rid)
