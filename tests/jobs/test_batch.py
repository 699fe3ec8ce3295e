"""Scheduled regeneration: folders, reports, skipping, shards, parallel jobs, locks, kills."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from deckgen import api
from deckgen.cli.main import main
from deckgen.jobs import batch
from deckgen.jobs.output import deck_lock
from tests.conftest import BRIEFS, ROOT


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example briefs, sources, data and pictures, as a job would check them out."""
    shutil.copytree(BRIEFS, tmp_path / "briefs")
    shutil.copytree(ROOT / "assets" / "images", tmp_path / "assets" / "images")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def build_json(*args: str) -> tuple[int, dict[str, object]]:
    result = CliRunner().invoke(main, ["build", *args, "--json"])
    return result.exit_code, json.loads(result.stdout)


def statuses(report: dict[str, object]) -> dict[str, str]:
    return {Path(str(b["brief"])).stem: str(b["status"]) for b in report["briefs"]}  # type: ignore[attr-defined]


def test_folder_build_then_noop_then_change(project: Path) -> None:
    code, report = build_json("briefs")
    assert code == 0
    assert statuses(report) == {"southern-flank-readahead": "built", "southern-flank-training": "built"}
    first = {p.name: p.read_bytes() for p in (project / "decks").glob("*.pptx")}
    code, report = build_json("briefs")
    assert statuses(report) == {"southern-flank-readahead": "skipped", "southern-flank-training": "skipped"}
    # Editing only the training brief rebuilds only the training deck, to the same bytes as before
    # when the edit is undone.
    brief = project / "briefs" / "southern-flank-training.yaml"
    original = brief.read_text(encoding="utf-8")
    brief.write_text(original + "\n# a comment\n", encoding="utf-8")
    code, report = build_json("briefs")
    assert statuses(report) == {"southern-flank-readahead": "skipped", "southern-flank-training": "built"}
    brief.write_text(original, encoding="utf-8")
    code, report = build_json("briefs")
    assert statuses(report)["southern-flank-training"] == "built"
    assert {p.name: p.read_bytes() for p in (project / "decks").glob("*.pptx")} == first


def test_changing_a_shared_source_rebuilds_every_deck_that_uses_it(project: Path) -> None:
    build_json("briefs")
    data = project / "briefs" / "data" / "russian-presence.yaml"
    data.write_text(data.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")
    _, report = build_json("briefs")
    assert set(statuses(report).values()) == {"built"}


def test_force_rebuilds_and_report_has_timings(project: Path) -> None:
    build_json("briefs")
    code, report = build_json("briefs", "--force")
    assert code == 0 and set(statuses(report).values()) == {"built"}
    for entry in report["briefs"]:  # type: ignore[attr-defined]
        assert entry["seconds"] > 0 and entry["slides"] > 0 and entry["output"].endswith(".pptx")


def test_one_failure_does_not_stop_the_others(project: Path) -> None:
    (project / "briefs" / "broken.yaml").write_text("deck: {title: x}\nslides: []\n", encoding="utf-8")
    code, report = build_json("briefs")
    assert code == 1
    assert statuses(report) == {
        "broken": "failed",
        "southern-flank-readahead": "built",
        "southern-flank-training": "built",
    }
    assert report["failed"] == 1
    codes = {d["code"] for b in report["briefs"] for d in b["diagnostics"]}  # type: ignore[attr-defined]
    assert {"missing-key", "no-slides"} <= codes


def test_parallel_build_gives_the_same_bytes(project: Path) -> None:
    code, _ = build_json("briefs", "-j", "2", "--out-dir", "par")
    assert code == 0
    build_json("briefs", "-j", "1", "--out-dir", "seq")
    decks = sorted((project / "seq").glob("*.pptx"))
    assert [d.name for d in decks] == sorted(p.name for p in (project / "par").glob("*.pptx"))
    assert decks
    for deck in decks:
        assert deck.read_bytes() == (project / "par" / deck.name).read_bytes()


def test_shards_partition_the_folder_deterministically() -> None:
    briefs = [Path(f"brief-{i:03d}.yaml") for i in range(60)]
    shards = [[b for b in briefs if batch.in_shard(b, k, 4)] for k in range(1, 5)]
    assert sorted(b for s in shards for b in s) == sorted(briefs)
    assert all(shards), "every shard gets work"
    # Adding a brief never moves another one.
    again = [[b for b in [*briefs, Path("new.yaml")] if batch.in_shard(b, k, 4)] for k in range(1, 5)]
    for old, new in zip(shards, again, strict=True):
        assert set(old) <= set(new)


def test_shard_option_builds_only_its_share(project: Path) -> None:
    outs = []
    for k in (1, 2):
        code, report = build_json("briefs", "--shard", f"{k}/2", "--out-dir", f"s{k}")
        assert code == 0
        outs.append(set(statuses(report)))
    assert outs[0] | outs[1] == {"southern-flank-readahead", "southern-flank-training"}
    assert not outs[0] & outs[1]
    result = CliRunner().invoke(main, ["build", "briefs", "--shard", "3/2"])
    assert result.exit_code == 2


def test_source_date_epoch_sets_the_stamp_when_the_brief_has_no_date(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    brief = project / "briefs" / "readahead.yaml"
    text = (project / "briefs" / "southern-flank-readahead.yaml").read_text(encoding="utf-8")
    brief.write_text(text.replace("  date: 2022-06-20\n", ""), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1656806400")  # 2022-07-03 00:00 UTC
    one = api.build(brief, output=project / "a.pptx").output
    two = api.build(brief, output=project / "b.pptx", force=True).output
    assert one.read_bytes() == two.read_bytes()
    created = Presentation(str(one)).core_properties.created
    assert (created.year, created.month, created.day) == (2022, 7, 3)


def test_a_locked_deck_is_not_built_twice_at_once(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DECKGEN_LOCK_TIMEOUT", "0.3")
    target = project / "decks" / "southern-flank-readahead.pptx"
    with deck_lock(target):
        result = CliRunner().invoke(main, ["build", "briefs/southern-flank-readahead.yaml"])
    assert result.exit_code == 1
    assert "another deckgen job has been building" in result.stderr
    assert not target.exists()


def test_kill_9_at_any_point_leaves_the_previous_deck_intact(project: Path) -> None:
    brief = project / "briefs" / "southern-flank-training.yaml"
    deck = project / "decks" / "southern-flank-training.pptx"
    api.build(brief, output=deck)
    good = deck.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "deckgen", "build", str(brief), "-o", str(deck), "--force", "--no-cache"]
    for delay in (0.05, 0.2, 0.4, 0.6, 0.8, 1.0, 1.3):
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert deck.read_bytes() == good, f"deck changed after a kill at {delay} s"
        assert len(Presentation(str(deck)).slides) == 30
    # The next build clears the killed builds' temporary files.
    api.build(brief, output=deck, force=True)
    assert not list(deck.parent.glob(".*.tmp"))


def test_noop_build_imports_neither_pptx_nor_matplotlib(project: Path) -> None:
    api.build(project / "briefs" / "southern-flank-readahead.yaml", output=project / "decks" / "r.pptx")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "deckgen",
            "build",
            "briefs/southern-flank-readahead.yaml",
            "-o",
            "decks/r.pptx",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    assert "up to date" in proc.stderr
    assert "deckgen" in imported, "-X importtime listed nothing: the check below would prove nothing"
    assert not {m for m in imported if m.split(".")[0] in ("pptx", "matplotlib", "yaml")}


def test_another_sources_folder_is_a_change(project: Path) -> None:
    brief = project / "briefs" / "southern-flank-readahead.yaml"
    deck = project / "decks" / "r.pptx"
    assert not api.build(brief, output=deck).skipped
    assert api.build(brief, output=deck).skipped
    shutil.copytree(project / "briefs" / "sources", project / "other-sources")
    assert not api.build(brief, output=deck, sources_dir=project / "other-sources").skipped
    assert api.build(brief, output=deck, sources_dir=project / "other-sources").skipped
