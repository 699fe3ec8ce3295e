"""The review page in a real browser: Debian's chromium draws it and prints it to A4.

Needs ``chromium`` and poppler's ``pdftotext``; skipped without them, except under ``CI=true``,
where ``.ci/run`` installs both and a skip fails the run (tests/ci_skips.py).
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from deckgen.cli.main import main
from tests.pdftext import pdf_pages
from tests.review.inputs import UNSUPPORTED, flawed


@pytest.fixture
def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None or shutil.which("pdftotext") is None:
        pytest.skip("needs chromium and pdftotext (Debian: chromium, poppler-utils; .ci/run installs them)")
    return found


def _draw(chromium: str, profile: Path, page: Path, *args: str) -> None:
    done = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",  # CI runs as root
            "--disable-gpu",
            "--disable-dev-shm-usage",
            f"--user-data-dir={profile}",
            *args,
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]


def _review(tmp_path: Path) -> Path:
    from click.testing import CliRunner

    brief = flawed(tmp_path)
    page = tmp_path / "review.html"
    result = CliRunner().invoke(main, ["review", str(brief), "-o", str(page)])
    assert result.exit_code == 0, result.output
    return page


def test_printed_review_shows_every_problem(tmp_path: Path, chromium: str) -> None:
    page = _review(tmp_path)
    pdf = tmp_path / "review.pdf"
    _draw(chromium, tmp_path / "profile", page, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    pages = pdf_pages(pdf)
    assert pages and all(round(p.width) == 595 and round(p.height) == 842 for p in pages)  # A4
    text = " ".join(line.text for p in pages for line in p.lines)
    assert "Needs attention" in text and "UNCLASSIFIED" in text
    for name in UNSUPPORTED:
        assert re.search(rf"{name} \u2717 it is in su#[a-z-]+/p\d", text), name
    assert "staff synthesis, not from the source" in text
    assert text.count("uncited: no citation") == 2
    assert "verified verbatim in \u00b68" in text


def test_screenshot_is_drawn(tmp_path: Path, chromium: str) -> None:
    page = _review(tmp_path)
    png = tmp_path / "review.png"
    _draw(
        chromium,
        tmp_path / "profile",
        page,
        "--hide-scrollbars",
        "--window-size=1400,2400",
        f"--screenshot={png}",
    )
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1400, 2400) and len(data) > 50_000
