"""The YAML mistakes people make editing by hand, recognised and explained in their terms.

YAML's own messages name the parser's state ("mapping values are not allowed in this
context"); these say what was typed and how to fix it, with the corrected line where one can
be written:

* a tab in the indentation (YAML indents with spaces only; the echoed line shows it as ``→``);
* an apostrophe that ends a single-quoted text early (``'NATO's flank'``);
* a key indented more than the key above it, which YAML reads as more of that key's text;
* ``: `` inside unquoted text, which makes a mapping: a syntax error inside a value
  (``title: Allies: France``), or a one-key mapping where text was expected
  (``- Allies: France and Italy``), found by ``text_with_colon`` once the file is composed.

Each recogniser looks only at the lines around the error YAML reported and returns ``None``
when the text does not fit its pattern, leaving YAML's own message.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

# What starts a line before its content: spaces, and the '- ' of list items (tabs, wrongly).
_LEAD = re.compile(r"[ \t]*(?:-(?:[ \t]+|$))*")
# A block mapping key at the start of a line: its indent (with any '- '), the key, then ': '.
_KEY = re.compile(r"(?P<indent>[ ]*(?:-[ ]+)*)(?P<key>[^\s#'\"\[\]{},&*!|>%@`:-][^#]*?):(?=[ \t]|$)")
# Where a single-quoted text can open: at the start, or after a space, '[', '{' or ','.
_OPENING = re.compile(r"(?:(?<=^)|(?<=[\s\[{,]))'")
_COMMENT = re.compile(r"[ \t]+#.*$")


@dataclass(frozen=True)
class Trap:
    """A recognised mistake: where (1-based line and column), a stable code, and what to do."""

    line: int
    col: int
    code: str
    message: str
    hint: str
    span: int = 1


def quoted(text: str) -> str:
    """``text`` as a YAML quoted scalar: in double quotes, or single quotes when it holds a
    double quote or backslash (which double quotes would need escaped)."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def syntax_trap(text: str, exc: yaml.MarkedYAMLError) -> Trap | None:
    """The mistake behind a YAML syntax error, when it is one of the known traps."""
    mark = exc.problem_mark
    if mark is None:
        return None
    lines = text.splitlines()
    if mark.line >= len(lines):
        return None
    first = exc.context_mark.line if exc.context_mark is not None else mark.line
    checks: tuple[Callable[[], Trap | None], ...] = (
        lambda: _tab(lines, min(first, mark.line), mark.line),
        lambda: _apostrophe(lines[mark.line], mark.line, mark.column, exc.problem or ""),
        lambda: _mapping_value(lines, mark.line, mark.column, exc.problem or ""),
    )
    for check in checks:
        trap = check()
        if trap is not None:
            return trap
    return None


def _tab(lines: list[str], first: int, last: int) -> Trap | None:
    """A tab among the spaces and '- ' that start a line: on the error's line, else on a line
    between where YAML's context began and the error."""
    for row in (last, *range(last - 1, first - 1, -1)):
        lead = _LEAD.match(lines[row])
        assert lead is not None  # the pattern matches the empty string
        col = lead.group().find("\t")
        if col < 0:
            continue
        fixed = _untabbed(lines, row, lead.group())
        if not fixed.strip():
            hint = "delete it: the line is otherwise blank"
        elif lead.group()[:col].strip(" "):  # after a '-'
            hint = f"put a space after the '-' instead: '{fixed.strip()}'"
        else:
            start = len(fixed) - len(fixed.lstrip(" ")) + 1
            hint = f"indent with spaces instead, e.g. '{fixed.strip()}' starting in column {start}"
        return Trap(
            row + 1,
            col + 1,
            "yaml-tab",
            "a tab in the indentation (shown as \u2192): YAML indents with spaces only",
            hint + "; set your editor to insert spaces for Tab",
        )
    return None


def _untabbed(lines: list[str], row: int, lead: str) -> str:
    """The line with the tabs of its indentation made spaces: one after a '-', and at the start
    the indent of the line above (two more after a line ending in ':')."""
    rest = lines[row][len(lead) :]
    body = re.sub(r"-[ \t]+", "- ", lead.lstrip(" \t"))
    indent = len(lead) - len(lead.lstrip(" \t"))
    if "\t" in lead[:indent]:
        above = next((line for line in reversed(lines[:row]) if line.strip()), "")
        indent = len(above) - len(above.lstrip(" "))
        if above.rstrip().endswith(":"):
            indent += 2
    return " " * indent + body + rest


def _apostrophe(line: str, row: int, col: int, problem: str) -> Trap | None:
    """``'NATO's flank'``: a single-quoted text closed by the apostrophe, more text after it."""
    if not problem.startswith("did not find expected"):
        return None
    for opening in _OPENING.finditer(line):
        start = opening.start()
        close = _closing_quote(line, start + 1)
        if close is None or close >= col:
            continue
        last = line.rfind("'")
        if line[close + 1 : col].strip() or last <= close:
            continue
        inner = line[start + 1 : last].replace("''", "'")
        fixed = line[:start] + quoted(inner) + line[last + 1 :]
        return Trap(
            row + 1,
            close + 1,
            "yaml-apostrophe",
            "this apostrophe ends the single-quoted text early",
            f"use double quotes, or double the apostrophe (''): {fixed.strip()}",
        )
    return None


def _closing_quote(line: str, at: int) -> int | None:
    """The index of the quote that closes a single-quoted text starting at ``at`` ('' is one ')."""
    while (found := line.find("'", at)) >= 0:
        if line[found + 1 : found + 2] != "'":
            return found
        at = found + 2
    return None


def _mapping_value(lines: list[str], row: int, col: int, problem: str) -> Trap | None:
    """ "mapping values are not allowed": ': ' inside a value, or a key indented too far."""
    if not problem.startswith("mapping values are not allowed"):
        return None
    line = lines[row]
    key = _KEY.match(line)
    if key is None:
        return None
    if key.end() < col:
        return _colon_in_value(line, row, key)
    return _over_indented(lines, row, key)


def _colon_in_value(line: str, row: int, key: re.Match[str]) -> Trap | None:
    """``title: Allies: France``: the value holds ': ' and is not quoted."""
    rest = line[key.end() + 1 :]
    value = _COMMENT.sub("", rest).strip()
    if not value or value[0] in "'\"[{|>&*!":
        return None
    start = key.end() + 1 + rest.index(value)
    return _unquoted_colon(line, row, start, start + len(value))


def _over_indented(lines: list[str], row: int, key: re.Match[str]) -> Trap | None:
    """A key deeper than the key above it, whose value on its own line makes this line more of
    that text: the key belongs beside it."""
    name, col = key.group("key"), len(key.group("indent"))
    for above in range(row - 1, -1, -1):
        text = lines[above]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        sibling = _KEY.match(text)
        if sibling is None:
            continue  # more lines of a text that goes on over several lines
        where = len(sibling.group("indent"))
        if where >= col:
            return None
        other = sibling.group("key")
        return Trap(
            row + 1,
            col + 1,
            "yaml-indent",
            f"'{name}' is indented more than the keys beside it; it seems to belong with "
            f"'{other}' (line {above + 1})",
            f"start '{name}' in column {where + 1}, like '{other}': indented deeper, YAML reads "
            f"it as more of the text of '{other}'",
            span=len(name),
        )
    return None


def text_with_colon(node: Node, lines: Sequence[str]) -> Trap | None:
    """``- Allies: France and Italy`` read as a one-key mapping where text was meant: a plain
    key and a plain value on one line, joined by ': ' in the source."""
    if not isinstance(node, MappingNode) or node.flow_style or len(node.value) != 1:
        return None
    key, value = node.value[0]
    if not (isinstance(key, ScalarNode) and isinstance(value, ScalarNode)):
        return None
    if key.style or value.style or not value.value:  # plain: None, or "" from libyaml
        return None
    row = key.start_mark.line
    if row >= len(lines) or not (value.start_mark.line == value.end_mark.line == row):
        return None
    line = lines[row]
    start, end = key.start_mark.column, value.end_mark.column
    if not re.fullmatch(r"[ \t]*:[ \t]+", line[key.end_mark.column : value.start_mark.column]):
        return None
    return _unquoted_colon(line, row, start, end)


def _unquoted_colon(line: str, row: int, start: int, end: int) -> Trap:
    """The text in columns ``start`` to ``end`` of ``line`` holds ': ' unquoted: quote it."""
    fixed = line[:start] + quoted(line[start:end]) + line[end:]
    return Trap(
        row + 1,
        start + 1,
        "unquoted-colon",
        "quote this text; it contains ': '",
        f"write: {fixed.strip()}",
        span=end - start,
    )
