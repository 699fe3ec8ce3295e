"""Slide thumbnails and a labelled contact sheet of a brief's deck, rendered by LibreOffice."""

from __future__ import annotations

import io
import math
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from deckgen import api
from deckgen.core.assets import assets_dir
from deckgen.core.errors import Diagnostic
from deckgen.export.office import (
    DEFAULT_TIMEOUT,
    OfficeFailed,
    convert_to_pdf,
    find_poppler,
    find_soffice,
    pdf_page_count,
    pdf_to_pngs,
)
from deckgen.jobs.output import write_atomic
from deckgen.plan import DeckPlan

# Contact-sheet geometry in pixels. Tiles are at most TILE_WIDTH wide whatever the --dpi, so a
# 30-slide sheet stays small enough to open in a chat or an e-mail.
SHEET_COLUMNS = 4
TILE_WIDTH = 400
GAP = 16
MARGIN = 24
HEADER = 52
LABEL = 30
CONTACT_SHEET = "contact-sheet.png"

_THUMB = re.compile(r"slide-\d+\.png")
_BACKGROUND = (236, 239, 243)
_INK = (33, 37, 41)
_ACCENT = (0, 51, 102)
_MUTED = (96, 104, 112)
_BORDER = (170, 176, 184)

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
Progress = Callable[[str], None]


def silent(message: str) -> None:
    """The default progress reporter: the library prints nothing; the CLI passes its own."""


@dataclass(frozen=True)
class RenderedDeck:
    """A brief's plan and one PNG per slide, as LibreOffice drew them (in a temporary folder)."""

    plan: DeckPlan
    pages: tuple[Path, ...]
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class PreviewResult:
    brief: Path
    out_dir: Path
    thumbnails: tuple[Path, ...]
    contact_sheet: Path
    slides: int
    removed: int  # stale thumbnails of a previous, longer deck
    diagnostics: tuple[Diagnostic, ...]
    seconds: float


def default_preview_dir(brief: Path) -> Path:
    return Path("preview") / brief.stem


def render_slides(
    brief: Path,
    work: Path,
    *,
    dpi: int,
    sources_dir: Path | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Progress = silent,
) -> RenderedDeck:
    """Build the deck into ``work`` (never ``decks/``), convert it to PDF and rasterise each slide."""
    checked = api.check(brief, sources_dir=sources_dir)
    # Fail before the build, not after it, when a tool is missing.
    find_soffice()
    find_poppler("pdftoppm")
    find_poppler("pdfinfo")
    deck = api.build(brief, output=work / f"{brief.stem}.pptx", sources_dir=sources_dir)
    progress(f"converting {len(checked.plan.slides)} slides with LibreOffice…")
    pdf = convert_to_pdf(deck.output, work, timeout=timeout)
    expected = len(checked.plan.slides)
    # A page per slide is what every label and handout entry relies on; anything else means
    # LibreOffice dropped or split slides, and the pictures would sit under the wrong titles.
    pages = pdf_page_count(pdf)
    if pages != expected:
        raise OfficeFailed(f"LibreOffice rendered {pages} pages for {expected} slides of {brief}")
    images = pdf_to_pngs(pdf, work / "pages", dpi=dpi, prefix="slide")
    return RenderedDeck(checked.plan, tuple(images), checked.diagnostics)


def preview(
    brief: Path,
    *,
    out_dir: Path | None = None,
    dpi: int = 60,
    sources_dir: Path | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Progress = silent,
) -> PreviewResult:
    """Write ``slide-01.png``… and ``contact-sheet.png`` for ``brief`` into ``out_dir``.

    Raises ``DeckgenError`` for problems in the brief and ``OfficeError`` when LibreOffice or
    poppler is missing or fails; nothing in ``out_dir`` changes before the slides are rendered.
    """
    started = time.perf_counter()
    target = out_dir or default_preview_dir(brief)
    with tempfile.TemporaryDirectory(prefix="deckgen-preview-") as tmp:
        rendered = render_slides(
            brief, Path(tmp), dpi=dpi, sources_dir=sources_dir, timeout=timeout, progress=progress
        )
        width = max(2, len(str(len(rendered.pages))))
        thumbnails = tuple(target / f"slide-{n:0{width}d}.png" for n in range(1, len(rendered.pages) + 1))
        for page, thumbnail in zip(rendered.pages, thumbnails, strict=True):
            write_atomic(thumbnail, page.read_bytes())
        sheet = contact_sheet(rendered.plan, rendered.pages)
    removed = remove_stale(target, keep=set(thumbnails))
    sheet_path = target / CONTACT_SHEET
    write_atomic(sheet_path, sheet)
    return PreviewResult(
        brief=brief,
        out_dir=target,
        thumbnails=thumbnails,
        contact_sheet=sheet_path,
        slides=len(thumbnails),
        removed=removed,
        diagnostics=rendered.diagnostics,
        seconds=time.perf_counter() - started,
    )


def sheet_size(count: int, thumb: tuple[int, int]) -> tuple[int, int]:
    """The contact sheet's pixel size for ``count`` slides whose thumbnails are ``thumb`` in size."""
    tile_w, tile_h = _tile_size(thumb)
    columns = min(SHEET_COLUMNS, max(count, 1))
    rows = math.ceil(count / columns)
    width = 2 * MARGIN + columns * tile_w + (columns - 1) * GAP
    height = MARGIN + HEADER + rows * (tile_h + LABEL) + (rows - 1) * GAP + MARGIN
    return width, height


def contact_sheet(plan: DeckPlan, pages: tuple[Path, ...]) -> bytes:
    """Every slide as a tile in a grid, numbered and titled under it, with the deck's marking."""
    with Image.open(pages[0]) as first:
        thumb = first.size
    tile_w, tile_h = _tile_size(thumb)
    sheet = Image.new("RGB", sheet_size(len(pages), thumb), _BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    title_font, label_font, number_font = _font(20, bold=True), _font(14), _font(14, bold=True)
    marking = plan.meta.marking
    marking_w = int(draw.textlength(marking, font=label_font)) if marking else 0
    heading = f"{plan.meta.title} · {len(pages)} slides"
    draw.text(
        (MARGIN, MARGIN),
        _fit(draw, heading, title_font, sheet.width - 2 * MARGIN - marking_w - GAP),
        font=title_font,
        fill=_ACCENT,
    )
    if marking:
        draw.text((sheet.width - MARGIN - marking_w, MARGIN + 4), marking, font=label_font, fill=_MUTED)
    for index, page in enumerate(pages):
        row, column = divmod(index, SHEET_COLUMNS)
        x = MARGIN + column * (tile_w + GAP)
        y = MARGIN + HEADER + row * (tile_h + LABEL + GAP)
        with Image.open(page) as image:
            tile = image.convert("RGB").resize((tile_w, tile_h), Image.Resampling.LANCZOS)
        sheet.paste(tile, (x, y))
        # White slides vanish into a light sheet without an outline.
        draw.rectangle((x - 1, y - 1, x + tile_w, y + tile_h), outline=_BORDER)
        number = str(index + 1)
        draw.text((x, y + tile_h + 6), number, font=number_font, fill=_ACCENT)
        offset = int(draw.textlength(number, font=number_font)) + 8
        title = plan.slides[index].title if index < len(plan.slides) else ""
        label = _fit(draw, title, label_font, tile_w - offset)
        draw.text((x + offset, y + tile_h + 6), label, font=label_font, fill=_INK)
    buffer = io.BytesIO()
    sheet.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _tile_size(thumb: tuple[int, int]) -> tuple[int, int]:
    width, height = thumb
    tile_w = min(TILE_WIDTH, width)
    return tile_w, round(height * tile_w / width)


def _fit(draw: ImageDraw.ImageDraw, text: str, font: Font, width: int) -> str:
    """``text`` cut at a word with an ellipsis so that it fits ``width`` pixels."""
    if draw.textlength(text, font=font) <= width:
        return text
    words = text.split()
    while words and draw.textlength(" ".join(words) + "…", font=font) > width:
        words.pop()
    if words:
        return " ".join(words) + "…"
    # One long word: cut by characters instead.
    cut = text
    while cut and draw.textlength(cut + "…", font=font) > width:
        cut = cut[:-1]
    return cut + "…"


def _font(size: int, *, bold: bool = False) -> Font:
    name = "LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"
    for path in (assets_dir() / "fonts" / name, assets_dir() / "fonts" / "LiberationSans-Regular.ttf"):
        if path.is_file():
            return ImageFont.truetype(str(path), size)
    # The wheel ships only the templates; Pillow's own font keeps the sheet readable there.
    return ImageFont.load_default(size=size)


def remove_stale(folder: Path, *, keep: set[Path]) -> int:
    """Delete ``slide-N.png`` files this run did not write: leftovers of a longer deck (or of
    slides numbered to another width). `deckgen watch` refreshes the same folders with it."""
    removed = 0
    for path in folder.glob("slide-*.png"):
        if _THUMB.fullmatch(path.name) and path not in keep:
            path.unlink()
            removed += 1
    return removed
