"""Incremental builds: the inputs behind each deck, so a deck whose inputs are unchanged is skipped.

A manifest sits beside the deck in ``.deckgen/<deck>.json``: the sha256 of every file the build
read (brief, sources, datasets, template, pictures), the versions of the stack that shaped the
bytes, and the sha256 of the deck written. Checking it needs no python-pptx or matplotlib.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from deckgen import __version__

STATE_DIR = ".deckgen"
_STACK = ("python-pptx", "matplotlib", "PyYAML", "XlsxWriter", "lxml", "pillow")


def state_dir(output: Path) -> Path:
    return output.parent / STATE_DIR


def manifest_path(output: Path) -> Path:
    return state_dir(output) / f"{output.name}.json"


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stack() -> dict[str, str]:
    """Versions of deckgen and of every library whose changes can change a deck's bytes."""
    versions = {"deckgen": __version__}
    for name in _STACK:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


@dataclass(frozen=True)
class Manifest:
    brief: str
    inputs: dict[str, str]  # absolute path -> sha256
    stack: dict[str, str]
    output_sha256: str
    slides: int
    sources: str = ""  # the --sources folder the build used ("" = beside the brief)

    def to_json(self) -> str:
        return json.dumps(
            {
                "brief": self.brief,
                "inputs": self.inputs,
                "stack": self.stack,
                "output_sha256": self.output_sha256,
                "slides": self.slides,
                "sources": self.sources,
            },
            indent=2,
            sort_keys=True,
        )


def _folder(sources_dir: Path | None) -> str:
    return str(sources_dir.resolve()) if sources_dir is not None else ""


def make_manifest(
    brief: Path,
    inputs: tuple[Path, ...],
    output_bytes: bytes,
    slides: int,
    *,
    sources_dir: Path | None = None,
) -> Manifest:
    return Manifest(
        brief=str(brief.resolve()),
        inputs={str(p): file_digest(p) for p in sorted(set(inputs) | {brief.resolve()})},
        stack=stack(),
        output_sha256=hashlib.sha256(output_bytes).hexdigest(),
        slides=slides,
        sources=_folder(sources_dir),
    )


def read_manifest(output: Path) -> Manifest | None:
    try:
        raw = json.loads(manifest_path(output).read_text(encoding="utf-8"))
        return Manifest(
            brief=str(raw["brief"]),
            inputs={str(k): str(v) for k, v in raw["inputs"].items()},
            stack={str(k): str(v) for k, v in raw["stack"].items()},
            output_sha256=str(raw["output_sha256"]),
            slides=int(raw["slides"]),
            sources=str(raw.get("sources", "")),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # missing or damaged: rebuild


def up_to_date(brief: Path, output: Path, *, sources_dir: Path | None = None) -> Manifest | None:
    """The manifest when ``output`` is exactly what building ``brief`` would give again, else None.

    A different ``--sources`` folder counts as a change: the same brief may then cite other files.
    """
    found = read_manifest(output)
    if found is None or found.brief != str(brief.resolve()) or found.stack != stack():
        return None
    if found.sources != _folder(sources_dir):
        return None
    try:
        if file_digest(output) != found.output_sha256:
            return None  # the deck was edited or replaced by hand
        for path, digest in found.inputs.items():
            if file_digest(Path(path)) != digest:
                return None
    except OSError:
        return None
    return found
