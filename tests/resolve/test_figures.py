"""Figures named in a chart slide's caption and notes are filled from the chart's own data; a
figure typed by hand is a warning; an unknown name is a located error."""

from __future__ import annotations

from pathlib import Path

from deckgen import api
from deckgen.charts.model import ChartData
from deckgen.core.errors import Collector, Loc
from deckgen.plan.model import NoteKind
from deckgen.resolve.figures import fill, typed_figures
from deckgen.resolve.model import ResolvedChart
from tests.hostile.kit import located, run
from tests.resolve.test_as_of import deck

FIGURES: dict[str, int | str] = {"count": 3, "count.south": 2, "count.region.a": 1, "count.region.b": 4}
AT = Loc("b.yaml", 3, 5)


def test_names_sums_and_literal_braces_are_filled() -> None:
    diags = Collector()
    text = "{count} in all, {count.south} south, {count.region.a+b} in a and b, {{not a figure}}"
    assert fill(text, FIGURES, AT, "slides[0].caption", diags).text == (
        "3 in all, 2 south, 5 in a and b, {not a figure}"
    )
    assert not diags.items


def test_an_unknown_figure_is_an_error_with_a_suggestion() -> None:
    diags = Collector()
    filled = fill("{count.sout}", FIGURES, AT, "slides[0].notes", diags)
    assert filled.text == "{count.sout}"
    (diag,) = diags.items
    assert diag.code == "unknown-figure" and diag.is_error and diag.loc == AT
    assert "did you mean '{count.south}'?" in (diag.hint or "")


def test_typed_counts_are_found_next_to_a_counted_noun() -> None:
    assert typed_figures("The south has 4 presence elements, and 3 of them bases", FIGURES) == [
        "4 presence",
        "3 of them bases",
    ]
    assert typed_figures("Give the room thirty seconds; ask 3 people", FIGURES) == []
    assert typed_figures("{count} elements in all", FIGURES) == []  # named, not typed
    assert typed_figures("two bases", FIGURES) == ["two bases"]


SLIDE = "  - kind: chart\n    title: C\n    chart: by-region\n"


def test_the_caption_and_notes_show_the_chart_figures(tmp_path: Path) -> None:
    path = deck(
        tmp_path,
        "2020-01",
        SLIDE + "    caption: '{count} element as of {as-of}; {count.country.ly} in Libya'\n"
        "    notes: 'Levant {count.region.levant}, south {count.south}, east {count.east}.'\n",
    )
    plan = api.check(path).plan
    (slide,) = plan.slides
    assert isinstance(slide.content.data, ChartData)  # type: ignore[union-attr]
    assert slide.content.caption == "1 element as of Jan 2020; 0 in Libya"  # type: ignore[union-attr]
    (notes,) = [n.text for n in slide.notes if n.kind is NoteKind.PRESENTER]
    assert notes == "Levant 1, south 1, east 0."


def test_a_typed_figure_warns_and_an_unknown_one_fails_at_its_line(tmp_path: Path) -> None:
    path = deck(tmp_path, None, SLIDE + "    caption: Three elements in the Levant\n")
    result = run("check", path)
    assert result.exit_code == 0
    assert f"{path}:10:14: warning: 'Three elements' in the caption is a chart figure typed by hand" in (
        result.output
    )
    bad = deck(tmp_path / "b", None, SLIDE + "    notes: '{count.region.sahel}'\n")
    assert "names no figure" in located(run("check", bad), bad, "unknown-figure", 10, 12)


def test_the_example_notes_name_figures_their_charts_show() -> None:
    brief = Path(__file__).parents[2] / "briefs" / "southern-flank-training.yaml"
    result = api.check(brief, strict=True)
    assert result.resolved is not None
    charts = [s for s in result.resolved.slides if isinstance(s, ResolvedChart)]
    flanks = next(s for s in charts if s.chart.spec.kind.value == "flanks")
    south = sum(1 for r in flanks.chart.records if r.flank.value == "south")
    east = sum(1 for r in flanks.chart.records if r.flank.value == "east")
    north = sum(1 for r in flanks.chart.records if r.flank.value == "north")
    notes = flanks.notes.replace("\n", " ")
    assert (south, east, north) == (20, 15, 7)  # counted by hand: tests/charts/test_reduced.py
    figures = f"carries {south} distinct presence elements, the eastern {east} and the northern {north}."
    assert figures in notes
