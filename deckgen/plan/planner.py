"""Resolved brief → DeckPlan: layouts, the text of every slide, generated slides, notes, credits."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from deckgen.brief.loader import DEFAULT_TITLES
from deckgen.brief.model import BulletSpec, SlideKind
from deckgen.charts import NATIVE_KINDS, alt_text
from deckgen.charts.model import ChartData, Renderer
from deckgen.core.errors import Collector
from deckgen.core.slidenames import slide_key, slide_name
from deckgen.core.textnorm import first_words, sanitize
from deckgen.plan.chartsplit import split_timeline
from deckgen.plan.citations import (
    citation_block,
    evidence_block,
    footer_credit,
    further_sources_block,
    synthesis_block,
    synthesis_by_slide,
)
from deckgen.plan.fitting import Unfittable, fit_bullets
from deckgen.plan.model import (
    Bullet,
    BulletsContent,
    ChartContent,
    Column,
    DeckMeta,
    DeckPlan,
    ImageContent,
    Layout,
    NoteBlock,
    NoteKind,
    QuoteContent,
    SectionContent,
    SlideContent,
    SlidePlan,
    TitleContent,
    TwoColumnContent,
    Withheld,
)
from deckgen.plan.placement import place_deck
from deckgen.plan.sourceslide import sources_list
from deckgen.plan.teaching import (
    check_slides,
    discussion_content,
    facilitator_block,
    facilitator_summary,
    objectives_content,
    scenario_content,
    timed_parts,
    timing_content,
)
from deckgen.resolve.model import (
    ResolvedAgenda,
    ResolvedBullets,
    ResolvedChart,
    ResolvedCheck,
    ResolvedClosing,
    ResolvedComparison,
    ResolvedDeck,
    ResolvedDiscussion,
    ResolvedExcerpt,
    ResolvedImage,
    ResolvedObjectives,
    ResolvedQuote,
    ResolvedScenario,
    ResolvedSection,
    ResolvedSlide,
    ResolvedSources,
    ResolvedTiming,
    ResolvedTitle,
)
from deckgen.sources.citation import short_citation
from deckgen.sources.model import Passage

if TYPE_CHECKING:
    from deckgen.plan.geometry import TemplateGeometry

_LAYOUT_OF: dict[SlideKind, Layout] = {
    SlideKind.TITLE: Layout.TITLE,
    SlideKind.AGENDA: Layout.CONTENT,
    SlideKind.SECTION: Layout.SECTION,
    SlideKind.BULLETS: Layout.CONTENT,
    SlideKind.QUOTE: Layout.TITLE_ONLY,
    SlideKind.EXCERPT: Layout.TITLE_ONLY,
    SlideKind.COMPARISON: Layout.TWO_COLUMN,
    SlideKind.IMAGE: Layout.TITLE_ONLY,
    SlideKind.TAKEAWAYS: Layout.CONTENT,
    SlideKind.CLOSING: Layout.SECTION,
    SlideKind.SOURCES: Layout.CONTENT,
    SlideKind.CHART: Layout.TITLE_ONLY,
    SlideKind.OBJECTIVES: Layout.CONTENT,
    SlideKind.DISCUSSION: Layout.CONTENT,
    SlideKind.CHECK: Layout.CONTENT,
    SlideKind.SCENARIO: Layout.CONTENT,
    SlideKind.TIMING: Layout.CONTENT,
}


def plan_deck(
    deck: ResolvedDeck, *, geometry: TemplateGeometry | None = None
) -> tuple[DeckPlan | None, Collector]:
    """Decide every slide's layout, text and type size. Pure: no files are read or written.

    ``geometry`` is the template's boxes (``deckgen.render.template_geometry``); without it text
    is not measured and the renderer estimates sizes itself.
    """
    return _Planner(deck, geometry).run()


class _Planner:
    def __init__(self, deck: ResolvedDeck, geometry: TemplateGeometry | None) -> None:
        self.deck = deck
        self.geometry = geometry
        self.diags = Collector()
        self.spec = deck.brief.deck
        self.synthesis = synthesis_by_slide(deck.grounding)

    def run(self) -> tuple[DeckPlan | None, Collector]:
        groups = [self.expand(rs) for rs in self.deck.slides]
        # A brief slide may become several deck slides (a knowledge check and its answer), so
        # slide numbers are known only now; the sources slide lists them.
        self.numbers = []
        self.sizes = [len(group) for group in groups]
        number = 1
        for group in groups:
            self.numbers.append(number)
            number += len(group)
        slides = tuple(
            replace(fitted, origin=rs.spec.loc, index=rs.spec.index)
            for rs, group in zip(self.deck.slides, groups, strict=True)
            for plan in group
            for fitted in self.with_numbers(rs, plan)
        )
        if self.diags.has_errors:
            return None, self.diags
        meta = DeckMeta(
            title=sanitize(self.spec.title),
            subtitle=sanitize(self.spec.subtitle),
            author=sanitize(self.spec.presenter),
            subject=sanitize(self.spec.audience),
            keywords="; ".join(a.title for a in self.deck.articles),
            marking=sanitize(self.spec.marking),
            language=self.spec.language,
            date=self.spec.date,
        )
        layout_names = {Layout(role): name.value for role, name in self.spec.layouts}
        plan = DeckPlan(meta=meta, template=self.deck.template, slides=slides, layout_names=layout_names)
        if self.geometry is not None:
            plan, found = place_deck(plan, self.geometry)
            self.diags.extend(found)
        return plan, self.diags

    def with_numbers(self, rs: ResolvedSlide, plan: SlidePlan) -> tuple[SlidePlan, ...]:
        if isinstance(rs, ResolvedSources):
            # Filled only now that slide numbers are known; it is last, so a follow-on slide
            # of its own shifts no number it lists.
            return self.fit(rs, replace(plan, content=BulletsContent(self.sources_list(rs))))
        return (plan,)

    def fit(self, rs: ResolvedSlide, plan: SlidePlan) -> tuple[SlidePlan, ...]:
        try:
            plans = fit_bullets(plan, self.geometry)
        except Unfittable as exc:
            self.diags.error(
                rs.spec.loc,
                "text-overflow",
                f"a paragraph on {slide_name(rs.spec.index, plan.title)} does not fit its box even at 18 pt",
                hint=f"shorten it or split it: \u201c{first_words(exc.text, 10)}\u201d",
                key=slide_key(rs.spec.index),
            )
            return (plan,)
        if len(plans) > 1:
            self.diags.warning(
                rs.spec.loc,
                "text-overflow",
                f"the text of {slide_name(rs.spec.index, plan.title)} does not fit at 18 pt; "
                f"it continues on {len(plans) - 1} follow-on slide{'s' if len(plans) > 2 else ''}",
                hint="shorten the bullets or split the slide; --strict makes this an error",
                key=slide_key(rs.spec.index),
            )
        return plans

    def expand(self, rs: ResolvedSlide) -> tuple[SlidePlan, ...]:
        """The deck slides one brief slide becomes."""
        spec = rs.spec
        if isinstance(rs, ResolvedCheck):
            title = spec.title or "Knowledge check"
            plans = check_slides(spec, rs.body, title, self.own_notes(rs))
            # Both the question and the answer slide show cited text: both credit it.
            line, credit = sanitize(self.source_line(rs)), self.source_notes(rs)
            sourced = tuple(replace(p, notes=(*p.notes, *credit), source_line=line) for p in plans)
            return tuple(fitted for plan in sourced for fitted in self.fit(rs, plan))
        if isinstance(rs, ResolvedSources):
            return (self.slide(rs),)  # fitted once its content is known
        if isinstance(rs, ResolvedChart):
            return self.continued(rs, self.slide(rs))
        return self.fit(rs, self.slide(rs))

    def continued(self, rs: ResolvedChart, plan: SlidePlan) -> tuple[SlidePlan, ...]:
        """A chart slide, and the follow-ons its timeline needs in this template."""
        plans = split_timeline(plan, self.geometry, marking=sanitize(self.spec.marking))
        if len(plans) > 1:
            self.diags.warning(
                rs.spec.loc,
                "chart-continued",
                f"the timeline on {slide_name(rs.spec.index, plan.title)} has more milestones than its box "
                "holds at 12 pt; "
                f"they continue on {len(plans) - 1} follow-on slide{'s' if len(plans) > 2 else ''}",
                hint="filter the timeline to fewer kinds or years to keep it on one slide; "
                "--strict makes this an error",
                key=slide_key(rs.spec.index),
            )
        return plans

    def own_notes(self, rs: ResolvedSlide) -> tuple[NoteBlock, ...]:
        """What the brief wrote for this slide: presenter notes and trainee text."""
        notes = rs.notes if isinstance(rs, ResolvedChart) else rs.spec.notes  # figures filled
        blocks = (
            NoteBlock(NoteKind.PRESENTER, sanitize(notes.strip())),
            NoteBlock(NoteKind.TRAINEE, sanitize(rs.spec.handout.strip())),
        )
        return tuple(b for b in blocks if b.text)

    def slide(self, rs: ResolvedSlide) -> SlidePlan:
        spec = rs.spec
        title = spec.title if spec.title is not None else self.default_title(spec.kind)
        notes = [*self.own_notes(rs), *self.teaching_notes(rs)]
        if isinstance(rs, ResolvedChart):
            notes.append(evidence_block(rs.chart))
        notes.extend(self.source_notes(rs))
        if isinstance(rs, ResolvedSources):
            further = further_sources_block(self.charts())
            notes.extend([further] if further is not None else [])
        source_line = self.source_line(rs)
        return SlidePlan(
            kind=spec.kind.value,
            layout=_LAYOUT_OF[spec.kind],
            title=sanitize(title),
            content=self.content(rs),
            notes=tuple(notes),
            source_line=sanitize(source_line),
            withheld=Withheld.DIRECTING_STAFF if isinstance(rs, ResolvedTiming) else None,
        )

    def source_notes(self, rs: ResolvedSlide) -> tuple[NoteBlock, ...]:
        """What the slide's text owes its sources: the staff's synthesis, then the citations."""
        synthesis = synthesis_block(rs.spec, self.synthesis.get(rs.spec.index, ()))
        blocks = [synthesis] if synthesis is not None else []
        return (*blocks, citation_block(rs.passages)) if rs.passages else tuple(blocks)

    def source_line(self, rs: ResolvedSlide) -> str:
        if isinstance(rs, ResolvedChart):
            return f"Data: {rs.dataset.title}; evidence for every figure in the notes"
        return footer_credit(list(rs.articles))

    def default_title(self, kind: SlideKind) -> str:
        if kind is SlideKind.TITLE:
            return self.spec.title
        return DEFAULT_TITLES[kind]

    def content(self, rs: ResolvedSlide) -> SlideContent:
        match rs:
            case ResolvedTitle():
                return TitleContent(sanitize(self.spec.subtitle), tuple(self.title_lines()))
            case ResolvedAgenda():
                return BulletsContent(self.agenda(rs))
            case ResolvedSection():
                return SectionContent(sanitize(rs.body.text), self.section_number(rs))
            case ResolvedClosing():
                return SectionContent(sanitize(rs.body.text))
            case ResolvedBullets():
                return BulletsContent(_bullets(rs.body.bullets))
            case ResolvedQuote():
                return QuoteContent(sanitize(rs.quote), _attribution(rs.passage), sanitize(rs.body.context))
            case ResolvedExcerpt():
                return QuoteContent(_excerpt_text(rs), _attribution(rs.passage), sanitize(rs.body.intro))
            case ResolvedComparison():
                left, right = rs.body.left, rs.body.right
                return TwoColumnContent(
                    Column(sanitize(left.heading), _bullets(left.bullets)),
                    Column(sanitize(right.heading), _bullets(right.bullets)),
                )
            case ResolvedImage():
                return ImageContent(rs.path, sanitize(rs.body.alt), sanitize(rs.body.caption), rs.size_px)
            case ResolvedSources():
                return BulletsContent(())  # filled in once slide numbers are known
            case ResolvedObjectives():
                return objectives_content(rs.body, _bullets(rs.body.objectives))
            case ResolvedDiscussion():
                return discussion_content(rs.body)
            case ResolvedScenario():
                return scenario_content(rs.body)
            case ResolvedTiming():
                return timing_content(timed_parts(self.deck.brief.slides))
            case ResolvedChart():
                return _chart_content(rs)
            case ResolvedCheck():  # expanded into question and answer slides by check_slides
                raise AssertionError("a knowledge check is planned by check_slides")

    def teaching_notes(self, rs: ResolvedSlide) -> tuple[NoteBlock, ...]:
        match rs:
            case ResolvedDiscussion() | ResolvedScenario():
                return facilitator_block(rs.body.facilitator)
            case ResolvedSection() if rs.body.minutes:
                return (NoteBlock(NoteKind.FACILITATOR, f"Timing: {rs.body.minutes} minutes for this part."),)
            case ResolvedTiming():
                return (facilitator_summary(timed_parts(self.deck.brief.slides)),)
        return ()

    def title_lines(self) -> list[str]:
        lines = []
        if self.spec.presenter:
            lines.append(sanitize(self.spec.presenter))
        if self.spec.audience:
            lines.append(sanitize(f"For: {self.spec.audience}"))
        if self.spec.date:
            day = dt.date.fromisoformat(self.spec.date)
            lines.append(f"{day.day} {day:%B %Y}")
        return lines

    def charts(self) -> list[ChartData]:
        return [s.chart for s in self.deck.slides if isinstance(s, ResolvedChart)]

    def section_slides(self) -> list[ResolvedSlide]:
        return [s for s in self.deck.slides if s.spec.kind is SlideKind.SECTION]

    def section_number(self, rs: ResolvedSlide) -> int:
        return self.section_slides().index(rs) + 1

    def agenda(self, rs: ResolvedSlide) -> tuple[Bullet, ...]:
        sections = self.section_slides()
        if not sections:
            self.diags.error(
                rs.spec.loc,
                "empty-agenda",
                "the agenda lists the deck's section slides, and this deck has none",
                hint="add slides with 'kind: section', or remove the agenda slide",
                key=slide_key(rs.spec.index),
            )
        return tuple(Bullet(sanitize(s.spec.title or "")) for s in sections)

    def sources_list(self, rs: ResolvedSlide) -> tuple[Bullet, ...]:
        if not self.deck.articles:
            self.diags.error(
                rs.spec.loc,
                "empty-sources",
                "the sources slide lists the articles the deck cites, and no slide cites one",
                hint="add 'cite:' to the slides that use a source, or remove the sources slide",
                key=slide_key(rs.spec.index),
            )
        return sources_list(self.deck, self.numbers, self.sizes, self.charts())


def _attribution(passage: Passage) -> str:
    return sanitize(short_citation(passage.article))


def _excerpt_text(rs: ResolvedExcerpt) -> str:
    """The chosen sentences; ones that were not next to each other are joined with an ellipsis."""
    pieces: list[str] = []
    last = -2
    for sentence in rs.sentences:
        at = rs.all_sentences.index(sentence)
        if pieces and at != last + 1:
            pieces.append("[\u2026]")
        pieces.append(sentence)
        last = at
    return sanitize(" ".join(pieces))


def _chart_content(rs: ResolvedChart) -> ChartContent:
    spec = rs.chart.spec
    native = spec.renderer is Renderer.NATIVE or (
        spec.renderer is Renderer.AUTO and spec.kind in NATIVE_KINDS
    )
    return ChartContent(rs.chart, sanitize(alt_text(rs.chart)), sanitize(rs.caption), native)


def _bullets(specs: tuple[BulletSpec, ...], level: int = 0) -> tuple[Bullet, ...]:
    out: list[Bullet] = []
    for spec in specs:
        out.append(Bullet(sanitize(spec.text.value), level))
        out.extend(_bullets(spec.children, level + 1))
    return tuple(out)
