"""The ``preview`` and ``handout`` commands: LibreOffice renderings of a brief, printed like ``cli``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from deckgen.cli.common import CONTEXT, EXIT_INPUT, EXIT_OK, fail_with, print_diagnostics, sources_option
from deckgen.core.errors import DeckgenError
from deckgen.export.office import OfficeError


def _progress(message: str) -> None:
    click.echo(message, err=True)


def _office_failed(exc: OfficeError) -> NoReturn:
    # The environment's problem, not the brief's: one line that says what to install or fix,
    # never a traceback.
    click.echo(f"error: {exc}", err=True)
    sys.exit(EXIT_INPUT)


@click.command(context_settings=CONTEXT)
@click.argument("brief", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for slide-NN.png and contact-sheet.png (default: preview/<brief>/).",
)
@click.option(
    "--dpi",
    type=click.IntRange(20, 300),
    default=60,
    show_default=True,
    help="Resolution of the slide thumbnails.",
)
@sources_option
def preview(brief: Path, output: Path | None, dpi: int, sources_dir: Path | None) -> None:
    """Render the slides of BRIEF to PNG thumbnails and one labelled contact sheet.

    The deck is built in a temporary folder (decks/ is left alone) and drawn by LibreOffice,
    so the pictures show what an office suite shows. Thumbnails left over from a longer
    version of the deck are removed.

    \b
    Examples:
      deckgen preview briefs/southern-flank-readahead.yaml
      deckgen preview briefs/southern-flank-training.yaml -o /tmp/training --dpi 96
    """
    from deckgen.export.preview import preview as run_preview

    try:
        result = run_preview(brief, out_dir=output, dpi=dpi, sources_dir=sources_dir, progress=_progress)
    except DeckgenError as exc:
        fail_with(exc, what="no preview written", as_json=False, brief=brief)
    except OfficeError as exc:
        _office_failed(exc)
    print_diagnostics(result.diagnostics)
    if result.removed:
        click.echo(f"removed {result.removed} thumbnails of a longer, earlier deck", err=True)
    click.echo(
        f"wrote {result.slides} thumbnails and {result.contact_sheet} ({result.seconds:.1f} s)", err=True
    )
    sys.exit(EXIT_OK)


@click.command(context_settings=CONTEXT)
@click.argument("brief", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the PDF (default: handouts/<brief>.pdf).",
)
@click.option(
    "--dpi",
    type=click.IntRange(50, 300),
    default=110,
    show_default=True,
    help="Resolution of the slide pictures.",
)
@click.option("--text-only", is_flag=True, help="Print each slide's text instead of its picture.")
@sources_option
def handout(brief: Path, output: Path | None, dpi: int, text_only: bool, sources_dir: Path | None) -> None:
    """Write a trainee handout of BRIEF as PDF: slides, notes and sources.

    Facilitator notes, the timing plan and knowledge-check answers are left out. Without
    LibreOffice, the handout is written as an OpenDocument file (.fodt) next to the PDF's
    place, with the command that converts it.

    \b
    Examples:
      deckgen handout briefs/southern-flank-training.yaml
      deckgen handout briefs/southern-flank-training.yaml -o course/handout.pdf
      deckgen handout briefs/southern-flank-readahead.yaml --text-only
    """
    from deckgen.export.handout import handout as run_handout

    try:
        result = run_handout(
            brief,
            output=output,
            sources_dir=sources_dir,
            images=not text_only,
            dpi=dpi,
            progress=_progress,
        )
    except DeckgenError as exc:
        fail_with(exc, what="no handout written", as_json=False, brief=brief)
    except OfficeError as exc:
        _office_failed(exc)
    print_diagnostics(result.diagnostics)
    left_out = ""
    if result.withheld:
        numbers = ", ".join(str(n) for n in result.withheld)
        left_out = f"; slide{'s' if len(result.withheld) > 1 else ''} {numbers} left out for trainees"
    click.echo(f"wrote {result.output} ({result.pages} pages{left_out}; {result.seconds:.1f} s)", err=True)
    sys.exit(EXIT_OK)
