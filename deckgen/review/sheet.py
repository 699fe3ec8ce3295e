"""Building the review sheet from what ``check`` computed: the plan, the resolved deck, the warnings."""

from __future__ import annotations

import re
from pathlib import Path

from deckgen.core.errors import Diagnostic
from deckgen.plan.model import DeckPlan, SlidePlan
from deckgen.resolve.grounding import ClaimCheck, Grounding
from deckgen.resolve.model import ResolvedChart, ResolvedDeck, ResolvedSlide
from deckgen.review.cited import Addresses, cited_passages, quotes
from deckgen.review.figures import chart_review
from deckgen.review.model import (
    ClaimReview,
    DeckSlide,
    ReviewSheet,
    SlideReview,
    Summary,
    TermReview,
    WarningReview,
)

_SLIDE_KEY = re.compile(r"slides\[(\d+)\]")


def build_sheet(
    *, brief: Path, plan: DeckPlan, resolved: ResolvedDeck, diagnostics: tuple[Diagnostic, ...]
) -> ReviewSheet:
    """The review of one checked brief: every slide in deck order with its statements, what they
    cite and what the checks found, and the figures a reviewer looks at first."""
    addresses = Addresses(resolved.brief)
    parts: dict[int, list[tuple[int, SlidePlan]]] = {}
    for number, slide in enumerate(plan.slides, 1):
        if slide.index is not None:
            parts.setdefault(slide.index, []).append((number, slide))
    warnings = tuple(_warning(d) for d in diagnostics)
    slides = [
        _slide(
            rs,
            tuple(parts.get(rs.spec.index, ())),
            tuple(c for c in resolved.grounding if c.slide == rs.spec.index),
            tuple(w for w in warnings if w.slide == rs.spec.index),
            addresses,
        )
        for rs in resolved.slides
    ]
    # Deck order; a slide the deck does not show (none today) goes last, in brief order.
    slides.sort(key=lambda s: (s.parts[0].number if s.parts else len(plan.slides) + 1, s.index))
    deck = resolved.brief.deck
    return ReviewSheet(
        brief=str(brief),
        title=deck.title,
        subtitle=deck.subtitle,
        date=deck.date,
        marking=deck.marking,
        summary=_summary(tuple(slides), resolved.grounding, len(plan.slides), warnings),
        slides=tuple(slides),
        warnings=warnings,
    )


def _slide(
    rs: ResolvedSlide,
    parts: tuple[tuple[int, SlidePlan], ...],
    checks: tuple[ClaimCheck, ...],
    warnings: tuple[WarningReview, ...],
    addresses: Addresses,
) -> SlideReview:
    spec = rs.spec
    title = spec.title or (parts[0][1].title if parts else "") or spec.kind.value
    return SlideReview(
        index=spec.index,
        kind=spec.kind.value,
        title=title,
        line=spec.loc.line,
        cite=spec.cite.value if spec.cite is not None else None,
        synthesis=spec.synthesis,
        parts=tuple(DeckSlide(number, plan.title) for number, plan in parts),
        claims=tuple(_claim(c, addresses) for c in checks),
        passages=cited_passages(rs, checks, addresses),
        quotes=quotes(rs, addresses),
        charts=(chart_review(rs, parts),) if isinstance(rs, ResolvedChart) else (),
        warnings=warnings,
    )


def _claim(check: ClaimCheck, addresses: Addresses) -> ClaimReview:
    claim = check.claim
    article = check.passages[0].article if check.passages else None
    terms = []
    for match in check.terms:
        term = match.term
        where = match.where
        terms.append(
            TermReview(
                text=term.text,
                kind=term.kind.value,
                start=term.start,
                end=term.end,
                found=where is not None,
                paragraph=where.number if where is not None else None,
                address=addresses.paragraph(article, where) if where is not None and article else None,
                span=match.span,
                elsewhere=match.elsewhere,
            )
        )
    return ClaimReview(
        text=claim.text.value,
        line=claim.text.loc.line,
        col=claim.text.loc.col,
        key=claim.text.key,
        status=check.status,
        cite=claim.cite.value if claim.cite is not None else None,
        against=tuple(addresses.passage(p) for p in check.passages),
        terms=tuple(terms),
    )


def _warning(d: Diagnostic) -> WarningReview:
    found = _SLIDE_KEY.match(d.key or "")
    return WarningReview(
        path=d.loc.path,
        line=d.loc.line,
        col=d.loc.col,
        code=d.code,
        message=d.message,
        hint=d.hint,
        key=d.key,
        slide=int(found.group(1)) - 1 if found else None,  # keys count slides from 1
    )


def _summary(
    slides: tuple[SlideReview, ...],
    grounding: tuple[ClaimCheck, ...],
    deck_slides: int,
    warnings: tuple[WarningReview, ...],
) -> Summary:
    checked = [c for c in grounding if c.status in (Grounding.GROUNDED, Grounding.UNSUPPORTED)]
    paragraphs = {
        (para.address.split("#", 1)[0], para.number)
        for s in slides
        for p in s.passages
        for para in p.paragraphs
    }
    records = {r.id: r for s in slides for chart in s.charts for r in chart.records}
    return Summary(
        slides=deck_slides,
        brief_slides=len(slides),
        citations=len(paragraphs),
        claims=len(grounding),
        claims_checked=len(checked),
        grounded=sum(1 for c in checked if c.status is Grounding.GROUNDED),
        terms_checked=sum(len(c.terms) for c in checked),
        unsupported_terms=sum(len(c.unsupported) for c in checked),
        synthesis=sum(1 for c in grounding if c.status is Grounding.SYNTHESIS),
        uncited_claims=sum(1 for c in grounding if c.status is Grounding.UNCITED),
        uncited_slides=len({c.slide for c in grounding if c.status is Grounding.UNCITED}),
        quotes_verified=sum(1 for s in slides for q in s.quotes if q.kind == "quote"),
        excerpts_verified=sum(1 for s in slides if any(q.kind == "excerpt" for q in s.quotes)),
        charts=sum(len(s.charts) for s in slides),
        records=len(records),
        single_source_records=sum(1 for r in records.values() if r.single_source),
        warnings=len(warnings),
    )
