"""The ``new`` command: a first-draft brief from an article, ready to check and build."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from deckgen.cli.common import CONTEXT, fail_with, json_option, sources_option
from deckgen.core.errors import DeckgenError

if TYPE_CHECKING:
    from deckgen.scaffold import NewBrief

KINDS = ("read-ahead", "training")


@click.command(context_settings=CONTEXT)
@click.argument("brief", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--from",
    "article",
    required=True,
    metavar="ARTICLE",
    help="The article: its id in the sources folder, or the path of its .md file there.",
)
@click.option(
    "--kind",
    type=click.Choice(KINDS),
    default="read-ahead",
    show_default=True,
    help="training: objectives, timed sections, a knowledge check, a discussion, a timing plan.",
)
@click.option("--force", is_flag=True, help="Replace BRIEF if it exists.")
@sources_option
@click.option(
    "--data",
    "data",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The presence dataset for the charts (default: the one .yaml in data/ next to the brief).",
)
@click.option("--marking", help="The handling marking (default: a placeholder to write).")
@json_option
def new(
    brief: Path,
    article: str,
    kind: str,
    force: bool,
    sources_dir: Path | None,
    data: Path | None,
    marking: str | None,
    as_json: bool,
) -> None:
    """Write BRIEF, a first draft from one article that builds straight away.

    The draft has a title and agenda, a section slide per section of the article, an excerpt
    slide per paragraph (found by its first words), a quote slide to uncomment, a chart per
    flank the dataset covers, takeaways, and the sources. Text only you can write is left
    between << and >>: `deckgen check` warns at each [placeholder-text] until it is written.
    Comments in the draft say what to change. A plain-text article must be imported first
    (`deckgen import`), since the import leaves values to check by hand.

    \b
    Examples:
      deckgen new briefs/sahel-readahead.yaml --from southern-underbelly
      deckgen new briefs/sahel-training.yaml --from briefs/sources/southern-underbelly.md --kind training
      deckgen new briefs/draft.yaml --from southern-underbelly --marking "UNCLASSIFIED" --force
    """
    from deckgen.scaffold import DraftKind, new_brief
    from deckgen.scaffold.new import BRIEF_SUFFIXES

    if brief.suffix not in BRIEF_SUFFIXES:
        raise click.UsageError(f"{brief} is not a .yaml file; name the brief {brief.stem}.yaml")
    if os.path.lexists(brief) and not force:
        raise click.UsageError(f"{brief} exists; choose another name, or add --force to replace it")
    try:
        made = new_brief(
            brief,
            article,
            kind=DraftKind(kind),
            force=force,
            sources_dir=sources_dir,
            data=data,
            marking=marking,
        )
    except DeckgenError as exc:
        fail_with(exc, what="no brief written", as_json=as_json, brief=brief)
    _report(made, as_json=as_json, sources_dir=sources_dir)


def _report(made: NewBrief, *, as_json: bool, sources_dir: Path | None) -> None:
    """What was written: JSON on stdout, or two lines for a person on stderr."""
    if as_json:
        report = {
            "status": "ok",
            "brief": str(made.brief),
            "article": made.article,
            "kind": made.kind.value,
            "slides": made.slides,
            "excerpts": made.excerpts,
            "placeholders": made.placeholders,
            "dataset": str(made.dataset) if made.dataset is not None else None,
            "flanks": list(made.flanks),
        }
        click.echo(json.dumps(report, indent=2))
        return
    flanks = " and ".join(filter(None, (", ".join(made.flanks[:-1]), made.flanks[-1]))) if made.flanks else ""
    charts = f"charts of the {flanks} flanks" if flanks else "no charts: no dataset found, see --data"
    options = f"--sources {sources_dir} " if sources_dir is not None else ""
    click.echo(
        f"wrote {made.brief}: a {made.kind.value} draft of {made.slides} slides from {made.article} "
        f"({made.excerpts} excerpts, {charts}).\n"
        f"Write the {made.placeholders} texts left between << and >>; "
        f"`deckgen check {options}{made.brief}` lists them.",
        err=True,
    )
