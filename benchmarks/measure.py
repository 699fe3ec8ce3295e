"""Measuring whole commands for the peer benchmarks: wall time, CPU time, peak memory, a control job.

A command runs under GNU time (``/usr/bin/time``) for its peak resident memory; its wall time is
taken around it with ``perf_counter`` (GNU time's own clock has only 10 ms steps), and its CPU
time (user and system, its children included) from ``getrusage(RUSAGE_CHILDREN)`` before and after.
On a busy machine a command's wall time grows while its CPU time mostly does not, so both are kept.

The control job is a fixed pure-Python loop that reports its own wall and CPU time. On a quiet core
the two are equal (wall/CPU = 1.0); at 2.0 the loop got half a core. Run twice at once, the loops
show whether two cores were free, which is what ``-j 2`` needs.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

GNU_TIME = "/usr/bin/time"
LOOP_ITERATIONS = 3_000_000  # about 0.3 s of CPU on the 2-core development machine
_LOOP = f"""
import time
wall, cpu = time.perf_counter(), time.process_time()
total = 0
for i in range({LOOP_ITERATIONS}):
    total += i * i % 7
print(time.perf_counter() - wall, time.process_time() - cpu)
"""


@dataclass(frozen=True)
class Sample:
    """One run of one command."""

    seconds: float  # wall
    cpu: float  # user + system, the command and every child it waited for
    peak_mb: float  # the largest resident set of the command or any one child


@dataclass(frozen=True)
class Spread:
    """The median of several values and their range."""

    median: float
    low: float
    high: float

    @classmethod
    def of(cls, values: list[float]) -> Spread:
        if not values:
            raise ValueError("a spread of no values")
        return cls(statistics.median(values), min(values), max(values))

    def show(self, unit: str = "", digits: int = 2) -> str:
        def f(value: float) -> str:
            return f"{value:.{digits}f}"

        if f(self.low) == f(self.high):
            return f"{f(self.median)}{unit}"
        return f"{f(self.median)}{unit} ({f(self.low)}-{f(self.high)})"


def bench_env(source: Path, work: Path) -> dict[str, str]:
    """The environment deckgen runs in for a benchmark: the tree ``source``'s code, no colour, a
    chart cache in the scratch folder ``work`` and a writable matplotlib cache."""
    return {
        **os.environ,
        "PYTHONPATH": str(source),
        "NO_COLOR": "1",
        "DECKGEN_CACHE_DIR": str(work / "chart-cache"),
        "MPLCONFIGDIR": os.environ.get("MPLCONFIGDIR", "/tmp/deckgen-mpl"),
    }


def run(cmd: list[str], *, cwd: Path, env: dict[str, str]) -> Sample:
    """Run ``cmd`` to completion and measure it; a failing command stops the benchmark."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(
            [GNU_TIME, "-f", "%M", "-o", report.name, *cmd],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
        )
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n{done.stderr[-2000:]}")
        kilobytes = int(Path(report.name).read_text().split()[-1])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Sample(seconds=wall, cpu=cpu, peak_mb=kilobytes / 1024)


@dataclass(frozen=True)
class Control:
    """The control loop, run by ``processes`` interpreters at once: each one's wall/CPU."""

    processes: int
    loop_seconds: float  # the slowest loop's wall time
    stretch: float  # the mean of wall/CPU over the loops: 1.0 = each had a whole core

    def show(self) -> str:
        return f"{self.stretch:.2f} ({self.loop_seconds:.2f} s wall)"


def control(processes: int) -> Control:
    """Time the fixed loop in ``processes`` fresh interpreters started together."""
    started = [
        subprocess.Popen([sys.executable, "-c", _LOOP], stdout=subprocess.PIPE, text=True)
        for _ in range(processes)
    ]
    walls, stretches = [], []
    for process in started:
        out, _ = process.communicate()
        wall, cpu = (float(v) for v in out.split())
        walls.append(wall)
        stretches.append(wall / cpu)
    return Control(processes, max(walls), statistics.fmean(stretches))
