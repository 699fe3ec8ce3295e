"""The ``watch`` command: check (and build, and preview) briefs again on every save, until Ctrl-C."""

from __future__ import annotations

import json
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import click

from deckgen.cli.common import CONTEXT, EXIT_OK, json_option, print_diagnostics, sources_option, strict_option
from deckgen.core.errors import count_line

CLEAR = "\x1b[2J\x1b[H"  # erase the screen and put the cursor at the top left


@click.command(context_settings=CONTEXT)
@click.argument("target", required=False, default=".", type=click.Path(path_type=Path))
@click.option("--build", is_flag=True, help="Write the deck after every good check.")
@click.option(
    "--preview", is_flag=True, help="Refresh the pictures of the slides that changed (LibreOffice)."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The deck's file. Only with one brief.",
)
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the decks (default: the project's 'output' setting, see `deckgen config`; else decks/).",
)
@click.option(
    "--preview-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the pictures (default: preview/<brief>/). Only with one brief.",
)
@click.option(
    "--dpi", type=click.IntRange(20, 300), default=60, show_default=True, help="Picture resolution."
)
@click.option("--no-clear", is_flag=True, help="Never clear the screen between rounds.")
@strict_option
@json_option
@sources_option
def watch(
    target: Path,
    build: bool,
    preview: bool,
    output: Path | None,
    out_dir: Path | None,
    preview_dir: Path | None,
    dpi: int,
    no_clear: bool,
    strict: bool,
    as_json: bool,
    sources_dir: Path | None,
) -> None:
    """Check TARGET (a brief, or every brief in a folder; default: this folder) now and again on
    every save of the brief or of anything it reads: articles, dataset, template, pictures.

    Each round prints the diagnostics afresh (clearing the screen on a terminal). A deleted or
    renamed brief is reported and watched for until it comes back. Ctrl-C stops the watch with
    exit code 0. With --json, one JSON object per event on stdout.

    \b
    Examples:
      deckgen watch briefs/southern-flank-training.yaml
      deckgen watch briefs/ --build
      deckgen watch briefs/southern-flank-readahead.yaml --build --preview
    """
    from deckgen.watch import WatchOptions
    from deckgen.watch import watch as run_watch

    if not target.exists() and target.suffix.lower() not in (".yaml", ".yml"):
        raise click.UsageError(f"{target} does not exist: give a brief (.yaml) or a folder of briefs")
    if target.is_dir() and (output is not None or preview_dir is not None):
        raise click.UsageError("-o/--output and --preview-dir name one brief's files: give one brief")
    if output is not None and out_dir is not None:
        raise click.UsageError("give -o/--output or --out-dir, not both")
    options = WatchOptions(
        build=build,
        preview=preview,
        strict=strict,
        sources_dir=sources_dir,
        out_dir=out_dir,
        output=output,
        preview_dir=preview_dir,
        dpi=dpi,
    )
    stop = threading.Event()
    _stop_on_signals(stop)
    clear = not no_clear and not as_json and sys.stderr.isatty()
    run_watch(target, emit=_printer(as_json=as_json, clear=clear), stop=stop, options=options)
    if not as_json:
        click.echo("stopped watching.", err=True)
    sys.exit(EXIT_OK)


def _stop_on_signals(stop: threading.Event) -> None:
    """Ctrl-C (or SIGTERM) ends the watch after the round in hand; a second Ctrl-C interrupts it."""

    def handler(signum: int, frame: FrameType | None) -> None:
        stop.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)


def _printer(*, as_json: bool, clear: bool) -> Callable[[Any], None]:
    if as_json:

        def emit_json(event: Any) -> None:
            click.echo(json.dumps(event.as_dict(), ensure_ascii=False))

        return emit_json

    def emit_text(event: Any) -> None:
        _print_event(event, clear=clear)

    return emit_text


def _print_event(event: Any, *, clear: bool) -> None:
    """One event as people read it, on stderr like every command's diagnostics."""
    from deckgen.watch import BuildFailed, Built, Checked, Missing, Previewed, PreviewFailed, Round, Watching

    def say(text: str) -> None:
        click.echo(text, err=True)

    if isinstance(event, Round):
        if clear:
            click.echo(CLEAR, err=True, nl=False)
        stamp = time.strftime("%H:%M:%S")
        # An editor's or sed's temporary file that came and went was not "saved": name what is there.
        saved = [p for p in event.changed if p.exists()] or list(event.changed)
        what = ", ".join(_shown(p) for p in saved[:3]) + (" …" if len(saved) > 3 else "")
        say(f"[{stamp}] {'saved: ' + what if event.changed else 'first check'}")
    elif isinstance(event, Checked):
        print_diagnostics(event.diagnostics)
        status = f"ok, {event.slides} slides" if event.ok else "failed"
        say(f"{event.brief}: {status}, {count_line(event.diagnostics)} ({event.seconds:.2f} s).")
    elif isinstance(event, Missing):
        say(f"{event.brief}: missing (deleted or renamed); watching for it to come back.")
    elif isinstance(event, Built):
        print_diagnostics(event.diagnostics)
        verb = "up to date" if event.skipped else "built"
        say(f"{verb} {event.output} ({event.slides} slides, {event.seconds:.2f} s)")
    elif isinstance(event, BuildFailed):
        print_diagnostics(event.diagnostics)
        say(f"{event.brief}: {count_line(event.diagnostics)}; no deck written, the old one is unchanged.")
    elif isinstance(event, Previewed):
        say(_preview_line(event))
    elif isinstance(event, PreviewFailed):
        say(f"{event.brief}: no preview: {event.message}")
    elif isinstance(event, Watching):
        say(f"watching {event.files} files in {len(event.folders)} folders; Ctrl-C to stop.")


def _shown(path: Path) -> str:
    """A changed file as the user named things: relative to the current folder when inside it."""
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _preview_line(event: Any) -> str:
    if event.unchanged_deck:
        return f"preview {event.out_dir}: the deck is unchanged"
    if not event.refreshed and not event.removed:
        return f"preview {event.out_dir}: no slide looks different ({event.seconds:.1f} s)"
    numbers = ", ".join(str(n) for n in event.refreshed) or "none"
    gone = f", {event.removed} removed" if event.removed else ""
    return f"preview {event.out_dir}: slides {numbers} refreshed{gone} ({event.seconds:.1f} s)"
