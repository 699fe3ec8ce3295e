"""A timeline too long for its box continues on a follow-on slide, shared out evenly, before the
slides are numbered (``plan/chartsplit.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen import api
from deckgen.charts.model import TimelineTable
from deckgen.plan.fitting import CONTINUED, CONTINUED_NOTE
from deckgen.plan.model import BulletsContent, ChartContent, DeckPlan, NoteKind
from tests.examples import example_in_template

TITLE = "From Crimea to the Sahel: milestones, 2014-2022"


@pytest.fixture(scope="module")
def dna(impress_corpus: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> api.CheckResult:
    """The training brief in LibreOffice's DNA, whose chart box lists 11 of its 12 milestones."""
    brief = example_in_template(
        "southern-flank-training", impress_corpus["DNA"], tmp_path_factory.mktemp("dna")
    )
    return api.check(brief)


def timeline_slides(plan: DeckPlan) -> list[tuple[int, ChartContent]]:
    return [
        (n, s.content)
        for n, s in enumerate(plan.slides, 1)
        if isinstance(s.content, ChartContent) and isinstance(s.content.data.table, TimelineTable)
    ]


def test_the_milestones_are_shared_out_over_two_slides(dna: api.CheckResult) -> None:
    (first_n, first), (second_n, second) = timeline_slides(dna.plan)
    assert second_n == first_n + 1
    assert dna.plan.slides[first_n - 1].title == TITLE
    assert dna.plan.slides[second_n - 1].title == TITLE + CONTINUED
    a, b = first.data.table.milestones, second.data.table.milestones  # type: ignore[union-attr]
    assert len(a) == len(b) == 6  # evenly, not 11 and 1
    for part in (first, second):
        assert part.layout is not None and part.layout.shown == -1  # each lists all of its own
        assert part.layout.tick_size >= 12
    assert first.alt.startswith("Timeline of 6 milestones") and second.alt.startswith(
        "Timeline of 6 milestones"
    )


def test_nothing_is_lost_or_reordered(dna: api.CheckResult, tmp_path: Path) -> None:
    default = api.check(example_in_template("southern-flank-training", None, tmp_path))
    ((_, whole),) = timeline_slides(default.plan)
    parts = [c.data.table.milestones for _, c in timeline_slides(dna.plan)]  # type: ignore[union-attr]
    assert tuple(m for part in parts for m in part) == whole.data.table.milestones  # type: ignore[union-attr]


def test_the_follow_on_says_where_its_evidence_is(dna: api.CheckResult) -> None:
    (_, _), (second_n, _) = timeline_slides(dna.plan)
    first_notes = dna.plan.slides[second_n - 2].notes
    assert any(block.kind is NoteKind.EVIDENCE for block in first_notes)
    assert [(b.kind, b.text) for b in dna.plan.slides[second_n - 1].notes] == [
        (NoteKind.PRESENTER, CONTINUED_NOTE)
    ]


def test_the_warning_and_the_numbers_on_the_sources_slide(dna: api.CheckResult) -> None:
    (warning,) = [d for d in dna.diagnostics if d.code == "chart-continued"]
    assert not warning.is_error and warning.loc.line > 0
    assert "they continue on 1 follow-on slide" in warning.message
    # The timeline loses nothing: it continues. (DNA's region chart does lose names, and says so.)
    degraded = [d.message for d in dna.diagnostics if d.code == "chart-degraded"]
    assert degraded and not [m for m in degraded if "timeline" in m]
    charts_line = next(
        b.text
        for s in dna.plan.slides
        if isinstance(s.content, BulletsContent)
        for b in s.content.bullets
        if b.text.startswith("Charts on slides")
    )
    numbers = [n for n, s in enumerate(dna.plan.slides, 1) if isinstance(s.content, ChartContent)]
    first_timeline = timeline_slides(dna.plan)[0][0]
    assert str(first_timeline) in charts_line
    assert all(str(n) in charts_line for n in numbers if n != first_timeline + 1)


def test_a_timeline_that_fits_stays_one_slide(tmp_path: Path) -> None:
    result = api.check(example_in_template("southern-flank-training", None, tmp_path))
    assert len(timeline_slides(result.plan)) == 1
    assert not [d for d in result.diagnostics if d.code == "chart-continued"]
