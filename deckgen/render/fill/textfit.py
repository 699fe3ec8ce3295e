"""Sizes that fit: text measured with the shipped metric-compatible fonts, as the planner fits it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pptx.oxml.ns import qn
from pptx.shapes.base import BaseShape
from pptx.slide import Slide

from deckgen.fit import BRIEFING_BODY, Paragraph, default_book, stack, wrap
from deckgen.fit.fitter import SAFETY
from deckgen.render.fill.geometry import Box
from deckgen.render.fill.text import Line, slide_text
from deckgen.render.template.measure import font_of, list_styles, theme_fonts

BODY_SIZES = (24, 20, 18)  # top-level bullet sizes to try, largest first; 18 pt is the floor
MIN_BODY_PT = 18
LINE_SPACING = 1.2  # a single-spaced line's height as a multiple of its size (PowerPoint's rule)
EMU_PER_PT = 12700
FRAME_INSET_X = 91440  # python-pptx's and PowerPoint's default left and right text insets, EMU
FRAME_INSET_PT = 8.0  # default top plus bottom insets (0.05 in each), in points
DEFAULT_FAMILY = "Liberation Sans"


def body_family(slide: Slide) -> str:
    """The theme's body font: what text boxes are set in."""
    return theme_fonts(slide.slide_layout.slide_master)[1] or DEFAULT_FAMILY


def shape_family(shape: BaseShape, *, title: bool = False) -> str:
    """The latin face a placeholder's level-1 text inherits."""
    master = shape.part.slide_layout.slide_master  # type: ignore[attr-defined]
    return font_of(shape, master, "titleStyle" if title else "bodyStyle") or DEFAULT_FAMILY


def estimate_lines(
    text: str, width_emu: int, size_pt: float, *, family: str = DEFAULT_FAMILY, bold: bool = False
) -> int:
    """How many lines ``text`` wraps to in a box ``width_emu`` wide (its text area), measured with
    the font's real advances and 1 % held back for PowerPoint's own rounding."""
    width_pt = max(width_emu / EMU_PER_PT, 1.0) * (1 - SAFETY)
    return len(wrap(slide_text(text), width_pt=width_pt, family=family, size_pt=size_pt, bold=bold))


def text_width_pt(text: str, size_pt: float, *, family: str = DEFAULT_FAMILY, bold: bool = False) -> float:
    """The width of ``text`` set on one line, in points."""
    book = default_book()
    return book.line_width_pt(slide_text(text), book.face(family, bold=bold), size_pt)


def lines_height_pt(
    lines: Sequence[Line], width_emu: int, *, family: str, default_size: float, indents: Sequence[float] = ()
) -> float:
    """Height in points of ``lines`` stacked in a text area ``width_emu`` wide. ``indents`` are the
    left margins in points of bulleted lines, by level; unbulleted lines start at the margin."""
    width_pt = width_emu / EMU_PER_PT * (1 - SAFETY)
    paras = []
    for line in lines:
        indent = 0.0
        if line.bullet:
            indent = indents[min(line.level, len(indents) - 1)] if indents else level_indent_pt(line.level)
        paras.append(
            Paragraph(
                slide_text(line.text),
                size_pt=line.size or default_size,
                width_pt=width_pt - indent,
                bold=bool(line.bold),
                italic=bool(line.italic),
                space_before_pt=line.space_before or 0.0,
            )
        )
    return stack(paras, family=family, first_space_before=False).height


def level_size(top_size: float, level: int) -> float:
    """Deeper bullet levels are 2 pt smaller per level, never below the 18 pt floor."""
    return max(MIN_BODY_PT, top_size - 2 * level)


def level_space(level: int) -> float:
    """Space before a bullet in points, as the planner measured it: 10 pt at the top level, 4 deeper."""
    return BRIEFING_BODY.level(level).space_before_pt


def level_indent_pt(level: int) -> float:
    return BRIEFING_BODY.level(level).indent_pt


def level_indents(shape: BaseShape) -> tuple[float, ...]:
    """The text indents (marL) in points of a placeholder's five levels, from its styles."""
    master = shape.part.slide_layout.slide_master  # type: ignore[attr-defined]
    chain = list_styles(shape, master, "bodyStyle")
    out = []
    for level in range(5):
        found = (el.find(qn(f"a:lvl{level + 1}pPr")) for el in chain)
        mar = next((p.get("marL") for p in found if p is not None and p.get("marL") is not None), None)
        out.append(int(mar) / EMU_PER_PT if mar is not None else level_indent_pt(level))
    return tuple(out)


def inner_width(box: Box) -> int:
    return box.width - 2 * FRAME_INSET_X


def inner_height_pt(box: Box) -> float:
    return box.height / EMU_PER_PT - FRAME_INSET_PT


def bullet_font_size(
    items: Sequence[tuple[str, int]],
    box: Box,
    *,
    family: str = DEFAULT_FAMILY,
    sizes: Sequence[float] = BODY_SIZES,
) -> float:
    """The largest top-level size in ``sizes`` at which bullets ``(text, level)`` fit ``box``.

    18 pt is the floor even when it still does not fit (splitting is the planner's job).
    """
    for size in sizes:
        lines = [
            Line(t, level=lvl, size=level_size(size, lvl), space_before=level_space(lvl)) for t, lvl in items
        ]
        if lines_height_pt(lines, inner_width(box), family=family, default_size=size) <= inner_height_pt(box):
            return size
    return sizes[-1] if sizes else MIN_BODY_PT


def title_font_size(
    text: str,
    box: Box,
    base: float,
    *,
    family: str = DEFAULT_FAMILY,
    bold: bool = False,
    line_spacing: float = 1.0,
) -> float | None:
    """None when the title sits well at the template's size, else a smaller size (20 pt at least).

    Smaller when the title overflows its box; when a step or three down (to three quarters of the
    template's size, then two thirds) puts it on one line or mends a wrap that leaves one word
    alone on the last line or splits a hyphenated word ("2014-" / "2022").
    """
    width_pt = inner_width(box) / EMU_PER_PT * (1 - SAFETY)
    room = inner_height_pt(box)

    def layout(size: float) -> list[str]:
        return wrap(slide_text(text), width_pt=width_pt, family=family, size_pt=size, bold=bold)

    def one_line(lines: list[str]) -> bool:
        return len(lines) == 1

    def clean(lines: list[str]) -> bool:
        split_word = any(line.endswith(("-", "\u2013")) for line in lines[:-1])
        return len(lines) == 1 or (len(lines[-1].split()) > 1 and not split_word)

    def fits(size: float, lines: list[str]) -> bool:
        return len(lines) * size * LINE_SPACING * line_spacing <= room

    first = layout(base)
    if len(first) == 1 and fits(base, first):
        return None  # the usual case: one line at the template's size
    sizes = [base - 2 * n for n in range(int((base - 20) // 2) + 1)] or [base]
    laid = {size: first if size == base else layout(size) for size in sizes}
    fitting = [s for s in sizes if fits(s, laid[s])]
    # One line, else a tidy wrap, a little smaller first; only then smaller still.
    tiers = ((0.75, one_line), (0.75, clean), (2 / 3, one_line), (2 / 3, clean))
    choice = next(
        (s for share, good in tiers for s in fitting if s >= max(20.0, base * share) and good(laid[s])),
        fitting[0] if fitting else sizes[-1],
    )
    return None if choice == base else choice


def quote_font_size(
    quote: str, others: Sequence[str], box: Box, other_size: float, *, family: str = DEFAULT_FAMILY
) -> float:
    """The largest of 32, 28, 24, 20 pt at which the quote and its side lines fit in ``box``."""
    sides = [Line(text, size=other_size, bullet=False, space_before=14) for text in others if text.strip()]
    for size in (32, 28, 24, 20):
        lines = [Line(quote, size=size, italic=True, bullet=False, space_before=12), *sides]
        if lines_height_pt(lines, inner_width(box), family=family, default_size=size) <= inner_height_pt(box):
            return size
    return 20


def caption_height(text: str, width: int, size: float, *, family: str = DEFAULT_FAMILY) -> int:
    """Height in EMU of a caption box: its lines plus the frame insets."""
    lines = estimate_lines(text, width - 2 * FRAME_INSET_X, size, family=family)
    return int((lines * size * LINE_SPACING + FRAME_INSET_PT) * EMU_PER_PT) + 1


def inherited_title_size(shape: BaseShape, *, default: float) -> float:
    """The title size in points: from the layout, the master placeholder, or the title style."""
    node: Any = shape
    while node is not None:
        sizes = node._element.xpath("./p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr/@sz")
        if sizes:
            return int(sizes[0]) / 100
        node = getattr(node, "_base_placeholder", None)
    master = shape.part.slide_layout.slide_master._element  # type: ignore[attr-defined]
    sizes = master.xpath("./p:txStyles/p:titleStyle/a:lvl1pPr/a:defRPr/@sz")
    return int(sizes[0]) / 100 if sizes else default


def inherited_level_attr(
    shape: BaseShape, name: str, *, title: bool = False, child: str = "a:defRPr"
) -> str | None:
    """An attribute of a placeholder's level-1 paragraph (``child`` "") or run defaults, inherited."""
    master = shape.part.slide_layout.slide_master  # type: ignore[attr-defined]
    path = qn("a:lvl1pPr") + (f"/{qn(child)}" if child else "")
    for styles in list_styles(shape, master, "titleStyle" if title else "bodyStyle"):
        element = styles.find(path)
        if element is not None and element.get(name) is not None:
            return str(element.get(name))
    return None


def inherited_line_spacing(shape: BaseShape, *, title: bool = False) -> float:
    """The level-1 line spacing as a multiple (``a:lnSpc/a:spcPct``), 1.0 when none is set."""
    master = shape.part.slide_layout.slide_master  # type: ignore[attr-defined]
    path = f"{qn('a:lvl1pPr')}/{qn('a:lnSpc')}/{qn('a:spcPct')}"
    for styles in list_styles(shape, master, "titleStyle" if title else "bodyStyle"):
        element = styles.find(path)
        if element is not None and element.get("val"):
            return int(element.get("val")) / 100000
    return 1.0
