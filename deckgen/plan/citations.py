"""How sources are credited: full citations for notes and the sources slide, short footer lines."""

from __future__ import annotations

from deckgen.sources.model import Article, Passage


def full_citation(article: Article, pinpoint: str = "") -> str:
    """``Liana Fix and Kristina Kausch, "Title", Publication, May 2022[, pinpoint].[ url]``"""
    parts = [
        article.author_names(),
        f"\u201c{article.title}\u201d",
        article.publication,
        article.date.display(),
        pinpoint,
    ]
    text = ", ".join(p for p in parts if p) + "."
    return f"{text} {article.url}" if article.url else text


def passage_citation(passage: Passage) -> str:
    """A full citation pinned to the paragraphs cited: ``…, May 2022, § Syria, ¶4.``"""
    return full_citation(passage.article, passage.label())


def short_author(article: Article) -> str:
    """``Fix & Kausch``; ``Fix et al.`` for three or more authors."""
    surnames = [a.name.split()[-1] for a in article.authors if a.name.split()]
    if not surnames:
        return article.publication
    if len(surnames) >= 3:
        return f"{surnames[0]} et al."
    return " & ".join(surnames)


def footer_credit(articles: list[Article]) -> str:
    """The short source line in a slide's footer."""
    if not articles:
        return ""
    items = [f"{short_author(a)}, {a.publication}, {a.date.display()}" for a in articles]
    return "Source: " + "; ".join(items)


def notes_block(passages: tuple[Passage, ...]) -> str:
    """The citation block appended to a slide's notes: each citation, then the cited text."""
    lines = ["Sources on this slide:"]
    for n, passage in enumerate(passages, 1):
        lines.append(f"[{n}] {passage_citation(passage)}")
        for para in passage.paragraphs:
            lines.append(f"    \u00b6{para.number}: \u201c{para.text}\u201d")
    return "\n".join(lines)
