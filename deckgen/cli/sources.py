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

    SOURCE is a Markdown source file, or an article id looked up in briefs/sources/. A section
    whose heading was added by hand, not printed by the publication, is marked "(our heading)";
    citations of it give the article's paragraph numbers and name the heading as ours.

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
        items = [
            {"address": i.address, "line": i.line, "preview": i.preview}
            | ({"heading": i.heading} if i.heading else {})
            for i in infos
        ]
        click.echo(json.dumps({"article": article.id, "addresses": items}, indent=2, ensure_ascii=False))
        return
    width = max(len(i.address) for i in infos)
    for info in infos:
        mark = "  (our heading)" if info.heading == "editorial" else ""
        click.echo(f"{path}:{info.line}: {info.address.ljust(width)}  {info.preview}{mark}")


@click.command(name="import", context_settings=CONTEXT)
@click.argument("article", type=click.Path(path_type=Path))
@click.option("--id", "article_id", help="Article id (default: from the -o file's name, else ARTICLE's).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the Markdown source here instead of standard output.",
)
def import_(article: Path, article_id: str | None, output: Path | None) -> None:
    """Turn a plain-text ARTICLE into a Markdown source with front matter.

    Photo captions, title, standfirst, author bio lines, a report line ("Congressional Research
    Service, IF11234, May 12, 2022") and the text's own headings are recognised. Then finish the
    file by hand: fill in every UNKNOWN (check and build refuse them), check every value marked
    CHECK, and add '##' headings where the text had none (those are marked as ours).

    \b
    Example:
      deckgen import article.txt --id southern-underbelly -o briefs/sources/southern-underbelly.md
    """
    from deckgen import api
    from deckgen.sources import is_valid_id

    if article_id is not None and not is_valid_id(article_id):
        raise click.BadParameter(
            f"'{article_id}' is not an article id: use a-z, 0-9 and '-', starting with a letter or digit",
            param_hint="--id",
        )
    try:
        text = api.import_article(article, article_id=article_id, output=output)
    except DeckgenError as exc:
        fail_with(exc, what="nothing imported", as_json=False)
    if output is None:
        click.echo(text, nl=False)
        return
    if output.exists():
        raise click.UsageError(f"{output} exists; remove it first or choose another -o")
    from deckgen.jobs.output import write_atomic

    write_atomic(output, text.encode("utf-8"))
    click.echo(f"wrote {output}: fill in every UNKNOWN and check every value marked CHECK", err=True)
