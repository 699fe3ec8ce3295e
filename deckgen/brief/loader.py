"""Brief YAML → a typed, located ``Brief``, reporting every shape problem in one pass."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from yaml.nodes import MappingNode, Node

from deckgen.brief.bodies import BodyParser
from deckgen.brief.model import (
    AgendaBody,
    Brief,
    BulletsBody,
    ClosingBody,
    ComparisonBody,
    DataAlias,
    DeckSpec,
    ImageBody,
    Located,
    QuoteBody,
    SectionBody,
    SlideBody,
    SlideKind,
    SlideSpec,
    SourceAlias,
    SourcesBody,
    TitleBody,
)
from deckgen.brief.teaching import TEACHING_KINDS, check_timing, teaching_body
from deckgen.core.errors import Collector, Loc
from deckgen.core.suggest import did_you_mean
from deckgen.core.yamlnodes import MapReader, describe, read_yaml

TOP_KEYS = ("deck", "sources", "data", "slides")
DECK_KEYS = (
    "title",
    "subtitle",
    "audience",
    "presenter",
    "date",
    "marking",
    "template",
    "language",
    "layouts",
)
# The layout roles a brief may map to its template's layout names (as in a template profile).
LAYOUT_ROLES = ("title", "section", "content", "two-column", "title-only")
COMMON_SLIDE_KEYS = ("kind", "title", "notes", "handout", "cite")
KIND_KEYS: dict[SlideKind, tuple[str, ...]] = {
    SlideKind.TITLE: (),
    SlideKind.AGENDA: (),
    SlideKind.SECTION: ("text", "minutes"),
    SlideKind.BULLETS: ("bullets",),
    SlideKind.QUOTE: ("quote", "context"),
    SlideKind.EXCERPT: ("sentences", "match", "intro"),
    SlideKind.COMPARISON: ("left", "right"),
    SlideKind.IMAGE: ("image", "alt", "caption"),
    SlideKind.TAKEAWAYS: ("bullets",),
    SlideKind.CLOSING: ("text",),
    SlideKind.SOURCES: (),
    SlideKind.CHART: ("chart", "data", "filter", "render", "caption", "highlight", "annotate"),
    SlideKind.OBJECTIVES: ("objectives", "lead"),
    SlideKind.DISCUSSION: ("questions", "facilitator", "minutes"),
    SlideKind.CHECK: ("question", "choices", "answer", "explanation", "reveal"),
    SlideKind.SCENARIO: ("situation", "tasks", "facilitator", "minutes"),
    SlideKind.TIMING: (),
}
# Kinds whose title may be left out, and what it becomes. The title kind takes the deck title.
DEFAULT_TITLES: dict[SlideKind, str] = {
    SlideKind.AGENDA: "Agenda",
    SlideKind.TAKEAWAYS: "Key takeaways",
    SlideKind.CLOSING: "Questions",
    SlideKind.SOURCES: "Sources",
    SlideKind.OBJECTIVES: "Learning objectives",
    SlideKind.TIMING: "Timing plan",
}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ALIAS = re.compile(r"[a-z0-9][a-z0-9-]*")


def _is_date(text: str) -> bool:
    """YYYY-MM-DD and a real day (2022-02-30 is not)."""
    if not _DATE.fullmatch(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def load_brief(path: Path) -> tuple[Brief | None, Collector]:
    """Read and shape-check a brief; the collector holds every problem (and warnings)."""
    diags = Collector()
    hint = "a brief needs 'deck:' and 'slides:'; see briefs/ for examples"
    root = read_yaml(path, diags, what="brief", empty_hint=hint)
    if root is None:
        return None, diags
    return _Parser(str(path), diags).brief(root, name=path.stem), diags


def parse_brief(path: Path) -> Brief:
    """Like ``load_brief`` but raises ``DeckgenError`` on any error."""
    brief, diags = load_brief(path)
    diags.raise_if_errors()
    assert brief is not None
    return brief


class _Parser(BodyParser):
    def brief(self, root: Node, *, name: str) -> Brief | None:
        if not isinstance(root, MappingNode):
            self.diags.error(
                self.loc(root),
                "wrong-type",
                f"a brief should be a mapping with 'deck:' and 'slides:', got {describe(root)}",
            )
            return None
        top = self.reader(root, "")
        deck_node = top.mapping("deck", required=True, what="title, marking and other deck settings")
        deck = self.deck(deck_node) if deck_node is not None else None
        sources = self.sources(top)
        data = self.data(top)
        slide_nodes = top.sequence("slides", required=True, what="the list of slides")
        slides = self.slides(slide_nodes) if slide_nodes is not None else ()
        top.finish(TOP_KEYS, context="at the top level")
        if deck is None:
            return None
        return Brief(path=self.path, name=name, deck=deck, sources=sources, slides=slides, data=data)

    def deck(self, node: MappingNode) -> DeckSpec | None:
        r = self.reader(node, "deck")
        title = r.text("title", required=True, what="the deck title")
        marking = r.text("marking", required=True, what="the handling marking shown on every slide")
        if marking is not None and not marking.strip():
            r.diags.error(
                r.value_loc("marking"),
                "empty-marking",
                "the marking is empty",
                hint="write the handling marking, for example 'NATO UNCLASSIFIED - for training'",
                key="deck.marking",
            )
        date = r.text("date") or ""
        if date and not _is_date(date):
            self.diags.error(
                r.value_loc("date"),
                "bad-date",
                f"'deck.date' should be a date like 2022-06-28, got {date!r}",
                hint="write the date as YYYY-MM-DD",
                key="deck.date",
                span=len(date),
            )
        template_node = r.raw("template")
        template = None
        if template_node is not None:
            value = r.text_of(template_node, key="template")
            if value is not None:
                template = Located(value, self.loc(template_node), "deck.template")
        deck = DeckSpec(
            title=title or "",
            subtitle=r.text("subtitle") or "",
            audience=r.text("audience") or "",
            presenter=r.text("presenter") or "",
            date=date,
            marking=marking or "",
            template=template,
            language=r.text("language") or "en-GB",
            layouts=self.layouts(r),
        )
        r.finish(DECK_KEYS, context="in 'deck'")
        return deck if title is not None else None

    def layouts(self, deck: MapReader) -> tuple[tuple[str, Located], ...]:
        """``layouts: {content: "Text"}``: which of the template's layouts serves each role."""
        node = deck.mapping("layouts")
        if node is None:
            return ()
        r = self.reader(node, "deck.layouts")
        out = []
        for role in LAYOUT_ROLES:
            name = self.located(r, role)
            if name is not None:
                out.append((role, name))
        r.finish(LAYOUT_ROLES, context="in 'layouts'")
        return tuple(out)

    def sources(self, top: MapReader) -> tuple[SourceAlias, ...]:
        node = top.mapping("sources")
        if node is None:
            return ()
        r = self.reader(node, "sources")
        out: list[SourceAlias] = []
        for entry in r.items():
            if not _ALIAS.fullmatch(entry.key):
                self.diags.error(
                    self.loc(entry.key_node),
                    "bad-alias",
                    f"source alias '{entry.key}' should use lowercase letters, digits and hyphens",
                    key=f"sources.{entry.key}",
                    span=len(entry.key),
                )
            value = r.text(entry.key, what="an article id")
            if value is not None:
                out.append(
                    SourceAlias(entry.key, Located(value, self.loc(entry.value), f"sources.{entry.key}"))
                )
        return tuple(out)

    def data(self, top: MapReader) -> tuple[DataAlias, ...]:
        node = top.mapping("data")
        if node is None:
            return ()
        r = self.reader(node, "data")
        out: list[DataAlias] = []
        for entry in r.items():
            value = self.located(r, entry.key)
            if value is not None:
                out.append(DataAlias(entry.key, value))
        return tuple(out)

    def slides(self, nodes: list[Node]) -> tuple[SlideSpec, ...]:
        out: list[SlideSpec] = []
        for index, node in enumerate(nodes):
            slide = self.slide(index, node)
            if slide is not None:
                out.append(slide)
        check_timing(tuple(out), self.diags)
        if not nodes:
            self.diags.error(
                Loc(self.path, 1, 1), "no-slides", "the brief has no slides", hint="add items under 'slides:'"
            )
        return tuple(out)

    def slide(self, index: int, node: Node) -> SlideSpec | None:
        where = f"slides[{index}]"
        if not isinstance(node, MappingNode):
            self.diags.error(
                self.loc(node),
                "wrong-type",
                f"each slide should be a mapping starting with 'kind:', got {describe(node)}",
                key=where,
            )
            return None
        r = self.reader(node, where)
        kind_text = r.text("kind", required=True, what="the slide kind")
        if kind_text is None:
            r.finish(COMMON_SLIDE_KEYS + tuple(k for keys in KIND_KEYS.values() for k in keys))
            return None
        try:
            kind = SlideKind(kind_text)
        except ValueError:
            names = [k.value for k in SlideKind]
            close = did_you_mean(kind_text, names)
            hint = f"{close} " if close else ""
            self.diags.error(
                r.value_loc("kind"),
                "unknown-kind",
                f"unknown slide kind '{kind_text}'",
                hint=hint + "slide kinds are: " + ", ".join(names),
                key=f"{where}.kind",
                span=len(kind_text),
            )
            r.finish(COMMON_SLIDE_KEYS + tuple(k for keys in KIND_KEYS.values() for k in keys))
            return None
        needs_title = kind not in DEFAULT_TITLES and kind is not SlideKind.TITLE
        title = r.text("title", required=needs_title, what="the slide title")
        notes = r.text("notes") or ""
        handout = r.text("handout") or ""
        cite = self.located(r, "cite")
        body = self.body(kind, r, where)
        if kind in (SlideKind.QUOTE, SlideKind.EXCERPT) and cite is None and not r.has("cite"):
            r.missing("cite", "the address of the paragraph it comes from, e.g. su#sahel/p1")
        r.finish(COMMON_SLIDE_KEYS + KIND_KEYS[kind], context=f"on a '{kind.value}' slide")
        if body is None:
            return None
        return SlideSpec(index, kind, self.loc(node), title, notes, cite, body, handout)

    def body(self, kind: SlideKind, r: MapReader, where: str) -> SlideBody | None:
        if kind is SlideKind.TITLE:
            return TitleBody()
        if kind is SlideKind.AGENDA:
            return AgendaBody()
        if kind is SlideKind.SOURCES:
            return SourcesBody()
        if kind is SlideKind.SECTION:
            return SectionBody(r.text("text") or "", self.minutes(r))
        if kind in TEACHING_KINDS:
            return teaching_body(self, kind, r)
        if kind is SlideKind.CLOSING:
            return ClosingBody(r.text("text") or "")
        if kind in (SlideKind.BULLETS, SlideKind.TAKEAWAYS):
            items = r.sequence("bullets", required=True, what="the list of bullet points")
            return (
                BulletsBody(self.bullets(items or [], f"{where}.bullets", depth=0))
                if items is not None
                else None
            )
        if kind is SlideKind.QUOTE:
            quote = self.located(r, "quote")
            if quote is None and not r.has("quote"):
                r.missing("quote", "the exact words from the cited paragraph")
            context = r.text("context") or ""
            return QuoteBody(quote, context) if quote is not None else None
        if kind is SlideKind.EXCERPT:
            return self.excerpt(r)
        if kind is SlideKind.CHART:
            return self.chart(r)
        if kind is SlideKind.COMPARISON:
            left = self.column(r, "left", where)
            right = self.column(r, "right", where)
            return ComparisonBody(left, right) if left is not None and right is not None else None
        if kind is SlideKind.IMAGE:
            image = self.located(r, "image")
            if image is None and not r.has("image"):
                r.missing("image", "the picture's path, relative to the brief")
            alt = r.text("alt", required=True, what="alt text describing the picture for screen readers")
            if alt is not None and not alt.strip():
                self.diags.error(
                    r.value_loc("alt"),
                    "empty-alt",
                    "the alt text is empty",
                    hint="describe what the picture shows in one sentence",
                    key=f"{where}.alt",
                )
            caption = r.text("caption") or ""
            if image is None or alt is None:
                return None
            return ImageBody(image, alt, caption)
        raise AssertionError(kind)
