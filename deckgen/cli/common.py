"""What every deckgen command shares: exit codes, printing diagnostics, common options."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from deckgen.core.errors import DeckgenError, Diagnostic, count_line, format_report

EXIT_OK = 0
EXIT_INPUT = 1

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def use_color(stream: object) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return bool(getattr(stream, "isatty", lambda: False)())


def print_diagnostics(diagnostics: tuple[Diagnostic, ...]) -> None:
    if diagnostics:
        click.echo(format_report(diagnostics, color=use_color(sys.stderr)), err=True)


def fail_with(exc: DeckgenError, *, what: str, as_json: bool, brief: Path | None = None) -> NoReturn:
    if as_json:
        payload = {
            "status": "failed",
            "brief": str(brief) if brief else None,
            "diagnostics": [d.as_dict() for d in exc.diagnostics],
        }
        click.echo(json.dumps(payload, indent=2))
    else:
        print_diagnostics(exc.diagnostics)
        click.echo(f"{count_line(exc.diagnostics)}; {what}.", err=True)
    sys.exit(EXIT_INPUT)


strict_option = click.option("--strict", is_flag=True, help="Treat warnings as errors.")
json_option = click.option(
    "--json", "as_json", is_flag=True, help="Print a machine-readable report on stdout."
)
sources_option = click.option(
    "--sources",
    "sources_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of source articles (default: the project's 'sources' setting, see `deckgen config`; "
    "else 'sources/' next to the brief).",
)
