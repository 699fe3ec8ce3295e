"""Line breaking and block height: where a paragraph wraps in a box, and how tall a stack of them is."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from deckgen.fit.metrics import FontBook, default_book

# A single-spaced line is 1.2 em tall, whatever the face: PowerPoint's rule, which LibreOffice
# copies for imported .pptx text ("font-independent line spacing"). Measured in LibreOffice 7.4.
SINGLE_LINE_EM = 1.2
# Explicit line breaks: "\n" and the vertical tab python-pptx writes for <a:br/>.
HARD_BREAKS = re.compile("\r\n|[\n\r\v\u2028]")
# Spaces a line may break after. No-break spaces (U+00A0, U+202F, U+2007) and the word joiner are
# not among them: "Turks\u00a0on" stays on one line, as it does in LibreOffice and PowerPoint.
SPACES = " \t\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u200b\u205f\u3000"
_SP = "[" + SPACES + "]"
_NOT_SP = "[^" + SPACES + "\u2014]"
# Break opportunities LibreOffice takes (its ICU line rules, UAX #14), as chunks ending at one;
# each was checked against LibreOffice 7.4 output:
#   spaces: the break falls after the last space, and the spaces hang past the margin;
#   after a hyphen ("small-to-|medium-scale", "2014-|2015", "-|5") or an en dash;
#   on both sides of an em dash ("gatekeeper|—|despite");
#   after "!" or "?" when a word follows at once ("Why?|Because").
# A slash is not one: "east/south" and URLs stay whole and are cut by characters when too long.
_CHUNK = re.compile(
    rf"""
      {_SP}+                      # a run of spaces
    | \u2014+                      # an em dash, breakable on both sides
    | [-\u2013](?={_NOT_SP})      # a hyphen or en dash that starts a word ("-|5")
    | {_NOT_SP}+?(?:
          [-\u2013!?](?={_NOT_SP}) # a hyphen, an en dash, "!" or "?" with more text after it
        | (?={_SP}|\u2014) | $     # or just before a space, an em dash, or the end
      )
    """,
    re.VERBOSE,
)


def chunks(line: str) -> list[str]:
    """``line`` cut at every break opportunity; each chunk keeps the spaces that follow it."""
    out: list[str] = []
    for match in _CHUNK.finditer(line):
        piece = match.group()
        if not piece:
            continue
        if not piece.strip(SPACES) and out:
            out[-1] += piece
        else:
            out.append(piece)
    return out


def wrap(
    text: str,
    *,
    width_pt: float,
    family: str,
    size_pt: float,
    bold: bool = False,
    italic: bool = False,
    book: FontBook | None = None,
    max_lines: int | None = None,
) -> list[str]:
    """The lines ``text`` occupies in a column ``width_pt`` wide, trailing spaces stripped.

    Greedy, as PowerPoint and LibreOffice are: each line takes as many chunks as fit, trailing
    spaces do not count against the width, a chunk wider than a whole line is cut between
    characters, and explicit line breaks are kept. An empty text is one empty line.

    With ``max_lines``, wrapping stops once there are more lines than that: the first
    ``max_lines + 1`` lines come back, enough to tell that the text does not fit, at the cost
    of those lines only (a 100,000-character title is not laid out whole at every size).
    """
    fonts = book or default_book()
    face = fonts.face(family, bold=bold, italic=italic)
    room = fonts.snap_pt(width_pt)

    def fits(line: str) -> bool:
        return fonts.line_width_pt(line, face, size_pt) <= room

    limit = math.inf if max_lines is None else max_lines + 1
    lines: list[str] = []
    for part in HARD_BREAKS.split(text):
        lines.extend(_wrap_part(part, fits, limit - len(lines)))
        if len(lines) >= limit:
            return lines[: int(limit)]
    return lines


def _wrap_part(part: str, fits: Callable[[str], bool], limit: float = math.inf) -> list[str]:
    """``part``'s lines, or its first ``limit`` lines when it has more."""
    lines: list[str] = []
    current = ""
    pieces = chunks(part)
    i = 0
    while i < len(pieces):
        # As many chunks as fit join the line, found as _longest_prefix finds characters: a
        # line of 100 one-character chunks ("a-b-c-...") costs a dozen measurements, not 100.
        taken = _chunks_that_fit(current, pieces, i, fits)
        current += "".join(pieces[i : i + taken])
        i += taken
        if i == len(pieces):
            break
        chunk = pieces[i]
        i += 1
        rest = chunk
        if current.strip(SPACES):
            lines.append(current.rstrip(SPACES))
            if len(lines) >= limit:
                return lines
        else:  # only leading spaces so far: they stay with the chunk
            rest = current + chunk
        # The chunk starts a line and may still be too long for it: cut it by characters. Only
        # the line's worth of characters is ever measured, so a 100,000-character word costs
        # a few measurements a line, not the whole remainder each time.
        while stripped := rest.rstrip(SPACES):
            head = _longest_prefix(stripped, fits)
            if len(head) == len(stripped):
                break  # what is left fits on one line
            lines.append(head)
            if len(lines) >= limit:
                return lines
            rest = rest[len(head) :]
        current = rest
    if current.strip(SPACES) or not lines:
        lines.append(current.rstrip(SPACES))
    return lines


def _chunks_that_fit(current: str, pieces: list[str], start: int, fits: Callable[[str], bool]) -> int:
    """How many of ``pieces[start:]`` join ``current`` and still fit: every prefix up to that
    many fits, the next one does not. Widths grow with each chunk, so doubling and a binary
    search give what adding them one by one would."""

    def ok(count: int) -> bool:
        return fits((current + "".join(pieces[start : start + count])).rstrip(SPACES))

    left = len(pieces) - start
    if not ok(1):
        return 0
    low = 1
    while low < left and ok(min(2 * low, left)):
        low = min(2 * low, left)
    if low == left:
        return left
    high = min(2 * low, left) - 1  # low + (high - low) + 1 chunks do not fit
    while low < high:
        mid = (low + high + 1) // 2
        if ok(mid):
            low = mid
        else:
            high = mid - 1
    return low


def _longest_prefix(chunk: str, fits: Callable[[str], bool]) -> str:
    """The longest start of ``chunk`` that fits, never less than one character.

    Doubling finds a bound near the line's length, then a binary search inside it: the cost
    follows the length of a line, not of ``chunk``.
    """
    low = 1
    while low < len(chunk) and fits(chunk[: min(2 * low, len(chunk))]):
        low = min(2 * low, len(chunk))
    if low == len(chunk):
        return chunk
    high = min(2 * low, len(chunk)) - 1  # chunk[:high + 1] does not fit
    while low < high:
        mid = (low + high + 1) // 2
        if fits(chunk[:mid]):
            low = mid
        else:
            high = mid - 1
    return chunk[:low]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph as it will be set: its text, its size, and the width its lines get.

    ``width_pt`` is the box's width inside its insets minus the paragraph's left margin (marL);
    ``line_spacing`` is the multiple of single spacing (``<a:spcPct val="90000"/>`` is 0.9).
    """

    text: str
    size_pt: float
    width_pt: float
    bold: bool = False
    italic: bool = False
    line_spacing: float = 1.0
    space_before_pt: float = 0.0
    space_after_pt: float = 0.0


def line_height_pt(size_pt: float, line_spacing: float = 1.0) -> float:
    """Distance from one baseline to the next inside a paragraph."""
    return SINGLE_LINE_EM * size_pt * line_spacing


def paragraph_lines(
    paragraph: Paragraph, *, family: str, book: FontBook | None = None, max_lines: int | None = None
) -> list[str]:
    return wrap(
        paragraph.text,
        width_pt=paragraph.width_pt,
        family=family,
        size_pt=paragraph.size_pt,
        bold=paragraph.bold,
        italic=paragraph.italic,
        book=book,
        max_lines=max_lines,
    )


@dataclass(frozen=True)
class Stack:
    """Paragraphs stacked in a box: each one's line count and where its last line ends."""

    lines: tuple[int, ...]
    bottoms: tuple[float, ...]  # points down from the top of the text area

    @property
    def height(self) -> float:
        return self.bottoms[-1] if self.bottoms else 0.0


def stack(
    paragraphs: Sequence[Paragraph],
    *,
    family: str,
    first_space_before: bool = True,
    book: FontBook | None = None,
    max_height: float | None = None,
) -> Stack:
    """Wrap each paragraph and stack them, top to bottom, as one text box does.

    Every line is ``line_height_pt`` tall. Between two paragraphs comes the first one's space
    after plus the next one's space before. LibreOffice drops the space before the first
    paragraph of a box (``first_space_before=False`` reproduces it); counting it is the cautious
    choice while PowerPoint's behaviour is unmeasured. The last paragraph's space after is never
    counted: nothing is drawn in it.

    With ``max_height``, only what is needed to tell whether the stack fits that height is
    wrapped: a paragraph that runs past it is counted to a line or two past the bottom, and
    each paragraph after it as one line, unwrapped. A stack that fits is counted exactly; one that does
    not has a height past ``max_height`` but no greater than the truth.
    """
    lines: list[int] = []
    bottoms: list[float] = []
    y = 0.0
    previous_after = 0.0
    for n, paragraph in enumerate(paragraphs):
        if n or first_space_before:
            y += paragraph.space_before_pt
        y += previous_after
        room = math.inf if max_height is None else max_height - y
        if room < 0:
            count = 1  # past the bottom already: the paragraph is not wrapped at all
        else:
            # One line more than floor(room / line) cannot fit, whatever the rounding.
            most = (
                None
                if max_height is None
                else int(room // line_height_pt(paragraph.size_pt, paragraph.line_spacing)) + 1
            )
            count = len(paragraph_lines(paragraph, family=family, book=book, max_lines=most))
        y += count * line_height_pt(paragraph.size_pt, paragraph.line_spacing)
        lines.append(count)
        bottoms.append(y)
        previous_after = paragraph.space_after_pt
    return Stack(tuple(lines), tuple(bottoms))


def text_height_pt(
    paragraphs: Sequence[Paragraph],
    *,
    family: str,
    first_space_before: bool = True,
    book: FontBook | None = None,
) -> float:
    """Height of ``paragraphs`` stacked in one text box, from the top inset to the last line."""
    return stack(paragraphs, family=family, first_space_before=first_space_before, book=book).height
