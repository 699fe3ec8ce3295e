"""The address grammar that cites an article, a section or numbered paragraphs, and its resolution.

Grammar (ids are ``[a-z0-9][a-z0-9-]*``; paragraph numbers start at 1, without leading zeros)::

    address  = article [ "#" fragment ]
    fragment = section [ "/" range ]      paragraphs counted within the section
             | range                      paragraphs counted across the whole article
    range    = para [ "-" para ]          first <= last
    para     = "p" number

    southern-underbelly                   the whole article
    southern-underbelly#sahel             one section
    southern-underbelly#sahel/p2          the second paragraph of that section
    southern-underbelly#sahel/p1-p2       a run of paragraphs in that section
    southern-underbelly#p4                the fourth paragraph of the article
    southern-underbelly#p4-p5             a run of paragraphs of the article

A fragment made only of ``p``, digits and ``-`` that starts with ``p`` and a digit is a paragraph
range, so the article loader refuses section ids of that shape (``p4`` cannot be a section).
A single paragraph parses with ``last=None``; ``p2-p2`` is the same address as ``p2``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from deckgen.core.suggest import suggestions
from deckgen.core.textnorm import first_words
from deckgen.sources.model import Address, Article, Paragraph, Passage

ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")
_DIGITS = frozenset("0123456789")
_PARAGRAPH_LIKE = re.compile(r"p[0-9][p0-9-]*")
_EXAMPLES = "e.g. southern-underbelly#sahel/p2 or southern-underbelly#p4-p5"


class AddressSyntaxError(Exception):
    """A malformed address; ``offset`` is the 0-based character where it went wrong."""

    def __init__(self, message: str, offset: int, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.hint = hint


class AddressError(Exception):
    """A well-formed address that names no section or paragraph of the article."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class AddressInfo:
    """One citable address of an article, where it starts, and its first words.

    ``heading`` is set on a section's own address: ``"editorial"`` when we added the heading,
    ``"publication"`` when the publication printed it.
    """

    address: str
    line: int
    preview: str
    heading: str | None = None


def is_valid_id(text: str) -> bool:
    return ID_RE.fullmatch(text) is not None


def looks_like_paragraphs(text: str) -> bool:
    """True for fragments the grammar reads as paragraphs (``p4``, ``p4-p5``), never as a section."""
    return _PARAGRAPH_LIKE.fullmatch(text) is not None


# -- parsing -------------------------------------------------------------------------------------


def parse_address(text: str) -> Address:
    """Parse ``article[#section][/pN[-pM]]`` or ``article#pN[-pM]``; see the module docstring."""
    if not text:
        raise AddressSyntaxError("the address is empty", 0, f"write an article id, {_EXAMPLES}")
    hash_at = text.find("#")
    article = text if hash_at < 0 else text[:hash_at]
    if not article:
        raise AddressSyntaxError(
            "the address has no article id before '#'", 0, f"start with the article id, {_EXAMPLES}"
        )
    _check_id(article, 0, "article id")
    if hash_at < 0:
        return Address(article)

    start = hash_at + 1
    fragment = text[start:]
    if not fragment:
        raise AddressSyntaxError(
            "nothing follows '#'",
            hash_at,
            "name a section or paragraphs after '#', or drop the '#' to cite the whole article",
        )
    second_hash = fragment.find("#")
    if second_hash >= 0:
        raise AddressSyntaxError(
            "an address has at most one '#'", start + second_hash, f"write it as {_EXAMPLES}"
        )

    slash = fragment.find("/")
    if slash >= 0:
        section = fragment[:slash]
        if not section:
            raise AddressSyntaxError(
                "no section id between '#' and '/'",
                start,
                "write the section id before '/', or cite article-wide paragraphs as #p4",
            )
        if looks_like_paragraphs(section):
            raise AddressSyntaxError(
                f"'{section}' is a paragraph, not a section; a section id comes before '/'",
                start,
                f"write #{section} for article-wide paragraphs, or #SECTION/p1 within a section",
            )
        _check_id(section, start, "section id")
        first, last = _parse_range(fragment[slash + 1 :], start + slash + 1)
        return Address(article, section, first, last)

    if looks_like_paragraphs(fragment):
        first, last = _parse_range(fragment, start)
        return Address(article, None, first, last)
    _check_id(fragment, start, "section id")
    return Address(article, fragment)


def _check_id(text: str, base: int, what: str) -> None:
    for i, ch in enumerate(text):
        if ch in _ID_CHARS and not (i == 0 and ch == "-"):
            continue
        if ch == "-":
            hint = "ids start with a letter or digit"
        elif ch.isspace():
            hint = "addresses contain no spaces"
        elif ch.isupper() and is_valid_id(text.lower()):
            hint = f"ids are lowercase: '{text.lower()}'"
        elif ch == "/":
            hint = "'/' separates a section from its paragraphs and needs a '#' before the section"
        else:
            hint = "ids use only a-z, 0-9 and '-'"
        raise AddressSyntaxError(f"unexpected {ch!r} in the {what} '{text}'", base + i, hint)


def _parse_range(text: str, base: int) -> tuple[int, int | None]:
    first, pos = _parse_para(text, 0, base)
    if pos == len(text):
        return first, None
    if text[pos] != "-":
        raise AddressSyntaxError(
            f"unexpected {text[pos]!r} after p{first}",
            base + pos,
            "a paragraph is p<number>, a run of paragraphs is p<first>-p<last>",
        )
    dash = pos
    last, pos = _parse_para(text, pos + 1, base)
    if pos != len(text):
        raise AddressSyntaxError(
            f"unexpected {text[pos]!r} after p{first}-p{last}",
            base + pos,
            "a run of paragraphs is p<first>-p<last>, nothing follows it",
        )
    if last < first:
        raise AddressSyntaxError(
            f"the range p{first}-p{last} runs backwards",
            base + dash + 1,
            f"write p{last}-p{first}",
        )
    return first, (None if last == first else last)


def _parse_para(text: str, pos: int, base: int) -> tuple[int, int]:
    """Read ``p<number>`` at ``pos``; return the number and the position after it."""
    if pos >= len(text):
        raise AddressSyntaxError(
            "expected a paragraph such as p2", base + pos, "a paragraph is p<number>, e.g. p2"
        )
    if text[pos] != "p":
        digits = _digits_at(text, pos)
        hint = f"write p{digits}" if digits else "a paragraph is p<number>, e.g. p2"
        raise AddressSyntaxError(f"expected a paragraph such as p2, got {text[pos:]!r}", base + pos, hint)
    digits = _digits_at(text, pos + 1)
    if not digits:
        raise AddressSyntaxError(
            "'p' needs a paragraph number", base + pos + 1, "a paragraph is p<number>, e.g. p2"
        )
    if digits.strip("0") == "":
        raise AddressSyntaxError(
            "paragraphs are numbered from p1", base + pos + 1, "the first paragraph is p1"
        )
    if digits.startswith("0"):
        raise AddressSyntaxError(f"p{digits} has a leading zero", base + pos + 1, f"write p{int(digits)}")
    return int(digits), pos + 1 + len(digits)


def _digits_at(text: str, pos: int) -> str:
    end = pos
    while end < len(text) and text[end] in _DIGITS:
        end += 1
    return text[pos:end]


# -- resolving -----------------------------------------------------------------------------------


def resolve_address(article: Article, address: Address) -> Passage:
    """The paragraphs ``address`` names in ``article``; AddressError says what does not exist."""
    if address.article != article.id:
        raise AddressError(
            f"the address names article '{address.article}', not '{article.id}'",
            f"cite '{article.id}' or load '{address.article}'",
        )
    first, last = address.first, address.last
    if first is None and last is not None:
        raise AddressError(f"'{address}' has a last paragraph but no first", "write p<first>-p<last>")
    if first is not None and (first < 1 or (last is not None and last < first)):
        raise AddressError(
            f"'{address}' is not a valid paragraph range", "paragraphs count from p1, first <= last"
        )

    if address.section is None:
        pool = article.paragraphs
        owner = f"'{article.id}'"
    else:
        section = article.section(address.section)
        if section is None:
            raise AddressError(
                f"'{article.id}' has no section '{address.section}'",
                _section_hint(article, address.section),
            )
        pool = section.paragraphs
        owner = f"section '{section.id}'"

    if first is None:
        return Passage(article, address, pool)
    end = first if last is None else last
    if end > len(pool):
        asked = "" if last is None else f" (asked for p{first}-p{last})"
        raise AddressError(f"{owner} has no paragraph p{end}{asked}", f"{owner} has {_span(pool)}")
    return Passage(article, address, pool[first - 1 : end])


def _span(pool: tuple[Paragraph, ...]) -> str:
    if not pool:
        return "no paragraphs"
    if len(pool) == 1:
        return "only p1"
    return f"paragraphs p1-p{len(pool)}"


def _section_hint(article: Article, wrong: str) -> str:
    lister = f"(`deckgen sections {article.id}` lists them)"
    close = suggest_sections(article, wrong)
    if close:
        quoted = " or ".join(f"'{s}'" for s in close)
        return f"did you mean {quoted}? {lister}"
    ids = ", ".join(s.id for s in article.sections)
    return f"its sections are {ids} {lister}" if ids else f"it has no sections {lister}"


def suggest_sections(article: Article, wrong: str) -> list[str]:
    """Up to three section ids that look like ``wrong``, the likeliest first."""
    ids = [s.id for s in article.sections]
    return suggestions(wrong, ids, n=3, parts=True)


# -- listing -------------------------------------------------------------------------------------


def list_addresses(article: Article) -> tuple[AddressInfo, ...]:
    """Every citable address in document order: the article, then per section the section
    itself and, for each of its paragraphs, ``section/pK`` followed by the article-wide ``pN``."""
    out = [AddressInfo(article.id, 1, first_words(article.title))]
    for section in article.sections:
        heading = "editorial" if section.editorial else "publication"
        preview = first_words(section.title)
        out.append(AddressInfo(f"{article.id}#{section.id}", section.line, preview, heading))
        for p in section.paragraphs:
            preview = first_words(p.text)
            out.append(AddressInfo(f"{article.id}#{section.id}/p{p.index}", p.line, preview))
            out.append(AddressInfo(f"{article.id}#p{p.number}", p.line, preview))
    return tuple(out)
