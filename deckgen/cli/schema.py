"""The ``schema`` command: the brief format as JSON Schema, for editors."""

from __future__ import annotations

import json
from pathlib import Path

import click

from deckgen.cli.common import CONTEXT


@click.command(context_settings=CONTEXT)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the schema here instead of standard output.",
)
def schema(output: Path | None) -> None:
    """Print the JSON Schema of the brief format, for completion in editors.

    With the YAML language server (VS Code, Neovim, and others), put this line at the top of a
    brief (the path is relative to the brief):

    \b
      # yaml-language-server: $schema=../docs/brief.schema.json

    The schema holds under any YAML loader: an unquoted date such as 2022-06-20 passes where a
    date is meant, whether the validator reads it as text or as a date. It checks shapes, date
    forms and closed sets; 'deckgen check' also resolves addresses, quotes and data.

    \b
    Examples:
      deckgen schema -o docs/brief.schema.json
      check-jsonschema --schemafile docs/brief.schema.json briefs/*.yaml
    """
    from deckgen.brief.schema import brief_schema
    from deckgen.jobs.output import write_atomic

    text = json.dumps(brief_schema(), indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text.encode("utf-8"))
