"""Measuring chart text in inches, with or without a figure: the drawers and the plan share one interface."""

from __future__ import annotations

from typing import Any, Literal

FontStyle = Literal["normal", "italic", "oblique"]
FLOOR_PT = 12.0  # no chart text is set smaller, at the size the slide shows it


class Ruler:
    """A box ``width`` × ``height`` inches and a way to measure one line of text in it.

    Subclasses give ``measure``; line heights and word wrapping follow from it, the same for both.
    """

    def __init__(self, width: float, height: float, size: float) -> None:
        self.width, self.height, self.size = width, height, size

    def measure(
        self, text: str, *, size: float | None = None, weight: str = "normal", style: FontStyle = "normal"
    ) -> float:
        """Width of one line of text in inches."""
        raise NotImplementedError

    def line(self, size: float | None = None) -> float:
        return (size or self.size) * 1.25 / 72

    def wrap(self, text: str, width: float, *, indent: float = 0.0, **kw: Any) -> list[str]:
        """Words flowed into lines no wider than ``width``; the first line starts ``indent`` in."""
        lines: list[str] = []
        for word in text.split():
            room = width - (indent if len(lines) == 1 else 0)
            if lines and self.measure(f"{lines[-1]} {word}", **kw) <= room:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        return lines or [""]
