"""One renderer per slide content type; placeholders are filled by idx and empty ones removed."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any, cast

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.shapes.base import BaseShape
from pptx.shapes.placeholder import SlidePlaceholder
from pptx.shapes.shapetree import SlideShapeFactory
from pptx.slide import Slide
from pptx.util import Emu

from deckgen.charts.cache import ChartCache
from deckgen.charts.model import ChartStyle
from deckgen.core.errors import DeckgenError, file_problem
from deckgen.core.files import FileProblem, read_bytes
from deckgen.core.textnorm import slide_text
from deckgen.plan.boxes import Box
from deckgen.plan.measure import level_space
from deckgen.plan.model import (
    CAPTION_PT,
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
from deckgen.plan.sizing import (
    ATTRIBUTION_GAP_PT,
    LINES_GAP_PT,
    MAX_LEVEL,
    QUOTE_GAP_PT,
    QUOTE_SIDE_PT,
    SECTION_NUMBER_PT,
    attribution_line,
    level_size,
)
from deckgen.render.fill.chart import render_chart
from deckgen.render.fill.colors import Ink, slide_palette
from deckgen.render.fill.layoutmemo import placeholder_elements, title_element
from deckgen.render.fill.text import Line, add_text_box, legible, shown_spot, write_lines
from deckgen.render.template.checks import BODY_IDX, COMPARISON, TEXT_TYPES, TWO_CONTENT


@dataclass(frozen=True)
class RenderContext:
    lang: str
    slide_width: int
    slide_height: int
    chart_style: ChartStyle = field(default_factory=ChartStyle)
    chart_cache: ChartCache | None = None


def render_slide(slide: Slide, plan: SlidePlan, ctx: RenderContext) -> None:
    """Fill one slide from its plan: every size and box is the plan's."""
    fill_title(slide, plan.title, plan.title_size, ctx)
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
        area = placed(content.area, "chart area")
        render_chart(
            slide,
            content,
            lang=ctx.lang,
            style=ctx.chart_style,
            cache=ctx.chart_cache,
            palette=slide_palette(slide, area),
        )
    else:  # pragma: no cover - the plan model is a closed union
        raise TypeError(f"no renderer for {type(content).__name__}")
    remove_empty_placeholders(slide)


def placed(box: Box | None, what: str) -> Box:
    """A box the plan must have decided; a plan that was never placed is a bug, not a user error."""
    if box is None:
        raise ValueError(f"the plan has no {what}: place the plan on its template before rendering")
    return box


def placeholder(slide: Slide, idx: int) -> SlidePlaceholder | None:
    """The slide's text placeholder with ``idx``, if the layout gave it one: the shape python-pptx's
    ``slide.placeholders`` would give, found without making a proxy for every shape."""
    shapes = slide.shapes
    for element, ph in placeholder_elements(shapes._spTree):
        if ph.idx == idx and ph.type in TEXT_TYPES:
            return cast(SlidePlaceholder, SlideShapeFactory(element, shapes))
    return None


def title_of(slide: Slide) -> BaseShape | None:
    """python-pptx's ``slide.shapes.title`` (the first placeholder of idx 0), found the same way."""
    shapes = slide.shapes
    element = title_element(shapes._spTree.iter_shape_elms())
    return None if element is None else SlideShapeFactory(element, shapes)


def box_of(shape: BaseShape) -> Box:
    """Where a shape sits, for choosing colours that read on what lies behind it; an empty box
    at the corner when neither it, its layout nor its master says where it is (a damaged
    master): then only the background lies behind it."""
    left, top, width, height = shown_spot(shape)
    if left is None or top is None or width is None or height is None:
        return Box(0, 0, 0, 0)
    return Box(left, top, width, height)


def fill(shape: BaseShape, lines: list[Line], ctx: RenderContext) -> None:
    """Write ``lines`` into a placeholder in colours that read on what lies behind it."""
    palette = slide_palette(shape.part.slide, box_of(shape))  # type: ignore[attr-defined]
    write_lines(shape.text_frame, legible(shape, lines, palette), lang=ctx.lang, palette=palette)  # type: ignore[attr-defined]


def fill_title(slide: Slide, title: str, size: float | None, ctx: RenderContext) -> None:
    """The title in the title placeholder; on a layout without one (a section slide on a
    "Centered Text" layout) as the first line of its text placeholder, which ``render_section``
    keeps."""
    shape = title_of(slide)
    if shape is not None:
        fill(shape, [Line(title, size=size)], ctx)
        return
    text = placeholder(slide, BODY_IDX)
    if text is None:  # check_layouts refuses such layouts before anything is rendered
        raise RuntimeError(f"layout {slide.slide_layout.name!r} has no title placeholder")
    fill(text, [Line(title, size=size, bold=True, bullet=False)], ctx)


def render_title_slide(slide: Slide, content: TitleContent, ctx: RenderContext) -> None:
    ph = placeholder(slide, BODY_IDX)
    if ph is None:
        return
    if content.box is not None:
        # The whole position, not just the height: a placeholder that inherits its place from
        # the layout would otherwise get a transform with no offset and no width.
        box = content.box
        ph.left, ph.top, ph.width, ph.height = Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height)
    lines = (
        [Line(content.subtitle, size=content.subtitle_size, bullet=False)] if content.subtitle.strip() else []
    )
    for n, text in enumerate(line for line in content.lines if line.strip()):
        gap = LINES_GAP_PT if n == 0 and lines else 0  # 0, not the template's: what was measured is shown
        lines.append(Line(text, size=content.line_size, ink=Ink.MUTED, bullet=False, space_before=gap))
    fill(ph, lines, ctx)


def render_section(slide: Slide, content: SectionContent, ctx: RenderContext) -> None:
    ph = placeholder(slide, BODY_IDX)
    if ph is None:
        return
    lines = []
    if title_of(slide) is None and ph.text_frame.text.strip():
        # A layout without a title placeholder: fill_title wrote the title here; it stays first.
        lines.append(Line(ph.text_frame.text, bold=True, bullet=False))
    if content.number is not None:
        lines.append(
            Line(f"Part {content.number}", size=SECTION_NUMBER_PT, bold=True, ink=Ink.ACCENT, bullet=False)
        )
    if content.text.strip():
        lines.append(Line(content.text, size=content.size, bullet=False))
    fill(ph, lines, ctx)


def bullet_lines(bullets: tuple[Bullet, ...], size: float) -> list[Line]:
    """Bullets at their level's size, with the space before them the planner measured."""
    lines = []
    for bullet in bullets:
        level = max(0, min(bullet.level, MAX_LEVEL))
        lines.append(
            Line(
                bullet.text,
                level=level,
                size=level_size(size, level),
                bullet=bullet.marker,
                hang=bullet.hang,
                space_before=level_space(level),
            )
        )
    return lines


def render_bullets(slide: Slide, content: BulletsContent, ctx: RenderContext) -> None:
    size = placed_size(content.size, "bullet size")
    target: BaseShape | None = placeholder(slide, BODY_IDX) if content.box is None else None
    if target is None:  # a layout without a body: the plan put the list in a box of its own
        target = add_text_box(slide.shapes, placed(content.box, "bullets box"), name="Bullets")
    lines = bullet_lines(content.bullets, size)
    if content.lead:
        # The lead (a question, a situation, an intro) reads as text, not as one more bullet.
        lead = Line(
            content.lead, size=size, bold=True, ink=Ink.ACCENT, bullet=False, space_before=level_space(0)
        )
        lines = [lead, *lines]
    fill(target, lines, ctx)


def placed_size(size: float | None, what: str) -> float:
    if size is None:
        raise ValueError(f"the plan has no {what}: place the plan on its template before rendering")
    return size


def heading_line(heading: str, size: float) -> Line:
    """A column heading inside a body placeholder: bold, accent colour, no bullet."""
    return Line(heading, size=size, bold=True, ink=Ink.ACCENT, bullet=False, space_before=level_space(0))


def render_two_column(slide: Slide, content: TwoColumnContent, ctx: RenderContext) -> None:
    """Two columns of bullets under their headings, filled by placeholder idx.

    "Comparison" has headings at idx 1 and 3 over bodies at 2 and 4; "Two Content" has only
    bodies at 1 and 2, so each body opens with its heading as a bold, unbulleted line.
    """
    size = placed_size(content.size, "column size")
    phs = {idx: placeholder(slide, idx) for idx in COMPARISON}
    heads: tuple[SlidePlaceholder | None, ...]
    bodies: tuple[SlidePlaceholder | None, ...]
    if all(ph is not None for ph in phs.values()):
        heads, bodies = (phs[1], phs[3]), (phs[2], phs[4])
    else:
        heads, bodies = (None, None), tuple(phs[idx] for idx in TWO_CONTENT)
    for column, head, body in zip((content.left, content.right), heads, bodies, strict=True):
        if body is None:
            continue
        if column.heading.strip() and head is not None:
            # A heading placeholder has the template's heading style: keep it.
            fill(head, [Line(column.heading, bullet=False)], ctx)
        fill(body, column_lines(column, size, heading_inside=head is None), ctx)


def column_lines(column: Column, size: float, *, heading_inside: bool) -> list[Line]:
    lines = bullet_lines(column.bullets, size)
    if column.heading.strip() and heading_inside:
        lines.insert(0, heading_line(column.heading, size))
    return lines


def render_quote(slide: Slide, content: QuoteContent, ctx: RenderContext) -> None:
    # One box, three paragraphs: stacked boxes would overlap wherever the estimate is short.
    box = placed(content.box, "quote box")
    attribution = attribution_line(content.attribution)
    lines = []
    if content.context.strip():
        lines.append(Line(content.context, size=QUOTE_SIDE_PT, ink=Ink.MUTED, bullet=False))
    lines.append(
        Line(
            content.shown,
            size=content.size,
            italic=True,
            ink=Ink.TEXT,
            bullet=False,
            space_before=QUOTE_GAP_PT if lines else 0,
        )
    )
    if attribution:
        lines.append(
            Line(
                attribution, size=QUOTE_SIDE_PT, ink=Ink.MUTED, bullet=False, space_before=ATTRIBUTION_GAP_PT
            )
        )
    shape = add_text_box(slide.shapes, box, name="Quote", anchor=MSO_ANCHOR.MIDDLE)
    write_lines(shape.text_frame, lines, lang=ctx.lang, palette=slide_palette(slide, box))


def render_image(slide: Slide, content: ImageContent, ctx: RenderContext) -> None:
    box = placed(content.picture, "picture box")
    try:
        blob = read_bytes(content.path, "image")  # checked by check_pictures; it may have changed
    except FileProblem as exc:
        raise DeckgenError((file_problem(str(content.path), exc, "image-unreadable"),)) from None
    pic = slide.shapes.add_picture(
        io.BytesIO(blob), Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height)
    )
    # add_picture puts a file name in the alt text; screen readers need the description.
    element: Any = pic._element
    element.nvPicPr.cNvPr.set("descr", slide_text(content.alt))
    if content.caption_box is not None:
        cap_box = content.caption_box
        caption = add_text_box(slide.shapes, cap_box, name="Caption")
        line = Line(content.caption, size=CAPTION_PT, ink=Ink.MUTED, bullet=False, align=PP_ALIGN.CENTER)
        write_lines(caption.text_frame, [line], lang=ctx.lang, palette=slide_palette(slide, cap_box))


PH_PATH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"
TEXT_RUN = qn("a:t")


def remove_empty_placeholders(slide: Slide) -> None:
    """An unused placeholder shows "Click to add text" in PowerPoint: remove it. Read from the
    tree directly: python-pptx would build a proxy and look up its text frame for each."""
    tree: Any = slide.shapes._spTree
    for element in tree.findall(qn("p:sp")):  # not a filled picture or graphic frame
        if element.find(PH_PATH) is None:
            continue  # not a placeholder
        body = element.find(qn("p:txBody"))
        if body is not None and any((t.text or "").strip() for t in body.iter(TEXT_RUN)):
            continue
        tree.remove(element)
