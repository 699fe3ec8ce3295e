"""Article front matter: the YAML between the '---' lines, checked key by key and read into the Article."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from deckgen.core.errors import Collector, Loc
from deckgen.core.files import position
from deckgen.core.suggest import suggestions
from deckgen.core.textnorm import sanitize
from deckgen.core.yamlcompose import TooLarge, compose_text, reader_index
from deckgen.sources.address import is_valid_id
from deckgen.sources.model import Article, Author, PubDate, Section
from deckgen.sources.unfinished import placeholders

REQUIRED_KEYS = ("title", "authors", "publication", "date", "attribution")
# In the order a person writes them, so "the keys are ..." hints read naturally. The importer
# fills image_caption and image_credit from a photo caption; Article does not carry them (yet).
KNOWN_KEYS: tuple[str, ...] = ("id", "title", "standfirst", "authors", "publication", "series", "number")
KNOWN_KEYS += ("date", "url", "attribution", "headings", "image_caption", "image_credit")
AUTHOR_KEYS = ("name", "organization", "bio")
# `headings:` says whose the file's section headings are, unless a heading says otherwise.
HEADINGS = ("publication", "editorial")

_MISSING_HINTS = {
    "title": "add `title: ...` with the headline as published",
    "authors": "add `authors:` followed by `- name: ...` lines (each may have a `bio: ...`)",
    "publication": "add `publication: ...`, e.g. `publication: Foreign Policy`",
    "date": "add `date: YYYY-MM-DD` (or `YYYY-MM`, or `YYYY` when only the year is known)",
    "attribution": "add `attribution: ...` saying where the text comes from and who holds the rights",
}
_AUTHOR_HINT = (
    "write each author as `- name: Liana Fix` (a person) or `- organization: Congressional "
    "Research Service` (an organisation), with an optional `bio: ...` under it"
)
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_DATE_HINT = "write it as YYYY, YYYY-MM or YYYY-MM-DD, e.g. `date: 2022-05`"


class FrontMatterReader:
    """Reads one article's front matter, reporting problems to ``diags`` at their place in the file."""

    def __init__(self, path: Path, diags: Collector, *, finished: bool = False) -> None:
        self.path = path
        self.where = str(path)
        self.diags = diags
        self.finished = finished  # the importer's placeholders are errors
        self.yaml_lines: list[str] = []

    def loc(self, line: int, col: int = 1) -> Loc:
        return Loc(self.where, line, col)

    def node_loc(self, node: Node) -> Loc:
        # The YAML text starts on the file's second line, after the opening '---'.
        return self.loc(node.start_mark.line + 2, node.start_mark.column + 1)

    def span(self, node: Node) -> int:
        start, end = node.start_mark, node.end_mark
        return max(1, end.column - start.column) if start.line == end.line else 1

    def keys(self, yaml_text: str) -> dict[str, tuple[Node, Node]] | None:
        """The known keys with their nodes; None when the YAML cannot be read at all."""
        self.yaml_lines = yaml_text.split("\n")
        try:
            root = compose_text(yaml_text)
        except TooLarge as exc:
            mark = exc.problem_mark
            self.diags.error(
                self.loc(mark.line + 2, mark.column + 1) if mark else self.loc(2),
                "yaml-too-large",
                f"the front matter is too large: {exc.problem}",
            )
            return None
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
        except yaml.reader.ReaderError as exc:
            line, col = position(yaml_text, reader_index(yaml_text, exc))
            self.diags.error(
                self.loc(line + 1, col),
                "control-character",
                f"the front matter contains the control character U+{exc.character:04X}"
                if isinstance(exc.character, int)
                else f"the front matter is not valid YAML: {exc.reason}",
                hint="remove it; YAML does not allow control characters, even in a comment",
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
                close = suggestions(str(key), known)
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

    def article(
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
            if k not in ("authors", "date", "headings")
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
        if self.finished:
            self.diags.extend(placeholders(self.where, keys, self.yaml_lines))
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
            series=text.get("series"),
            number=text.get("number"),
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
        if not isinstance(node, SequenceNode) or not node.value:
            # An empty `authors:` parses as a null scalar that points past the key; point at the key.
            empty = not node.value or getattr(node, "tag", "").endswith(":null")
            self.diags.error(
                self.node_loc(key_node if empty else node),
                "source-empty-value" if empty else "source-bad-type",
                "'authors' should be a list with at least one author",
                hint=_AUTHOR_HINT,
                span=len("authors") if empty else self.span(node),
            )
            return ()
        authors = (self.author(item) for item in node.value)
        return tuple(a for a in authors if a is not None)

    def author(self, item: Node) -> Author | None:
        """One author: a person (`name:`) or an organisation (`organization:`), exactly one of them."""
        if not isinstance(item, MappingNode):
            self.diags.error(
                self.node_loc(item),
                "source-bad-type",
                "an author should be a `name:` or `organization:` entry",
                hint=_AUTHOR_HINT,
            )
            return None
        keys = self.mapping(item, AUTHOR_KEYS, "an author")
        given = [k for k in ("name", "organization") if k in keys]
        if len(given) != 1:
            self.diags.error(
                self.node_loc(keys["organization"][0] if len(given) == 2 else item),
                "source-missing-key" if not given else "source-bad-author",
                "this author has no 'name' or 'organization'"
                if not given
                else "an author is a person or an organisation: give 'name' or 'organization', not both",
                hint=_AUTHOR_HINT,
                span=len("organization") if given else 1,
            )
            return None
        name = self.text(given[0], keys[given[0]], required=True)
        bio = self.text("bio", keys["bio"], required=False) if "bio" in keys else None
        return Author(name, bio, organization=given[0] == "organization") if name is not None else None

    def headings(self, keys: dict[str, tuple[Node, Node]] | None) -> bool:
        """Whether the file's headings are editorial (``headings: editorial``) unless marked."""
        if keys is None or "headings" not in keys:
            return False
        node = keys["headings"][1]
        raw = node.value.strip() if isinstance(node, ScalarNode) else ""
        if raw in HEADINGS:
            return raw == "editorial"
        close = suggestions(raw, HEADINGS) if raw else []
        self.diags.error(
            self.node_loc(node),
            "source-bad-value",
            f"'headings' should be editorial or publication, got '{raw}'"
            if raw
            else "'headings' should be editorial or publication",
            hint=(f"did you mean '{close[0]}'? " if close else "")
            + "`headings: editorial` when the section headings were added by hand, "
            "`headings: publication` (the default) when the publication printed them",
            span=self.span(node),
        )
        return False


def _date_hint(raw: str) -> str:
    # People paste dates as published ("May 12, 2022"); offer the same date in the accepted form.
    day, month = "%Y-%m-%d", "%Y-%m"
    for fmt, shown in (("%B %d, %Y", day), ("%d %B %Y", day), ("%B %Y", month), ("%b %Y", month)):
        try:
            return f"did you mean `date: {dt.datetime.strptime(raw, fmt).strftime(shown)}`?"
        except ValueError:
            continue
    return _DATE_HINT
