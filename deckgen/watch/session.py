"""One watched brief: check it again, build and preview it on request, and know which files it read."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from deckgen import api
from deckgen.core.errors import DeckgenError, Diagnostic, Severity
from deckgen.jobs.manifest import input_paths
from deckgen.jobs.output import default_output
from deckgen.plan import DeckPlan
from deckgen.watch.events import BuildFailed, Built, Checked, Event, Missing, Previewed, PreviewFailed
from deckgen.watch.slides import default_preview_dir, refresh_preview

# A brief that failed may be fixed by a file its check never got to read (an article it names
# that does not exist yet): while it fails, a save of any file of these kinds in a watched folder
# checks it again.
_RELEVANT = frozenset(
    {".yaml", ".yml", ".md", ".pptx", ".potx", ".pptm", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}
)


@dataclass(frozen=True)
class WatchOptions:
    build: bool = False  # write the deck after every good check
    preview: bool = False  # refresh the pictures of the slides that changed
    strict: bool = False  # warnings fail the check, as `check --strict`
    sources_dir: Path | None = None  # None: sources/ beside each brief
    out_dir: Path | None = None  # None: the project's output folder, as `deckgen build` writes
    output: Path | None = None  # one brief only: the deck's file
    preview_dir: Path | None = None  # one brief only; None: preview/<brief>/
    dpi: int = 60


class BriefWatch:
    """The state kept between saves for one brief: the files it read and what was last previewed."""

    def __init__(self, brief: Path, options: WatchOptions) -> None:
        self.brief = brief
        self.options = options
        self.inputs: frozenset[Path] = frozenset()  # what the last good check read, resolved
        self.ok = False
        self.missing = False
        self.previewed: str | None = None  # sha256 of the deck last turned into pictures

    # -- what to watch ----------------------------------------------------------------------
    def sources_dir(self) -> Path:
        return self.options.sources_dir or self.brief.parent / "sources"

    def folders(self) -> set[Path]:
        """The folders whose saves can change this brief's check."""
        found = {_existing(self.brief.parent), _existing(self.sources_dir())}
        found.update(path.parent for path in self.inputs)
        return found

    def concerns(self, changed: Iterable[Path]) -> bool:
        """Whether any of ``changed`` can change what a check of this brief says."""
        me = _absolute(self.brief)
        outputs = {_absolute(self.output())}
        for path in changed:
            path = _absolute(path)
            if path == me or path in self.inputs:
                return True
            if not self.ok and path.suffix.lower() in _RELEVANT and path not in outputs:
                return True
        return False

    def output(self) -> Path:
        if self.options.output is not None:
            return self.options.output
        if self.options.out_dir is not None:
            return self.options.out_dir / f"{self.brief.stem}.pptx"
        return default_output(self.brief)

    # -- one round ----------------------------------------------------------------------------
    def run(self, emit: Callable[[Event], None]) -> None:
        """Check the brief; then, when it is good and asked to, build it and refresh its pictures."""
        if not os.path.lexists(self.brief):
            self.ok, self.missing = False, True
            emit(Missing(self.brief))
            return
        self.missing = False
        plan = self.check(emit)
        if plan is None:
            return
        if self.options.build and not self.build(emit):
            return
        if self.options.preview:
            self.preview(plan, emit)

    def check(self, emit: Callable[[Event], None]) -> DeckPlan | None:
        started = time.perf_counter()
        try:
            result = api.check(self.brief, strict=self.options.strict, sources_dir=self.options.sources_dir)
        except DeckgenError as exc:
            self.ok = False
            emit(Checked(self.brief, False, exc.diagnostics, 0, time.perf_counter() - started))
            return None
        self.ok = True
        self.inputs = frozenset(_absolute(p) for p in input_paths(self.brief, result.inputs))
        emit(
            Checked(
                self.brief, True, result.diagnostics, len(result.plan.slides), time.perf_counter() - started
            )
        )
        return result.plan

    def build(self, emit: Callable[[Event], None]) -> bool:
        try:
            built = api.build(
                self.brief,
                output=self.output(),
                strict=self.options.strict,
                sources_dir=self.options.sources_dir,
            )
        except DeckgenError as exc:
            emit(BuildFailed(self.brief, exc.diagnostics))
            return False
        # The check's warnings were reported already; only what the build found is new.
        extra = tuple(d for d in built.diagnostics if d.code == "input-changed-during-build")
        emit(Built(self.brief, built.output, built.slides, built.skipped, extra, built.seconds))
        return True

    def preview(self, plan: DeckPlan, emit: Callable[[Event], None]) -> None:
        from deckgen.export.office import OfficeError

        out_dir = self.options.preview_dir or default_preview_dir(self.brief)
        deck = self.output() if self.options.build else None
        try:
            done = refresh_preview(
                self.brief,
                plan,
                out_dir,
                deck=deck,
                previous=self.previewed,
                dpi=self.options.dpi,
                sources_dir=self.options.sources_dir,
            )
        except OfficeError as exc:
            emit(PreviewFailed(self.brief, str(exc)))
            return
        except DeckgenError as exc:  # the deck could not be written to the scratch folder
            emit(PreviewFailed(self.brief, "; ".join(d.message for d in _errors(exc.diagnostics))))
            return
        self.previewed = done.deck_sha256
        emit(
            Previewed(
                self.brief,
                out_dir,
                done.refreshed,
                done.removed,
                done.slides,
                done.unchanged_deck,
                done.seconds,
            )
        )


def _errors(diagnostics: tuple[Diagnostic, ...]) -> tuple[Diagnostic, ...]:
    return tuple(d for d in diagnostics if d.severity is Severity.ERROR) or diagnostics


def _absolute(path: Path) -> Path:
    """The path as the manifest records inputs (symlinks resolved), existing or not."""
    return Path(os.path.realpath(path))


def _existing(path: Path) -> Path:
    """``path``, or its nearest folder that exists (a sources folder not made yet)."""
    path = _absolute(path)
    while not path.is_dir() and path.parent != path:
        path = path.parent
    return path
