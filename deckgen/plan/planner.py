"""Resolved brief → DeckPlan: layouts, the text of every slide, generated slides, notes, credits."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from deckgen.brief.loader import DEFAULT_TITLES
from deckgen.brief.model import (
    AgendaBody,
    BulletsBody,
    BulletSpec,
    ChartBody,
    CheckBody,
    ClosingBody,
    ComparisonBody,
    DiscussionBody,
    ExcerptBody,
    ImageBody,
    ObjectivesBody,
    QuoteBody,
    ScenarioBody,
    SectionBody,
    SlideKind,
    SourcesBody,
    TimingBody,
    TitleBody,
)
from deckgen.charts import NATIVE_KINDS, alt_text
from deckgen.charts.model import Renderer
from deckgen.core.errors import Collector
from deckgen.core.textnorm import first_words, sanitize, split_sentences
from deckgen.dataset.model import ExternalEvidence
from deckgen.plan.citations import (
    evidence_block,
    external_sources,
    footer_credit,
    notes_block,
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
    QuoteContent,
    SectionContent,
    SlideContent,
    SlidePlan,
    TitleContent,
    TwoColumnContent,
)
from deckgen.plan.teaching import (
    check_slides,
    discussion_content,
    discussion_notes,
    facilitator_summary,
    objectives_content,
    scenario_content,
    scenario_notes,
    timed_parts,
    timing_content,
)
from deckgen.resolve.resolver import ResolvedDeck, ResolvedSlide
from deckgen.sources.citation import full_citation

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

    def run(self) -> tuple[DeckPlan | None, Collector]:
        groups = [self.expand(rs) for rs in self.deck.slides]
        # A brief slide may become several deck slides (a knowledge check and its answer), so
        # slide numbers are known only now; the sources slide lists them.
        self.numbers = []
        number = 1
        for group in groups:
            self.numbers.append(number)
            number += len(group)
        slides = tuple(
            fitted
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
        return plan, self.diags

    def with_numbers(self, rs: ResolvedSlide, plan: SlidePlan) -> tuple[SlidePlan, ...]:
        if isinstance(rs.spec.body, SourcesBody):
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
                f"a paragraph on '{plan.title}' does not fit its box even at 18 pt",
                hint=f"shorten it or split it: \u201c{first_words(exc.text, 10)}\u201d",
                key=f"slides[{rs.spec.index}]",
            )
            return (plan,)
        if len(plans) > 1:
            self.diags.warning(
                rs.spec.loc,
                "text-overflow",
                f"the text of '{plan.title}' does not fit at 18 pt; "
                f"it continues on {len(plans) - 1} follow-on slide{'s' if len(plans) > 2 else ''}",
                hint="shorten the bullets or split the slide; --strict makes this an error",
                key=f"slides[{rs.spec.index}]",
            )
        return plans

    def expand(self, rs: ResolvedSlide) -> tuple[SlidePlan, ...]:
        """The deck slides one brief slide becomes."""
        spec = rs.spec
        if isinstance(spec.body, CheckBody):
            title = spec.title or "Knowledge check"
            plans = check_slides(spec, spec.body, title)
            authored = sanitize(spec.notes.strip())
            if authored:
                first = plans[0]
                joined = f"{authored}\n\n{first.notes}" if first.notes else authored
                plans = (replace(first, notes=joined), *plans[1:])
            return tuple(fitted for plan in plans for fitted in self.fit(rs, plan))
        if isinstance(spec.body, SourcesBody):
            return (self.slide(rs),)  # fitted once its content is known
        return self.fit(rs, self.slide(rs))

    def slide(self, rs: ResolvedSlide) -> SlidePlan:
        spec = rs.spec
        title = spec.title if spec.title is not None else self.default_title(spec.kind)
        content = self.content(rs)
        blocks = [spec.notes.strip(), self.teaching_notes(rs)]
        if rs.chart is not None:
            blocks.append(evidence_block(rs.chart))
        if rs.passages:
            blocks.append(notes_block(rs.passages))
        if isinstance(spec.body, SourcesBody):
            blocks.append(self.external_notes())
        source_line = footer_credit(list({p.article.id: p.article for p in rs.passages}.values()))
        if rs.dataset is not None:
            source_line = f"Data: {rs.dataset.title}; evidence for every figure in the notes"
        return SlidePlan(
            kind=spec.kind.value,
            layout=_LAYOUT_OF[spec.kind],
            title=sanitize(title),
            content=content,
            notes=sanitize("\n\n".join(b for b in blocks if b)),
            source_line=sanitize(source_line),
        )

    def default_title(self, kind: SlideKind) -> str:
        if kind is SlideKind.TITLE:
            return self.spec.title
        return DEFAULT_TITLES[kind]

    def content(self, rs: ResolvedSlide) -> SlideContent:
        body = rs.spec.body
        if isinstance(body, TitleBody):
            return TitleContent(sanitize(self.spec.subtitle), tuple(self.title_lines()))
        if isinstance(body, AgendaBody):
            return BulletsContent(self.agenda(rs))
        if isinstance(body, SectionBody):
            return SectionContent(sanitize(body.text), self.section_number(rs))
        if isinstance(body, ClosingBody):
            return SectionContent(sanitize(body.text))
        if isinstance(body, BulletsBody):
            return BulletsContent(_bullets(body.bullets))
        if isinstance(body, QuoteBody):
            return QuoteContent(sanitize(rs.quote), self.attribution(rs), sanitize(body.context))
        if isinstance(body, ExcerptBody):
            return QuoteContent(self.excerpt_text(rs), self.attribution(rs), sanitize(body.intro))
        if isinstance(body, ComparisonBody):
            left = Column(sanitize(body.left.heading), _bullets(body.left.bullets))
            right = Column(sanitize(body.right.heading), _bullets(body.right.bullets))
            return TwoColumnContent(left, right)
        if isinstance(body, ImageBody):
            assert rs.image is not None
            return ImageContent(rs.image, sanitize(body.alt), sanitize(body.caption))
        if isinstance(body, SourcesBody):
            return BulletsContent(())  # filled in once slide numbers are known
        if isinstance(body, ObjectivesBody):
            return objectives_content(body, _bullets(body.objectives))
        if isinstance(body, DiscussionBody):
            return discussion_content(body)
        if isinstance(body, ScenarioBody):
            return scenario_content(body)
        if isinstance(body, TimingBody):
            return self.timing(rs)
        if isinstance(body, ChartBody):
            assert rs.chart is not None
            native = rs.chart.spec.renderer is Renderer.NATIVE or (
                rs.chart.spec.renderer is Renderer.AUTO and rs.chart.spec.kind in NATIVE_KINDS
            )
            return ChartContent(rs.chart, sanitize(alt_text(rs.chart)), sanitize(body.caption), native)
        raise AssertionError(body)

    def teaching_notes(self, rs: ResolvedSlide) -> str:
        body = rs.spec.body
        if isinstance(body, DiscussionBody):
            return discussion_notes(body)
        if isinstance(body, ScenarioBody):
            return scenario_notes(body)
        if isinstance(body, SectionBody) and body.minutes:
            return f"Timing: {body.minutes} minutes for this part."
        if isinstance(body, TimingBody):
            return facilitator_summary(timed_parts(self.deck.brief.slides))
        return ""

    def timing(self, rs: ResolvedSlide) -> BulletsContent:
        # The spec stage has checked that every section carries its minutes.
        return timing_content(timed_parts(self.deck.brief.slides))

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
                key=f"slides[{rs.spec.index}]",
            )
        return tuple(Bullet(sanitize(s.spec.title or "")) for s in sections)

    def attribution(self, rs: ResolvedSlide) -> str:
        passage = rs.passages[0]
        article = passage.article
        return sanitize(f"{article.author_names()}, {article.publication}, {article.date.display()}")

    def excerpt_text(self, rs: ResolvedSlide) -> str:
        # Sentences that were not next to each other in the article are joined with an ellipsis.
        all_sentences = list(_sentences_of(rs))
        pieces: list[str] = []
        last = -2
        for sentence in rs.sentences:
            at = all_sentences.index(sentence)
            if pieces and at != last + 1:
                pieces.append("[\u2026]")
            pieces.append(sentence)
            last = at
        return sanitize(" ".join(pieces))

    def sources_list(self, rs: ResolvedSlide) -> tuple[Bullet, ...]:
        if not self.deck.articles:
            self.diags.error(
                rs.spec.loc,
                "empty-sources",
                "the sources slide lists the articles the deck cites, and no slide cites one",
                hint="add 'cite:' to the slides that use a source, or remove the sources slide",
                key=f"slides[{rs.spec.index}]",
            )
        out: list[Bullet] = []
        for article in self.deck.articles:
            numbers = [self.numbers[i] for i, s in enumerate(self.deck.slides) if article in s.articles]
            out.append(Bullet(sanitize(full_citation(article))))
            out.append(Bullet(f"Cited on {_slides(numbers)}", level=1))
        datasets: dict[str, list[int]] = {}
        for i, s in enumerate(self.deck.slides):
            if s.dataset is not None:
                datasets.setdefault(s.dataset.title, []).append(self.numbers[i])
        external = len(self.external())
        for title, numbers in datasets.items():
            out.append(Bullet(sanitize(f"Dataset: {title}")))
            out.append(Bullet(f"Charts on {_slides(numbers)}", level=1))
        if external:
            note = f"{external} further sources behind the charts, listed in this slide's notes"
            out.append(Bullet(note, level=1))
        return tuple(out)

    def external(self) -> tuple[ExternalEvidence, ...]:
        return external_sources([s.chart for s in self.deck.slides if s.chart is not None])

    def external_notes(self) -> str:
        refs = self.external()
        if not refs:
            return ""
        lines = ["Further sources behind the charts:"]
        lines.extend(f"- {ref.citation}" for ref in refs)
        return "\n".join(lines)


def _slides(numbers: list[int]) -> str:
    label = "slide" if len(numbers) == 1 else "slides"
    return f"{label} {', '.join(map(str, numbers))}"


def _sentences_of(rs: ResolvedSlide) -> tuple[str, ...]:
    return tuple(s for p in rs.passages[0].paragraphs for s in split_sentences(p.text))


def _bullets(specs: tuple[BulletSpec, ...], level: int = 0) -> tuple[Bullet, ...]:
    out: list[Bullet] = []
    for spec in specs:
        out.append(Bullet(sanitize(spec.text.value), level))
        out.extend(_bullets(spec.children, level + 1))
    return tuple(out)
