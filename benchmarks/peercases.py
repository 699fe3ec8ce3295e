"""The cases of ``benchmarks/peers.py``: each returns rows of issue 14's table, measured in rounds."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.briefgen import large_brief, write_folder
from benchmarks.measure import Control, Sample, Spread, bench_env, control, run
from benchmarks.watch import _texts, training_markdown

PANDOC = "/usr/bin/pandoc"
NAIVE = Path(__file__).resolve().parent / "naive.py"
TRAINING = "southern-flank-training.yaml"
MARKER = "Let the room read the map"  # the training brief's line each warm round edits
SMALL, LARGE = 2000, 10000  # slides in the scale rows; the table's labels say these figures


@dataclass(frozen=True)
class Case:
    """One row of the table, as text."""

    figure: str
    ours: str
    reference: str
    measured: str
    cpu: str
    target: str
    before: str  # the "now"


@dataclass(frozen=True)
class Setting:
    """A scratch project, the environment deckgen runs in, and how many rounds to measure."""

    source: Path  # the tree whose deckgen is measured
    work: Path
    env: dict[str, str]
    runs: int
    big_runs: int

    @classmethod
    def make(cls, source: Path, work: Path, *, runs: int, big_runs: int) -> Setting:
        shutil.copytree(source / "briefs", work / "briefs")
        shutil.copytree(source / "assets" / "images", work / "assets" / "images")
        env = bench_env(source, work)
        return cls(source, work, env, runs, big_runs)

    def deckgen(self, *args: str) -> Sample:
        return run([sys.executable, "-m", "deckgen", *args], cwd=self.work, env=self.env)

    def deckgen_unlimited(self, *args: str) -> Sample:
        """deckgen with two input limits raised: a 10,000-slide brief is 2.8 MB (the limit is 2 MB)
        and holds about 150,000 YAML values (the limit is 100,000)."""
        raise_limit = (
            "import runpy, deckgen.core.files as f, deckgen.core.yamlcompose as y; "
            "f.LIMITS['brief'] = 64 * f.MB; y.MAX_NODES = 10**7; "
            "runpy.run_module('deckgen', run_name='__main__')"
        )
        return run([sys.executable, "-c", raise_limit, *args], cwd=self.work, env=self.env)

    def up_to_date(self, folder: Path, out: str, *, expected: int) -> None:
        """Stop unless a build of ``folder`` now skips all ``expected`` briefs (a true no-op)."""
        done = subprocess.run(
            [sys.executable, "-m", "deckgen", "build", str(folder), "--out-dir", out, "--json"],
            cwd=self.work,
            env=self.env,
            capture_output=True,
            text=True,
        )
        skipped = json.loads(done.stdout or "{}").get("skipped")
        if done.returncode != 0 or skipped != expected:
            raise SystemExit(f"the no-op build skipped {skipped} of {expected} briefs\n{done.stderr[-2000:]}")

    def naive(self, slides: Path, out: str) -> Sample:
        return run([sys.executable, str(NAIVE), str(slides), out], cwd=self.work, env=self.env)

    def pandoc(self, markdown: Path) -> Sample:
        return run([PANDOC, str(markdown), "-o", "pandoc.pptx"], cwd=self.work, env=self.env)


def slides_json(brief: Path, into: Path, *, charts: bool) -> int:
    """Write the slides of ``brief``'s plan as the naive script's input; returns the slide count.

    With ``charts``, bullets keep their levels and chart slides carry their table; without, every
    slide carries the texts ``training_markdown`` gives pandoc, so both references get the same.
    """
    from deckgen import api
    from deckgen.plan.dump import plan_to_dict
    from deckgen.plan.model import BulletsContent, ChartContent

    plan = api.check(brief).plan
    slides: list[dict[str, Any]] = []
    for slide, plain in zip(plan.slides, plan_to_dict(plan)["slides"], strict=True):
        content, spec = slide.content, {"title": slide.title, "notes": slide.speaker_notes}
        if charts and isinstance(content, ChartContent):
            table = content.data.table
            spec["chart"] = {
                "categories": list(table.categories),
                "series": [[s.name, list(s.values)] for s in table.series],
            }
        elif charts and isinstance(content, BulletsContent):
            spec["bullets"] = [[b.text, b.level] for b in content.bullets]
        else:
            spec["bullets"] = [[text, 0] for text in _texts(plain["content"])]
        slides.append(spec)
    into.write_text(json.dumps({"template": str(plan.template), "slides": slides}), encoding="utf-8")
    return len(slides)


def rounds(count: int, steps: list[Callable[[], Sample]]) -> list[list[Sample]]:
    """``count`` rounds of ``steps``; the order rotates each round. Samples come back per step."""
    found: list[list[Sample]] = [[] for _ in steps]
    for n in range(count):
        for k in range(len(steps)):
            i = (k + n) % len(steps)
            found[i].append(steps[i]())
    return found


def secs(samples: list[Sample]) -> str:
    return Spread.of([s.seconds for s in samples]).show(" s")


def ratio(ours: list[Sample], theirs: list[Sample], attr: str = "seconds") -> str:
    paired = [getattr(a, attr) / getattr(b, attr) for a, b in zip(ours, theirs, strict=True)]
    return Spread.of(paired).show("x")


def training_rows(s: Setting) -> list[Case]:
    brief = s.work / "briefs" / TRAINING
    text = brief.read_text(encoding="utf-8")
    if MARKER not in text:
        raise SystemExit(f"{brief.name} no longer says {MARKER!r}; update MARKER in {__file__}")
    s.deckgen("build", str(brief), "--force")  # cold: fills the chart cache, not measured
    markdown, slides = s.work / "training.md", s.work / "training.json"
    markdown.write_text(training_markdown(brief), encoding="utf-8")
    count = slides_json(brief, slides, charts=False)
    edits = iter(range(10**6))

    def warm() -> Sample:
        brief.write_text(text.replace(MARKER, f"{MARKER} (edit {next(edits)})"), encoding="utf-8")
        return s.deckgen("build", str(brief))

    steps = [warm, lambda: s.pandoc(markdown), lambda: s.naive(slides, "naive-training.pptx")]
    rounds(1, steps)  # warm-up: page cache, the .pyc files of the measured tree
    ours, pandoc, naive = rounds(s.runs, steps)
    return [
        Case(
            f"warm training build (cached charts, brief edited) vs pandoc on the same {count} "
            "slides' text and notes",
            secs(ours),
            f"pandoc {secs(pandoc)}; naive python-pptx {secs(naive)}, {ratio(naive, pandoc)} pandoc",
            ratio(ours, pandoc),
            ratio(ours, pandoc, "cpu"),
            "at most 1.5x",
            "2.58x (2.18-3.00)",
        )
    ]


def scale_rows(s: Setting, *, full: bool) -> list[Case]:
    brief = s.work / "briefs" / f"large-{SMALL}.yaml"
    brief.write_text(large_brief(SMALL), encoding="utf-8")
    slides = s.work / f"large-{SMALL}.json"
    slides_json(brief, slides, charts=True)
    steps = [
        lambda: s.deckgen("build", str(brief), "--force"),
        lambda: s.naive(slides, f"naive-{SMALL}.pptx"),
    ]
    big = build_large(s) if full else None  # first: a failure shows before the long rounds
    ours, naive = rounds(s.big_runs, steps)
    per_slide = [1000 * x.seconds / SMALL for x in ours]
    rows = [
        Case(
            "2,000 slides with notes and 200 charts vs the naive python-pptx script",
            f"{secs(ours)}, {Spread.of(per_slide).show(' ms')}/slide",
            f"naive python-pptx {secs(naive)}",
            ratio(ours, naive),
            ratio(ours, naive, "cpu"),
            "at most 0.2x",
            "0.54x (0.48-0.62)",
        )
    ]
    at_2000 = (
        f"at 2,000: deckgen {Spread.of([x.peak_mb for x in ours]).show(' MB', 0)}, "
        f"naive {Spread.of([x.peak_mb for x in naive]).show(' MB', 0)}"
    )
    if big is None:
        rows += [
            Case(
                "peak memory at 10,000 slides", "not run (--full)", at_2000, "", "", "under 400 MB", "1.13 GB"
            ),
            Case(
                "time per slide at 10,000 vs 2,000",
                "not run (--full)",
                "",
                "",
                "",
                "at most 1.1x",
                "13.3 ms vs 9.3-10.4 ms",
            ),
        ]
        return rows
    return rows + ten_thousand(big, ours, at_2000)


def build_large(s: Setting) -> Sample:
    """One build of 10,000 slides, deckgen's input limits raised for it (``deckgen_unlimited``)."""
    brief = s.work / "briefs" / f"large-{LARGE}.yaml"
    brief.write_text(large_brief(LARGE), encoding="utf-8")
    return s.deckgen_unlimited("build", str(brief), "--force")


def ten_thousand(big: Sample, at_2000: list[Sample], memory_2000: str) -> list[Case]:
    """The 10,000-slide build read against the 2,000-slide builds of the same run."""
    per_2000 = [1000 * x.seconds / SMALL for x in at_2000]
    cpu_2000 = [x.cpu / SMALL for x in at_2000]
    ms = 1000 * big.seconds / LARGE
    return [
        Case(
            "peak memory at 10,000 slides",
            f"{big.peak_mb:.0f} MB",
            memory_2000,
            f"{big.peak_mb:.0f} MB",
            "",
            "under 400 MB",
            "1.13 GB",
        ),
        Case(
            "time per slide at 10,000 vs 2,000",
            f"{ms:.1f} ms vs {Spread.of(per_2000).show(' ms', 1)} ({big.seconds:.1f} s, one build)",
            "",
            Spread.of([ms / x for x in per_2000]).show("x"),
            Spread.of([big.cpu / LARGE / x for x in cpu_2000]).show("x"),
            "at most 1.1x",
            "13.3 ms vs 9.3-10.4 ms",
        ),
    ]


def noop_rows(s: Setting, controls: list[tuple[str, Control, Control]]) -> list[Case]:
    folder = s.work / "many" / "briefs"
    shutil.copytree(s.work / "briefs" / "sources", folder / "sources")
    shutil.copytree(s.work / "briefs" / "data", folder / "data")
    write_folder(folder, 100, slides=12)
    out = str(s.work / "many-decks")
    s.deckgen("build", str(folder), "-j", "2", "--out-dir", out)  # makes every brief up to date
    s.up_to_date(folder, out, expected=100)  # and a warm-up of the no-op
    before = (control(1), control(2))
    one, two = rounds(
        s.runs,
        [
            lambda: s.deckgen("build", str(folder), "-j", "1", "--out-dir", out),
            lambda: s.deckgen("build", str(folder), "-j", "2", "--out-dir", out),
        ],
    )
    after = (control(1), control(2))
    controls += [("before the -j rows", *before), ("after the -j rows", *after)]
    around = (
        f"control wall/CPU before and after: 1 process {before[0].stretch:.2f}, {after[0].stretch:.2f}; "
        f"2 at once {before[1].stretch:.2f}, {after[1].stretch:.2f}"
    )
    return [
        Case(
            "no-op over 100 up-to-date briefs",
            secs(one),
            "",
            secs(one),
            f"{Spread.of([x.cpu for x in one]).show(' s')} CPU",
            "at most 0.2 s",
            "0.57 s",
        ),
        Case(
            "no-op over 100 briefs with -j 2 vs -j 1",
            f"-j 2 {secs(two)}, -j 1 {secs(one)}",
            around,
            ratio(two, one),
            ratio(two, one, "cpu"),
            "never slower (at most 1.0x)",
            "1.22x slower",
        ),
    ]
