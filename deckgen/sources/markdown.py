"""Article source files: Markdown with YAML front matter, read into sections and numbered paragraphs."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from deckgen.core.errors import Collector, DeckgenError, Loc, file_problem
from deckgen.core.files import FileProblem, read_text
from deckgen.core.suggest import suggestions
from deckgen.core.textnorm import sanitize
from deckgen.sources.address import is_valid_id, looks_like_paragraphs
from deckgen.sources.frontmatter import FrontMatterReader
from deckgen.sources.model import Article, Paragraph, Section

INTRO_ID = "intro"
INTRO_TITLE = "Introduction"
_HEADING = re.compile(r"(#{1,6})(?:[ \t]+(.*?))?[ \t]*")
# Pandoc-style attributes after a heading's title: `{#id}`, `{.editorial}`, `{#id .publication}`.
_ATTRIBUTES = re.compile(r"[ \t]*\{([#.][^}]*)\}$")
_CLASSES = {"editorial": True, "publication": False}
_ATTRIBUTE_HINT = (
    "write `{#short-id}`, `{.editorial}` (a heading added by hand) or `{.publication}` (a heading "
    "the publication printed), or both: `{#short-id .editorial}`"
)


def load_article(path: Path, *, finished: bool = False) -> Article:
    """Read one article file; every problem in it is raised together as one DeckgenError.

    With ``finished`` (a deck cites it), placeholders left by `deckgen import` are errors too.
    """
    try:
        # Control characters in paragraphs are removed (sanitize); in the front matter, YAML refuses them.
        text = read_text(path, "article", controls=True)
    except FileProblem as exc:
        code = {"missing-file": "source-not-found", "not-utf8": "source-not-utf8"}.get(exc.code)
        raise DeckgenError((file_problem(str(path), exc, code),)) from None
    return parse_article(text, path=path, finished=finished)


def parse_article(text: str, *, path: Path, finished: bool = False) -> Article:
    """Parse the text of an article file; ``path`` names it in diagnostics and gives the default id.

    With ``finished``, placeholders left by `deckgen import` are ``unfinished-import`` errors.
    """
    diags = Collector()
    article = _Parser(text, path, diags, finished=finished).article()
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
    editorial: bool | None = None  # from `{.editorial}` or `{.publication}`; None: the file's default
    paragraphs: list[tuple[str, int]] = field(default_factory=list)


class _Parser:
    def __init__(self, text: str, path: Path, diags: Collector, *, finished: bool) -> None:
        text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        self.lines = text.split("\n")
        self.where = str(path)
        self.diags = diags
        self.front = FrontMatterReader(path, diags, finished=finished)

    def loc(self, line: int, col: int = 1) -> Loc:
        return Loc(self.where, line, col)

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
        keys = self.front.keys("\n".join(self.lines[1:close]))
        sections = self.body(close + 1, editorial=self.front.headings(keys))
        return self.front.article(keys, close + 1, sections)

    # -- body ----------------------------------------------------------------------------------
    def body(self, close_line: int, *, editorial: bool) -> tuple[Section, ...] | None:
        """The sections and their paragraphs; a heading without a class is ``editorial`` or not
        as the front matter's `headings:` says."""
        drafts: list[_Draft] = []
        seen: dict[str, int] = {}
        block: list[str] = []
        block_line = 0

        def flush() -> None:
            if not block:
                return
            if not drafts:  # text before the first heading; "Introduction" is our name for it
                drafts.append(_Draft(INTRO_ID, INTRO_TITLE, block_line, editorial=True))
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
                draft = self.heading(number, heading)
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
        return _number(drafts, editorial)

    def heading(self, number: int, match: re.Match[str]) -> _Draft | None:
        raw, level, rest = match.string, len(match.group(1)), match.group(2) or ""
        if level != 2:
            self.diags.error(
                self.loc(number),
                "source-bad-heading",
                f"only '##' headings start sections, this one has {'#' * level}",
                hint="write `## Title` or `## Title {#id}`; the article title goes in the front matter",
                span=level,
            )
            return None
        attributes = _ATTRIBUTES.search(rest)
        title = re.sub(r"[ \t]+#+$", "", rest[: attributes.start()] if attributes else rest).strip()
        if not title:
            self.diags.error(
                self.loc(number), "source-empty-heading", "this heading has no title", hint="write `## Title`"
            )
            return None
        found = (
            self.attributes(number, match.start(2) + attributes.start(1), attributes.group(1))
            if attributes
            else (None, 0, None)
        )
        if found is None:
            return None
        explicit, id_at, editorial = found
        section_id = explicit if explicit is not None else slugify(title)
        col = id_at + 1 if explicit is not None else 4
        problem = None
        if not section_id:
            problem = (
                "the section id is empty" if explicit is not None else f"the heading '{title}' gives no id"
            )
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
                if explicit is not None
                else "add an explicit id after the title, e.g. `## Title {#my-section}`",
                span=max(1, len(section_id)),
            )
            return None
        span = len(section_id) if explicit is not None else len(raw.rstrip()) - 3
        return _Draft(section_id, sanitize(title), number, col, span, editorial)

    def attributes(self, number: int, start: int, inner: str) -> tuple[str | None, int, bool | None] | None:
        """The id (and its 0-based column) and class in a heading's ``{...}``, whose text
        ``inner`` starts at column ``start`` of the line; None after reporting a problem."""
        explicit: str | None = None
        id_at = 0
        classes: list[str] = []
        problems = 0
        for token in re.finditer(r"\S+", inner):
            word, at = token.group(), start + token.start()
            if word.startswith("#") and explicit is None:
                explicit, id_at = word[1:], at + 1
                continue
            if word.startswith(".") and word[1:] in _CLASSES and classes in ([], [word[1:]]):
                classes[:] = [word[1:]]
                continue
            problems += 1
            self.heading_attribute_error(number, at, word, explicit)
        if problems:
            return None
        editorial = _CLASSES[classes[0]] if classes else None
        return explicit, id_at, editorial

    def heading_attribute_error(self, number: int, at: int, word: str, explicit: str | None) -> None:
        if word.startswith("#"):
            message = f"this heading already has the id '{explicit}'"
            hint = "a heading has one id; remove one of them"
        elif word.startswith(".") and word[1:] in _CLASSES:
            message = "a heading is either .editorial or .publication, not both"
            hint = "keep `.editorial` if the heading was added by hand, `.publication` if it was printed"
        elif word.startswith("."):
            close = suggestions(word[1:], tuple(_CLASSES))
            message = f"unknown heading class '{word}'"
            hint = f"did you mean '.{close[0]}'? " if close else ""
            hint += (
                "a heading's class is .editorial (added by hand) or .publication (printed by the publication)"
            )
        else:
            message = f"unexpected '{word}' in the heading's {{...}}"
            hint = _ATTRIBUTE_HINT
        self.diags.error(
            self.loc(number, at + 1), "source-bad-heading-attribute", message, hint=hint, span=len(word)
        )


def _number(drafts: list[_Draft], editorial: bool) -> tuple[Section, ...]:
    sections: list[Section] = []
    number = 0
    for d in drafts:
        paragraphs: list[Paragraph] = []
        for index, (text, line) in enumerate(d.paragraphs, start=1):
            number += 1
            paragraphs.append(Paragraph(number, d.id, index, text, line))
        own = editorial if d.editorial is None else d.editorial
        sections.append(Section(d.id, d.title, d.line, tuple(paragraphs), editorial=own))
    return tuple(sections)
