"""Incremental builds: the inputs behind each deck, so a deck whose inputs are unchanged is skipped.

A manifest sits beside the deck in ``.deckgen/<deck>.json``: the sha256 of every file the build
read (brief, sources, datasets, template, its profile, pictures), the profile that was absent,
the environment that shapes the bytes (``SOURCE_DATE_EPOCH``), the versions of the stack, and
the sha256 of the deck written. Checking it needs no python-pptx or matplotlib.

Every file is read through ``deckgen.core.files`` (regular files only, within a size limit,
opened non-blocking), so a FIFO or device swapped in for an input cannot hang a no-op check:
a file that cannot be read that way counts as changed, and the rebuild reports it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from deckgen import __version__
from deckgen.core.assets import profile_path
from deckgen.core.files import FileProblem, read_bytes
from deckgen.jobs.versions import installed_versions

STATE_DIR = ".deckgen"
_STACK = ("python-pptx", "matplotlib", "PyYAML", "XlsxWriter", "lxml", "pillow")
# Environment variables whose value can change a deck's bytes.
ENV_INPUTS = ("SOURCE_DATE_EPOCH",)
# The digest recorded for an optional input that did not exist (a template's profile): if it
# appears later, the deck is rebuilt.
ABSENT = "absent"
_TEMPLATE_SUFFIXES = frozenset({".pptx", ".potx", ".pptm"})
_IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp"})


def state_dir(output: Path) -> Path:
    return output.parent / STATE_DIR


def manifest_path(output: Path) -> Path:
    return state_dir(output) / f"{output.name}.json"


def _kind(path: Path) -> str:
    """The ``deckgen.core.files`` kind whose limit applies: at least what the build itself accepts."""
    suffix = path.suffix.lower()
    if suffix in _TEMPLATE_SUFFIXES:
        return "template"
    return "image" if suffix in _IMAGE_SUFFIXES else "dataset"


def file_digest(path: Path, what: str | None = None) -> str:
    """sha256 of a regular file; ``FileProblem`` for a FIFO, device, folder or oversized file.

    A ``pyproject.toml`` is a deck's input only for its ``[tool.deckgen]`` table: its digest is that
    table's, so bumping the package's version does not rebuild every deck."""
    data = read_bytes(path, what or _kind(path))
    if path.name == "pyproject.toml" and (table := _deckgen_table(data)) is not None:
        canonical = json.dumps(table, sort_keys=True, default=str).encode("utf-8")
        return "tool.deckgen:" + hashlib.sha256(canonical).hexdigest()
    return hashlib.sha256(data).hexdigest()


def _deckgen_table(data: bytes) -> object | None:
    """The ``[tool.deckgen]`` table of a pyproject.toml's bytes; None when it is not TOML or has none."""
    import tomllib  # only for a deck whose project is configured in pyproject.toml

    try:
        parsed = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    tool = parsed.get("tool")
    return tool.get("deckgen") if isinstance(tool, dict) else None


def environment() -> dict[str, str]:
    """The environment variables that shape a deck's bytes, as they are now ("" when unset)."""
    return {name: os.environ.get(name, "") for name in ENV_INPUTS}


def input_paths(brief: Path, inputs: Iterable[Path]) -> list[Path]:
    """Every input of a deck, plus the profile beside each template even when it does not exist."""
    paths = set(inputs) | {brief.resolve()}
    return sorted(paths | _profiles(paths))


def _profiles(paths: Iterable[Path]) -> set[Path]:
    return {profile_path(p) for p in paths if p.suffix.lower() in _TEMPLATE_SUFFIXES}


def snapshot(brief: Path, inputs: Iterable[Path]) -> dict[str, str]:
    """Digest of every input (``ABSENT`` for a missing optional profile); take it before rendering.

    Raises ``FileProblem`` when an input cannot be read as a regular file.
    """
    paths = input_paths(brief, inputs)
    optional = _profiles(paths)
    digests: dict[str, str] = {}
    for path in paths:
        absent = path in optional and not os.path.lexists(path)
        digests[str(path)] = ABSENT if absent else file_digest(path)
    return digests


def _current(path: Path, digest: str, what: str | None = None) -> bool:
    if digest == ABSENT:
        return not os.path.lexists(path)
    try:
        return file_digest(path, what) == digest
    except FileProblem:
        return False


def changed_inputs(digests: Mapping[str, str]) -> list[str]:
    """The inputs whose content is no longer what ``digests`` recorded (re-check before the manifest)."""
    return [path for path, digest in digests.items() if not _current(Path(path), digest)]


def stack() -> dict[str, str]:
    """Versions of deckgen and of every library whose changes can change a deck's bytes.

    Read once per process (a batch checks it for every brief): a library upgraded while a
    process runs would not change the code that process has already imported anyway."""
    return dict(_stack())


@functools.cache
def _stack() -> dict[str, str]:
    return {"deckgen": __version__, **installed_versions(_STACK)}


@dataclass(frozen=True)
class Manifest:
    brief: str
    inputs: dict[str, str]  # absolute path -> sha256
    stack: dict[str, str]
    output_sha256: str
    slides: int
    sources: str = ""  # the --sources folder the build used ("" = beside the brief)
    env: dict[str, str] = field(default_factory=dict)  # ENV_INPUTS as they were

    def to_json(self) -> str:
        return json.dumps(
            {
                "brief": self.brief,
                "inputs": self.inputs,
                "stack": self.stack,
                "output_sha256": self.output_sha256,
                "slides": self.slides,
                "sources": self.sources,
                "env": self.env,
            },
            indent=2,
            sort_keys=True,
        )


def _folder(sources_dir: Path | None) -> str:
    return str(sources_dir.resolve()) if sources_dir is not None else ""


def make_manifest(
    brief: Path,
    inputs: tuple[Path, ...],
    output_sha256: str,
    slides: int,
    *,
    sources_dir: Path | None = None,
    digests: Mapping[str, str] | None = None,
) -> Manifest:
    """The manifest of a deck just built, whose SHA-256 (hex) ``write_atomic`` returned. Pass the
    ``snapshot`` taken before rendering as ``digests``; without it the inputs are hashed now."""
    return Manifest(
        brief=str(brief.resolve()),
        inputs=dict(digests) if digests is not None else snapshot(brief, inputs),
        stack=stack(),
        output_sha256=output_sha256,
        slides=slides,
        sources=_folder(sources_dir),
        env=environment(),
    )


def read_manifest(output: Path) -> Manifest | None:
    try:
        raw = json.loads(read_bytes(manifest_path(output), "file"))
        return Manifest(
            brief=str(raw["brief"]),
            inputs={str(k): str(v) for k, v in raw["inputs"].items()},
            stack={str(k): str(v) for k, v in raw["stack"].items()},
            output_sha256=str(raw["output_sha256"]),
            slides=int(raw["slides"]),
            sources=str(raw.get("sources", "")),
            env={str(k): str(v) for k, v in raw.get("env", {}).items()},
        )
    except (FileProblem, OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # missing or damaged: rebuild


def up_to_date(brief: Path, output: Path, *, sources_dir: Path | None = None) -> Manifest | None:
    """The manifest when ``output`` is exactly what building ``brief`` would give again, else None.

    A different ``--sources`` folder counts as a change: the same brief may then cite other files.
    """
    found = read_manifest(output)
    if found is None or found.brief != str(brief.resolve()) or found.stack != stack():
        return None
    if found.sources != _folder(sources_dir) or found.env != environment():
        return None
    if not _current(output, found.output_sha256, "template"):
        return None  # the deck was edited or replaced by hand (or is no longer a regular file)
    if changed_inputs(found.inputs):
        return None
    return found
