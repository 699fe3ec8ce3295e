"""Article source files: Markdown with YAML front matter, read into sections and numbered paragraphs."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from deckgen.errors import Collector, DeckgenError, Diagnostic, Loc
from deckgen.sources.address import is_valid_id, looks_like_paragraphs
from deckgen.sources.model import Article, Author, Paragraph, PubDate, Section
from deckgen.textnorm import sanitize

REQUIRED_KEYS = ("title", "authors", "publication", "date", "attribution")
# In the order a person writes them, so "the keys are ..." hints read naturally. The importer
# fills image_caption and image_credit from a photo caption; Article does not carry them (yet).
KNOWN_KEYS: tuple[str, ...] = ("id", "title", "standfirst", "authors", "publication", "date", "url")
KNOWN_KEYS += ("attribution", "image_caption", "image_credit")
AUTHOR_KEYS = ("name", "bio")
INTRO_ID = "intro"
INTRO_TITLE = "Introduction"

_MISSING_HINTS = {
    "title": "add `title: ...` with the headline as published",
    "authors": "add `authors:` followed by `- name: ...` lines (each may have a `bio: ...`)",
    "publication": "add `publication: ...`, e.g. `publication: Foreign Policy`",
    "date": "add `date: YYYY-MM-DD` (or `YYYY-MM`, or `YYYY` when only the year is known)",
    "attribution": "add `attribution: ...` saying where the text comes from and who holds the rights",
}
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_DATE_HINT = "write it as YYYY, YYYY-MM or YYYY-MM-DD, e.g. `date: 2022-05`"
_HEADING = re.compile(r"(#{1,6})(?:[ \t]+(.*?))?[ \t]*")
_EXPLICIT_ID = re.compile(r"[ \t]*\{#([^}]*)\}$")


def load_article(path: Path) -> Article:
    """Read one article file; every problem in it is raised together as one DeckgenError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problem = Diagnostic(Loc(str(path)), "source-not-found", f"no article file at {path}")
        raise DeckgenError((problem,)) from None
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        hint = "save it as UTF-8 (most editors offer this under 'Save as' or 'Encoding')"
        problem = Diagnostic(Loc(str(path), line, 1), "source-not-utf8", "the file is not UTF-8 text", hint)
        raise DeckgenError((problem,)) from None
    return parse_article(text, path=path)


def parse_article(text: str, *, path: Path) -> Article:
    """Parse the text of an article file; ``path`` names it in diagnostics and gives the default id."""
    diags = Collector()
    article = _Parser(text, path, diags).article()
    diags.raise_if_errors()
    assert article is not None  # no errors means every part was read
    return article


def slugify(title: str) -> str:
    """The section id a heading gets without an explicit ``{#id}``: lowercase ascii and hyphens."""
    title = title.replace("'", "").replace("\u2019", "")  # "Russia's" -> "russias", not "russia-s"
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass
class _Draft:
    """A section while its paragraphs are still being read."""

    id: str
    title: str
    line: int
    col: int = 1
    span: int = 1
    paragraphs: list[tuple[str, int]] = field(default_factory=list)


class _Parser:
    def __init__(self, text: str, path: Path, diags: Collector) -> None:
        text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        self.lines = text.split("\n")
        self.path = path
        self.where = str(path)
        self.diags = diags

    def loc(self, line: int, col: int = 1) -> Loc:
        return Loc(self.where, line, col)

    def node_loc(self, node: Node) -> Loc:
        # The YAML text starts on the file's second line, after the opening '---'.
        return self.loc(node.start_mark.line + 2, node.start_mark.column + 1)

    def span(self, node: Node) -> int:
        start, end = node.start_mark, node.end_mark
        return max(1, end.column - start.column) if start.line == end.line else 1

    # -- the whole file ------------------------------------------------------------------------
    def article(self) -> Article | None:
        if not self.lines or self.lines[0].rstrip() != "---":
            self.diags.error(
                self.loc(1),
                "source-no-front-matter",
                "the article file does not start with front matter",
                hint="begin with a line '---', then `title:`, `authors:`, `publication:`, `date:` "
                "and `attribution:`, then another line '---'",
            )
            return None
        close = next((i for i in range(1, len(self.lines)) if self.lines[i].rstrip() == "---"), None)
        if close is None:
            self.diags.error(
                self.loc(1),
                "source-unclosed-front-matter",
                "the front matter opened on line 1 is never closed",
                hint="end the front matter with a line '---' before the article text",
            )
            return None
        keys = self.front_matter("\n".join(self.lines[1:close]))
        sections = self.body(close + 1)
        return self.metadata(keys, close + 1, sections)

    # -- front matter --------------------------------------------------------------------------
    def front_matter(self, yaml_text: str) -> dict[str, tuple[Node, Node]] | None:
        """The known keys with their nodes; None when the YAML cannot be read at all."""
        try:
            root = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            # An unclosed quote or bracket fails at the end of the text; where it opened is more useful.
            at_end = "end of stream" in (exc.problem or "")
            mark = (exc.context_mark if at_end else None) or exc.problem_mark or exc.context_mark
            line, col = (mark.line + 2, mark.column + 1) if mark else (2, 1)
            what = " ".join(part for part in (exc.problem, exc.context if at_end else None) if part)
            self.diags.error(
                self.loc(line, col),
                "yaml-syntax",
                f"the front matter is not valid YAML: {what}",
                hint="put a value in quotes when it contains ': ' or ' #', "
                "or starts with a quote, '[', '{', '&', '*', '!', '|' or '>'",
            )
            return None
        if root is None:
            return {}
        if not isinstance(root, MappingNode):
            self.diags.error(
                self.node_loc(root),
                "source-bad-front-matter",
                "the front matter must be `key: value` lines",
                hint=f"the keys are {', '.join(KNOWN_KEYS)}",
            )
            return {}
        return self.mapping(root, KNOWN_KEYS, "the front matter")

    def mapping(self, node: MappingNode, known: tuple[str, ...], what: str) -> dict[str, tuple[Node, Node]]:
        found: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str) or key not in known:
                shown = key if isinstance(key, str) else "a non-text key"
                close = difflib.get_close_matches(str(key).lower(), known, n=1, cutoff=0.6)
                self.diags.error(
                    self.node_loc(key_node),
                    "source-unknown-key",
                    f"unknown key '{shown}' in {what}",
                    hint=f"did you mean '{close[0]}'?" if close else f"the keys are {', '.join(known)}",
                    span=self.span(key_node),
                )
            elif key in found:
                first = found[key][0].start_mark.line + 2
                self.diags.error(
                    self.node_loc(key_node),
                    "source-duplicate-key",
                    f"'{key}' is given twice in {what}",
                    hint=f"it is first set on line {first}; keep one of them",
                    span=len(key),
                )
            else:
                found[key] = (key_node, value_node)
        return found

    def metadata(
        self, keys: dict[str, tuple[Node, Node]] | None, close_line: int, sections: tuple[Section, ...] | None
    ) -> Article | None:
        """Check the front matter and build the Article; None once anything in the file is wrong."""
        if keys is None:  # a YAML syntax error: which keys are missing is unknowable
            return None
        for key in REQUIRED_KEYS:
            if key not in keys:
                self.diags.error(
                    self.loc(close_line),
                    "source-missing-key",
                    f"the front matter has no '{key}'",
                    hint=_MISSING_HINTS[key] + " before this line",
                )
        text = {
            k: self.text(k, keys[k], required=k in REQUIRED_KEYS)
            for k in keys
            if k not in ("authors", "date")
        }
        article_id = text.get("id") or self.path.stem
        if not is_valid_id(article_id):
            where = self.node_loc(keys["id"][1]) if "id" in keys else self.loc(1)
            self.diags.error(
                where,
                "source-bad-id",
                f"'{article_id}' cannot be an article id",
                hint="ids use only a-z, 0-9 and '-' and start with a letter or digit; "
                + ("change `id:`" if "id" in keys else "rename the file or add `id: ...`"),
            )
        authors = self.authors(*keys["authors"]) if "authors" in keys else ()
        date = self.date(keys["date"][1]) if "date" in keys else None
        title, publication, attribution = text.get("title"), text.get("publication"), text.get("attribution")
        if self.diags.has_errors or sections is None or date is None:
            return None
        assert title is not None and publication is not None and attribution is not None
        return Article(
            id=article_id,
            path=self.path,
            title=title,
            authors=authors,
            publication=publication,
            date=date,
            url=text.get("url"),
            attribution=attribution,
            standfirst=text.get("standfirst"),
            sections=sections,
        )

    def text(self, key: str, pair: tuple[Node, Node], *, required: bool) -> str | None:
        key_node, node = pair
        if not isinstance(node, ScalarNode):
            kind = "a list" if isinstance(node, SequenceNode) else "a mapping"
            self.diags.error(
                self.node_loc(node),
                "source-bad-type",
                f"'{key}' should be text, got {kind}",
                hint="write it on the same line after the colon, in quotes if it contains ': '",
            )
            return None
        # The raw scalar, so that `title: No` stays the word "No" and `id: 2022` stays text.
        value = sanitize(node.value).strip()
        if value and not node.tag.endswith(":null"):
            return value
        if required:
            self.diags.error(
                self.node_loc(key_node),
                "source-empty-value",
                f"'{key}' is empty",
                hint=_MISSING_HINTS.get(key, f"give '{key}' a value or remove the line"),
                span=len(key),
            )
        return None

    def date(self, node: Node) -> PubDate | None:
        raw = node.value.strip() if isinstance(node, ScalarNode) else ""
        match = _DATE.fullmatch(raw)
        if match is None:
            self.diags.error(
                self.node_loc(node),
                "source-bad-date",
                f"'{raw}' is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD"
                if raw
                else "the date is empty",
                hint=_date_hint(raw),
                span=self.span(node),
            )
            return None
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        try:
            dt.date(year, month or 1, day or 1)
        except ValueError:
            self.diags.error(
                self.node_loc(node),
                "source-bad-date",
                f"the date '{raw}' does not exist",
                hint=_DATE_HINT,
                span=self.span(node),
            )
            return None
        return PubDate(year, month, day)

    def authors(self, key_node: Node, node: Node) -> tuple[Author, ...]:
        entry_hint = "write each author as `- name: Liana Fix` with an optional `bio: ...` under it"
        if not isinstance(node, SequenceNode) or not node.value:
            # An empty `authors:` parses as a null scalar that points past the key; point at the key.
            empty = not node.value or getattr(node, "tag", "").endswith(":null")
            self.diags.error(
                self.node_loc(key_node if empty else node),
                "source-empty-value" if empty else "source-bad-type",
                "'authors' should be a list with at least one author",
                hint=entry_hint,
                span=len("authors") if empty else self.span(node),
            )
            return ()
        authors: list[Author] = []
        for item in node.value:
            if not isinstance(item, MappingNode):
                self.diags.error(
                    self.node_loc(item),
                    "source-bad-type",
                    "an author should be a `name:` entry",
                    hint=entry_hint,
                )
                continue
            keys = self.mapping(item, AUTHOR_KEYS, "an author")
            if "name" not in keys:
                self.diags.error(
                    self.node_loc(item), "source-missing-key", "this author has no 'name'", hint=entry_hint
                )
                continue
            name = self.text("name", keys["name"], required=True)
            bio = self.text("bio", keys["bio"], required=False) if "bio" in keys else None
            if name is not None:
                authors.append(Author(name, bio))
        return tuple(authors)

    # -- body ----------------------------------------------------------------------------------
    def body(self, close_line: int) -> tuple[Section, ...] | None:
        drafts: list[_Draft] = []
        seen: dict[str, int] = {}
        block: list[str] = []
        block_line = 0

        def flush() -> None:
            if not block:
                return
            if not drafts:  # text before the first heading
                drafts.append(_Draft(INTRO_ID, INTRO_TITLE, block_line))
                seen[INTRO_ID] = block_line
            drafts[-1].paragraphs.append((sanitize(" ".join(block)), block_line))
            block.clear()

        for number, raw in enumerate(self.lines[close_line:], start=close_line + 1):
            heading = _HEADING.fullmatch(raw)
            if heading is None and raw.strip():
                if not block:
                    block_line = number
                block.append(raw.strip())
                continue
            flush()
            if heading is not None:
                draft = self.heading(number, len(heading.group(1)), heading.group(2) or "", raw)
                if draft is None:
                    continue
                if draft.id in seen:
                    self.diags.error(
                        self.loc(number, draft.col),
                        "source-duplicate-section",
                        f"section id '{draft.id}' is already used on line {seen[draft.id]}",
                        hint=f"give one of them an explicit id, e.g. `## {draft.title} {{#{draft.id}-2}}`",
                        span=draft.span,
                    )
                seen.setdefault(draft.id, number)
                drafts.append(draft)
        flush()

        if not any(d.paragraphs for d in drafts):
            self.diags.error(
                self.loc(close_line),
                "source-empty-article",
                "the article has no paragraphs after its front matter",
                hint="paragraphs are blocks of text separated by blank lines, below the closing '---'",
            )
            return None
        for d in drafts:
            if not d.paragraphs:
                self.diags.error(
                    self.loc(d.line),
                    "source-empty-section",
                    f"section '{d.id}' has no paragraphs",
                    hint="add its text below the heading, or remove the heading",
                )
        return _number(drafts)

    def heading(self, number: int, level: int, rest: str, raw: str) -> _Draft | None:
        if level != 2:
            self.diags.error(
                self.loc(number),
                "source-bad-heading",
                f"only '##' headings start sections, this one has {'#' * level}",
                hint="write `## Title` or `## Title {#id}`; the article title goes in the front matter",
                span=level,
            )
            return None
        explicit = _EXPLICIT_ID.search(rest)
        title = re.sub(r"[ \t]+#+$", "", rest[: explicit.start()] if explicit else rest).strip()
        if not title:
            self.diags.error(
                self.loc(number), "source-empty-heading", "this heading has no title", hint="write `## Title`"
            )
            return None
        section_id = explicit.group(1) if explicit else slugify(title)
        col = raw.rfind("{#") + 3 if explicit else 4
        problem = None
        if not section_id:
            problem = "the section id is empty" if explicit else f"the heading '{title}' gives no id"
        elif not is_valid_id(section_id):
            problem = f"'{section_id}' cannot be a section id"
        elif looks_like_paragraphs(section_id):
            problem = f"the section id '{section_id}' would read as a paragraph number in addresses"
        if problem:
            self.diags.error(
                self.loc(number, col),
                "source-bad-section-id",
                problem,
                hint="choose an id of a-z, 0-9 and '-' that does not look like p4, "
                f"e.g. `## {title} {{#{slugify(title) or 'my-section'}}}`"
                if explicit
                else "add an explicit id after the title, e.g. `## Title {#my-section}`",
                span=max(1, len(section_id)),
            )
            return None
        span = len(section_id) if explicit else len(raw.rstrip()) - 3
        return _Draft(section_id, sanitize(title), number, col, span)


def _number(drafts: list[_Draft]) -> tuple[Section, ...]:
    sections: list[Section] = []
    number = 0
    for d in drafts:
        paragraphs: list[Paragraph] = []
        for index, (text, line) in enumerate(d.paragraphs, start=1):
            number += 1
            paragraphs.append(Paragraph(number, d.id, index, text, line))
        sections.append(Section(d.id, d.title, d.line, tuple(paragraphs)))
    return tuple(sections)


def _date_hint(raw: str) -> str:
    # People paste dates as published ("May 12, 2022"); offer the same date in the accepted form.
    day, month = "%Y-%m-%d", "%Y-%m"
    for fmt, shown in (("%B %d, %Y", day), ("%d %B %Y", day), ("%B %Y", month), ("%b %Y", month)):
        try:
            return f"did you mean `date: {dt.datetime.strptime(raw, fmt).strftime(shown)}`?"
        except ValueError:
            continue
    return _DATE_HINT
