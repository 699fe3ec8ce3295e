"""The grounding check: every name, number, quoted phrase and key term of authored text is in the
paragraphs it cites, or the text is marked as the staff's synthesis.

Deterministic and explainable: each claim's terms are listed with the paragraph that has them
(``ClaimCheck``), so a reviewer sees why a point passed, not only that it did.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from deckgen.brief.fields import DEFAULT_TITLES
from deckgen.brief.model import Brief, Claim, Located, SlideSpec
from deckgen.core.errors import Collector
from deckgen.core.slidenames import slide_name
from deckgen.resolve.terms import Term, Token, extract_terms, find, known_names, tokens
from deckgen.sources.model import Article, Paragraph, Passage


class Grounding(StrEnum):
    GROUNDED = "grounded"  # every term is in a cited paragraph
    UNSUPPORTED = "unsupported"  # some term is not
    SYNTHESIS = "synthesis"  # marked as the staff's own reading: not checked
    UNCITED = "uncited"  # states facts with no citation and no synthesis mark


@dataclass(frozen=True)
class TermMatch:
    """A term and the cited paragraph that has it (``where`` None: none does), with the span
    there; ``elsewhere`` is the address of another paragraph of the article that has it."""

    term: Term
    where: Paragraph | None = None
    span: tuple[int, int] | None = None
    elsewhere: str | None = None


@dataclass(frozen=True)
class ClaimCheck:
    slide: int  # the slide's position in the brief
    claim: Claim
    status: Grounding
    passages: tuple[Passage, ...] = ()  # what it was checked against
    terms: tuple[TermMatch, ...] = ()

    @property
    def unsupported(self) -> tuple[TermMatch, ...]:
        return tuple(t for t in self.terms if t.where is None) if self.status is Grounding.UNSUPPORTED else ()


class Grounder:
    """Checks the claims of one brief's slides; keeps each paragraph's tokens and each article's
    lower-case words, which every claim citing them reuses."""

    def __init__(self, brief: Brief, aliases: dict[str, str], diags: Collector) -> None:
        self.aliases = aliases  # alias -> article id, filled in as the brief's sources are read
        self.diags = diags
        self.brief_names = known_names(c.text.value for s in brief.slides for c in s.claims)
        self._tokens: dict[tuple[str, int], tuple[tuple[Token, ...], list[str]]] = {}  # and norms
        self._names: dict[str, frozenset[str]] = {}

    def slide(
        self, spec: SlideSpec, passage: Passage | None, cited: Callable[[Located], Passage | None]
    ) -> tuple[ClaimCheck, ...]:
        """Every claim of ``spec`` checked against its own citation or the slide's (``passage``).

        Reports ``unsupported-term`` for each term missing from what a claim cites, and one
        ``uncited-claim`` for a slide whose claims cite nothing and are not marked synthesis.
        """
        out: list[ClaimCheck] = []
        for claim in spec.claims:
            own = cited(claim.cite) if claim.cite is not None else None
            if claim.cite is not None and own is None:
                continue  # a broken citation, already reported
            against = own or passage
            if spec.synthesis or claim.synthesis:
                out.append(ClaimCheck(spec.index, claim, Grounding.SYNTHESIS, _passages(against)))
            elif against is None:
                out.append(ClaimCheck(spec.index, claim, Grounding.UNCITED))
            else:
                out.append(self.claim(spec.index, claim, against))
        uncited = [c for c in out if c.status is Grounding.UNCITED]
        if uncited:
            first = uncited[0].claim.text
            many = f"{len(uncited)} statements" if len(uncited) > 1 else "a statement"
            title = spec.title or DEFAULT_TITLES.get(spec.kind, spec.kind.value)
            self.diags.warning(
                first.loc,
                "uncited-claim",
                f"{slide_name(spec.index, title)} makes {many} with no 'cite'",
                hint="add 'cite: alias#section/pN' for the paragraph it comes from (on the slide or the "
                "bullet), or 'synthesis: true' if it is the staff's own reading",
                key=first.key,
            )
        return tuple(out)

    def claim(self, slide: int, claim: Claim, passage: Passage) -> ClaimCheck:
        article = passage.article
        terms = extract_terms(claim.text.value, names=self.names(article))
        matches: list[TermMatch] = []
        for term in terms:
            hit = self.search(term, passage.paragraphs, article)
            if hit is not None:
                matches.append(TermMatch(term, *hit))
                continue
            others = [p for p in article.paragraphs if p not in passage.paragraphs]
            other = self.search(term, tuple(others), article)
            elsewhere = self.address(article, other[0]) if other is not None else None
            matches.append(TermMatch(term, elsewhere=elsewhere))
            cited = ", ".join(self.address(article, p) for p in passage.paragraphs[:3])
            if len(passage.paragraphs) > 3:
                cited += f" and {len(passage.paragraphs) - 3} more"
            hint = (
                f"it is in {elsewhere}: cite that, reword the text, or mark it 'synthesis: true'"
                if elsewhere
                else "reword the text to what the paragraph says, or mark it 'synthesis: true'"
            )
            self.diags.warning(
                claim.text.loc,
                "unsupported-term",
                f"{term.kind.value} '{term.text}' is not in {cited}",
                hint=hint,
                key=claim.text.key,
            )
        status = Grounding.GROUNDED if all(m.where is not None for m in matches) else Grounding.UNSUPPORTED
        return ClaimCheck(slide, claim, status, (passage,), tuple(matches))

    def search(
        self, term: Term, paragraphs: tuple[Paragraph, ...], article: Article
    ) -> tuple[Paragraph, tuple[int, int]] | None:
        for para in paragraphs:
            key = (article.id, para.number)
            if key not in self._tokens:
                words = tokens(para.text)
                self._tokens[key] = (words, [w.norm for w in words])
            span = find(term.tokens, *self._tokens[key])
            if span is not None:
                return para, span
        return None

    def names(self, article: Article) -> frozenset[str]:
        """What counts as a name at the start of a sentence: words the article or the brief
        capitalise elsewhere, and the equivalent names."""
        if article.id not in self._names:
            self._names[article.id] = self.brief_names | known_names(p.text for p in article.paragraphs)
        return self._names[article.id]

    def address(self, article: Article, para: Paragraph) -> str:
        """``su#sahel/p1``: the paragraph as the brief would cite it, by its first alias."""
        alias = next((a for a, target in self.aliases.items() if target == article.id), article.id)
        return f"{alias}#{para.section_id}/p{para.index}"


def _passages(passage: Passage | None) -> tuple[Passage, ...]:
    return (passage,) if passage is not None else ()
