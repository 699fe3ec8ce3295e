"""Installed versions of the libraries that shape a deck's bytes, read once per process.

``importlib.metadata.version`` parses each package's whole METADATA file (long description
included) with the e-mail parser, and importing it costs about 10 ms: together most of a no-op
build. Here one listing of each ``sys.path`` folder finds the ``*.dist-info`` folders, and only the
header lines of their METADATA are read, up to ``Version:``. Anything unusual (an ``.egg-info``
install, a missing or odd METADATA, a package not found) falls back to ``importlib.metadata`` for
that package, so the answer is always the one ``importlib.metadata`` gives.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable

_SEPARATORS = re.compile(r"[-_.]+")
_METADATA_HEAD = 64 * 1024  # the header block is a few hundred bytes; the description follows it


def _normal(name: str) -> str:
    """A distribution name as ``importlib.metadata`` compares it: case and -_. runs folded."""
    return _SEPARATORS.sub("_", name).lower()


def installed_versions(names: Iterable[str]) -> dict[str, str]:
    """``{name: version}`` for each distribution name; ``"absent"`` when it is not installed."""
    wanted = {_normal(n): n for n in names}
    found: dict[str, str] = {}
    unsure: set[str] = set()  # met as an .egg-info first, or with a METADATA we could not read
    for entry in sys.path:
        try:
            children = os.listdir(entry or ".")
        except OSError:
            continue  # a zip file or a folder that is gone
        for child in children:
            stem, dot, suffix = child.rpartition(".")
            key = _normal(stem.partition("-")[0]) if dot else ""
            name = wanted.get(key)
            if name is None or name in found or name in unsure:
                continue
            if suffix == "dist-info":
                version = _header_version(os.path.join(entry or ".", child, "METADATA"))
                if version is None:
                    unsure.add(name)
                else:
                    found[name] = version
            elif suffix == "egg-info":
                unsure.add(name)
        if len(found) + len(unsure) == len(wanted):
            break
    for name in wanted.values():
        if name not in found:
            found[name] = _from_importlib(name)
    return {name: found[name] for name in wanted.values()}


def _header_version(path: str) -> str | None:
    """The ``Version:`` header of a METADATA file; None when it cannot be read or has none."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(_METADATA_HEAD)
    except OSError:
        return None
    for raw in head.split(b"\n"):
        line = raw.rstrip(b"\r")
        if not line:
            return None  # the end of the headers
        if line[:8].lower() == b"version:":
            value = line[8:].strip()
            try:
                return value.decode("utf-8") or None
            except UnicodeDecodeError:
                return None
    return None


def _from_importlib(name: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"
