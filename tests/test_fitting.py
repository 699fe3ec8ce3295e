"""Text that always fits: measured sizes, follow-on slides, and errors for what cannot fit."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from deckgen import api
from deckgen.core.errors import DeckgenError
from tests.conftest import SOURCES
from tests.pdftext import missing_tools
from tests.test_overflow import overflowing_lines

LONG = Path(__file__).parent / "data_fit" / "too-long.yaml"


def test_overlong_slide_continues_on_a_marked_follow_on_slide(tmp_path: Path) -> None:
    result = api.build(LONG, output=tmp_path / "long.pptx", sources_dir=SOURCES)
    assert [d.code for d in result.diagnostics] == ["text-overflow"]
    assert result.diagnostics[0].loc.line == 3
    slides = list(Presentation(str(result.output)).slides)
    titles = [s.shapes.title.text for s in slides]
    assert titles == ["Far too many points for one slide", "Far too many points for one slide (continued)"]
    body = [
        p.text
        for s in slides
        for sh in s.placeholders
        if sh.placeholder_format.idx == 1
        for p in sh.text_frame.paragraphs
    ]
    assert body[0].startswith("Moscow saw its success") and body[-1].startswith("Capturing elites")
    assert len(body) == 13  # all 9 bullets and 4 sub-points, none lost


def test_strict_turns_a_continuation_into_a_failure(tmp_path: Path) -> None:
    with pytest.raises(DeckgenError) as caught:
        api.build(LONG, output=tmp_path / "long.pptx", sources_dir=SOURCES, strict=True)
    assert [d.code for d in caught.value.diagnostics] == ["text-overflow"]
    assert not (tmp_path / "long.pptx").exists()


def test_a_paragraph_too_long_for_any_slide_is_a_located_error(tmp_path: Path) -> None:
    brief = tmp_path / "giant.yaml"
    words = " ".join(["Moscow is repeating its playbook across the Sahel."] * 60)
    brief.write_text(
        "deck: {title: Giant, marking: UNCLASSIFIED}\nslides:\n  - kind: bullets\n"
        f"    title: One huge point\n    synthesis: true\n    bullets:\n      - {words}\n",
        encoding="utf-8",
    )
    with pytest.raises(DeckgenError) as caught:
        api.build(brief, output=tmp_path / "giant.pptx", sources_dir=SOURCES)
    (diag,) = caught.value.diagnostics
    assert diag.code == "text-overflow" and diag.is_error and diag.loc.line == 3


def test_measured_size_shrinks_with_more_text(tmp_path: Path) -> None:
    plan = api.check(LONG, sources_dir=SOURCES).plan
    first, follow = plan.slides
    assert first.content.size == 18  # type: ignore[union-attr]
    assert follow.content.size == 24  # type: ignore[union-attr]


@pytest.mark.office
def test_continued_slides_do_not_overflow_in_libreoffice(tmp_path: Path) -> None:
    reason = missing_tools()
    if reason:
        pytest.skip(reason)
    deck = api.build(LONG, output=tmp_path / "long.pptx", sources_dir=SOURCES).output
    assert overflowing_lines(deck, tmp_path) == []


def test_a_thousand_bullets_continue_in_order_with_work_per_slide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each follow-on slide used to re-measure every bullet still to come, and called itself once
    # a slide: 1,000 bullets took about 3 s of fitting, and 10,000 would have hit Python's
    # recursion limit. Now only the bullets a box could hold are measured, in a loop.
    wrap_module = importlib.import_module("deckgen.fit.wrap")
    brief = tmp_path / "many.yaml"
    points = [f"point {n}" for n in range(1000)]
    brief.write_text(
        "deck:\n  title: T\n  marking: UNCLASSIFIED\nslides:\n"
        f"  - kind: bullets\n    title: Many\n    bullets: [{', '.join(points)}]\n",
        encoding="utf-8",
    )
    wrapped = 0
    real = wrap_module.wrap

    def counting(*args: Any, **kwargs: Any) -> list[str]:
        nonlocal wrapped
        wrapped += 1
        return list(real(*args, **kwargs))

    monkeypatch.setattr(wrap_module, "wrap", counting)
    plan = api.check(brief).plan
    assert plan is not None
    kept = [b.text for s in plan.slides for b in s.content.bullets]  # type: ignore[union-attr]
    assert kept == points
    assert all(s.title == "Many (continued)" for s in plan.slides[1:]) and len(plan.slides) > 50
    # About 20 bullets measured at a handful of sizes per slide, not the rest of the list.
    assert wrapped < 200 * len(plan.slides), wrapped
