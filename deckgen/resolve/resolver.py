"""Check every cross-reference of a brief: sources, addresses, quotes, excerpts, images, template."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from deckgen.brief.model import (
    Brief,
    BulletSpec,
    ChartBody,
    ExcerptBody,
    ImageBody,
    Located,
    QuoteBody,
    SlideSpec,
)
from deckgen.charts.model import ChartData
from deckgen.core.assets import DEFAULT_TEMPLATE_NAME, default_template_path, profile_path
from deckgen.core.errors import Collector, DeckgenError, Loc, file_problem
from deckgen.core.files import FileProblem, check_name, read_text
from deckgen.core.slidenames import slide_key
from deckgen.core.suggest import did_you_mean
from deckgen.core.textnorm import first_words, fold, locate, split_sentences
from deckgen.core.yamltraps import quoted
from deckgen.dataset.model import SourceEvidence
from deckgen.resolve.charts import ChartResolver, brief_file
from deckgen.resolve.figures import chart_figures, chart_text
from deckgen.resolve.grounding import ClaimCheck, Grounder
from deckgen.resolve.model import (
    ResolvedChart,
    ResolvedDeck,
    ResolvedExcerpt,
    ResolvedImage,
    ResolvedQuote,
    ResolvedSlide,
)
from deckgen.resolve.pictures import picture_size, read_picture
from deckgen.resolve.plain import cited_bullets, plain_slide
from deckgen.sources import (
    AddressError,
    AddressSyntaxError,
    SourceLibrary,
    parse_address,
    quote_closest,
    resolve_address,
)
from deckgen.sources.model import Article, Passage

__all__ = ["picture_size", "resolve"]
# Quotation marks typed around a quote, which the slide supplies itself: curly, straight,
# low-9 and guillemets, opening and closing.
_OPENING_MARKS = frozenset("\u201c\u2018\u201e\u201a\u00ab\u00bb\"'")
_CLOSING_MARKS = frozenset("\u201d\u2019\u201c\u2018\u00bb\u00ab\"'")


def resolve(brief: Brief, *, sources_dir: Path | None = None) -> tuple[ResolvedDeck | None, Collector]:
    """Resolve a shape-checked brief; the collector holds every problem found."""
    return _Resolver(brief, sources_dir).run()


class _Resolver:
    def __init__(self, brief: Brief, sources_dir: Path | None) -> None:
        self.brief = brief
        self.base = Path(brief.path).parent
        # --sources, else the project configuration's folder, else sources/ beside the brief.
        configured = brief.project.sources if brief.project is not None else None
        self.library = SourceLibrary(sources_dir or configured or self.base / "sources")
        self.diags = Collector()
        self.aliases: dict[str, str] = {}
        self.used_aliases: set[str] = set()
        self.articles: dict[str, Article] = {}
        self.charts = ChartResolver(brief, self.library, self.diags)
        self.cited: dict[Located, Passage | None] = {}  # each citation resolved once, reported once
        self.grounder = Grounder(brief, self.aliases, self.diags)
        self.grounding: list[ClaimCheck] = []

    def run(self) -> tuple[ResolvedDeck | None, Collector]:
        self.check_aliases()
        template = self.template()
        found = [self.slide(s) for s in self.brief.slides]
        for alias in self.brief.sources:
            if alias.alias not in self.used_aliases and alias.alias in self.aliases:
                self.diags.warning(
                    alias.article_id.loc,
                    "unused-source",
                    f"source '{alias.alias}' is declared but no slide cites it",
                    hint="cite it from a slide or remove the line",
                    key=alias.article_id.key,
                )
        if self.diags.has_errors or template is None:
            return None, self.diags
        slides = tuple(s for s in found if s is not None)
        if len(slides) != len(found):
            # A quote or excerpt without 'cite': the brief stage has reported it already.
            return None, self.diags
        cited: dict[str, Article] = {}
        for rs in slides:
            for article in rs.articles:
                cited.setdefault(article.id, article)
        inputs = {Path(self.brief.path).resolve(), template.resolve()}
        if self.brief.project is not None and self.brief.project.config is not None:
            inputs.add(self.brief.project.config)  # its defaults shape the deck
        profile = profile_path(template)
        if profile.is_file():
            inputs.add(profile.resolve())
        inputs.update(a.path.resolve() for a in self.library.loaded())
        inputs.update(Path(d.path).resolve() for d in self.charts.loaded())
        inputs.update(rs.path for rs in slides if isinstance(rs, ResolvedImage))
        deck = ResolvedDeck(
            self.brief,
            template,
            slides,
            tuple(cited.values()),
            tuple(sorted(inputs)),
            tuple(self.grounding),
        )
        return deck, self.diags

    # -- deck-level references -------------------------------------------------------------
    def check_aliases(self) -> None:
        for alias in self.brief.sources:
            article = self.article(alias.article_id)
            if article is not None:
                self.aliases[alias.alias] = article.id

    def article(self, ref: Located) -> Article | None:
        if ref.value in self.articles:
            return self.articles[ref.value]
        try:
            check_name(ref.value + ".md", "source article")
        except FileProblem as exc:
            self.diags.error(ref.loc, exc.code, exc.message, hint=exc.hint, key=ref.key, span=len(ref.value))
            return None
        try:
            article = self.library.get(ref.value)
        except DeckgenError as exc:
            self.diags.extend(list(exc.diagnostics))
            return None
        if article is None:
            known = self.library.ids()
            close = did_you_mean(ref.value, known)
            hint = f"{close} " if close else ""
            where = self.library.folder
            self.diags.error(
                ref.loc,
                "unknown-source",
                f"no source article '{ref.value}' in {where}",
                hint=hint
                + ("articles there: " + ", ".join(known) if known else "add it with `deckgen import`"),
                key=ref.key,
                span=len(ref.value),
            )
            return None
        self.articles[ref.value] = article
        return article

    def template(self) -> Path | None:
        ref = self.brief.deck.template
        if ref is None or ref.value == DEFAULT_TEMPLATE_NAME:
            return default_template_path()
        shipped = f"use 'template: {DEFAULT_TEMPLATE_NAME}' for the shipped template"
        path = brief_file(self.base, ref, "template", self.diags, hint=shipped)
        if path is None:
            return None
        if path.suffix.lower() not in (".pptx", ".potx"):
            self.diags.error(
                ref.loc,
                "bad-template",
                f"a template must be a .pptx or .potx file, got '{path.name}'",
                key=ref.key,
                span=len(ref.value),
            )
            return None
        profile = profile_path(path)
        if os.path.lexists(profile):
            try:
                read_text(profile, "profile")  # a FIFO, a device or bad text: the renderer reads it
            except FileProblem as exc:
                self.diags.add(file_problem(str(profile), exc))
                return None
        return path

    # -- addresses ---------------------------------------------------------------------------
    def passage(self, ref: Located) -> Passage | None:
        """What the address ``ref`` names; a bad one is reported the first time it is asked for."""
        if ref not in self.cited:
            self.cited[ref] = self._passage(ref)
        return self.cited[ref]

    def _passage(self, ref: Located) -> Passage | None:
        try:
            address = parse_address(ref.value)
        except AddressSyntaxError as exc:
            self.diags.error(
                Loc(ref.loc.path, ref.loc.line, ref.loc.col + exc.offset),
                "bad-address",
                f"malformed address {ref.value!r}: {exc.message}",
                hint=exc.hint,
                key=ref.key,
            )
            return None
        alias = address.article
        article_id = self.aliases.get(alias)
        if article_id is not None:
            self.used_aliases.add(alias)
            article: Article | None = self.articles[article_id]
        elif alias in {a.alias for a in self.brief.sources}:
            return None  # the alias itself is broken and already reported
        else:
            article = self.article(Located(alias, ref.loc, ref.key))
        if article is None:
            return None
        resolved = replace(address, article=article.id)
        try:
            return resolve_address(article, resolved)
        except AddressError as exc:
            offset = ref.value.find("#") + 1
            self.diags.error(
                Loc(ref.loc.path, ref.loc.line, ref.loc.col + max(offset, 0)),
                "unresolved-address",
                exc.message,
                hint=exc.hint,
                key=ref.key,
                span=max(1, len(ref.value) - offset),
            )
            return None

    # -- slides ------------------------------------------------------------------------------
    def slide(self, spec: SlideSpec) -> ResolvedSlide | None:
        """The slide with what its body refers to; None when something could not be resolved
        (the problem is reported, and no deck is made)."""
        passage = self.passage(spec.cite) if spec.cite is not None else None
        passages = [passage] if passage is not None else []
        body = spec.body
        for bullets in cited_bullets(body):
            self.bullets(bullets, passages)
        if spec.cite is None or passage is not None:
            self.grounding.extend(self.grounder.slide(spec, passage, self.passage))
        base = (spec, tuple(passages))
        match body:
            case QuoteBody():
                quote = self.quote(body.quote, passage) if passage is not None else None
                return ResolvedQuote(*base, body, passage, quote) if passage and quote is not None else None
            case ExcerptBody():
                return self.excerpt(spec, body, passage) if passage is not None else None
            case ImageBody():
                found = self.image(body.path)
                return ResolvedImage(*base, body, *found) if found is not None else None
            case ChartBody():
                dataset = self.charts.dataset(body.data, spec.loc, slide_key(spec.index))
                chart = self.charts.chart(body, dataset)
                if chart is None or dataset is None:
                    return None
                caption, notes = chart_text(spec, body, chart_figures(chart, dataset), self.diags)
                cited = self.evidence_articles(chart)
                return ResolvedChart(*base, body, chart, dataset, cited, caption, notes)
        return plain_slide(spec, tuple(passages), body)

    def evidence_articles(self, chart: ChartData) -> tuple[Article, ...]:
        out: dict[str, Article] = {}
        for record in chart.records:
            for ev in record.evidence:
                if isinstance(ev, SourceEvidence):
                    article_id = ev.address.split("#", 1)[0]
                    article = self.library.get(article_id)
                    if article is not None:
                        out.setdefault(article.id, article)
        return tuple(out.values())

    def bullets(self, bullets: tuple[BulletSpec, ...], out: list[Passage]) -> None:
        """Resolve every bullet's citation, adding each new passage to ``out`` in first-use order."""
        for b in bullets:
            if b.cite is not None:
                p = self.passage(b.cite)
                if p is not None and p not in out:
                    out.append(p)
            self.bullets(b.children, out)

    def quote(self, quote: Located, passage: Passage) -> str | None:
        for para in passage.paragraphs:
            span = locate(para.text, quote.value)
            if span is not None:
                return para.text[span[0] : span[1]]
        if self.marks_around(quote, passage):
            return None
        closest = quote_closest(passage.text, quote.value)
        self.diags.error(
            quote.loc,
            "quote-not-in-source",
            f"the quote is not in {passage.address} (compared ignoring quote styles, dashes and spacing)",
            hint=f"the closest passage there reads: \u201c{closest}\u201d",
            key=quote.key,
            span=len(quote.value),
        )
        return None

    def marks_around(self, quote: Located, passage: Passage) -> bool:
        """Report a quote that would be found without the quotation marks typed around it."""
        text = quote.value.strip()
        if len(text) < 3 or text[0] not in _OPENING_MARKS or text[-1] not in _CLOSING_MARKS:
            return False
        bare = text[1:-1].strip()
        if not any(locate(para.text, bare) for para in passage.paragraphs):
            return False
        self.diags.error(
            quote.loc,
            "quote-not-in-source",
            f"the outer {text[0]} {text[-1]} are not in {passage.address}; "
            "the slide adds its own quotation marks",
            hint=f"drop them: quote: {quoted(bare)}",
            key=quote.key,
            span=len(quote.value),
        )
        return True

    def excerpt(self, spec: SlideSpec, body: ExcerptBody, passage: Passage) -> ResolvedExcerpt | None:
        sentences = [s for para in passage.paragraphs for s in split_sentences(para.text)]
        before = len(self.diags.items)
        listing = "; ".join(f"{i}: {first_words(s, 5)}" for i, s in enumerate(sentences, 1))
        chosen: list[str] = []
        for number in body.sentences:
            if number > len(sentences):
                self.diags.error(
                    body.loc,
                    "no-such-sentence",
                    f"{passage.address} has {len(sentences)} sentences, not {number}",
                    hint=f"its sentences are {listing}",
                    key=f"{slide_key(spec.index)}.sentences",
                )
            else:
                chosen.append(sentences[number - 1])
        for match in body.matches:
            hits = [s for s in sentences if fold(match.value).lower() in fold(s).lower()]
            if not hits:
                self.diags.error(
                    match.loc,
                    "excerpt-not-found",
                    f"no sentence of {passage.address} contains {match.value!r}",
                    hint=f"its sentences are {listing}",
                    key=match.key,
                    span=len(match.value),
                )
            elif hits[0] not in chosen:
                chosen.append(hits[0])
        if any(d.is_error for d in self.diags.items[before:]):
            return None
        # Keep the article's order so an excerpt never reads out of sequence.
        picked = tuple(s for s in sentences if s in chosen)
        return ResolvedExcerpt(spec, (passage,), body, passage, picked, tuple(sentences))

    def image(self, ref: Located) -> tuple[Path, tuple[int, int]] | None:
        """The picture's path and pixel size, once it is known to be a PNG or JPEG that decodes."""
        path = brief_file(self.base, ref, "image", self.diags)
        if path is None:
            return None
        try:
            return path, read_picture(path)
        except FileProblem as exc:
            self.diags.error(
                ref.loc,
                exc.code,
                f"'{ref.value}': {exc.message}",
                hint=exc.hint,
                key=ref.key,
                span=len(ref.value),
            )
            return None
