"""Measuring text as it will be drawn: line counts, widths and the height of stacked paragraphs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from deckgen.core.textnorm import slide_text
from deckgen.core.units import EMU_PER_PT
from deckgen.fit import BRIEFING_BODY, Paragraph, default_book, stack, wrap
from deckgen.fit.fitter import HANG_EM, SAFETY
from deckgen.plan.boxes import Box
from deckgen.plan.geometry import DEFAULT_FAMILY

LINE_SPACING = 1.2  # a single-spaced line's height as a multiple of its size (PowerPoint's rule)
FRAME_INSET_X = 91440  # python-pptx's and PowerPoint's default left and right text insets, EMU
FRAME_INSET_PT = 8.0  # default top plus bottom insets (0.05 in each), in points


@dataclass(frozen=True)
class Run:
    """One paragraph to measure, as the renderer will write it."""

    text: str
    size: float
    level: int = 0
    bold: bool = False
    italic: bool = False
    bullet: bool = True  # an unbulleted paragraph starts at the margin, not at its level's indent
    hang: bool = False  # unbulleted, its first word hanging: every line HANG_EM narrower
    space_before: float = 0.0  # points


def inner_width(box: Box) -> int:
    """The width of a text box's text area in EMU: the box less its default side insets."""
    return box.width - 2 * FRAME_INSET_X


def inner_height_pt(box: Box) -> float:
    """The height of a text box's text area in points."""
    return box.height / EMU_PER_PT - FRAME_INSET_PT


def level_indent_pt(level: int) -> float:
    return BRIEFING_BODY.level(level).indent_pt


def level_space(level: int) -> float:
    """Space before a bullet in points: 10 pt at the top level, 4 deeper."""
    return BRIEFING_BODY.level(level).space_before_pt


def line_count(
    text: str, width_emu: int, size_pt: float, *, family: str = DEFAULT_FAMILY, bold: bool = False
) -> int:
    """How many lines ``text`` wraps to in a text area ``width_emu`` wide, measured with the
    font's real advances and 1 % held back for PowerPoint's own rounding."""
    width_pt = max(width_emu / EMU_PER_PT, 1.0) * (1 - SAFETY)
    return len(wrap(slide_text(text), width_pt=width_pt, family=family, size_pt=size_pt, bold=bold))


def wrapped(
    text: str,
    width_emu: int,
    size_pt: float,
    *,
    family: str,
    bold: bool = False,
    max_lines: int | None = None,
) -> list[str]:
    """The lines ``text`` breaks into in a text area ``width_emu`` wide (1 % held back); with
    ``max_lines``, no more than one line past that many (see ``fit.wrap.wrap``)."""
    width_pt = width_emu / EMU_PER_PT * (1 - SAFETY)
    return wrap(
        slide_text(text), width_pt=width_pt, family=family, size_pt=size_pt, bold=bold, max_lines=max_lines
    )


def text_width_pt(text: str, size_pt: float, *, family: str = DEFAULT_FAMILY, bold: bool = False) -> float:
    """The width of ``text`` set on one line, in points."""
    book = default_book()
    return book.line_width_pt(slide_text(text), book.face(family, bold=bold), size_pt)


def block_height_pt(
    runs: Sequence[Run],
    width_emu: int,
    *,
    family: str,
    indents: Sequence[float] = (),
    max_height: float | None = None,
) -> float:
    """Height in points of ``runs`` stacked in a text area ``width_emu`` wide. ``indents`` are the
    left margins in points of bulleted paragraphs, by level; unbulleted ones start at the margin.
    With ``max_height``, a height past it means only "does not fit" (see ``wrap.stack``)."""
    width_pt = width_emu / EMU_PER_PT * (1 - SAFETY)
    paras = []
    for run in runs:
        indent = HANG_EM * run.size if run.hang else 0.0
        if run.bullet:
            indent = indents[min(run.level, len(indents) - 1)] if indents else level_indent_pt(run.level)
        paras.append(
            Paragraph(
                slide_text(run.text),
                size_pt=run.size,
                width_pt=width_pt - indent,
                bold=run.bold,
                italic=run.italic,
                space_before_pt=run.space_before,
            )
        )
    return stack(paras, family=family, first_space_before=False, max_height=max_height).height


def fits(runs: Sequence[Run], box: Box, *, family: str, indents: Sequence[float] = ()) -> bool:
    """True when ``runs`` fit the text area of ``box`` (wrapped only to just past its bottom)."""
    room = inner_height_pt(box)
    return block_height_pt(runs, inner_width(box), family=family, indents=indents, max_height=room) <= room


def sizes_down(top: float, floor: float) -> list[float]:
    """``top``, then 2 pt smaller at a time, down to ``floor``."""
    sizes = []
    size = top
    while size > floor:
        sizes.append(size)
        size -= 2
    return [*sizes, floor]
