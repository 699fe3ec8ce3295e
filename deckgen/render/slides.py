"""One renderer per slide content type; placeholders are filled by idx and empty ones removed."""

from __future__ import annotations

import io
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
from deckgen.render.chart import render_chart
from deckgen.render.geometry import Box, content_area, fit_inside, inches
from deckgen.render.template import BODY_IDX, COMPARISON, TEXT_TYPES, TWO_CONTENT
from deckgen.render.text import (
    BODY_SIZES,
    Ink,
    Line,
    add_text_box,
    bullet_font_size,
    caption_height,
    inherited_title_size,
    level_size,
    quote_font_size,
    slide_text,
    title_font_size,
    write_lines,
)

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
        render_quote(slide, content, ctx)
    elif isinstance(content, TwoColumnContent):
        render_two_column(slide, content, ctx)
    elif isinstance(content, ImageContent):
        render_image(slide, content, ctx)
    elif isinstance(content, ChartContent):
        area = drawn_area(slide, ctx)
        render_chart(slide, content, area, lang=ctx.lang, style=ctx.chart_style, cache=ctx.chart_cache)
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
    return Box(int(shape.left), int(shape.top), int(shape.width), int(shape.height))


def fill_title(slide: Slide, title: str, ctx: RenderContext) -> None:
    shape = slide.shapes.title
    if shape is None:  # check_layouts refuses such layouts before anything is rendered
        raise RuntimeError(f"layout {slide.slide_layout.name!r} has no title placeholder")
    size = title_font_size(title, box_of(shape), inherited_title_size(shape, default=28))
    write_lines(shape.text_frame, [Line(title, size=size)], lang=ctx.lang)


def drawn_area(slide: Slide, ctx: RenderContext) -> Box:
    title = slide.shapes.title
    return content_area(
        box_of(title) if title is not None else None,
        slide_width=ctx.slide_width,
        slide_height=ctx.slide_height,
    )


def render_title_slide(slide: Slide, content: TitleContent, ctx: RenderContext) -> None:
    ph = placeholder(slide, BODY_IDX)
    if ph is None:
        return
    lines = [Line(content.subtitle, bullet=False)] if content.subtitle.strip() else []
    for n, extra in enumerate(line for line in content.lines if line.strip()):
        gap = 12 if n == 0 and lines else None
        lines.append(Line(extra, size=SUBTITLE_LINE_PT, ink=Ink.MUTED, bullet=False, space_before=gap))
    write_lines(ph.text_frame, lines, lang=ctx.lang)


def render_section(slide: Slide, content: SectionContent, ctx: RenderContext) -> None:
    ph = placeholder(slide, BODY_IDX)
    if ph is None:
        return
    lines = []
    if content.number is not None:
        lines.append(Line(f"Part {content.number}", size=20, bold=True, ink=Ink.ACCENT, bullet=False))
    if content.text.strip():
        lines.append(Line(content.text, bullet=False))
    write_lines(ph.text_frame, lines, lang=ctx.lang)


def bullet_lines(bullets: tuple[Bullet, ...], size: float) -> list[Line]:
    lines = []
    for bullet in bullets:
        level = max(0, min(bullet.level, MAX_LEVEL))
        lines.append(Line(bullet.text, level=level, size=level_size(size, level)))
    return lines


def items_of(bullets: tuple[Bullet, ...]) -> list[tuple[str, int]]:
    return [(b.text, max(0, min(b.level, MAX_LEVEL))) for b in bullets]


def render_bullets(slide: Slide, content: BulletsContent, ctx: RenderContext) -> None:
    ph = placeholder(slide, BODY_IDX)
    if ph is not None:
        frame, box = ph.text_frame, box_of(ph)
    else:  # a layout without a body: draw the list where a body would be
        box = drawn_area(slide, ctx)
        frame = add_text_box(slide.shapes, box, name="Bullets").text_frame
    items = items_of(content.bullets)
    if content.lead:
        items = [(content.lead, 0), *items]
    # The planner measured the text with the template's fonts; the estimate is only a fallback.
    size = content.size or bullet_font_size(items, box)
    lines = bullet_lines(content.bullets, size)
    if content.lead:
        # The lead (a question, a situation, an intro) reads as text, not as one more bullet.
        lines = [Line(content.lead, size=size, bold=True, ink=Ink.ACCENT, bullet=False), *lines]
    write_lines(frame, lines, lang=ctx.lang)


def heading_line(heading: str, size: float) -> Line:
    """A column heading inside a body placeholder: bold, accent colour, no bullet."""
    return Line(heading, size=size, bold=True, ink=Ink.ACCENT, bullet=False)


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
    # Both columns share one size, or the slide looks lopsided.
    sizes = [
        bullet_font_size(column_items(col, inline_heading=head is None), box_of(body))
        for col, head, body in filled
    ]
    size = min(sizes, default=BODY_SIZES[0])
    for column, head, body in filled:
        lines = bullet_lines(column.bullets, size)
        if column.heading.strip():
            if head is not None:
                # A heading placeholder has the template's heading style: keep it.
                write_lines(head.text_frame, [Line(column.heading, bullet=False)], lang=ctx.lang)
            else:
                lines.insert(0, heading_line(column.heading, size))
        write_lines(body.text_frame, lines, lang=ctx.lang)


def column_items(column: Column, *, inline_heading: bool) -> list[tuple[str, int]]:
    head = [(column.heading, 0)] if inline_heading and column.heading.strip() else []
    return head + items_of(column.bullets)


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


def render_quote(slide: Slide, content: QuoteContent, ctx: RenderContext) -> None:
    # One box, three paragraphs: stacked boxes would overlap wherever the estimate is short.
    box = drawn_area(slide, ctx).inset(inches(0.5))
    attribution = f"\u2014 {content.attribution.strip()}" if content.attribution.strip() else ""
    size = quote_font_size(quoted(content.text), [content.context, attribution], box, QUOTE_SIDE_PT)
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
    write_lines(shape.text_frame, lines, lang=ctx.lang)


def render_image(slide: Slide, content: ImageContent, ctx: RenderContext) -> None:
    blob = content.path.read_bytes()
    width_px, height_px = Image.from_blob(blob).size
    area = drawn_area(slide, ctx)
    gap = inches(0.1)
    cap_h = caption_height(content.caption, area.width, CAPTION_PT) if content.caption.strip() else 0
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
        write_lines(caption.text_frame, [line], lang=ctx.lang)


def remove_empty_placeholders(slide: Slide) -> None:
    """An unused placeholder shows "Click to add text" in PowerPoint: remove it."""
    for ph in list(slide.placeholders):
        element = ph._element
        if element.tag != qn("p:sp"):
            continue  # a filled picture or graphic frame
        if ph.has_text_frame and ph.text_frame.text.strip():
            continue
        element.getparent().remove(element)
