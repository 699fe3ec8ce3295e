"""Formatting a citation of an article, whole or pinned to the paragraphs cited."""

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
