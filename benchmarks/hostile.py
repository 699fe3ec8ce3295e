"""Hostile inputs, timed: each input from issue 10's corpus through the CLI in a fresh process.

    python benchmarks/hostile.py              # the table; exit 1 if any input misses its budget
    python benchmarks/hostile.py --markdown   # the same, as Markdown for docs/benchmarks.md

Every row is ``deckgen check`` or ``deckgen build`` on one hostile input, in its own scratch
project, with its wall time and peak resident memory from GNU time. The budget is the issue's:
under 2 s and 200 MB, ending in a located error (exit 1) or a correct deck (exit 0), never a
traceback. The reference rows run in the same invocation: ``check`` and ``build`` of a small
sound brief, so a row's figures can be read against the cost of starting deckgen at all.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deckgen.core.files import LIMITS  # noqa: E402
from tests.hostile.kit import BULLETS, HEAD, project  # noqa: E402
from tests.hostile.test_pictures import bomb_png, png  # noqa: E402
from tests.hostile.test_templates import deflated_part, many_parts  # noqa: E402
from tests.hostile.test_yaml import laughs  # noqa: E402

SECONDS, MEGABYTES = 2.0, 200.0  # the budget for every hostile input
TIMEOUT = 60.0  # a run past this is reported as a hang, not waited for
LOCATED = re.compile(r"^(\S.*?):(\d+):(\d+): error: .*\[([\w-]+)\]$", re.M)


@dataclass(frozen=True)
class Row:
    name: str
    command: str
    seconds: float
    peak_mb: float
    exit: int | str
    outcome: str  # the first located error's code, "deck" for a built deck, or what went wrong

    @property
    def within(self) -> bool:
        sound = self.outcome == "deck" or (self.exit == 1 and not self.outcome.startswith("!"))
        return sound and self.seconds < SECONDS and self.peak_mb < MEGABYTES


# A case writes its input into a scratch folder and returns the deckgen arguments (after the
# command) and extra environment. The brief is ``brief.yaml`` unless the case says otherwise.
Setup = Callable[[Path], tuple[list[str], dict[str, str]]]


def brief(body: str = BULLETS, head: str = HEAD) -> Setup:
    def setup(work: Path) -> tuple[list[str], dict[str, str]]:
        return [str(project(work, body, head=head))], {}

    return setup


def edited(edit: Callable[[Path, Path], list[str] | None], body: str = BULLETS, head: str = HEAD) -> Setup:
    """A sound project, then ``edit(work, brief)``; it may return other arguments."""

    def setup(work: Path) -> tuple[list[str], dict[str, str]]:
        path = project(work, body, head=head)
        return edit(work, path) or [str(path)], {}

    return setup


def with_env(setup: Setup, **env: str) -> Setup:
    def wrapped(work: Path) -> tuple[list[str], dict[str, str]]:
        args, extra = setup(work)
        return args, {**extra, **env}

    return wrapped


def one_line(size: int) -> Callable[[Path, Path], None]:
    def edit(work: Path, path: Path) -> None:
        path.write_text("deck: {title: " + "x" * size + ", marking: 7, bogus: 1}\n", encoding="utf-8")

    return edit


def fifo(work: Path, path: Path) -> list[str]:
    path.unlink()
    os.mkfifo(path)
    return [str(path)]


def dev_zero(work: Path, path: Path) -> list[str]:
    path.unlink()
    path.symlink_to("/dev/zero")
    return [str(path)]


def sparse_template(work: Path, path: Path) -> None:
    with (work / "corp.pptx").open("wb") as fh:
        fh.truncate(2 * 1024**3)


def template_bytes(data: Callable[[], bytes]) -> Callable[[Path, Path], None]:
    def edit(work: Path, path: Path) -> None:
        (work / "corp.pptx").write_bytes(data())

    return edit


def picture(data: Callable[[], bytes]) -> Callable[[Path, Path], None]:
    def edit(work: Path, path: Path) -> None:
        (work / "pic.png").write_bytes(data())

    return edit


def dataset_edit(old: str, new: str) -> Callable[[Path, Path], None]:
    def edit(work: Path, path: Path) -> None:
        dataset = work / "data" / "russian-presence.yaml"
        dataset.write_text(dataset.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")

    return edit


def article_edit(old: str, new: str) -> Callable[[Path, Path], None]:
    def edit(work: Path, path: Path) -> None:
        article = next((work / "sources").glob("*.md"))
        article.write_text(article.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")

    return edit


def encoded(codec: str) -> Callable[[Path, Path], None]:
    def edit(work: Path, path: Path) -> None:
        path.write_bytes(path.read_text(encoding="utf-8").encode(codec))

    return edit


def renamed(name: str) -> Callable[[Path, Path], list[str]]:
    def edit(work: Path, path: Path) -> list[str]:
        return [str(path.rename(work / name))]

    return edit


def latin_1(work: Path, path: Path) -> None:
    path.write_bytes(path.read_bytes() + b"# caf\xe9\n")


def over_limit(work: Path, path: Path) -> None:
    os.truncate(path, LIMITS["brief"] + 1)


def deep_nesting(work: Path, path: Path) -> None:
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")


def flat_million(work: Path, path: Path) -> None:
    path.write_text("[" + ",".join(["a"] * 900_000) + "]", encoding="utf-8")


CITE = BULLETS + "    cite: su#intro\n"
CHART = "  - kind: chart\n    title: C\n    chart: flanks\n"
NATIVE = CHART + "    render: native\n"
IMAGE = "  - kind: image\n    title: P\n    image: pic.png\n    alt: A picture.\n"
TEMPLATE = HEAD + "  template: corp.pptx\n"
DATA = HEAD + "data:\n  presence: data/russian-presence.yaml\n"
CITED = HEAD + "sources:\n  su: southern-underbelly\n"
LONG = "x" * 100_000
CASES: dict[str, tuple[str, Setup]] = {
    # name: (command, setup); the numbers are the list
    "1. minutes: 0x10": ("check", brief("  - kind: section\n    title: S\n    minutes: 0x10\n")),
    "1. sentences: [1:30]": (
        "check",
        brief(
            "  - kind: excerpt\n    title: E\n    cite: su#syria/p1\n    sentences: [1:30]\n",
            HEAD + "sources:\n  su: southern-underbelly\n",
        ),
    ),
    "2. U+2029 in a bullet": ("build", brief("  - kind: bullets\n    title: A\n    bullets: ['a\u2029b']\n")),
    "3. control character in front matter": (
        "check",
        edited(
            article_edit("id: southern-underbelly\n", "id: southern-underbelly\ntitle: A\x10B\n"), CITE, CITED
        ),
    ),
    "4. path part of 300 bytes": ("check", brief(IMAGE.replace("pic.png", "p" * 300 + ".png"))),
    "5. deck title of 300 characters": ("build", brief(head=HEAD.replace("Test", "T" * 300))),
    "6. C0 control in a region name": (
        "build",
        edited(dataset_edit("{name: Levant,", '{name: "Lev\\x01ant",'), NATIVE, DATA),
    ),
    "7. SOURCE_DATE_EPOCH=99999999999999": (
        "build",
        with_env(brief(), SOURCE_DATE_EPOCH="99999999999999"),
    ),
    "9. a brief named a[1].yaml": ("build", edited(renamed("a[1].yaml"))),
    "10. alias bomb in bullets": (
        "build",
        brief("  - kind: bullets\n    title: Laughs\n    bullets:\n" + laughs(12, "      ")),
    ),
    "10. 1 GB zip bomb template": (
        "build",
        edited(template_bytes(lambda: deflated_part(1024)), head=TEMPLATE),
    ),
    "10. 50,000-part template": ("build", edited(template_bytes(lambda: many_parts(50_000)), head=TEMPLATE)),
    "10. brief symlinked to /dev/zero": ("build", edited(dev_zero)),
    "10. sparse 2 GB template": ("build", edited(sparse_template, head=TEMPLATE)),
    "FIFO as the brief": ("check", edited(fifo)),
    "100,000-character unbroken title": (
        "build",
        brief(f"  - kind: bullets\n    title: {LONG}\n    bullets: [a]\n"),
    ),
    "100,000-character subtitle": (
        "build",
        brief("  - kind: title\n", HEAD + f"  subtitle: {LONG}\n"),
    ),
    "1,000 bullets on one slide": (
        "build",
        brief(
            "  - kind: bullets\n    title: A\n    bullets: ["
            + ", ".join(f"point {n}" for n in range(1000))
            + "]\n"
        ),
    ),
    "100,000-character bullet": ("build", brief(f"  - kind: bullets\n    title: A\n    bullets: [{LONG}]\n")),
    "50 MB one-line brief with errors": ("check", edited(one_line(50_000_000))),
    "1.9 MB one-line brief with errors": ("check", edited(one_line(1_900_000))),
    "brief at its size limit + 1": (
        "check",
        edited(over_limit),
    ),
    "truncated PNG": ("build", edited(picture(lambda: png()[:-40]), IMAGE)),
    "PNG signature only": ("build", edited(picture(lambda: png()[:8]), IMAGE)),
    "PNG claiming 60,000 x 60,000 pixels": (
        "build",
        edited(picture(lambda: bomb_png(60_000, 60_000)), IMAGE),
    ),
    "dataset name '=HYPERLINK(...)'": (
        "build",
        edited(dataset_edit("{name: Levant,", "{name: '=HYPERLINK(\"http://x\")',"), NATIVE, DATA),
    ),
    "dataset label of 100,000 characters": (
        "check",
        edited(dataset_edit("{name: Levant,", f"{{name: {LONG},"), CHART, DATA),
    ),
    "10^5-deep nesting": ("check", edited(deep_nesting)),
    "900,000 flow items": ("check", edited(flat_million)),
    "Latin-1 brief": ("check", edited(latin_1)),
    "UTF-16 brief": ("check", edited(encoded("utf-16"))),
    "a folder as the brief": ("check", edited(lambda w, p: [str(w / "data")])),
}
REFERENCE: dict[str, tuple[str, Setup]] = {
    "reference: sound 1-slide brief": ("check", brief()),
    "reference: sound 1-slide brief ": ("build", brief()),
}


def measure(name: str, command: str, setup: Setup) -> Row:
    with tempfile.TemporaryDirectory(prefix="deckgen-hostile-") as tmp:
        work = Path(tmp)
        args, extra = setup(work)
        out = ["-o", str(work / "out" / "deck.pptx")] if command == "build" else []
        env = {**os.environ, **extra, "NO_COLOR": "1"}
        if "SOURCE_DATE_EPOCH" not in extra:  # the caller's own epoch would change every row
            env.pop("SOURCE_DATE_EPOCH", None)
        cmd = ["/usr/bin/time", "-f", "@@ %e %M", sys.executable, "-m", "deckgen", command, *args, *out]
        try:
            done = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return Row(name, command, TIMEOUT, float("nan"), "timeout", "! hang")
        timing = [line for line in done.stderr.splitlines() if line.startswith("@@ ")][-1].split()
        seconds, peak = float(timing[1]), int(timing[2]) / 1024
        output = done.stdout + done.stderr
        located = LOCATED.search(output)
        if "Traceback" in output:
            outcome = "! traceback"
        elif done.returncode == 0:
            outcome = "deck" if command == "check" or (work / "out" / "deck.pptx").is_file() else "! no deck"
        elif located:
            outcome = located.group(4)
        else:
            outcome = "! unlocated: " + output.strip().splitlines()[0][:80] if output.strip() else "! silent"
        return Row(name, command, seconds, peak, done.returncode, outcome)


def table(rows: list[Row], markdown: bool) -> str:
    head = ("input", "command", "seconds", "peak MB", "exit", "outcome", "budget")
    lines = []
    body = [
        (
            r.name.strip(),
            r.command,
            f"{r.seconds:.2f}",
            f"{r.peak_mb:.0f}",
            str(r.exit),
            r.outcome,
            "" if r.name.startswith("reference") else ("met" if r.within else "MISSED"),
        )
        for r in rows
    ]
    if markdown:
        lines.append("| " + " | ".join(head) + " |")
        lines.append("| --- | --- | ---: | ---: | ---: | --- | --- |")
        lines += ["| " + " | ".join(cells) + " |" for cells in body]
    else:
        widths = [max(len(c) for c in col) for col in zip(head, *body, strict=False)]
        for cells in (head, *body):
            lines.append("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("-k", default="", help="run only inputs whose name contains this")
    args = parser.parse_args(argv)
    rows = [measure(name, *spec) for name, spec in REFERENCE.items()]
    for name, (command, setup) in CASES.items():
        if args.k in name:
            rows.append(measure(name, command, setup))
            print(f"  {name}: {rows[-1].seconds:.2f} s", file=sys.stderr, flush=True)
    print(table(rows, args.markdown))
    hostile = [r for r in rows if not r.name.startswith("reference")]
    missed = [r for r in hostile if not r.within]
    slowest = max(hostile, key=lambda r: r.seconds)
    largest = max(hostile, key=lambda r: r.peak_mb)
    within = len(hostile) - len(missed)
    print(f"\n{within} of {len(hostile)} inputs within {SECONDS:g} s and {MEGABYTES:g} MB")
    print(f"slowest {slowest.seconds:.2f} s ({slowest.name})")
    print(f"largest {largest.peak_mb:.0f} MB ({largest.name})")
    print(f"reference build {rows[1].seconds:.2f} s, {rows[1].peak_mb:.0f} MB")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
