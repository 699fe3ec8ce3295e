"""Chart slides: native, editable PowerPoint charts where python-pptx can draw them, else pictures."""

from __future__ import annotations

import functools
import io
from collections.abc import Iterator
from contextlib import contextmanager
from copy import deepcopy
from typing import TYPE_CHECKING, Any

from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_PATTERN_TYPE
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn
from pptx.slide import Slide
from pptx.util import Emu, Pt

from deckgen.charts.cache import ChartCache, render_png_cached
from deckgen.charts.marks import reduced_ground, reduced_stripes
from deckgen.charts.model import CategoryTable, ChartLayout, ChartStyle, Series
from deckgen.core.contrast import contrast
from deckgen.core.textnorm import slide_text
from deckgen.core.units import EMU_PER_INCH
from deckgen.plan.boxes import Box
from deckgen.plan.model import CAPTION_PT, ChartContent
from deckgen.render.fill.colors import Ink, Palette
from deckgen.render.fill.text import Line, add_text_box, write_lines

if TYPE_CHECKING:
    from pptx.chart.data import CategoryChartData

PICTURE_DPI = 200


def render_chart(
    slide: Slide,
    content: ChartContent,
    *,
    lang: str,
    style: ChartStyle,
    cache: ChartCache | None,
    palette: Palette | None = None,
) -> None:
    """Draw the chart and its caption in the boxes the plan gave them."""
    box = content.box
    if box is None:
        raise ValueError("the plan has no chart box: place the plan on its template before rendering")
    if content.native and isinstance(content.data.table, CategoryTable):
        layout = content.layout or ChartLayout(tick_size=style.tick_size, value_size=style.label_size)
        frame = _native(
            slide, content.data.table, box, style, highlight=content.data.highlight, lang=lang, layout=layout
        )
        if content.legend_below or layout.legend == "below":
            frame.chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        element: Any = frame._element
        element.nvGraphicFramePr.cNvPr.set("descr", slide_text(content.alt))
    else:
        png = render_png_cached(
            content.data,
            style=style,
            width_in=box.width / EMU_PER_INCH,
            height_in=box.height / EMU_PER_INCH,
            dpi=PICTURE_DPI,
            cache=cache,
            layout=content.layout,
        )
        pic = slide.shapes.add_picture(
            io.BytesIO(png), Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height)
        )
        # add_picture names the picture after its stream; the alt text must describe the figures.
        pic_element: Any = pic._element
        pic_element.nvPicPr.cNvPr.set("descr", slide_text(content.alt))
    if content.caption_box is not None:
        caption = add_text_box(slide.shapes, content.caption_box, name="Caption")
        line = Line(content.caption, size=CAPTION_PT, ink=Ink.MUTED, bullet=False, align=PP_ALIGN.CENTER)
        write_lines(caption.text_frame, [line], lang=lang, palette=palette)


def _native(
    slide: Slide,
    table: CategoryTable,
    box: Box,
    style: ChartStyle,
    *,
    highlight: tuple[str, ...],
    lang: str = "en-GB",
    layout: ChartLayout | None = None,
) -> Any:
    shapes: Any = slide.shapes  # python-pptx's hints name the wrong ChartData class
    frame: Any = shapes.add_chart(
        XL_CHART_TYPE.BAR_STACKED,
        Emu(box.left),
        Emu(box.top),
        Emu(box.width),
        Emu(box.height),
        _chart_data(table),
    )
    chart = frame.chart
    _unsigned_axis_ids(chart._chartSpace)
    layout = layout or ChartLayout(tick_size=style.tick_size, value_size=style.label_size)
    _text_and_legend(chart, style, layout.tick_size)
    plot = chart.plots[0]
    _series_look(plot, table, style, layout.value_size)
    _category_axis(chart.category_axis, style, layout.tick_size)
    _value_axis(chart.value_axis, table, style, lang=lang)
    if highlight:
        _outline_picked(plot, table, style, set(highlight))
    _bare_segments(plot, table, layout)
    return frame


@functools.cache
def _chart_data_class() -> type[CategoryChartData]:
    """Defined on the first native chart, so a deck without one never imports XlsxWriter."""
    from pptx.chart.data import CategoryChartData
    from pptx.chart.xlsx import CategoryWorkbookWriter
    from xlsxwriter import Workbook

    class _TextOnlyWorkbook(CategoryWorkbookWriter):
        """The chart's embedded workbook with every string stored as text. XlsxWriter turns a string
        that starts with "=" into a live formula by default, and category and series names come
        from a dataset: "=HYPERLINK(...)" must stay words in a cell, never run."""

        @contextmanager
        def _open_worksheet(self, xlsx_file: Any) -> Iterator[tuple[Any, Any]]:
            workbook = Workbook(xlsx_file, {"in_memory": True, "strings_to_formulas": False})
            worksheet = workbook.add_worksheet()
            yield workbook, worksheet
            workbook.close()

    class _ChartData(CategoryChartData):
        @property
        def _workbook_writer(self) -> _TextOnlyWorkbook:
            return _TextOnlyWorkbook(self)

    return _ChartData


def _chart_data(table: CategoryTable) -> CategoryChartData:
    data = _chart_data_class()(number_format="0")
    # A bar chart draws its first category at the bottom; feed them reversed so the table's first
    # category reads first, at the top, without reversing the axis (which moves the scale up).
    data.categories = list(reversed(table.categories))
    for series in table.series:
        # Zero stays a gap, not a bar segment labelled "0".
        data.add_series(series.name, [v if v else None for v in reversed(series.values)])
    return data


def _text_and_legend(chart: Any, style: ChartStyle, size: float) -> None:
    """The theme's font for all the chart's text; the legend at the right, outside the plot, at the
    size the plan measured it at."""
    chart.font.name = style.font
    chart.font.size = Pt(style.tick_size)
    chart.font.color.rgb = _rgb(style.text_color)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.RIGHT
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(size)


def _series_look(plot: Any, table: CategoryTable, style: ChartStyle, size: float) -> None:
    """Touching stacked bars, each series in its kind's colour, values in bold with zeros hidden."""
    plot.gap_width = 60
    plot.overlap = 100
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.font.size = Pt(size)
    labels.font.bold = True
    labels.number_format = "0;;;"  # hide zeros
    labels.number_format_is_linked = False
    for i, series in enumerate(list(plot.series)):  # python-pptx sorts the series at every index
        data = table.series[i]
        color = style.series_color(data, i)
        ground = reduced_ground(color, style) if data.reduced else color
        look = (color, data.reduced, size, ground, reduced_stripes(color, style) if data.reduced else "")
        if not _copy_look(series._element, look):
            _style_series(series, data, color, ground, style, size)
            _remember_look(series._element, look)


def _style_series(series: Any, data: Series, color: str, ground: str, style: ChartStyle, size: float) -> None:
    """One series' fill and value labels, through python-pptx."""
    _paint(series.format.fill, data, color, style)
    series_labels = series.data_labels
    series_labels.show_value = True
    series_labels.number_format = "0;;;"
    series_labels.number_format_is_linked = False
    series_labels.font.size = Pt(size)
    series_labels.font.bold = True
    series_labels.font.color.rgb = _rgb(_ink_on(ground))
    if data.reduced:
        _label_backing(series_labels, ground)


# A series' look (its c:spPr and c:dLbls) depends only on these values: made through python-pptx
# once, then copied. python-pptx's property machinery took half of a native chart's time.
_LOOKS: dict[tuple[Any, ...], tuple[Any, Any]] = {}
_MAX_LOOKS = 256


def _copy_look(ser: Any, look: tuple[Any, ...]) -> bool:
    """Give a new series the look made before for the same values; False when there is none."""
    made = _LOOKS.get(look)
    if made is None or ser.spPr is not None or ser.dLbls is not None:
        return False
    ser._insert_spPr(deepcopy(made[0]))
    ser._insert_dLbls(deepcopy(made[1]))
    return True


def _remember_look(ser: Any, look: tuple[Any, ...]) -> None:
    if len(_LOOKS) >= _MAX_LOOKS:
        _LOOKS.clear()
    if ser.spPr is not None and ser.dLbls is not None:
        _LOOKS[look] = (deepcopy(ser.spPr), deepcopy(ser.dLbls))


def _paint(fill: Any, series: Series, color: str, style: ChartStyle) -> None:
    """A series' fill: its kind's colour; for reduced presence, stripes of that colour on its pale
    ground, as the picture draws them (``deckgen.charts.marks``). DrawingML's "wide upward
    diagonal" pattern: PowerPoint draws it as stripes, LibreOffice as hairlines, and the pale
    ground tells it apart in either."""
    if not series.reduced:
        fill.solid()
        fill.fore_color.rgb = _rgb(color)
        return
    fill.patterned()
    fill.pattern = MSO_PATTERN_TYPE.WIDE_UPWARD_DIAGONAL
    fill.fore_color.rgb = _rgb(reduced_stripes(color, style))
    fill.back_color.rgb = _rgb(reduced_ground(color, style))


def _label_backing(labels: Any, color: str) -> None:
    """Values on stripes sit on a patch of their ground, clear of the stripes."""
    dlbls = labels._element
    sp_pr = dlbls.makeelement(qn("c:spPr"), {})
    solid = sp_pr.makeelement(qn("a:solidFill"), {})
    solid.append(solid.makeelement(qn("a:srgbClr"), {"val": color.lstrip("#").upper()}))
    sp_pr.append(solid)
    # CT_DLbls order: dLbl*, numFmt?, spPr?, txPr?, ... ; spPr goes before the text properties.
    after = next(
        (el for tag in ("c:txPr", "c:dLblPos", "c:showLegendKey") if (el := dlbls.find(qn(tag))) is not None),
        None,
    )
    if after is None:
        dlbls.append(sp_pr)
    else:
        after.addprevious(sp_pr)


def _category_axis(cat_axis: Any, style: ChartStyle, size: float) -> None:
    """Every category named, at the layout's size (never under 12 pt): PowerPoint wraps long names."""
    cat_axis.tick_labels.font.size = Pt(size)
    cat_axis.format.line.color.rgb = _rgb(style.muted_color)
    cat_axis.has_major_gridlines = False
    _label_every_category(cat_axis._element)


def _value_axis(val_axis: Any, table: CategoryTable, style: ChartStyle, *, lang: str) -> None:
    """Light gridlines, whole-number steps, no axis line, and the axis title in the deck's language."""
    val_axis.has_major_gridlines = True
    val_axis.major_gridlines.format.line.color.rgb = _rgb("#D9DEE7")
    val_axis.tick_labels.font.size = Pt(style.tick_size)
    val_axis.tick_labels.font.color.rgb = _rgb(style.muted_color)
    val_axis.format.line.fill.background()
    longest = max((sum(v) for v in zip(*[s.values for s in table.series], strict=True)), default=0)
    val_axis.major_unit = 1 if longest <= 8 else 2
    val_axis.has_title = True
    val_axis.axis_title.text_frame.text = table.value_axis_title
    title_run = val_axis.axis_title.text_frame.paragraphs[0].runs[0]
    title_run._r.get_or_add_rPr().set("lang", lang)
    title_font = title_run.font
    title_font.size = Pt(style.label_size)
    title_font.bold = False
    title_font.color.rgb = _rgb(style.muted_color)


def _outline_picked(plot: Any, table: CategoryTable, style: ChartStyle, names: set[str]) -> None:
    """A dark outline round every segment of a picked-out category or kind. Fills keep their kind's
    colour, so the legend decodes every bar; nothing is faded."""
    n = len(table.categories)
    for s, series in enumerate(plot.series):
        whole = table.series[s].name in names or table.series[s].kind_name in names
        for label_index, name in enumerate(reversed(table.categories)):
            if not (whole or name in names) or table.series[s].values[n - 1 - label_index] == 0:
                continue  # not picked out, or a gap: nothing drawn, nothing to outline
            fmt = series.points[label_index].format
            # A point's own format replaces the series': without its fill, LibreOffice recolours it.
            _paint(fmt.fill, table.series[s], style.series_color(table.series[s], s), style)
            line = fmt.line
            line.color.rgb = _rgb(style.text_color)
            line.width = Pt(2.25)


def _bare_segments(plot: Any, table: CategoryTable, layout: ChartLayout) -> None:
    """No value on a segment the layout found too thin for it (the plan reports those)."""
    n = len(table.categories)
    for s, j in layout.bare:
        label = plot.series[s].points[n - 1 - j].data_label
        dlbl = label._get_or_add_dLbl()
        for tag in ("c:showVal", "c:showLegendKey", "c:showCatName", "c:showSerName"):
            element = dlbl.find(qn(tag))
            if element is not None:
                element.set("val", "0")


def _unsigned_axis_ids(space: Any) -> None:
    """python-pptx writes negative axis ids; the schema wants unsigned ints. Keep them to 31 bits:
    LibreOffice reads ids as signed 32-bit numbers, loses the link between the two axes for ids
    past 2^31 and then draws the value axis title a second time, beside the categories."""
    for element in space.iter(qn("c:axId"), qn("c:crossAx")):
        element.set("val", str(int(element.get("val")) & 0x7FFFFFFF))


def _label_every_category(cat_ax: Any) -> None:
    """Name every category: LibreOffice otherwise skips every other name when bars are thin."""
    skip = cat_ax.makeelement(qn("c:tickLblSkip"), {"val": "1"})
    successor = next(
        (
            el
            for tag in ("c:tickMarkSkip", "c:noMultiLvlLbl", "c:extLst")
            if (el := cat_ax.find(qn(tag))) is not None
        ),
        None,
    )
    if successor is None:
        cat_ax.append(skip)
    else:
        successor.addprevious(skip)


def _rgb(color: str) -> RGBColor:
    value = color.lstrip("#")
    return RGBColor(int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def _ink_on(fill: str) -> str:
    """Dark or white label text, whichever has the higher WCAG contrast on ``fill``."""
    value = fill.lstrip("#").upper()
    dark = "1A1A1A"
    return "#" + (dark if contrast(dark, value) >= contrast("FFFFFF", value) else "FFFFFF")
