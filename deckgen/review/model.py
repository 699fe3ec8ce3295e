"""The review sheet as frozen values: what the sign-off page shows, rendered as HTML or as JSON.

``ReviewSheet.to_json()`` gives these keys (stable; offsets are Python string indexes):

* ``format`` ``"deckgen-review/1"``; ``brief`` (the path as given), ``title``, ``subtitle``,
  ``date`` (the brief's own), ``marking``.
* ``summary``: ``slides`` (in the deck), ``brief_slides``, ``citations`` (distinct cited
  paragraphs), ``claims`` (statements), ``claims_checked`` (against a citation), ``grounded``,
  ``terms_checked``, ``unsupported_terms``, ``synthesis``, ``uncited_claims``, ``uncited_slides``,
  ``quotes_verified``, ``excerpts_verified``, ``charts``, ``records`` and
  ``single_source_records`` (distinct records behind the charts), ``warnings``, ``clean``.
* ``warnings``: every warning of ``deckgen check``: ``path``, ``line``, ``col``, ``code``,
  ``message``, ``hint``, ``key``, ``slide`` (the brief slide it is about, 0-based, or null).
* ``slides``, one per brief slide in deck order: ``index`` (0-based in the brief), ``kind``,
  ``title``, ``line``, ``cite``, ``synthesis``, ``parts`` (``number``, 1-based in the deck, and
  ``title`` of each deck slide made from it), ``warnings`` (as above), and
  ``claims``: ``text``, ``line``, ``col``, ``key``, ``status`` (``grounded``, ``unsupported``,
  ``synthesis``, ``uncited``), ``cite`` (its own), ``against`` (the addresses it was checked
  against) and ``terms``: ``text``, ``kind``, ``start``/``end`` (in the claim's text), ``found``,
  ``paragraph`` (the article's ¶ number), ``address``, ``span`` (in that paragraph), ``elsewhere``;
  ``passages``: ``address``, ``citation`` and ``paragraphs``: ``number``, ``address``, ``text``,
  ``marks`` (``start``, ``end``, ``kind`` ``term`` or ``quote``, ``label``);
  ``quotes``: ``kind`` (``quote`` or ``excerpt``), ``text``, ``paragraph``, ``address``;
  ``charts``: ``kind``, ``caption``, ``figures`` (``number``, ``title``, ``columns``, ``rows``,
  ``note``) and ``records``: ``id``, ``country``, ``label``, ``kind``, ``flank``, ``status``,
  ``when``, ``sources`` (independent), ``single_source``, ``evidence`` (``source`` ``article`` or
  ``external``, ``citation``, ``quote``, ``address``).
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any, Literal

from deckgen.resolve.grounding import Grounding

FORMAT = "deckgen-review/1"


@dataclass(frozen=True)
class TermReview:
    """One term of a statement and where the cited text has it (``found`` False: it does not)."""

    text: str
    kind: str  # name, number, quoted, key term
    start: int
    end: int
    found: bool
    paragraph: int | None = None  # the article's paragraph number
    address: str | None = None  # that paragraph as the brief would cite it: su#sahel/p1
    span: tuple[int, int] | None = None  # where in that paragraph
    elsewhere: str | None = None  # another paragraph that has it, when the cited ones do not


@dataclass(frozen=True)
class ClaimReview:
    """A statement on a slide, as written in the brief, with the outcome of the grounding check."""

    text: str
    line: int
    col: int
    key: str
    status: Grounding
    cite: str | None  # its own citation, as written; None: the slide's
    against: tuple[str, ...]  # the addresses it was checked against
    terms: tuple[TermReview, ...]

    @property
    def unsupported(self) -> tuple[TermReview, ...]:
        return tuple(t for t in self.terms if not t.found)


@dataclass(frozen=True)
class Mark:
    """A stretch of a cited paragraph to highlight: a term a statement relies on, or a quote."""

    start: int
    end: int
    kind: Literal["term", "quote"]
    label: str  # the term as the slide writes it, or what the quote is


@dataclass(frozen=True)
class CitedParagraph:
    number: int  # the article's paragraph number: ¶6
    address: str  # su#sahel/p1
    text: str
    marks: tuple[Mark, ...]


@dataclass(frozen=True)
class CitedPassage:
    address: str  # as the brief would write it: su#sahel/p1, su#p4-p6
    citation: str  # the full citation, pinned to the paragraphs
    paragraphs: tuple[CitedParagraph, ...]


@dataclass(frozen=True)
class QuoteReview:
    """A quote, or one sentence of an excerpt, found verbatim in the paragraph it names."""

    kind: Literal["quote", "excerpt"]
    text: str
    paragraph: int | None  # None only if the text spans paragraphs
    address: str


@dataclass(frozen=True)
class FigureTable:
    """The figures one deck slide's chart shows, as rows of text."""

    number: int  # the deck slide
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""


@dataclass(frozen=True)
class EvidenceReview:
    source: Literal["article", "external"]
    citation: str
    quote: str | None
    address: str | None  # an article's paragraph; None for an external source


@dataclass(frozen=True)
class RecordReview:
    """A dataset record behind a chart, with its evidence; ``sources`` counts independent sources
    by the dataset's rule (``PresenceRecord.strength``: each article once, each publisher once)."""

    id: str
    country: str
    label: str
    kind: str
    flank: str
    status: str
    when: str
    sources: int
    single_source: bool
    evidence: tuple[EvidenceReview, ...]


@dataclass(frozen=True)
class ChartReview:
    kind: str
    caption: str
    figures: tuple[FigureTable, ...]
    records: tuple[RecordReview, ...]


@dataclass(frozen=True)
class WarningReview:
    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str | None
    key: str | None
    slide: int | None  # the brief slide it is about


@dataclass(frozen=True)
class DeckSlide:
    number: int  # 1-based, as the deck numbers it
    title: str


@dataclass(frozen=True)
class SlideReview:
    """One brief slide and the deck slides made from it (a follow-on slide is one more part)."""

    index: int
    kind: str
    title: str
    line: int
    cite: str | None
    synthesis: bool  # the whole slide is marked as the staff's reading
    parts: tuple[DeckSlide, ...]
    claims: tuple[ClaimReview, ...] = ()
    passages: tuple[CitedPassage, ...] = ()
    quotes: tuple[QuoteReview, ...] = ()
    charts: tuple[ChartReview, ...] = ()
    warnings: tuple[WarningReview, ...] = ()

    @property
    def unsupported_terms(self) -> int:
        return sum(len(c.unsupported) for c in self.claims if c.status is Grounding.UNSUPPORTED)

    def count(self, status: Grounding) -> int:
        return sum(1 for c in self.claims if c.status is status)

    @property
    def numbers(self) -> str:
        """``14``, ``18–19``, or empty for a slide the deck does not show."""
        if not self.parts:
            return ""
        first, last = self.parts[0].number, self.parts[-1].number
        return str(first) if first == last else f"{first}\u2013{last}"


@dataclass(frozen=True)
class Summary:
    slides: int
    brief_slides: int
    citations: int
    claims: int
    claims_checked: int
    grounded: int
    terms_checked: int
    unsupported_terms: int
    synthesis: int
    uncited_claims: int
    uncited_slides: int
    quotes_verified: int
    excerpts_verified: int
    charts: int
    records: int
    single_source_records: int
    warnings: int

    @property
    def clean(self) -> bool:
        """Nothing for a reviewer to chase: every checked term found, nothing uncited, no warning."""
        return not (self.unsupported_terms or self.uncited_claims or self.warnings)


@dataclass(frozen=True)
class ReviewSheet:
    brief: str
    title: str
    subtitle: str
    date: str
    marking: str
    summary: Summary
    slides: tuple[SlideReview, ...]
    warnings: tuple[WarningReview, ...]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"format": FORMAT}
        out |= _plain(self)
        out["summary"]["clean"] = self.summary.clean
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Grounding):
        return value.value
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value
