"""Project configuration: ``deckgen.toml`` or ``[tool.deckgen]`` in ``pyproject.toml``, found by walking up.

A project names its sources folder, its output folder, a default template and a default marking
once, so every command works from any folder inside it. The public API is ``find_project``; the
other names here are what it returns.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from deckgen.core.assets import DEFAULT_TEMPLATE_NAME
from deckgen.core.errors import Collector, DeckgenError, Loc, file_problem
from deckgen.core.files import FileProblem, read_text
from deckgen.core.suggest import did_you_mean

DECKGEN_TOML = "deckgen.toml"
PYPROJECT = "pyproject.toml"
TEMPLATE_SUFFIXES = (".pptx", ".potx")
_THREE_UP = os.path.join(os.pardir, os.pardir, os.pardir)


@dataclass(frozen=True)
class Key:
    """One configuration key: what its value is, and what applies when it is not set."""

    name: str
    kind: Literal["folder", "template", "text"]
    what: str
    default: str  # the built-in default, in words


KEYS = (
    Key("sources", "folder", "folder of source articles", "sources/ beside each brief"),
    Key(
        "output",
        "folder",
        "folder the decks are written to",
        "decks/ beside the configuration file, else in the working folder",
    ),
    Key("template", "template", "template for briefs that name none", "default (the shipped template)"),
    Key("marking", "text", "marking for briefs that give none", "none: every brief gives its own"),
)
KEY_NAMES = tuple(k.name for k in KEYS)


@dataclass(frozen=True)
class Project:
    """The project a brief or folder belongs to.

    ``root`` is the configuration file's folder (the start folder when there is no file);
    ``config`` is that file, or None. Paths are absolute, resolved against ``root``. A setting
    left out is None: the built-in default applies (see ``KEYS``).
    """

    root: Path
    config: Path | None = None
    sources: Path | None = None
    output: Path | None = None
    template: str | None = None  # 'default' or an absolute .pptx/.potx path
    marking: str | None = None
    origins: tuple[tuple[str, Loc], ...] = ()

    def origin_of(self, name: str) -> Loc | None:
        """Where ``name`` was set: file, line and column of its value; None when not set."""
        return dict(self.origins).get(name)

    def sources_for(self, brief: Path) -> Path:
        """The folder a brief's articles are looked up in: the project's, else ``sources/`` beside it."""
        return self.sources if self.sources is not None else brief.parent / "sources"

    def source_folders(self, here: Path) -> tuple[Path, ...]:
        """Where an article named by id on the command line is looked for: the project's sources
        folder; without one, ``here`` (the working folder), ``here/sources`` and ``here/briefs/sources``."""
        if self.sources is not None:
            return (self.sources,)
        return (here, here / "sources", here / "briefs" / "sources")

    def output_folder(self) -> Path:
        """Where decks go: the project's output folder; ``decks/`` in the project's folder when a
        configuration file sets none; ``decks/`` in the working folder when there is no file."""
        if self.output is not None:
            return self.output
        return self.root / "decks" if self.config is not None else Path("decks")


def shown_path(path: Path) -> str:
    """``path`` as a person would type it from the working folder (relative when it can be)."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    # Up to two levels up reads well (../../decks); further, the absolute path does.
    return str(Path(os.path.abspath(path))) if relative.startswith(_THREE_UP) else relative


def find_project(start: Path) -> Project:
    """The project that ``start`` (a brief, or any file or folder) belongs to.

    Walks up from ``start``'s folder (``start`` itself when it is a folder) and reads the first
    ``deckgen.toml``, or ``pyproject.toml`` with a ``[tool.deckgen]`` table; ``deckgen.toml`` wins
    when a folder has both. The walk stops at the filesystem root and after the folder that holds
    ``.git``, so a file above the repository never applies. With no file found the project is
    ``Project(root=<start folder>)``: every built-in default applies.

    Raises ``DeckgenError`` with located diagnostics (``file:line:col``) for unreadable TOML,
    unknown keys (with a did-you-mean), wrong types, and folders or templates that are not there.
    Commands call this once per brief (``watch`` and ``new`` too); it reads one small file.
    """
    folder = Path(os.path.abspath(start if start.is_dir() else start.parent))
    for candidate in (folder, *folder.parents):
        config = candidate / DECKGEN_TOML
        if config.is_file():
            return load_project(config)
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _mentions_deckgen(pyproject):
            text, data = _parse(pyproject)  # read again: rare, and only when it names deckgen
            tool = data.get("tool")
            if isinstance(tool, dict) and "deckgen" in tool:
                return _project(pyproject, text, data)
        if (candidate / ".git").exists():
            break
    return Project(root=folder)


def _mentions_deckgen(pyproject: Path) -> bool:
    """Cheap test before parsing: a pyproject.toml that never says 'deckgen' has no table for it."""
    try:
        return "deckgen" in read_text(pyproject, "pyproject.toml")
    except FileProblem:
        return False


def load_project(config: Path) -> Project:
    """Read one configuration file (``deckgen.toml``, or ``pyproject.toml``'s ``[tool.deckgen]``)."""
    config = Path(os.path.abspath(config))
    text, data = _parse(config)
    return _project(config, text, data)


def _project(config: Path, text: str, data: dict[str, object]) -> Project:
    shown = shown_path(config)
    in_pyproject = config.name == PYPROJECT
    table: object = data
    if in_pyproject:
        tool = data.get("tool")
        table = tool.get("deckgen", {}) if isinstance(tool, dict) else {}
    diags = Collector()
    if not isinstance(table, dict):
        diags.error(
            Loc(shown, *_header_line(text)),
            "wrong-type",
            f"'tool.deckgen' should be a table of settings, got {_describe(table)}",
            hint="write the settings under a '[tool.deckgen]' line",
        )
        raise DeckgenError(diags.items)
    where = "[tool.deckgen]" if in_pyproject else config.name
    reader = _Reader(config, shown, where, _key_places(text, in_pyproject=in_pyproject), diags)
    project = reader.project(table)
    diags.raise_if_errors()
    return project


def _parse(path: Path) -> tuple[str, dict[str, object]]:
    """The file's text and its TOML; a located ``bad-toml`` error when it is not TOML."""
    shown = shown_path(path)
    try:
        text = read_text(path, "configuration")
    except FileProblem as exc:
        raise DeckgenError((file_problem(shown, exc),)) from None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = re.search(r"\(at line (\d+), column (\d+)\)", message)
        loc = Loc(shown, int(at[1]), int(at[2])) if at else Loc(shown)
        if at is None and "end of document" in message:
            loc = Loc(shown, max(1, len(text.splitlines())), 1)
        reason = re.sub(r"\s*\(at [^)]*\)$", "", message)
        diags = Collector()
        diags.error(
            loc,
            "bad-toml",
            f"this is not valid TOML: {reason[:1].lower()}{reason[1:]}",
            hint='text values need quotes: sources = "briefs/sources"',
        )
        raise DeckgenError(diags.items) from None


@dataclass(frozen=True)
class _Place:
    line: int
    key_col: int
    value_col: int


_HEADER = re.compile(r"^\s*\[\s*([^\]]*?)\s*\]\s*(#.*)?$")
_KEY = re.compile(r"""^(\s*)(["']?)([A-Za-z0-9_.-]+)\2\s*=\s*""")


def _key_places(text: str, *, in_pyproject: bool) -> dict[str, _Place]:
    """Where each key of the deckgen table is written (tomllib gives values, not positions).

    Keys are looked for under ``[tool.deckgen]`` in pyproject.toml (or as ``deckgen.key`` under
    ``[tool]``) and before any table header in deckgen.toml. Keys written another way (an inline
    table) are not found, and their diagnostics name the file only.
    """
    places: dict[str, _Place] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("[["):
            table = "[[array]]"  # an array of tables: never the deckgen table
            continue
        if header := _HEADER.match(line):
            table = re.sub(r"\s+", "", header[1])
            continue
        key = _KEY.match(line)
        if key is None:
            continue
        name = key[3]
        if in_pyproject and table == "tool" and name.startswith("deckgen."):
            name = name.removeprefix("deckgen.")
        elif table != ("tool.deckgen" if in_pyproject else ""):
            continue
        places.setdefault(name, _Place(number, len(key[1]) + 1, key.end() + 1))
    return places


def _header_line(text: str) -> tuple[int, int]:
    for number, line in enumerate(text.splitlines(), start=1):
        if "deckgen" in line:
            return number, len(line) - len(line.lstrip()) + 1
    return 0, 0


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, str):
        return f"text ({value!r})"
    return f"a date or time ({value})"


class _Reader:
    """Checks one deckgen table and builds the ``Project``, collecting every problem."""

    def __init__(
        self, config: Path, shown: str, where: str, places: dict[str, _Place], diags: Collector
    ) -> None:
        self.config, self.shown, self.where, self.places, self.diags = config, shown, where, places, diags
        self.root = config.parent

    def key_loc(self, name: str) -> Loc:
        place = self.places.get(name)
        return Loc(self.shown, place.line, place.key_col) if place else Loc(self.shown)

    def value_loc(self, name: str) -> Loc:
        place = self.places.get(name)
        return Loc(self.shown, place.line, place.value_col) if place else Loc(self.shown)

    def project(self, table: dict[str, object]) -> Project:
        for name in table:
            if name not in KEY_NAMES:
                close = did_you_mean(name, KEY_NAMES)
                self.diags.error(
                    self.key_loc(name),
                    "unknown-key",
                    f"unknown key '{name}' in {self.where}",
                    hint=close or f"the keys are {', '.join(KEY_NAMES)}",
                    key=name,
                    span=len(name),
                )
        text = {k.name: self.text(k, table[k.name]) for k in KEYS if k.name in table}
        sources = self.folder("sources", text.get("sources"), must_exist=True)
        output = self.folder("output", text.get("output"), must_exist=False)
        template = self.template(text.get("template"))
        marking = text.get("marking")
        origins = tuple((name, self.value_loc(name)) for name in KEY_NAMES if text.get(name) is not None)
        return Project(self.root, self.config, sources, output, template, marking, origins)

    def text(self, key: Key, value: object) -> str | None:
        expected = "text (a folder path)" if key.kind == "folder" else "text"
        if not isinstance(value, str):
            example = f'{key.name} = "{_EXAMPLES[key.name]}"'
            self.diags.error(
                self.value_loc(key.name),
                "wrong-type",
                f"'{key.name}' ({key.what}) should be {expected}, got {_describe(value)}",
                hint=f"write it in quotes: {example}",
                key=key.name,
            )
            return None
        if not value.strip():
            self.diags.error(
                self.value_loc(key.name),
                "empty-value",
                f"'{key.name}' is empty",
                hint=f"give a value, or leave the key out for the built-in default ({key.default})",
                key=key.name,
            )
            return None
        return value

    def folder(self, name: str, value: str | None, *, must_exist: bool) -> Path | None:
        if value is None:
            return None
        path = Path(os.path.normpath(self.root / value))
        if (must_exist and not path.is_dir()) or (path.exists() and not path.is_dir()):
            problem = "is not a folder" if path.exists() else "does not exist"
            self.diags.error(
                self.value_loc(name),
                "missing-folder" if not path.exists() else "not-a-folder",
                f"the {name} folder '{value}' {problem} ({shown_path(path)})",
                hint=f"paths in {self.shown} are relative to its folder, {shown_path(self.root) or '.'}",
                key=name,
                span=len(value) + 2,
            )
            return None
        return path

    def template(self, value: str | None) -> str | None:
        if value is None or value == DEFAULT_TEMPLATE_NAME:
            return value
        path = Path(os.path.normpath(self.root / value))
        if path.suffix.lower() not in TEMPLATE_SUFFIXES or not path.is_file():
            why = "is not a .pptx or .potx file" if path.is_file() else "was not found"
            self.diags.error(
                self.value_loc("template"),
                "bad-template",
                f"the template '{value}' {why} ({shown_path(path)})",
                hint=f"paths in {self.shown} are relative to its folder; "
                f"'template = \"{DEFAULT_TEMPLATE_NAME}\"' is the shipped template",
                key="template",
                span=len(value) + 2,
            )
            return None
        return str(path)


_EXAMPLES = {
    "sources": "briefs/sources",
    "output": "decks",
    "template": "templates/corporate.pptx",
    "marking": "UNCLASSIFIED - FOR TRAINING USE ONLY",
}
