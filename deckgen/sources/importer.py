"""Turning a plain-text article, as copied from a web page, into a source file to finish by hand."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from deckgen.core.textnorm import split_sentences
from deckgen.sources.address import is_valid_id

PLACEHOLDER = "UNKNOWN - check"
# "Liana Fix is Program Director ..." at the end of an article: two to five capitalised words
# (particles such as "van" or "al" allowed inside a name), then "is".
_BIO = re.compile(
    r"(?P<name>[A-Z][\w.'\u2019-]*(?:\s+(?:[A-Z][\w.'\u2019-]*|al|bin|da|de|del|der|di|du|el|la|le|van|von)){1,4})"
    r"\s+is\s+\S"
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_STANDFIRST_MAX_WORDS = 45
_BIO_MAX_WORDS = 60


@dataclass(frozen=True)
class _Parts:
    """An article's blocks sorted into their places; ``body`` is the paragraphs, in order."""

    title: str
    body: list[str]
    standfirst: str | None
    authors: list[tuple[str, str]]  # (name, the whole "NAME is ..." line)
    caption: str | None
    credit: str | None


def import_text(text: str, *, article_id: str) -> str:
    """The source-file text for a plain-text article; the article's own words are kept verbatim.

    The plain text is read as blocks separated by blank lines: an optional photo caption and its
    repeat with a credit, the title, an optional one-sentence standfirst, the body, and "NAME is
    ..." author lines at the end. Whatever cannot be known from the text (publication, date,
    rights) gets a placeholder marked CHECK. Raises ValueError when there is no title and body.
    """
    if not is_valid_id(article_id):
        raise ValueError(f"{article_id!r} is not an article id (a-z, 0-9 and '-')")
    parts = _parts(_blocks(text))
    lines = _front_matter(parts, article_id, _YEAR.findall(text))
    for paragraph in parts.body:
        lines += ["", paragraph]
    return "\n".join(lines) + "\n"


def _parts(blocks: list[str]) -> _Parts:
    """Caption and credit, title, standfirst and author lines taken off the blocks; the rest is body."""
    caption = credit = None
    if len(blocks) >= 2 and blocks[1].startswith(blocks[0]):
        # Pages print the caption under the photo and again, with the credit, in the image's alt text.
        caption, credit = blocks[0], blocks[1][len(blocks[0]) :].strip() or None
        blocks = blocks[2:]
    if len(blocks) < 2:
        raise ValueError("the text needs at least a title line and one paragraph")
    title, blocks = blocks[0], blocks[1:]

    standfirst = None
    if len(blocks) >= 2 and _is_standfirst(blocks[0]):
        standfirst, blocks = blocks[0], blocks[1:]

    authors: list[tuple[str, str]] = []
    while len(blocks) > 1 and (found := _bio(blocks[-1])) is not None:
        authors.insert(0, found)
        blocks = blocks[:-1]
    return _Parts(title, blocks, standfirst, authors, caption, credit)


def _front_matter(parts: _Parts, article_id: str, years: list[str]) -> list[str]:
    """The YAML front matter, between its ``---`` lines, with a CHECK on every guess and placeholder."""
    lines = [
        "---",
        "# Imported from plain text; finish this file by hand before citing it:",
        "#  - check every value marked CHECK (publication, date, attribution, authors);",
        "#  - split the body into sections with `## Heading {#short-id}` lines. Until then every",
        f"#    paragraph sits in one implicit section, `intro`, cited as {article_id}#p1, #p2, ...",
        f"id: {_q(article_id)}",
        f"title: {_q(parts.title)}",
    ]
    if parts.standfirst is not None:
        lines.append(f"standfirst: {_q(parts.standfirst)}")
    lines.append("authors:")
    for name, bio in parts.authors:
        lines += [f"  - name: {_q(name)}", f"    bio: {_q(bio)}"]
    if not parts.authors:
        lines.append(f"  - name: {_q(PLACEHOLDER)}  # CHECK: no 'NAME is ...' lines at the end")
    lines.append(f"publication: {_q(PLACEHOLDER)}  # CHECK: where it was published")
    if years:
        lines.append(f"date: {_q(max(years))}  # CHECK: a guess, the latest year the text mentions")
    else:
        lines.append(f"date: {_q('1900')}  # CHECK: a placeholder, no year in the text")
    lines.append(f"attribution: {_q(PLACEHOLDER + ' who holds the rights and how we may use the text')}")
    if parts.caption is not None:
        lines.append(f"image_caption: {_q(parts.caption)}")
    if parts.credit is not None:
        lines.append(f"image_credit: {_q(parts.credit)}")
    lines.append("---")
    return lines


def _blocks(text: str) -> list[str]:
    """Blocks of non-blank lines, each joined with single spaces as the article loader does."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[str] = []
    current: list[str] = []
    for line in [*text.split("\n"), ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(" ".join(current))
            current = []
    return blocks


def _is_standfirst(block: str) -> bool:
    return len(block.split()) <= _STANDFIRST_MAX_WORDS and len(split_sentences(block)) == 1


def _bio(block: str) -> tuple[str, str] | None:
    if len(block.split()) > _BIO_MAX_WORDS:
        return None
    match = _BIO.match(block)
    return (match.group("name"), block) if match else None


def _q(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar, and always quoting means a title such as
    # "No" or "Russia: the South" cannot change meaning.
    return json.dumps(text, ensure_ascii=False)
