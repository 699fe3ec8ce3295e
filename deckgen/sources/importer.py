"""Turning a plain-text article or report, as copied from a web page or PDF, into a source file
to finish by hand."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from deckgen.core.textnorm import split_sentences
from deckgen.sources.address import is_valid_id, looks_like_paragraphs
from deckgen.sources.markdown import INTRO_ID, slugify
from deckgen.sources.reportline import ReportLine, find_report_line, mentions_date
from deckgen.sources.unfinished import PLACEHOLDER, PLACEHOLDER_YEAR

__all__ = ["PLACEHOLDER", "PLACEHOLDER_YEAR", "import_text"]

# "Liana Fix is Program Director ..." at the end of an article: two to five capitalised words
# (particles such as "van" or "al" allowed inside a name), then "is".
_BIO = re.compile(
    r"(?P<name>[A-Z][\w.'\u2019-]*(?:\s+(?:[A-Z][\w.'\u2019-]*|al|bin|da|de|del|der|di|du|el|la|le|van|von)){1,4})"
    r"\s+is\s+\S"
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_STANDFIRST_MAX_WORDS = 45
_BIO_MAX_WORDS = 60
# A heading in plain text: one short line, no closing punctuation but a question mark, starting
# with a capital or a digit, not a bullet, a byline or a date, and followed by a paragraph.
_HEADING_MAX_WORDS = 12
_HEADING_MAX_CHARS = 90
_NOT_A_HEADING = re.compile(
    r"[\u2022\u00b7\u25aa*\u2013\u2014-]"  # a bullet
    r"|By\s"  # a byline
    r"|.*[.!,;:#]$"  # the end of a sentence or a lead-in; '#' would be read as Markdown
    r"|.*[{}]"  # braces would be read as a heading's {#id}
)


@dataclass(frozen=True)
class _Block:
    """Non-blank lines joined with single spaces, as the article loader joins them."""

    text: str
    lines: int


@dataclass(frozen=True)
class _Parts:
    """An article's blocks sorted into their places; ``body`` is paragraphs and headings, in order."""

    title: str
    body: list[_Block]
    standfirst: str | None
    authors: list[tuple[str, str]]  # (name, the whole "NAME is ..." line)
    caption: str | None
    credit: str | None
    report: ReportLine | None


def import_text(text: str, *, article_id: str) -> str:
    """The source-file text for a plain-text article; the article's own words are kept verbatim.

    The plain text is read as blocks separated by blank lines: a report line ("Congressional
    Research Service, IF11234, May 12, 2022") among the first lines, an optional photo caption
    and its repeat with a credit, the title, an optional one-sentence standfirst, the body, and
    "NAME is ..." author lines at the end. Short one-line blocks followed by a paragraph in the
    body are the text's own headings and become ``## Heading {#id .publication}`` sections.
    Whatever cannot be known from the text (publication, date, rights) gets a placeholder that
    `check` and `build` refuse until it is filled in; guesses are marked CHECK. Raises ValueError
    when there is no title and body.
    """
    if not is_valid_id(article_id):
        raise ValueError(f"{article_id!r} is not an article id (a-z, 0-9 and '-')")
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found = find_report_line(lines)
    if found is not None:
        lines[found[0]] = ""  # the report line is front matter, not the title or the standfirst
    parts = _parts(_blocks(lines), found[1] if found else None)
    body, headings = _body(parts.body)
    out = _front_matter(parts, article_id, headings, _YEAR.findall(text))
    for item in body:
        out += ["", item]
    return "\n".join(out) + "\n"


def _parts(blocks: list[_Block], report: ReportLine | None) -> _Parts:
    """Caption and credit, title, standfirst and author lines taken off the blocks; the rest is body."""
    caption = credit = None
    if len(blocks) >= 2 and blocks[1].text.startswith(blocks[0].text):
        # Pages print the caption under the photo and again, with the credit, in the image's alt text.
        caption, credit = blocks[0].text, blocks[1].text[len(blocks[0].text) :].strip() or None
        blocks = blocks[2:]
    if len(blocks) < 2:
        raise ValueError("the text needs at least a title line and one paragraph")
    title, blocks = blocks[0].text, blocks[1:]

    standfirst = None
    if len(blocks) >= 2 and _is_standfirst(blocks[0].text) and not _is_heading(blocks, 0):
        standfirst, blocks = blocks[0].text, blocks[1:]

    authors: list[tuple[str, str]] = []
    while len(blocks) > 1 and (found := _bio(blocks[-1].text)) is not None:
        authors.insert(0, found)
        blocks = blocks[:-1]
    return _Parts(title, blocks, standfirst, authors, caption, credit, report)


def _body(blocks: list[_Block]) -> tuple[list[str], int]:
    """The body as Markdown paragraphs and ``##`` headings, and how many headings were found."""
    out: list[str] = []
    used = {INTRO_ID}  # paragraphs before the first heading make the implicit section `intro`
    for n, block in enumerate(blocks):
        if not _is_heading(blocks, n):
            out.append(block.text)
            continue
        section_id = slugify(block.text)
        if not is_valid_id(section_id) or looks_like_paragraphs(section_id):
            section_id = f"section-{len(used)}"
        base, k = section_id, 1
        while section_id in used:
            k += 1
            section_id = f"{base}-{k}"
        used.add(section_id)
        out.append(f"## {block.text} {{#{section_id} .publication}}")
    return out, len(used) - 1


def _is_heading(blocks: list[_Block], n: int) -> bool:
    """Block ``n`` is one short heading-like line and a paragraph follows it."""
    return _heading_like(blocks[n]) and n + 1 < len(blocks) and not _heading_like(blocks[n + 1])


def _heading_like(block: _Block) -> bool:
    text = block.text
    return (
        block.lines == 1
        and len(text) <= _HEADING_MAX_CHARS
        and len(text.split()) <= _HEADING_MAX_WORDS
        and (text[0].isupper() or text[0].isdigit())
        and any(ch.isalpha() for ch in text)
        and _NOT_A_HEADING.match(text) is None
        and not mentions_date(text)  # "Updated May 12, 2022"
    )


def _front_matter(parts: _Parts, article_id: str, headings: int, years: list[str]) -> list[str]:
    """The YAML front matter, between its ``---`` lines, with a CHECK on every guess and placeholder."""
    lines = [
        "---",
        *_instructions(article_id, headings),
        f"id: {_q(article_id)}",
        f"title: {_q(parts.title)}",
    ]
    if parts.standfirst is not None:
        lines.append(f"standfirst: {_q(parts.standfirst)}")
    lines += _authors(parts)
    report = parts.report
    if report is not None:
        lines.append(f"publication: {_q(report.publisher)}  # CHECK: read from the report line")
        if report.series is not None:
            lines.append(f"series: {_q(report.series)}")
        lines.append(f"number: {_q(report.number)}")
        lines.append(f"date: {_q(report.date.iso())}  # CHECK: read from the report line")
    else:
        lines.append(f"publication: {_q(PLACEHOLDER)}  # CHECK: where it was published")
        if years:
            lines.append(f"date: {_q(max(years))}  # CHECK: a guess, the latest year the text mentions")
        else:
            lines.append(f"date: {_q(PLACEHOLDER_YEAR)}  # CHECK: a placeholder, no year in the text")
    lines.append("headings: editorial  # headings added by hand are ours; the text's own say .publication")
    lines.append(f"attribution: {_q(PLACEHOLDER + ' who holds the rights and how we may use the text')}")
    if parts.caption is not None:
        lines.append(f"image_caption: {_q(parts.caption)}")
    if parts.credit is not None:
        lines.append(f"image_credit: {_q(parts.credit)}")
    lines.append("---")
    return lines


def _instructions(article_id: str, headings: int) -> list[str]:
    """The comment at the top of the file: what is left to do by hand."""
    lines = [
        "# Imported from plain text; finish this file by hand before citing it:",
        "#  - check every value marked CHECK and replace every UNKNOWN; `deckgen check` and",
        "#    `deckgen build` refuse an article that still has the importer's placeholders;",
    ]
    if headings:
        found = "1 heading" if headings == 1 else f"{headings} headings"
        lines += [
            f"#  - {found} of the text became sections marked .publication. A heading you add",
            "#    (`## Heading {#short-id}`) is ours, and citations say so. Paragraphs are numbered",
            f"#    across the article ({article_id}#p1, #p2, ...): headings do not change the numbers.",
        ]
    else:
        lines += [
            "#  - split the body into sections with `## Heading {#short-id}` lines. Until then every",
            f"#    paragraph sits in one implicit section, `intro`, cited as {article_id}#p1, #p2, ...",
            "#    Headings added by hand are ours (`headings: editorial`), and citations say so.",
        ]
    return lines


def _authors(parts: _Parts) -> list[str]:
    lines = ["authors:"]
    for name, bio in parts.authors:
        lines += [f"  - name: {_q(name)}", f"    bio: {_q(bio)}"]
    if parts.authors:
        return lines
    if parts.report is not None:
        why = "no author named in the text; the publisher stands as author"
        return [*lines, f"  - organization: {_q(parts.report.publisher)}  # CHECK: {why}"]
    return [*lines, f"  - name: {_q(PLACEHOLDER)}  # CHECK: no 'NAME is ...' lines at the end"]


def _blocks(lines: list[str]) -> list[_Block]:
    """Blocks of non-blank lines, each joined with single spaces as the article loader does."""
    blocks: list[_Block] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(_Block(" ".join(current), len(current)))
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
