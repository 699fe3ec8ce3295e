"""``deckgen review``: where it writes, atomically and only for a brief without errors; JSON;
exit codes and colours as the other commands have them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from deckgen import api
from deckgen.cli.main import main
from deckgen.review.html import render_html
from tests.hostile.kit import located, project
from tests.review.inputs import EXAMPLE_BRIEFS, HEAD, flawed
from tests.review.page import figures, parse

BROKEN = """  - kind: bullets
    title: A
    cite: su#sahell/p1
    bullets: [one]
"""


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    # color=True: click keeps colour codes as it would on a terminal, so NO_COLOR is what drops them.
    return CliRunner().invoke(main, [str(a) for a in args], env=env, color=True)


def test_help_has_examples() -> None:
    result = run("review", "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and "deckgen review briefs/" in result.stdout
    assert "decks/<brief>.review.html" in result.stdout and "--json" in result.stdout


def test_writes_beside_the_deck_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    flawed(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("review", "brief.yaml")
    assert result.exit_code == 0, result.output
    written = tmp_path / "decks" / "brief.review.html"
    assert written.read_text(encoding="utf-8") == render_html(api.review(Path("brief.yaml")).sheet)
    assert "wrote decks/brief.review.html (4 slides; " in result.stderr
    assert "[unsupported-term]" in result.stderr  # the warnings, as check prints them


def test_output_is_written_atomically_and_the_same_twice(tmp_path: Path) -> None:
    brief = flawed(tmp_path)
    out = tmp_path / "out" / "review.html"
    assert run("review", brief, "-o", out).exit_code == 0
    first = out.read_bytes()
    # A rename replaces the link itself: what it pointed at is never half-written.
    target = tmp_path / "elsewhere.html"
    target.write_text("keep me", encoding="utf-8")
    out.unlink()
    out.symlink_to(target)
    assert run("review", brief, "-o", out).exit_code == 0
    assert not out.is_symlink() and out.read_bytes() == first
    assert target.read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in out.parent.iterdir()) == ["review.html"]  # no temp files left


def test_stdout_with_a_dash() -> None:
    result = run("review", EXAMPLE_BRIEFS[1], "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert result.stdout == render_html(api.review(EXAMPLE_BRIEFS[1]).sheet)


def test_json_has_the_counts_the_page_shows(tmp_path: Path) -> None:
    brief = flawed(tmp_path)
    page = tmp_path / "review.html"
    assert run("review", brief, "-o", page).exit_code == 0
    result = run("review", brief, "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    shown = figures(parse(page.read_text(encoding="utf-8")))
    summary = data["summary"]
    assert shown["unsupported terms"] == summary["unsupported_terms"] > 0
    assert shown["uncited slides"] == summary["uncited_slides"] == 1
    assert shown["staff synthesis statements"] == summary["synthesis"] == 1
    assert shown["warnings"] == summary["warnings"] == len(data["warnings"])
    assert shown["statements checked"] == summary["claims_checked"]
    assert shown["terms checked"] == summary["terms_checked"]
    assert shown["cited paragraphs"] == summary["citations"]
    assert summary["clean"] is False
    saved = tmp_path / "review.json"
    assert run("review", brief, "--json", "-o", saved).exit_code == 0
    assert saved.read_text(encoding="utf-8") == result.stdout


def test_a_brief_with_errors_writes_nothing(tmp_path: Path) -> None:
    brief = project(tmp_path, BROKEN, head=HEAD)
    out = tmp_path / "review.html"
    result = run("review", brief, "-o", out)
    located(result, brief, "unresolved-address", 12)
    assert "no review written" in result.stderr
    assert not out.exists()
    out.write_text("the last good review", encoding="utf-8")
    assert run("review", brief, "-o", out).exit_code == 1
    assert out.read_text(encoding="utf-8") == "the last good review"
    # Same diagnostics and exit code as check.
    assert run("check", brief).stderr.splitlines()[:4] == result.stderr.splitlines()[:4]
    as_json = run("review", brief, "--json")
    assert as_json.exit_code == 1
    report = json.loads(as_json.stdout)
    assert report["status"] == "failed" and report["diagnostics"][0]["code"] == "unresolved-address"


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("review").exit_code == 2
    assert run("review", EXAMPLE_BRIEFS[1], "--frobnicate").exit_code == 2
    assert run("review", EXAMPLE_BRIEFS[1], "-o", tmp_path).exit_code == 2
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = run("review", EXAMPLE_BRIEFS[1], "-o", fifo)
    assert result.exit_code == 2 and "named pipe" in result.stderr


def test_no_color_turns_colours_off(tmp_path: Path) -> None:
    brief = flawed(tmp_path)
    out = tmp_path / "review.html"
    coloured = run("review", brief, "-o", out, env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[" in coloured.stderr
    plain = run("review", brief, "-o", out, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert plain.exit_code == 0 and "\x1b[" not in plain.stderr
    assert "\x1b[" not in out.read_text(encoding="utf-8")
