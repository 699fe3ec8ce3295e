"""Reading YAML with positions: composed nodes, duplicate keys, and typed field access.

Composing (``compose_text``, within the limits of ``deckgen.core.yamlcompose``) keeps every
node's start mark and every duplicate key (``safe_load`` silently drops them), and lets text
fields be read from the raw scalar so that ``title: No`` stays "No". Files are read through
``deckgen.core.files``: regular files only, within a size limit, strict UTF-8.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from deckgen.core.errors import Collector, Loc, file_problem
from deckgen.core.files import FileProblem, position, read_text
from deckgen.core.suggest import suggestions
from deckgen.core.yamlcompose import MAX_DEPTH, MAX_NODES, TooLarge, compose_text, reader_index
from deckgen.core.yamltraps import syntax_trap, text_with_colon

__all__ = [
    "MAX_DEPTH",
    "MAX_NODES",
    "MapReader",
    "TooLarge",
    "compose",
    "compose_text",
    "read_yaml",
    "read_yaml_lines",
]

# What OOXML cannot store: C0 controls but tab, newline and carriage return; U+FFFE, U+FFFF; surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
# A whole number as staff write it: decimal digits, no leading zero, no 0x, 0b, 1_000 or 1:30.
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})")


def node_loc(path: str, node: Node) -> Loc:
    return Loc(path, node.start_mark.line + 1, node.start_mark.column + 1)


def describe(node: Node) -> str:
    """Name a node's type in plain words, for 'expected text, got a list' messages."""
    if isinstance(node, MappingNode):
        return "a mapping (key: value pairs)"
    if isinstance(node, SequenceNode):
        return "a list"
    assert isinstance(node, ScalarNode)
    if node.tag.endswith(":null") or (node.style is None and node.value in ("", "~", "null")):
        return "nothing (an empty value)"
    if node.tag.endswith(":bool"):
        return f"a yes/no value ({node.value})"
    if node.tag.endswith(":int"):
        return f"a number ({node.value})"
    if node.tag.endswith(":float"):
        return f"a number ({node.value})"
    return f"text ({node.value!r})"


def compose(text: str, path: str, diags: Collector) -> Node | None:
    """Compose a YAML document; report a syntax error at its position and return ``None``."""
    try:
        root: Node | None = compose_text(text)
    except TooLarge as exc:
        mark = exc.problem_mark
        loc = Loc(path, mark.line + 1, mark.column + 1) if mark else Loc(path, 1, 1)
        diags.error(
            loc,
            "yaml-too-large",
            exc.problem or "the document is too large",
            hint=f"a file may hold at most {MAX_NODES:,} values once its aliases (*name) are "
            f"expanded, nested at most {MAX_DEPTH} deep; write the values out instead of "
            "repeating aliases",
        )
    except yaml.MarkedYAMLError as exc:
        trap = syntax_trap(text, exc)
        if trap is not None:
            diags.error(
                Loc(path, trap.line, trap.col), trap.code, trap.message, hint=trap.hint, span=trap.span
            )
            return None
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and mark is not None and mark.line >= text.count("\n"):
            # "Unexpected end of stream": the useful place is where the unclosed thing started.
            mark = exc.context_mark
        loc = Loc(path, mark.line + 1, mark.column + 1) if mark else Loc(path)
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        diags.error(
            loc,
            "yaml-syntax",
            f"YAML syntax error: {problem}{context}",
            hint="check indentation and quoting; text containing ': ' or starting with a quote, "
            "'*', '&' or '[' needs quotes around it",
        )
    except yaml.reader.ReaderError as exc:
        line, col = position(text, reader_index(text, exc))
        diags.error(
            Loc(path, line, col),
            "control-character",
            f"YAML cannot contain the character U+{exc.character:04X}"
            if isinstance(exc.character, int)
            else f"YAML syntax error: {exc.reason}",
            hint='remove it, or write it as an escape like "\\x10" inside double quotes',
        )
    except yaml.YAMLError as exc:
        diags.error(Loc(path, 1, 1), "yaml-syntax", f"YAML syntax error: {exc}")
    else:
        return root
    return None


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def unsafe_text(root: Node, path: str, diags: Collector, *, what: str) -> None:
    """Report each value holding a control character, non-character or lone surrogate (written as
    an escape such as "\\x01"): such text cannot be stored in the deck's XML."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.extend(reversed(_children(node)))
        if isinstance(node, ScalarNode) and (bad := _UNSAFE.search(node.value)) is not None:
            diags.error(
                node_loc(path, node),
                "control-character",
                f"this {what} text contains the character U+{ord(bad.group()):04X}, "
                "which a slide or chart cannot hold",
                hint="remove the escape (\\x.., \\u....) that writes it",
                span=_span(node),
            )


def whole_number(node: Node) -> int | None:
    """A plain decimal whole number (``8``, ``-2``); None for anything else, 0x10 and 1:30 too."""
    if isinstance(node, ScalarNode) and node.tag.endswith(":int") and _DECIMAL.fullmatch(node.value):
        return int(node.value)
    return None


def read_yaml(path: Path, diags: Collector, *, what: str, empty_hint: str) -> Node | None:
    """Read and compose one YAML file, reporting a missing, unreadable, broken or empty file."""
    return read_yaml_lines(path, diags, what=what, empty_hint=empty_hint)[0]


def read_yaml_lines(
    path: Path, diags: Collector, *, what: str, empty_hint: str
) -> tuple[Node | None, list[str]]:
    """Like ``read_yaml``, with the file's lines (none when it cannot be read), for advice that
    quotes the line as it should be written."""
    shown = str(path)
    try:
        text = read_text(path, what)
    except FileProblem as exc:
        diags.add(file_problem(shown, exc))
        return None, []
    root = compose(text, shown, diags)
    if root is None and not diags.has_errors:
        diags.error(Loc(shown, 1, 1), f"empty-{what}", f"the {what} is empty", hint=empty_hint)
    return root, text.splitlines()


@dataclass(frozen=True)
class Entry:
    key: str
    key_node: ScalarNode
    value: Node


class MapReader:
    """Typed, located access to one YAML mapping; reports every problem to a collector.

    Call ``get_*`` for every key the schema knows, then ``finish()`` to report unknown keys.
    """

    def __init__(
        self,
        node: MappingNode,
        *,
        path: str,
        where: str,
        diags: Collector,
        label: str | None = None,
        lines: Sequence[str] = (),
    ) -> None:
        self.node = node
        self.path = path
        self.where = where  # the key path, for diagnostics' 'key': slides[3].bullets[1]
        self.label = label or where or "the brief"  # the same place in words, for messages
        self.lines = lines  # the file's lines, when advice quotes a line as it should be
        self.diags = diags
        self.entries: dict[str, Entry] = {}
        self._seen: set[str] = set()
        for key_node, value in node.value:
            if not isinstance(key_node, ScalarNode):
                diags.error(
                    node_loc(path, key_node),
                    "bad-key",
                    f"keys must be plain words, got {describe(key_node)}",
                    key=where,
                )
                continue
            key = key_node.value
            if key in self.entries:
                first = self.entries[key].key_node.start_mark.line + 1
                diags.error(
                    node_loc(path, key_node),
                    "duplicate-key",
                    f"duplicate key '{key}' in {self.label}",
                    hint=f"'{key}' is already set on line {first}; "
                    "YAML would silently keep only the last one",
                    key=self._key(key),
                    span=len(key),
                )
                continue
            self.entries[key] = Entry(key, key_node, value)

    @property
    def loc(self) -> Loc:
        return node_loc(self.path, self.node)

    def _key(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def has(self, key: str) -> bool:
        return key in self.entries

    def raw(self, key: str) -> Node | None:
        self._seen.add(key)
        entry = self.entries.get(key)
        return entry.value if entry else None

    def key_loc(self, key: str) -> Loc:
        entry = self.entries.get(key)
        return node_loc(self.path, entry.key_node) if entry else self.loc

    def value_loc(self, key: str) -> Loc:
        entry = self.entries.get(key)
        return node_loc(self.path, entry.value) if entry else self.loc

    def missing(self, key: str, what: str, hint: str | None = None) -> None:
        self.diags.error(
            self.loc,
            "missing-key",
            f"{self.label} needs '{key}' ({what})",
            hint=hint or f"add a line '{key}: ...' here",
            key=self._key(key),
        )

    def text(self, key: str, *, required: bool = False, what: str = "text") -> str | None:
        node = self.raw(key)
        if node is None:
            if required:
                self.missing(key, what)
            return None
        return self.text_of(node, key=key)

    def text_of(self, node: Node, *, key: str) -> str | None:
        if isinstance(node, ScalarNode) and not node.tag.endswith(":null"):
            # The raw scalar: `title: No` stays "No" and `date: 2022-06` stays as typed.
            return str(node.value)
        self.type_error(node, key, "text")
        return None

    def integer(self, key: str) -> int | None:
        node = self.raw(key)
        if node is None:
            return None
        value = whole_number(node)
        if value is not None:
            return value
        self.type_error(node, key, "a whole number like 8")
        return None

    def sequence(self, key: str, *, required: bool = False, what: str = "a list") -> list[Node] | None:
        node = self.raw(key)
        if node is None:
            if required:
                self.missing(key, what)
            return None
        if isinstance(node, SequenceNode):
            return list(node.value)
        self.type_error(node, key, "a list (lines starting with '- ')")
        return None

    def mapping(self, key: str, *, required: bool = False, what: str = "a mapping") -> MappingNode | None:
        node = self.raw(key)
        if node is None:
            if required:
                self.missing(key, what)
            return None
        if isinstance(node, MappingNode):
            return node
        self.type_error(node, key, "a mapping (indented 'key: value' lines)")
        return None

    def type_error(self, node: Node, key: str, expected: str) -> None:
        if expected == "text" and self.colon_trap(node, key):
            return
        self.diags.error(
            node_loc(self.path, node),
            "wrong-type",
            f"'{key}' should be {expected}, got {describe(node)}",
            hint=_type_hint(node, expected),
            key=self._key(key),
            span=_span(node),
        )

    def colon_trap(self, node: Node, key: str) -> bool:
        """Report ``- Allies: France`` (text with ': ', read as a mapping) as text to quote."""
        trap = text_with_colon(node, self.lines)
        if trap is None:
            return False
        self.diags.error(
            Loc(self.path, trap.line, trap.col),
            trap.code,
            trap.message,
            hint=trap.hint,
            key=self._key(key),
            span=trap.span,
        )
        return True

    def finish(self, known: tuple[str, ...] | list[str], *, context: str = "") -> None:
        """Report every key that the schema did not ask for, with the nearest known key."""
        for key, entry in self.entries.items():
            if key in self._seen or key in known:
                continue
            close = suggestions(key, known)
            if close:
                hint = f"did you mean '{close[0]}'?"
            else:
                hint = f"{context or 'here'} the known keys are: " + ", ".join(known)
            self.diags.error(
                node_loc(self.path, entry.key_node),
                "unknown-key",
                f"unknown key '{key}' in {self.label}",
                hint=hint,
                key=self._key(key),
                span=len(key),
            )

    def items(self) -> Iterator[Entry]:
        return iter(self.entries.values())


def _span(node: Node) -> int:
    if isinstance(node, ScalarNode):
        return max(1, node.end_mark.column - node.start_mark.column)
    return 1


def _type_hint(node: Node, expected: str) -> str | None:
    if expected == "text" and isinstance(node, SequenceNode):
        return "a single text value is expected here; join the items or use a list-valued key"
    if expected == "text" and isinstance(node, MappingNode):
        return "a ': ' inside text starts a mapping; put the whole text in quotes"
    if expected == "text" and isinstance(node, ScalarNode):
        return "give a value after the colon, or remove the key"
    if expected.startswith("a whole number") and isinstance(node, ScalarNode):
        return "write plain decimal digits, like 8 (not 0x10, 0b11, 010, 1_000 or 1:30)"
    if expected == "true or false":
        return (
            "write true or false (yes, no, on and off are a boolean to some YAML readers, a word to others)"
        )
    if expected.startswith("a list") and isinstance(node, ScalarNode):
        return "write each item on its own line starting with '- '"
    return None
