"""The edit loop under ``deckgen watch``: from a save to the diagnostics printed, and to a rebuilt deck.

    python benchmarks/watch.py            # about a minute on 2 cores; --markdown for docs/benchmarks.md

A real ``deckgen watch`` runs on a scratch copy of the briefs; each save changes one line of the
training brief (a different line each time, so every save is new content). A reader thread
stamps each line of the watch's output as it arrives; the figure is the median, over the saves,
of the time from the save's ``close()`` to the line that answers it: the check's status line, or
the ``built …`` line with ``--build``. It includes the watch's debounce (``STEP_MS`` in
``deckgen/watch/feed.py``), which a user waits for too.

The reference, in the same run: pandoc making a .pptx from the equivalent Markdown deck, a fresh
process each time as pandoc always is (median of 5). Two pairs: the 16-slide text deck of
``benchmarks/run.py`` (``markdown_deck`` against ``text_brief``: the same slides, text and notes)
and the training deck, as Markdown written from its plan (the same 30 slide titles, text and
notes; pandoc has no chart, so its charts are left out, which favours pandoc).
"""

from __future__ import annotations

import argparse
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.briefgen import markdown_deck, text_brief  # noqa: E402
from benchmarks.measure import bench_env  # noqa: E402
from benchmarks.run import Row, project, render  # noqa: E402

TRAINING = "southern-flank-training.yaml"
TARGET_MS = 100.0
_CHECK_TIME = re.compile(r": ok, .*\((\d+\.\d+) s\)\.$")
PATIENCE = 120.0


class Watch:
    """``deckgen watch`` in a subprocess; each stderr line is kept with the time it arrived."""

    def __init__(self, args: list[str], *, cwd: Path, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "deckgen", "watch", "--no-clear", *args],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        self.checks: list[float] = []  # the check's own time, as each status line gives it
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put((time.perf_counter(), line.rstrip("\n")))
            if (took := _CHECK_TIME.search(line)) is not None:
                self.checks.append(float(took.group(1)))

    def wait_for(self, wanted: Callable[[str], bool], timeout: float = PATIENCE) -> float | None:
        """The arrival time of the first line ``wanted`` accepts, None after ``timeout``."""
        deadline = time.perf_counter() + timeout
        while (left := deadline - time.perf_counter()) > 0:
            try:
                stamp, line = self.lines.get(timeout=left)
            except queue.Empty:
                return None
            if "error:" in line and "input-changed" not in line:
                raise SystemExit(f"the benchmark brief failed: {line}")
            if wanted(line):
                return stamp
        return None

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=PATIENCE)


def save(path: Path, text: str) -> float:
    """Write ``text`` as an editor does (whole file) and return the time the write finished."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write(text)
    return time.perf_counter()


def latencies(watch: Watch, brief: Path, answer: Callable[[str], bool], saves: int) -> list[float]:
    """Seconds from each save to its answer; the first save is repeated until the watch is up."""
    original = brief.read_text(encoding="utf-8")
    marker = "Let the room read the map"
    assert marker in original, f"{brief} no longer says {marker!r}"
    for attempt in range(30):  # the watch may not have started its file-system watch yet
        save(brief, original.replace(marker, f"{marker} (warm-up {attempt})"))
        if watch.wait_for(answer, timeout=5.0) is not None:
            break
    else:
        raise SystemExit("deckgen watch never answered a save")
    found = []
    for n in range(saves):
        time.sleep(0.3)  # the editor's user, between saves; lets the previous round finish
        saved = save(brief, original.replace(marker, f"{marker} (take {n})"))
        arrived = watch.wait_for(answer)
        if arrived is None:
            raise SystemExit(f"no answer to save {n}")
        found.append(arrived - saved)
    return found


def pandoc_seconds(markdown: Path, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            ["pandoc", str(markdown), "-o", str(markdown.with_suffix(".pptx"))],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def training_markdown(brief: Path) -> str:
    """The training deck as pandoc Markdown, from its plan: titles, text, notes (no charts)."""
    from deckgen import api
    from deckgen.plan.dump import plan_to_dict

    plan = api.check(brief).plan
    parts = ["---", f"title: {plan.meta.title}", "---", ""]
    for slide, plain in zip(plan.slides, plan_to_dict(plan)["slides"], strict=True):
        parts += [f"# {slide.title}", ""]
        parts += [f"- {text}" for text in _texts(plain["content"])]
        parts += ["", "::: notes", slide.speaker_notes, ":::", ""]
    return "\n".join(parts)


def _texts(value: object) -> list[str]:
    """Every piece of slide text in a plan slide's content, in order."""
    keys = {"text", "quote", "caption", "heading", "intro", "context", "subtitle", "attribution"}
    if isinstance(value, dict):
        found = []
        for key, item in value.items():
            if key in keys and isinstance(item, str) and item.strip():
                found.append(" ".join(item.split()))
            elif key not in ("data", "layout", "box"):
                found += _texts(item)
        return found
    if isinstance(value, list):
        return [t for item in value for t in _texts(item)]
    return []


def measure(work: Path, env: dict[str, str], *, brief: Path, saves: int) -> tuple[float, float, float]:
    """Median seconds from a save to the diagnostics, to the rebuilt deck, and of the check alone."""
    relative = str(brief.relative_to(work))
    checked = Watch([relative], cwd=work, env=env)
    try:
        checks = latencies(checked, brief, lambda line: ": ok, " in line, saves)
    finally:
        checked.stop()
    alone = statistics.median(checked.checks[-saves:])
    built = Watch([relative, "--build", "--out-dir", "bench-decks"], cwd=work, env=env)
    try:
        builds = latencies(built, brief, lambda line: line.startswith("built "), saves)
    finally:
        built.stop()
    return statistics.median(checks), statistics.median(builds), alone


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--saves", type=int, default=15, help="saves measured per case")
    args = parser.parse_args()
    if shutil.which("pandoc") is None:
        raise SystemExit("pandoc is needed for the reference (apt-get install pandoc)")
    with tempfile.TemporaryDirectory(prefix="deckgen-watch-bench-") as tmp:
        work = project(Path(tmp))
        env = bench_env(ROOT, work)
        training = work / "briefs" / TRAINING
        text16 = work / "briefs" / "text-16.yaml"
        text16.write_text(
            text_brief(16).replace("Speaker notes", "Let the room read the map. Speaker notes", 1),
            encoding="utf-8",
        )
        (work / "training.md").write_text(training_markdown(training), encoding="utf-8")
        (work / "text-16.md").write_text(markdown_deck(16), encoding="utf-8")
        check_t, build_t, alone_t = measure(work, env, brief=training, saves=args.saves)
        check_16, build_16, alone_16 = measure(work, env, brief=text16, saves=args.saves)
        pandoc_t = pandoc_seconds(work / "training.md")
        pandoc_16 = pandoc_seconds(work / "text-16.md")
    rows = [
        Row(
            "watch, training deck: save to diagnostics",
            check_t,
            float("nan"),
            f"target <= {TARGET_MS:.0f} ms",
        ),
        Row("watch, training deck: the check alone", alone_t, float("nan"), "as the watch prints it"),
        Row("watch, training deck: save to rebuilt deck", build_t, float("nan"), "charts from the cache"),
        Row("pandoc, training deck as Markdown (no charts)", pandoc_t, float("nan"), "the reference"),
        Row("watch, 16-slide text deck: save to diagnostics", check_16, float("nan")),
        Row("watch, 16-slide text deck: the check alone", alone_16, float("nan")),
        Row("watch, 16-slide text deck: save to rebuilt deck", build_16, float("nan")),
        Row("pandoc, the same 16-slide deck as Markdown", pandoc_16, float("nan"), "the reference"),
    ]
    print(render(rows, markdown=args.markdown))


if __name__ == "__main__":
    main()
