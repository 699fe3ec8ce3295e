"""``deckgen new`` on the command line, then ``deckgen check`` and ``build`` on what it wrote."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli.main import main
from tests.conftest import BRIEFS, FIXTURES, SOURCES


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copytree(SOURCES, tmp_path / "sources")
    shutil.copy(FIXTURES / "scaffold" / "high-north-watch.md", tmp_path / "sources")
    shutil.copytree(BRIEFS / "data", tmp_path / "data")
    return tmp_path


def test_new_then_check_then_build(folder: Path) -> None:
    brief = str(folder / "draft.yaml")
    code, _, err = run("new", brief, "--from", "high-north-watch", "--kind", "training")
    assert code == 0, err
    assert f"wrote {brief}: a training draft of 24 slides from high-north-watch" in err
    assert "(6 excerpts, charts of the east, south and north flanks)" in err
    assert f"Write the 11 texts left between << and >>; `deckgen check {brief}` lists them." in err
    code, _, err = run("check", brief)
    assert code == 0, err
    assert err.count("[placeholder-text]") == 11 and "ok, 25 slides, 11 warnings" in err
    assert run("check", "--strict", brief)[0] == 1
    code, _, err = run("build", brief, "-o", str(folder / "draft.pptx"))
    assert code == 0 and (folder / "draft.pptx").is_file(), err


def test_json_report(folder: Path) -> None:
    code, out, _ = run("new", str(folder / "d.yaml"), "--from", "southern-underbelly", "--json")
    assert code == 0
    report = json.loads(out)
    assert report == {
        "status": "ok",
        "brief": str(folder / "d.yaml"),
        "article": "southern-underbelly",
        "kind": "read-ahead",
        "slides": 25,
        "excerpts": 9,
        "placeholders": 6,
        "dataset": str(folder / "data" / "russian-presence.yaml"),
        "flanks": ["east", "south", "north"],
    }


def test_an_existing_brief_is_a_usage_error_unless_forced(folder: Path) -> None:
    brief = folder / "draft.yaml"
    brief.write_text("mine\n", encoding="utf-8")
    code, _, err = run("new", str(brief), "--from", "southern-underbelly")
    assert code == 2 and "exists; choose another name, or add --force" in err
    assert brief.read_text(encoding="utf-8") == "mine\n"
    assert run("new", str(brief), "--from", "southern-underbelly", "--force")[0] == 0
    assert brief.read_text(encoding="utf-8") != "mine\n"


def test_usage_and_input_errors(folder: Path) -> None:
    assert run("new", str(folder / "draft.yaml"))[0] == 2  # --from is required
    code, _, err = run("new", str(folder / "draft.txt"), "--from", "southern-underbelly")
    assert code == 2 and "name the brief draft.yaml" in err
    code, _, err = run("new", str(folder / "draft.yaml"), "--from", "notes.txt")
    assert code == 1 and "[import-first]" in err and "deckgen import notes.txt --id notes" in err
    assert "no brief written" in err and not (folder / "draft.yaml").exists()
    code, out, _ = run("new", str(folder / "draft.yaml"), "--from", "southern-underbely", "--json")
    assert code == 1
    (diagnostic,) = json.loads(out)["diagnostics"]
    assert diagnostic["code"] == "unknown-article" and "southern-underbelly" in diagnostic["hint"]


def test_sources_elsewhere_are_named_in_the_commands_to_run(folder: Path) -> None:
    brief = folder / "briefs" / "draft.yaml"
    sources = folder / "sources"
    code, _, err = run("new", str(brief), "--from", "southern-underbelly", "--sources", str(sources))
    assert code == 0, err
    assert f"`deckgen check --sources {sources} {brief}`" in err
    assert f"# Check it:  deckgen check --sources {sources} {brief}" in brief.read_text(encoding="utf-8")
    assert "no charts" in err  # no data/ beside this brief
    assert run("check", "--sources", str(sources), str(brief))[0] == 0


def test_help_has_examples() -> None:
    code, out, _ = run("new", "--help")
    assert code == 0 and "Examples:" in out and "--kind [read-ahead|training]" in out
