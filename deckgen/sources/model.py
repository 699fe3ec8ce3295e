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
    """Who wrote an article: a person, or an organisation writing as itself (a report's publisher).

    ``name`` is the person's full name or the organisation's whole name; front matter gives a
    person as ``name:`` and an organisation as ``organization:``.
    """

    name: str
    bio: str | None = None
    organization: bool = False

    def short(self) -> str:
        """How a footer credits this author: a person by surname, an organisation by its whole name."""
        words = self.name.split()
        return self.name if self.organization or not words else words[-1]


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
    """A run of paragraphs under one heading.

    ``editorial`` is True when the heading was added by whoever prepared the file (or is the
    implicit ``intro``), not printed by the publication: citations then give only the article's
    paragraph numbers and name the heading as ours.
    """

    id: str
    title: str
    line: int
    paragraphs: tuple[Paragraph, ...]
    editorial: bool = False


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
    series: str | None = None  # a report series, e.g. "Insight"
    number: str | None = None  # the number in that series, e.g. "IN11916"

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(p for s in self.sections for p in s.paragraphs)

    def section(self, section_id: str) -> Section | None:
        for s in self.sections:
            if s.id == section_id:
                return s
        return None

    def author_names(self) -> str:
        """``Liana Fix and Kristina Kausch``; three or more joined with commas. Organisations are
        named whole, people and organisations alike: ``Ann Author and Congressional Research Service``."""
        names = [a.name for a in self.authors]
        if len(names) <= 2:
            return " and ".join(names)
        return ", ".join(names[:-1]) + ", and " + names[-1]

    def publisher_is_author(self) -> bool:
        """True when the one author is the publishing organisation itself (a report by its
        publisher): citations then name it once, as author."""
        return (
            len(self.authors) == 1
            and self.authors[0].organization
            and self.authors[0].name.casefold() == self.publication.casefold()
        )

    def report_number(self) -> str:
        """``Insight IN11916``, ``IF11234`` or ``Insight``; empty when the article has neither."""
        return " ".join(part for part in (self.series, self.number) if part)


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
        """A short human label pinned to the article's own paragraph numbers.

        ``¶4`` or ``¶4–5`` for article-wide paragraphs; ``§ Sahel, ¶6`` in a section whose
        heading the publication printed, ``§ Sahel`` for all of it; ``¶4 [our heading: Syria]``
        in a section whose heading is editorial, ``¶2–3 [our heading: Two flanks]`` for all of it,
        so that no heading we added reads as the publication's.
        """
        numbers = _paragraph_range(self.paragraphs)
        sec = self.article.section(self.address.section) if self.address.section else None
        if sec is not None and sec.editorial:
            return f"{numbers} {editorial_heading(sec.title)}"
        parts: list[str] = []
        if self.address.section:
            parts.append(f"§ {sec.title if sec else self.address.section}")
        if self.address.first is not None:
            parts.append(numbers)
        return ", ".join(parts) if parts else "whole article"


def editorial_heading(title: str) -> str:
    """How a citation names a heading that is ours, not the publication's: ``[our heading: Syria]``.

    Square brackets are the usual mark of an editor's words inside a citation.
    """
    return f"[our heading: {title}]"


def _paragraph_range(paragraphs: tuple[Paragraph, ...]) -> str:
    if not paragraphs:
        return ""
    first, last = paragraphs[0].number, paragraphs[-1].number
    return f"¶{first}" if first == last else f"¶{first}–{last}"
