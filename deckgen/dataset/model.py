"""Typed values for the presence dataset: records of Russian presence, each with its evidence."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from deckgen.core.errors import Loc


class Flank(StrEnum):
    EAST = "east"
    SOUTH = "south"


class Status(StrEnum):
    ACTIVE = "active"
    PLANNED = "planned"
    WITHDRAWN = "withdrawn"
    CONTESTED = "contested"


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


Evidence = SourceEvidence | ExternalEvidence


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

    @property
    def flank(self) -> Flank:
        return self.region.flank

    def active_at(self, when: YearMonth) -> bool:
        """Present at ``when``: started by then and not yet ended (planned never counts)."""
        if self.since > when or self.status is Status.PLANNED:
            return False
        return self.until is None or self.until > when


@dataclass(frozen=True)
class Dataset:
    id: str
    path: str
    title: str
    regions: tuple[Region, ...]  # display order
    kinds: tuple[Kind, ...]  # display order
    records: tuple[PresenceRecord, ...]

    def region(self, region_id: str) -> Region | None:
        return next((r for r in self.regions if r.id == region_id), None)

    def kind(self, kind_id: str) -> Kind | None:
        return next((k for k in self.kinds if k.id == kind_id), None)
