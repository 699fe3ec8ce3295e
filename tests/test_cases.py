"""Golden cases: tests/cases/<name>/brief.yaml against expected.err or expected.deck.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli.main import main
from tests.conftest import ROOT
from tests.deckview import assert_invariants, dump_deck

CASES = ROOT / "tests" / "cases"
ERROR_CASES = sorted(p.parent.name for p in CASES.glob("*/expected.err"))
DECK_CASES = sorted(p.parent.name for p in CASES.glob("*/expected.deck.json"))


def _relative(case: str) -> str:
    return f"tests/cases/{case}/brief.yaml"


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.mark.parametrize("case", ERROR_CASES)
def test_error_output_is_exact(case: str, in_root: None, update_goldens: bool, tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    args = ["build", _relative(case), "--sources", "briefs/sources", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert not out.exists(), "a brief with errors must not write a deck"
    expected = CASES / case / "expected.err"
    if update_goldens:
        expected.write_text(result.stderr, encoding="utf-8")
    assert result.stderr == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", DECK_CASES)
def test_deck_dump_matches(case: str, in_root: None, update_goldens: bool, tmp_path: Path) -> None:
    out = tmp_path / f"{case}.pptx"
    args = ["build", _relative(case), "--sources", "briefs/sources", "-o", str(out), "--strict"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    dump = dump_deck(out)
    expected = CASES / case / "expected.deck.json"
    text = json.dumps(dump, indent=2, ensure_ascii=False) + "\n"
    if update_goldens:
        expected.write_text(text, encoding="utf-8")
    assert text == expected.read_text(encoding="utf-8")
    assert_invariants(out, slide_count=len(dump["slides"]))


def test_five_mistakes_give_five_located_errors(in_root: None) -> None:
    result = CliRunner().invoke(
        main, ["check", _relative("five-mistakes"), "--sources", "briefs/sources", "--json"]
    )
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    diags = report["briefs"][0]["diagnostics"]
    codes = sorted(d["code"] for d in diags)
    assert codes == sorted(
        ["unknown-key", "unknown-kind", "unresolved-address", "quote-not-in-source", "missing-file"]
    )
    for d in diags:
        assert d["line"] > 0 and d["col"] > 0 and d["hint"], d
