"""One renderer per slide content type; placeholders are filled by idx and empty ones removed."""

from __future__ import annotations

import io
import weakref
from dataclasses import dataclass, field
from typing import Any, cast

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.parts.image import Image
from pptx.shapes.base import BaseShape
from pptx.shapes.placeholder import SlidePlaceholder
from pptx.slide import Slide
from pptx.util import Emu

from deckgen.charts.cache import ChartCache
from deckgen.charts.model import ChartStyle
from deckgen.plan.model import (
    Bullet,
    BulletsContent,
    ChartContent,
    Column,
    ImageContent,
    QuoteContent,
    SectionContent,
    SlidePlan,
    TitleContent,
    TwoColumnContent,
)
from deckgen.render.fill.chart import render_chart
from deckgen.render.fill.colors import Ink, layout_cache, slide_palette
from deckgen.render.fill.footer import source_row_height
from deckgen.render.fill.geometry import FOOTER_BAND, GAP, Box, content_area, fit_inside, inches
from deckgen.render.fill.text import Line, add_text_box, legible, slide_text, write_lines
from deckgen.render.fill.textfit import (
    BODY_SIZES,
    MIN_BODY_PT,
    body_family,
    bullet_font_size,
    caption_height,
    inherited_level_attr,
    inherited_line_spacing,
    inherited_title_size,
    inner_height_pt,
    inner_width,
    level_indents,
    level_size,
    level_space,
    lines_height_pt,
    quote_font_size,
    shape_family,
    title_font_size,
)
from deckgen.render.template.checks import BODY_IDX, COMPARISON, TEXT_TYPES, TWO_CONTENT

MAX_LEVEL = 4
SUBTITLE_LINE_PT = 20
QUOTE_SIDE_PT = 20  # the context and attribution lines around a quote
CAPTION_PT = 18
OPEN_QUOTE, CLOSE_QUOTE = "\u201c", "\u201d"
QUOTE_MARKS = '"\u201c\u201d\u00ab\u00bb'  # double marks only: a single one may be an apostrophe


@dataclass(frozen=True)
class RenderContext:
    lang: str
    slide_width: int
    slide_height: int
    chart_style: ChartStyle = field(default_factory=ChartStyle)
    chart_cache: ChartCache | None = None


def render_slide(slide: Slide, plan: SlidePlan, ctx: RenderContext) -> None:
    fill_title(slide, plan.title, ctx)
    content = plan.content
    if isinstance(content, TitleContent):
        render_title_slide(slide, content, ctx)
    elif isinstance(content, SectionContent):
        render_section(slide, content, ctx)
    elif isinstance(content, BulletsContent):
        render_bullets(slide, content, ctx)
    elif isinstance(content, QuoteContent):
        render_quote(slide, content, ctx, source_line=plan.source_line)
    elif isinstance(content, TwoColumnContent):
        render_two_column(slide, content, ctx)
    elif isinstance(content, ImageContent):
        render_image(slide, content, ctx, source_line=plan.source_line)
    elif isinstance(content, ChartContent):
        area = drawn_area(slide, ctx, source_line=plan.source_line)
        render_chart(
            slide,
            content,
            area,
            lang=ctx.lang,
            style=ctx.chart_style,
            cache=ctx.chart_cache,
            palette=slide_palette(slide, area),
            family=body_family(slide),
        )
    else:  # pragma: no cover - the plan model is a closed union
        raise TypeError(f"no renderer for {type(content).__name__}")
    remove_empty_placeholders(slide)


def placeholder(slide: Slide, idx: int) -> SlidePlaceholder | None:
    """The slide's text placeholder with ``idx``, if the layout gave it one."""
    for ph in slide.placeholders:
        fmt = ph.placeholder_format
        if fmt.idx == idx and fmt.type in TEXT_TYPES:
            return cast(SlidePlaceholder, ph)
    return None


def box_of(shape: BaseShape) -> Box:
    """Where a shape sits. A placeholder without a position of its own takes its layout's, which
    python-pptx looks up through the layout on every read: cache that once per layout."""
    element: Any = shape._element
    if shape.is_placeholder and element.xfrm is None:
        cache = layout_cache(shape, "box")
        idx = shape.placeholder_format.idx
        if idx not in cache:
            cache[idx] = Box(int(shape.left), int(shape.top), int(shape.width), int(shape.height))
        return cast(Box, cache[idx])
    return Box(int(shape.left), int(shape.top), int(shape.width), int(shape.height))


def fill(shape: BaseShape, lines: list[Line], ctx: RenderContext) -> None:
    """Write ``lines`` into a placeholder in colours that read on what lies behind it."""
    palette = slide_palette(shape.part.slide, box_of(shape))  # type: ignore[attr-defined]
    write_lines(shape.text_frame, legible(shape, lines, palette), lang=ctx.lang, palette=palette)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class TitleStyle:
    """How a layout sets its title: size, face, weight, line spacing (read once per layout)."""

    size: float
    family: str
    bold: bool
    line_spacing: float


_TITLE_STYLES: weakref.WeakKeyDictionary[Any, TitleStyle] = weakref.WeakKeyDictionary()


def title_style(shape: BaseShape) -> TitleStyle:
    layout_part = shape.part.slide_layout.part  # type: ignore[attr-defined]
    style = _TITLE_STYLES.get(layout_part)
    if style is None:
        style = TitleStyle(
            inherited_title_size(shape, default=28),
            shape_family(shape, title=True),
            inherited_level_attr(shape, "b", title=True) in ("1", "true"),
            inherited_line_spacing(shape, title=True),
        )
        _TITLE_STYLES[layout_part] = style
    return style


def fill_title(slide: Slide, title: str, ctx: RenderContext) -> None:
    shape = slide.shapes.title
    if shape is None:  # check_layouts refuses such layouts before anything is rendered
        raise RuntimeError(f"layout {slide.slide_layout.name!r} has no title placeholder")
    style = title_style(shape)
    size = title_font_size(
        title,
        box_of(shape),
        style.size,
        family=style.family,
        bold=style.bold,
        line_spacing=style.line_spacing,
    )
    fill(shape, [Line(title, size=size)], ctx)


def drawn_area(slide: Slide, ctx: RenderContext, *, source_line: str = "") -> Box:
    """Where drawn content goes: under the title, above the footer and the source row if any."""
    title = slide.shapes.title
    area = content_area(
        box_of(title) if title is not None else None,
        slide_width=ctx.slide_width,
        slide_height=ctx.slide_height,
    )
    row = source_row_height(source_line, slide_width=ctx.slide_width, family=body_family(slide))
    if row:
        bottom = min(area.bottom, ctx.slide_height - FOOTER_BAND - row - GAP)
        area = Box(area.left, area.top, area.width, max(bottom - area.top, inches(1.0)))
    return area


def fits(shape: BaseShape, lines: list[Line], box: Box, *, family: str, size: float) -> bool:
    height = lines_height_pt(
        lines, inner_width(box), family=family, default_size=size, indents=level_indents(shape)
    )
    return height <= inner_height_pt(box)


def grow_to_fit(shape: BaseShape, ctx: RenderContext) -> Box:
    """The placeholder's box stretched down to the footer band: room for a subtitle that needs it."""
    box = box_of(shape)
    bottom = max(box.bottom, ctx.slide_height - FOOTER_BAND - GAP)
    return Box(box.left, box.top, box.width, bottom - box.top)


def render_title_slide(slide: Slide, content: TitleContent, ctx: RenderContext) -> None:
    ph = placeholder(slide, BODY_IDX)
    if ph is None:
        return
    base = inherited_size(ph, default=24)
    family = shape_family(ph)
    extras = [line for line in content.lines if line.strip()]

    def lines_at(sub: float, extra: float) -> list[Line]:
        # The subtitle keeps the template's size (no size written) unless it has to step down.
        own = None if sub == base else sub
        lines = [Line(content.subtitle, size=own, bullet=False)] if content.subtitle.strip() else []
        for n, text in enumerate(extras):
            gap = 12 if n == 0 and lines else 0  # 0, not the template's: what was measured is shown
            lines.append(Line(text, size=extra, ink=Ink.MUTED, bullet=False, space_before=gap))
        return lines

    # The template's subtitle size, stepping down; the presenter lines at 20 then 18 pt. When even
    # 18 pt does not fit the template's box (a 4:3 title slide), the box grows towards the footer.
    extra_sizes = (SUBTITLE_LINE_PT, MIN_BODY_PT)
    tries = [(s, e) for e in extra_sizes for s in sizes_down(base, max(float(MIN_BODY_PT), min(base, e)))]
    box = box_of(ph)
    chosen = next((t for t in tries if fits(ph, lines_at(*t), box, family=family, size=base)), None)
    if chosen is None:
        box = grow_to_fit(ph, ctx)
        chosen = next((t for t in tries if fits(ph, lines_at(*t), box, family=family, size=base)), tries[-1])
        ph.height = Emu(box.height)
    sub, extra = chosen
    fill(ph, lines_at(sub, extra), ctx)


def sizes_down(top: float, floor: float) -> list[float]:
    """``top``, then 2 pt smaller at a time, down to ``floor``."""
    sizes = []
    size = top
    while size > floor:
        sizes.append(size)
        size -= 2
    return [*sizes, floor]


def inherited_size(shape: BaseShape, *, default: float) -> float:
    value = inherited_level_attr(shape, "sz")
    return int(value) / 100 if value else default


def render_section(slide: Slide, content: SectionContent, ctx: RenderContext) -> None:
    ph = placeholder(slide, BODY_IDX)
    if ph is None:
        return
    lines = []
    if content.number is not None:
        lines.append(Line(f"Part {content.number}", size=20, bold=True, ink=Ink.ACCENT, bullet=False))
    if content.text.strip():
        lines.append(Line(content.text, bullet=False))
    fill(ph, lines, ctx)


def bullet_lines(bullets: tuple[Bullet, ...], size: float) -> list[Line]:
    """Bullets at their level's size, with the space before them the planner measured."""
    lines = []
    for bullet in bullets:
        level = max(0, min(bullet.level, MAX_LEVEL))
        lines.append(
            Line(bullet.text, level=level, size=level_size(size, level), space_before=level_space(level))
        )
    return lines


def items_of(bullets: tuple[Bullet, ...]) -> list[tuple[str, int]]:
    return [(b.text, max(0, min(b.level, MAX_LEVEL))) for b in bullets]


def render_bullets(slide: Slide, content: BulletsContent, ctx: RenderContext) -> None:
    ph = placeholder(slide, BODY_IDX)
    target: BaseShape
    if ph is not None:
        target, box = ph, box_of(ph)
    else:  # a layout without a body: draw the list where a body would be
        box = drawn_area(slide, ctx)
        target = add_text_box(slide.shapes, box, name="Bullets")
    items = items_of(content.bullets)
    if content.lead:
        items = [(content.lead, 0), *items]
    # The planner measured the text with the template's fonts; the estimate is only a fallback.
    size = content.size or bullet_font_size(
        items, box, family=shape_family(target) if ph else body_family(slide)
    )
    lines = bullet_lines(content.bullets, size)
    if content.lead:
        # The lead (a question, a situation, an intro) reads as text, not as one more bullet.
        lead = Line(
            content.lead, size=size, bold=True, ink=Ink.ACCENT, bullet=False, space_before=level_space(0)
        )
        lines = [lead, *lines]
    fill(target, lines, ctx)


def heading_line(heading: str, size: float) -> Line:
    """A column heading inside a body placeholder: bold, accent colour, no bullet."""
    return Line(heading, size=size, bold=True, ink=Ink.ACCENT, bullet=False, space_before=level_space(0))


def render_two_column(slide: Slide, content: TwoColumnContent, ctx: RenderContext) -> None:
    """Two columns of bullets under their headings, filled by placeholder idx.

    "Comparison" has headings at idx 1 and 3 over bodies at 2 and 4; "Two Content" has only
    bodies at 1 and 2, so each body opens with its heading as a bold, unbulleted line.
    """
    phs = {idx: placeholder(slide, idx) for idx in COMPARISON}
    columns = (content.left, content.right)
    heads: tuple[SlidePlaceholder | None, ...]
    bodies: tuple[SlidePlaceholder | None, ...]
    if all(ph is not None for ph in phs.values()):
        heads, bodies = (phs[1], phs[3]), (phs[2], phs[4])
    else:
        heads, bodies = (None, None), tuple(phs[idx] for idx in TWO_CONTENT)
    filled = [(col, head, body) for col, head, body in zip(columns, heads, bodies, strict=True) if body]
    # Both columns share one size, or the slide looks lopsided: the largest at which both fit,
    # from the template's size (24 pt at most) down to 18.
    top = min((inherited_size(body, default=BODY_SIZES[0]) for _c, _h, body in filled), default=BODY_SIZES[0])
    sizes = sizes_down(min(top, BODY_SIZES[0]), MIN_BODY_PT)

    def column_lines(column: Column, head: SlidePlaceholder | None, size: float) -> list[Line]:
        lines = bullet_lines(column.bullets, size)
        if column.heading.strip() and head is None:
            lines.insert(0, heading_line(column.heading, size))
        return lines

    size = next(
        (
            size
            for size in sizes
            if all(
                fits(body, column_lines(col, head, size), box_of(body), family=shape_family(body), size=size)
                for col, head, body in filled
            )
        ),
        MIN_BODY_PT,
    )
    for column, head, body in filled:
        if column.heading.strip() and head is not None:
            # A heading placeholder has the template's heading style: keep it.
            fill(head, [Line(column.heading, bullet=False)], ctx)
        fill(body, column_lines(column, head, size), ctx)


def quoted(text: str) -> str:
    """The quote inside typographic marks; marks the author typed around the whole of it go.

    Double marks inside the quote become single ones, the usual way to nest a quotation, so a
    quote ending on a quoted phrase reads ``…NATO's 'soft underbelly.'"`` rather than closing twice.
    """
    text = text.strip()
    marks = sum(text.count(mark) for mark in QUOTE_MARKS)
    if marks == 2 and len(text) > 2 and text[0] in QUOTE_MARKS and text[-1] in QUOTE_MARKS:
        text = text[1:-1].strip()
    return f"{OPEN_QUOTE}{text.translate(_NESTED)}{CLOSE_QUOTE}"


# Inner double quotes as single quotes; a straight one opens after a space or at the start.
_NESTED = str.maketrans({"\u201c": "\u2018", "\u201d": "\u2019", "\u00ab": "\u2018", "\u00bb": "\u2019"})


def render_quote(slide: Slide, content: QuoteContent, ctx: RenderContext, *, source_line: str = "") -> None:
    # One box, three paragraphs: stacked boxes would overlap wherever the estimate is short.
    # Inset from the sides, and a little from the title rule and the footer, so a long quote breathes.
    box = drawn_area(slide, ctx, source_line=source_line).inset(inches(0.5), inches(0.15))
    family = body_family(slide)
    attribution = f"\u2014 {content.attribution.strip()}" if content.attribution.strip() else ""
    size = quote_font_size(
        quoted(content.text), [content.context, attribution], box, QUOTE_SIDE_PT, family=family
    )
    lines = []
    if content.context.strip():
        lines.append(Line(content.context, size=QUOTE_SIDE_PT, ink=Ink.MUTED, bullet=False))
    lines.append(
        Line(
            quoted(content.text),
            size=size,
            italic=True,
            ink=Ink.TEXT,
            bullet=False,
            space_before=12 if lines else 0,
        )
    )
    if attribution:
        lines.append(
            Line(
                attribution,
                size=QUOTE_SIDE_PT,
                ink=Ink.MUTED,
                bullet=False,
                space_before=14,
            )
        )
    shape = add_text_box(slide.shapes, box, name="Quote", anchor=MSO_ANCHOR.MIDDLE)
    write_lines(shape.text_frame, lines, lang=ctx.lang, palette=slide_palette(slide, box))


def render_image(slide: Slide, content: ImageContent, ctx: RenderContext, *, source_line: str = "") -> None:
    blob = content.path.read_bytes()
    width_px, height_px = Image.from_blob(blob).size
    area = drawn_area(slide, ctx, source_line=source_line)
    family = body_family(slide)
    gap = inches(0.1)
    cap_h = (
        caption_height(content.caption, area.width, CAPTION_PT, family=family)
        if content.caption.strip()
        else 0
    )
    room = Box(area.left, area.top, area.width, area.height - (cap_h + gap if cap_h else 0))
    pic_box = fit_inside(width_px, height_px, room)
    # Centre picture and caption together, so the caption sits right under the picture.
    group_h = pic_box.height + (cap_h + gap if cap_h else 0)
    top = area.top + (area.height - group_h) // 2
    pic = slide.shapes.add_picture(
        io.BytesIO(blob), Emu(pic_box.left), Emu(top), Emu(pic_box.width), Emu(pic_box.height)
    )
    # add_picture puts a file name in the alt text; screen readers need the description.
    element: Any = pic._element
    element.nvPicPr.cNvPr.set("descr", slide_text(content.alt))
    if cap_h:
        cap_box = Box(area.left, top + pic_box.height + gap, area.width, cap_h)
        caption = add_text_box(slide.shapes, cap_box, name="Caption")
        line = Line(content.caption, size=CAPTION_PT, ink=Ink.MUTED, bullet=False, align=PP_ALIGN.CENTER)
        write_lines(caption.text_frame, [line], lang=ctx.lang, palette=slide_palette(slide, cap_box))


def remove_empty_placeholders(slide: Slide) -> None:
    """An unused placeholder shows "Click to add text" in PowerPoint: remove it."""
    for ph in list(slide.placeholders):
        element = ph._element
        if element.tag != qn("p:sp"):
            continue  # a filled picture or graphic frame
        if ph.has_text_frame and ph.text_frame.text.strip():
            continue
        element.getparent().remove(element)
