"""The ``config`` command: the effective project configuration, and where each value came from."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import click

from deckgen.cli.common import CONTEXT, fail_with, json_option, sources_option
from deckgen.core.config import KEYS, Project, find_project, shown_path
from deckgen.core.errors import Collector, DeckgenError, Loc


@dataclass(frozen=True)
class Effective:
    """One setting as a command would use it: the value, which layer gave it, and where."""

    name: str
    value: str | None  # None: nothing (no default marking), or per brief (sources beside each)
    layer: str  # "command line", "brief", "project" or "default"
    at: Loc | None  # where the brief or the configuration file sets it
    note: str = ""  # the built-in default, in words

    def as_dict(self) -> dict[str, object]:
        return {
            "value": self.value,
            "from": self.layer,
            "at": str(self.at) if self.at else None,
            "default": self.note or None,
        }


@click.command(context_settings=CONTEXT)
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@sources_option
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Show the settings as a command given this --out-dir would use them.",
)
@json_option
def config(path: Path | None, sources_dir: Path | None, out_dir: Path | None, as_json: bool) -> None:
    """Print the project configuration in effect, and where each value came from.

    The configuration is 'deckgen.toml', or the [tool.deckgen] table of 'pyproject.toml', in the
    folder of PATH (a brief or a folder; default: the working folder) or the nearest folder above
    it, up to the repository's root. Each value comes from the first of: a command-line option,
    the brief (for 'template' and 'marking'), the configuration file, deckgen's built-in default.

    \b
    Examples:
      deckgen config
      deckgen config briefs/southern-flank-training.yaml
      deckgen config --json
    """
    start = path if path is not None else Path.cwd()
    try:
        project = find_project(start)
        brief = _brief_settings(path) if path is not None and path.is_file() else {}
    except DeckgenError as exc:
        fail_with(exc, what="no configuration shown", as_json=as_json)
    cli = {"sources": sources_dir, "output": out_dir}
    rows = [_effective(project, key.name, key.default, brief, cli, path) for key in KEYS]
    if as_json:
        payload = {
            "config": shown_path(project.config) if project.config else None,
            "root": shown_path(project.root),
            "settings": {row.name: row.as_dict() for row in rows},
        }
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    if project.config is not None:
        table = " [tool.deckgen]" if project.config.name == "pyproject.toml" else ""
        click.echo(f"project configuration: {shown_path(project.config)}{table}")
    else:
        click.echo(f"no project configuration in {shown_path(project.root)} or above: built-in defaults")
    values = [row.value if row.value is not None else f"({row.note})" for row in rows]
    width = max(len(row.name) for row in rows)
    value_width = max(len(v) for v in values)
    for row, value in zip(rows, values, strict=True):
        where = f" at {row.at}" if row.at else ""
        click.echo(f"  {row.name.ljust(width)}  {value.ljust(value_width)}  from {row.layer}{where}")


def _effective(
    project: Project,
    name: str,
    default: str,
    brief: dict[str, tuple[str, Loc]],
    cli: dict[str, Path | None],
    path: Path | None,
) -> Effective:
    """One key through the layers, command line first."""
    if (given := cli.get(name)) is not None:
        return Effective(name, shown_path(given), "command line", None)
    if name in brief:
        value, loc = brief[name]
        return Effective(name, value, "brief", loc)
    at = project.origin_of(name)
    if at is not None:
        return Effective(name, _project_value(project, name), "project", at)
    if name == "sources" and path is not None and path.is_file():
        return Effective(name, shown_path(project.sources_for(path)), "default", None, default)
    if name == "output":
        return Effective(name, shown_path(project.output_folder()), "default", None, default)
    if name == "template":
        return Effective(name, "default", "default", None, default)
    return Effective(name, None, "default", None, default)


def _project_value(project: Project, name: str) -> str | None:
    if name == "marking":
        return project.marking
    if name == "template" and project.template != "default":
        return shown_path(Path(project.template)) if project.template else None
    if name == "template":
        return project.template
    value = project.sources if name == "sources" else project.output
    return shown_path(value) if value is not None else None


def _brief_settings(brief: Path) -> dict[str, tuple[str, Loc]]:
    """The template and marking a brief sets itself, with where (only its YAML is read)."""
    from yaml.nodes import MappingNode, ScalarNode

    from deckgen.core.yamlnodes import node_loc, read_yaml

    diags = Collector()
    root = read_yaml(brief, diags, what="brief", empty_hint="a brief needs 'deck:' and 'slides:'")
    diags.raise_if_errors()
    found: dict[str, tuple[str, Loc]] = {}
    if not isinstance(root, MappingNode):
        return found
    deck = next((v for k, v in root.value if getattr(k, "value", None) == "deck"), None)
    if not isinstance(deck, MappingNode):
        return found
    for key, value in deck.value:
        if getattr(key, "value", None) in ("template", "marking") and isinstance(value, ScalarNode):
            found[str(key.value)] = (str(value.value), node_loc(str(brief), value))
    return found
