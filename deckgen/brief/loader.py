"""Brief YAML → a typed, located ``Brief``, reporting every shape problem in one pass."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode

from deckgen.brief.bodies import BodyParser
from deckgen.brief.builders import build_body
from deckgen.brief.fields import (
    ALL_SLIDE_KEYS,
    COMMON_FIELDS,
    COMMON_KEYS,
    DEFAULT_TITLES,
    KIND_KEYS,
    KINDS,
    reading_fields,
)
from deckgen.brief.fieldtypes import BULLET
from deckgen.brief.model import (
    Brief,
    BulletSpec,
    DataAlias,
    DeckSpec,
    Located,
    SlideKind,
    SlideSpec,
    SourceAlias,
)
from deckgen.brief.placeholders import report_placeholders
from deckgen.brief.teaching import check_timing
from deckgen.core.config import Project, find_project
from deckgen.core.errors import Collector, DeckgenError, Loc
from deckgen.core.slidenames import slide_key, slide_name
from deckgen.core.suggest import did_you_mean
from deckgen.core.yamlnodes import MapReader, describe, read_yaml_lines
from deckgen.core.yamltraps import text_with_colon

PROPERTY_LIMIT = 255  # characters a document property holds (title, author, subject, language)
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
    "as-of",
)
# The layout roles a brief may map to its template's layout names (as in a template profile).
LAYOUT_ROLES = ("title", "section", "content", "two-column", "title-only")
# The slide keys live in deckgen.brief.fields; these names stay for the modules that import them.
COMMON_SLIDE_KEYS = COMMON_KEYS
__all__ = [
    "COMMON_SLIDE_KEYS",
    "DECK_KEYS",
    "DEFAULT_TITLES",
    "KIND_KEYS",
    "LAYOUT_ROLES",
    "TOP_KEYS",
    "load_brief",
    "parse_brief",
]
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ALIAS = re.compile(r"[a-z0-9][a-z0-9-]*")
_BULLET_AT = re.compile(r"bullets\[([0-9]+)\]")


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
    root, lines = read_yaml_lines(path, diags, what="brief", empty_hint=hint)
    if root is None:
        return None, diags
    report_placeholders(root, str(path), diags, lines)  # text `deckgen new` left to write
    parser = _Parser(str(path), diags, _project(path, diags))
    parser.lines = lines
    return parser.brief(root, name=path.stem), diags


def _project(path: Path, diags: Collector) -> Project:
    """The project configuration over the brief; its problems are the brief's problems."""
    try:
        return find_project(path)
    except DeckgenError as exc:
        diags.extend(exc.diagnostics)
        return Project(root=path.parent)


def parse_brief(path: Path) -> Brief:
    """Like ``load_brief`` but raises ``DeckgenError`` on any error."""
    brief, diags = load_brief(path)
    diags.raise_if_errors()
    assert brief is not None
    return brief


def _place(rest: str, slide: str) -> str:
    """A place inside a slide in words, from its key path after the slide's part:
    ``bullets[2].bullets[1]`` -> 'bullet 2.1 on slide 3 "Title"'."""
    parts: list[str] = []
    numbers: list[str] = []
    for part in rest.split("."):
        if found := _BULLET_AT.fullmatch(part):
            numbers.append(found.group(1))
            continue
        if numbers:
            parts.append("bullet " + ".".join(numbers))
            numbers = []
        parts.append(f"'{part}'")
    if numbers:
        parts.append("bullet " + ".".join(numbers))
    return " in ".join(reversed(parts)) + " on " + slide


def _raw_title(node: MappingNode) -> str | None:
    """The slide's title as written, or its kind's default title, before the slide is read."""
    found = {k.value: v for k, v in node.value if isinstance(k, ScalarNode) and isinstance(v, ScalarNode)}
    if "title" in found and str(found["title"].value).strip():
        return str(found["title"].value)
    kind = found["kind"].value if "kind" in found else None
    return DEFAULT_TITLES.get(SlideKind(kind)) if kind in KINDS else None


class _Parser(BodyParser):
    def reader(self, node: MappingNode, where: str) -> MapReader:
        """A reader whose messages name the slide by number and title, and can quote lines."""
        slide, _, rest = where.partition(".")
        label = self.names.get(slide)
        if label is not None and rest:
            label = _place(rest, label)
        return MapReader(node, path=self.path, where=where, diags=self.diags, label=label, lines=self.lines)

    def bullet(self, node: MappingNode, key: str, depth: int) -> BulletSpec | None:
        """A bullet; ``- Allies: France and Italy`` is text with ': ' to quote, not a mapping."""
        trap = text_with_colon(node, self.lines)
        if trap is None or node.value[0][0].value in BULLET.keys:
            return super().bullet(node, key, depth)
        loc = Loc(self.path, trap.line, trap.col)
        self.diags.error(loc, trap.code, trap.message, hint=trap.hint, key=key, span=trap.span)
        return None

    def __init__(self, path: str, diags: Collector, project: Project) -> None:
        super().__init__(path, diags)
        self.project = project  # its template and marking apply where the brief gives none
        self.lines: list[str] = []  # the brief's lines, for advice that quotes a line as it should be
        self.names: dict[str, str] = {}  # a slide's key -> its name in messages

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
        return Brief(
            path=self.path,
            name=name,
            deck=deck,
            sources=sources,
            slides=slides,
            data=data,
            project=self.project,
        )

    def deck(self, node: MappingNode) -> DeckSpec | None:
        r = self.reader(node, "deck")
        title = r.text("title", required=True, what="the deck title")
        default_marking = self.project.marking
        what = "the handling marking shown on every slide"
        marking = r.text("marking", required=default_marking is None, what=what)
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
            marking=marking if marking is not None else default_marking or "",
            template=template or self.project_template(),
            language=r.text("language") or "en-GB",
            layouts=self.layouts(r),
            as_of=self.located(r, "as-of"),
        )
        self.property_lengths(r, deck)
        r.finish(DECK_KEYS, context="in 'deck'")
        return deck if title is not None else None

    def project_template(self) -> Located | None:
        """The project's default template, located at its line in the configuration file."""
        loc = self.project.origin_of("template")
        if self.project.template is None or loc is None:
            return None
        return Located(self.project.template, loc, "template")

    def property_lengths(self, r: MapReader, deck: DeckSpec) -> None:
        """The deck's title, presenter, audience and language are also the file's properties,
        which hold at most 255 characters (python-pptx refuses more, PowerPoint cuts them)."""
        for key, value in (
            ("title", deck.title),
            ("presenter", deck.presenter),
            ("audience", deck.audience),
            ("language", deck.language),
        ):
            if len(value) > PROPERTY_LIMIT:
                r.diags.error(
                    r.value_loc(key),
                    "text-too-long",
                    f"'deck.{key}' is {len(value):,} characters; the file's properties hold {PROPERTY_LIMIT}",
                    hint="shorten it; a longer description belongs in the subtitle or the notes",
                    key=f"deck.{key}",
                )

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
        where = slide_key(index)
        if not isinstance(node, MappingNode):
            self.diags.error(
                self.loc(node),
                "wrong-type",
                f"slide {index + 1} should be a mapping starting with 'kind:', got {describe(node)}",
                key=where,
            )
            return None
        self.names[where] = slide_name(index, _raw_title(node))
        r = self.reader(node, where)
        kind = self.kind(r, where)
        if kind is None:
            r.finish(ALL_SLIDE_KEYS)
            return None
        values = self.read(r, reading_fields(kind), one_of=KINDS[kind].one_of)
        body = build_body(kind, values)
        r.finish(COMMON_KEYS + KIND_KEYS[kind], context=f"on a '{kind.value}' slide")
        if body is None:
            return None
        title, notes, handout = values.maybe_text("title"), values.text("notes"), values.text("handout")
        return SlideSpec(
            index,
            kind,
            self.loc(node),
            title,
            notes,
            values.located("cite"),
            body,
            handout,
            claims=tuple(values.claims),
            synthesis=values.boolean("synthesis"),
            notes_at=written.loc if (written := values.located("notes")) is not None else None,
        )

    def kind(self, r: MapReader, where: str) -> SlideKind | None:
        """The slide's kind, or ``None`` when it is missing or unknown (reported)."""
        field = COMMON_FIELDS[0]
        kind_text = r.text(field.key, required=True, what=field.help)
        if kind_text is None:
            return None
        if kind_text in field.choice_values:
            return SlideKind(kind_text)
        close = did_you_mean(kind_text, field.choice_values)
        self.diags.error(
            r.value_loc(field.key),
            "unknown-kind",
            f"unknown slide kind '{kind_text}'",
            hint=(f"{close} " if close else "") + "slide kinds are: " + ", ".join(field.choice_values),
            key=f"{where}.kind",
            span=len(kind_text),
        )
        return None
