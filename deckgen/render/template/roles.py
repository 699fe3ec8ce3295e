"""The opened template: its layouts and placeholders as plain data, and the layout for each role."""

from __future__ import annotations

import zipfile
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from pptx import Presentation
from pptx.exc import PythonPptxError
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.parts.coreprops import CorePropertiesPart
from pptx.presentation import Presentation as PresentationT
from pptx.shapes.base import BaseShape
from pptx.slide import SlideLayout

from deckgen.core.errors import DeckgenError, Diagnostic, Loc, file_problem
from deckgen.core.files import FileProblem, read_bytes
from deckgen.core.zipcheck import verified_zip
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
from deckgen.render.template.values import BadPart, check_values

# What python-pptx raises for a package it cannot make sense of: a part missing or of the wrong
# type (KeyError), an element it does not expect (AttributeError), a value out of its range
# (ValueError), XML that is not well-formed (lxml's XMLSyntaxError is a SyntaxError), a chain of
# relationships deeper than Python's stack (RecursionError). Nothing broader: a mistake in
# deckgen must stay a traceback, not become a "damaged template".
DAMAGED = (
    zipfile.BadZipFile,
    PythonPptxError,
    KeyError,
    ValueError,
    SyntaxError,
    AttributeError,
    RecursionError,
)


def open_template(path: Path) -> PresentationT:
    """Open a .pptx or .potx template; raise a located DeckgenError when it cannot be read.

    The file is read as every untrusted file is (a regular file within the template size
    limit), and its zip checked and unpacked within bounds (``core/zipcheck.py``) before
    python-pptx sees it. Problems are reported at 1:1 of the template: a zip has no lines.
    """
    try:
        data = verified_zip(read_bytes(path, "template"), "template")
        prs = Presentation(as_presentation_package(data))
        check_structure(prs)
    except FileProblem as exc:
        raise DeckgenError((file_problem(str(path), exc),)) from None
    except BadPart as exc:
        reason = _clip(str(exc))
    except DAMAGED as exc:
        reason = f"not a PowerPoint file ({_clip(str(exc) or type(exc).__name__)})"
    else:
        # Outside the guard: the repair reads only what check_structure has read, so an
        # exception here is a mistake in deckgen and must stay a traceback.
        repair_exported_layouts(prs)
        return prs
    raise DeckgenError(
        (
            Diagnostic(
                Loc(str(path), 1, 1),
                "template-unreadable",
                f"cannot open template: {reason}",
                hint="give a .pptx or .potx made by PowerPoint, or the default briefing template",
            ),
        )
    )


def check_structure(prs: PresentationT) -> None:
    """Read what deckgen reads from a template: the slide size; every master and layout, each
    layout's master, and every placeholder's idx, type, name and box (the notes master's too);
    the document properties; and the values ``values.py`` lists, read from the XML itself. And
    see that no part already has a name python-pptx gives a part it makes (a slide, the notes
    master, the document properties). A damaged part is then reported once, when the template
    is opened, not by whatever reads it first, or as a corrupt deck. python-pptx raises one of
    ``DAMAGED`` for a part it cannot make sense of."""
    _ = int(prs.slide_width or 0), int(prs.slide_height or 0)
    _check_lists(prs)
    if not any(len(master.slide_layouts) for master in prs.slide_masters):
        raise BadPart(f"{prs.part.partname}: no slide master with a layout is listed")
    for master in prs.slide_masters:
        _check_shapes(master.shapes)
        for layout in master.slide_layouts:
            _ = str(layout.name), layout.slide_master
            _check_shapes(layout.shapes)
    for slide in prs.slides:
        _ = slide.slide_layout
    listed = {sld_id.rId for sld_id in prs.slides._sldIdLst}
    unlisted = [r for r, rel in prs.part.rels.items() if rel.reltype == RT.SLIDE and r not in listed]
    if unlisted:  # its part keeps its name, which the deck's first new slide would take
        raise BadPart(f"{prs.part.partname}: a slide is related ({unlisted[0]}) but not in the slide list")
    if any(rel.reltype == RT.NOTES_MASTER for rel in prs.part.rels.values()):
        _check_shapes(prs.notes_master.shapes)  # each slide's notes page is made from it
    elif any(str(part.partname) == NOTES_MASTER for part in prs.part.package.iter_parts()):
        # python-pptx would make a notes master of that name: two parts of one name
        raise BadPart(f"{NOTES_MASTER}: a part has the notes master's name but is not related as it")
    _check_core_properties(prs)
    check_values(prs)


MAX_LAYOUTS = 1_000  # in all masters; LibreOffice's 23 templates have at most 253


def _check_lists(prs: PresentationT) -> None:
    """Each master listed once, each layout once in its master's list, and not thousands of them:
    a list that names one layout 2,000 times made every layout lookup scan it (28 s to open)."""
    listed = prs.part._element.sldMasterIdLst
    masters = [sld_id.rId for sld_id in listed] if listed is not None else []
    _no_repeats(masters, f"{prs.part.partname}: the slide master list")
    total = 0
    for master in prs.slide_masters:
        own = master._element.sldLayoutIdLst
        layouts = [sld_id.rId for sld_id in own] if own is not None else []
        _no_repeats(layouts, f"{master.part.partname}: the layout list")
        total += len(layouts)
    if total > MAX_LAYOUTS:
        raise BadPart(f"{total:,} slide layouts; deckgen reads at most {MAX_LAYOUTS:,}")


def _no_repeats(r_ids: list[str], what: str) -> None:
    repeated = sorted(r for r, count in Counter(r_ids).items() if count > 1)
    if repeated:
        raise BadPart(f"{what} names {repeated[0]} more than once")


def _check_core_properties(prs: PresentationT) -> None:
    """The document properties deckgen rewrites: a part python-pptx knows as such, with each
    property readable. Without them python-pptx makes a /docProps/core.xml, which must not
    clash with a part of that name the template relates some other way."""
    core = prs.core_properties
    if not isinstance(core, CorePropertiesPart):
        raise BadPart(
            f"{core.partname}: the document properties are not typed as such in [Content_Types].xml"
        )
    for name in CORE_PROPERTIES:
        getattr(core, name)  # AttributeError for a root element python-pptx does not know
    names = Counter(str(part.partname) for part in prs.part.package.iter_parts())
    twice = sorted(name for name, count in names.items() if count > 1)
    if twice:
        raise BadPart(f"{twice[0]}: two parts have this name (one is not related as what it is)")


NOTES_MASTER = "/ppt/notesMasters/notesMaster1.xml"  # what python-pptx names one it makes
CORE_PROPERTIES = (
    "title",
    "author",
    "subject",
    "keywords",
    "language",
    "comments",
    "category",
    "content_status",
    "identifier",
    "version",
    "last_modified_by",
    "revision",
    "created",
    "modified",
    "last_printed",
)


def _check_shapes(shapes: Iterable[BaseShape]) -> None:
    """Every shape's box (the colours look behind text at the master's and layout's shapes),
    and each placeholder's idx, type and name."""
    for shape in shapes:
        _ = box_of(shape)
        if shape.is_placeholder:
            _ = shape.placeholder_format.idx, shape.placeholder_format.type, str(shape.name)


def _clip(text: str, width: int = 200) -> str:
    """One line of at most ``width`` characters: python-pptx and lxml messages can be long."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


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
