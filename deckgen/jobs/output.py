"""Writing decks safely: a temporary file in the target folder renamed into place, under a lock."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from deckgen.core.config import find_project, shown_path
from deckgen.core.errors import DeckgenError, Diagnostic, Loc
from deckgen.jobs.manifest import STATE_DIR, manifest_path

# ``tempfile.mkstemp``'s random part: eight characters from this alphabet.
_TEMP_PART = "[a-z0-9_]{8}"
_FULL_DISK = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG})


def default_output(brief: Path) -> Path:
    """Where a brief's deck goes when no output is named: ``<output>/<brief>.pptx``, the output
    folder of the brief's project configuration (``decks/`` in the working folder without one)."""
    try:
        folder = find_project(brief).output_folder()
    except DeckgenError:
        folder = Path("decks")  # checking the brief reports the broken configuration
    return Path(shown_path(folder)) / f"{brief.stem}.pptx"


def output_problem(path: Path) -> str | None:
    """Why ``path`` cannot be a deck's output (a device, FIFO, socket or folder), else None.

    A symlink to a regular file is fine: the rename replaces the link, never what it points to.
    """
    try:
        info = os.stat(path)
    except OSError:
        info = None  # missing, or a dangling symlink: the rename creates a regular file
    if info is None or stat.S_ISREG(info.st_mode):
        return None
    if stat.S_ISDIR(info.st_mode):
        return f"{path} is a folder; name the deck file to write (or use --out-dir)"
    return f"{path} is a device, named pipe or socket; deckgen writes decks only as regular files"


Contents = bytes | Callable[[BinaryIO], None]  # the bytes, or a function that writes them


def write_atomic(path: Path, data: Contents) -> str:
    """Replace ``path`` with ``data`` so that readers see the old file or the new one, never half;
    returns the SHA-256 (hex) of what was written. ``data`` may be a function that writes into
    the open temporary file (a large deck streamed, never held whole in memory); whatever it
    raises leaves the old file as it was.

    The temporary file lives in the same folder, so the final ``os.replace`` is a rename on one
    file system; it is flushed to disk first so a crash cannot leave an empty deck behind. A full
    or read-only disk is a located error, and the old file is left as it was.
    """
    if (problem := output_problem(path)) is not None:
        raise DeckgenError((Diagnostic(Loc(str(path)), "not-a-file", problem),))
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _write_failed(path, exc) from None
    try:
        digest = _write_synced(fd, data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if _is_manifest(path):
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)  # an old manifest must not vouch for the new deck
        raise _write_failed(path, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return digest


def _write_synced(fd: int, data: Contents) -> str:
    """Write ``data`` to the open temp file and flush it to disk (the call a full disk fails);
    the SHA-256 of the bytes written, read back from the file when a function wrote them."""
    with os.fdopen(fd, "w+b") as fh:
        if isinstance(data, bytes):
            fh.write(data)
            digest = hashlib.sha256(data).hexdigest()
        else:
            data(fh)
            fh.seek(0)
            digest = hashlib.file_digest(fh, "sha256").hexdigest()
        fh.flush()
        os.fsync(fh.fileno())
    return digest


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
    """Temp files left by a killed build of this deck and of its manifest; safe to remove while
    we hold the lock. Names are matched exactly (never a glob: a deck named ``*.pptx`` or
    ``a[1].pptx`` must not match another deck's in-flight temp)."""
    for target in (output, manifest_path(output)):
        pattern = re.compile(rf"\.{re.escape(target.name)}\.{_TEMP_PART}\.tmp")
        try:
            names = os.listdir(target.parent)
        except OSError:
            continue
        for name in names:
            if pattern.fullmatch(name):
                (target.parent / name).unlink(missing_ok=True)


def _is_manifest(path: Path) -> bool:
    return path.parent.name == STATE_DIR and path.suffix == ".json"


def _write_failed(path: Path, exc: OSError) -> DeckgenError:
    """A located error for a file that could not be written; a manifest's says the deck is in place."""
    reason = exc.strerror or str(exc)
    if exc.errno in _FULL_DISK:
        reason += " (the disk is full or read-only)"
    if _is_manifest(path):
        deck = path.parent.parent / path.name[: -len(".json")]
        message = f"the deck {deck} was written, but not its manifest {path}: {reason}"
        hint = "the deck is complete; the next build rebuilds it, as nothing records its inputs"
        return DeckgenError((Diagnostic(Loc(str(path)), "manifest-not-written", message, hint=hint),))
    message = f"cannot write {path}: {reason}; the previous file, if any, is unchanged"
    hint = "free some space, or choose another folder with -o or --out-dir"
    return DeckgenError((Diagnostic(Loc(str(path)), "unwritable-output", message, hint=hint),))


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
