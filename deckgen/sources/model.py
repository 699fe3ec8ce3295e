"""Typed values for source articles: sections, numbered paragraphs, addresses, passages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PubDate:
    """A publication date with its precision: a year, a month, or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    def display(self) -> str:
        """``2022``, ``May 2022`` or ``12 May 2022``."""
        import calendar

        if self.month is None:
            return str(self.year)
        name = calendar.month_name[self.month]
        if self.day is None:
            return f"{name} {self.year}"
        return f"{self.day} {name} {self.year}"

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class Author:
    name: str
    bio: str | None = None


@dataclass(frozen=True)
class Paragraph:
    """One body paragraph. ``number`` counts in the whole article, ``index`` within its section."""

    number: int
    section_id: str
    index: int
    text: str
    line: int


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    line: int
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Article:
    id: str
    path: Path
    title: str
    authors: tuple[Author, ...]
    publication: str
    date: PubDate
    url: str | None
    attribution: str
    standfirst: str | None
    sections: tuple[Section, ...]

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(p for s in self.sections for p in s.paragraphs)

    def section(self, section_id: str) -> Section | None:
        for s in self.sections:
            if s.id == section_id:
                return s
        return None

    def author_names(self) -> str:
        """``Liana Fix and Kristina Kausch``; three or more joined with commas."""
        names = [a.name for a in self.authors]
        if len(names) <= 2:
            return " and ".join(names)
        return ", ".join(names[:-1]) + ", and " + names[-1]


@dataclass(frozen=True)
class Address:
    """A parsed address: ``article``, ``article#section``, ``article#section/p2``,
    ``article#section/p2-p4``, ``article#p4`` or ``article#p4-p5``.

    ``first``/``last`` are paragraph numbers (within the section when ``section`` is set, in the
    whole article otherwise); both ``None`` means the whole section or article.
    """

    article: str
    section: str | None = None
    first: int | None = None
    last: int | None = None

    def __str__(self) -> str:
        frag = self.section or ""
        if self.first is not None:
            para = f"p{self.first}" if self.last in (None, self.first) else f"p{self.first}-p{self.last}"
            frag = f"{frag}/{para}" if frag else para
        return f"{self.article}#{frag}" if frag else self.article


@dataclass(frozen=True)
class Passage:
    """What an address resolved to: the paragraphs it names, in order."""

    article: Article
    address: Address
    paragraphs: tuple[Paragraph, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)

    def label(self) -> str:
        """A short human label: ``§ Sahel, ¶2`` or ``¶4–5``."""
        parts: list[str] = []
        if self.address.section:
            sec = self.article.section(self.address.section)
            parts.append(f"§ {sec.title if sec else self.address.section}")
        if self.address.first is not None:
            nums = [p.number for p in self.paragraphs]
            if len(nums) == 1:
                parts.append(f"¶{nums[0]}")
            else:
                parts.append(f"¶{nums[0]}–{nums[-1]}")
        return ", ".join(parts) if parts else "whole article"
