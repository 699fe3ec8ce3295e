"""A native chart series' look (fill and value labels) copied from the first series with the same
values is the look python-pptx's own calls give it."""

from __future__ import annotations

from typing import Any

from lxml import etree
from pptx import Presentation

from deckgen.charts.model import CategoryTable, ChartLayout, ChartStyle, Series
from deckgen.plan.boxes import Box
from deckgen.render.fill import chart as chart_module

TABLE = CategoryTable(
    categories=("Sahel", "Levant", "Arctic"),
    series=(
        Series("Naval base", (1.0, 0.0, 2.0), color="#13294B"),
        Series("Naval base (reduced)", (0.0, 1.0, 0.0), color="#13294B", reduced=True),
        Series("Private military", (2.0, 1.0, 0.0), color="#B5483A"),
        Series("Private military (reduced)", (1.0, 0.0, 0.0), color="#B5483A", reduced=True),
    ),
)


def chart_xml(table: CategoryTable, *, fresh: bool) -> bytes:
    if fresh:
        chart_module._LOOKS.clear()
    prs: Any = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    frame = chart_module._native(
        slide, table, Box(914400, 914400, 7315200, 4572000), ChartStyle(), highlight=("Levant",)
    )
    return bytes(etree.tostring(frame.chart._chartSpace))


def test_copied_looks_are_python_pptx_looks() -> None:
    made = chart_xml(TABLE, fresh=True)  # every look made through python-pptx
    assert len(chart_module._LOOKS) == 4
    assert chart_xml(TABLE, fresh=False) == made  # every look copied
    assert b"pattFill" in made and made.count(b"<c:dLbls>") == 5  # the plot's and four series'


def test_a_look_is_copied_only_for_the_same_values() -> None:
    chart_xml(TABLE, fresh=True)
    bigger = ChartLayout(tick_size=14, value_size=20)
    prs: Any = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = Box(914400, 914400, 7315200, 4572000)
    frame = chart_module._native(slide, TABLE, box, ChartStyle(), highlight=(), layout=bigger)
    xml = etree.tostring(frame.chart._chartSpace)
    assert xml.count(b'sz="2000" b="1"') == 5  # the new size everywhere, not a copied 1400
