"""The ``deckgen template`` commands; ``deckgen.cli.main`` attaches the group with ``main.add_command``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from deckgen.cli.common import CONTEXT, EXIT_INPUT, EXIT_OK, use_color
from deckgen.core.errors import DeckgenError, count_line, format_report


@click.group(context_settings=CONTEXT)
def template() -> None:
    """Look inside PowerPoint templates (.pptx or .potx) before briefing with them.

    \b
    Examples:
      deckgen template inspect assets/templates/briefing.pptx
      deckgen template inspect ~/templates/corp.potx --json
    """


@template.command("inspect", context_settings=CONTEXT)
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on stdout.")
def inspect_command(file: Path, as_json: bool) -> None:
    """Show what deckgen sees in the template FILE.

    Prints the slide size, the masters and their theme fonts, every layout with its
    placeholders (idx, type, name, box), the layout each slide kind is built with and where
    that choice came from (profile, default name, fallback name, or "structure": the layout's
    placeholders, with the reason), and what is missing. A profile beside FILE is read too:
    corp.pptx -> corp.profile.yaml.

    \b
    Examples:
      deckgen template inspect assets/templates/briefing.pptx
      deckgen template inspect ~/templates/corp.potx
      deckgen template inspect corp.pptx --json > corp-template.json

    Exit codes: 0 report printed (also when slide kinds are missing), 1 FILE or its profile
    cannot be read.
    """
    # Imported here: python-pptx costs ~0.2 s, and `deckgen --help` should not pay it.
    from deckgen.render.template.inspect import format_report as format_template
    from deckgen.render.template.inspect import inspect_template, report_to_dict

    try:
        report = inspect_template(file)
    except DeckgenError as exc:
        if as_json:
            payload = {
                "status": "failed",
                "template": str(file),
                "diagnostics": [d.as_dict() for d in exc.diagnostics],
            }
            click.echo(json.dumps(payload, indent=2))
        else:
            click.echo(format_report(exc.diagnostics, color=use_color(sys.stderr)), err=True)
            click.echo(f"{count_line(exc.diagnostics)}; no report.", err=True)
        sys.exit(EXIT_INPUT)
    if as_json:
        click.echo(json.dumps({"status": "ok", **report_to_dict(report)}, indent=2))
    else:
        click.echo(format_template(report))
    sys.exit(EXIT_OK)
