"""Very long text where a chart or picture is laid out: a located warning or error, never a
traceback or minutes of work. Found while fuzzing (docs/fuzzing.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.hostile.kit import HEAD, check_and_build, project, run

CHART = "  - kind: chart\n    title: C\n    chart: {chart}\n    caption: {caption}\n"
DATA = HEAD + "data:\n  presence: data/russian-presence.yaml\n"


@pytest.mark.parametrize("chart", ["timeline", "by-region"])
def test_a_caption_longer_than_the_slide_is_cut_with_a_warning(tmp_path: Path, chart: str) -> None:
    # A 20,000-character caption left the chart a negative height, and matplotlib refused it.
    brief = project(tmp_path, CHART.format(chart=chart, caption="lorem ipsum " * 1700), head=DATA)
    result = run("build", brief, "-o", tmp_path / "deck.pptx")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert re.search(
        rf"^{re.escape(str(brief))}:7:5: warning: the caption .*\[text-overflow\]$", result.output, re.M
    )


def test_a_dataset_label_of_100000_characters_is_located(tmp_path: Path) -> None:
    # It took minutes to lay out as a timeline, wrapping the label at every size tried.
    brief = project(tmp_path, CHART.format(chart="timeline", caption="Milestones"), head=DATA)
    dataset = tmp_path / "data" / "russian-presence.yaml"
    lines = dataset.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines) if line.lstrip().startswith("label:"))
    indent = lines[number][: len(lines[number]) - len(lines[number].lstrip())]
    lines[number] = f"{indent}label: {'lorem ipsum ' * 8000}\n"
    dataset.write_text("".join(lines), encoding="utf-8")
    line = check_and_build(tmp_path, brief, "text-too-long", number + 1, len(indent) + 8, at=dataset)
    assert "96,000 characters" in line or "95,999 characters" in line
