"""Check every cross-reference of a brief: sources, addresses, quotes, excerpts, images, template."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from deckgen.brief.model import (
    Brief,
    BulletsBody,
    BulletSpec,
    ChartBody,
    ComparisonBody,
    ExcerptBody,
    ImageBody,
    Located,
    ObjectivesBody,
    QuoteBody,
    SlideSpec,
)
from deckgen.charts.model import ChartData
from deckgen.core.assets import DEFAULT_TEMPLATE_NAME, default_template_path, profile_path
from deckgen.core.errors import Collector, DeckgenError, Loc
from deckgen.core.suggest import did_you_mean
from deckgen.core.textnorm import first_words, fold, locate, split_sentences
from deckgen.dataset.model import Dataset, SourceEvidence
from deckgen.resolve.charts import ChartResolver, brief_file
from deckgen.sources import (
    AddressError,
    AddressSyntaxError,
    SourceLibrary,
    parse_address,
    quote_closest,
    resolve_address,
)
from deckgen.sources.model import Article, Passage

_IMAGE_MAGIC = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg"}


@dataclass(frozen=True)
class ResolvedSlide:
    spec: SlideSpec
    passages: tuple[Passage, ...]  # every passage the slide cites, in first-use order
    bullet_passages: tuple[tuple[str, Passage], ...] = ()  # (key path of bullet, passage)
    quote: str = ""  # the quote in the article's own wording
    sentences: tuple[str, ...] = ()  # excerpt sentences, verbatim
    image: Path | None = None
    chart: ChartData | None = None
    chart_articles: tuple[Article, ...] = ()  # articles that the chart's evidence quotes
    dataset: Dataset | None = None

    @property
    def articles(self) -> tuple[Article, ...]:
        """Every article this slide draws on, in first-use order."""
        out: dict[str, Article] = {}
        for p in self.passages:
            out.setdefault(p.article.id, p.article)
        for a in self.chart_articles:
            out.setdefault(a.id, a)
        return tuple(out.values())


@dataclass(frozen=True)
class ResolvedDeck:
    brief: Brief
    template: Path
    slides: tuple[ResolvedSlide, ...]
    articles: tuple[Article, ...]  # every article cited, in first-use order
    inputs: tuple[Path, ...] = ()  # every file the deck depends on, for incremental builds


def resolve(brief: Brief, *, sources_dir: Path | None = None) -> tuple[ResolvedDeck | None, Collector]:
    """Resolve a shape-checked brief; the collector holds every problem found."""
    return _Resolver(brief, sources_dir).run()


class _Resolver:
    def __init__(self, brief: Brief, sources_dir: Path | None) -> None:
        self.brief = brief
        self.base = Path(brief.path).parent
        self.library = SourceLibrary(sources_dir or self.base / "sources")
        self.diags = Collector()
        self.aliases: dict[str, str] = {}
        self.used_aliases: set[str] = set()
        self.articles: dict[str, Article] = {}
        self.charts = ChartResolver(brief, self.library, self.diags)

    def run(self) -> tuple[ResolvedDeck | None, Collector]:
        self.check_aliases()
        template = self.template()
        slides = tuple(self.slide(s) for s in self.brief.slides)
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
        cited: dict[str, Article] = {}
        for rs in slides:
            for article in rs.articles:
                cited.setdefault(article.id, article)
        inputs = {Path(self.brief.path).resolve(), template.resolve()}
        profile = profile_path(template)
        if profile.is_file():
            inputs.add(profile.resolve())
        inputs.update(a.path.resolve() for a in self.library.loaded())
        inputs.update(Path(d.path).resolve() for d in self.charts.loaded())
        inputs.update(rs.image for rs in slides if rs.image is not None)
        deck = ResolvedDeck(self.brief, template, slides, tuple(cited.values()), tuple(sorted(inputs)))
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
        return path

    # -- addresses ---------------------------------------------------------------------------
    def passage(self, ref: Located) -> Passage | None:
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
    def slide(self, spec: SlideSpec) -> ResolvedSlide:
        passages: list[Passage] = []
        slide_passage = self.passage(spec.cite) if spec.cite is not None else None
        if slide_passage is not None:
            passages.append(slide_passage)
        body = spec.body
        bullet_passages: list[tuple[str, Passage]] = []
        quote = ""
        sentences: tuple[str, ...] = ()
        image: Path | None = None
        dataset: Dataset | None = None
        chart: ChartData | None = None
        chart_articles: tuple[Article, ...] = ()
        if isinstance(body, ChartBody):
            dataset = self.charts.dataset(body.data, spec.loc, f"slides[{spec.index}]")
            chart = self.charts.chart(body, dataset)
            chart_articles = self.evidence_articles(chart) if chart else ()
        elif isinstance(body, BulletsBody):
            self.bullets(body.bullets, bullet_passages)
        elif isinstance(body, ObjectivesBody):
            self.bullets(body.objectives, bullet_passages)
        elif isinstance(body, ComparisonBody):
            self.bullets(body.left.bullets, bullet_passages)
            self.bullets(body.right.bullets, bullet_passages)
        elif isinstance(body, QuoteBody) and slide_passage is not None:
            quote = self.quote(body.quote, slide_passage)
        elif isinstance(body, ExcerptBody) and slide_passage is not None:
            sentences = self.excerpt(body, slide_passage, spec)
        elif isinstance(body, ImageBody):
            image = self.image(body.path)
        for _, p in bullet_passages:
            if p not in passages:
                passages.append(p)
        return ResolvedSlide(
            spec,
            tuple(passages),
            tuple(bullet_passages),
            quote,
            sentences,
            image,
            chart,
            chart_articles,
            dataset,
        )

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

    def bullets(self, bullets: tuple[BulletSpec, ...], out: list[tuple[str, Passage]]) -> None:
        for b in bullets:
            if b.cite is not None:
                p = self.passage(b.cite)
                if p is not None:
                    out.append((b.text.key, p))
            self.bullets(b.children, out)

    def quote(self, quote: Located, passage: Passage) -> str:
        for para in passage.paragraphs:
            span = locate(para.text, quote.value)
            if span is not None:
                return para.text[span[0] : span[1]]
        closest = quote_closest(passage.text, quote.value)
        self.diags.error(
            quote.loc,
            "quote-not-in-source",
            f"the quote is not in {passage.address} (compared ignoring quote styles, dashes and spacing)",
            hint=f"the closest passage there reads: \u201c{closest}\u201d",
            key=quote.key,
            span=len(quote.value),
        )
        return ""

    def excerpt(self, body: ExcerptBody, passage: Passage, spec: SlideSpec) -> tuple[str, ...]:
        sentences = [s for para in passage.paragraphs for s in split_sentences(para.text)]
        listing = "; ".join(f"{i}: {first_words(s, 5)}" for i, s in enumerate(sentences, 1))
        chosen: list[str] = []
        for number in body.sentences:
            if number > len(sentences):
                self.diags.error(
                    body.loc,
                    "no-such-sentence",
                    f"{passage.address} has {len(sentences)} sentences, not {number}",
                    hint=f"its sentences are {listing}",
                    key=f"slides[{spec.index}].sentences",
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
        # Keep the article's order so an excerpt never reads out of sequence.
        return tuple(s for s in sentences if s in chosen)

    def image(self, ref: Located) -> Path | None:
        path = brief_file(self.base, ref, "image", self.diags)
        if path is None:
            return None
        with path.open("rb") as fh:
            head = fh.read(8)
        if not any(head.startswith(magic) for magic in _IMAGE_MAGIC):
            self.diags.error(
                ref.loc,
                "bad-image",
                f"'{ref.value}' is not a PNG or JPEG picture",
                hint="export the picture as PNG (or JPEG for photographs)",
                key=ref.key,
                span=len(ref.value),
            )
            return None
        return path
