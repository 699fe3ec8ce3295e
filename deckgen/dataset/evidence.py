"""Checking a record's evidence: article addresses resolved, quotes found, external sources complete."""

from __future__ import annotations

import re
from dataclasses import replace

from yaml.nodes import MappingNode, Node, ScalarNode

from deckgen.core.errors import Collector, DeckgenError, Loc
from deckgen.core.suggest import did_you_mean
from deckgen.core.textnorm import locate
from deckgen.core.yamlnodes import MapReader, describe, node_loc
from deckgen.dataset.dates import DateError, parse_year_month
from deckgen.dataset.model import Evidence, ExternalEvidence, SourceEvidence
from deckgen.sources import (
    AddressError,
    AddressSyntaxError,
    SourceLibrary,
    parse_address,
    quote_closest,
    resolve_address,
)
from deckgen.sources.citation import passage_citation
from deckgen.sources.model import Article, Passage

EVIDENCE_KEYS = ("cite", "quote", "publisher", "title", "date", "url")
_ALIAS = re.compile(r"[a-z0-9][a-z0-9-]*")
_URL = re.compile(r"https?://\S+")


class EvidenceChecker:
    """Turns evidence items into verified ``Evidence``, reporting every problem to ``diags``.

    Call ``aliases`` once with the dataset's ``sources:`` mapping, ``evidence`` for each item,
    then ``finish`` to warn about aliases that no evidence used.
    """

    def __init__(self, *, library: SourceLibrary, path: str, diags: Collector) -> None:
        self.library = library
        self.path = path
        self.diags = diags
        self.aliases: dict[str, Article] = {}
        self.broken_aliases: set[str] = set()
        self.alias_nodes: dict[str, ScalarNode] = {}
        self.used_aliases: set[str] = set()
        self.articles: dict[str, Article] = {}

    # -- aliases ---------------------------------------------------------------------------
    def read_aliases(self, node: MappingNode) -> None:
        r = MapReader(node, path=self.path, where="sources", diags=self.diags)
        for entry in r.items():
            if not _ALIAS.fullmatch(entry.key):
                self.diags.error(
                    node_loc(self.path, entry.key_node),
                    "bad-alias",
                    f"source alias '{entry.key}' should use lowercase letters, digits and hyphens",
                    key=f"sources.{entry.key}",
                    span=len(entry.key),
                )
            value = r.text(entry.key, what="an article id")
            article = None
            if value is not None:
                article = self.article(value, node_loc(self.path, entry.value), key=f"sources.{entry.key}")
            if article is None:
                self.broken_aliases.add(entry.key)
                continue
            self.aliases[entry.key] = article
            self.alias_nodes[entry.key] = entry.key_node

    def finish(self) -> None:
        for alias, key_node in self.alias_nodes.items():
            if alias not in self.used_aliases:
                self.diags.warning(
                    node_loc(self.path, key_node),
                    "unused-source",
                    f"source '{alias}' is declared but no evidence cites it",
                    hint="cite it from a record's evidence or remove the line",
                    key=f"sources.{alias}",
                    span=len(alias),
                )

    def article(self, article_id: str, loc: Loc, *, key: str) -> Article | None:
        if article_id in self.articles:
            return self.articles[article_id]
        try:
            article = self.library.get(article_id)
        except DeckgenError as exc:
            self.diags.extend(exc.diagnostics)
            return None
        if article is None:
            known = self.library.ids()
            close = did_you_mean(article_id, known)
            hint = f"{close} " if close else ""
            self.diags.error(
                loc,
                "unknown-source",
                f"no source article '{article_id}' in {self.library.folder}",
                hint=hint
                + ("articles there: " + ", ".join(known) if known else "add it with `deckgen import`")
                + (f"; or declare '{article_id}:' under 'sources:'" if key.endswith(".cite") else ""),
                key=key,
                span=len(article_id),
            )
            return None
        self.articles[article_id] = article
        return article

    # -- evidence items ----------------------------------------------------------------------
    def evidence(self, node: Node, where: str) -> Evidence | None:
        if not isinstance(node, MappingNode):
            self.diags.error(
                node_loc(self.path, node),
                "wrong-type",
                f"evidence should be a mapping with 'cite:' and 'quote:', or 'publisher:', 'title:' "
                f"and 'date:', got {describe(node)}",
                key=where,
            )
            return None
        r = MapReader(node, path=self.path, where=where, diags=self.diags)
        found: Evidence | None
        if r.has("cite"):
            found = self.source(r)
        elif any(r.has(k) for k in ("publisher", "title", "date", "url")):
            found = self.external(r)
        else:
            self.diags.error(
                r.loc,
                "missing-key",
                f"{where} names no source",
                hint="give 'cite:' (an article address) and 'quote:', or 'publisher:', 'title:' "
                "and 'date:' for a source outside the library",
                key=where,
            )
            r.raw("quote")
            found = None
        r.finish(EVIDENCE_KEYS, context=f"in {where}")
        return found

    def source(self, r: MapReader) -> SourceEvidence | None:
        for key in ("publisher", "title", "date", "url"):
            if r.has(key):
                self.diags.error(
                    r.key_loc(key),
                    "mixed-evidence",
                    f"'{key}' belongs to external evidence, but this item cites an article",
                    hint="split it into two evidence items: one with 'cite:' and 'quote:', "
                    "one with 'publisher:', 'title:' and 'date:'",
                    key=f"{r.where}.{key}",
                    span=len(key),
                )
                r.raw(key)
        cite_node = r.raw("cite")
        assert cite_node is not None
        cite = r.text_of(cite_node, key="cite")
        quote_node = r.raw("quote")
        quote = r.text_of(quote_node, key="quote") if quote_node is not None else None
        if quote_node is None:
            r.missing("quote", "the exact words from the cited paragraph")
        elif quote is not None and not quote.strip():
            self.diags.error(
                node_loc(self.path, quote_node),
                "empty-quote",
                "the quote is empty",
                hint="copy the words the record relies on from the cited paragraph",
                key=f"{r.where}.quote",
            )
            quote = None
        passage = self.passage(cite, cite_node, key=f"{r.where}.cite") if cite is not None else None
        if passage is None or quote is None or quote_node is None:
            return None
        for para in passage.paragraphs:
            span = locate(para.text, quote)
            if span is not None:
                # Keep the article's own punctuation, whatever quote marks the YAML used.
                return SourceEvidence(
                    address=str(passage.address),
                    quote=para.text[span[0] : span[1]],
                    citation=passage_citation(passage),
                )
        closest = quote_closest(passage.text, quote)
        self.diags.error(
            node_loc(self.path, quote_node),
            "quote-not-in-source",
            f"the quote is not in {passage.address} (compared ignoring quote styles, dashes and spacing)",
            hint=f"the closest passage there reads: \u201c{closest}\u201d",
            key=f"{r.where}.quote",
            span=len(quote),
        )
        return None

    def passage(self, cite: str, node: Node, *, key: str) -> Passage | None:
        loc = node_loc(self.path, node)
        if isinstance(node, ScalarNode) and node.style in ("'", '"'):
            loc = Loc(loc.path, loc.line, loc.col + 1)  # point past the opening quote mark
        try:
            address = parse_address(cite)
        except AddressSyntaxError as exc:
            self.diags.error(
                Loc(loc.path, loc.line, loc.col + exc.offset),
                "bad-address",
                f"malformed address {cite!r}: {exc.message}",
                hint=exc.hint,
                key=key,
            )
            return None
        alias = address.article
        if alias in self.aliases:
            self.used_aliases.add(alias)
            article: Article | None = self.aliases[alias]
        elif alias in self.broken_aliases:
            return None  # the alias itself is broken and already reported
        else:
            article = self.article(alias, loc, key=key)
        if article is None:
            return None
        try:
            return resolve_address(article, replace(address, article=article.id))
        except AddressError as exc:
            offset = cite.find("#") + 1
            self.diags.error(
                Loc(loc.path, loc.line, loc.col + offset),
                "unresolved-address",
                exc.message,
                hint=exc.hint,
                key=key,
                span=max(1, len(cite) - offset),
            )
            return None

    def external(self, r: MapReader) -> ExternalEvidence | None:
        publisher = self.required_text(r, "publisher", "who published it, e.g. IISS")
        title = self.required_text(r, "title", "the title of the publication")
        date_text = r.text("date", required=True, what="when it was published, as YYYY or YYYY-MM")
        date = None
        if date_text is not None:
            try:
                date = parse_year_month(date_text)
            except DateError as exc:
                self.diags.error(
                    r.value_loc("date"),
                    "bad-date",
                    f"'{r.where}.date' should be a year or a year and month: {exc.message}",
                    hint=exc.hint,
                    key=f"{r.where}.date",
                    span=len(date_text),
                )
        url = r.text("url")
        if url is not None and not _URL.fullmatch(url):
            self.diags.error(
                r.value_loc("url"),
                "bad-url",
                f"'{url}' is not a web address",
                hint="give the full address starting with https:// (or leave 'url' out)",
                key=f"{r.where}.url",
                span=max(1, len(url)),
            )
            url = None
        quote = r.text("quote")
        if publisher is None or title is None or date is None:
            return None
        return ExternalEvidence(publisher, title, date, url or None, quote or None)

    def required_text(self, r: MapReader, key: str, what: str) -> str | None:
        value = r.text(key, required=True, what=what)
        if value is not None and not value.strip():
            self.diags.error(
                r.value_loc(key),
                "empty-value",
                f"'{r.where}.{key}' is empty",
                hint=f"write {what}",
                key=f"{r.where}.{key}",
            )
            return None
        return value
