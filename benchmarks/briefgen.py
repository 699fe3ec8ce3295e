"""Generated briefs for the benchmarks: many slides with notes and charts, and folders of briefs."""

from __future__ import annotations

from pathlib import Path

REGIONS = ("levant", "north-africa", "sahel", "central-africa", "horn-red-sea", "eastern-europe")
ADDRESSES = ("syria/p1", "libya/p1", "sahel/p1", "roots/p1", "race/p1", "nato-must/p1", "two-flanks/p2")


def large_brief(slides: int, *, chart_every: int = 10) -> str:
    """A brief of ``slides`` slides, each with notes; every ``chart_every``-th a native chart."""
    out = [
        "deck:",
        f"  title: Generated deck of {slides} slides",
        "  marking: UNCLASSIFIED - BENCHMARK",
        "  date: 2022-06-20",
        "sources:",
        "  su: southern-underbelly",
        "data:",
        "  presence: data/russian-presence.yaml",
        "slides:",
        "  - kind: title",
        "    notes: Opening notes.",
    ]
    for n in range(2, slides + 1):
        if n % chart_every == 0:
            region = REGIONS[(n // chart_every) % len(REGIONS)]
            out += [
                "  - kind: chart",
                f"    title: Presence in region {region}, chart {n}",
                "    chart: by-region",
                "    filter:",
                f"      regions: [{region}, eastern-europe]",
                f"    notes: Chart notes for slide {n}.",
            ]
        else:
            address = ADDRESSES[n % len(ADDRESSES)]
            out += [
                "  - kind: bullets",
                f"    title: Generated point {n}",
                f"    cite: su#{address}",
                "    bullets:",
                f"      - First point of slide {n}, kept short",
                "      - text: A second point with a sub-point",
                "        bullets: [Detail one, Detail two]",
                f"    notes: Speaker notes for slide {n}; the cited paragraph follows automatically.",
            ]
    return "\n".join(out) + "\n"


def text_brief(slides: int) -> str:
    """A text-only brief: the equivalent of a pandoc Markdown deck."""
    return large_brief(slides, chart_every=10**9)


def write_folder(folder: Path, count: int, *, slides: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"brief-{i:03d}.yaml"
        path.write_text(
            large_brief(slides).replace("Generated deck", f"Generated deck {i}"), encoding="utf-8"
        )
        paths.append(path)
    return paths


def markdown_deck(slides: int) -> str:
    """The same text deck as Markdown for pandoc: one slide per '#' heading, notes in ::: notes."""
    parts = ["---", f"title: Generated deck of {slides} slides", "---", ""]
    for n in range(2, slides + 1):
        parts += [
            f"# Generated point {n}",
            "",
            f"- First point of slide {n}, kept short",
            "- A second point with a sub-point",
            "    - Detail one",
            "    - Detail two",
            "",
            "::: notes",
            f"Speaker notes for slide {n}; the cited paragraph follows automatically.",
            ":::",
            "",
        ]
    return "\n".join(parts)
