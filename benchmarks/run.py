"""The benchmark table for scheduled regeneration: one command, about three minutes on 2 cores.

    python benchmarks/run.py            # prints the table; --markdown for docs/benchmarks.md

Every figure is wall time of a whole command in a fresh process (interpreter start included) and
its peak resident memory, measured with /usr/bin/time. References run in the same invocation:
pandoc on the equivalent Markdown deck (when pandoc is installed) and a plain python-pptx script
that builds the same slides naively.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.briefgen import large_brief, markdown_deck, text_brief, write_folder  # noqa: E402
from benchmarks.measure import bench_env  # noqa: E402

PY = sys.executable


@dataclass(frozen=True)
class Row:
    case: str
    seconds: float
    peak_mb: float
    note: str = ""


def timed(cmd: list[str], *, cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one command, from GNU time."""
    out = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M", *cmd], cwd=cwd, env=env, capture_output=True, text=True
    )
    if out.returncode != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n{out.stderr[-2000:]}")
    seconds, kb = out.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kb) / 1024


def project(tmp: Path) -> Path:
    """A scratch copy of the briefs folder, so edits and manifests never touch the repository."""
    shutil.copytree(ROOT / "briefs", tmp / "briefs")
    shutil.copytree(ROOT / "assets" / "images", tmp / "assets" / "images")
    return tmp


def deckgen(*args: str) -> list[str]:
    return [PY, "-m", "deckgen", *args]


def bench_training(work: Path, env: dict[str, str]) -> list[Row]:
    brief = work / "briefs" / "southern-flank-training.yaml"
    cold = timed(deckgen("build", str(brief), "--force"), cwd=work, env=env)
    text = brief.read_text(encoding="utf-8")
    brief.write_text(text.replace("Let the room read the map", "Give the room time to read the map"))
    warm = timed(deckgen("build", str(brief)), cwd=work, env=env)
    noop = timed(deckgen("build", str(brief)), cwd=work, env=env)
    return [
        Row("training deck, cold (empty chart cache)", *cold, "30 slides, 5 charts"),
        Row("training deck, warm (cached charts, one text edit)", *warm),
        Row("training deck, no-op", *noop, "target <= 0.25 s"),
    ]


def bench_text_vs_pandoc(work: Path, env: dict[str, str]) -> list[Row]:
    rows = []
    brief = work / "briefs" / "text-16.yaml"
    brief.write_text(text_brief(16), encoding="utf-8")
    rows.append(
        Row(
            "16-slide text deck with notes: deckgen",
            *timed(deckgen("build", str(brief), "--force"), cwd=work, env=env),
        )
    )
    pandoc = shutil.which("pandoc")
    if pandoc:
        md = work / "text-16.md"
        md.write_text(markdown_deck(16), encoding="utf-8")
        rows.append(
            Row(
                "16-slide text deck with notes: pandoc",
                *timed([pandoc, str(md), "-o", str(work / "p.pptx")], cwd=work, env=env),
            )
        )
    else:
        rows.append(
            Row("16-slide text deck with notes: pandoc", float("nan"), float("nan"), "pandoc not installed")
        )
    return rows


NAIVE = r"""
import sys, time
from pathlib import Path
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches
sys.path.insert(0, sys.argv[2])
from deckgen import api
from deckgen.plan.model import BulletsContent, ChartContent
plan = api.check(Path(sys.argv[1])).plan          # same slides as deckgen builds
prs = Presentation(str(plan.template))
layout = next(l for l in prs.slide_layouts if l.name == "Title and Content")
only = next(l for l in prs.slide_layouts if l.name == "Title Only")
for s in plan.slides:
    c = s.content
    if isinstance(c, ChartContent):
        slide = prs.slides.add_slide(only)
        data = CategoryChartData()
        data.categories = c.data.table.categories
        for series in c.data.table.series:
            data.add_series(series.name, series.values)
        box = (Inches(0.5), Inches(1.5), Inches(12), Inches(5))
        slide.shapes.add_chart(XL_CHART_TYPE.BAR_STACKED, *box, data)
    else:
        slide = prs.slides.add_slide(layout)
        if isinstance(c, BulletsContent):
            body = slide.placeholders[1].text_frame
            for i, b in enumerate(c.bullets):
                p = body.paragraphs[0] if i == 0 else body.add_paragraph()
                p.text, p.level = b.text, b.level
    slide.shapes.title.text = s.title
    slide.notes_slide.notes_text_frame.text = s.speaker_notes
prs.save(sys.argv[3])
"""


def bench_scale(work: Path, env: dict[str, str]) -> list[Row]:
    rows = []
    per_slide = {}
    for n in (200, 2000):
        brief = work / "briefs" / f"large-{n}.yaml"
        brief.write_text(large_brief(n), encoding="utf-8")
        seconds, peak = timed(deckgen("build", str(brief), "--force"), cwd=work, env=env)
        per_slide[n] = seconds / n
        rows.append(
            Row(
                f"{n} slides with notes, {n // 10} charts: deckgen",
                seconds,
                peak,
                f"{1000 * seconds / n:.1f} ms/slide",
            )
        )
    ratio = per_slide[2000] / per_slide[200]
    rows.append(Row("time per slide, 2000 against 200", ratio, float("nan"), "target <= 1.3"))
    script = work / "naive.py"
    script.write_text(NAIVE, encoding="utf-8")
    brief = work / "briefs" / "large-2000.yaml"
    seconds, peak = timed(
        [PY, str(script), str(brief), str(ROOT), str(work / "naive.pptx")], cwd=work, env=env
    )
    rows.append(Row("2000 slides: plain python-pptx script", seconds, peak, "the naive reference"))
    rows.append(
        Row(
            "deckgen against naive python-pptx, 2000 slides",
            rows[1].seconds / seconds,
            float("nan"),
            "target <= 0.10",
        )
    )
    return rows


def bench_folder(work: Path, env: dict[str, str]) -> list[Row]:
    folder = work / "many" / "briefs"
    shutil.copytree(work / "briefs" / "sources", folder / "sources")
    shutil.copytree(work / "briefs" / "data", folder / "data")
    write_folder(folder, 100, slides=12)
    one = timed(deckgen("build", str(folder), "-j", "1", "--force", "--out-dir", "d1"), cwd=work, env=env)
    two = timed(deckgen("build", str(folder), "-j", "2", "--force", "--out-dir", "d2"), cwd=work, env=env)
    return [
        Row("100 briefs (12 slides, 1 chart each), -j 1", *one),
        Row("100 briefs, -j 2", *two),
        Row("speed-up of -j 2", one[0] / two[0], float("nan"), "target >= 1.7"),
    ]


def render(rows: list[Row], *, markdown: bool) -> str:
    def fmt(value: float, unit: str) -> str:
        return "n/a" if value != value else f"{value:.2f}{unit}"

    if markdown:
        lines = ["| case | seconds (or ratio) | peak MB | note |", "| --- | ---: | ---: | --- |"]
        lines += [f"| {r.case} | {fmt(r.seconds, '')} | {fmt(r.peak_mb, '')} | {r.note} |" for r in rows]
        return "\n".join(lines)
    width = max(len(r.case) for r in rows)
    lines = [f"{'case'.ljust(width)}  {'s/ratio':>8}  {'peak MB':>8}  note"]
    lines += [
        f"{r.case.ljust(width)}  {fmt(r.seconds, ''):>8}  {fmt(r.peak_mb, ''):>8}  {r.note}" for r in rows
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--skip", nargs="*", default=[], choices=["training", "pandoc", "scale", "folder"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="deckgen-bench-") as tmp:
        work = project(Path(tmp))
        env = bench_env(ROOT, work)
        rows: list[Row] = []
        for name, bench in (
            ("training", bench_training),
            ("pandoc", bench_text_vs_pandoc),
            ("scale", bench_scale),
            ("folder", bench_folder),
        ):
            if name not in args.skip:
                rows += bench(work, env)
                print(f"  ... {name} done", file=sys.stderr)
    print(render(rows, markdown=args.markdown))


if __name__ == "__main__":
    main()
