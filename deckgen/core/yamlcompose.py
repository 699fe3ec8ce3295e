"""Composing YAML within limits: a document's values are counted while it is composed.

PyYAML's composer, on libyaml's parser, with a running count of the values composed (an alias
counts as a copy of its value) and of the nesting depth. Composing stops with ``TooLarge`` at the
value that crosses a limit, so an alias bomb ("billion laughs") is never expanded to find out,
a flat list of a million items is never built, and 100,000 nested brackets (which crash
libyaml's own composer, recursive in C) are a located error.
"""

from __future__ import annotations

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import Node
from yaml.resolver import Resolver

# The most values a document may hold once its aliases are expanded ("billion laughs"), and
# how deep it may nest. Both are counted while the document is composed, so composing stops at
# the value that crosses the limit: nothing is expanded to find out, and a flat list of a
# million items is not built either. The biggest real file, the example dataset, has about
# 1,200 values.
MAX_NODES = 100_000
MAX_DEPTH = 64


class TooLarge(yaml.MarkedYAMLError):
    """A document past ``MAX_NODES`` values or ``MAX_DEPTH`` levels, or an alias inside itself."""


class _CountingComposer(Composer):
    """PyYAML's composer with a running count of the values composed, aliases counted as copies.

    Each finished node's expanded size is remembered, so an alias adds its anchor's size in one
    step; an alias to a node still being composed refers to itself. The parser it is mixed with
    provides the events.
    """

    def __init__(self) -> None:
        super().__init__()
        self._total = 0
        self._depth = 0
        self._sizes: dict[int, int] = {}

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event = self.peek_event()  # type: ignore[attr-defined]
        mark = event.start_mark
        if isinstance(event, AliasEvent):
            node = super().compose_node(parent, index)
            size = self._sizes.get(id(node))
            if size is None:
                raise TooLarge(
                    problem="an alias (*name) refers to the value that contains it", problem_mark=mark
                )
            self._count(size, mark)
            return node
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise TooLarge(problem=f"values are nested more than {MAX_DEPTH} levels deep", problem_mark=mark)
        before = self._total
        self._count(1, mark)
        node = super().compose_node(parent, index)
        self._depth -= 1
        self._sizes[id(node)] = self._total - before
        return node

    def _count(self, size: int, mark: yaml.Mark) -> None:
        self._total += size
        if self._total > MAX_NODES:
            raise TooLarge(
                problem=f"the document holds more than {MAX_NODES:,} values here, counting each "
                "alias (*name) as a copy of its value",
                problem_mark=mark,
            )


if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _Loader(_CountingComposer, CParser, Resolver):
        """libyaml's parser (ten times faster than PyYAML's on large briefs, with the same marks
        and errors) under the counting composer: libyaml's own composer recurses in C and
        crashes on 100,000 nested brackets."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _CountingComposer.__init__(self)
            Resolver.__init__(self)

else:  # pragma: no cover - PyYAML built without libyaml
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Loader(Reader, Scanner, Parser, _CountingComposer, Resolver):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            _CountingComposer.__init__(self)
            Resolver.__init__(self)


def compose_text(text: str) -> Node | None:
    """Compose one YAML document with positions; ``TooLarge`` past the limits, other YAML errors as
    PyYAML raises them."""
    loader = _Loader(text)
    try:
        node: Node | None = loader.get_single_node()
    finally:
        loader.dispose()
    return node


def reader_index(text: str, exc: yaml.reader.ReaderError) -> int:
    """The index in ``text`` of the character a ReaderError names (libyaml counts UTF-8 bytes)."""
    if not yaml.__with_libyaml__:
        return int(exc.position)
    return len(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
