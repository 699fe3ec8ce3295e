"""Reading rendered text back: .pptx to PDF with LibreOffice, PDF to positioned lines with poppler."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

XHTML = "{http://www.w3.org/1999/xhtml}"
# pdftotext places a word's box from the font's ascent and descent. LibreOffice's PDFs give 0 for
# both, so poppler falls back to 0.95 em above and 0.35 em below the baseline.
POPPLER_ASCENT_EM = 0.95
POPPLER_DESCENT_EM = 0.35


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Line:
    """One line of text on a page, in points from the page's top-left corner (y grows down)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    words: tuple[Word, ...] = ()

    @property
    def size_pt(self) -> float:
        """The font size, recovered from the box poppler draws (valid for LibreOffice's PDFs)."""
        return (self.y1 - self.y0) / (POPPLER_ASCENT_EM + POPPLER_DESCENT_EM)

    @property
    def baseline(self) -> float:
        return self.y1 - POPPLER_DESCENT_EM * self.size_pt


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    lines: tuple[Line, ...]


def missing_tools() -> str | None:
    """Why LibreOffice round trips cannot run here, or None when they can."""
    absent = [tool for tool in ("soffice", "pdftotext") if shutil.which(tool) is None]
    if absent:
        return (
            f"{' and '.join(absent)} not installed (.ci/run installs libreoffice-impress and poppler-utils)"
        )
    return None


def to_pdf(pptx: Path, outdir: Path, *, timeout: float = 180) -> Path:
    """Convert ``pptx`` with headless LibreOffice, in a profile of its own so runs can overlap."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError("soffice is not installed")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f"lo-{uuid.uuid4().hex[:8]}-") as profile:
        done = subprocess.run(
            [
                soffice,
                "--headless",
                "--norestore",
                f"-env:UserInstallation=file://{profile}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                str(pptx),
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    pdf = outdir / f"{pptx.stem}.pdf"
    # soffice exits 0 even when it wrote nothing, and 1 without a word when profiles clash.
    if not pdf.is_file():
        raise RuntimeError(f"LibreOffice made no PDF of {pptx} (exit {done.returncode}): {done.stderr}")
    return pdf


def pdf_pages(pdf: Path) -> list[Page]:
    """Every page of ``pdf`` with its text lines, top to bottom, in points."""
    done = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"],
        capture_output=True,
        check=True,
        timeout=120,
    )
    root = ET.fromstring(done.stdout)
    pages = []
    for page in root.iter(f"{XHTML}page"):
        lines = [_line(node) for node in page.iter(f"{XHTML}line")]
        lines.sort(key=lambda line: (round(line.y0, 1), line.x0))
        pages.append(Page(float(page.get("width", 0)), float(page.get("height", 0)), tuple(lines)))
    return pages


def pdf_lines(pdf: Path) -> list[list[Line]]:
    """The text lines of each page of ``pdf``: ``pdf_lines(pdf)[page][n]``."""
    return [list(page.lines) for page in pdf_pages(pdf)]


def _box(node: ET.Element) -> tuple[float, float, float, float]:
    return tuple(float(node.get(key, 0)) for key in ("xMin", "yMin", "xMax", "yMax"))  # type: ignore[return-value]


def _line(node: ET.Element) -> Line:
    words = tuple(Word(word.text or "", *_box(word)) for word in node.iter(f"{XHTML}word"))
    return Line(" ".join(word.text for word in words), *_box(node), words=words)
