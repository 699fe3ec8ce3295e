"""Type sizes that fit: titles, the title slide, two columns, quotes; measured with the template's fonts."""

from __future__ import annotations

from collections.abc import Sequence

from deckgen.plan.boxes import FOOTER_BAND, GAP, Box
from deckgen.plan.geometry import TextStyle
from deckgen.plan.measure import (
    LINE_SPACING,
    Run,
    fits,
    inner_height_pt,
    inner_width,
    level_space,
    sizes_down,
    wrapped,
)
from deckgen.plan.model import Bullet, Column

MIN_BODY_PT = 18.0  # the floor for body text, everywhere
# Kept free under a title's last line: LibreOffice draws a 38 pt two-line title 2 pt lower than
# 1.2 lines per size says (Nature Illustration's 1.38 in title box).
TITLE_SLACK_PT = 3.0
TOP_BODY_PT = 24.0  # the largest top-level size bullets and columns are set in
DEFAULT_TITLE_PT = 28.0  # a title's size when the template sets none
DEFAULT_SUBTITLE_PT = 24.0  # a title slide's subtitle size when the template sets none
SUBTITLE_LINE_PT = 20.0  # the presenter, audience and date lines under the subtitle
QUOTE_SIDE_PT = 20.0  # the context and attribution lines around a quote
QUOTE_SIZES = (32.0, 28.0, 24.0, 20.0)
QUOTE_GAP_PT = 12.0  # space before the quote, under its context line
ATTRIBUTION_GAP_PT = 14.0  # space before the attribution
LINES_GAP_PT = 12.0  # space between a title slide's subtitle and its presenter lines
SECTION_NUMBER_PT = 20.0  # "Part 2" on a section slide
MAX_LEVEL = 4
OPEN_QUOTE, CLOSE_QUOTE = "\u201c", "\u201d"
QUOTE_MARKS = '"\u201c\u201d\u00ab\u00bb'  # double marks only: a single one may be an apostrophe
# Inner double quotes as single quotes, the usual way to nest a quotation.
_NESTED = str.maketrans({"\u201c": "\u2018", "\u201d": "\u2019", "\u00ab": "\u2018", "\u00bb": "\u2019"})


def title_size(text: str, box: Box, style: TextStyle) -> float | None:
    """None when the title sits well at the template's size, else a smaller size (20 pt at least;
    18 pt when nothing larger fits the box at all, which ``title_fits`` then tells).

    Smaller when the title overflows its box; when a step or three down (to three quarters of the
    template's size, then two thirds) puts it on one line or mends a wrap that leaves one word
    alone on the last line or splits a hyphenated word ("2014-" / "2022").
    """
    base = style.size or DEFAULT_TITLE_PT
    width = inner_width(box)
    room = inner_height_pt(box)

    def layout(size: float) -> list[str]:
        # Only as many lines as could fit are needed: one more already says "too long".
        most = int(room // (size * LINE_SPACING * style.line_spacing))
        return wrapped(text, width, size, family=style.family, bold=style.bold, max_lines=most)

    def one_line(lines: list[str]) -> bool:
        return len(lines) == 1

    def clean(lines: list[str]) -> bool:
        split_word = any(line.endswith(("-", "\u2013")) for line in lines[:-1])
        return len(lines) == 1 or (len(lines[-1].split()) > 1 and not split_word)

    def room_for(size: float, lines: list[str]) -> bool:
        return len(lines) * size * LINE_SPACING * style.line_spacing <= room - TITLE_SLACK_PT

    first = layout(base)
    if len(first) == 1 and room_for(base, first):
        return None  # the usual case: one line at the template's size
    sizes = [base - 2 * n for n in range(int((base - 20) // 2) + 1)] or [base]
    laid = {size: first if size == base else layout(size) for size in sizes}
    fitting = [s for s in sizes if room_for(s, laid[s])]
    if not fitting and sizes[-1] > MIN_BODY_PT:
        # A narrow title box (Sunset's is 3.9 x 1 in) may need the body's floor: 18 pt, no less.
        for size in (f for f in (20.0, 19.0, MIN_BODY_PT) if f < sizes[-1]):
            laid[size] = layout(size)
            if room_for(size, laid[size]):
                return size
        return MIN_BODY_PT  # still too long: the most that can show, and a warning
    # One line, else a tidy wrap, a little smaller first; only then smaller still.
    tiers = ((0.75, one_line), (0.75, clean), (2 / 3, one_line), (2 / 3, clean))
    choice = next(
        (s for share, good in tiers for s in fitting if s >= max(20.0, base * share) and good(laid[s])),
        fitting[0] if fitting else sizes[-1],
    )
    return None if choice == base else choice


def title_fits(text: str, box: Box, style: TextStyle, size: float | None) -> bool:
    """Whether the title's lines at ``size`` (None: the template's) fit the height of its box."""
    at = size or style.size or DEFAULT_TITLE_PT
    most = int(inner_height_pt(box) // (at * LINE_SPACING * style.line_spacing))
    lines = wrapped(text, inner_width(box), at, family=style.family, bold=style.bold, max_lines=most)
    return len(lines) * at * LINE_SPACING * style.line_spacing <= inner_height_pt(box) - TITLE_SLACK_PT


def title_slide_runs(subtitle: str, lines: Sequence[str], sub: float, extra: float) -> list[Run]:
    """The title slide's subtitle and presenter lines as measured (and as the renderer writes them)."""
    runs = [Run(subtitle, sub, bullet=False)] if subtitle.strip() else []
    for n, text in enumerate(line for line in lines if line.strip()):
        gap = LINES_GAP_PT if n == 0 and runs else 0.0  # 0, not the template's: what is measured is shown
        runs.append(Run(text, extra, bullet=False, space_before=gap))
    return runs


def title_slide_sizes(
    subtitle: str, lines: Sequence[str], box: Box, style: TextStyle, *, grown: Box
) -> tuple[float | None, float, Box | None]:
    """Subtitle size (None: the template's), presenter-line size, and a taller box when needed.

    The template's subtitle size, stepping down; the presenter lines at 20 then 18 pt. When even
    18 pt does not fit the template's box (a 4:3 title slide), the box grows to ``grown``.
    """
    base = style.size or DEFAULT_SUBTITLE_PT
    tries = [
        (s, e)
        for e in (SUBTITLE_LINE_PT, MIN_BODY_PT)
        for s in sizes_down(base, max(MIN_BODY_PT, min(base, e)))
    ]

    def fitting(room: Box) -> tuple[float, float] | None:
        runs = (title_slide_runs(subtitle, lines, s, e) for s, e in tries)
        return next(
            (
                t
                for t, r in zip(tries, runs, strict=True)
                if fits(r, room, family=style.family, indents=style.indents)
            ),
            None,
        )

    chosen, taller = fitting(box), None
    if chosen is None:
        taller = grown
        chosen = fitting(grown) or tries[-1]
    sub, extra = chosen
    return (None if sub == base else sub), extra, taller


def grown_box(box: Box, *, slide_height: int) -> Box:
    """``box`` stretched down to the footer band: room for a subtitle that needs it."""
    bottom = max(box.bottom, slide_height - FOOTER_BAND - GAP)
    return Box(box.left, box.top, box.width, bottom - box.top)


def level_size(top_size: float, level: int) -> float:
    """Deeper bullet levels are 2 pt smaller per level, never below the 18 pt floor."""
    return max(MIN_BODY_PT, top_size - 2 * level)


def bullet_runs(bullets: Sequence[Bullet], size: float) -> list[Run]:
    """Bullets at their level's size, with their level's space before."""
    runs = []
    for bullet in bullets:
        level = max(0, min(bullet.level, MAX_LEVEL))
        runs.append(
            Run(
                bullet.text,
                level_size(size, level),
                level=level,
                bullet=bullet.marker,
                hang=bullet.hang,
                space_before=level_space(level),
            )
        )
    return runs


def column_runs(column: Column, size: float, *, heading_inside: bool) -> list[Run]:
    """A column's bullets; its heading first when the layout has no heading placeholder."""
    runs = bullet_runs(column.bullets, size)
    if column.heading.strip() and heading_inside:
        runs.insert(0, Run(column.heading, size, bold=True, bullet=False, space_before=level_space(0)))
    return runs


def two_column_size(
    columns: Sequence[Column], bodies: Sequence[Box], styles: Sequence[TextStyle], *, heading_inside: bool
) -> float:
    """One size for both columns (a lopsided slide looks wrong): the largest at which both fit,
    from the template's size (24 pt at most) down to 18."""
    filled = list(zip(columns, bodies, styles, strict=False))
    top = min((s.size or TOP_BODY_PT for _c, _b, s in filled), default=TOP_BODY_PT)
    for size in sizes_down(min(top, TOP_BODY_PT), MIN_BODY_PT):
        if all(
            fits(column_runs(c, size, heading_inside=heading_inside), b, family=s.family, indents=s.indents)
            for c, b, s in filled
        ):
            return size
    return MIN_BODY_PT


def bullets_size(runs: Sequence[tuple[str, int]], box: Box, *, family: str) -> float:
    """The largest of 24, 20, 18 pt at which bullets ``(text, level)`` fit ``box`` (18 at least)."""
    for size in (24.0, 20.0, 18.0):
        measured = [
            Run(t, level_size(size, lvl), level=lvl, space_before=level_space(lvl)) for t, lvl in runs
        ]
        if fits(measured, box, family=family):
            return size
    return MIN_BODY_PT


def quoted(text: str) -> str:
    """The quote inside typographic marks; marks the author typed around the whole of it go.

    Double marks inside the quote become single ones, the usual way to nest a quotation, so a
    quote ending on a quoted phrase reads ``…NATO's 'soft underbelly.'"`` rather than closing twice.
    """
    text = text.strip()
    marks = sum(text.count(mark) for mark in QUOTE_MARKS)
    if marks == 2 and len(text) > 2 and text[0] in QUOTE_MARKS and text[-1] in QUOTE_MARKS:
        text = text[1:-1].strip()
    return f"{OPEN_QUOTE}{text.translate(_NESTED)}{CLOSE_QUOTE}"


def attribution_line(attribution: str) -> str:
    return f"\u2014 {attribution.strip()}" if attribution.strip() else ""


def quote_size(shown: str, context: str, attribution: str, box: Box, *, family: str) -> float:
    """The largest of 32, 28, 24, 20 pt at which the quote and its side lines fit in ``box``.

    The side lines are measured with the attribution's space before them, which is never less
    room than the renderer gives them.
    """
    sides = [
        Run(t, QUOTE_SIDE_PT, bullet=False, space_before=14.0) for t in (context, attribution) if t.strip()
    ]
    for size in QUOTE_SIZES:
        runs = [Run(shown, size, italic=True, bullet=False, space_before=QUOTE_GAP_PT), *sides]
        if fits(runs, box, family=family):
            return size
    return QUOTE_SIZES[-1]
