"""The version stack read from METADATA headers gives what importlib.metadata gives."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

import pytest

from deckgen.jobs import manifest
from deckgen.jobs.versions import installed_versions


def _importlib(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def test_the_installed_stack_matches_importlib_metadata() -> None:
    names = ("python-pptx", "matplotlib", "PyYAML", "XlsxWriter", "lxml", "pillow", "click", "no-such-dist")
    assert installed_versions(names) == {name: _importlib(name) for name in names}
    assert manifest.stack() == {"deckgen": manifest.__version__, **installed_versions(manifest._STACK)}
    assert manifest.stack() is not manifest.stack()  # a copy each time: callers cannot spoil the cache


def _dist(site: Path, folder: str, metadata_text: str | None) -> None:
    (site / folder).mkdir(parents=True)
    if metadata_text is not None:
        name = "PKG-INFO" if folder.endswith(".egg-info") else "METADATA"
        (site / folder / name).write_text(metadata_text, encoding="utf-8")


def test_odd_installs_fall_back_to_importlib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    # Names are compared as importlib.metadata compares them; only the header block counts.
    _dist(first, "Foo.Bar-1.0.dist-info", "Name: Foo.Bar\nVersion: 1.0\n\nVersion: 9.9 in the text\n")
    # Found first as an .egg-info: importlib.metadata takes that one, and so must we.
    _dist(first, "eggy-2.0.egg-info", "Name: eggy\nVersion: 2.0\n")
    _dist(second, "eggy-3.0.dist-info", "Name: eggy\nVersion: 3.0\n")
    # A METADATA without a version, and a dist-info without METADATA.
    _dist(first, "noversion-1.0.dist-info", "Name: noversion\n\nVersion: 5\n")
    _dist(first, "bare-1.0.dist-info", None)
    _dist(second, "later-4.2.dist-info", "Metadata-Version: 2.1\r\nName: later\r\nversion: 4.2\r\n")
    monkeypatch.setattr(sys, "path", [str(first), str(tmp_path / "gone"), str(second)])
    names = ("foo_bar", "eggy", "noversion", "bare", "later", "missing")
    found = installed_versions(names)
    assert found == {name: _importlib(name) for name in names}
    assert found["foo_bar"] == "1.0" and found["eggy"] == "2.0" and found["later"] == "4.2"
    assert found["missing"] == "absent"
