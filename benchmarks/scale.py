"""Render time and memory against slide count, with and without ``fast_partnames``.

Builds a generated DeckPlan of N slides, every one with speaker notes, every 10th a native chart
and every 10th (offset by 5) the same picture, and renders it three ways: ``render_deck`` as
shipped (fast); with fastrels' part of the block switched off, so python-pptx rescans the
presentation's relationships and slide ids for each new slide (names-only); and with
``fast_partnames`` swapped for a do-nothing block, python-pptx's own O(N) walk per new part too
(python-pptx). Each case runs in its own interpreter so its peak RSS is its own; imports are not
timed.

    python benchmarks/scale.py                 # N = 200 and 2000, every mode
    python benchmarks/scale.py --sizes 200 800 --modes fast names-only
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("MPLCONFIGDIR", "/tmp/deckgen-mpl")  # a writable cache, should matplotlib load
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image

import deckgen.render.deck as deck_module
import deckgen.render.package.fastrels as fastrels_module
from deckgen.charts.model import CategoryTable, ChartData, ChartKind, ChartSpec, Series
from deckgen.core.assets import default_template_path
from deckgen.plan.model import (
    Bullet,
    BulletsContent,
    ChartContent,
    DeckMeta,
    DeckPlan,
    ImageContent,
    Layout,
    NoteBlock,
    NoteKind,
    SlidePlan,
    TitleContent,
)
from deckgen.plan.placement import place_deck
from deckgen.render import render_deck, template_geometry

MODES = ("fast", "names-only", "python-pptx")  # see the docstring
CHART = ChartData(
    spec=ChartSpec(kind=ChartKind.BY_REGION),
    table=CategoryTable(
        categories=("Sahel", "Libya", "Eastern Med", "Black Sea"),
        series=(Series("Bases", (3.0, 2.0, 1.0, 4.0)), Series("Advisers", (2.0, 0.0, 1.0, 1.0))),
    ),
    records=(),
)


def generated_plan(n: int, picture: Path) -> DeckPlan:
    """N slides, all with notes: a title, then bullets, a chart every 10th, a picture every 10th."""
    slides = [
        SlidePlan(
            kind="title",
            layout=Layout.TITLE,
            title="Scale test",
            content=TitleContent(subtitle=f"{n} slides"),
            notes=(NoteBlock(NoteKind.PRESENTER, "Opening remarks."),),
        )
    ]
    for i in range(2, n + 1):
        notes = (NoteBlock(NoteKind.PRESENTER, f"Speaker notes for slide {i}.\nSecond paragraph of notes."),)
        content: Any
        if i % 10 == 0:
            content = ChartContent(CHART, alt=f"Bar chart {i}: presence by region and kind.")
            layout = Layout.TITLE_ONLY
        elif i % 10 == 5:
            content = ImageContent(path=picture, alt=f"Figure on slide {i}.", size_px=(600, 350))
            layout = Layout.TITLE_ONLY
        else:
            content = BulletsContent((Bullet(f"Point one of slide {i}"), Bullet("A sub-point", level=1)))
            layout = Layout.CONTENT
        slides.append(
            SlidePlan(kind="bullets", layout=layout, title=f"Slide {i}", content=content, notes=notes)
        )
    meta = DeckMeta(title="Scale test", date="2022-06-20")
    plan = DeckPlan(meta=meta, template=default_template_path(), slides=tuple(slides))
    # Placed before the clock starts: this script times rendering, and sizes are the plan's.
    return place_deck(plan, template_geometry(plan.template, {}))[0]


@contextlib.contextmanager
def _unwrapped(prs: Any) -> Iterator[None]:
    yield  # python-pptx's own part naming: a walk over the package per new part


def run_one(n: int, mode: str) -> dict[str, float]:
    """Render one deck in this process; seconds for render_deck, and this process's peak RSS."""
    with tempfile.TemporaryDirectory() as tmp:
        picture = Path(tmp) / "figure.png"
        Image.new("RGB", (600, 350), (19, 41, 75)).save(picture, format="PNG")
        plan = generated_plan(n, picture)
        swap: contextlib.AbstractContextManager[Any] = contextlib.nullcontext()
        if mode == "names-only":  # the block installs nothing on the presentation part or slide list
            swap = _swap(fastrels_module.FastSlides, "install", _install_nothing)
        elif mode == "python-pptx":
            swap = _swap(deck_module, "fast_partnames", _unwrapped)  # the same code, minus the block
        with swap:
            start = time.perf_counter()
            data = render_deck(plan)
            seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    return {"seconds": seconds, "peak_mb": peak_kb / 1024, "bytes": float(len(data))}


def _install_nothing(self: Any) -> None:
    pass


@contextlib.contextmanager
def _swap(owner: Any, name: str, value: Any) -> Iterator[None]:
    original = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, original)


def measure(n: int, mode: str) -> dict[str, float]:
    """Run one case in a fresh interpreter, so peak RSS and heap state are that case's alone."""
    out = subprocess.run(
        [sys.executable, __file__, "--one", str(n), mode],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    parser.add_argument("--one", nargs=2, metavar=("N", "MODE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(int(args.one[0]), args.one[1])))
        return

    print(f"{'mode':<12} {'N':>6} {'seconds':>9} {'ms/slide':>9} {'peak RSS MB':>12}")
    per_slide: dict[tuple[str, int], float] = {}
    for mode in args.modes:
        for n in args.sizes:
            r = measure(n, mode)
            per_slide[mode, n] = r["seconds"] / n
            ms = 1000 * r["seconds"] / n
            print(f"{mode:<12} {n:>6} {r['seconds']:>9.2f} {ms:>9.2f} {r['peak_mb']:>12.0f}")
    small, large = min(args.sizes), max(args.sizes)
    for mode in args.modes:
        ratio = per_slide[mode, large] / per_slide[mode, small]
        print(f"{mode}: per-slide({large}) / per-slide({small}) = {ratio:.2f}  (1.0 = linear)")


if __name__ == "__main__":
    main()
