"""Names from a dataset reach the chart's embedded workbook as text, never as formulas."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from pptx import Presentation

from deckgen.charts.model import CategoryTable, ChartData, ChartKind, ChartSpec, Series
from deckgen.core.assets import default_template_path
from deckgen.plan.model import ChartContent, DeckMeta, DeckPlan, Layout, SlidePlan
from deckgen.plan.placement import place_deck
from deckgen.render import render_deck, template_geometry

FORMULA = '=HYPERLINK("http://example.invalid","click")'


def test_a_name_starting_with_equals_is_stored_as_text(tmp_path: Path) -> None:
    table = CategoryTable(categories=(FORMULA, "Sahel"), series=(Series("=cmd|' /C calc'!A0", (1.0, 2.0)),))
    chart = ChartData(spec=ChartSpec(kind=ChartKind.BY_REGION), table=table, records=())
    slide = SlidePlan("chart", Layout.TITLE_ONLY, "Chart", ChartContent(chart, alt="A chart."))
    plan = DeckPlan(DeckMeta(title="T", date="2022-06-20"), default_template_path(), (slide,))
    placed, _ = place_deck(plan, template_geometry(plan.template, {}))
    prs = Presentation(io.BytesIO(render_deck(placed)))
    chart_part = next(s.chart for s in prs.slides[0].shapes if s.has_chart).part
    workbook = chart_part.chart_workbook.xlsx_part.blob
    with zipfile.ZipFile(io.BytesIO(workbook)) as xlsx:
        sheet = xlsx.read("xl/worksheets/sheet1.xml").decode()
        strings = xlsx.read("xl/sharedStrings.xml").decode()
    assert "<f>" not in sheet  # no formula cell anywhere
    assert "HYPERLINK" in strings and "calc" in strings  # the names are there, as strings
