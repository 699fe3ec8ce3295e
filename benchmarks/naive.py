"""The naive reference: a plain python-pptx script that writes given slides into the template.

    python benchmarks/naive.py SLIDES.json OUT.pptx

What anyone would write first with python-pptx: for each slide, add it on the template's
"Title and Content" layout (or "Title Only" for a chart), set the title, the bullets with their
levels, a native stacked bar chart from the slide's table, and the speaker notes, then save. It
reads plain JSON written before the clock starts (``slides_json`` in ``benchmarks/peers.py``), so
its time is python-pptx's work alone: it imports nothing from deckgen.
"""

from __future__ import annotations

import json
import sys

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches


def main() -> None:
    source, target = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as fh:
        deck = json.load(fh)
    prs = Presentation(deck["template"])
    content = next(layout for layout in prs.slide_layouts if layout.name == "Title and Content")
    title_only = next(layout for layout in prs.slide_layouts if layout.name == "Title Only")
    for spec in deck["slides"]:
        chart = spec.get("chart")
        slide = prs.slides.add_slide(title_only if chart else content)
        slide.shapes.title.text = spec["title"]
        if chart:
            data = CategoryChartData()
            data.categories = chart["categories"]
            for name, values in chart["series"]:
                data.add_series(name, values)
            box = (Inches(0.5), Inches(1.5), Inches(12), Inches(5))
            slide.shapes.add_chart(XL_CHART_TYPE.BAR_STACKED, *box, data)
        else:
            body = slide.placeholders[1].text_frame
            for i, (text, level) in enumerate(spec["bullets"]):
                paragraph = body.paragraphs[0] if i == 0 else body.add_paragraph()
                paragraph.text, paragraph.level = text, level
        slide.notes_slide.notes_text_frame.text = spec["notes"]
    prs.save(target)


if __name__ == "__main__":
    main()
