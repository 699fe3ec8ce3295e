"""The documented job examples (docs/jobs/) run as written against a copy of the project."""

from __future__ import annotations

import configparser
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import BRIEFS, ROOT

JOBS = ROOT / "docs" / "jobs"
SERVICE_ROOT = "/srv/briefing"


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    shutil.copytree(BRIEFS, tmp_path / "briefs")
    shutil.copytree(ROOT / "assets" / "images", tmp_path / "assets" / "images")
    (tmp_path / "reports").mkdir()
    return tmp_path


def run_shell(command: str, checkout: Path) -> subprocess.CompletedProcess[str]:
    """Run a documented command with the install paths mapped onto this test's checkout."""
    deckgen = f"{shlex.quote(sys.executable)} -m deckgen"
    command = command.replace(f"{SERVICE_ROOT}/.venv/bin/deckgen", deckgen).replace(
        ".venv/bin/deckgen", deckgen
    )
    command = command.replace(SERVICE_ROOT, str(checkout))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    return subprocess.run(["bash", "-c", command], cwd=checkout, env=env, capture_output=True, text=True)


def test_cron_line_runs_and_skips_the_second_time(checkout: Path) -> None:
    lines = [ln for ln in (JOBS / "deckgen.cron").read_text().splitlines() if ln and not ln.startswith("#")]
    (line,) = lines
    fields = line.split(None, 5)
    assert re.fullmatch(r"\*/\d+", fields[0]) and fields[1:5] == ["*", "*", "*", "*"]
    for expected in ("built", "skipped"):
        proc = run_shell(fields[5], checkout)
        assert proc.returncode == 0, proc.stderr
        report = json.loads((checkout / "reports" / "last-build.json").read_text())
        assert {b["status"] for b in report["briefs"]} == {expected}


def test_systemd_service_and_timer(checkout: Path) -> None:
    service = configparser.ConfigParser(strict=False, interpolation=None)
    service.optionxform = str  # type: ignore[assignment,method-assign]
    service.read(JOBS / "deckgen-build.service")
    assert service["Service"]["Type"] == "oneshot"
    assert service["Service"]["WorkingDirectory"] == SERVICE_ROOT
    exec_start = service["Service"]["ExecStart"]
    assert exec_start.startswith("/")  # systemd needs an absolute path
    proc = run_shell(exec_start, checkout)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["failed"] == 0 and report["built"] == 2
    timer = configparser.ConfigParser(interpolation=None)
    timer.read(JOBS / "deckgen-build.timer")
    assert timer["Timer"]["OnUnitActiveSec"] == "10min"
    assert timer["Install"]["WantedBy"] == "timers.target"


def systemd_verify(units: list[Path]) -> tuple[int, list[str]]:
    """``systemd-analyze verify``'s exit code and its complaints about ``units``.

    It exits 0 after mere warnings (an unknown key, say), so the lines naming a unit count too;
    lines about other units on this machine do not.
    """
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze not installed (Debian package systemd; .ci/run installs it)")
    proc = subprocess.run(
        [analyze, "verify", *map(str, units)], capture_output=True, text=True, timeout=120, check=False
    )
    output = (proc.stdout + proc.stderr).splitlines()
    return proc.returncode, [line for line in output if any(unit.name in line for unit in units)]


def test_systemd_analyze_accepts_the_units(checkout: Path, tmp_path: Path) -> None:
    # The units with /srv/briefing mapped onto this test's checkout, where the program ExecStart
    # names exists and is executable (systemd-analyze checks that; it does not run it).
    program = checkout / ".venv" / "bin" / "deckgen"
    program.parent.mkdir(parents=True)
    program.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    program.chmod(0o755)
    units = tmp_path / "units"
    units.mkdir()
    for name in ("deckgen-build.service", "deckgen-build.timer"):
        text = (JOBS / name).read_text(encoding="utf-8").replace(SERVICE_ROOT, str(checkout))
        (units / name).write_text(text, encoding="utf-8")
    code, complaints = systemd_verify([units / "deckgen-build.service", units / "deckgen-build.timer"])
    assert (code, complaints) == (0, [])

    # A control, so the check above cannot pass because the tool says nothing: a unit with an
    # unknown key and one whose program is missing are both reported.
    (units / "typo.timer").write_text("[Timer]\nOnUnitActivSec=10min\n", encoding="utf-8")
    (units / "typo.service").write_text(
        f"[Service]\nType=oneshot\nExecStart={checkout}/.venv/bin/no-such-program\n", encoding="utf-8"
    )
    code, complaints = systemd_verify([units / "typo.timer", units / "typo.service"])
    assert code != 0, complaints
    assert any("OnUnitActivSec" in line for line in complaints), complaints
    assert any("no-such-program" in line for line in complaints), complaints


def test_ci_workflow_shards_cover_the_folder_once(checkout: Path) -> None:
    workflow = yaml.safe_load((JOBS / "github-workflow.yml").read_text())
    job = workflow["jobs"]["build"]
    shards = job["strategy"]["matrix"]["shard"]
    step = next(s["run"] for s in job["steps"] if "run" in s and "deckgen build" in s["run"])
    seen: list[str] = []
    for shard in shards:
        command = step.replace("${{ matrix.shard }}", str(shard)).replace(
            "deckgen build", ".venv/bin/deckgen build"
        )
        proc = run_shell(command, checkout)
        assert proc.returncode == 0, proc.stderr
        report = json.loads((checkout / f"report-{shard}.json").read_text())
        seen.extend(Path(b["brief"]).name for b in report["briefs"])
    assert sorted(seen) == sorted(p.name for p in (checkout / "briefs").glob("*.yaml"))
