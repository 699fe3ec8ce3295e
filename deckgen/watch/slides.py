"""Slide pictures kept up to date while a brief is edited: only the slides whose picture changed.

LibreOffice turns the whole deck into a PDF (it cannot draw one slide alone with the right slide
number in the footer), but only pictures whose bytes differ from the ones in the folder are
written, so an image viewer or a web page showing the folder reloads just those. When the deck's
bytes are the ones last previewed (a save that changed only a comment), LibreOffice is not run.
"""

from __future__ import annotations

import hashlib
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from deckgen import api
from deckgen.export.office import (
    OfficeFailed,
    convert_to_pdf,
    find_poppler,
    find_soffice,
    pdf_page_count,
    pdf_to_pngs,
)
from deckgen.export.preview import CONTACT_SHEET, contact_sheet, default_preview_dir, remove_stale
from deckgen.jobs.output import write_atomic
from deckgen.plan import DeckPlan

__all__ = ["PreviewRefresh", "default_preview_dir", "refresh_preview"]


@dataclass(frozen=True)
class PreviewRefresh:
    deck_sha256: str
    refreshed: tuple[int, ...]  # 1-based numbers of the slides whose picture was written
    removed: int
    slides: int
    unchanged_deck: bool
    seconds: float


def refresh_preview(
    brief: Path,
    plan: DeckPlan,
    out_dir: Path,
    *,
    deck: Path | None = None,
    previous: str | None = None,
    dpi: int = 60,
    sources_dir: Path | None = None,
) -> PreviewRefresh:
    """Bring ``out_dir``'s ``slide-NN.png`` and contact sheet up to date with ``plan``'s deck.

    ``deck`` is the deck just built from ``plan`` (None: build one in a scratch folder);
    ``previous`` the sha256 of the deck last previewed. Raises ``OfficeError`` when LibreOffice or
    poppler is missing or fails, leaving the pictures already there as they were.
    """
    started = time.perf_counter()
    find_soffice()
    find_poppler("pdftoppm")
    find_poppler("pdfinfo")
    with tempfile.TemporaryDirectory(prefix="deckgen-watch-") as tmp:
        work = Path(tmp)
        if deck is None:
            deck = api.build(brief, output=work / f"{brief.stem}.pptx", sources_dir=sources_dir).output
        digest = hashlib.sha256(deck.read_bytes()).hexdigest()
        if digest == previous and (out_dir / CONTACT_SHEET).is_file():
            return PreviewRefresh(digest, (), 0, len(plan.slides), True, time.perf_counter() - started)
        pages = _pages(deck, work, dpi=dpi, expected=len(plan.slides))
        refreshed, thumbnails = _write_changed(pages, out_dir)
        removed = remove_stale(out_dir, keep=set(thumbnails))
        if refreshed or removed or not (out_dir / CONTACT_SHEET).is_file():
            write_atomic(out_dir / CONTACT_SHEET, contact_sheet(plan, pages))
    return PreviewRefresh(digest, refreshed, removed, len(plan.slides), False, time.perf_counter() - started)


def _pages(deck: Path, work: Path, *, dpi: int, expected: int) -> tuple[Path, ...]:
    pdf = convert_to_pdf(deck, work)
    found = pdf_page_count(pdf)
    if found != expected:  # the pictures would sit under the wrong numbers
        raise OfficeFailed(f"LibreOffice rendered {found} pages for {expected} slides of {deck.name}")
    return tuple(pdf_to_pngs(pdf, work / "pages", dpi=dpi, prefix="slide"))


def _write_changed(pages: tuple[Path, ...], out_dir: Path) -> tuple[tuple[int, ...], tuple[Path, ...]]:
    """Write each page whose picture differs from the one in ``out_dir`` (named as `deckgen preview`
    names them); return the numbers written and every picture's path."""
    width = max(2, len(str(len(pages))))
    thumbnails = tuple(out_dir / f"slide-{n:0{width}d}.png" for n in range(1, len(pages) + 1))
    refreshed = []
    for number, (page, thumbnail) in enumerate(zip(pages, thumbnails, strict=True), start=1):
        data = page.read_bytes()
        if not thumbnail.is_file() or thumbnail.read_bytes() != data:
            write_atomic(thumbnail, data)
            refreshed.append(number)
    return tuple(refreshed), thumbnails
