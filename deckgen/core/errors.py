"""Located diagnostics for user mistakes, and how they are printed (GCC style)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from deckgen.core.files import FileProblem, read_text

_ESCAPES = {c: f"\\x{c:02x}" for c in [*range(0x00, 0x20), 0x7F]}
_NEEDS_ESCAPE = frozenset(chr(c) for c in _ESCAPES)
# The most characters of a source line a diagnostic shows, around the column it points at: a
# 2 MB brief on one line must not be echoed whole.
MAX_SHOWN = 200
_CONTROL = str.maketrans({c: "\ufffd" for c in [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F]})


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Loc:
    """A position in a user's file: 1-based line and column."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        # A newline or other control character in a file name must not split the diagnostic line.
        path = self.path.translate(_ESCAPES) if _NEEDS_ESCAPE.intersection(self.path) else self.path
        if self.line <= 0:
            return path
        return f"{path}:{self.line}:{max(self.col, 1)}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in the user's input.

    ``code`` is stable (``unknown-key``, ``quote-not-in-source``) so scripts and tests can match
    on it; ``message`` is written for the person who edits the file; ``key`` is the key path in
    the brief, positions counted from 1 (``slides[3].quote`` is the third slide's quote); ``span``
    is how many columns the caret underlines.
    """

    loc: Loc
    code: str
    message: str
    hint: str | None = None
    severity: Severity = Severity.ERROR
    key: str | None = None
    span: int = 1

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.loc.path,
            "line": self.loc.line,
            "col": self.loc.col,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
            "key": self.key,
        }


@dataclass
class DeckgenError(Exception):
    """Raised for mistakes in the user's input; carries every diagnostic found."""

    diagnostics: tuple[Diagnostic, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        super().__init__(self.summary())

    def summary(self) -> str:
        return "; ".join(f"{d.loc}: {d.message}" for d in self.diagnostics)


class Collector:
    """Gathers diagnostics across a stage so that every problem is reported in one run."""

    def __init__(self) -> None:
        self._items: list[Diagnostic] = []

    def add(self, diagnostic: Diagnostic) -> None:
        self._items.append(diagnostic)

    def error(
        self,
        loc: Loc,
        code: str,
        message: str,
        *,
        hint: str | None = None,
        key: str | None = None,
        span: int = 1,
    ) -> None:
        self._items.append(Diagnostic(loc, code, message, hint, Severity.ERROR, key, span))

    def warning(
        self,
        loc: Loc,
        code: str,
        message: str,
        *,
        hint: str | None = None,
        key: str | None = None,
        span: int = 1,
    ) -> None:
        self._items.append(Diagnostic(loc, code, message, hint, Severity.WARNING, key, span))

    def extend(self, diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> None:
        self._items.extend(diagnostics)

    @property
    def items(self) -> tuple[Diagnostic, ...]:
        return tuple(self._items)

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self._items)

    def raise_if_errors(self) -> None:
        if self.has_errors:
            raise DeckgenError(sort_diagnostics(self._items))


def sort_diagnostics(items: tuple[Diagnostic, ...] | list[Diagnostic]) -> tuple[Diagnostic, ...]:
    """File order: path, then line, then column; stable for equal positions."""
    return tuple(sorted(items, key=lambda d: (d.loc.path, d.loc.line, d.loc.col)))


def format_diagnostic(
    diagnostic: Diagnostic,
    *,
    source_lines: dict[str, list[str]] | None = None,
    color: bool = False,
) -> str:
    """Render one diagnostic as ``path:line:col: error: message``, the source line, a caret, a hint."""
    sev = diagnostic.severity.value
    if color:
        code = "31" if diagnostic.is_error else "35"
        head = f"\x1b[1m{diagnostic.loc}: \x1b[{code}m{sev}:\x1b[0m\x1b[1m {diagnostic.message}\x1b[0m"
    else:
        head = f"{diagnostic.loc}: {sev}: {diagnostic.message}"
    out = [f"{head} [{diagnostic.code}]"]
    line_text = _source_line(diagnostic.loc, source_lines)
    if line_text is not None:
        # A tab is one column to YAML and invisible in a terminal: shown as an arrow, it keeps
        # the caret's column and shows what YAML found.
        shown, col = clip_line(line_text.rstrip("\n").replace("\t", "\u2192"), max(diagnostic.loc.col, 1))
        out.append(f"    {shown}")
        width = max(1, min(diagnostic.span, len(shown) - col + 1))
        caret = " " * (col - 1) + "^" + "~" * (width - 1)
        out.append(f"    {caret}")
    if diagnostic.hint:
        out.append(f"  hint: {diagnostic.hint}")
    return "\n".join(out)


def clip_line(text: str, col: int, width: int = MAX_SHOWN) -> tuple[str, int]:
    """At most ``width`` characters of ``text`` around ``col``, with an ellipsis where cut;
    control characters are shown as U+FFFD. Returns the text and the column within it."""
    text = text.translate(_CONTROL)
    if len(text) <= width:
        return text, col
    start = max(0, min(col - 1 - width // 2, len(text) - width))
    clipped = text[start : start + width]
    if start > 0:
        clipped, col = "\u2026" + clipped, col - start + 1
    if start + width < len(text):
        clipped += "\u2026"
    return clipped, col


def file_problem(path: str, problem: FileProblem, code: str | None = None) -> Diagnostic:
    """A file that cannot be read: at the bad byte when the problem is inside it, else at 1:1
    (a missing file has no line)."""
    if problem.code == "missing-file":
        loc = Loc(path)
    else:
        loc = Loc(path, max(problem.line, 1), max(problem.col, 1))
    return Diagnostic(loc, code or problem.code, problem.message, problem.hint)


def _source_line(loc: Loc, cache: dict[str, list[str]] | None) -> str | None:
    if loc.line <= 0:
        return None
    lines: list[str] | None = None
    if cache is not None:
        lines = cache.get(loc.path)
    if lines is None:
        try:
            # Regular files only, and never one that would block (a FIFO) or is too large.
            text = read_text(Path(loc.path), "file", strict=False)
            # A template is a zip: it has no lines to show under a diagnostic at its 1:1.
            lines = [] if text.startswith("PK\x03\x04") else text.splitlines()
        except FileProblem:
            return None
        if cache is not None:
            cache[loc.path] = lines
    if loc.line > len(lines):
        return None
    return lines[loc.line - 1]


def format_report(diagnostics: tuple[Diagnostic, ...], *, color: bool = False) -> str:
    """All diagnostics, then a count line (``2 errors, 1 warning``)."""
    cache: dict[str, list[str]] = {}
    blocks = [format_diagnostic(d, source_lines=cache, color=color) for d in diagnostics]
    return "\n".join(blocks)


def count_line(diagnostics: tuple[Diagnostic, ...]) -> str:
    errors = sum(1 for d in diagnostics if d.is_error)
    warnings = len(diagnostics) - errors
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return ", ".join(parts) if parts else "no problems"
