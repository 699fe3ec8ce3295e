"""Where saves come from: a change feed over folders, backed by watchfiles.

Why watchfiles rather than watchdog:

* its core is the Rust ``notify`` crate (inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW
  on Windows, polling as a fallback), so no Python thread wakes up while nothing changes;
* it debounces for us: an editor's save (write a temporary file, rename it over the old one,
  touch the folder) arrives as one batch once ``STEP_MS`` pass without a new event, where
  watchdog hands over each raw event and leaves the grouping to the caller;
* ``watch()`` takes a ``stop_event`` that it checks on every step, so Ctrl-C (or a test) ends the
  generator cleanly without a thread to join or an observer to stop;
* it is one wheel with no dependencies of its own on a synchronous caller (anyio is only needed
  by its async API), and its default filter already drops editor droppings (``.swp``, ``~``).

Folders are watched, not files: an editor that saves by writing a new file and renaming it over
the old one would leave a watch on the file itself pointing at a deleted inode.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

STEP_MS = 10  # a batch is handed over once this long passes without another event (an editor
# writes and renames within a millisecond or two)
DEBOUNCE_MS = 500  # and at the latest this long after its first event


class StopEvent(Protocol):
    def is_set(self) -> bool: ...


# The feed a watch reads from: given the folders to watch and the stop event, yield each batch of
# changed paths until the event is set. Tests pass one of their own.
ChangeFeed = Callable[[tuple[Path, ...], StopEvent], Iterator[set[Path]]]


def watchfiles_feed(folders: tuple[Path, ...], stop: StopEvent) -> Iterator[set[Path]]:
    """Batches of changed paths under ``folders`` (each folder itself, not its subfolders)."""
    from watchfiles import watch

    for changes in watch(
        *folders,
        stop_event=stop,
        debounce=DEBOUNCE_MS,
        step=STEP_MS,
        recursive=False,
        raise_interrupt=False,
        rust_timeout=0,
    ):
        yield {Path(path) for _, path in changes}
