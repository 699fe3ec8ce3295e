"""Running fuzz cases: each in a worker process under a time budget, its outcome classified.

A worker imports deckgen once, then runs cases sent to it: it writes the case's project to a
fresh folder, runs ``api.check`` (and ``api.build`` when the case asks), and sends back an
``Outcome``. The parent kills a worker whose case runs over the budget (a hang) and starts
another; a worker that dies (a segfault, the memory limit) is a finding too.
"""

from __future__ import annotations

import contextlib
import faulthandler
import multiprocessing
import os
import re
import resource
import shutil
import signal
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from tests.fuzz.corpus import ROOT, Case

BUDGET = 10.0  # seconds a case may take before it counts as a hang
MEMORY_LIMIT = 3 * 1024**3  # address space a worker may map; past it allocation fails
FINDINGS = ("crash", "unlocated", "hang", "died")
TEXT_SUFFIXES = (".yaml", ".yml", ".md")


@dataclass
class Outcome:
    """``kind``: ok, located (a DeckgenError, every diagnostic located), or a finding: crash
    (another exception), unlocated (a diagnostic without a place), hang, died (the worker)."""

    kind: str
    seconds: float = 0.0
    rss_mb: float = 0.0  # the worker's peak resident memory so far
    signature: str = ""  # what makes two findings the same one, for shrinking
    detail: str = ""

    @property
    def is_finding(self) -> bool:
        return self.kind in FINDINGS


def unlocated(diagnostics: Iterable[Any], folder: Path) -> str | None:
    """Why one of ``diagnostics`` is not located, or None when all are.

    Located (as tests/hostile/kit.py and tests/test_robustness.py have it): a path, a message
    and a code; and, when the path is a text file of the case (a brief, article, dataset or
    profile), a line from 1 to the file's last line (+1, for "at the end of the file").
    """
    for d in diagnostics:
        if not (d.loc.path and d.message.strip() and d.code):
            return f"diagnostic without a path, message or code: {d!r}"[:500]
        path = Path(d.loc.path)
        if path.suffix not in TEXT_SUFFIXES or not path.is_file():
            continue
        if not path.resolve().is_relative_to(folder.resolve()):
            return f"diagnostic about a file outside the case: {d.loc}"
        text = path.read_bytes().decode("utf-8", "replace")
        last = max(len(text.splitlines()), text.count("\n")) + 1
        if not 1 <= d.loc.line <= last:
            return f"[{d.code}] {d.message[:200]} at line {d.loc.line} of a {last - 1}-line file".replace(
                str(folder), "<case>"
            )
    return None


def signature(exc: BaseException) -> str:
    """The exception's type and the deepest deckgen frame it passed through."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if f"{os.sep}deckgen{os.sep}" in f.filename]
    chosen = ours or frames
    where = f"{Path(chosen[-1].filename).name}:{chosen[-1].name}" if chosen else "?"
    return f"{type(exc).__name__} in {where}"


def run_case(case: Case, folder: Path) -> Outcome:
    """Run one case in ``folder`` (made and removed here), in this process."""
    from deckgen import api
    from deckgen.core.errors import DeckgenError

    started = time.perf_counter()
    folder.mkdir(parents=True)
    try:
        brief = case.write(folder)
        try:
            checked = api.check(brief)
            why = unlocated(checked.diagnostics, folder)
            if case.build and why is None:
                built = api.build(brief, output=folder / "out" / "deck.pptx", force=True)
                why = unlocated(built.diagnostics, folder)
            outcome = Outcome("ok") if why is None else Outcome("unlocated", signature=why, detail=why)
        except DeckgenError as exc:
            why = (
                unlocated(exc.diagnostics, folder) if exc.diagnostics else "DeckgenError without diagnostics"
            )
            codes = ",".join(sorted({d.code for d in exc.diagnostics}))
            outcome = (
                Outcome("located", detail=codes)
                if why is None
                else Outcome("unlocated", signature=why, detail=why)
            )
        except Exception as exc:  # every other exception is what the fuzzer looks for
            text = traceback.format_exc().replace(str(folder), "<case>").replace(f"{ROOT}{os.sep}", "")
            outcome = Outcome("crash", signature=signature(exc), detail=text[-4000:])
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    outcome.seconds = time.perf_counter() - started
    outcome.rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return outcome


def _worker(conn: Connection, folder: str) -> None:
    """A worker's life: import deckgen, say so, then run each case sent until None."""
    os.environ["MPLCONFIGDIR"] = os.path.join(folder, "mpl")
    os.environ["DECKGEN_CACHE_DIR"] = os.path.join(folder, "cache")
    import deckgen.api
    import deckgen.charts.draw
    import deckgen.render  # noqa: F401  (imported now, so a case's time is its own)

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    # On SIGUSR1 (a case over budget), the stack goes to a file: where the case hangs.
    stacks = open(os.path.join(folder, "stack.txt"), "w")  # noqa: SIM115 (open for the worker's life)
    faulthandler.register(signal.SIGUSR1, file=stacks, all_threads=False)
    conn.send("ready")
    count = 0
    while True:
        try:
            case = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if case is None:
            return
        count += 1
        conn.send(run_case(case, Path(folder) / f"case-{count}"))


@dataclass
class _Slot:
    process: BaseProcess
    conn: Connection
    folder: str  # the worker's own, under the pool's
    case: Case | None = None
    started: float = 0.0


class Pool:
    """``jobs`` worker processes running cases with a time budget each; a context manager."""

    def __init__(self, jobs: int = 2, budget: float = BUDGET) -> None:
        self.budget = budget
        self.folder = tempfile.mkdtemp(prefix="deckgen-fuzz-")
        self._context = multiprocessing.get_context("spawn")
        self.slots = [self._start(n) for n in range(jobs)]

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _start(self, n: int) -> _Slot:
        parent, child = self._context.Pipe()
        name = f"worker-{n}-{time.monotonic_ns()}"
        folder = os.path.join(self.folder, name)
        os.makedirs(folder)
        process = self._context.Process(target=_worker, args=(child, folder), daemon=True)
        process.start()
        child.close()
        if not parent.poll(120) or parent.recv() != "ready":
            raise RuntimeError("a fuzz worker did not start")
        return _Slot(process, parent, name)

    def _restart(self, slot: _Slot) -> None:
        slot.process.kill()  # only ever a worker this pool started
        slot.process.join()
        slot.conn.close()
        fresh = self._start(self.slots.index(slot))
        slot.process, slot.conn, slot.folder, slot.case = fresh.process, fresh.conn, fresh.folder, None

    def run(self, cases: Iterable[Case], on_result: Callable[[Case, Outcome], None]) -> None:
        """Run every case, calling ``on_result`` with each outcome as it comes (in any order)."""
        pending: Iterator[Case] = iter(cases)
        exhausted = False
        while True:
            for slot in self.slots:
                if slot.case is None and not exhausted:
                    case = next(pending, None)
                    if case is None:
                        exhausted = True
                        break
                    slot.conn.send(case)
                    slot.case, slot.started = case, time.monotonic()
            busy = [slot for slot in self.slots if slot.case is not None]
            if not busy:
                return
            timeout = max(0.0, min(slot.started + self.budget for slot in busy) - time.monotonic())
            ready = wait([slot.conn for slot in busy], timeout=timeout + 0.05)
            for slot in busy:
                self._collect(slot, slot.conn in ready, on_result)

    def _collect(self, slot: _Slot, ready: bool, on_result: Callable[[Case, Outcome], None]) -> None:
        case = slot.case
        assert case is not None
        if ready:
            try:
                outcome = slot.conn.recv()
            except (EOFError, OSError):
                slot.process.join(5)
                code = slot.process.exitcode
                outcome = Outcome("died", signature=f"worker died ({code})", detail=f"exit code {code}")
                self._restart(slot)
            slot.case = None
            on_result(case, outcome)
        elif time.monotonic() - slot.started > self.budget:
            where = self._where(slot)
            self._restart(slot)
            outcome = Outcome("hang", seconds=self.budget, signature=f"hang in {where}", detail=where)
            on_result(case, outcome)

    def _where(self, slot: _Slot) -> str:
        """Where the worker is stuck: the deepest deckgen frame of its stack (faulthandler)."""
        assert slot.process.pid is not None
        stack = Path(self.folder) / slot.folder / "stack.txt"
        os.kill(slot.process.pid, signal.SIGUSR1)  # a worker this pool started
        for _ in range(20):
            time.sleep(0.05)
            text = stack.read_text(encoding="utf-8", errors="replace") if stack.exists() else ""
            if text.strip():
                break
        frames = re.findall(r'File "([^"]+)", line \d+ in (\S+)', text)
        ours = [f"{Path(file).name}:{name}" for file, name in frames if f"{os.sep}deckgen{os.sep}" in file]
        return (ours or [f"{Path(file).name}:{name}" for file, name in frames] or ["?"])[0]

    def run_all(self, cases: list[Case]) -> list[Outcome]:
        """Outcomes in the order of ``cases``."""
        found: dict[int, Outcome] = {}
        self.run(cases, lambda case, outcome: found.__setitem__(id(case), outcome))
        return [found[id(case)] for case in cases]

    def close(self) -> None:
        for slot in self.slots:
            with contextlib.suppress(OSError):  # a worker that died has closed its end
                slot.conn.send(None)
        for slot in self.slots:
            slot.process.join(10)
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join()
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass
class Tally:
    """Counts over a run, and the first case of each finding."""

    cases: int = 0
    counts: dict[str, int] | None = None
    max_seconds: float = 0.0
    slowest: str = ""
    max_rss_mb: float = 0.0
    findings: dict[str, tuple[Case, Outcome]] | None = None

    def add(self, case: Case, outcome: Outcome) -> None:
        self.counts = self.counts or {}
        self.findings = self.findings if self.findings is not None else {}
        self.cases += 1
        self.counts[outcome.kind] = self.counts.get(outcome.kind, 0) + 1
        if outcome.seconds > self.max_seconds:
            self.max_seconds, self.slowest = outcome.seconds, case.name
        self.max_rss_mb = max(self.max_rss_mb, outcome.rss_mb)
        if outcome.is_finding:
            self.findings.setdefault(f"{outcome.kind}: {outcome.signature}", (case, outcome))

    def count(self, kind: str) -> int:
        return (self.counts or {}).get(kind, 0)

    def summary(self) -> str:
        return (
            f"cases {self.cases} | ok {self.count('ok')} | located errors {self.count('located')} | "
            f"crashes {self.count('crash')} | hangs {self.count('hang')} | "
            f"unlocated {self.count('unlocated')} | workers died {self.count('died')}\n"
            f"max time {self.max_seconds:.2f} s ({self.slowest}) | max RSS {self.max_rss_mb:.0f} MB"
        )
