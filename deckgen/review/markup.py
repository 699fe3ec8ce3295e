"""HTML pieces the review page is built from: escaped text, text with marked stretches, tables.

Everything that reaches the page from a brief, an article or the dataset goes through ``text``:
it is untrusted, so it is escaped, and control characters (which HTML forbids) are dropped.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def text(value: object) -> str:
    """``value`` as HTML text: escaped, quotes included (safe inside attributes too)."""
    return html.escape(_CONTROL.sub("", str(value)), quote=True)


@dataclass(frozen=True)
class Span:
    """A stretch of text to wrap in ``<span class=…>``; ``tip`` becomes its title."""

    start: int
    end: int
    cls: str
    tip: str = ""


def marked(value: str, spans: Iterable[Span], after: Mapping[int, str] | None = None) -> str:
    """``value`` escaped, each span wrapped (overlapping spans split where they overlap, so the
    HTML nests), and the trusted HTML of ``after`` inserted after the character offset it names."""
    after = after or {}
    n = len(value)
    kept = [Span(max(0, s.start), min(n, s.end), s.cls, s.tip) for s in spans]
    kept = [s for s in kept if s.start < s.end]
    cuts = sorted(
        {0, n, *(s.start for s in kept), *(s.end for s in kept), *(a for a in after if 0 <= a <= n)}
    )
    out: list[str] = []
    for a, b in itertools.pairwise(cuts):
        piece = text(value[a:b])
        active = [s for s in kept if s.start <= a and b <= s.end]
        if active:
            classes = " ".join(dict.fromkeys(c for s in active for c in s.cls.split()))
            tips = "; ".join(dict.fromkeys(s.tip for s in active if s.tip))
            title = f' title="{text(tips)}"' if tips else ""
            piece = f'<span class="{classes}"{title}>{piece}</span>'
        out.append(piece)
        out.append(after.get(b, ""))
    if 0 in after:
        out.insert(0, after[0])
    return "".join(out)


def table(
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    cls: str,
    numeric: Sequence[bool] | None = None,
) -> str:
    """A table of plain text cells; ``numeric`` columns are set right-aligned."""
    numeric = numeric or [False] * len(columns)
    head = "".join(f'<th scope="col"{_num(numeric, i)}>{text(c)}</th>' for i, c in enumerate(columns))
    body = "".join(
        "<tr>" + "".join(f"<td{_num(numeric, i)}>{text(c)}</td>" for i, c in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def numeric_columns(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> list[bool]:
    """Columns whose every non-empty cell is a number (and which have one)."""
    out = []
    for i in range(len(columns)):
        cells = [row[i] for row in rows if i < len(row) and row[i]]
        out.append(bool(cells) and all(re.fullmatch(r"-?\d+(?:\.\d+)?", c) for c in cells))
    return out


def _num(numeric: Sequence[bool], i: int) -> str:
    return ' class="n"' if i < len(numeric) and numeric[i] else ""


def plural(n: int, one: str, many: str | None = None) -> str:
    """``1 term``, ``3 terms``; ``many`` for irregular plurals."""
    return f"{n} {one if n == 1 else (many or one + 's')}"
