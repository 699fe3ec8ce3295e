"""The terms a sentence stakes a claim on (names, numbers, quoted words, key terms) and where a
paragraph has them, compared in a normal form: case, plurals, possessives, hyphens, number words
and a few equivalent names folded away."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class TermKind(StrEnum):
    NAME = "name"  # a capitalised name or an acronym: Port Sudan, NATO, G5
    NUMBER = "number"  # 2020, 2,000, 30%, three
    QUOTED = "quoted"  # words the text puts in quotation marks
    KEY = "key term"  # a word of the subject that carries a fact: base, mercenaries, coup


@dataclass(frozen=True)
class Term:
    """One term of a text: as written, where (character offsets), and its normal tokens."""

    text: str
    kind: TermKind
    start: int
    end: int
    tokens: tuple[str, ...]


@dataclass(frozen=True)
class Token:
    norm: str
    start: int
    end: int


# Words, numbers with their separators, and acronyms such as G5 and S-400 kept whole.
_WORD = re.compile(r"[A-Z]+-?\d+[A-Za-z]*|\d+(?:[.,]\d+)*%?|[^\W\d_](?:[^\W_]|['\u2019](?=[^\W\d_]))*")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_QUOTED = re.compile(r"[\u201c\"]([^\u201c\u201d\"]{2,}?)[\u201d\"]")
# Where a sentence starts: the start of the text, or after a full stop, a colon or a dash.
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\u2014\u2013(\[]|\s-)\s*[\u201c\u2018\"']?$")

_COUNTS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
)
# "one" is left out: it is too often not a count ("one arena", "one of them").
NUMBER_WORDS = {word: str(value) for value, word in enumerate(_COUNTS.split()) if value != 1} | {
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "hundred": "100",
    "thousand": "1000",
    "dozen": "12",
}
NUMBER_WORDS |= {"million": "1000000", "billion": "1000000000", "half": "0.5"}

# Names that stand for one another in this subject: a demonym and its country, a capital used
# for its government. Folded to the first name of each group on both sides of a comparison.
EQUIVALENT_NAMES: tuple[tuple[str, ...], ...] = (
    ("russia", "russian", "moscow", "kremlin"),
    ("turkey", "türkiye", "turkish", "turk", "ankara"),
    ("syria", "syrian", "damascus"),
    ("libya", "libyan", "tripoli"),
    ("sudan", "sudanese", "khartoum"),
    ("mali", "malian", "bamako"),
    ("algeria", "algerian", "algier"),
    ("egypt", "egyptian", "cairo"),
    ("france", "french", "paris"),
    ("ukraine", "ukrainian", "kyiv", "kiev"),
    ("belarus", "belarusian", "minsk"),
    ("europe", "european"),
    ("africa", "african"),
    ("america", "american", "washington"),
    ("west", "western"),
    ("soviet", "ussr"),
    ("east", "eastern"),
    ("south", "southern"),
    ("north", "northern"),
)
_CANONICAL = {name: group[0] for group in EQUIVALENT_NAMES for name in group}
# Two words run together in the source ("Central African RepublicMali", as published): a lower-
# case letter followed by a capital inside a word is read as a word break, on both sides.
_RUN_TOGETHER = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_CODE = re.compile(r"[A-Z]+-?\d")  # G5, S-400: kept whole
_UNHYPHENATED = re.compile(r"[^-]+")

# Words of the subject that carry facts, singular: a point that says "naval base" or "Wagner"
# must cite a paragraph that does. Kept short: each one is a claim a trainer could be asked about.
KEY_TERMS: tuple[str, ...] = (
    "naval base",
    "air base",
    "base",
    "mercenary",
    "troop",
    "contractor",
    "instructor",
    "fighter",
    "coup",
    "arm",
    "weapon",
    "missile",
    "drone",
    "nuclear",
    "choke point",
    "port",
    "agreement",
    "treaty",
    "lease",
    "invasion",
    "annex",
    "refugee",
    "withdraw",
    "withdrawal",
)

# Words that start sentences in slides and are not names: a capitalised word at a sentence's
# start is a name only if it is not one of these and the article never writes it in lower case.
_COMMON = """
    a about above across after again against all almost also although always among an and another any
    are as ask at be because been before being both but by can could do does each either even every
    few first for from further give had has have he her here his how however if in into is it its
    keep last less let like little look make many may more most much must name near never new next no
    none nor not now of often on once one only or other our out over own per perhaps put rather same
    see she should show since so some still such take than that the their them then there these they
    this those though through thus to today too two under unless until up upon us use very was we were
    what when where whether which while who whom whose why will with within without would yet you your
"""
COMMON_STARTS = frozenset(_COMMON.split())


@functools.lru_cache(maxsize=65536)
def normal(word: str) -> str:
    """One word in its normal form: case folded, possessive dropped, plural made singular,
    a number word or a number with separators as digits, an equivalent name as its group's."""
    w = _POSSESSIVE.sub("", word.casefold())
    if w and w[0].isdigit():
        return w.replace(",", "")
    if w in NUMBER_WORDS:
        return NUMBER_WORDS[w]
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith(("ches", "shes", "sses", "xes")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return _CANONICAL.get(w, w)


def tokens(text: str) -> tuple[Token, ...]:
    """``text``'s words in normal form with their offsets; hyphenated words are split."""
    out: list[Token] = []
    for match in _WORD.finditer(text):
        word, start = match.group(), match.start()
        if word[0].isdigit() or _CODE.match(word):
            out.append(Token(normal(word), start, match.end()))
            continue
        if "-" not in word and _RUN_TOGETHER.search(word) is None:  # most words: one token
            out.append(Token(normal(word), start, match.end()))
            continue
        for part in _UNHYPHENATED.finditer(word):
            cuts = [0, *(m.start() for m in _RUN_TOGETHER.finditer(part.group())), len(part.group())]
            for a, b in itertools.pairwise(cuts):
                at = start + part.start()
                out.append(Token(normal(part.group()[a:b]), at + a, at + b))
    return tuple(out)


def find(
    needle: tuple[str, ...], hay: tuple[Token, ...], norms: list[str] | None = None
) -> tuple[int, int] | None:
    """Where the token sequence ``needle`` first occurs in ``hay``, as character offsets;
    ``norms``, the tokens' normal forms, when the caller keeps them for many searches."""
    at = first_at(needle, [t.norm for t in hay] if norms is None else norms)
    return None if at is None else (hay[at].start, hay[at + len(needle) - 1].end)


def first_at(needle: tuple[str, ...], norms: list[str], start: int = 0) -> int | None:
    """The first index from ``start`` where ``needle`` occurs in ``norms``; only the places
    where its first word occurs are compared whole (C's ``list.index`` finds them)."""
    n = len(needle)
    if not n:
        return start if start <= len(norms) else None
    head, last = needle[0], len(norms) - n
    i = start
    while i <= last:
        try:
            i = norms.index(head, i, last + 1)
        except ValueError:
            return None
        if n == 1 or tuple(norms[i : i + n]) == needle:
            return i
        i += 1
    return None


def known_names(texts: Iterable[str]) -> frozenset[str]:
    """The normal forms of the words ``texts`` capitalise where no sentence starts (and of the
    equivalent names): what counts as a name when it opens a sentence."""
    out = set(_CANONICAL)
    for text in texts:
        for t in tokens(text):
            raw = text[t.start : t.end]
            if raw[:1].isupper() and _SENTENCE_START.search(text[: t.start]) is None:
                out.add(t.norm)
    return frozenset(out - COMMON_STARTS)


def extract_terms(text: str, *, names: frozenset[str] = frozenset()) -> tuple[Term, ...]:
    """The terms ``text`` stakes a claim on, each once, in order of first use.

    A capitalised word is a name, except a common word ("The", "Only") and a word that opens a
    sentence and is not among ``names`` (``known_names`` of the article and the brief):
    "Treated as a separate file" opens with an ordinary word, "Wagner arrived" with a name.
    """
    words = tokens(text)
    found: list[Term] = []
    taken: set[int] = set()  # token positions already part of a term

    def add(kind: TermKind, first: int, last: int) -> None:
        span = tuple(w.norm for w in words[first : last + 1])
        if any(t.tokens == span for t in found):
            return
        start, end = words[first].start, words[last].end
        found.append(Term(text[start:end], kind, start, end, span))
        taken.update(range(first, last + 1))

    for match in _QUOTED.finditer(text):
        inside = [i for i, w in enumerate(words) if match.start(1) <= w.start and w.end <= match.end(1)]
        if len(inside) >= 2:
            add(TermKind.QUOTED, inside[0], inside[-1])

    i = 0
    while i < len(words):
        if i in taken:
            i += 1
            continue
        raw = text[words[i].start : words[i].end]
        if raw[0].isdigit() or words[i].norm.isdigit():
            add(TermKind.NUMBER, i, i)
            i += 1
            continue
        if raw[0].isupper():
            acronym = (len(raw) > 1 and raw.isupper()) or any(c.isdigit() for c in raw)
            starts = _SENTENCE_START.search(text[: words[i].start]) is not None
            word = _POSSESSIVE.sub("", raw.casefold())
            if not acronym and (word in COMMON_STARTS or (starts and words[i].norm not in names)):
                i += 1  # "The", or "Treated" opening a sentence: an ordinary word, capitalised
                continue
            last = _name_end(text, words, i)
            add(TermKind.NAME, i, last)
            i = last + 1
            continue
        i += 1

    norms = [w.norm for w in words]
    for needle in _KEY_NEEDLES:  # longest first in the list: "naval base" before "base"
        j = first_at(needle, norms)
        while j is not None:
            if not set(range(j, j + len(needle))) & taken:
                add(TermKind.KEY, j, j + len(needle) - 1)
            j = first_at(needle, norms, j + 1)
    return tuple(sorted(found, key=lambda t: t.start))


_KEY_NEEDLES = tuple(tuple(normal(w) for w in key.split()) for key in KEY_TERMS)
_JOINERS = frozenset({"of", "al", "el", "bin", "de", "du", "la", "the"})


def _name_end(text: str, words: tuple[Token, ...], first: int) -> int:
    """The last word of the capitalised run that starts at ``first``: "Central African Republic",
    "Gulf of Guinea", "Bashir al Assad"; a joiner counts only between two capitalised words, and
    a run stops at punctuation."""
    last = first
    j = first + 1
    while j < len(words):
        gap = text[words[j - 1].end : words[j].start]
        if gap.strip() or _POSSESSIVE.search(text[words[j - 1].start : words[j - 1].end]):
            break  # punctuation, or a possessive ("NATO's G5"), ends a name
        raw = text[words[j].start : words[j].end]
        if raw[0].isupper():
            last = j
            j += 1
            continue
        if raw in _JOINERS and j + 1 < len(words):
            nxt = text[words[j + 1].start : words[j + 1].end]
            if nxt[0].isupper() and not text[words[j].end : words[j + 1].start].strip():
                last = j + 1
                j += 2
                continue
        break
    return last
