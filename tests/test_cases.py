"""Golden cases: tests/cases/<name>/brief.yaml against its expected.* files.

* ``expected.err``: a brief with mistakes; ``deckgen build``'s exact error output.
* ``expected.deck.json``: a brief that builds; the deck read back (tests/deckview.py).
* ``expected.plan.json``: every brief that plans; ``deckgen plan``'s JSON with absolute paths
  replaced by placeholders (see ``PLACEHOLDERS``). No deck is rendered, so these run fast and show a
  change in planning apart from a change in rendering.

``pytest --update-goldens`` rewrites them all from the current output (read the diff!).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from deckgen.cli.main import main
from tests.conftest import ROOT
from tests.deckview import assert_invariants, dump_deck

CASES = ROOT / "tests" / "cases"
ALL_CASES = sorted(p.parent.name for p in CASES.glob("*/brief.yaml"))
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


def test_every_case_has_a_golden() -> None:
    """So the parametrised tests above cannot pass by running nothing."""
    assert ERROR_CASES and DECK_CASES
    assert sorted(ERROR_CASES + DECK_CASES) == ALL_CASES, "each case has expected.err or expected.deck.json"


# --- plan JSON --------------------------------------------------------------------------


def placeholders(case: str) -> list[tuple[str, str]]:
    """Absolute paths that differ between machines, most specific first, and what replaces them."""
    from deckgen.core.assets import assets_dir

    paths = [
        (CASES / case, "<case>"),
        (assets_dir(), "<assets>"),
        (ROOT, "<repo>"),
    ]
    if os.environ.get("DECKGEN_CACHE_DIR"):
        paths.append((Path(os.environ["DECKGEN_CACHE_DIR"]), "<chart-cache>"))
    found = [(str(path.resolve()), name) for path, name in paths]
    found += [(str(path), name) for path, name in paths if str(path) != str(path.resolve())]
    return sorted(found, key=lambda pair: len(pair[0]), reverse=True)


def normalise(value: Any, replacements: list[tuple[str, str]]) -> Any:
    """``value`` with every occurrence of a machine's path, in any string, replaced by a placeholder."""
    if isinstance(value, str):
        for path, name in replacements:
            value = value.replace(path, name)
        return value
    if isinstance(value, list):
        return [normalise(v, replacements) for v in value]
    if isinstance(value, dict):
        return {normalise(k, replacements): normalise(v, replacements) for k, v in value.items()}
    return value


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*strings(k), *strings(v))]
    return []


def test_normalise_replaces_the_most_specific_path() -> None:
    found = normalise(
        {"template": f"{ROOT}/assets/templates/briefing.pptx", "image": f"{CASES}/x/map.png", "n": [1]},
        placeholders("x"),
    )
    assert found["image"] == "<case>/map.png" and found["n"] == [1]
    assert found["template"] in ("<assets>/templates/briefing.pptx", "<repo>/assets/templates/briefing.pptx")


@pytest.mark.parametrize("case", ALL_CASES)
def test_plan_json_matches(case: str, in_root: None, update_goldens: bool) -> None:
    expected = CASES / case / "expected.plan.json"
    result = CliRunner().invoke(main, ["plan", _relative(case), "--sources", "briefs/sources"])
    if isinstance(result.exception, Exception) and not isinstance(result.exception, SystemExit):
        raise result.exception
    if result.exit_code != 0:
        # A brief that does not plan has its error output checked against expected.err instead.
        assert result.exit_code == 1 and case in ERROR_CASES, result.output
        if update_goldens:
            expected.unlink(missing_ok=True)
        assert not expected.exists(), f"{case} no longer plans: remove {expected.relative_to(ROOT)}"
        return
    plan = normalise(json.loads(result.stdout), placeholders(case))
    text = json.dumps(plan, indent=2, ensure_ascii=False) + "\n"
    if update_goldens:
        expected.write_text(text, encoding="utf-8")
    assert expected.is_file(), f"{case} plans but has no {expected.name}: run pytest --update-goldens"
    left = [v for v in strings(plan) if v.startswith("/") or v[1:3] == ":\\"]
    assert not left, f"absolute paths left in the plan: {left}"
    assert text == expected.read_text(encoding="utf-8")
