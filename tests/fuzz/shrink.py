"""Shrinking a finding to a small reproducer, and saving and loading reproducers.

A finding is shrunk in three passes, each bounded by a deadline: the fewest of the case's
operations that still give the same finding (same kind and signature), then the fewest lines of
the mutated file, then the fewest characters (text only: a zip's bytes are left as they are).
Each pass is delta debugging (ddmin): try dropping chunks of the input, in parallel on the pool,
keep the first smaller input that still fails, and halve the chunks when none does.

A reproducer is a folder ``tests/cases/fuzz/<name>/`` with ``case.json`` (seed, index, base
brief, template, target, the operations drawn, the finding) and ``files/<target>``, the whole
mutated file after shrinking, or, for a template part, ``files/<part>``: that part alone, put back
into the base template on replay. ``tests/fuzz/test_fuzz.py`` replays every one.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from tests.fuzz.corpus import ROOT, TEMPLATE, Case, Op, base_content
from tests.fuzz.mutate import apply_all
from tests.fuzz.runner import Outcome, Pool

REPRODUCERS = ROOT / "tests" / "cases" / "fuzz"
T = TypeVar("T")


def ddmin(items: Sequence[T], fails: Callable[[list[list[T]]], int | None], deadline: float) -> list[T]:
    """A smallest-found sublist of ``items`` that still fails. ``fails`` gets candidate sublists
    and returns the index of the first that fails, or None."""
    current = list(items)
    chunks = 2
    while len(current) >= 2 and time.monotonic() < deadline:
        size = max(1, len(current) // chunks)
        parts = [current[i : i + size] for i in range(0, len(current), size)]
        complements = [[x for j, p in enumerate(parts) if j != i for x in p] for i in range(len(parts))]
        found = fails(parts + complements if chunks > 2 else complements)
        if found is not None:
            candidates = parts + complements if chunks > 2 else complements
            current = candidates[found]
            chunks = 2 if found < len(parts) and chunks > 2 else max(chunks - 1, 2)
        elif size == 1:
            break
        else:
            chunks = min(len(current), chunks * 2)
    return current


def _same(outcome: Outcome, finding: Outcome) -> bool:
    if finding.kind == "hang":  # where a hang is caught in the act varies from run to run
        return outcome.kind == "hang"
    return outcome.kind == finding.kind and outcome.signature == finding.signature


def shrink(case: Case, finding: Outcome, pool: Pool, seconds: float = 120.0) -> Case:
    """A smaller case with the same finding; at most ``seconds`` spent."""
    deadline = time.monotonic() + seconds

    def first_failing(candidates: list[Case]) -> int | None:
        for start in range(0, len(candidates), len(pool.slots)):
            batch = candidates[start : start + len(pool.slots)]
            for offset, outcome in enumerate(pool.run_all(batch)):
                if _same(outcome, finding):
                    return start + offset
            if time.monotonic() > deadline:
                return None
        return None

    original = base_content(case)

    def with_ops(ops: list[Op]) -> Case:
        return replace(case, ops=tuple(ops), content=apply_all(original, ops))

    ops = ddmin(case.ops, lambda subsets: first_failing([with_ops(s) for s in subsets]), deadline)
    case = with_ops(ops) if len(ops) < len(case.ops) else case
    if case.target == TEMPLATE and case.part is None:
        return case  # zip bytes: the operations are the reproducer
    text = case.content.decode("utf-8", "surrogateescape")

    def with_text(pieces: list[list[str]]) -> list[Case]:
        return [replace(case, content="".join(p).encode("utf-8", "surrogateescape")) for p in pieces]

    lines = ddmin(text.splitlines(keepends=True), lambda s: first_failing(with_text(s)), deadline)
    chars = ddmin(list("".join(lines)), lambda s: first_failing(with_text(s)), deadline)
    return replace(case, content="".join(chars).encode("utf-8", "surrogateescape"))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def save(case: Case, finding: Outcome, original_ops: tuple[Op, ...], folder: Path = REPRODUCERS) -> Path:
    """Write the reproducer for ``case``; returns its folder."""
    target = folder / f"{slug(finding.signature)}-s{case.seed}-{case.index}"
    # A template part is saved alone (reviewable XML); replay puts it back in the base template.
    saved = target / "files" / (case.part or case.target)
    saved.parent.mkdir(parents=True, exist_ok=True)
    saved.write_bytes(case.content if case.part else case.files()[case.target])
    record: dict[str, Any] = {
        "seed": case.seed,
        "index": case.index,
        "brief": case.brief,
        "template": case.template,
        "target": case.target,
        "part": case.part,
        "build": case.build,
        "mutations": [_short(op.as_dict()) for op in original_ops],
        "mutations_after_shrinking": [_short(op.as_dict()) for op in case.ops],
        "finding": {"kind": finding.kind, "signature": finding.signature, "detail": finding.detail[-2000:]},
        "again": f"python -m tests.fuzz --case {case.seed}:{case.index}",
    }
    text = json.dumps(record, indent=2, ensure_ascii=True) + "\n"
    (target / "case.json").write_text(text, encoding="utf-8")
    return target


def _short(op: dict[str, Any]) -> dict[str, Any]:
    """An operation for the record: a long value is cut (``--case SEED:INDEX`` makes it again)."""
    value = str(op["value"])
    if len(value) > 200:
        op = {**op, "value": value[:100] + f"... ({len(value):,} characters)"}
    return op


def load(folder: Path) -> Case:
    """The case a reproducer folder holds: its base project with the saved file in place."""
    record = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    content = (folder / "files" / (record["part"] or record["target"])).read_bytes()
    return Case(
        seed=record["seed"],
        index=record["index"],
        brief=record["brief"],
        target=record["target"],
        ops=(),
        content=content,
        template=record["template"],
        part=record["part"],
        build=record["build"],
    )


def reproducers(folder: Path = REPRODUCERS) -> list[Path]:
    return sorted(path.parent for path in folder.glob("*/case.json"))
