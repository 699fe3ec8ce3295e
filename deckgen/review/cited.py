"""What a slide cites, for the review: its paragraphs with the terms and quotes found there marked,
each paragraph named by the address the brief would use."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from deckgen.brief.model import Brief
from deckgen.core.textnorm import locate
from deckgen.resolve.grounding import ClaimCheck
from deckgen.resolve.model import ResolvedExcerpt, ResolvedQuote, ResolvedSlide
from deckgen.review.model import CitedParagraph, CitedPassage, Mark, QuoteReview
from deckgen.sources.citation import passage_citation
from deckgen.sources.model import Article, Paragraph, Passage

# Marks of one paragraph, by (article id, paragraph number).
_Marks = dict[tuple[str, int], set[Mark]]


class Addresses:
    """Addresses as the brief writes them: by the first alias it gives the article (``su#sahel/p1``),
    else by the article's id, as the grounding check names them."""

    def __init__(self, brief: Brief) -> None:
        self.aliases: dict[str, str] = {}
        for alias in brief.sources:
            self.aliases.setdefault(alias.article_id.value, alias.alias)

    def alias(self, article: Article) -> str:
        return self.aliases.get(article.id, article.id)

    def paragraph(self, article: Article, para: Paragraph) -> str:
        return f"{self.alias(article)}#{para.section_id}/p{para.index}"

    def passage(self, passage: Passage) -> str:
        return str(replace(passage.address, article=self.alias(passage.article)))


def cited_passages(
    rs: ResolvedSlide, checks: tuple[ClaimCheck, ...], addresses: Addresses
) -> tuple[CitedPassage, ...]:
    """Every passage the slide or one of its statements cites, in first-use order, with the
    matched terms and the verified quote marked at their spans."""
    passages: dict[tuple[str, str], Passage] = {}
    for passage in (*rs.passages, *(p for c in checks for p in c.passages)):
        passages.setdefault((passage.article.id, str(passage.address)), passage)
    marks: _Marks = {}
    for check in checks:
        if not check.passages:
            continue
        article = check.passages[0].article  # every term was looked for in this passage
        for match in check.terms:
            if match.where is not None and match.span is not None:
                start, end = match.span
                key = (article.id, match.where.number)
                marks.setdefault(key, set()).add(Mark(start, end, "term", match.term.text))
    for found in verified_quotes(rs):
        if found.paragraph is not None and found.span is not None:
            start, end = found.span
            key = (found.passage.article.id, found.paragraph.number)
            marks.setdefault(key, set()).add(Mark(start, end, "quote", found.kind))
    return tuple(
        CitedPassage(
            addresses.passage(p),
            passage_citation(p),
            tuple(
                CitedParagraph(
                    para.number,
                    addresses.paragraph(p.article, para),
                    para.text,
                    tuple(sorted(marks.get((p.article.id, para.number), ()), key=_mark_order)),
                )
                for para in p.paragraphs
            ),
        )
        for p in passages.values()
    )


def quotes(rs: ResolvedSlide, addresses: Addresses) -> tuple[QuoteReview, ...]:
    """The slide's quote, or each sentence of its excerpt, with the paragraph it was found in."""
    return tuple(
        QuoteReview(
            found.kind,
            found.text,
            found.paragraph.number if found.paragraph is not None else None,
            addresses.paragraph(found.passage.article, found.paragraph)
            if found.paragraph is not None
            else addresses.passage(found.passage),
        )
        for found in verified_quotes(rs)
    )


@dataclass(frozen=True)
class FoundQuote:
    kind: Literal["quote", "excerpt"]
    text: str
    passage: Passage
    paragraph: Paragraph | None  # None: resolved, so in the passage, but across a paragraph break
    span: tuple[int, int] | None


def verified_quotes(rs: ResolvedSlide) -> tuple[FoundQuote, ...]:
    """Where the slide's quote, or each sentence of its excerpt, stands in its citation."""
    kind: Literal["quote", "excerpt"]
    texts: tuple[str, ...]
    if isinstance(rs, ResolvedQuote):
        kind, passage, texts = "quote", rs.passage, (rs.quote,)
    elif isinstance(rs, ResolvedExcerpt):
        kind, passage, texts = "excerpt", rs.passage, rs.sentences
    else:
        return ()
    out = []
    for text in texts:
        found = FoundQuote(kind, text, passage, None, None)
        for para in passage.paragraphs:
            at = para.text.find(text)
            span = (at, at + len(text)) if at >= 0 else locate(para.text, text)
            if span is not None:
                found = FoundQuote(kind, text, passage, para, span)
                break
        out.append(found)
    return tuple(out)


def _mark_order(mark: Mark) -> tuple[int, int, str, str]:
    return (mark.start, -mark.end, mark.kind, mark.label)
