"""Project configuration: found by walking up, located diagnostics, precedence, every command from
any folder of the project, and `deckgen config`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli.main import main
from deckgen.core.config import find_project, load_project
from deckgen.core.errors import DeckgenError
from tests.conftest import BRIEFS, ROOT, SEED_TXT, SOURCES

TALK = """\
deck:
  title: A short talk
  date: 2022-06-01
{extra}sources:
  su: southern-underbelly
slides:
  - kind: title
  - kind: quote
    title: The race
    quote: "Unfortunately, Russia seems to be winning this race."
    cite: su#race/p1
  - kind: sources
"""
CONFIG = """\
# the project's settings
sources = "library"
output = "out/decks"
marking = "PROJECT MARKING"
"""


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def write_project(root: Path, *, config: str = CONFIG, extra: str = "") -> Path:
    """A project as staff lay it out: articles in library/, briefs in briefs/, settings at the top."""
    (root / ".git").mkdir()  # the repository's root: the walk stops here
    (root / "library").mkdir()
    shutil.copy(SOURCES / "southern-underbelly.md", root / "library")
    (root / "briefs" / "sub").mkdir(parents=True)
    (root / "briefs" / "talk.yaml").write_text(TALK.format(extra=extra), encoding="utf-8")
    (root / "deckgen.toml").write_text(config, encoding="utf-8")
    return root / "briefs" / "talk.yaml"


def planned(brief: str | Path, *args: str) -> dict[str, object]:
    code, out, err = run("plan", brief, *args)
    assert code == 0, err
    plan: dict[str, object] = json.loads(out)
    return plan


# --- finding the configuration ------------------------------------------------------------------


def test_found_from_any_folder_below_with_paths_against_its_folder(tmp_path: Path) -> None:
    brief = write_project(tmp_path)
    for start in (brief, tmp_path / "briefs" / "sub", tmp_path / "library", tmp_path):
        project = find_project(start)
        assert project.config == tmp_path / "deckgen.toml"
        assert project.sources == tmp_path / "library"
        assert project.output == tmp_path / "out" / "decks"
        assert project.marking == "PROJECT MARKING"
        origin = project.origin_of("sources")
        assert origin is not None and (origin.line, origin.col) == (2, 11)


def test_pyproject_table_and_which_file_wins(tmp_path: Path) -> None:
    write_project(tmp_path)
    (tmp_path / "deckgen.toml").unlink()
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.deckgen]\nsources = "library"\n', encoding="utf-8"
    )
    project = find_project(tmp_path / "briefs")
    assert project.config == tmp_path / "pyproject.toml" and project.sources == tmp_path / "library"
    assert project.origin_of("sources") is not None and project.origin_of("sources").line == 5  # type: ignore[union-attr]
    # A nearer pyproject.toml without [tool.deckgen] is passed by; a deckgen.toml beside one wins.
    (tmp_path / "briefs" / "pyproject.toml").write_text('[project]\nname = "deckgen-briefs"\n')
    assert find_project(tmp_path / "briefs").config == tmp_path / "pyproject.toml"
    (tmp_path / "deckgen.toml").write_text('output = "elsewhere"\n')
    assert find_project(tmp_path / "briefs").config == tmp_path / "deckgen.toml"


def test_the_walk_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / "deckgen.toml").write_text('marking = "ABOVE THE REPOSITORY"\n')
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "briefs").mkdir()
    project = find_project(tmp_path / "repo" / "briefs")
    assert project.config is None and project.marking is None
    assert project.root == tmp_path / "repo" / "briefs"


def test_this_repository_configures_itself() -> None:
    project = find_project(SOURCES)
    assert project.config == ROOT / "pyproject.toml"
    assert project.sources == SOURCES and project.output == ROOT / "decks"


# --- located diagnostics ---------------------------------------------------------------------


def diagnostics(config: Path) -> list[str]:
    with pytest.raises(DeckgenError) as caught:
        load_project(config)
    return [f"{d.loc.line}:{d.loc.col} {d.code}: {d.message} | {d.hint}" for d in caught.value.diagnostics]


def test_unknown_keys_wrong_types_and_missing_folders_are_located(tmp_path: Path) -> None:
    config = tmp_path / "deckgen.toml"
    config.write_text(
        'sorces = "library"\noutput = 3\n  "marking" = ""\ntemplate = "notes.txt"\ncolour = "red"\n'
    )
    (tmp_path / "notes.txt").write_text("not a template")
    found = diagnostics(config)
    assert found[0] == "1:1 unknown-key: unknown key 'sorces' in deckgen.toml | did you mean 'sources'?"
    assert found[1].startswith("2:10 wrong-type: 'output' (folder the decks are written to) should be text")
    assert found[1].endswith('| write it in quotes: output = "decks"')
    assert found[2].startswith("3:15 empty-value: 'marking' is empty")
    assert found[3].startswith("4:12 bad-template: the template 'notes.txt' is not a .pptx or .potx file")
    assert found[4] == (
        "5:1 unknown-key: unknown key 'colour' in deckgen.toml"
        " | the keys are sources, output, template, marking"
    )
    config.write_text('sources = "no-such-folder"\n')
    (missing,) = diagnostics(config)
    assert missing.startswith("1:11 missing-folder: the sources folder 'no-such-folder' does not exist")
    assert "relative to its folder" in missing


def test_pyproject_keys_are_located_under_their_table(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text('[project]\nname = "x"\noutput = 1\n\n[tool.deckgen]\n# settings\noutptu = "decks"\n')
    (found,) = diagnostics(config)
    assert found == "7:1 unknown-key: unknown key 'outptu' in [tool.deckgen] | did you mean 'output'?"
    config.write_text("[tool]\ndeckgen = 3\n")
    (found,) = diagnostics(config)
    assert found.startswith("2:1 wrong-type: 'tool.deckgen' should be a table of settings, got a number")


def test_broken_toml_is_located_and_check_reports_it(tmp_path: Path) -> None:
    brief = write_project(tmp_path, config='sources = "library"\noutput = decks\n')
    code, _, err = run("check", brief)
    assert code == 1
    assert "deckgen.toml:2:10: error: " in err and "is not valid TOML" in err and "[bad-toml]" in err
    assert 'hint: text values need quotes: sources = "briefs/sources"' in err


def test_config_problems_are_reported_with_the_brief_s(tmp_path: Path) -> None:
    brief = write_project(tmp_path, config='sorces = "library"\n')
    code, _, err = run("check", brief)
    assert code == 1
    assert "deckgen.toml:1:1: error: unknown key 'sorces' in " in err
    assert "hint: did you mean 'sources'?" in err
    assert "[missing-key]" in err  # no default marking now, and the brief gives none


# --- precedence: command line > brief > project > built-in --------------------------------------


def test_marking_brief_over_project(tmp_path: Path) -> None:
    brief = write_project(tmp_path)
    assert planned(brief)["meta"]["marking"] == "PROJECT MARKING"  # type: ignore[index]
    brief.write_text(TALK.format(extra="  marking: BRIEF MARKING\n"), encoding="utf-8")
    assert planned(brief)["meta"]["marking"] == "BRIEF MARKING"  # type: ignore[index]


def test_template_brief_over_project_over_default(tmp_path: Path) -> None:
    brief = write_project(tmp_path, config=CONFIG + 'template = "templates/minimal.pptx"\n')
    (tmp_path / "templates").mkdir()
    shutil.copy(ROOT / "tests" / "templates" / "minimal.pptx", tmp_path / "templates")
    assert planned(brief)["template"] == str(tmp_path / "templates" / "minimal.pptx")
    brief.write_text(TALK.format(extra="  template: default\n"), encoding="utf-8")
    assert Path(str(planned(brief)["template"])).name == "briefing.pptx"
    (tmp_path / "deckgen.toml").write_text(CONFIG)
    brief.write_text(TALK.format(extra=""), encoding="utf-8")
    assert Path(str(planned(brief)["template"])).name == "briefing.pptx"


def test_sources_and_output_options_over_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    brief = write_project(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    code, _, err = run("check", brief, "--sources", other)
    assert code == 1 and f"no source article 'southern-underbelly' in {other} [unknown-source]" in err
    monkeypatch.chdir(tmp_path / "briefs" / "sub")
    code, _, err = run("build", "../talk.yaml", "--out-dir", "here")
    assert code == 0, err
    assert (tmp_path / "briefs" / "sub" / "here" / "talk.pptx").is_file()
    assert not (tmp_path / "out").exists()


# --- every command from any folder of the project ------------------------------------------------


def test_every_command_works_from_a_subfolder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_project(tmp_path)
    monkeypatch.chdir(tmp_path / "library")
    brief = "../briefs/talk.yaml"
    code, _, err = run("check", brief)
    assert code == 0 and "ok, 3 slides" in err, err
    assert planned(brief)["meta"]["marking"] == "PROJECT MARKING"  # type: ignore[index]
    code, _, err = run("build", brief)
    assert code == 0 and "built ../out/decks/talk.pptx (3 slides" in err, err
    assert (tmp_path / "out" / "decks" / "talk.pptx").is_file()
    code, _, err = run("build", brief)
    assert code == 0 and "up to date ../out/decks/talk.pptx" in err
    code, _, err = run("review", brief)
    assert code == 0, err
    assert (tmp_path / "out" / "decks" / "talk.review.html").is_file()
    code, out, _ = run("sections", "southern-underbelly")
    assert code == 0 and out.startswith("southern-underbelly.md:1: southern-underbelly ")
    monkeypatch.chdir(tmp_path / "briefs" / "sub")
    code, out, _ = run("sections", "southern-underbelly")
    assert code == 0 and out.startswith("../../library/southern-underbelly.md:1: southern-underbelly ")
    code, _, err = run("check", "../talk.yaml")
    assert code == 0, err
    code, out, _ = run("config")
    assert code == 0 and "sources   ../../library" in out


def test_the_other_commands_from_a_subfolder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands given a file take it relative to the working folder; the dataset's articles come
    from the project's sources folder, as a brief's do."""
    write_project(tmp_path)
    shutil.copy(BRIEFS / "data" / "russian-presence.yaml", tmp_path / "briefs")
    shutil.copy(ROOT / "tests" / "templates" / "minimal.pptx", tmp_path / "briefs")
    monkeypatch.chdir(tmp_path / "briefs" / "sub")
    code, _, err = run("data", "check", "../russian-presence.yaml")
    assert code == 0 and "../russian-presence.yaml: ok" in err, err
    code, out, _ = run("template", "inspect", "../minimal.pptx")
    assert code == 0 and out
    assert run("import", SEED_TXT, "-o", "draft.md")[0] == 0
    assert (tmp_path / "briefs" / "sub" / "draft.md").is_file()
    assert run("schema", "-o", "brief.schema.json")[0] == 0
    assert json.loads((tmp_path / "briefs" / "sub" / "brief.schema.json").read_text())


def test_a_config_change_rebuilds_the_deck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert "built out/decks/talk.pptx" in run("build", "briefs/talk.yaml")[2]
    assert "up to date" in run("build", "briefs/talk.yaml")[2]
    (tmp_path / "deckgen.toml").write_text(CONFIG.replace("PROJECT MARKING", "NEW MARKING"))
    assert "built out/decks/talk.pptx" in run("build", "briefs/talk.yaml")[2]


def test_only_the_deckgen_table_of_a_pyproject_is_an_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bumping the package's version leaves every deck up to date; a setting deckgen reads does not."""
    write_project(tmp_path)
    (tmp_path / "deckgen.toml").unlink()
    pyproject = tmp_path / "pyproject.toml"
    head = '[project]\nname = "briefing"\nversion = "1.0"\n\n[tool.deckgen]\n'
    pyproject.write_text(head + CONFIG.split("\n", 1)[1], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert "built out/decks/talk.pptx" in run("build", "briefs/talk.yaml")[2]
    pyproject.write_text(pyproject.read_text().replace('version = "1.0"', 'version = "1.1"'))
    assert "up to date" in run("build", "briefs/talk.yaml")[2]
    pyproject.write_text(pyproject.read_text().replace("PROJECT MARKING", "NEW MARKING"))
    assert "built out/decks/talk.pptx" in run("build", "briefs/talk.yaml")[2]


def test_this_repository_from_its_sources_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SOURCES)
    code, out, _ = run("sections", "southern-underbelly")
    assert code == 0 and out.startswith("southern-underbelly.md:1: southern-underbelly ")
    code, _, err = run("check", "../southern-flank-readahead.yaml")
    assert code == 0, err


def test_sections_never_suggests_the_path_it_tried(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BRIEFS)
    code, _, err = run("sections", "briefs/sources/southern-underbelly.md")
    assert code == 1
    assert "no such source file: briefs/sources/southern-underbelly.md" in err
    assert "hint: did you mean sources/southern-underbelly.md?" in err
    code, _, err = run("sections", "southern-underbely")
    assert code == 1
    assert "error: no article 'southern-underbely' in sources [missing-file]" in err
    assert "hint: did you mean 'southern-underbelly'? the articles there: southern-underbelly;" in err
    assert "the folder is set at ../pyproject.toml:" in err


# --- deckgen config ------------------------------------------------------------------------------


def test_config_says_where_each_value_came_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_project(tmp_path, extra="  template: default\n")
    monkeypatch.chdir(tmp_path / "briefs")
    code, out, _ = run("config", "talk.yaml", "--out-dir", "mine")
    assert code == 0
    assert out.splitlines() == [
        "project configuration: ../deckgen.toml",
        "  sources   ../library       from project at ../deckgen.toml:2:11",
        "  output    mine             from command line",
        "  template  default          from brief at talk.yaml:4:13",
        "  marking   PROJECT MARKING  from project at ../deckgen.toml:4:11",
    ]
    code, out, _ = run("config", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["config"] == "../deckgen.toml" and report["root"] == ".."
    assert report["settings"]["output"] == {
        "value": "../out/decks",
        "from": "project",
        "at": "../deckgen.toml:3:10",
        "default": None,
    }
    assert report["settings"]["template"]["from"] == "default"


def test_config_without_a_file_and_with_a_broken_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("config")
    assert code == 0
    assert out.splitlines()[0] == "no project configuration in . or above: built-in defaults"
    assert "(sources/ beside each brief)" in out and "from default" in out
    (tmp_path / "deckgen.toml").write_text("marking = 1\n")
    code, out, _ = run("config", "--json")
    assert code == 1
    (problem,) = json.loads(out)["diagnostics"]
    assert problem["code"] == "wrong-type" and (problem["line"], problem["col"]) == (1, 11)
