"""How messages and keys name a slide of a brief: by its 1-based number and its title.

A brief's slides are counted from 1 in the order they stand under ``slides:``, the way staff
count them: ``slide 15 "Why the Sahel matters"`` in a message, ``slides[15]`` in a diagnostic's
``key``. Every position in a key counts from 1 (``slides[15].bullets[2]`` is the second bullet
of the fifteenth slide). Slides the deck adds (answers, follow-ons) do not shift these numbers.
"""

from __future__ import annotations

import re

# The longest title a message quotes whole; a longer one is cut at a word with an ellipsis.
MAX_TITLE = 48
_SPACE = re.compile(r"\s+")
# A key's slide part, for readers of diagnostics: the slide's 1-based number.
SLIDE_KEY = re.compile(r"slides\[([1-9][0-9]*)\]")


def slide_key(index: int) -> str:
    """The key of the slide at 0-based ``index`` in the brief's list: ``slides[1]`` for the first."""
    return f"slides[{index + 1}]"


def slide_name(index: int | None, title: str | None) -> str:
    """``slide 15 "Why the Sahel matters"``; ``slide 15`` without a title; ``the slide`` without
    a position. ``index`` is the 0-based position in the brief's list."""
    name = f"slide {index + 1}" if index is not None else "the slide"
    shown = _SPACE.sub(" ", title or "").strip()
    if not shown:
        return name
    if len(shown) > MAX_TITLE:
        cut = shown[:MAX_TITLE].rsplit(" ", 1)[0] or shown[:MAX_TITLE]
        shown = cut.rstrip(" ,;:") + "\u2026"
    return f'{name} "{shown}"'


def slide_number(key: str | None) -> int | None:
    """The 1-based slide number a diagnostic's key names (``slides[15].quote`` -> 15), if any."""
    found = SLIDE_KEY.match(key or "")
    return int(found.group(1)) if found else None
