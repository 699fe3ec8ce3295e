"""Writing YAML by hand, comments and all: scalars quoted only when YAML would misread them."""

from __future__ import annotations

import json
import re

# Text that YAML reads back as the same text when written bare: starts with a letter, holds no
# indicator that could start a comment, a mapping or a flow collection.
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.'’()/-]*")
# Words YAML 1.1 (PyYAML, many editors) reads as booleans or nothing.
_SPECIAL = frozenset(["y", "n", "yes", "no", "on", "off", "true", "false", "null"])
INDENT = "  "


def scalar(text: str) -> str:
    """``text`` as a YAML scalar: bare when that is safe, else double-quoted with JSON's escapes
    (a JSON string is a valid YAML double-quoted scalar)."""
    if _PLAIN.fullmatch(text) and text.casefold() not in _SPECIAL and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)


class Lines:
    """A YAML document built line by line, so that comments can sit where they help."""

    def __init__(self) -> None:
        self._lines: list[str] = []

    def comment(self, text: str, depth: int = 0) -> None:
        """One ``#`` line per line of ``text``, at ``depth`` levels of indentation."""
        for line in text.splitlines() or [""]:
            self._lines.append(f"{INDENT * depth}# {line}".rstrip())

    def blank(self) -> None:
        self._lines.append("")

    def raw(self, line: str) -> None:
        self._lines.append(line)

    def key(self, depth: int, key: str, value: str | None = None, *, note: str | None = None) -> None:
        """``key: value  # note``; ``value`` is written as given (quote it with ``scalar``)."""
        line = f"{INDENT * depth}{key}:" + (f" {value}" if value is not None else "")
        self._lines.append(f"{line}  # {note}" if note else line)

    def item(self, depth: int, value: str, *, note: str | None = None) -> None:
        """A sequence item, ``- value``."""
        line = f"{INDENT * depth}- {value}"
        self._lines.append(f"{line}  # {note}" if note else line)

    def text(self) -> str:
        return "\n".join(self._lines).rstrip("\n") + "\n"
