"""The opened template: its layouts and placeholders as plain data, and the layout for each role."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from pptx import Presentation
from pptx.exc import PythonPptxError
from pptx.presentation import Presentation as PresentationT
from pptx.shapes.base import BaseShape
from pptx.slide import SlideLayout

from deckgen.core.errors import DeckgenError, Diagnostic, Loc
from deckgen.plan.geometry import Box4
from deckgen.plan.model import DeckPlan, Layout
from deckgen.render.package.save import as_presentation_package
from deckgen.render.template.exported import box_of as box_of
from deckgen.render.template.exported import find_layout as find_layout
from deckgen.render.template.exported import iter_layouts as iter_layouts
from deckgen.render.template.exported import repair_exported_layouts
from deckgen.render.template.profile import TemplateProfile, load_profile, placeholder_override
from deckgen.render.template.slots import (
    DEFAULT_LAYOUT_NAMES,
    FALLBACK_NAMES,
    LayoutChoice,
    Placeholder,
    choose_layout,
    find_slots,
)
from deckgen.render.template.structure import Candidate, by_structure


def open_template(path: Path) -> PresentationT:
    """Open a .pptx or .potx template; raise a located DeckgenError when it cannot be read."""
    try:
        data = path.read_bytes()
        prs = Presentation(as_presentation_package(data))
        repair_exported_layouts(prs)
    except OSError as exc:
        reason = exc.strerror or str(exc)
    # lxml's XMLSyntaxError is a SyntaxError: a part that is not well-formed XML.
    except (zipfile.BadZipFile, PythonPptxError, KeyError, ValueError, SyntaxError) as exc:
        reason = f"not a PowerPoint file ({exc})"
    else:
        return prs
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


def read_placeholders(layout: SlideLayout) -> tuple[Placeholder, ...]:
    """The layout's placeholders as plain data; boxes a layout leaves out come from its master."""
    return tuple(
        Placeholder(ph.placeholder_format.idx, kind_of(ph), ph.name, box_of(ph), pos)
        for pos, ph in enumerate(placeholders_of(layout))
    )


def kind_of(ph: BaseShape) -> str:
    kind = ph.placeholder_format.type
    return kind.name.lower().replace("_", " ") if kind is not None else "object"


def on_slide(box: Box4 | None, width: int, height: int) -> Box4 | None:
    """``box`` cut to the slide. A template placeholder that runs off the slide (LibreOffice's
    "Progress" has a body reaching 0.3 in below the bottom) is measured and drawn where it shows."""
    if box is None or width <= 0 or height <= 0:
        return box
    left, top = max(box[0], 0), max(box[1], 0)
    right, bottom = min(box[0] + box[2], width), min(box[1] + box[3], height)
    if right <= left or bottom <= top:
        return box  # wholly off the slide: nothing to keep
    return (left, top, right - left, bottom - top)


def placeholders_of(layout: SlideLayout) -> list[BaseShape]:
    return [shape for shape in layout.shapes if shape.is_placeholder]


def choose_layouts(
    prs: PresentationT,
    path: Path,
    overrides: Mapping[Layout, str],
    *,
    roles: Iterable[Layout] | None = None,
    profile: TemplateProfile | None = None,
) -> dict[Layout, LayoutChoice]:
    """The layout for each role: brief override > profile > default name > a usual alternative >
    the layout whose placeholders have the role's structure (``structure.by_structure``).

    Loads the profile beside ``path`` unless one is given; raises DeckgenError when it is wrong.
    """
    profile = profile or load_profile(path)
    inventory: dict[str, tuple[Placeholder, ...]] = {}
    masters: dict[str, int] = {}
    for number, master in enumerate(prs.slide_masters, start=1):
        for layout in master.slide_layouts:
            if layout.name not in inventory:  # find_layout takes the first
                inventory[layout.name] = read_placeholders(layout)
                masters[layout.name] = number
    candidates = [Candidate(name, masters[name], phs) for name, phs in inventory.items()]
    choices = {}
    for role in Layout if roles is None else roles:

        def serves(name: str, role: Layout = role) -> bool:
            override = placeholder_override(profile, role, name)
            return not find_slots(role, inventory[name], override).missing

        choice = choose_layout(
            role, list(inventory), brief=overrides.get(role), profile=profile, serves=serves
        )
        if choice.source in ("default", "fallback") and not (choice.found and serves(choice.name)):
            found = by_structure(role, candidates, serves)
            if found is not None:
                choice = replace(choice, name=found.name, source="structure", found=True, why=found.why)
        choices[role] = choice
    return choices


def layout_names_for(plan: DeckPlan) -> dict[Layout, str]:
    """The layout name for every role: the brief's, else the profile's, else a default or fallback."""
    prs = open_template(plan.template)
    choices = choose_layouts(prs, plan.template, plan.layout_names)
    return {role: choice.name for role, choice in choices.items()}


def as_choice(role: Layout, name: str, profile: TemplateProfile | None, have: set[str]) -> LayoutChoice:
    """Where an already chosen name came from, for messages: the profile, the default, or the brief."""
    if profile is not None and profile.layouts.get(role) == name:
        return LayoutChoice(role, name, "profile", name in have, profile.loc(f"layouts.{role.value}"))
    if name == DEFAULT_LAYOUT_NAMES[role]:
        return LayoutChoice(role, name, "default", name in have, tried=(name, *FALLBACK_NAMES[role][1:]))
    return LayoutChoice(role, name, "brief", name in have)
