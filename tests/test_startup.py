"""Start-up hygiene: what a command imports, observed in a fresh interpreter (nothing is timed).

Each probe runs ``deckgen`` (or a library call) in a subprocess and writes the names in
``sys.modules`` as it exits. A no-op build must not load the pipeline's libraries, a text-only
build must not load the chart libraries, and a batch with nothing to build must start no worker.
Every test also checks the opposite case, so a probe that saw nothing cannot pass by accident.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from deckgen import api
from tests.conftest import BRIEFS, ROOT

PIPELINE = frozenset({"pptx", "lxml", "PIL", "yaml", "matplotlib", "xlsxwriter", "numpy"})
WORKERS = frozenset({"multiprocessing", "concurrent"})

CLI_PROBE = r"""
import atexit, json, runpy, sys
out = sys.argv[1]
atexit.register(lambda: open(out, "w").write(json.dumps(sorted(sys.modules))))
sys.argv = ["deckgen", *sys.argv[2:]]
runpy.run_module("deckgen", run_name="__main__", alter_sys=True)
"""

LIBRARY_PROBE = r"""
import json, sys
from pathlib import Path
from deckgen import api
result = api.build(Path(sys.argv[2]))
assert result.skipped, result
open(sys.argv[1], "w").write(json.dumps(sorted(sys.modules)))
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The example briefs with their sources, data and pictures, plus a brief with no chart."""
    shutil.copytree(BRIEFS, tmp_path / "briefs")
    shutil.copytree(ROOT / "assets" / "images", tmp_path / "assets" / "images")
    text = (ROOT / "tests" / "cases" / "minimal-deck" / "brief.yaml").read_text(encoding="utf-8")
    assert "kind: chart" not in text
    (tmp_path / "briefs" / "text-only.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def probe(project: Path, script: str, *args: str) -> tuple[set[str], subprocess.CompletedProcess[str]]:
    """The top-level packages loaded by ``script`` run with ``args``, and the finished process."""
    out = project / "modules.json"
    out.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1656806400"}
    proc = subprocess.run(
        [sys.executable, "-c", script, str(out), *args], cwd=project, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    modules = json.loads(out.read_text(encoding="utf-8"))
    assert "deckgen.jobs.manifest" in modules, "the probe saw no deckgen module: it proves nothing"
    return {name.split(".")[0] for name in modules}, proc


def test_an_up_to_date_build_loads_none_of_the_pipeline(project: Path) -> None:
    brief = "briefs/southern-flank-readahead.yaml"
    first, proc = probe(project, CLI_PROBE, "build", brief)
    assert "built" in proc.stderr
    assert {"pptx", "yaml", "PIL"} <= first  # a real build loads them: the probe sees imports
    again, proc = probe(project, CLI_PROBE, "build", brief)
    assert "up to date" in proc.stderr
    assert not again & PIPELINE, sorted(again & PIPELINE)
    assert not again & WORKERS
    # The same through the library: importing deckgen.api costs none of the pipeline either.
    library, _ = probe(project, LIBRARY_PROBE, brief)
    assert not library & PIPELINE, sorted(library & PIPELINE)


def test_a_text_only_build_loads_no_chart_library(project: Path) -> None:
    loaded, proc = probe(project, CLI_PROBE, "build", "briefs/text-only.yaml", "--force")
    assert "built" in proc.stderr
    assert "pptx" in loaded
    assert not loaded & {"xlsxwriter", "matplotlib"}, sorted(loaded & {"xlsxwriter", "matplotlib"})


def _statuses(proc: subprocess.CompletedProcess[str]) -> list[str]:
    return sorted(b["status"] for b in json.loads(proc.stdout)["briefs"])


def test_a_batch_starts_workers_only_for_two_or_more_stale_briefs(project: Path) -> None:
    folder = project / "many"
    folder.mkdir()
    shutil.copytree(project / "briefs" / "sources", folder / "sources")
    text = (project / "briefs" / "text-only.yaml").read_text(encoding="utf-8")
    for n in (1, 2, 3):
        (folder / f"deck-{n}.yaml").write_text(text.replace("Minimal deck", f"Deck {n}"), encoding="utf-8")
    loaded, proc = probe(project, CLI_PROBE, "build", "many", "-j", "2", "--json")
    assert _statuses(proc) == ["built", "built", "built"]
    assert loaded >= WORKERS  # three stale briefs: a pool, and the probe sees it
    # Nothing stale: the manifests are checked here, and no pool is started.
    loaded, proc = probe(project, CLI_PROBE, "build", "many", "-j", "2", "--json")
    assert _statuses(proc) == ["skipped", "skipped", "skipped"]
    assert not loaded & (WORKERS | PIPELINE), sorted(loaded & (WORKERS | PIPELINE))
    # One stale brief is built here too: a worker would only add its start-up.
    (folder / "deck-2.yaml").write_text(text.replace("Minimal deck", "Deck two"), encoding="utf-8")
    loaded, proc = probe(project, CLI_PROBE, "build", "many", "-j", "2", "--json")
    assert _statuses(proc) == ["built", "skipped", "skipped"]
    assert not loaded & WORKERS


def test_a_library_build_leaves_the_garbage_collector_as_it_found_it(project: Path) -> None:
    before = (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count())
    result = api.build(project / "briefs" / "text-only.yaml", output=project / "t.pptx", force=True)
    assert not result.skipped
    assert (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count()) == before
