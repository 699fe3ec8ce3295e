"""The placeholders `deckgen import` leaves in front matter, found again so a deck cannot cite them.

An imported file is meant to be finished by hand. Until it is, its placeholders (``UNKNOWN -
check`` in any value, and the year 1900 the importer writes when the text names no year) are
errors wherever a deck cites the article (`check`, `build`), so "UNKNOWN - check" never reaches
a slide. Reading the file on its own (`deckgen sections`) still works, to help finish it. A value
the importer guessed and marked with a ``# CHECK`` comment is fine once it is real: comments are
never errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from deckgen.core.errors import Diagnostic, Loc

PLACEHOLDER = "UNKNOWN - check"
PLACEHOLDER_YEAR = "1900"  # with a `# CHECK` comment on its line
CODE = "unfinished-import"
_CHECK_COMMENT = re.compile(r"#.*\bCHECK\b")
_HINTS = {
    "title": "write the headline as published",
    "standfirst": "write the standfirst as published, or remove the line",
    "name": "write the author's name, or `organization: ...` when an organisation wrote it",
    "organization": "write the organisation's whole name",
    "bio": "write the author's bio, or remove the line",
    "publication": "write where it was published, e.g. `publication: Foreign Policy`",
    "series": "write the report series, or remove the line",
    "number": "write the report number, or remove the line",
    "date": "write the date it was published as YYYY-MM-DD, YYYY-MM or YYYY",
    "url": "write the address it was published at, or remove the line",
    "attribution": "say who holds the rights and how the text may be used, "
    "e.g. `attribution: Public domain, a work of the US government.`",
}


def placeholders(where: str, keys: dict[str, tuple[Node, Node]], yaml_lines: list[str]) -> list[Diagnostic]:
    """An ``unfinished-import`` error at each placeholder left in the front matter ``keys``
    (``yaml_lines`` is the front matter's text, which starts on the file's second line)."""
    found: list[Diagnostic] = []
    for key, (_, value) in keys.items():
        for field, node in _scalars(key, value):
            hint = _HINTS.get(
                field.rsplit(".", 1)[-1], "replace the importer's placeholder with the real value"
            )
            if PLACEHOLDER in node.value:
                line, col = _find(node, yaml_lines)
                message = f"'{field}' is still the importer's placeholder '{PLACEHOLDER}'"
                found.append(Diagnostic(Loc(where, line, col), CODE, message, hint, span=len(PLACEHOLDER)))
            elif key == "date" and _placeholder_year(node, yaml_lines):
                at = Loc(where, node.start_mark.line + 2, node.start_mark.column + 1)
                message = f"the date is still the importer's placeholder {PLACEHOLDER_YEAR}"
                found.append(Diagnostic(at, CODE, message, _HINTS["date"], span=_width(node)))
    return found


def _scalars(field: str, node: Node) -> Iterator[tuple[str, ScalarNode]]:
    """Every scalar under ``node``, named as ``authors[1].name``."""
    if isinstance(node, ScalarNode):
        yield field, node
    elif isinstance(node, SequenceNode):
        for n, item in enumerate(node.value, start=1):
            yield from _scalars(f"{field}[{n}]", item)
    elif isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            name = key_node.value if isinstance(key_node, ScalarNode) else "?"
            yield from _scalars(f"{field}.{name}", value_node)


def _find(node: ScalarNode, yaml_lines: list[str]) -> tuple[int, int]:
    """The file line and column where the placeholder starts; the value's start if it is split."""
    for index in range(node.start_mark.line, min(node.end_mark.line, len(yaml_lines) - 1) + 1):
        col = yaml_lines[index].find(PLACEHOLDER)
        if col >= 0:
            return index + 2, col + 1
    return node.start_mark.line + 2, node.start_mark.column + 1


def _placeholder_year(node: ScalarNode, yaml_lines: list[str]) -> bool:
    if node.value.strip() != PLACEHOLDER_YEAR or node.end_mark.line >= len(yaml_lines):
        return False
    return _CHECK_COMMENT.search(yaml_lines[node.end_mark.line][node.end_mark.column :]) is not None


def _width(node: ScalarNode) -> int:
    start, end = node.start_mark, node.end_mark
    return max(1, end.column - start.column) if start.line == end.line else 1
