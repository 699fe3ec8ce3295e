"""What a watch reports, as typed values: one round per batch of saves, then per brief what was done."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deckgen.core.errors import Diagnostic


def _paths(paths: tuple[Path, ...]) -> list[str]:
    return [str(p) for p in paths]


@dataclass(frozen=True)
class Round:
    """A batch of saves is about to be answered (``changed`` is empty for the first look)."""

    number: int
    changed: tuple[Path, ...]
    briefs: tuple[Path, ...]  # the briefs this round checks again

    def as_dict(self) -> dict[str, Any]:
        return {
            "event": "round",
            "round": self.number,
            "changed": _paths(self.changed),
            "briefs": _paths(self.briefs),
        }


@dataclass(frozen=True)
class Checked:
    """A brief checked again: ``ok`` with its warnings, or failed with every problem found."""

    brief: Path
    ok: bool
    diagnostics: tuple[Diagnostic, ...]
    slides: int
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "event": "checked",
            "brief": str(self.brief),
            "status": "ok" if self.ok else "failed",
            "slides": self.slides,
            "seconds": round(self.seconds, 4),
            "diagnostics": [d.as_dict() for d in self.diagnostics],
        }


@dataclass(frozen=True)
class Missing:
    """The brief is gone (deleted, or renamed away); the watch waits for it to come back."""

    brief: Path

    def as_dict(self) -> dict[str, Any]:
        return {"event": "missing", "brief": str(self.brief)}


@dataclass(frozen=True)
class Built:
    """The deck was written (atomically, as ``deckgen build`` writes it), or was already up to date."""

    brief: Path
    output: Path
    slides: int
    skipped: bool
    diagnostics: tuple[Diagnostic, ...]  # what the build found beyond the check (a file saved mid-build)
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "event": "built",
            "brief": str(self.brief),
            "output": str(self.output),
            "slides": self.slides,
            "skipped": self.skipped,
            "seconds": round(self.seconds, 4),
            "diagnostics": [d.as_dict() for d in self.diagnostics],
        }


@dataclass(frozen=True)
class BuildFailed:
    """The brief checked out but its deck could not be written; the old deck is left as it was."""

    brief: Path
    diagnostics: tuple[Diagnostic, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "event": "build-failed",
            "brief": str(self.brief),
            "diagnostics": [d.as_dict() for d in self.diagnostics],
        }


@dataclass(frozen=True)
class Previewed:
    """Slide pictures brought up to date: only the slides whose picture changed were written."""

    brief: Path
    out_dir: Path
    refreshed: tuple[int, ...]  # 1-based slide numbers
    removed: int  # pictures of slides the deck no longer has
    slides: int
    unchanged_deck: bool  # the deck's bytes were those last previewed: LibreOffice was not run
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "event": "previewed",
            "brief": str(self.brief),
            "out_dir": str(self.out_dir),
            "refreshed": list(self.refreshed),
            "removed": self.removed,
            "slides": self.slides,
            "unchanged_deck": self.unchanged_deck,
            "seconds": round(self.seconds, 4),
        }


@dataclass(frozen=True)
class PreviewFailed:
    """LibreOffice or poppler is missing or failed; the pictures already there are kept."""

    brief: Path
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"event": "preview-failed", "brief": str(self.brief), "message": self.message}


@dataclass(frozen=True)
class Watching:
    """The round is done: what is watched until the next save."""

    files: int
    folders: tuple[Path, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"event": "watching", "files": self.files, "folders": _paths(self.folders)}


Event = Round | Checked | Missing | Built | BuildFailed | Previewed | PreviewFailed | Watching
