"""The command line: exit codes, version, help, JSON reports, and never replacing a good deck."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen import __version__
from deckgen.cli.main import main
from tests.conftest import BRIEFS, SEED_TXT, SOURCES

READAHEAD = BRIEFS / "southern-flank-readahead.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.strip() == f"deckgen, version {__version__}"


def test_help_shows_examples_for_every_command() -> None:
    for command in ("build", "check", "plan", "sections", "import"):
        code, out, _ = run(command, "--help")
        assert code == 0
        assert "Example" in out, command


def test_usage_errors_exit_2() -> None:
    assert run("build")[0] == 2
    assert run("frobnicate")[0] == 2
    code, _, err = run("build", str(READAHEAD), str(READAHEAD), "-o", "x.pptx")
    assert code == 2 and "one brief" in err


def test_check_ok_reports_slide_count() -> None:
    code, _, err = run("check", str(READAHEAD))
    assert code == 0
    assert "ok, 8 slides, no problems" in err


def test_build_json_report(tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    code, stdout, _ = run("build", str(READAHEAD), "-o", str(out), "--json")
    assert code == 0
    report = json.loads(stdout)
    assert report["failed"] == 0
    (entry,) = report["briefs"]
    assert entry["status"] == "built" and entry["slides"] == 8 and entry["output"] == str(out)
    assert out.stat().st_size > 10_000


def test_failed_build_leaves_existing_deck_untouched(tmp_path: Path) -> None:
    good = tmp_path / "deck.pptx"
    assert run("build", str(READAHEAD), "-o", str(good))[0] == 0
    before = good.read_bytes()
    broken = tmp_path / "brief.yaml"
    broken.write_text(READAHEAD.read_text().replace("su#race/p1", "su#race/p9"), encoding="utf-8")
    shutil.copytree(SOURCES, tmp_path / "sources")
    code, _, err = run("build", str(broken), "-o", str(good))
    assert code == 1
    assert "no deck written" in err
    assert good.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".deckgen", "brief.yaml", "deck.pptx", "sources"]


def test_unwritable_output_folder_is_a_located_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code, _, err = run("build", str(READAHEAD), "-o", str(blocker / "deck.pptx"))
    assert code == 1
    assert "cannot write to" in err


def test_no_color_and_plain_output(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    brief = tmp_path / "b.yaml"
    brief.write_text("deck: {title: x, marking: y}\nslides:\n  - kind: nope\n", encoding="utf-8")
    code, _, err = run("check", str(brief))
    assert code == 1
    assert "\x1b[" not in err
    assert f"{brief}:3:11: error: unknown slide kind 'nope' [unknown-kind]" in err


def test_sections_lists_addresses_by_id(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BRIEFS.parent)
    code, out, _ = run("sections", "southern-underbelly")
    assert code == 0
    lines = out.splitlines()
    assert any("southern-underbelly#sahel/p1" in line for line in lines)
    assert all(line.startswith("briefs/sources/southern-underbelly.md:") for line in lines)


def test_sections_missing_file_is_an_error() -> None:
    code, _, err = run("sections", "no/such/file.md")
    assert code == 1 and "no such source file" in err


def test_plan_prints_json() -> None:
    code, out, _ = run("plan", str(READAHEAD))
    assert code == 0
    plan = json.loads(out)
    assert plan["slides"][0]["kind"] == "title"
    assert plan["meta"]["marking"] == "UNCLASSIFIED - FOR TRAINING USE ONLY"


def test_import_writes_markdown(tmp_path: Path) -> None:
    seed = SEED_TXT
    out = tmp_path / "article.md"
    code, _, err = run("import", str(seed), "--id", "seed", "-o", str(out))
    assert code == 0, err
    assert out.read_text(encoding="utf-8").count("Putin") >= 3
    assert run("import", str(seed), "-o", str(out))[0] == 2  # refuses to overwrite
