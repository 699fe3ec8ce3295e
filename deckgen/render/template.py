"""The template: opening it, finding layouts by name, checking them up front, clearing sample slides."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PythonPptxError
from pptx.presentation import Presentation as PresentationT
from pptx.shapes.base import BaseShape
from pptx.slide import SlideLayout

from deckgen.errors import DeckgenError, Diagnostic, Loc
from deckgen.plan.model import DeckPlan, Layout
from deckgen.render.package import as_presentation_package

DEFAULT_LAYOUT_NAMES: Mapping[Layout, str] = MappingProxyType(
    {
        Layout.TITLE: "Title Slide",
        Layout.SECTION: "Section Header",
        Layout.CONTENT: "Title and Content",
        Layout.TWO_COLUMN: "Comparison",
        Layout.TITLE_ONLY: "Title Only",
    }
)

# Placeholder idx values, as PowerPoint's own layouts number them. Filled by idx, never by order.
TITLE_IDX = 0
BODY_IDX = 1  # subtitle on "Title Slide", text on "Section Header", body on "Title and Content"
# "Two Content": bodies 1 and 2. "Comparison": headings 1 and 3, bodies 2 and 4.
TWO_CONTENT = (1, 2)
COMPARISON = (1, 2, 3, 4)

REQUIRED_IDX: Mapping[Layout, tuple[int, ...]] = MappingProxyType(
    {
        Layout.TITLE: (BODY_IDX,),
        Layout.SECTION: (BODY_IDX,),
        Layout.CONTENT: (BODY_IDX,),
        Layout.TWO_COLUMN: TWO_CONTENT,
        Layout.TITLE_ONLY: (),
    }
)

TITLE_TYPES = frozenset({PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE})
TEXT_TYPES = frozenset({PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE})

ROLE_USE = {
    Layout.TITLE: "the title slide",
    Layout.SECTION: "section dividers",
    Layout.CONTENT: "bullet slides",
    Layout.TWO_COLUMN: "two-column slides",
    Layout.TITLE_ONLY: "quote and image slides",
}


def layout_names_for(plan: DeckPlan) -> dict[Layout, str]:
    """The layout name for every role: the defaults, overridden by the plan's own mapping."""
    return {**DEFAULT_LAYOUT_NAMES, **plan.layout_names}


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


def check_template(
    path: Path, layout_names: dict[Layout, str], *, roles: Iterable[Layout] | None = None
) -> tuple[Diagnostic, ...]:
    """Every problem with ``path`` as a template, found before anything is rendered.

    ``layout_names`` overrides the default role -> layout mapping; every role is checked unless
    ``roles`` narrows it to the ones a deck uses.
    """
    try:
        prs = open_template(path)
    except DeckgenError as exc:
        return exc.diagnostics
    names = {**DEFAULT_LAYOUT_NAMES, **layout_names}
    wanted = Layout if roles is None else roles
    return check_layouts(prs, path, {role: names[role] for role in wanted})


def check_layouts(
    prs: PresentationT, path: Path, layout_names: Mapping[Layout, str]
) -> tuple[Diagnostic, ...]:
    loc = Loc(str(path))
    have = [layout.name for layout in iter_layouts(prs)]
    problems: list[Diagnostic] = []
    for role, name in layout_names.items():
        layout = find_layout(prs, name)
        if layout is None:
            listed = ", ".join(repr(n) for n in have) or "none"
            problems.append(
                Diagnostic(
                    loc,
                    "template-missing-layout",
                    f"template has no layout named {name!r} (used for {ROLE_USE[role]})",
                    hint=f"its layouts are: {listed}; map {role.value!r} to one of them",
                    key=f"layout_names.{role.value}",
                )
            )
            continue
        missing = missing_placeholders(layout, role)
        if missing:
            phs = ", ".join(describe(ph) for ph in placeholders_of(layout)) or "no placeholders"
            problems.append(
                Diagnostic(
                    loc,
                    "template-missing-placeholder",
                    f"layout {name!r} (used for {ROLE_USE[role]}) has no {' and no '.join(missing)}",
                    hint=f"it has: {phs}",
                    key=f"layout_names.{role.value}",
                )
            )
    return tuple(problems)


def missing_placeholders(layout: SlideLayout, role: Layout) -> list[str]:
    found = {ph.placeholder_format.idx: ph.placeholder_format.type for ph in placeholders_of(layout)}
    missing = []
    if not TITLE_TYPES & set(found.values()):
        missing.append("title placeholder")
    for idx in REQUIRED_IDX[role]:
        if found.get(idx) not in TEXT_TYPES:
            missing.append(f"text placeholder with idx {idx}")
    return missing


def placeholders_of(layout: SlideLayout) -> list[BaseShape]:
    return [shape for shape in layout.shapes if shape.is_placeholder]


def describe(ph: BaseShape) -> str:
    fmt = ph.placeholder_format
    kind = fmt.type.name.lower().replace("_", " ") if fmt.type is not None else "placeholder"
    return f"{kind} (idx {fmt.idx})"


def remove_slides(prs: PresentationT) -> None:
    """Drop the template's sample slides: the sldId and its relationship, so nothing dangles."""
    id_list = prs.slides._sldIdLst
    for sld_id in list(id_list):
        rid = sld_id.rId
        id_list.remove(sld_id)
        prs.part.drop_rel(rid)
