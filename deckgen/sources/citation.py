"""Formatting a citation of an article, whole or pinned to the paragraphs cited."""

from __future__ import annotations

from deckgen.sources.model import Article, Passage


def full_citation(article: Article, pinpoint: str = "") -> str:
    """``Liana Fix and Kristina Kausch, "Title", Publication, May 2022[, pinpoint].[ url]``

    A report adds its series and number after the publication (``Congressional Research Service,
    IF11234, 12 May 2022``); a report whose author is its publisher names it once, as author.
    """
    parts = [
        article.author_names(),
        f"\u201c{article.title}\u201d",
        "" if article.publisher_is_author() else article.publication,
        article.report_number(),
        article.date.display(),
        pinpoint,
    ]
    text = ", ".join(p for p in parts if p) + "."
    return f"{text} {article.url}" if article.url else text


def short_citation(article: Article) -> str:
    """Authors, publication and date: ``Liana Fix and Kristina Kausch, Foreign Policy, May 2022``."""
    parts = [
        article.author_names(),
        "" if article.publisher_is_author() else article.publication,
        article.date.display(),
    ]
    return ", ".join(p for p in parts if p)


def passage_citation(passage: Passage) -> str:
    """A full citation pinned to the paragraphs cited: ``…, May 2022, § Sahel, ¶6.``, or for a
    section whose heading is ours, ``…, May 2022, ¶4 [our heading: Syria as the template].``"""
    return full_citation(passage.article, passage.label())
