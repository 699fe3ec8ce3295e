"""Shared by the hostile-input tests: a brief beside copies of the example sources and dataset,
the CLI run in-process, and the assertion that a failure is a located error, never a traceback."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from deckgen.cli.main import main
from tests.conftest import BRIEFS, SOURCES

HEAD = "deck:\n  title: Test\n  marking: UNCLASSIFIED\n"
# Placeholder text with no source to cite: marked as the staff's, so it is not an uncited claim.
BULLETS = "  - kind: bullets\n    title: A\n    bullets: [one, two]\n    synthesis: true\n"


def project(tmp_path: Path, body: str = BULLETS, *, head: str = HEAD) -> Path:
    """``brief.yaml`` in ``tmp_path`` beside copies of the example sources and dataset."""
    shutil.copytree(SOURCES, tmp_path / "sources", dirs_exist_ok=True)
    shutil.copytree(BRIEFS / "data", tmp_path / "data", dirs_exist_ok=True)
    path = tmp_path / "brief.yaml"
    path.write_text(f"{head}slides:\n{body}", encoding="utf-8")
    return path


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def located(result: Result, path: Path, code: str, line: int | None = None, col: int | None = None) -> str:
    """Assert exit 1 with ``path:line:col: error: ... [code]``; return that diagnostic's line."""
    output = result.output
    assert result.exit_code == 1, output
    assert "Traceback" not in output
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    pattern = re.compile(rf"^{re.escape(str(path))}:(\d+):(\d+): error: .*\[{re.escape(code)}\]$", re.M)
    found = pattern.search(output)
    assert found is not None, output
    if line is not None:
        assert int(found.group(1)) == line, output
    if col is not None:
        assert int(found.group(2)) == col, output
    return found.group(0)


def check_and_build(
    tmp_path: Path,
    brief: Path,
    code: str,
    line: int | None = None,
    col: int | None = None,
    *,
    at: Path | None = None,
) -> str:
    """``check`` and ``build`` of ``brief`` report the same located error (in the file ``at``, by
    default the brief), and build writes nothing."""
    out = tmp_path / "out.pptx"
    first = located(run("check", brief), at or brief, code, line, col)
    assert located(run("build", brief, "-o", out), at or brief, code, line, col) == first
    assert not out.exists()
    return first
