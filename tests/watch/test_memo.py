"""The content cache: off unless switched on, keyed by bytes not times, never storing failures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from deckgen.core.memo import ContentCache, cached, using


class Counter:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        return self.path.read_text(encoding="utf-8")


def test_off_by_default_every_call_makes(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("one", encoding="utf-8")
    make = Counter(path)
    assert cached("t", (path,), None, make) == "one"
    assert cached("t", (path,), None, make) == "one"
    assert make.calls == 2


def test_kept_by_content_not_by_time(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("one", encoding="utf-8")
    make = Counter(path)
    with using(ContentCache()) as cache:
        assert cached("t", (path,), None, make) == "one"
        os.utime(path, (1, 1))  # same bytes, another time: still the stored value
        assert cached("t", (path,), None, make) == "one"
        assert make.calls == 1
        path.write_text("two", encoding="utf-8")
        os.utime(path, (1, 1))  # new bytes, the old time: made again
        assert cached("t", (path,), None, make) == "two"
        path.write_text("one", encoding="utf-8")  # back to the first version: no new parse
        assert cached("t", (path,), None, make) == "one"
        assert make.calls == 2
        assert cache.stats.hits == 2 and cache.stats.misses == 2


def test_arguments_are_part_of_the_key(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("one", encoding="utf-8")
    make = Counter(path)
    with using(ContentCache()):
        cached("t", (path,), "x", make)
        cached("t", (path,), "y", make)
        cached("other", (path,), "x", make)
    assert make.calls == 3


def test_a_missing_file_is_part_of_the_key(tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    calls: list[bool] = []

    def make() -> bool:
        calls.append(path.exists())
        return path.exists()

    with using(ContentCache()):
        assert cached("t", (path,), None, make) is False
        assert cached("t", (path,), None, make) is False
        path.write_text("x: 1\n", encoding="utf-8")
        assert cached("t", (path,), None, make) is True
    assert calls == [False, True]


def test_failures_are_not_stored(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("one", encoding="utf-8")
    calls = []

    def make() -> str:
        calls.append(1)
        raise ValueError("broken")

    with using(ContentCache()):
        for _ in range(2):
            with pytest.raises(ValueError):
                cached("t", (path,), None, make)
    assert len(calls) == 2


def test_a_file_saved_while_it_was_parsed_is_parsed_again(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("one", encoding="utf-8")
    calls = []

    def make() -> str:
        calls.append(1)
        text = path.read_text(encoding="utf-8")
        path.write_text(text + "!", encoding="utf-8")  # an editor saves mid-parse
        return text

    with using(ContentCache()) as cache:
        cached("t", (path,), None, make)
        assert len(cache) == 0


def test_least_recently_used_go_first(tmp_path: Path) -> None:
    with using(ContentCache(max_entries=2)) as cache:
        for name in ("a", "b", "c"):
            cached("t", (), name, lambda name=name: name)
        assert len(cache) == 2
        calls = []
        cached("t", (), "a", lambda: calls.append(1) or "a")
        assert calls == [1]  # "a" was dropped
