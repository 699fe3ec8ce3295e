"""Text left for staff to write, marked ``<<like this>>``: a warning at each until it is written.

``deckgen new`` writes a first-draft brief whose takeaways, objectives and other staff-written
text are placeholders between double angle brackets. The draft builds, so the deck can be seen at
once, but ``check`` and ``build`` warn at every placeholder still there (an error under
``--strict``), so a draft cannot pass for a finished brief. The marker is the text itself, not a
flag beside it: writing the text removes the warning, and no flag can be left behind or removed
while the text is still unwritten. Comments are not values, so they may mention ``<<...>>``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from deckgen.brief.fields import DEFAULT_TITLES
from deckgen.brief.model import SlideKind
from deckgen.core.errors import Collector, Loc
from deckgen.core.slidenames import slide_name

CODE = "placeholder-text"
# Text on one line between << and >>, holding no angle bracket: so two placeholders on a line
# are two warnings, and a hostile line of "<<<<..." costs linear time, not quadratic.
PLACEHOLDER = re.compile(r"<<[^\n<>]*>>")


def report_placeholders(root: Node, path: str, diags: Collector, lines: Sequence[str] = ()) -> None:
    """Warn at every placeholder in any value of the brief, naming the slide and key that hold it.

    ``lines``, the file's text, places each warning on the placeholder itself, also inside a
    value of several lines; without them it is placed from the value's start. Keys count list
    positions from 1, as ``deckgen.core.slidenames`` does (``slides[24].bullets[1].text``)."""
    seen: set[int] = set()
    stack: list[tuple[Node, str, str]] = [(root, "", "")]
    while stack:
        node, key, slide = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            for key_node, value in reversed(node.value):
                name = key_node.value if isinstance(key_node, ScalarNode) else "?"
                stack.append((value, f"{key}.{name}" if key else str(name), slide))
        elif isinstance(node, SequenceNode):
            for i, item in reversed(list(enumerate(node.value))):
                named = slide_name(i, _title(item)) if key == "slides" else slide
                stack.append((item, f"{key}[{i + 1}]", named))
        elif isinstance(node, ScalarNode) and "<<" in node.value:
            _report(node, key, slide, path, diags, lines)


def _title(slide: Node) -> str | None:
    """A slide's title as written, else its kind's default title (``Key takeaways``)."""
    if not isinstance(slide, MappingNode):
        return None
    keys = {k.value: v for k, v in slide.value if isinstance(k, ScalarNode)}
    title, kind = keys.get("title"), keys.get("kind")
    if isinstance(title, ScalarNode):
        return str(title.value)
    known = {k.value: k for k in SlideKind}
    if isinstance(kind, ScalarNode) and kind.value in known:
        return DEFAULT_TITLES.get(known[kind.value])
    return None


def _report(
    node: ScalarNode, key: str, slide: str, path: str, diags: Collector, lines: Sequence[str]
) -> None:
    after = (node.start_mark.line, node.start_mark.column)
    where = f"{slide}, '{key.split('.', 1)[1]}'," if slide and "." in key else f"'{key}'"
    for found in PLACEHOLDER.finditer(node.value):
        at = _find(found.group(), lines, after, node.end_mark.line)
        if at is not None:
            after = (at[0], at[1] + len(found.group()))
            loc = Loc(path, at[0] + 1, at[1] + 1)
        else:
            loc = _estimate(path, node, found.start())
        diags.warning(
            loc,
            CODE,
            f"{where} still holds the placeholder {found.group()}",
            hint="write the text in its place: << >> marks text still to be written (as "
            "`deckgen new` leaves it), and the deck shows it as it stands",
            key=key,
            span=len(found.group()),
        )


def _find(text: str, lines: Sequence[str], after: tuple[int, int], last: int) -> tuple[int, int] | None:
    """The 0-based line and column of ``text`` in ``lines``, from ``after`` to line ``last``."""
    line, col = after
    while line <= min(last, len(lines) - 1):
        at = lines[line].find(text, col)
        if at >= 0:
            return line, at
        line, col = line + 1, 0
    return None


def _estimate(path: str, node: ScalarNode, offset: int) -> Loc:
    """Where the placeholder starts without the file's text: exact in a one-line value (bar
    escapes before it in quotes), else the start of the value."""
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if node.start_mark.line != node.end_mark.line or node.style not in (None, '"', "'"):
        return Loc(path, line, col)
    return Loc(path, line, col + offset + (1 if node.style else 0))
