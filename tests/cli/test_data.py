"""``deckgen data check``: the shipped dataset audited, a broken one located, exit codes and JSON."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

from click.testing import CliRunner, Result

from deckgen.cli.main import main
from tests.conftest import BRIEFS, SOURCES

DATASET = BRIEFS / "data" / "russian-presence.yaml"
# Counted by hand from the YAML (tests/dataset/test_strength.py says which source each rests on).
SINGLE_SOURCE: list[str] = []  # a second publisher for each since the review of 30 November 2026
REGIONS = {
    "east": {"eastern-europe": 8, "black-sea-caucasus": 8},
    "south": {"levant": 7, "north-africa": 6, "sahel": 3, "central-africa": 3, "horn-red-sea": 3},
    "north": {"kola-barents": 3, "arctic-islands": 4},
}


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def test_the_shipped_dataset_is_audited() -> None:
    result = run("data", "check", DATASET)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"{DATASET}: ok, no problems.\n"
    lines = result.stdout.splitlines()
    assert lines[0] == f"{DATASET}: russian-presence, 45 records in 9 regions, as of 2022-05"
    assert "east flank: 16 records" in lines and "south flank: 22 records" in lines
    assert lines.index("east flank: 16 records") < lines.index("  Eastern Europe (eastern-europe): 8 records")
    arctic = "  Russian Arctic islands (arctic-islands): 4 records"
    assert lines.index("north flank: 7 records") < lines.index(arctic)
    assert "  Horn of Africa and Red Sea (horn-red-sea): 3 records" in lines
    (tartus,) = [line for line in lines if line.startswith("    syria-tartus ")]
    assert tartus.split() == ["syria-tartus", "SY", "naval", "active,", "since", "1971"]
    at = lines.index(tartus)
    assert lines[at + 1 : at + 4] == [
        "      southern-underbelly#libya/p1",
        "      Daily Sabah, 2016-12",
        "      Associated Press, 2017-01",
    ]
    marked = [line.split()[0] for line in lines if line.endswith("[single source]")]
    assert marked == SINGLE_SOURCE
    assert "single source: none of 45 records" in lines
    # Every record was reviewed on 30 November 2026: the list is the file's last line.
    assert lines[-1] == "never reviewed: none of 45 records"


def test_json_has_stable_keys_and_the_hand_counts() -> None:
    result = run("data", "check", DATASET, "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == [
        "status",
        "diagnostics",
        "dataset",
        "id",
        "title",
        "as_of",
        "since",
        "counts",
        "flanks",
        "single_source",
        "not_reviewed",
    ]
    assert (data["status"], data["diagnostics"], data["as_of"], data["since"]) == ("ok", [], "2022-05", None)
    assert data["counts"] == {"records": 45, "single_source": 0, "not_reviewed": 0}
    assert data["single_source"] == SINGLE_SOURCE
    found = {f["flank"]: {g["id"]: len(g["records"]) for g in f["regions"]} for f in data["flanks"]}
    assert found == REGIONS
    assert [f["records"] for f in data["flanks"]] == [16, 22, 7]
    records = [r for f in data["flanks"] for g in f["regions"] for r in g["records"]]
    assert [r["id"] for r in records if r["strength"]["single_source"]] == SINGLE_SOURCE
    assert {r["reviewed"] for r in records} == {"2026-11-30"}


def small(tmp_path: Path, reviewed: str = "") -> Path:
    """A dataset in ``tmp_path/data`` citing the example article from ``tmp_path/sources``."""
    shutil.copytree(SOURCES, tmp_path / "sources", dirs_exist_ok=True)
    (tmp_path / "data").mkdir(exist_ok=True)
    path = tmp_path / "data" / "small.yaml"
    text = f"""
        id: small
        title: Small
        sources: {{su: southern-underbelly}}
        regions:
          sahel: {{name: Sahel, flank: south}}
        kinds:
          naval: {{name: Naval base or access}}
        records:
          - id: port-sudan
            country: {{code: SD, name: Sudan}}
            region: sahel
            kind: naval
            label: Port Sudan
            since: 2020
            status: planned
            {reviewed}
            evidence:
              - cite: su#sahel/p1
                quote: to establish a naval base in Port Sudan
        """
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def test_sources_are_found_beside_the_data_folder_and_since_filters(tmp_path: Path) -> None:
    path = small(tmp_path, "reviewed: 2024-03")
    result = run("data", "check", path, "--since", "2024-03-01")
    assert result.exit_code == 0, result.stderr
    assert "single source: 1 of 1 record" in result.stdout.splitlines()
    assert result.stdout.endswith("not reviewed since 2024-03-01: none of 1 record\n")
    result = run("data", "check", path, "--since", "2024-03-02", "--json")
    data = json.loads(result.stdout)
    assert (data["since"], data["not_reviewed"], data["counts"]["not_reviewed"]) == (
        "2024-03-02",
        ["port-sudan"],
        1,
    )
    text = run("data", "check", path, "--since", "2024-04").stdout.splitlines()
    assert text[-2:] == ["not reviewed since 2024-04: 1 of 1 record", "  port-sudan  reviewed 2024-03"]


def test_a_broken_dataset_is_located_and_exits_1(tmp_path: Path) -> None:
    path = small(tmp_path, "reviewed: 2024-02-30")
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "label: Port Sudan\n", "label: Port Sudan\n    flank: east\n"
        )
    )
    result = run("data", "check", path, env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{path}:14:5: error: unknown key 'flank' in records[0] [unknown-key]" in result.stderr
    assert f"{path}:17:15: error: 'reviewed' should be" in result.stderr
    assert "has no day 30 [bad-date]" in result.stderr
    assert "\x1b[" not in result.stderr  # NO_COLOR wins
    assert result.stderr.endswith(f"{path}: 2 errors.\n")
    data = json.loads(run("data", "check", path, "--json").stdout)
    assert data["status"] == "failed" and data["dataset"] == str(path)
    assert sorted(d["code"] for d in data["diagnostics"]) == ["bad-date", "unknown-key"]


def test_a_misquote_and_a_missing_file_exit_1(tmp_path: Path) -> None:
    path = small(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("naval base in Port", "navy base in Port"))
    result = run("data", "check", path)
    assert result.exit_code == 1 and "[quote-not-in-source]" in result.stderr
    result = run("data", "check", tmp_path / "nothing.yaml")
    assert result.exit_code == 1 and "[missing-file]" in result.stderr


def test_warnings_pass_unless_strict_and_sources_can_be_named(tmp_path: Path) -> None:
    path = small(tmp_path)
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "{su: southern-underbelly}", "{su: southern-underbelly, x: southern-underbelly}"
        )
    )
    result = run("data", "check", path)
    assert result.exit_code == 0 and "[unused-source]" in result.stderr
    assert result.stderr.endswith("ok, 1 warning.\n")
    assert run("data", "check", path, "--strict").exit_code == 1
    moved = tmp_path / "elsewhere"
    shutil.move(tmp_path / "sources", moved)
    assert run("data", "check", path).exit_code == 1  # no article to check the quote against
    assert run("data", "check", path, "--sources", moved).exit_code == 0


def test_usage_errors_exit_2_and_help_has_examples() -> None:
    result = run("data", "check", DATASET, "--since", "2024-13-01")
    assert result.exit_code == 2 and "no month 13" in result.stderr
    assert run("data", "check").exit_code == 2
    assert run("data", "audit", DATASET).exit_code == 2
    for args in (("data", "--help"), ("data", "check", "--help")):
        result = run(*args)
        assert result.exit_code == 0 and "Example" in result.stdout
    assert "deckgen data check" in run("--help").stdout
