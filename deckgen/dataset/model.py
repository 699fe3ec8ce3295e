"""Typed values for the presence dataset: records of Russian presence, each with its evidence."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from deckgen.core.errors import Loc


class Flank(StrEnum):
    """NATO's flanks, in the order charts show them: the two the dataset began with, then the north
    (Finland and Sweden applied to join in May 2022), so decks without northern data stay as they were."""

    EAST = "east"
    SOUTH = "south"
    NORTH = "north"


class Status(StrEnum):
    ACTIVE = "active"
    PLANNED = "planned"
    WITHDRAWN = "withdrawn"
    CONTESTED = "contested"
    REDUCED = "reduced"  # partly drawn down at 'reduced', still present and still counted


@dataclass(frozen=True, order=True)
class YearMonth:
    """A year, or a year and month; ``2014`` sorts before ``2014-03``."""

    year: int
    month: int = 0  # 0 = the year only

    def __str__(self) -> str:
        return f"{self.year:04d}" if self.month == 0 else f"{self.year:04d}-{self.month:02d}"

    def display(self) -> str:
        import calendar

        return str(self.year) if self.month == 0 else f"{calendar.month_abbr[self.month]} {self.year}"


@dataclass(frozen=True, order=True)
class YearMonthDay:
    """A day, or a month when the day is not given: when a record was reviewed, what a dataset
    describes (``reviewed:``, ``as-of:``)."""

    year: int
    month: int
    day: int = 0  # 0 = the month only

    def __str__(self) -> str:
        month = f"{self.year:04d}-{self.month:02d}"
        return month if self.day == 0 else f"{month}-{self.day:02d}"

    def earliest(self) -> datetime.date:
        """The first day it can mean: a month given alone is only surely on or after its 1st."""
        return datetime.date(self.year, self.month, self.day or 1)


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    flank: Flank


@dataclass(frozen=True)
class Kind:
    id: str
    name: str


@dataclass(frozen=True)
class SourceEvidence:
    """A verified quote from a source article: ``address`` resolved, ``quote`` found in it."""

    address: str  # canonical, e.g. southern-underbelly#syria/p1
    quote: str  # the article's own wording of the quote
    citation: str  # full citation with pinpoint, for notes

    @property
    def source(self) -> str:
        """The independent source: the article, however many of its paragraphs are quoted."""
        return "article:" + self.address.split("#", 1)[0]


@dataclass(frozen=True)
class ExternalEvidence:
    publisher: str
    title: str
    date: YearMonth
    url: str | None = None
    quote: str | None = None  # optional: the words relied on, as published

    @property
    def citation(self) -> str:
        parts = [self.publisher, f"\u201c{self.title}\u201d", self.date.display()]
        text = ", ".join(parts) + "."
        return f"{text} {self.url}" if self.url else text

    @property
    def source(self) -> str:
        """The independent source: the publisher, however many of its publications are cited
        (compared ignoring case and spacing)."""
        return "publisher:" + " ".join(self.publisher.split()).casefold()


Evidence = SourceEvidence | ExternalEvidence


@dataclass(frozen=True)
class Strength:
    """How well a record's evidence supports it: ``sources`` independent sources (each article
    once, each external publisher once) and ``article``, whether one of them is a source article."""

    sources: int
    article: bool

    @property
    def single_source(self) -> bool:
        return self.sources == 1

    @classmethod
    def of(cls, evidence: Iterable[Evidence]) -> Strength:
        items = tuple(evidence)
        return cls(len({ev.source for ev in items}), any(isinstance(ev, SourceEvidence) for ev in items))


@dataclass(frozen=True)
class PresenceRecord:
    """One presence element of Russia in one country."""

    id: str
    country_code: str  # ISO 3166-1 alpha-2; Crimea, Transnistria, Kaliningrad use their state's code
    country: str  # display name, e.g. "Syria" or "Moldova (Transnistria)"
    region: Region
    kind: Kind
    label: str  # what it is, e.g. "Tartus naval facility"
    since: YearMonth
    status: Status
    until: YearMonth | None
    evidence: tuple[Evidence, ...]
    loc: Loc
    reviewed: YearMonthDay | None = None  # when a person last checked it against its sources
    reduced: YearMonth | None = None  # status 'reduced': when the drawdown happened

    @property
    def flank(self) -> Flank:
        return self.region.flank

    @property
    def strength(self) -> Strength:
        return Strength.of(self.evidence)

    def active_at(self, when: YearMonth) -> bool:
        """Present at ``when``: started by then and not yet ended (planned never counts).

        Active, contested and reduced records count from ``since`` on (a reduced one before and
        after its drawdown); one with ``until`` (withdrawn, or a contested one that ended) stops
        counting at ``until``, which is exclusive."""
        if self.since > when or self.status is Status.PLANNED:
            return False
        return self.until is None or self.until > when

    def reduced_at(self, when: YearMonth | None) -> bool:
        """Drawn down by ``when`` and still present: a reduced record from its ``reduced`` date on
        (``None``, no date: the record as it stands now)."""
        if self.status is not Status.REDUCED or self.reduced is None:
            return False
        return when is None or self.reduced <= when


@dataclass(frozen=True)
class Dataset:
    id: str
    path: str
    title: str
    regions: tuple[Region, ...]  # display order
    kinds: tuple[Kind, ...]  # display order
    records: tuple[PresenceRecord, ...]
    as_of: YearMonthDay | None = None  # the date the dataset describes

    def region(self, region_id: str) -> Region | None:
        return next((r for r in self.regions if r.id == region_id), None)

    def kind(self, kind_id: str) -> Kind | None:
        return next((k for k in self.kinds if k.id == kind_id), None)
