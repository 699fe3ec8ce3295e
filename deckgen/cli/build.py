"""The ``build`` command: decks from briefs, in parallel and by shard, with progress on a terminal."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import click

from deckgen.cli.common import (
    CONTEXT,
    EXIT_INPUT,
    EXIT_OK,
    json_option,
    print_diagnostics,
    sources_option,
    strict_option,
)
from deckgen.core.errors import count_line


@click.command(context_settings=CONTEXT)
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
    help="Folder for the decks (default: the project's 'output' setting, see `deckgen config`; else decks/).",
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
    not stop the others, and the exit code is 1 when any brief failed. Decks go to the project's
    output folder (`deckgen config` shows it), so a build writes to the same place from any
    folder of the project.

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
    if output is not None:
        from deckgen.jobs.output import output_problem

        if (problem := output_problem(output)) is not None:
            raise click.UsageError(f"-o/--output: {problem}")
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


def _what_was_written(outcome: Any) -> str:
    if any(d.code == "manifest-not-written" for d in outcome.diagnostics):
        return f"the deck for {outcome.brief} was written, but not its manifest"
    return f"no deck written for {outcome.brief}"


def _run_with_progress(batch: Any, briefs: list[Path], options: Any, *, jobs: int, quiet: bool) -> list[Any]:
    """A progress bar on a terminal; otherwise one plain line per brief (and diagnostics)."""

    def line(outcome: Any) -> None:
        if quiet:
            return
        print_diagnostics(outcome.diagnostics)
        if outcome.status == "failed":
            click.echo(f"{count_line(outcome.diagnostics)}; {_what_was_written(outcome)}.", err=True)
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
