"""Parsed inputs kept in memory by their content, for a long-lived process (``deckgen watch``).

Off by default: ``cached`` just calls ``make`` unless a ``ContentCache`` is switched on with
``using``, so a one-shot ``check`` or ``build`` behaves exactly as without it. When one is on,
a value is keyed by the sha256 of every file it was made from (plus the call's own arguments),
never by modification times: an editor that rewrites a file with the same bytes costs nothing,
and one that restores an older version gets the older parse back. A value is stored only when
the files still hash the same after ``make`` ran, so a file saved mid-parse is parsed again.
Failures (``make`` raising) are never stored. Values must be immutable, or treated as such.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, cast

from deckgen.core.files import FileProblem, read_bytes

T = TypeVar("T")
ABSENT = "absent"
_ACTIVE: ContextVar[ContentCache | None] = ContextVar("deckgen_content_cache", default=None)


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0


class ContentCache:
    """Values by (kind, files, their sha256, arguments); the least recently used go first."""

    def __init__(self, *, max_entries: int = 256) -> None:
        self.max_entries = max_entries
        self.stats = CacheStats()
        self._values: OrderedDict[Hashable, object] = OrderedDict()

    def __len__(self) -> int:
        return len(self._values)

    def get(self, key: Hashable) -> tuple[bool, object]:
        if key in self._values:
            self._values.move_to_end(key)
            self.stats.hits += 1
            return True, self._values[key]
        self.stats.misses += 1
        return False, None

    def put(self, key: Hashable, value: object) -> None:
        self._values[key] = value
        self._values.move_to_end(key)
        while len(self._values) > self.max_entries:
            self._values.popitem(last=False)

    def clear(self) -> None:
        self._values.clear()


def active() -> ContentCache | None:
    return _ACTIVE.get()


@contextmanager
def using(cache: ContentCache) -> Iterator[ContentCache]:
    """Switch ``cache`` on for the calls made inside the ``with`` block (this thread or task only)."""
    token = _ACTIVE.set(cache)
    try:
        yield cache
    finally:
        _ACTIVE.reset(token)


def digest(path: Path) -> str:
    """sha256 of a file's bytes; ``ABSENT`` when there is none, a marker when it cannot be read."""
    try:
        return hashlib.sha256(read_bytes(path, "template")).hexdigest()  # the largest limit
    except FileProblem as exc:
        return ABSENT if exc.code == "missing-file" else f"unreadable:{exc.code}"


def cached(kind: str, files: Iterable[Path], args: Hashable, make: Callable[[], T]) -> T:
    """``make()``, or the value it gave before for the same ``files`` content and ``args``."""
    cache = _ACTIVE.get()
    if cache is None:
        return make()
    paths = tuple(files)
    before = tuple(digest(p) for p in paths)
    key = (kind, tuple(str(p) for p in paths), before, args)
    found, value = cache.get(key)
    if found:
        return cast(T, value)
    made = make()
    if tuple(digest(p) for p in paths) == before:
        cache.put(key, made)
    return made
