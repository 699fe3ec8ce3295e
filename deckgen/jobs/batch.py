"""Building many briefs: folders expanded, shards chosen, parallel processes, one outcome per brief."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from deckgen.core.errors import DeckgenError, Diagnostic
from deckgen.jobs.manifest import up_to_date
from deckgen.jobs.output import default_output

Status = Literal["built", "skipped", "failed"]


@dataclass(frozen=True)
class BatchOptions:
    out_dir: Path | None = None  # None: decks/ under the current folder
    output: Path | None = None  # only with a single brief
    strict: bool = False
    force: bool = False
    no_cache: bool = False
    sources_dir: Path | None = None


@dataclass(frozen=True)
class Outcome:
    brief: Path
    status: Status
    output: Path | None
    slides: int | None
    seconds: float
    diagnostics: tuple[Diagnostic, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, object]:
        return {
            "brief": str(self.brief),
            "status": self.status,
            "output": str(self.output) if self.output else None,
            "slides": self.slides,
            "seconds": round(self.seconds, 3),
            "diagnostics": [d.as_dict() for d in self.diagnostics],
        }


def collect_briefs(paths: Iterable[Path]) -> list[Path]:
    """Files as given; a folder stands for the ``*.yaml`` briefs directly inside it, sorted."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.glob("*.yaml") if p.is_file()))
            out.extend(sorted(p for p in path.glob("*.yml") if p.is_file()))
        else:
            out.append(path)
    return out


def parse_shard(text: str) -> tuple[int, int]:
    """``K/N`` with 1 <= K <= N; ValueError with a plain message otherwise."""
    try:
        k_text, n_text = text.split("/")
        k, n = int(k_text), int(n_text)
    except ValueError:
        raise ValueError(f"--shard takes K/N, such as 2/4; got {text!r}") from None
    if not 1 <= k <= n:
        raise ValueError(f"--shard {text}: K must be between 1 and N")
    return k, n


def in_shard(brief: Path, k: int, n: int) -> bool:
    """Stable across runs and machines: decided by the brief's file name alone, so adding a brief
    to the folder never moves the others to another shard."""
    digest = hashlib.sha256(brief.name.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % n == k - 1


def build_one(brief: Path, options: BatchOptions) -> Outcome:
    """Build one brief, or skip it when its deck is up to date."""
    return skip_current(brief, options) or _build(brief, options)


def _target(brief: Path, options: BatchOptions) -> Path | None:
    if options.output is None and options.out_dir is not None:
        return options.out_dir / f"{brief.stem}.pptx"
    return options.output


def skip_current(brief: Path, options: BatchOptions) -> Outcome | None:
    """The "skipped" outcome when the brief's deck is up to date, else None (always None with
    ``force``). The scheduled-job fast path: an unchanged deck costs a few file hashes, and the
    pipeline (YAML, python-pptx, matplotlib) is never imported."""
    if options.force:
        return None
    started = time.perf_counter()
    target = _target(brief, options) or default_output(brief)
    done = up_to_date(brief, target, sources_dir=options.sources_dir)
    if done is None:
        return None
    return Outcome(brief, "skipped", target, done.slides, time.perf_counter() - started)


def _build(brief: Path, options: BatchOptions) -> Outcome:
    started = time.perf_counter()
    from deckgen import api

    try:
        result = api.build(
            brief,
            output=_target(brief, options),
            strict=options.strict,
            sources_dir=options.sources_dir,
            no_cache=options.no_cache,
            force=options.force,
        )
    except DeckgenError as exc:
        return Outcome(brief, "failed", None, None, time.perf_counter() - started, exc.diagnostics)
    status: Status = "skipped" if result.skipped else "built"
    return Outcome(brief, status, result.output, result.slides, result.seconds, result.diagnostics)


def run(
    briefs: list[Path],
    options: BatchOptions,
    *,
    jobs: int = 1,
    on_done: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Build every brief; one failure never stops the others. Outcomes come back in brief order.

    With ``jobs`` > 1 the manifests are checked here first, and worker processes are started only
    for the briefs left to build, and only when two or more are: a batch where nothing changed
    starts no process (and never imports ``multiprocessing``)."""
    done: dict[Path, Outcome] = {}
    for outcome in _outcomes(briefs, options, jobs):
        done[outcome.brief] = outcome
        if on_done is not None:
            on_done(outcome)
    return [done[b] for b in briefs]


def _outcomes(briefs: list[Path], options: BatchOptions, jobs: int) -> Iterator[Outcome]:
    if jobs <= 1 or len(briefs) <= 1:
        for brief in briefs:
            yield build_one(brief, options)
        return
    stale: list[Path] = []
    for brief in briefs:
        skipped = skip_current(brief, options)
        if skipped is None:
            stale.append(brief)
        else:
            yield skipped
    if len(stale) <= 1:
        for brief in stale:  # one deck to build: a worker would only add its start-up
            yield _build(brief, options)
        return
    yield from _in_workers(stale, options, min(jobs, len(stale)))


def _in_workers(briefs: list[Path], options: BatchOptions, jobs: int) -> Iterator[Outcome]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # fork: workers inherit the imported modules, so each brief costs no interpreter start-up.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = [pool.submit(_build, brief, options) for brief in briefs]
        for future in as_completed(futures):
            yield future.result()
