"""Bad input never escapes as a traceback: hundreds of mangled briefs give DeckgenError or a plan."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from deckgen import api
from deckgen.core.errors import DeckgenError
from tests.conftest import BRIEFS, EXAMPLES, ROOT

REPLACEMENTS = ("[1, 2]", "{a: b}", "''", "123", "null", "yes", '"su#nope/p9"', "2022-13-40", "-1", '"   "')


def mangle(lines: list[str], rng: random.Random) -> list[str]:
    """Delete a line, replace a value with one of the wrong type, or break the indentation."""
    lines = list(lines)
    for _ in range(rng.randint(1, 3)):
        j = rng.randrange(len(lines))
        roll = rng.random()
        if roll < 0.3:
            del lines[j]
        elif ":" in lines[j] and roll < 0.9:
            key = lines[j].partition(":")[0]
            lines[j] = f"{key}: {rng.choice(REPLACEMENTS)}"
        else:
            lines[j] = lines[j].replace("  ", " ", 1)
    return lines


@pytest.mark.parametrize("name", EXAMPLES)
def test_mangled_briefs_fail_with_located_diagnostics_only(name: str, tmp_path: Path) -> None:
    shutil.copytree(BRIEFS, tmp_path / "briefs")
    shutil.copytree(ROOT / "assets" / "images", tmp_path / "assets" / "images")
    base = (BRIEFS / f"{name}.yaml").read_text(encoding="utf-8").splitlines()
    rng = random.Random(20221)
    failed = 0
    for i in range(120):
        brief = tmp_path / "briefs" / f"mangled-{i}.yaml"
        brief.write_text("\n".join(mangle(base, rng)) + "\n", encoding="utf-8")
        try:
            api.check(brief)
        except DeckgenError as exc:
            failed += 1
            assert exc.diagnostics, brief.read_text()
            assert all(d.loc.path and d.message and d.code for d in exc.diagnostics)
    assert 0 < failed < 120  # most mangles are mistakes; some still plan, and must
