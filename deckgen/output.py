"""Writing decks safely: a temporary file in the target folder, renamed into place."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from deckgen.errors import DeckgenError, Diagnostic, Loc


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
        raise DeckgenError(
            (
                Diagnostic(
                    Loc(str(folder)),
                    "unwritable-output",
                    f"cannot write to {folder}: {exc.strerror or exc}",
                    hint="choose another folder with -o, or fix its permissions",
                ),
            )
        ) from None
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
