"""The ``check`` and ``plan`` commands: a brief's problems, or its deck plan, without writing a deck."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

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
from deckgen.core.errors import DeckgenError, count_line


@click.command(context_settings=CONTEXT)
@click.argument("briefs", nargs=-1, required=True, type=click.Path(path_type=Path))
@strict_option
@json_option
@sources_option
def check(briefs: tuple[Path, ...], strict: bool, as_json: bool, sources_dir: Path | None) -> None:
    """Check BRIEFS without writing anything: every problem, located.

    Articles are found in the project's sources folder (`deckgen config` shows it), else in
    sources/ beside each brief, so a check gives the same answer from any folder.

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


@click.command(context_settings=CONTEXT)
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
