"""The ``deckgen`` command line: a thin layer over ``deckgen.api`` that prints and sets exit codes."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import click

from deckgen import __version__
from deckgen.cli.common import (
    CONTEXT,
    EXIT_INPUT,
    EXIT_OK,
    fail_with,
    json_option,
    print_diagnostics,
    sources_option,
    strict_option,
)
from deckgen.cli.office import handout, preview
from deckgen.cli.template import template
from deckgen.core.errors import DeckgenError, count_line


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="deckgen")
def main() -> None:
    """Compile YAML briefs into PowerPoint briefing and teaching decks.

    \b
    Examples:
      deckgen check briefs/southern-flank-training.yaml
      deckgen build briefs/southern-flank-training.yaml
      deckgen build briefs/southern-flank-readahead.yaml -o out/readahead.pptx
      deckgen sections briefs/sources/southern-underbelly.md
      deckgen import article.txt > briefs/sources/new-article.md

    Exit codes: 0 success, 1 problems in the input, 2 wrong usage.
    Set NO_COLOR to turn colours off.
    """


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the deck. Only with one brief.",
)
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the decks (default: decks/).",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Parallel processes."
)
@click.option("--force", is_flag=True, help="Rebuild even when nothing changed.")
@click.option("--shard", metavar="K/N", help="Build only shard K of N (for CI matrices and cluster jobs).")
@click.option("--no-cache", is_flag=True, help="Redraw every chart instead of using the chart cache.")
@strict_option
@json_option
@sources_option
def build(
    paths: tuple[Path, ...],
    output: Path | None,
    out_dir: Path | None,
    jobs: int,
    force: bool,
    shard: str | None,
    no_cache: bool,
    strict: bool,
    as_json: bool,
    sources_dir: Path | None,
) -> None:
    """Build decks from briefs or folders of briefs. A brief with any error writes nothing.

    Decks whose inputs have not changed since the last build are skipped; a failed brief does
    not stop the others, and the exit code is 1 when any brief failed.

    \b
    Examples:
      deckgen build briefs/southern-flank-training.yaml
      deckgen build briefs/ -j 2 --json > report.json
      deckgen build briefs/ --shard 1/4 --out-dir out/
      deckgen build briefs/southern-flank-readahead.yaml -o readahead.pptx --force
    """
    from deckgen.jobs import batch

    briefs = batch.collect_briefs(paths)
    if output is not None and (len(briefs) != 1 or out_dir is not None):
        raise click.UsageError("-o/--output names one file: give exactly one brief and no --out-dir")
    if shard is not None:
        try:
            k, n = batch.parse_shard(shard)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
        briefs = [b for b in briefs if batch.in_shard(b, k, n)]
    if not briefs and shard is None:
        raise click.UsageError("no briefs found (a folder stands for the *.yaml files directly in it)")
    options = batch.BatchOptions(
        out_dir=out_dir, output=output, strict=strict, force=force, no_cache=no_cache, sources_dir=sources_dir
    )
    started = time.perf_counter()
    outcomes = _run_with_progress(batch, briefs, options, jobs=jobs, quiet=as_json)
    failed = sum(1 for o in outcomes if o.status == "failed")
    if as_json:
        report = {
            "briefs": [o.as_dict() for o in outcomes],
            "built": sum(1 for o in outcomes if o.status == "built"),
            "skipped": sum(1 for o in outcomes if o.status == "skipped"),
            "failed": failed,
            "seconds": round(time.perf_counter() - started, 3),
        }
        click.echo(json.dumps(report, indent=2))
    sys.exit(EXIT_INPUT if failed else EXIT_OK)


def _run_with_progress(batch: Any, briefs: list[Path], options: Any, *, jobs: int, quiet: bool) -> list[Any]:
    """A progress bar on a terminal; otherwise one plain line per brief (and diagnostics)."""

    def line(outcome: Any) -> None:
        if quiet:
            return
        print_diagnostics(outcome.diagnostics)
        if outcome.status == "failed":
            click.echo(f"{count_line(outcome.diagnostics)}; no deck written for {outcome.brief}.", err=True)
        elif outcome.status == "skipped":
            click.echo(f"up to date {outcome.output} ({outcome.slides} slides)", err=True)
        else:
            click.echo(f"built {outcome.output} ({outcome.slides} slides, {outcome.seconds:.2f} s)", err=True)

    if quiet or len(briefs) < 2 or not sys.stderr.isatty():
        return list(batch.run(briefs, options, jobs=jobs, on_done=line))
    failures: list[Any] = []
    with click.progressbar(length=len(briefs), label="building", file=sys.stderr) as bar:

        def tick(outcome: Any) -> None:
            bar.update(1)
            if outcome.status == "failed":
                failures.append(outcome)

        outcomes = list(batch.run(briefs, options, jobs=jobs, on_done=tick))
    for outcome in failures:
        line(outcome)
    built = sum(1 for o in outcomes if o.status == "built")
    skipped = sum(1 for o in outcomes if o.status == "skipped")
    click.echo(f"{built} built, {skipped} up to date, {len(failures)} failed", err=True)
    return outcomes


@main.command(context_settings=CONTEXT)
@click.argument("briefs", nargs=-1, required=True, type=click.Path(path_type=Path))
@strict_option
@json_option
@sources_option
def check(briefs: tuple[Path, ...], strict: bool, as_json: bool, sources_dir: Path | None) -> None:
    """Check BRIEFS without writing anything: every problem, located.

    \b
    Examples:
      deckgen check briefs/southern-flank-training.yaml
      deckgen check briefs/*.yaml --strict --json
    """
    from deckgen import api

    reports: list[dict[str, object]] = []
    failed = 0
    for brief in briefs:
        try:
            result = api.check(brief, strict=strict, sources_dir=sources_dir)
        except DeckgenError as exc:
            failed += 1
            reports.append(
                {
                    "brief": str(brief),
                    "status": "failed",
                    "diagnostics": [d.as_dict() for d in exc.diagnostics],
                }
            )
            if not as_json:
                print_diagnostics(exc.diagnostics)
                click.echo(f"{brief}: {count_line(exc.diagnostics)}.", err=True)
            continue
        reports.append(
            {
                "brief": str(brief),
                "status": "ok",
                "slides": len(result.plan.slides),
                "diagnostics": [d.as_dict() for d in result.diagnostics],
            }
        )
        if not as_json:
            print_diagnostics(result.diagnostics)
            click.echo(
                f"{brief}: ok, {len(result.plan.slides)} slides, {count_line(result.diagnostics)}.", err=True
            )
    if as_json:
        click.echo(json.dumps({"briefs": reports, "failed": failed}, indent=2))
    sys.exit(EXIT_INPUT if failed else EXIT_OK)


@main.command(context_settings=CONTEXT)
@click.argument("brief", type=click.Path(path_type=Path))
@sources_option
def plan(brief: Path, sources_dir: Path | None) -> None:
    """Print the deck plan of BRIEF as JSON: every slide's layout, text and notes.

    \b
    Example:
      deckgen plan briefs/southern-flank-readahead.yaml | less
    """
    from deckgen import api
    from deckgen.plan.dump import plan_to_dict

    try:
        result = api.check(brief, sources_dir=sources_dir)
    except DeckgenError as exc:
        fail_with(exc, what="no plan", as_json=False, brief=brief)
    click.echo(json.dumps(plan_to_dict(result.plan), indent=2, ensure_ascii=False))


@main.command(context_settings=CONTEXT)
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


@main.command(name="import", context_settings=CONTEXT)
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


@main.command(context_settings=CONTEXT)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the schema here instead of standard output.",
)
def schema(output: Path | None) -> None:
    """Print the JSON Schema of the brief format, for completion in editors.

    With the YAML language server (VS Code, Neovim, and others), put this line at the top of a
    brief: # yaml-language-server: $schema=../docs/brief.schema.json

    \b
    Example:
      deckgen schema -o docs/brief.schema.json
    """
    from deckgen.brief.schema import brief_schema
    from deckgen.jobs.output import write_atomic

    text = json.dumps(brief_schema(), indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text.encode("utf-8"))


main.add_command(template)
main.add_command(preview)
main.add_command(handout)
