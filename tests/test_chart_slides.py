"""Chart slides in the built example decks: figures, pictures, alt text, evidence, and failures."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu

from deckgen import api
from deckgen.core.errors import DeckgenError
from tests.conftest import BRIEFS

# Counted by hand from briefs/data/russian-presence.yaml: records present in May 2022
# (started by then, not ended, not merely planned). The contractors pulled back from Syria (2022)
# and Libya (Apr 2022) are 'reduced': still there, counted in a series of their own.
FLANKS_MAY_2022 = {
    "Eastern flank": {  # the Donbas record ends where the invasion begins, in February 2022
        "Intervention forces": 6,
        "Basing agreement": 3,
        "Political and security partnership": 1,
        "Naval base or access": 2,
        "Missile forces": 2,
        "Arms transfers": 1,
    },
    "Southern flank": {
        "Political and security partnership": 5,  # Burkina Faso's coup crowds are not a presence
        "Air base or air deployment": 2,  # Algeria's air bases rest on one op-ed: not a record
        "Arms transfers": 5,
        "Private military contractors": 3,
        "Private military contractors (reduced)": 2,
        "Intervention forces": 1,
        "Naval base or access": 2,
    },
    "Northern flank": {
        "Naval base or access": 1,
        "Air base or air deployment": 2,
        "Missile forces": 2,
        "Ground forces garrison (reduced)": 2,
    },
}
REGIONS_MAY_2022 = {
    "Eastern Europe": 7,
    "Black Sea and South Caucasus": 8,
    "Levant": 7,
    "North Africa": 5,
    "Sahel": 3,
    "Central Africa": 3,
    "Horn of Africa and Red Sea": 2,
}  # the training deck's region chart keeps to the east and the south; the north is on the flanks chart
FLANKS_TITLE = "East, south and north: Russian presence by flank"


def _slide(deck: Path, title: str) -> Any:
    prs = Presentation(str(deck))
    return next(s for s in prs.slides if s.shapes.title.text == title)


def _chart(slide: Any) -> Any:
    (frame,) = [sh for sh in slide.shapes if getattr(sh, "has_chart", False) and sh.has_chart]
    return frame


def _table(chart: Any) -> dict[str, dict[str, int]]:
    categories = list(chart.plots[0].categories)
    out: dict[str, dict[str, int]] = {c: {} for c in categories}
    for series in chart.plots[0].series:
        for category, value in zip(categories, series.values, strict=True):
            if value:
                out[category][series.name] = int(value)
    return out


def test_flank_chart_is_native_with_hand_counted_figures(example_decks: dict[str, Path]) -> None:
    frame = _chart(_slide(example_decks["southern-flank-training"], FLANKS_TITLE))
    assert _table(frame.chart) == FLANKS_MAY_2022
    # Native means editable: the workbook behind "Edit Data" is embedded.
    assert frame.chart.part.chart_workbook.xlsx_part is not None


def test_reduced_contractors_are_striped_and_named_in_the_legend(example_decks: dict[str, Path]) -> None:
    pmc, ground = "Private military contractors (reduced)", "Ground forces garrison (reduced)"
    expected = {  # the region chart keeps to the east and the south
        FLANKS_TITLE: (
            [pmc, ground],
            "4 elements reduced but still present (Syria, Libya and Russia (Kola Peninsula)).",
        ),
        "Presence by region, stacked by kind": (
            [pmc],
            "2 elements reduced but still present (Syria and Libya).",
        ),
    }
    for title, (series, sentence) in expected.items():
        frame = _chart(_slide(example_decks["southern-flank-training"], title))
        chart = frame.chart
        assert chart.has_legend
        patterned = [
            ser.find(qn("c:tx")).find(".//" + qn("c:v")).text
            for ser in chart._chartSpace.iter(qn("c:ser"))
            if ser.find(qn("c:spPr")).find(qn("a:pattFill")) is not None
        ]
        assert patterned == series
        alt = frame._element.nvGraphicFramePr.cNvPr.get("descr")
        assert sentence in alt


def test_region_chart_totals_match_hand_counts(example_decks: dict[str, Path]) -> None:
    frame = _chart(_slide(example_decks["southern-flank-training"], "Presence by region, stacked by kind"))
    totals = {region: sum(kinds.values()) for region, kinds in _table(frame.chart).items()}
    assert totals == REGIONS_MAY_2022
    assert list(totals) == list(REGIONS_MAY_2022)[::-1]  # fed bottom-up so the first reads on top


def test_readahead_uses_two_chart_kinds(example_decks: dict[str, Path]) -> None:
    plan = api.check(BRIEFS / "southern-flank-readahead.yaml").plan
    charts = [s for s in plan.slides if s.kind == "chart"]
    assert sorted(s.content.data.spec.kind.value for s in charts) == ["flanks", "map"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "title",
    [
        "From Crimea to the Sahel: milestones, 2014-2022",
        "Where Russia is present, May 2022",
        "What Russia has where in Africa, by country and kind",
    ],
)
def test_picture_charts_are_drawn_at_placed_size_and_200_dpi(
    example_decks: dict[str, Path], title: str
) -> None:
    slide = _slide(example_decks["southern-flank-training"], title)
    (pic,) = [sh for sh in slide.shapes if sh.shape_type == 13]
    image = Image.open(io.BytesIO(pic.image.blob))
    assert image.size == (round(Emu(pic.width).inches * 200), round(Emu(pic.height).inches * 200))
    assert tuple(round(d) for d in image.info["dpi"]) == (200, 200)
    alt = pic._element.nvPicPr.cNvPr.get("descr")
    assert alt and ".png" not in alt and len(alt) > 40


def test_chart_alt_text_names_top_values(example_decks: dict[str, Path]) -> None:
    frame = _chart(_slide(example_decks["southern-flank-training"], "Presence by region, stacked by kind"))
    alt = frame._element.nvGraphicFramePr.cNvPr.get("descr")
    assert "Eastern Europe 7" in alt


def test_chart_notes_carry_every_records_evidence(example_decks: dict[str, Path]) -> None:
    slide = _slide(example_decks["southern-flank-training"], FLANKS_TITLE)
    notes = slide.notes_slide.notes_text_frame.text
    # 42 records: all 45 but the two planned (Port Sudan, Egypt's air-base draft) and the Donbas war,
    # which ends in February 2022; none single-source (tests/dataset/test_strength.py).
    assert "Evidence for this chart (42 records; none rests on a single source):" in notes
    assert notes.count("\n- ") == 42
    assert "[single source]" not in notes
    assert "\u201cupgrading a naval base in Tartus\u201d" in notes
    footer = " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
    assert "Data: Russian military and security presence" in footer


def test_editing_the_dataset_changes_the_chart(tmp_path: Path) -> None:
    shutil.copytree(BRIEFS / "sources", tmp_path / "sources")
    (tmp_path / "data").mkdir()
    data = (BRIEFS / "data" / "russian-presence.yaml").read_text(encoding="utf-8")
    brief = (BRIEFS / "southern-flank-readahead.yaml").read_text(encoding="utf-8")
    (tmp_path / "brief.yaml").write_text(brief, encoding="utf-8")
    (tmp_path / "data" / "russian-presence.yaml").write_text(data, encoding="utf-8")
    first = api.build(tmp_path / "brief.yaml", output=tmp_path / "a.pptx").output
    # Armenia's base is marked withdrawn in March 2022: it leaves the May 2022 chart.
    block = "kind: basing-agreement\n    label: 102nd Military Base at Gyumri"
    at = data.index(block)
    edited = data[:at] + data[at:].replace("status: active\n", "status: withdrawn\n    until: 2022-03\n", 1)
    (tmp_path / "data" / "russian-presence.yaml").write_text(edited, encoding="utf-8")
    second = api.build(tmp_path / "brief.yaml", output=tmp_path / "b.pptx").output
    title = "Russian presence by flank, May 2022"
    east = [_table(_chart(_slide(p, title)).chart)["Eastern flank"] for p in (first, second)]
    assert sum(east[0].values()) - sum(east[1].values()) == 1


def test_broken_evidence_fails_with_located_errors(tmp_path: Path) -> None:
    shutil.copytree(BRIEFS / "sources", tmp_path / "sources")
    (tmp_path / "data").mkdir()
    data = (BRIEFS / "data" / "russian-presence.yaml").read_text(encoding="utf-8")
    broken = data.replace("upgrading a naval base in Tartus", "building a naval base in Tartus", 1)
    (tmp_path / "data" / "russian-presence.yaml").write_text(broken, encoding="utf-8")
    (tmp_path / "brief.yaml").write_text(
        (BRIEFS / "southern-flank-readahead.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    with pytest.raises(DeckgenError) as caught:
        api.build(tmp_path / "brief.yaml", output=tmp_path / "deck.pptx")
    (diag,) = [d for d in caught.value.diagnostics if d.code == "quote-not-in-source"]
    line = broken.splitlines()[diag.loc.line - 1]
    assert diag.loc.path.endswith("russian-presence.yaml")
    assert "building a naval base in Tartus" in line
    assert not (tmp_path / "deck.pptx").exists()
