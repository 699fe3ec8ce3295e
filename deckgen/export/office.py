"""LibreOffice and poppler as subprocesses: finding them, converting to PDF, rasterising pages."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import uuid
from pathlib import Path

DEFAULT_TIMEOUT = 180.0
INSTALL_HINT = "on Debian/Ubuntu: apt-get install libreoffice-impress libreoffice-writer poppler-utils"
SOFFICE_ENV = "DECKGEN_SOFFICE"


class OfficeError(Exception):
    """An office tool is missing or failed: the environment's problem, not the brief's."""


class OfficeMissing(OfficeError):
    """LibreOffice or poppler is not installed (or ``$DECKGEN_SOFFICE`` points nowhere)."""


class OfficeFailed(OfficeError):
    """A tool ran but gave no usable output: a crash, a timeout, a missing import filter."""


def find_soffice() -> Path:
    """``$DECKGEN_SOFFICE`` if set, else ``soffice`` or ``libreoffice`` on ``PATH``."""
    configured = os.environ.get(SOFFICE_ENV, "").strip()
    if configured:
        # An explicit setting wins and is never silently replaced by whatever PATH holds:
        # someone who sets it wants that build, and a typo should say so.
        found = shutil.which(configured)
        if found is None:
            raise OfficeMissing(
                f"{SOFFICE_ENV}={configured} is not an executable LibreOffice; "
                f"fix or unset {SOFFICE_ENV}, or install LibreOffice ({INSTALL_HINT})"
            )
        return Path(found)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found is not None:
            return Path(found)
    raise OfficeMissing(
        f"LibreOffice (soffice) is not on PATH; install it ({INSTALL_HINT}) or set {SOFFICE_ENV}"
    )


def find_poppler(tool: str) -> Path:
    """A poppler command (``pdftoppm``, ``pdfinfo``) on ``PATH``."""
    found = shutil.which(tool)
    if found is None:
        raise OfficeMissing(f"{tool} (poppler) is not on PATH; install it ({INSTALL_HINT})")
    return Path(found)


def convert_to_pdf(source: Path, out_dir: Path, *, timeout: float = DEFAULT_TIMEOUT) -> Path:
    """Convert ``source`` (.pptx, .fodt, …) to ``out_dir/<stem>.pdf`` with headless LibreOffice."""
    soffice = find_soffice()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{source.stem}.pdf"
    # A stale PDF from an earlier run would pass the existence check below.
    target.unlink(missing_ok=True)
    # Conversions that share a profile fail silently (exit 1, or exit 0 and no PDF) when they
    # overlap, so every call gets its own throw-away profile.
    profile = Path(tempfile.gettempdir()) / f"deckgen-lo-{os.getpid()}-{uuid.uuid4().hex[:12]}"
    command = [
        str(soffice),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out_dir),
        str(source),
    ]
    try:
        code, output = _run(command, timeout=timeout, what="LibreOffice")
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if not target.is_file() or target.stat().st_size == 0:
        detail = _last_line(output) or f"exit status {code}"
        # LibreOffice reports a missing import filter as an unloadable file and exits 0: Writer
        # documents need libreoffice-writer, decks need libreoffice-impress.
        raise OfficeFailed(
            f"LibreOffice did not convert {source.name} to PDF ({detail}); "
            f"check that the right LibreOffice modules are installed ({INSTALL_HINT})"
        )
    return target


def pdf_to_pngs(pdf: Path, out_dir: Path, *, dpi: int, prefix: str = "page") -> list[Path]:
    """Rasterise every page of ``pdf`` to ``out_dir/<prefix>-N.png``, in page order."""
    pdftoppm = find_poppler("pdftoppm")
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = out_dir / prefix
    # Pages left by an earlier, longer document would be returned as if they were this one's.
    for old in out_dir.glob(f"{prefix}-*.png"):
        old.unlink()
    code, output = _run(
        [str(pdftoppm), "-png", "-r", str(dpi), str(pdf), str(stem)], timeout=DEFAULT_TIMEOUT, what="pdftoppm"
    )
    # pdftoppm pads page numbers to the width of the page count (page-1 or page-01), so sort by
    # the number, not the name.
    pages = sorted(out_dir.glob(f"{prefix}-*.png"), key=lambda p: _page_number(p, prefix))
    if code != 0 or not pages:
        raise OfficeFailed(f"pdftoppm could not rasterise {pdf.name} ({_last_line(output) or code})")
    return pages


def pdf_page_count(pdf: Path) -> int:
    """The number of pages in ``pdf``, from ``pdfinfo``."""
    pdfinfo = find_poppler("pdfinfo")
    code, output = _run([str(pdfinfo), str(pdf)], timeout=60.0, what="pdfinfo")
    for line in output.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "Pages" and value.strip().isdigit():
            return int(value.strip())
    raise OfficeFailed(f"pdfinfo could not read {pdf.name} ({_last_line(output) or code})")


def _run(command: list[str], *, timeout: float, what: str) -> tuple[int, str]:
    """Run ``command`` in its own process group; kill the whole group when it overruns."""
    # soffice starts oosplash, which starts soffice.bin: killing only the direct child on a
    # timeout would leave a headless office running.
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        text=True,
        errors="replace",
    ) as proc:
        try:
            output, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            proc.communicate()
            raise OfficeFailed(f"{what} did not finish within {timeout:.0f} s and was stopped") from None
        except BaseException:
            _kill_group(proc)
            raise
    return proc.returncode, output


def _kill_group(proc: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)


def _page_number(path: Path, prefix: str) -> int:
    digits = path.stem.removeprefix(f"{prefix}-")
    return int(digits) if digits.isdigit() else 0


def _last_line(output: str) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    # javaldx's warning is printed on every run and says nothing about the conversion.
    useful = [line for line in lines if "javaldx" not in line]
    return useful[-1] if useful else ""
