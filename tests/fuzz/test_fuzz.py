"""The fuzzer in the test suite: a bounded, seeded sample of cases, every saved reproducer replayed,
and the fuzzer's own parts checked (what counts as located, the shrinker).

The sample is ``SEEDS`` x ``CASES`` cases (set DECKGEN_FUZZ_CASES to change the count per seed);
a failure names the seed and case, and ``python -m tests.fuzz --case SEED:INDEX`` runs it again,
shrinks it and saves the reproducer. docs/fuzzing.md has the rest.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from deckgen.core.errors import Diagnostic, Loc
from tests.fuzz.corpus import Case
from tests.fuzz.mutate import make_case
from tests.fuzz.runner import Pool, Tally, unlocated
from tests.fuzz.shrink import ddmin, load, reproducers

SEEDS = (101, 102, 103, 104)
CASES = int(os.environ.get("DECKGEN_FUZZ_CASES", "200"))


@pytest.fixture(scope="module")
def pool() -> Iterator[Pool]:
    with Pool(jobs=2) as workers:
        yield workers


def _report(tally: Tally) -> str:
    blocks = []
    for name, (case, outcome) in (tally.findings or {}).items():
        ops = "\n    ".join(op.describe() for op in case.ops)
        blocks.append(
            f"{name}\n  {case.name}: {case.target} {case.part or ''}\n    {ops}\n"
            f"  again: python -m tests.fuzz --case {case.seed}:{case.index}\n{outcome.detail[-1500:]}"
        )
    return "\n\n".join(blocks)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_seeded_sample_gives_a_deck_or_located_errors(pool: Pool, seed: int) -> None:
    tally = Tally()
    pool.run((make_case(seed, index) for index in range(CASES)), tally.add)
    assert tally.cases == CASES
    assert not tally.findings, _report(tally)
    assert tally.count("ok") and tally.count("located")  # the sample reaches both


@pytest.mark.parametrize("folder", reproducers(), ids=lambda folder: folder.name)
def test_a_saved_reproducer_stays_fixed(pool: Pool, folder: Path) -> None:
    case = load(folder)
    (outcome,) = pool.run_all([case])
    assert not outcome.is_finding, f"{folder.name}: {outcome.kind} {outcome.signature}\n{outcome.detail}"


def test_reproducers_are_saved_with_their_record() -> None:
    for folder in reproducers():
        case = load(folder)
        assert isinstance(case, Case) and case.content, folder


def test_located_means_a_place_inside_a_text_file(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text("a: 1\nb: 2\n", encoding="utf-8")
    template = tmp_path / "corp.pptx"
    template.write_bytes(b"PK\x03\x04")

    def diag(path: Path, line: int, code: str = "bad") -> Diagnostic:
        return Diagnostic(Loc(str(path), line, 1), code, "a message")

    assert unlocated([diag(brief, 2), diag(brief, 3), diag(template, 0)], tmp_path) is None
    assert unlocated([diag(brief, 0)], tmp_path) is not None  # inside a text file, no line
    assert unlocated([diag(brief, 40)], tmp_path) is not None  # past the end of the file
    assert unlocated([diag(brief, 1, code="")], tmp_path) is not None  # no code
    assert unlocated([diag(tmp_path / "missing.yaml", 0)], tmp_path) is None  # nothing to point into


def test_ddmin_finds_the_items_that_matter() -> None:
    def first_failing(candidates: list[list[int]]) -> int | None:
        return next((n for n, c in enumerate(candidates) if {13, 71} <= set(c)), None)

    assert ddmin(list(range(100)), first_failing, deadline=float("inf")) == [13, 71]


def test_cases_are_the_same_every_time() -> None:
    first, again = make_case(7, 4711), make_case(7, 4711)
    assert (first.target, first.ops, first.content) == (again.target, again.ops, again.content)


def test_a_hyphenated_run_is_wrapped_with_work_that_follows_its_lines() -> None:
    # Found by the fuzzer: a 100,000-character bullet of hyphens ("Seco-----...") is 100,000
    # chunks, and adding them to a line one by one took 10 s to check; now about a second.
    from deckgen.fit.wrap import _wrap_part

    calls = 0

    def fits(line: str) -> bool:
        nonlocal calls
        calls += 1
        return len(line) <= 50

    lines = _wrap_part("a" + "-" * 99_999, fits)
    assert "".join(lines) == "a" + "-" * 99_999 and all(len(line) <= 50 for line in lines)
    assert calls < 20 * len(lines), calls  # a doubling and a binary search a line, not 50 calls
