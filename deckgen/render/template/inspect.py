"""What deckgen sees in a template: size, masters, layouts, placeholders, roles; as data, text or JSON."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from math import gcd
from pathlib import Path

from deckgen.core.assets import profile_path
from deckgen.core.errors import Diagnostic
from deckgen.core.errors import format_report as format_diagnostics
from deckgen.core.units import EMU_PER_INCH
from deckgen.plan.model import Layout
from deckgen.render.template.checks import (
    ROLE_USE,
    choose_layouts,
    find_layout,
    layout_problems,
    open_template,
    read_placeholders,
    theme_fonts,
)
from deckgen.render.template.exported import iter_layouts
from deckgen.render.template.profile import (
    NameSource,
    Placeholder,
    find_slots,
    load_profile,
    placeholder_override,
)


@dataclass(frozen=True)
class MasterInfo:
    number: int  # 1-based, in the template's order
    name: str  # "" when the master has none
    heading_font: str | None  # the theme's fonts
    body_font: str | None


@dataclass(frozen=True)
class LayoutInfo:
    name: str
    master: int
    placeholders: tuple[Placeholder, ...]
    roles: tuple[Layout, ...]  # the slide kinds deckgen builds with it
    shadowed: bool = False  # another master has a layout of this name, and deckgen uses that one


@dataclass(frozen=True)
class RoleInfo:
    role: Layout
    layout: str
    source: NameSource  # profile, default, fallback or structure (a report has no brief)
    found: bool
    slots: tuple[tuple[str, Placeholder], ...]  # slot -> placeholder; empty when the layout lacks some
    why: str = ""  # for "structure": what the layout has that the role needs
    master: int = 0  # 1-based: whose layout of that name is used (templates repeat names per master)


@dataclass(frozen=True)
class TemplateReport:
    path: str
    slide_width: int  # EMU
    slide_height: int
    profile: str | None  # the profile read, if any
    masters: tuple[MasterInfo, ...]
    layouts: tuple[LayoutInfo, ...]
    roles: tuple[RoleInfo, ...]
    problems: tuple[Diagnostic, ...]  # what stops a slide kind from being built
    sample_slides: int  # left in the template; a build drops them


def inspect_template(path: Path) -> TemplateReport:
    """Read ``path`` (and its profile); DeckgenError when either cannot be read."""
    prs = open_template(path)
    profile = load_profile(path)
    choices = choose_layouts(prs, path, {}, profile=profile)
    problems, _ = layout_problems(prs, path, choices.values(), profile)
    numbers = {master.part.partname: n for n, master in enumerate(prs.slide_masters, start=1)}
    roles = []
    for role, choice in choices.items():
        layout = find_layout(prs, choice.name, choice.role)
        slots: tuple[tuple[str, Placeholder], ...] = ()
        master = 0
        if layout is not None:
            override = placeholder_override(profile, role, choice.name)
            found = find_slots(role, read_placeholders(layout), override)
            slots = () if found.missing else found.found
            master = numbers[layout.slide_master.part.partname]
        roles.append(
            RoleInfo(role, choice.name, choice.source, layout is not None, slots, choice.why, master)
        )
    masters, layouts = [], []
    names = Counter(layout.name for layout in iter_layouts(prs))
    for number, master in enumerate(prs.slide_masters, start=1):
        masters.append(MasterInfo(number, master.name, *theme_fonts(master)))
        for layout in master.slide_layouts:
            served = tuple(r.role for r in roles if r.found and (r.layout, r.master) == (layout.name, number))
            used = any(r.found and r.layout == layout.name for r in roles)
            shadowed = names[layout.name] > 1 and used and not served
            layouts.append(LayoutInfo(layout.name, number, read_placeholders(layout), served, shadowed))
    return TemplateReport(
        path=str(path),
        slide_width=int(prs.slide_width or 0),
        slide_height=int(prs.slide_height or 0),
        profile=str(profile_path(path)) if profile is not None else None,
        masters=tuple(masters),
        layouts=tuple(layouts),
        roles=tuple(roles),
        problems=problems,
        sample_slides=len(prs.slides),
    )


def inches(emu: int) -> str:
    return f"{emu / EMU_PER_INCH:.3f}".rstrip("0").rstrip(".")


def aspect(width: int, height: int) -> str:
    """ "16:9", "4:3": the ratio in small numbers when there is one, else the decimal."""
    for w, h in ((16, 9), (4, 3), (16, 10), (3, 2), (1, 1)):
        if height and abs(width / height - w / h) < 0.002:
            return f"{w}:{h}"
    divisor = gcd(width, height) or 1
    return f"{width // divisor}:{height // divisor}"


def box_text(box: tuple[int, int, int, int] | None) -> str:
    if box is None:
        return "no box"
    left, top, width, height = (f"{v / EMU_PER_INCH:.2f}" for v in box)
    return f"at ({left}, {top}) size {width} x {height} in"


def table(rows: list[tuple[str, ...]], indent: str = "  ") -> list[str]:
    """Rows as left-aligned columns, two spaces apart."""
    widths = [max(len(row[n]) for row in rows) for n in range(len(rows[0]))] if rows else []
    return [
        indent + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def format_report(report: TemplateReport) -> str:
    """The report as text a person reads: summary, slide kinds, then every master's layouts."""
    size = f"{inches(report.slide_width)} x {inches(report.slide_height)} in"
    masters = f"{len(report.masters)} master{'s' if len(report.masters) != 1 else ''}"
    samples = f"{report.sample_slides} sample slide{'' if report.sample_slides == 1 else 's'}"
    if report.sample_slides:
        samples += " (left out of built decks)"
    default_profile = profile_path(Path(report.path)).name
    lines = [
        f"{report.path}: {size} ({aspect(report.slide_width, report.slide_height)}), {masters}, "
        f"{len(report.layouts)} layouts, {samples}",
        f"profile: {report.profile or f'none (deckgen would read {default_profile})'}",
        "",
        "Slide kinds, and the layout each is built with:",
    ]
    rows: list[tuple[str, ...]] = []
    for role in report.roles:
        where = ", ".join(slot_text(report, role, slot, ph) for slot, ph in role.slots)
        if not role.found or not role.slots:
            where = "MISSING layout" if not role.found else "MISSING placeholders"
        why = f"({role.why})" if role.why else ""
        name = repr(role.layout)
        if role.found and sum(lay.name == role.layout for lay in report.layouts) > 1:
            name += f" of master {role.master}"  # the name is repeated: say whose layout
        rows.append((role.role.value, ROLE_USE[role.role], name, role.source, where, why))
    lines += table(rows)
    for master in report.masters:
        fonts = f"theme fonts: {master.heading_font or '?'} headings, {master.body_font or '?'} body"
        name = f" {master.name!r}" if master.name else ""
        lines += ["", f"Master {master.number}{name} ({fonts})"]
        for layout in (lay for lay in report.layouts if lay.master == master.number):
            used = ", ".join(role.value for role in layout.roles)
            note = f"  <- {used}" if used else ""
            if layout.shadowed:
                note = "  (not used: another master's layout of this name is)"
            lines.append(f"  layout {layout.name!r}{note}")
            rows = [(f"idx {ph.idx}", ph.kind, repr(ph.name), box_text(ph.box)) for ph in layout.placeholders]
            lines += table(rows, indent="      ") if rows else ["      no placeholders"]
    lines.append("")
    if report.problems:
        lines += ["Missing:", format_diagnostics(report.problems)]
    else:
        lines.append("Missing: nothing; every slide kind can be built with this template.")
    return "\n".join(lines)


def slot_text(report: TemplateReport, role: RoleInfo, slot: str, ph: Placeholder) -> str:
    """ "body idx 1"; with the placeholder's name when its layout repeats the idx (LibreOffice)."""
    layout = next(lay for lay in report.layouts if (lay.name, lay.master) == (role.layout, role.master))
    repeated = sum(other.idx == ph.idx for other in layout.placeholders) > 1
    return f"{slot} idx {ph.idx}" + (f" {ph.name!r}" if repeated else "")


def report_to_dict(report: TemplateReport) -> dict[str, object]:
    """The report as JSON-ready data; boxes in EMU."""

    def box(value: tuple[int, int, int, int] | None) -> dict[str, int] | None:
        return None if value is None else dict(zip(("left", "top", "width", "height"), value, strict=True))

    return {
        "path": report.path,
        "slide": {
            "width": report.slide_width,
            "height": report.slide_height,
            "aspect": aspect(report.slide_width, report.slide_height),
        },
        "profile": report.profile,
        "sample_slides": report.sample_slides,
        "masters": [
            {"number": m.number, "name": m.name, "heading_font": m.heading_font, "body_font": m.body_font}
            for m in report.masters
        ],
        "layouts": [
            {
                "name": layout.name,
                "master": layout.master,
                "roles": [role.value for role in layout.roles],
                "shadowed": layout.shadowed,
                "placeholders": [
                    {"idx": ph.idx, "position": ph.pos, "type": ph.kind, "name": ph.name, "box": box(ph.box)}
                    for ph in layout.placeholders
                ],
            }
            for layout in report.layouts
        ],
        "roles": [
            {
                "role": role.role.value,
                "layout": role.layout,
                "source": role.source,
                "why": role.why or None,
                "found": role.found,
                "master": role.master or None,
                "placeholders": {slot: ph.idx for slot, ph in role.slots},
                "positions": {slot: ph.pos for slot, ph in role.slots},
            }
            for role in report.roles
        ],
        "problems": [problem.as_dict() for problem in report.problems],
    }
