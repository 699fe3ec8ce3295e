"""The ``deckgen`` group: ``--version``, the top-level help, and one command module per group attached."""

from __future__ import annotations

import importlib

import click

from deckgen import __version__
from deckgen.cli.common import CONTEXT

# Command name -> "module:attribute". A command's module (and all it imports) is loaded only when
# that command runs, or when --help lists the commands: `deckgen build` never pays for `review`.
COMMANDS = {
    "build": "deckgen.cli.build:build",
    "check": "deckgen.cli.check:check",
    "plan": "deckgen.cli.check:plan",
    "review": "deckgen.cli.review:review",
    "sections": "deckgen.cli.sources:sections",
    "import": "deckgen.cli.sources:import_",
    "new": "deckgen.cli.new:new",
    "schema": "deckgen.cli.schema:schema",
    "template": "deckgen.cli.template:template",
    "data": "deckgen.cli.data:data",
    "preview": "deckgen.cli.office:preview",
    "handout": "deckgen.cli.office:handout",
    "config": "deckgen.cli.config:config",
    "watch": "deckgen.cli.watch:watch",
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use, from ``COMMANDS``."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, _, attribute = COMMANDS[cmd_name].partition(":")
            command = getattr(importlib.import_module(module), attribute)
            assert isinstance(command, click.Command) and command.name == cmd_name, cmd_name
            self.add_command(command)
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="deckgen")
def main() -> None:
    """Compile YAML briefs into PowerPoint briefing and teaching decks.

    \b
    Examples:
      deckgen check briefs/southern-flank-training.yaml
      deckgen build briefs/southern-flank-training.yaml
      deckgen build briefs/southern-flank-readahead.yaml -o out/readahead.pptx
      deckgen watch briefs/ --build
      deckgen review briefs/southern-flank-training.yaml
      deckgen sections briefs/sources/southern-underbelly.md
      deckgen data check briefs/data/russian-presence.yaml
      deckgen import article.txt > briefs/sources/new-article.md
      deckgen new briefs/draft.yaml --from southern-underbelly --kind training
      deckgen config

    Exit codes: 0 success, 1 problems in the input, 2 wrong usage.
    Set NO_COLOR to turn colours off.
    """
