"""Reading the template's geometry: where each role's text goes and how big the template sets it."""

from __future__ import annotations

from collections.abc import Mapping
from copy import deepcopy
from dataclasses import replace
from pathlib import Path
from typing import Any

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.parts.slide import SlidePart
from pptx.presentation import Presentation as PresentationT
from pptx.shapes.base import BaseShape
from pptx.slide import SlideLayout, SlideMaster

from deckgen.charts.model import ChartStyle
from deckgen.core.assets import profile_path
from deckgen.core.memo import cached
from deckgen.core.units import EMU_PER_PT
from deckgen.fit import BRIEFING_BODY
from deckgen.plan.geometry import DEFAULT_FAMILY, Box4, RoleGeometry, TemplateGeometry, TextStyle
from deckgen.plan.model import Layout
from deckgen.render.template.profile import TemplateProfile, load_profile, placeholder_override
from deckgen.render.template.roles import box_of as shape_box
from deckgen.render.template.roles import (
    choose_layouts,
    find_layout,
    on_slide,
    open_template,
    placeholders_of,
    read_placeholders,
)
from deckgen.render.template.slots import Slots, find_slots


def template_geometry(path: Path, layout_names: Mapping[Layout, str]) -> TemplateGeometry:
    """Slide size and, per role the template can serve, where text goes and how big it is.

    A role the template cannot serve is left out; ``check_template`` says why. A long-lived
    process (deckgen watch) keeps the answer while the template and its profile keep their bytes.
    """
    names = tuple(sorted((role.value, name) for role, name in layout_names.items()))
    return cached(
        "template-geometry",
        (path, profile_path(path)),
        names,
        lambda: _template_geometry(path, layout_names),
    )


def _template_geometry(path: Path, layout_names: Mapping[Layout, str]) -> TemplateGeometry:
    prs = open_template(path)
    profile = load_profile(path)
    roles = {}
    for role, choice in choose_layouts(prs, path, layout_names, profile=profile).items():
        layout = find_layout(prs, choice.name, choice.role)
        if layout is None:
            continue
        slots = find_slots(role, read_placeholders(layout), placeholder_override(profile, role, choice.name))
        if not slots.missing:
            roles[role] = role_geometry(layout, slots, profile, (prs.slide_width or 0, prs.slide_height or 0))
    return TemplateGeometry(
        int(prs.slide_width or 0), int(prs.slide_height or 0), roles, chart_style=chart_style_for(prs)
    )


def role_geometry(
    layout: SlideLayout, slots: Slots, profile: TemplateProfile | None, slide: tuple[int, int] = (0, 0)
) -> RoleGeometry:
    """Where ``slots`` put text on ``layout`` and how it is styled; boxes cut to the ``slide``
    (width, height), as ``check_layouts`` cuts the layout the renderer uses."""
    shapes = placeholders_of(layout)  # by place: idx values may repeat

    def shape(slot: str) -> BaseShape | None:
        pos = slots.pos(slot)
        return None if pos is None else shapes[pos]

    bodies = [s for slot in ("subtitle", "text", "body", "left", "right") if (s := shape(slot)) is not None]
    headings = [s for slot in ("left-heading", "right-heading") if (s := shape(slot)) is not None]
    title = shape("title")
    fonts = profile.fonts if profile is not None else {}
    master = layout.slide_master

    def box_of(shape: BaseShape) -> Box4 | None:
        return on_slide(shape_box(shape), *slide)

    return RoleGeometry(
        layout=layout.name,
        title=box_of(title) if title is not None else None,
        bodies=tuple(b for b in map(box_of, bodies) if b is not None),
        headings=tuple(h for h in map(box_of, headings) if h is not None),
        body_font=fonts.get("body") or (font_of(bodies[0], master, "bodyStyle") if bodies else None),
        body_sizes=level_sizes(bodies[0], master, "bodyStyle") if bodies else (),
        title_font=fonts.get("title") or (font_of(title, master, "titleStyle") if title else None),
        title_size=next(iter(level_sizes(title, master, "titleStyle", levels=1)), None) if title else None,
        title_style=text_style(title, master, "titleStyle") if title is not None else TextStyle(),
        body_styles=tuple(text_style(b, master, "bodyStyle") for b in bodies if box_of(b) is not None),
        text_font=theme_fonts(master)[1] or DEFAULT_FAMILY,
    )


def text_style(shape: BaseShape, master: SlideMaster, style: str) -> TextStyle:
    """What a placeholder's level-1 text inherits: face, size, weight, line spacing, level indents."""
    chain = list_styles(shape, master, style)

    def first(path: str, name: str) -> str | None:
        for element in chain:
            found = element.find(path)
            if found is not None and found.get(name) is not None:
                return str(found.get(name))
        return None

    size = first(f"{qn('a:lvl1pPr')}/{qn('a:defRPr')}", "sz")
    spacing = first(f"{qn('a:lvl1pPr')}/{qn('a:lnSpc')}/{qn('a:spcPct')}", "val")
    indents = []
    for level in range(5):
        margin = first(qn(f"a:lvl{level + 1}pPr"), "marL")
        default = BRIEFING_BODY.level(level).indent_pt
        indents.append(int(margin) / EMU_PER_PT if margin is not None else default)
    return TextStyle(
        family=font_of(shape, master, style) or DEFAULT_FAMILY,
        size=int(size) / 100 if size else None,
        bold=first(f"{qn('a:lvl1pPr')}/{qn('a:defRPr')}", "b") in ("1", "true"),
        line_spacing=int(spacing) / 100000 if spacing else 1.0,
        indents=tuple(indents),
    )


def list_styles(shape: BaseShape, master: SlideMaster, style: str) -> list[Any]:
    """Where a placeholder's paragraph levels are styled, nearest first: the list styles of the
    layout placeholder and of the master placeholder it inherits from, then what those two
    placeholders' own paragraphs set (``prompt_style``), then the master's title or body style."""
    lists, prompts, text_styles = style_sources(shape, master, style)
    return lists + prompts + text_styles


def style_sources(shape: BaseShape, master: SlideMaster, style: str) -> tuple[list[Any], ...]:
    """The placeholders' list styles (nearest first), their ``prompt_style``, and the master's
    text style: renderers inherit the first and last, not the prompts."""
    nodes: list[Any] = []
    node: Any = shape
    while node is not None:
        nodes.append(node)
        node = getattr(node, "_base_placeholder", None)
    lists: list[Any] = [found for n in nodes for found in n._element.xpath("./p:txBody/a:lstStyle")]
    prompts = [prompt_style(n._element) for n in nodes if not isinstance(n.part, SlidePart)]
    return lists, prompts, list(master._element.xpath(f"./p:txStyles/p:{style}"))


def prompt_only(shape: BaseShape, master: SlideMaster, style: str, level: int) -> tuple[float | None, bool]:
    """(size, bold) of level ``level`` (1-based) that only the placeholders' prompt paragraphs
    set: ``list_styles`` measures text with them, but no renderer inherits them (LibreOffice
    draws its own 44 pt titles, PowerPoint its 18 pt), so text that keeps them must say them."""
    lists, prompts, text_styles = style_sources(shape, master, style)
    inherited = lists + text_styles

    def first(chain: list[Any], name: str) -> str | None:
        return next((v for el in chain if (v := level_attr(el, level, name)) is not None), None)

    size = first(prompts, "sz") if first(inherited, "sz") is None else None
    bold = first(inherited, "b") is None and first(prompts, "b") in ("1", "true")
    return (int(size) / 100 if size else None), bold


PROMPT_RUN_ATTRS = ("sz", "b")
# Not the colour: a slide's text is drawn in the theme's text colour whatever colour the prompt
# runs have (Metropolis's are white; its slides' bare titles are drawn black), and the renderer
# chooses colours for the background (``fill/colors.py``).
PROMPT_RUN_CHILDREN = ("a:latin",)


def prompt_style(placeholder: Any) -> Any:
    """What a layout or master placeholder's own "Click to edit" paragraphs set, as a list style.

    LibreOffice's exports keep the template's sizes, weights and faces only there, on the runs
    (``a:rPr``) and paragraph ends (``a:endParaRPr``) of one paragraph per level; its own sample
    slides repeat them on every run. Neither PowerPoint nor LibreOffice inherits them (a bare
    title is drawn at LibreOffice's 44 pt whatever they say), so the renderer writes out what
    only they set (``prompt_only``). Level N is the first paragraph at level N - 1.
    """
    lst = placeholder.makeelement(qn("a:lstStyle"), {})
    seen: set[int] = set()
    for para in placeholder.xpath("./p:txBody/a:p"):
        ppr = para.find(qn("a:pPr"))
        level = int(ppr.get("lvl", "0")) if ppr is not None else 0
        if level in seen or not 0 <= level < 9:
            continue
        seen.add(level)
        props = para.xpath("./a:r/a:rPr | ./a:endParaRPr")
        defaults = lst.makeelement(qn("a:defRPr"), {})
        for name in PROMPT_RUN_ATTRS:
            value = next((v for rpr in props if (v := rpr.get(name)) is not None), None)
            if value is not None:
                defaults.set(name, value)
        for tag in PROMPT_RUN_CHILDREN:
            child = next((c for rpr in props if (c := rpr.find(qn(tag))) is not None), None)
            if child is not None:
                defaults.append(deepcopy(child))
        if len(defaults) or defaults.attrib:
            level_pr = lst.makeelement(qn(f"a:lvl{level + 1}pPr"), {})
            level_pr.append(defaults)
            lst.append(level_pr)
    return lst


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


def chart_style_for(prs: PresentationT, base: ChartStyle | None = None) -> ChartStyle:
    """The chart style for a deck in this template.

    Chart text takes the theme's body font, so charts read as part of the template. Colours stay
    deckgen's palette on purpose: blue and rust mean the eastern and southern flank, and each kind
    of presence keeps one colour, in every deck and every template; a corporate theme's accents
    would break that (and often put a near-blue on a kind).
    """
    style = base or ChartStyle()
    _, body = theme_fonts(prs.slide_masters[0])
    return replace(style, font=body) if body else style
