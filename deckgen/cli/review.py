"""The ``review`` command: one page for whoever signs a deck off, as HTML or JSON."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from deckgen.cli.common import CONTEXT, EXIT_OK, fail_with, print_diagnostics, sources_option
from deckgen.core.errors import DeckgenError

if TYPE_CHECKING:
    from deckgen.review.model import Summary

STDOUT = Path("-")


@click.command(context_settings=CONTEXT)
@click.argument("brief", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Where to write the review; '-' for stdout (default: decks/<brief>.review.html, or stdout "
    "with --json).",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Write the review as JSON instead of HTML (on stdout unless -o names a file).",
)
@sources_option
def review(brief: Path, output: Path | None, as_json: bool, sources_dir: Path | None) -> None:
    """Write a review page of BRIEF for whoever signs the deck off.

    One self-contained HTML page (no scripts, no network; it prints): a summary with the
    figures that say whether the deck is clean, then every slide in deck order with its
    statements, their names, numbers and key terms marked as found in the cited paragraph or
    not, staff synthesis and uncited statements marked, the cited paragraphs with the same
    terms marked, verified quotes, and each chart's figures with the records and evidence
    behind them. The page is written atomically; a brief with errors writes nothing.

    \b
    Examples:
      deckgen review briefs/southern-flank-training.yaml
      deckgen review briefs/southern-flank-readahead.yaml -o review.html
      deckgen review briefs/southern-flank-readahead.yaml -o - | less
      deckgen review briefs/southern-flank-training.yaml --json | jq .summary
    """
    from deckgen import api
    from deckgen.jobs.output import output_problem, write_atomic
    from deckgen.review.html import render_html
    from deckgen.review.markup import plural

    if output is not None and output != STDOUT and (problem := output_problem(output)) is not None:
        raise click.UsageError(f"-o/--output: {problem}")
    try:
        result = api.review(brief, sources_dir=sources_dir)
    except DeckgenError as exc:
        fail_with(exc, what="no review written", as_json=as_json, brief=brief)
    sheet = result.sheet
    page = sheet.to_json() if as_json else render_html(sheet)
    target = output or (STDOUT if as_json else api.default_review_output(brief))
    if not as_json:
        print_diagnostics(result.diagnostics)
    if target == STDOUT:
        click.echo(page, nl=False)
        sys.exit(EXIT_OK)
    try:
        write_atomic(target, page.encode("utf-8", errors="replace"))
    except DeckgenError as exc:
        fail_with(exc, what="no review written", as_json=as_json, brief=brief)
    click.echo(
        f"wrote {target} ({plural(sheet.summary.slides, 'slide')}; {_verdict(sheet.summary)})", err=True
    )
    sys.exit(EXIT_OK)


def _verdict(summary: Summary) -> str:
    from deckgen.review.markup import plural

    if summary.clean:
        return "clean"
    problems = []
    if summary.unsupported_terms:
        problems.append(plural(summary.unsupported_terms, "unsupported term"))
    if summary.uncited_slides:
        problems.append(plural(summary.uncited_slides, "uncited slide"))
    if summary.warnings:
        problems.append(plural(summary.warnings, "warning"))
    return ", ".join(problems)
