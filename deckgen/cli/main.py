"""The ``deckgen`` group: ``--version``, the top-level help, and one command module per group attached."""

from __future__ import annotations

import click

from deckgen import __version__
from deckgen.cli.build import build
from deckgen.cli.check import check, plan
from deckgen.cli.common import CONTEXT
from deckgen.cli.config import config
from deckgen.cli.data import data
from deckgen.cli.new import new
from deckgen.cli.office import handout, preview
from deckgen.cli.review import review
from deckgen.cli.schema import schema
from deckgen.cli.sources import import_, sections
from deckgen.cli.template import template
from deckgen.cli.watch import watch


@click.group(context_settings=CONTEXT)
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


main.add_command(build)
main.add_command(check)
main.add_command(plan)
main.add_command(review)
main.add_command(sections)
main.add_command(import_)
main.add_command(new)
main.add_command(schema)
main.add_command(template)
main.add_command(data)
main.add_command(preview)
main.add_command(handout)
main.add_command(config)
main.add_command(watch)
