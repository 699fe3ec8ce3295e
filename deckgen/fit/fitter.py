"""Choosing font sizes: the largest size at which a block of paragraphs fits its box, or where to split."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from deckgen.fit.metrics import FontBook, default_book
from deckgen.fit.wrap import Paragraph, stack

EMU_PER_PT = 12700
# Share of each line's width held back when choosing sizes. The predictions reproduce LibreOffice
# exactly; PowerPoint measures on its own grid, and does not kern text boxes whose runs carry no
# kern attribute, which makes a line up to about 0.5 % wider. 1 % keeps those lines fitting.
SAFETY = 0.01


# A hanging label ("A.") takes this many ems; the text after it, and every wrapped line,
# starts there.
HANG_EM = 1.5


@dataclass(frozen=True)
class Para:
    """A paragraph to fit: its text exactly as it will be written, and how it is set.

    ``bullet=False`` is a paragraph without bullet or hanging indent (marL 0), as the renderer
    writes headings and plain lines; it keeps its level's size and spacing.
    """

    text: str
    level: int = 0
    bold: bool = False
    italic: bool = False
    bullet: bool = True
    hang: bool = False  # no bullet; the first word hangs and every line is HANG_EM narrower


@dataclass(frozen=True)
class BoxPt:
    """The text area of a box, in points: the shape's size minus its four insets."""

    width: float
    height: float

    @classmethod
    def inside(
        cls,
        width_emu: int,
        height_emu: int,
        *,
        inset_x_emu: int = 91440,
        inset_y_emu: int = 45720,
    ) -> BoxPt:
        """The text area of a shape ``width_emu`` by ``height_emu`` with equal left/right and
        top/bottom insets (PowerPoint's defaults: 0.1 in and 0.05 in)."""
        return cls((width_emu - 2 * inset_x_emu) / EMU_PER_PT, (height_emu - 2 * inset_y_emu) / EMU_PER_PT)


@dataclass(frozen=True)
class Level:
    """How one outline level is set: text indent (marL), size below the top level, spacing."""

    indent_pt: float
    size_drop_pt: float = 0.0
    space_before_pt: float = 0.0
    space_after_pt: float = 0.0


@dataclass(frozen=True)
class BlockStyle:
    """The levels of a text block and its line spacing; deeper levels reuse the last one."""

    levels: tuple[Level, ...]
    line_spacing: float = 1.0

    def level(self, n: int) -> Level:
        return self.levels[min(max(n, 0), len(self.levels) - 1)]


# The shipped template's body (assets/make_template.py): text at 0.3 in and 0.4 in more per level,
# 24/22/20/18/18 pt at full size, 10 pt before a top-level bullet and 4 pt before deeper ones,
# single line spacing.
BRIEFING_BODY = BlockStyle(
    levels=(
        Level(21.6, 0, 10),
        Level(50.4, 2, 4),
        Level(79.2, 4, 4),
        Level(108.0, 6, 4),
        Level(136.8, 6, 4),
    )
)
PLAIN = BlockStyle(levels=(Level(0.0),))


@dataclass(frozen=True)
class FitResult:
    """The outcome of fitting.

    ``size`` is the top-level size chosen (``min_size`` when nothing fits); ``sizes`` and
    ``lines`` give each paragraph's size and line count at that size; ``height_pt`` is the
    height of all the paragraphs, ``overflow_pt`` how far that runs past the box. When ``fits``
    is False, ``split_at`` is how many leading paragraphs fit at ``min_size``: the rest go to a
    continuation. 0 means the first paragraph alone is too tall, which no split can mend.
    When ``fits`` is False, ``lines``, ``height_pt`` and ``overflow_pt`` are counted only to
    just past the box (``wrap.stack``'s ``max_height``): lower bounds, not the whole text.
    """

    fits: bool
    size: float
    sizes: tuple[float, ...]
    lines: tuple[int, ...]
    height_pt: float
    split_at: int | None = None
    overflow_pt: float = 0.0


def candidate_sizes(max_size: float, min_size: float, step_pt: float) -> list[float]:
    """``max_size``, then ``step_pt`` smaller each time, down to and always including ``min_size``."""
    if step_pt <= 0:
        raise ValueError(f"step must be positive, got {step_pt}")
    if min_size <= 0 or min_size > max_size:
        raise ValueError(f"need 0 < min_size <= max_size, got {min_size} and {max_size}")
    sizes = []
    size = max_size
    while size > min_size + 1e-9:
        sizes.append(size)
        size -= step_pt
    sizes.append(min_size)
    return sizes


def fit_sized(
    build: Callable[[float], Sequence[Paragraph]],
    box: BoxPt,
    *,
    family: str,
    sizes: Sequence[float],
    first_space_before: bool = True,
    safety: float = SAFETY,
    book: FontBook | None = None,
) -> FitResult:
    """The first of ``sizes`` (largest first) at which ``build(size)`` fits in ``box``.

    The general form the other fitters use: ``build`` turns a candidate size into the paragraphs
    as they would be set, so a quote can grow while its attribution stays at 20 pt.
    """
    if not sizes:
        raise ValueError("no sizes to try")
    if box.width <= 0:
        # No room inside the insets (a template box under 0.2 in wide): nothing fits, not even
        # the first paragraph, which the planner reports as text that does not fit.
        return FitResult(fits=False, size=sizes[-1], sizes=(), lines=(), height_pt=0.0, split_at=0)
    fonts = book or default_book()
    result: FitResult | None = None
    for size in sizes:
        paragraphs = [replace(p, width_pt=p.width_pt * (1 - safety)) for p in build(size)]
        laid = stack(
            paragraphs,
            family=family,
            first_space_before=first_space_before,
            book=fonts,
            max_height=box.height,
        )
        fits = laid.height <= box.height
        result = FitResult(
            fits=fits,
            size=size,
            sizes=tuple(p.size_pt for p in paragraphs),
            lines=laid.lines,
            height_pt=laid.height,
            split_at=None if fits else sum(1 for bottom in laid.bottoms if bottom <= box.height),
            overflow_pt=max(0.0, laid.height - box.height),
        )
        if fits:
            break
    assert result is not None  # sizes is not empty
    return result


def fit_block(
    paragraphs: Sequence[Para],
    box: BoxPt,
    *,
    family: str,
    max_size: float,
    min_size: float,
    style: BlockStyle = BRIEFING_BODY,
    step_pt: float = 2.0,
    first_space_before: bool = True,
    safety: float = SAFETY,
    book: FontBook | None = None,
) -> FitResult:
    """The largest top-level size from ``max_size`` down to ``min_size`` at which all fit.

    A level is set ``size_drop_pt`` smaller than the top level but never below ``min_size``,
    which is therefore the floor for every line (18 pt for briefing bodies).
    """

    def build(size: float) -> list[Paragraph]:
        return [_set(para, size, min_size, style, box.width) for para in paragraphs]

    sizes = candidate_sizes(max_size, min_size, step_pt)
    return fit_sized(
        build,
        box,
        family=family,
        sizes=sizes,
        first_space_before=first_space_before,
        safety=safety,
        book=book,
    )


def fit_single(
    text: str,
    box: BoxPt,
    *,
    family: str,
    max_size: float,
    min_size: float,
    bold: bool = False,
    italic: bool = False,
    line_spacing: float = 1.0,
    step_pt: float = 2.0,
    safety: float = SAFETY,
    book: FontBook | None = None,
) -> FitResult:
    """One paragraph with no indent or spacing (a title, a quote): the largest size that fits.

    Titles in the shipped template are bold with 0.9 line spacing.
    """

    def build(size: float) -> list[Paragraph]:
        return [Paragraph(text, size, box.width, bold=bold, italic=italic, line_spacing=line_spacing)]

    sizes = candidate_sizes(max_size, min_size, step_pt)
    return fit_sized(
        build, box, family=family, sizes=sizes, first_space_before=False, safety=safety, book=book
    )


def _set(para: Para, size: float, floor: float, style: BlockStyle, width: float) -> Paragraph:
    level = style.level(para.level)
    size_pt = float(max(floor, size - level.size_drop_pt))
    indent = level.indent_pt if para.bullet else HANG_EM * size_pt if para.hang else 0.0
    return Paragraph(
        para.text,
        size_pt=size_pt,
        width_pt=width - indent,
        bold=para.bold,
        italic=para.italic,
        line_spacing=style.line_spacing,
        space_before_pt=level.space_before_pt,
        space_after_pt=level.space_after_pt,
    )
