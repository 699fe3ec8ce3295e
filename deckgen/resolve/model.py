"""The resolved deck: one frozen type per slide body, carrying exactly what resolving found for it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from deckgen.brief.model import (
    AgendaBody,
    Brief,
    BulletsBody,
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
    SlideSpec,
    SourcesBody,
    TimingBody,
    TitleBody,
)
from deckgen.charts.model import ChartData
from deckgen.dataset.model import Dataset
from deckgen.resolve.grounding import ClaimCheck
from deckgen.sources.model import Article, Passage


@dataclass(frozen=True)
class Resolved:
    """What every resolved slide has: its brief entry and the passages it cites, in first-use order."""

    spec: SlideSpec
    passages: tuple[Passage, ...]

    @property
    def articles(self) -> tuple[Article, ...]:
        """Every article this slide draws on, in first-use order."""
        return tuple({p.article.id: p.article for p in self.passages}.values())


@dataclass(frozen=True)
class ResolvedTitle(Resolved):
    body: TitleBody


@dataclass(frozen=True)
class ResolvedAgenda(Resolved):
    body: AgendaBody


@dataclass(frozen=True)
class ResolvedSection(Resolved):
    body: SectionBody


@dataclass(frozen=True)
class ResolvedBullets(Resolved):
    """A bullets or takeaways slide; each cited bullet's passage is among ``passages``."""

    body: BulletsBody


@dataclass(frozen=True)
class ResolvedQuote(Resolved):
    body: QuoteBody
    passage: Passage  # the slide's citation
    quote: str  # the quote in the article's own wording and punctuation


@dataclass(frozen=True)
class ResolvedExcerpt(Resolved):
    body: ExcerptBody
    passage: Passage  # the slide's citation
    sentences: tuple[str, ...]  # the chosen sentences, verbatim, in the article's order
    all_sentences: tuple[str, ...]  # every sentence of the passage, to tell which were adjacent


@dataclass(frozen=True)
class ResolvedComparison(Resolved):
    body: ComparisonBody


@dataclass(frozen=True)
class ResolvedImage(Resolved):
    body: ImageBody
    path: Path
    size_px: tuple[int, int]  # width, height: the planner keeps the picture's aspect ratio


@dataclass(frozen=True)
class ResolvedClosing(Resolved):
    body: ClosingBody


@dataclass(frozen=True)
class ResolvedSources(Resolved):
    body: SourcesBody


@dataclass(frozen=True)
class ResolvedChart(Resolved):
    body: ChartBody
    chart: ChartData
    dataset: Dataset
    evidence_articles: tuple[Article, ...]  # articles that the chart's evidence quotes
    caption: str = ""  # the body's caption with its {figures} filled from ``chart``
    notes: str = ""  # the slide's notes, filled the same way

    @property
    def articles(self) -> tuple[Article, ...]:
        out = {p.article.id: p.article for p in self.passages}
        for article in self.evidence_articles:
            out.setdefault(article.id, article)
        return tuple(out.values())


@dataclass(frozen=True)
class ResolvedObjectives(Resolved):
    body: ObjectivesBody


@dataclass(frozen=True)
class ResolvedDiscussion(Resolved):
    body: DiscussionBody


@dataclass(frozen=True)
class ResolvedCheck(Resolved):
    body: CheckBody


@dataclass(frozen=True)
class ResolvedScenario(Resolved):
    body: ScenarioBody


@dataclass(frozen=True)
class ResolvedTiming(Resolved):
    body: TimingBody


ResolvedSlide = (
    ResolvedTitle
    | ResolvedAgenda
    | ResolvedSection
    | ResolvedBullets
    | ResolvedQuote
    | ResolvedExcerpt
    | ResolvedComparison
    | ResolvedImage
    | ResolvedClosing
    | ResolvedSources
    | ResolvedChart
    | ResolvedObjectives
    | ResolvedDiscussion
    | ResolvedCheck
    | ResolvedScenario
    | ResolvedTiming
)


@dataclass(frozen=True)
class ResolvedDeck:
    brief: Brief
    template: Path
    slides: tuple[ResolvedSlide, ...]
    articles: tuple[Article, ...]  # every article cited, in first-use order
    inputs: tuple[Path, ...] = ()  # every file the deck depends on, for incremental builds
    grounding: tuple[ClaimCheck, ...] = ()  # every claim's terms against what it cites
