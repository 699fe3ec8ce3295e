"""The ``sections`` and ``import`` commands: a source article's addresses, and plain text made a source."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import NoReturn

import click

from deckgen.cli.common import CONTEXT, fail_with, json_option
from deckgen.core.config import find_project, shown_path
from deckgen.core.errors import DeckgenError, Diagnostic, Loc
from deckgen.core.suggest import did_you_mean


@click.command(context_settings=CONTEXT)
@click.argument("source", type=click.Path(path_type=Path))
@json_option
def sections(source: Path, as_json: bool) -> None:
    """List every valid address in SOURCE, with its line and first words.

    SOURCE is a Markdown source file, or an article id looked up in the project's sources folder
    (`sources` in the project configuration, see `deckgen config`; without one, the working
    folder, its sources/ and its briefs/sources/). It works from any folder inside the project.
    A section whose heading was added by hand, not printed by the publication, is marked "(our
    heading)"; citations of it give the article's paragraph numbers and name the heading as ours.

    \b
    Examples:
      deckgen sections southern-underbelly
      deckgen sections briefs/sources/southern-underbelly.md --json
    """
    from deckgen import api

    try:
        path = _article_path(source)
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
    shown = shown_path(path)
    for info in infos:
        mark = "  (our heading)" if info.heading == "editorial" else ""
        click.echo(f"{shown}:{info.line}: {info.address.ljust(width)}  {info.preview}{mark}")


def _article_path(source: Path) -> Path:
    """SOURCE as given when it is a file; else the article it names, found from the working folder.

    An article id is looked up in the project's sources folders. A missing path is an error whose
    hint names the file where it really is, or the folders and ids there are, never the path tried.
    """
    if os.path.lexists(source):
        return source
    here = Path.cwd()
    project = find_project(here)
    folders = project.source_folders(here)
    name = source.name if source.suffix == ".md" else f"{source.name}.md"
    for folder in folders:
        if (folder / name).is_file():
            if source.suffix == "" and source.parent == Path():
                return folder / name  # an article id
            return _missing(source, f"did you mean {shown_path(folder / name)}? (paths start at {here})")
    ids = sorted({p.stem for f in folders if f.is_dir() for p in f.glob("*.md")})
    looked = ", ".join(shown_path(f) for f in folders)
    hint = did_you_mean(Path(name).stem, ids)
    hint += f" the articles there: {', '.join(ids[:12])};" if ids else " there are no articles there;"
    if (set_at := project.origin_of("sources")) is not None:
        hint += f" the folder is set at {set_at}"
    else:
        hint += " name the folder with 'sources' in deckgen.toml or [tool.deckgen] (see `deckgen config`)"
    what = f"no article '{source}' in {looked}" if source.suffix == "" else f"no such source file: {source}"
    return _missing(source, hint.strip(), message=what)


def _missing(source: Path, hint: str, *, message: str = "") -> NoReturn:
    message = message or f"no such source file: {source}"
    raise DeckgenError((Diagnostic(Loc(str(source)), "missing-file", message, hint=hint),))


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
