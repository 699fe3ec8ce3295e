"""Placing a planned deck on its template: every title size, text size, box and footer, decided here."""

from __future__ import annotations

from dataclasses import replace

from deckgen.core.errors import Diagnostic, Loc, Severity
from deckgen.core.units import EMU_PER_PT, inches
from deckgen.plan.boxes import FOOTER_BAND, GAP, Box, content_area, fit_inside
from deckgen.plan.charting import fit_chart
from deckgen.plan.footer import place_footer, source_row_height
from deckgen.plan.geometry import Box4, RoleGeometry, TemplateGeometry, TextStyle
from deckgen.plan.measure import (
    FRAME_INSET_PT,
    FRAME_INSET_X,
    LINE_SPACING,
    Run,
    fits,
    line_count,
)
from deckgen.plan.model import (
    CAPTION_PT,
    BulletsContent,
    ChartContent,
    DeckPlan,
    ImageContent,
    Layout,
    QuoteContent,
    SectionContent,
    SlideContent,
    SlidePlan,
    TitleContent,
    TwoColumnContent,
)
from deckgen.plan.sizing import (
    DEFAULT_TITLE_PT,
    MIN_BODY_PT,
    SECTION_NUMBER_PT,
    attribution_line,
    bullets_size,
    grown_box,
    quote_size,
    quoted,
    title_fits,
    title_size,
    title_slide_sizes,
    two_column_size,
)

CAPTION_GAP = inches(0.1)  # between a picture or chart and its caption


def place_deck(plan: DeckPlan, geometry: TemplateGeometry) -> tuple[DeckPlan, list[Diagnostic]]:
    """``plan`` with every slide placed on the template ``geometry`` describes, and what placing
    found wrong (warnings located at the slide's line in the brief).

    A plan is placed once: its bullet slides were already split to fit this template's body.
    """
    if any(slide.footer is not None for slide in plan.slides):
        raise ValueError("the plan is placed already; plan the brief again for another template")
    marking = plan.meta.marking
    found: list[Diagnostic] = []
    slides = tuple(place_slide(s, geometry, marking=marking, diags=found) for s in plan.slides)
    return replace(plan, slides=one_title_size(slides, geometry)), found


def one_title_size(slides: tuple[SlidePlan, ...], geometry: TemplateGeometry) -> tuple[SlidePlan, ...]:
    """One title size across the deck's content slides where it fits.

    Titles that had to step down a little (to no less than three quarters of the template's
    size) set the size for every title in the same title box: a deck whose titles change size
    from slide to slide looks unfinished. A title that needs less keeps its own size. Title and
    section slides keep theirs: their titles are meant to be larger.
    """
    groups: dict[tuple[Box4, TextStyle], list[int]] = {}
    for n, slide in enumerate(slides):
        role = geometry.roles.get(slide.layout)
        if role is None or role.title is None or slide.layout in (Layout.TITLE, Layout.SECTION):
            continue
        groups.setdefault((role.title, role.title_style), []).append(n)
    out = list(slides)
    for (_, style), members in groups.items():
        base = style.size or DEFAULT_TITLE_PT
        sizes = [out[n].title_size or base for n in members]
        mild = [size for size in sizes if size >= base * 0.75]
        if not mild:
            continue
        shared = min(mild)
        for n, size in zip(members, sizes, strict=True):
            if size >= shared:
                out[n] = replace(out[n], title_size=None if shared == base else shared)
    return tuple(out)


def place_slide(
    slide: SlidePlan, geometry: TemplateGeometry, *, marking: str, diags: list[Diagnostic]
) -> SlidePlan:
    """One slide placed. A layout the template cannot serve is left as it is: ``check_template``
    reports it, and such a plan is never rendered."""
    slide = _with_usable_layout(slide, geometry)
    role = geometry.roles.get(slide.layout)
    if role is None:
        return slide
    placer = _Placer(slide, role, geometry, diags, marking)
    footer = place_footer(
        marking,
        slide.source_line,
        slide_width=geometry.slide_width,
        slide_height=geometry.slide_height,
        family=role.text_font,
    )
    size = title_size(slide.title, Box.of(role.title), role.title_style) if role.title else None
    if role.title and not title_fits(slide.title, Box.of(role.title), role.title_style, size):
        at = size or role.title_style.size or DEFAULT_TITLE_PT
        placer.warn(
            "text-overflow",
            f"the title '{slide.title}' does not fit its box even at {at:g} pt",
            hint="shorten the title, or give the template a wider title box in a profile",
        )
    return replace(slide, title_size=size, content=placer.content(), footer=footer)


def _with_usable_layout(slide: SlidePlan, geometry: TemplateGeometry) -> SlidePlan:
    """A drawn slide (quote, picture, chart) moves to the content layout when the template's
    title-only layout puts its title mid-slide or in a narrow box (as LibreOffice's Impress
    templates do): drawn under such a title, a chart would get a strip. It is then drawn in the
    content layout's body box, whose empty placeholder the renderer removes."""
    if slide.layout is not Layout.TITLE_ONLY:
        return slide
    role, content = geometry.roles.get(Layout.TITLE_ONLY), geometry.roles.get(Layout.CONTENT)
    if role is None or role.title is None or content is None or not content.bodies:
        return slide
    _, top, width, _ = role.title
    if top <= geometry.slide_height * 0.25 and width >= geometry.slide_width * 0.6:
        return slide
    return replace(slide, layout=Layout.CONTENT)


class _Placer:
    def __init__(
        self,
        slide: SlidePlan,
        role: RoleGeometry,
        geometry: TemplateGeometry,
        diags: list[Diagnostic],
        marking: str,
    ) -> None:
        self.marking = marking
        self.slide = slide
        self.role = role
        self.geometry = geometry
        self.diags = diags

    def warn(self, code: str, message: str, *, hint: str) -> None:
        """A warning about this slide, at its line in the brief; ``--strict`` makes it an error."""
        loc = self.slide.origin or Loc("<plan>")
        self.diags.append(Diagnostic(loc, code, message, hint, Severity.WARNING, self.slide.key))

    def content(self) -> SlideContent:
        content = self.slide.content
        match content:
            case TitleContent():
                return self.title_slide(content)
            case BulletsContent():
                return self.bullets(content)
            case TwoColumnContent():
                return self.two_column(content)
            case QuoteContent():
                return self.quote(content)
            case ImageContent():
                return self.image(content)
            case ChartContent():
                return self.chart(content)
            case SectionContent():
                return self.section(content)
        return content

    def drawn_area(self) -> Box:
        """Where drawn content goes: under the title (or in the body box of a content layout),
        above the footer and the source row if any."""
        g = self.geometry
        title = Box.of(self.role.title) if self.role.title else None
        area = content_area(title, slide_width=g.slide_width, slide_height=g.slide_height)
        if self.slide.layout is Layout.CONTENT and self.role.bodies:
            body = Box.of(self.role.bodies[0])
            area = Box(body.left, body.top, body.width, min(body.bottom, area.bottom) - body.top)
        row = source_row_height(
            self.slide.source_line,
            slide_width=g.slide_width,
            family=self.role.text_font,
            marking=self.marking,
        )
        if row:
            bottom = min(area.bottom, g.slide_height - FOOTER_BAND - row - GAP)
            area = Box(area.left, area.top, area.width, max(bottom - area.top, inches(1.0)))
        return area

    def section(self, content: SectionContent) -> SectionContent:
        """A strapline the template sets below 18 pt (some set 15) is raised to 18, one it sets
        nearly as large as the title (Blue Curve: 32 pt under a 33 pt title) is brought down to
        four fifths of the title, so the divider reads title first; and it is checked."""
        if not self.role.bodies or not content.text.strip():
            return content
        style = self.role.body_styles[0]
        under_title = max(
            MIN_BODY_PT, float(int((self.role.title_style.size or DEFAULT_TITLE_PT) * STRAP_SHARE))
        )
        size = None
        if style.size is not None and style.size < MIN_BODY_PT:
            size = MIN_BODY_PT
        elif (style.size or MIN_BODY_PT) > under_title:
            size = under_title
        runs = [Run(content.text, size or style.size or MIN_BODY_PT, bullet=False)]
        if content.number is not None:
            runs.insert(0, Run(f"Part {content.number}", SECTION_NUMBER_PT, bold=True, bullet=False))
        if not fits(runs, Box.of(self.role.bodies[0]), family=style.family, indents=style.indents):
            self.warn(
                "text-overflow",
                f"the text of section {self.slide.name} does not fit its box at 18 pt",
                hint="shorten the section's text",
            )
        return replace(content, size=size)

    def title_slide(self, content: TitleContent) -> TitleContent:
        if not self.role.bodies:
            return content  # a title layout without a subtitle box: the slide shows the title alone
        box = Box.of(self.role.bodies[0])
        style = self.role.body_styles[0]
        grown = grown_box(box, slide_height=self.geometry.slide_height)
        sub, extra, taller = title_slide_sizes(content.subtitle, content.lines, box, style, grown=grown)
        return replace(content, subtitle_size=sub, line_size=extra, box=taller)

    def bullets(self, content: BulletsContent) -> BulletsContent:
        if self.role.bodies and content.size is not None:
            return content  # fitted to the body box by plan.fitting
        if self.role.bodies:  # a body box that fitting did not measure (not a bullets layout)
            box, family = Box.of(self.role.bodies[0]), self.role.body_styles[0].family
        else:  # a layout without a body: the list goes where a body would be, in a text box
            box, family = self.drawn_area(), self.role.text_font
        items = [(b.text, max(0, min(b.level, 4))) for b in content.bullets]
        if content.lead:
            items = [(content.lead, 0), *items]
        size = bullets_size(items, box, family=family)
        return replace(content, size=size, box=None if self.role.bodies else box)

    def two_column(self, content: TwoColumnContent) -> TwoColumnContent:
        bodies = [Box.of(b) for b in self.role.bodies]
        size = two_column_size(
            (content.left, content.right),
            bodies,
            self.role.body_styles,
            heading_inside=not self.role.headings,
        )
        return replace(content, size=size)

    def quote(self, content: QuoteContent) -> QuoteContent:
        # Inset from the sides, and a little from the title rule and the footer, so a long quote breathes.
        box = self.drawn_area().inset(inches(0.5), inches(0.15))
        shown = quoted(content.text)
        attribution = attribution_line(content.attribution)
        size = quote_size(shown, content.context, attribution, box, family=self.role.text_font)
        return replace(content, shown=shown, size=size, box=box)

    def caption_room(self, text: str, area: Box) -> int:
        """The caption's height under a picture or chart in ``area``: at most a third of it, so
        the picture keeps a size (a caption of 20,000 characters gave the chart a negative
        height); a caption cut to that is a text-overflow warning."""
        cap_h = caption_height(text, area.width, family=self.role.text_font)
        if cap_h > area.height // 3:
            self.warn(
                "text-overflow",
                "the caption needs more than a third of the space under the title; it is cut to fit",
                hint="shorten the caption to a line or two; put the rest in the notes or the handout",
            )
            return area.height // 3
        return cap_h

    def image(self, content: ImageContent) -> ImageContent:
        area = self.drawn_area()
        cap_h = self.caption_room(content.caption, area)
        below = cap_h + CAPTION_GAP if cap_h else 0
        width, height = content.size_px
        if width <= 0 or height <= 0:
            raise ValueError(f"the picture {content.path} has no pixel size in the plan")
        picture = fit_inside(width, height, Box(area.left, area.top, area.width, area.height - below))
        # Centre picture and caption together, so the caption sits right under the picture.
        top = area.top + (area.height - picture.height - below) // 2
        picture = Box(picture.left, top, picture.width, picture.height)
        caption = Box(area.left, picture.bottom + CAPTION_GAP, area.width, cap_h) if cap_h else None
        return replace(content, picture=picture, caption_box=caption)

    def chart(self, content: ChartContent) -> ChartContent:
        area = self.drawn_area()
        cap_h = self.caption_room(content.caption, area)
        box = Box(area.left, area.top, area.width, area.height - (cap_h + CAPTION_GAP if cap_h else 0))
        caption = Box(area.left, box.bottom + CAPTION_GAP, area.width, cap_h) if cap_h else None
        placed = replace(content, area=area, box=box, caption_box=caption)
        fitted, losses = fit_chart(placed, self.geometry.chart_style)
        for loss in losses:
            self.warn(
                "chart-degraded",
                f"the {content.data.spec.kind.value} chart cannot show the {loss} "
                "at 12 pt or more in its box",
                hint="give the chart a slide of its own with a shorter caption, filter it to fewer records, "
                "or use a template with a larger slide",
            )
        # Only a native chart's legend moves; a picture follows the layout by itself.
        return replace(fitted, legend_below=content.native and fitted.legend_below)


# A section's strapline is at most this share of its title's size: the title leads.
STRAP_SHARE = 0.8


def caption_height(text: str, width: int, *, family: str) -> int:
    """Height in EMU of a caption box ``width`` wide: its lines plus the frame insets; 0 for none."""
    if not text.strip():
        return 0
    lines = line_count(text, width - 2 * FRAME_INSET_X, CAPTION_PT, family=family)
    return int((lines * CAPTION_PT * LINE_SPACING + FRAME_INSET_PT) * EMU_PER_PT) + 1
