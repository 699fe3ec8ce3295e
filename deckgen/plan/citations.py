"""How sources are credited on slides: footer lines, citation and evidence note blocks."""

from __future__ import annotations

from deckgen.brief.model import SlideSpec
from deckgen.charts.model import ChartData
from deckgen.core.textnorm import sanitize
from deckgen.dataset.model import ExternalEvidence, PresenceRecord, SourceEvidence
from deckgen.plan.model import NoteBlock, NoteKind
from deckgen.resolve.grounding import ClaimCheck, Grounding
from deckgen.sources.citation import passage_citation
from deckgen.sources.model import Article, Passage


def short_author(article: Article) -> str:
    """``Fix & Kausch``; ``Fix et al.`` for three or more authors; an organisation by its whole
    name (``Congressional Research Service``), never by its last word."""
    surnames = [a.short() for a in article.authors if a.name.split()]
    if not surnames:
        return article.publication
    if len(surnames) >= 3:
        return f"{surnames[0]} et al."
    return " & ".join(surnames)


def footer_credit(articles: list[Article]) -> str:
    """The short source line in a slide's footer; a report by its publisher names it once."""
    if not articles:
        return ""
    return "Source: " + "; ".join(_credit(a) for a in articles)


def _credit(article: Article) -> str:
    publication = "" if article.publisher_is_author() else article.publication
    return ", ".join(p for p in (short_author(article), publication, article.date.display()) if p)


def citation_block(passages: tuple[Passage, ...]) -> NoteBlock:
    """The citation block appended to a slide's notes: each citation, then the cited text."""
    lines = ["Sources on this slide:"]
    for n, passage in enumerate(passages, 1):
        lines.append(f"[{n}] {passage_citation(passage)}")
        for para in passage.paragraphs:
            lines.append(f"    \u00b6{para.number}: \u201c{para.text}\u201d")
    return NoteBlock(NoteKind.CITATION, sanitize("\n".join(lines)))


def synthesis_by_slide(grounding: tuple[ClaimCheck, ...]) -> dict[int, tuple[str, ...]]:
    """Each slide's text marked as the staff's own reading, in order, grouped once for the deck (a
    scan of every claim for every slide grew with the square of the slides: 1.1 s at 2,000)."""
    out: dict[int, list[str]] = {}
    for check in grounding:
        if check.status is Grounding.SYNTHESIS:
            out.setdefault(check.slide, []).append(check.claim.text.value)
    return {slide: tuple(texts) for slide, texts in out.items()}


def synthesis_block(spec: SlideSpec, mine: tuple[str, ...]) -> NoteBlock | None:
    """Which of the slide's text is the staff's own reading (``mine``, from ``synthesis_by_slide``),
    said before its sources."""
    if spec.synthesis and spec.claims:
        return NoteBlock(NoteKind.SYNTHESIS, "Staff synthesis, not from the source: all text on this slide.")
    if not mine:
        return None
    lines = ["Staff synthesis, not from the source:", *(f"- {text}" for text in mine)]
    return NoteBlock(NoteKind.SYNTHESIS, sanitize("\n".join(lines)))


def record_line(record: PresenceRecord) -> str:
    """``Syria: Tartus naval facility (Naval base or access; active, since Jan 2017)``; a reduced
    record says when it was drawn down: ``(…; reduced since Apr 2022, present since 2019)``."""
    when = f"since {record.since.display()}"
    if record.until is not None:
        when = f"{record.since.display()} to {record.until.display()}"
    status = record.status.value
    if record.reduced is not None:
        status, when = f"reduced since {record.reduced.display()}", f"present {when}"
    return f"{record.country}: {record.label} ({record.kind.name}; {status}, {when})"


SINGLE_SOURCE = "[single source]"


def evidence_block(chart: ChartData) -> NoteBlock:
    """Every record behind a chart, each with its evidence: the answer to "where is this from?".
    A record that rests on one source (``PresenceRecord.strength``) is marked, and counted in the head."""
    entries = []
    for record in chart.records:
        mark = f" {SINGLE_SOURCE}" if record.strength.single_source else ""
        lines = [f"- {record_line(record)}{mark}"]
        for ev in record.evidence:
            if isinstance(ev, SourceEvidence):
                lines.append(f"    \u201c{ev.quote}\u201d \u2014 {ev.citation}")
            else:
                quote = f"\u201c{ev.quote}\u201d \u2014 " if ev.quote else ""
                lines.append(f"    {quote}{ev.citation}")
        entries.append(sanitize("\n".join(lines)))
    single = sum(1 for r in chart.records if r.strength.single_source)
    rest = "none rests on a single source"
    if single:
        rest = f"{single} {'rests' if single == 1 else 'rest'} on a single source, marked {SINGLE_SOURCE}"
    count = f"{len(chart.records)} record{'' if len(chart.records) == 1 else 's'}"
    head = f"Evidence for this chart ({count}; {rest}):"
    return NoteBlock(NoteKind.EVIDENCE, "\n".join([head, *entries]), tuple(entries))


def further_sources_block(charts: list[ChartData]) -> NoteBlock | None:
    """The external references behind the deck's charts, for the sources slide's notes."""
    refs = external_sources(charts)
    if not refs:
        return None
    lines = ["Further sources behind the charts:", *(f"- {ref.citation}" for ref in refs)]
    return NoteBlock(NoteKind.CITATION, sanitize("\n".join(lines)))


def external_sources(charts: list[ChartData]) -> tuple[ExternalEvidence, ...]:
    """Distinct external references behind the given charts, in first-use order."""
    seen: dict[str, ExternalEvidence] = {}
    for chart in charts:
        for record in chart.records:
            for ev in record.evidence:
                if isinstance(ev, ExternalEvidence):
                    seen.setdefault(ev.citation, ev)
    return tuple(seen.values())
