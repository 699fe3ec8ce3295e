"""``deckgen preview``: thumbnails and a contact sheet drawn by LibreOffice, and stale ones removed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from deckgen.cli.office import preview
from tests.conftest import BRIEFS

READAHEAD = BRIEFS / "southern-flank-readahead.yaml"
TRAINING = BRIEFS / "southern-flank-training.yaml"

office = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("soffice", "pdftoppm", "pdfinfo")),
    reason="needs LibreOffice (soffice) and poppler (pdftoppm, pdfinfo); .ci/run installs them",
)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(preview, list(args))
    return result.exit_code, result.stderr


@pytest.mark.office
@office
def test_readahead_gives_eight_thumbnails_and_a_contact_sheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, err = run(str(READAHEAD))
    assert code == 0, err
    out = tmp_path / "preview" / "southern-flank-readahead"
    assert sorted(p.name for p in out.iterdir()) == [
        "contact-sheet.png",
        *(f"slide-{n:02d}.png" for n in range(1, 9)),
    ]
    assert "converting 8 slides with LibreOffice" in err
    assert f"wrote 8 thumbnails and {Path('preview/southern-flank-readahead/contact-sheet.png')}" in err
    # The deck is built in a temporary folder: a preview never writes decks/.
    assert not (tmp_path / "decks").exists()
    with Image.open(out / "slide-01.png") as thumb:
        width, height = thumb.size
    # 13.333 x 7.5 in at 60 dpi; pdftoppm rounds up by a pixel.
    assert 799 <= width <= 801 and 449 <= height <= 451
    with Image.open(out / "contact-sheet.png") as sheet:
        # Four 400 x 225 tiles a row, two rows: 24 margin, 16 gaps, a 52 header, 30 per label.
        assert sheet.size == (24 + 4 * 400 + 3 * 16 + 24, 24 + 52 + 2 * (225 + 30) + 16 + 24)


@pytest.mark.office
@office
def test_a_shorter_deck_removes_stale_thumbnails(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    assert run(str(TRAINING), "-o", str(out), "--dpi", "20")[0] == 0
    assert len(list(out.glob("slide-*.png"))) == 30
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "slide-notes.png").write_bytes(b"not a thumbnail of ours")

    code, err = run(str(READAHEAD), "-o", str(out), "--dpi", "20")
    assert code == 0, err
    assert "removed 22 thumbnails" in err
    assert sorted(p.name for p in out.glob("slide-??.png")) == [f"slide-{n:02d}.png" for n in range(1, 9)]
    # Only files named like our thumbnails go; anything else in the folder stays.
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (out / "slide-notes.png").exists()


def test_a_brief_with_errors_prints_diagnostics_and_writes_nothing(tmp_path: Path) -> None:
    code, err = run(str(tmp_path / "missing.yaml"), "-o", str(tmp_path / "out"))
    assert code == 1
    assert "missing.yaml: error:" in err and err.rstrip().endswith("no preview written.")
    assert not (tmp_path / "out").exists()


def test_missing_libreoffice_is_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DECKGEN_SOFFICE", str(tmp_path / "no-such-soffice"))
    code, err = run(str(READAHEAD), "-o", str(tmp_path / "out"))
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("error: DECKGEN_SOFFICE=")
    assert "apt-get install libreoffice-impress" in err
    assert "Traceback" not in err
