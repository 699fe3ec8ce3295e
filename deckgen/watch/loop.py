"""The watch loop: check every brief once, then again on each save of anything it reads, until stopped.

One process, one ``ContentCache`` (``deckgen/core/memo.py``): articles, datasets, the template
and chart fits parsed for one round are reused by the next while their files keep their bytes.
The folders watched follow the briefs' edits: after each round they are the folders of every
file the last good check read (the manifest's inputs), the brief's own folder and its sources
folder, so citing a new article or another dataset brings its folder in.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from deckgen.core.memo import ContentCache, using
from deckgen.jobs.batch import collect_briefs
from deckgen.watch.events import Event, Round, Watching
from deckgen.watch.feed import ChangeFeed, StopEvent, watchfiles_feed
from deckgen.watch.session import BriefWatch, WatchOptions


@dataclass(frozen=True)
class WatchSummary:
    rounds: int
    cache_hits: int
    cache_misses: int


class Watcher:
    """The briefs of one target (a brief, or a folder of briefs) and the state kept between saves."""

    def __init__(self, target: Path, options: WatchOptions, emit: Callable[[Event], None]) -> None:
        self.target = target
        self.options = options
        self.emit = emit
        self.cache = ContentCache()
        self.briefs: dict[Path, BriefWatch] = {}
        self.rounds = 0
        self.sync_briefs()

    def is_folder(self) -> bool:
        return self.target.is_dir()

    def sync_briefs(self) -> list[Path]:
        """Add the briefs a folder has gained; return them. A lone brief is kept even when deleted."""
        found = collect_briefs([self.target]) if self.is_folder() else [self.target]
        added = [b for b in found if b not in self.briefs]
        for brief in added:
            self.briefs[brief] = BriefWatch(brief, self.options)
        return added

    def folders(self) -> tuple[Path, ...]:
        found: set[Path] = set()
        if self.is_folder():
            found.add(Path(os.path.realpath(self.target)))
        for watch in self.briefs.values():
            found |= watch.folders()
        return tuple(sorted(p for p in found if p.is_dir()))

    def round(self, changed: tuple[Path, ...], briefs: list[Path]) -> None:
        """Check ``briefs`` again, in order, after the saves in ``changed``."""
        self.rounds += 1
        self.emit(Round(self.rounds, changed, tuple(briefs)))
        with using(self.cache):
            for brief in briefs:
                watch = self.briefs[brief]
                watch.run(self.emit)
                if watch.missing and self.is_folder():
                    del self.briefs[brief]  # renamed or deleted: a folder watch forgets it
        inputs = {p for w in self.briefs.values() for p in w.inputs}
        self.emit(Watching(len(inputs) + len(self.briefs), self.folders()))

    def affected(self, changed: set[Path]) -> list[Path]:
        added = self.sync_briefs() if self.is_folder() else []
        return [b for b, w in self.briefs.items() if b in added or w.concerns(changed)]


def watch(
    target: Path,
    *,
    emit: Callable[[Event], None],
    stop: StopEvent,
    options: WatchOptions | None = None,
    feed: ChangeFeed = watchfiles_feed,
) -> WatchSummary:
    """Check ``target`` (a brief, or every brief in a folder) and again after every save, until
    ``stop`` is set or ``feed`` ends. Every outcome goes to ``emit`` as it happens; problems in the
    briefs are events, never exceptions.
    """
    watcher = Watcher(target, options or WatchOptions(), emit)
    watcher.round((), list(watcher.briefs))
    while not stop.is_set():
        folders = watcher.folders()
        restarted = False
        for batch in feed(folders, stop):
            briefs = watcher.affected(batch)
            if briefs:
                watcher.round(tuple(sorted(batch)), briefs)
            if stop.is_set():
                break
            if watcher.folders() != folders:
                restarted = True  # the briefs now read files elsewhere: watch those folders too
                break
        if not restarted:
            break
    stats = watcher.cache.stats
    return WatchSummary(watcher.rounds, stats.hits, stats.misses)
