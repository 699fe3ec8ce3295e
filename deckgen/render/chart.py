"""Chart slides: native, editable PowerPoint charts where python-pptx can draw them, else pictures."""

from __future__ import annotations

import io
from typing import Any

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn
from pptx.slide import Slide
from pptx.util import Emu, Pt

from deckgen.charts.cache import ChartCache, render_png_cached
from deckgen.charts.model import CategoryTable, ChartStyle
from deckgen.plan.model import ChartContent
from deckgen.render.geometry import Box, inches
from deckgen.render.text import Ink, Line, add_text_box, caption_height, slide_text, write_lines

CAPTION_PT = 18
PICTURE_DPI = 200


def render_chart(
    slide: Slide,
    content: ChartContent,
    area: Box,
    *,
    lang: str,
    style: ChartStyle,
    cache: ChartCache | None,
) -> None:
    gap = inches(0.1)
    cap_h = caption_height(content.caption, area.width, CAPTION_PT) if content.caption.strip() else 0
    box = Box(area.left, area.top, area.width, area.height - (cap_h + gap if cap_h else 0))
    if content.native and isinstance(content.data.table, CategoryTable):
        frame = _native(slide, content.data.table, box, style, highlight=content.data.highlight)
        element: Any = frame._element
        element.nvGraphicFramePr.cNvPr.set("descr", slide_text(content.alt))
    else:
        png = render_png_cached(
            content.data,
            style=style,
            width_in=box.width / 914400,
            height_in=box.height / 914400,
            dpi=PICTURE_DPI,
            cache=cache,
        )
        pic = slide.shapes.add_picture(
            io.BytesIO(png), Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height)
        )
        # add_picture names the picture after its stream; the alt text must describe the figures.
        pic_element: Any = pic._element
        pic_element.nvPicPr.cNvPr.set("descr", slide_text(content.alt))
    if cap_h:
        cap_box = Box(area.left, box.top + box.height + gap, area.width, cap_h)
        caption = add_text_box(slide.shapes, cap_box, name="Caption")
        line = Line(content.caption, size=CAPTION_PT, ink=Ink.MUTED, bullet=False, align=PP_ALIGN.CENTER)
        write_lines(caption.text_frame, [line], lang=lang)


def _native(
    slide: Slide, table: CategoryTable, box: Box, style: ChartStyle, *, highlight: tuple[str, ...]
) -> Any:
    data = CategoryChartData(number_format="0")
    # A bar chart draws its first category at the bottom; feed them reversed so the table's first
    # category reads first, at the top, without reversing the axis (which moves the scale up).
    data.categories = list(reversed(table.categories))
    for series in table.series:
        # Zero stays a gap, not a bar segment labelled "0".
        data.add_series(series.name, [v if v else None for v in reversed(series.values)])
    shapes: Any = slide.shapes  # python-pptx's hints name the wrong ChartData class
    frame: Any = shapes.add_chart(
        XL_CHART_TYPE.BAR_STACKED, Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height), data
    )
    chart = frame.chart
    _unsigned_axis_ids(chart._chartSpace)
    chart.font.name = style.font
    chart.font.size = Pt(style.tick_size)
    chart.font.color.rgb = _rgb(style.text_color)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.RIGHT
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(style.label_size)
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.overlap = 100
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.font.size = Pt(style.label_size)
    labels.font.bold = True
    labels.number_format = "0;;;"  # hide zeros
    labels.number_format_is_linked = False
    for i, series in enumerate(plot.series):
        color = style.series_color(table.series[i], i)
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = _rgb(color)
        series_labels = series.data_labels
        series_labels.show_value = True
        series_labels.number_format = "0;;;"
        series_labels.number_format_is_linked = False
        series_labels.font.size = Pt(style.label_size)
        series_labels.font.bold = True
        series_labels.font.color.rgb = _rgb(_ink_on(color))
    cat_axis = chart.category_axis
    cat_axis.tick_labels.font.size = Pt(style.tick_size)
    cat_axis.format.line.color.rgb = _rgb(style.muted_color)
    cat_axis.has_major_gridlines = False
    val_axis = chart.value_axis
    val_axis.has_major_gridlines = True
    val_axis.major_gridlines.format.line.color.rgb = _rgb("#D9DEE7")
    val_axis.tick_labels.font.size = Pt(style.tick_size)
    val_axis.tick_labels.font.color.rgb = _rgb(style.muted_color)
    val_axis.format.line.fill.background()
    longest = max((sum(v) for v in zip(*[s.values for s in table.series], strict=True)), default=0)
    val_axis.major_unit = 1 if longest <= 8 else 2
    val_axis.has_title = True
    val_axis.axis_title.text_frame.text = table.value_axis_title
    title_font = val_axis.axis_title.text_frame.paragraphs[0].runs[0].font
    title_font.size = Pt(style.label_size)
    title_font.bold = False
    title_font.color.rgb = _rgb(style.muted_color)
    if highlight:
        names = set(highlight)
        for label_index, name in enumerate(reversed(table.categories)):
            if name in names:
                continue
            for series in plot.series:
                point = series.points[label_index]
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = _rgb(_mute(series.format.fill.fore_color.rgb))
    return frame


def _unsigned_axis_ids(space: Any) -> None:
    """python-pptx writes negative axis ids; the schema wants unsigned ints. Wrap them to 32 bits."""
    for element in space.iter(qn("c:axId"), qn("c:crossAx")):
        element.set("val", str(int(element.get("val")) & 0xFFFFFFFF))


def _rgb(color: str) -> RGBColor:
    value = color.lstrip("#")
    return RGBColor(int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def _mute(rgb: RGBColor) -> str:
    """The colour mixed two-thirds of the way to white: context bars recede, highlighted ones stay."""
    r, g, b = (int(str(rgb)[i : i + 2], 16) for i in (0, 2, 4))
    return "#{:02X}{:02X}{:02X}".format(*(round(c + (255 - c) * 0.65) for c in (r, g, b)))


def _ink_on(fill: str) -> str:
    r, g, b = (int(fill.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#1A1A1A" if luminance > 150 else "#FFFFFF"
