"""Templates no one on the project made: LibreOffice's own Impress templates, converted to .pptx.

Debian's ``libreoffice-impress`` installs them as ``.otp`` files; ``soffice --convert-to pptx``
turns each into what an organisation exporting from LibreOffice would hand deckgen. Conversions
are cached by the template's content hash (and the LibreOffice version), so a test session
converts each template once per machine, two at a time, each with its own LibreOffice profile.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

IMPRESS_TEMPLATES = Path("/usr/lib/libreoffice/share/template/common/presnt")
CONVERT_TIMEOUT = 180.0


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "deckgen-tests" / "templates"


def impress_templates() -> list[Path]:
    """The installed Impress templates (.otp), by name; empty when LibreOffice ships none here."""
    return sorted(IMPRESS_TEMPLATES.glob("*.otp")) if IMPRESS_TEMPLATES.is_dir() else []


def _office_version(soffice: str) -> str:
    out = subprocess.run([soffice, "--version"], capture_output=True, text=True, timeout=60, check=False)
    return out.stdout.strip()


def _convert(otp: Path, soffice: str, version: str) -> Path:
    digest = hashlib.sha256(otp.read_bytes() + version.encode()).hexdigest()[:16]
    target = cache_folder() / f"{otp.stem}-{digest}.pptx"
    if target.is_file() and target.stat().st_size > 0:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="deckgen-otp-") as tmp:
        work = Path(tmp)
        profile = (work / "profile").as_uri()
        cmd = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pptx",
            "--outdir",
            str(work),
            str(otp),
        ]
        subprocess.run(cmd, capture_output=True, timeout=CONVERT_TIMEOUT, check=False)
        made = work / f"{otp.stem}.pptx"
        if not made.is_file():
            raise RuntimeError(f"LibreOffice did not convert {otp.name} to .pptx")
        partial = target.with_suffix(".part")
        shutil.copyfile(made, partial)
        partial.replace(target)  # atomic: a concurrent session never reads half a file
    return target


def converted_templates() -> dict[str, Path]:
    """Template name (``Candy``) -> the converted .pptx, converting what is not cached yet.

    Empty when LibreOffice or its templates are missing; callers skip, and under ``CI=true`` a
    skip fails the run (``tests/ci_skips.py``).
    """
    soffice = shutil.which("soffice")
    templates = impress_templates()
    if soffice is None or not templates:
        return {}
    version = _office_version(soffice)
    with ThreadPoolExecutor(max_workers=2) as pool:
        paths = list(pool.map(lambda otp: _convert(otp, soffice, version), templates))
    return {otp.stem: path for otp, path in zip(templates, paths, strict=True)}
