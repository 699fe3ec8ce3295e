"""deckgen against its peers: every figure of issue 14's table, the references in the same run.

    python benchmarks/peers.py                  # about 3 minutes on 2 cores
    python benchmarks/peers.py --markdown       # the table for docs/benchmarks.md
    python benchmarks/peers.py --full           # adds the 10,000-slide build (3 min 34 s in all last time)
    python benchmarks/peers.py --rev HEAD~1     # benchmark a commit, exported with `git archive`

Every figure is a whole command in a fresh process, interpreter start included, repeated and given
as the median with its range. Ratios are paired: each deckgen run is divided by the reference run
next to it (the order alternates from round to round), and the median is taken over those ratios.
The references: pandoc converting the same slides' text and notes as Markdown, and
``benchmarks/naive.py``, a plain python-pptx script writing the same slides into the same template.
Beside each wall-time ratio the same ratio in CPU time is printed; on a busy machine wall times
stretch, CPU times much less.

A control job (``benchmarks/measure.py``: a fixed pure-Python loop that reports its own wall and CPU
time) runs at the start, around the ``-j`` rows and at the end; its wall/CPU is 1.00 on a quiet core,
and run twice at once it shows whether two cores were free. A busy machine shows there.

The 10,000-slide rows (peak memory, time per slide against 2,000) take one more build of about
ten times the 2,000-slide one, which alone would break the 5-minute budget: they run with --full.
"""

from __future__ import annotations

import argparse
import datetime
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.measure import Control, control  # noqa: E402
from benchmarks.peercases import Case, Setting, noop_rows, scale_rows, training_rows  # noqa: E402

PANDOC = "/usr/bin/pandoc"


@dataclass
class Report:
    """What the run prints: provenance, the control job over the run, and the table's rows."""

    provenance: list[str]
    controls: list[tuple[str, Control, Control]] = field(default_factory=list)
    rows: list[Case] = field(default_factory=list)


def git(*args: str) -> str:
    """A read-only git command in the repository."""
    out = subprocess.run(
        ["git", "--no-optional-locks", *args], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def export(rev: str, into: Path) -> Path:
    """The deckgen package, assets and briefs of commit ``rev``, unpacked into ``into``."""
    into.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", rev, "deckgen", "assets", "briefs"], cwd=ROOT, capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def versions(source: Path, env: dict[str, str]) -> str:
    """The versions that matter, as the measured interpreter sees them."""
    probe = "from importlib.metadata import version as v; print(v('python-pptx'), v('lxml'))"
    pptx, lxml = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    pandoc = subprocess.run([PANDOC, "--version"], capture_output=True, text=True, check=True)
    return (
        f"Python {sys.version.split()[0]}, python-pptx {pptx}, lxml {lxml}, {pandoc.stdout.splitlines()[0]}"
    )


def provenance(args: argparse.Namespace, source: Path, env: dict[str, str]) -> list[str]:
    if args.rev:
        tree = f"commit {git('rev-parse', args.rev)} (exported with git archive)"
    else:
        dirty = git("status", "--porcelain", "--", "deckgen", "assets")
        tree = f"HEAD {git('rev-parse', 'HEAD')}" + (
            " plus uncommitted changes in deckgen/ or assets/" if dirty else ", deckgen/ unchanged"
        )
    load = "/".join(f"{x:.2f}" for x in os.getloadavg())
    stamp = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    return [
        f"deckgen: {tree}",
        f"{stamp}; {os.cpu_count()} cores; load average at the start {load}",
        versions(source, env),
    ]


def render(report: Report, *, markdown: bool, took: float) -> str:
    head = ["figure", "deckgen", "reference, same run", "measured", "in CPU time", "target", "issue's 'now'"]
    cells = [[r.figure, r.ours, r.reference, r.measured, r.cpu, r.target, r.before] for r in report.rows]
    lines = [*report.provenance]
    for when, one, two in report.controls:
        lines.append(f"control loop wall/CPU, {when}: 1 process {one.show()}, 2 at once {two.show()}")
    lines.append(f"load average at the end {'/'.join(f'{x:.2f}' for x in os.getloadavg())}")
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = used.ru_utime + used.ru_stime
    lines.append(
        f"the whole run took {int(took // 60)} min {took % 60:.0f} s; its commands used "
        f"{int(cpu // 60)} min {cpu % 60:.0f} s of CPU, roughly its wall time on idle cores"
    )
    if markdown:
        table = ["| " + " | ".join(head) + " |", "| " + " | ".join(["---"] * len(head)) + " |"]
        table += ["| " + " | ".join(row) + " |" for row in cells]
        return "\n".join([*(f"- {line}" for line in lines), "", *table])
    out = [*lines, ""]
    for row in cells:
        out.append(row[0])
        out += [f"    {name:<20} {value}" for name, value in zip(head[1:], row[1:], strict=True) if value]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--full", action="store_true", help="add the 10,000-slide rows")
    parser.add_argument("--runs", type=int, default=5, help="rounds of the small cases (default 5)")
    parser.add_argument("--big-runs", type=int, default=3, help="rounds at 2,000 slides (default 3)")
    parser.add_argument("--rev", help="benchmark this commit instead of the working tree")
    parser.add_argument("--only", nargs="+", choices=["training", "scale", "noop"])
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="deckgen-peers-") as tmp:
        source = export(args.rev, Path(tmp) / "source") if args.rev else ROOT
        sys.path.insert(0, str(source))  # the in-process plan dumps use the measured deckgen
        setting = Setting.make(source, Path(tmp) / "work", runs=args.runs, big_runs=args.big_runs)
        report = Report(provenance(args, source, setting.env))
        cases: list[tuple[str, Callable[[Setting], list[Case]]]] = [
            ("training", training_rows),
            ("scale", lambda s: scale_rows(s, full=args.full)),
            ("noop", lambda s: noop_rows(s, report.controls)),
        ]
        first = (control(1), control(2))
        for name, rows in cases:
            if args.only is None or name in args.only:
                report.rows += rows(setting)
                print(f"  ... {name} done at {time.perf_counter() - started:.0f} s", file=sys.stderr)
        report.controls[:0] = [("at the start", *first)]
        report.controls.append(("at the end", control(1), control(2)))
    print(render(report, markdown=args.markdown, took=time.perf_counter() - started))


if __name__ == "__main__":
    main()
