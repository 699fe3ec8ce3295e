"""Writing decks safely: a temporary file in the target folder renamed into place, under a lock."""

from __future__ import annotations

import fcntl
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from deckgen.core.errors import DeckgenError, Diagnostic, Loc
from deckgen.jobs.manifest import STATE_DIR


def default_output(brief: Path) -> Path:
    """Where a brief's deck goes when no output is named: ``decks/<brief>.pptx``."""
    return Path("decks") / f"{brief.stem}.pptx"


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers see the old file or the new one, never half.

    The temporary file lives in the same folder, so the final ``os.replace`` is a rename on one
    file system; it is flushed to disk first so a crash cannot leave an empty deck behind.
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _unwritable(folder, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def deck_lock(output: Path, *, timeout: float | None = None) -> Iterator[None]:
    """Hold an exclusive lock on ``output`` so two jobs never build the same deck at once.

    The lock is an ``flock`` on ``.deckgen/<deck>.lock`` beside the deck: the kernel drops it
    when the holder exits, even after ``kill -9``, so a killed job never leaves a stale lock.
    A second job waits up to ``timeout`` seconds (default: ``$DECKGEN_LOCK_TIMEOUT`` or 600),
    then fails with a clear error.
    """
    if timeout is None:
        timeout = float(os.environ.get("DECKGEN_LOCK_TIMEOUT", "600"))
    folder = output.parent / STATE_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder / f"{output.name}.lock", os.O_CREAT | os.O_RDWR, 0o644)
    except OSError as exc:
        raise _unwritable(output.parent, exc) from None
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise DeckgenError(
                        (
                            Diagnostic(
                                Loc(str(output)),
                                "deck-locked",
                                f"another deckgen job has been building {output} for over {timeout:.0f} s",
                                hint="wait for it to finish, or stop it; its lock is released when it exits",
                            ),
                        )
                    ) from None
                time.sleep(0.05)
        _remove_stale_temps(output)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _remove_stale_temps(output: Path) -> None:
    """Temp files left by a killed build of this deck; safe to remove while we hold the lock."""
    for stale in output.parent.glob(f".{output.name}.*.tmp"):
        stale.unlink(missing_ok=True)


def _unwritable(folder: Path, exc: OSError) -> DeckgenError:
    return DeckgenError(
        (
            Diagnostic(
                Loc(str(folder)),
                "unwritable-output",
                f"cannot write to {folder}: {exc.strerror or exc}",
                hint="choose another folder with -o or --out-dir, or fix its permissions",
            ),
        )
    )
