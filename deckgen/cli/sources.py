"""The ``sections`` and ``import`` commands: a source article's addresses, and plain text made a source."""

from __future__ import annotations

import json
from pathlib import Path

import click

from deckgen.cli.common import CONTEXT, fail_with, json_option
from deckgen.core.errors import DeckgenError


@click.command(context_settings=CONTEXT)
@click.argument("source", type=click.Path(path_type=Path))
@json_option
def sections(source: Path, as_json: bool) -> None:
    """List every valid address in SOURCE, with its line and first words.

    SOURCE is a Markdown source file, or an article id looked up in briefs/sources/.

    \b
    Examples:
      deckgen sections briefs/sources/southern-underbelly.md
      deckgen sections southern-underbelly --json
    """
    from deckgen import api

    path = source
    if not path.exists() and path.suffix == "":
        path = Path("briefs") / "sources" / f"{source}.md"
    try:
        article, infos = api.sections(path)
    except DeckgenError as exc:
        fail_with(exc, what="nothing listed", as_json=as_json)
    if as_json:
        items = [{"address": i.address, "line": i.line, "preview": i.preview} for i in infos]
        click.echo(json.dumps({"article": article.id, "addresses": items}, indent=2, ensure_ascii=False))
        return
    width = max(len(i.address) for i in infos)
    for info in infos:
        click.echo(f"{path}:{info.line}: {info.address.ljust(width)}  {info.preview}")


@click.command(name="import", context_settings=CONTEXT)
@click.argument("article", type=click.Path(path_type=Path))
@click.option("--id", "article_id", help="Article id (default: from the file name).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the Markdown source here instead of standard output.",
)
def import_(article: Path, article_id: str | None, output: Path | None) -> None:
    """Turn a plain-text ARTICLE into a Markdown source with front matter.

    Photo captions, title, standfirst and author bio lines are recognised; add '##' headings
    for the sections and check the front matter afterwards.

    \b
    Example:
      deckgen import article.txt --id southern-underbelly -o briefs/sources/southern-underbelly.md
    """
    from deckgen import api

    try:
        text = api.import_article(article, article_id=article_id)
    except DeckgenError as exc:
        fail_with(exc, what="nothing imported", as_json=False)
    if output is None:
        click.echo(text, nl=False)
        return
    if output.exists():
        raise click.UsageError(f"{output} exists; remove it first or choose another -o")
    from deckgen.jobs.output import write_atomic

    write_atomic(output, text.encode("utf-8"))
    click.echo(f"wrote {output}: add '##' section headings and check the front matter", err=True)
