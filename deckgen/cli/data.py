"""The ``deckgen data`` commands: a presence dataset checked and audited for its curators.

``deckgen data check --json`` prints ``{"status": "ok", "diagnostics": [...], **audit}``, the audit
keys being those of ``deckgen.dataset.audit`` (``dataset``, ``id``, ``title``, ``as_of``, ``since``,
``counts``, ``flanks``, ``single_source``, ``not_reviewed``); on errors it prints
``{"status": "failed", "dataset": ..., "diagnostics": [...]}`` and exits 1.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from deckgen.cli.common import CONTEXT, EXIT_INPUT, EXIT_OK, print_diagnostics, strict_option
from deckgen.core.errors import DeckgenError, count_line

if TYPE_CHECKING:  # imported when used: the dataset loader imports PyYAML, `deckgen --help` should not
    from deckgen.dataset import YearMonthDay


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> YearMonthDay | None:
    from deckgen.dataset import DateError, parse_year_month_day

    if value is None:
        return None
    try:
        return parse_year_month_day(value)
    except DateError as exc:
        raise click.BadParameter(f"{exc.message}; {exc.hint}", ctx, param) from None


@click.group(context_settings=CONTEXT)
def data() -> None:
    """Check and audit presence datasets (briefs/data/*.yaml).

    \b
    Examples:
      deckgen data check briefs/data/russian-presence.yaml
      deckgen data check briefs/data/russian-presence.yaml --since 2024-01-01 --json
    """


@data.command("check", context_settings=CONTEXT)
@click.argument("dataset", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the audit as JSON on stdout.")
@click.option(
    "--since",
    metavar="YYYY-MM-DD",
    callback=_date,
    help="List the records not reviewed on or after this day (YYYY-MM-DD or YYYY-MM; default: the "
    "records never reviewed).",
)
@strict_option
@click.option(
    "--sources",
    "sources_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of source articles (default: 'sources/' beside DATASET, else beside its folder: "
    "briefs/sources for briefs/data/x.yaml).",
)
def check_command(
    dataset: Path, as_json: bool, since: YearMonthDay | None, strict: bool, sources_dir: Path | None
) -> None:
    """Verify DATASET and audit it for its curators.

    Loads DATASET as charts do: every quote checked against its article, every problem reported
    with its line. Then prints the records by flank and region (id, country, kind, status and
    dates, each source), the records that rest on a single source (one article, however many
    paragraphs it quotes, or one publisher), and the records not reviewed since --since (by
    default, those with no 'reviewed:' date), each list with its count.

    \b
    Examples:
      deckgen data check briefs/data/russian-presence.yaml
      deckgen data check briefs/data/russian-presence.yaml --since 2024-01
      deckgen data check briefs/data/russian-presence.yaml --json | jq .single_source

    Exit codes: 0 the dataset loads (the lists are information, not failures), 1 errors in
    DATASET (or warnings, with --strict), 2 wrong usage.
    """
    from deckgen import api
    from deckgen.dataset.audit import format_audit

    try:
        result = api.check_data(dataset, since=since, strict=strict, sources_dir=sources_dir)
    except DeckgenError as exc:
        if as_json:
            failed = {
                "status": "failed",
                "dataset": str(dataset),
                "diagnostics": [d.as_dict() for d in exc.diagnostics],
            }
            click.echo(json.dumps(failed, indent=2))
        else:
            print_diagnostics(exc.diagnostics)
            click.echo(f"{dataset}: {count_line(exc.diagnostics)}.", err=True)
        sys.exit(EXIT_INPUT)
    diagnostics = [d.as_dict() for d in result.diagnostics]
    if as_json:
        payload: dict[str, object] = {"status": "ok", "diagnostics": diagnostics, **result.audit.to_dict()}
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        print_diagnostics(result.diagnostics)
        click.echo(format_audit(result.audit))
        click.echo(f"{dataset}: ok, {count_line(result.diagnostics)}.", err=True)
    sys.exit(EXIT_OK)
