"""Slides whose body needs nothing resolved beyond their citations, and where bullets with
citations of their own are."""

from __future__ import annotations

from deckgen.brief.model import (
    AgendaBody,
    BulletsBody,
    BulletSpec,
    CheckBody,
    ClosingBody,
    ComparisonBody,
    DiscussionBody,
    ObjectivesBody,
    ScenarioBody,
    SectionBody,
    SlideBody,
    SlideSpec,
    SourcesBody,
    TimingBody,
    TitleBody,
)
from deckgen.resolve.model import (
    ResolvedAgenda,
    ResolvedBullets,
    ResolvedCheck,
    ResolvedClosing,
    ResolvedComparison,
    ResolvedDiscussion,
    ResolvedObjectives,
    ResolvedScenario,
    ResolvedSection,
    ResolvedSlide,
    ResolvedSources,
    ResolvedTiming,
    ResolvedTitle,
)
from deckgen.sources.model import Passage


def cited_bullets(body: SlideBody) -> tuple[tuple[BulletSpec, ...], ...]:
    """The bullet lists of a body whose bullets may carry their own citations."""
    match body:
        case BulletsBody():
            return (body.bullets,)
        case ObjectivesBody():
            return (body.objectives,)
        case ComparisonBody():
            return (body.left.bullets, body.right.bullets)
    return ()


def plain_slide(spec: SlideSpec, passages: tuple[Passage, ...], body: SlideBody) -> ResolvedSlide | None:
    """Slides whose body needs nothing resolved beyond their citations."""
    match body:
        case TitleBody():
            return ResolvedTitle(spec, passages, body)
        case AgendaBody():
            return ResolvedAgenda(spec, passages, body)
        case SectionBody():
            return ResolvedSection(spec, passages, body)
        case BulletsBody():
            return ResolvedBullets(spec, passages, body)
        case ComparisonBody():
            return ResolvedComparison(spec, passages, body)
        case ClosingBody():
            return ResolvedClosing(spec, passages, body)
        case SourcesBody():
            return ResolvedSources(spec, passages, body)
        case ObjectivesBody():
            return ResolvedObjectives(spec, passages, body)
        case DiscussionBody():
            return ResolvedDiscussion(spec, passages, body)
        case CheckBody():
            return ResolvedCheck(spec, passages, body)
        case ScenarioBody():
            return ResolvedScenario(spec, passages, body)
        case TimingBody():
            return ResolvedTiming(spec, passages, body)
    return None  # quote, excerpt, image and chart bodies are resolved by the resolver itself
