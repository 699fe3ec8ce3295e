"""Text normalisation: matching quotes against sources, and making strings safe for OOXML."""

from __future__ import annotations

import re
import unicodedata

# Characters that differ between an article and what someone types in YAML, mapped to one form:
# every quotation mark becomes ', every dash -, every odd space a space.
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": "'",
        "\u201d": "'",
        "\u201e": "'",
        "\u201f": "'",
        "\u2033": "'",
        "\u00ab": "'",
        "\u00bb": "'",
        '"': "'",  # single and double marks compare equal: nesting swaps one for the other
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2026": "...",
    }
)

# Control characters that python-pptx would escape as visible _x000B_ text, and non-characters
# that make lxml raise. Tab and newline are handled by the callers that need them.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def fold(text: str) -> str:
    """Normalise quotes, dashes, ellipses and whitespace so that equal wording compares equal."""
    return _fold_with_map(text)[0]


def _fold_with_map(text: str) -> tuple[str, list[int]]:
    """``fold`` plus, for every folded character, the index of the character it came from."""
    text = unicodedata.normalize("NFC", text)
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for out in ch.translate(_FOLD):
            if out.isspace():
                # Collapse runs of whitespace; drop spaces before a dash and at the start.
                if not chars or chars[-1] in (" ", "-"):
                    continue
                out = " "
            elif out == "-" and chars and chars[-1] == " ":
                # "a - b" and "a-b" compare equal: a space never stands next to a dash.
                chars.pop()
                origin.pop()
            chars.append(out)
            origin.append(i)
    while chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return "".join(chars), origin


def contains(haystack: str, needle: str) -> bool:
    """True when ``needle`` appears verbatim in ``haystack`` after folding both."""
    return locate(haystack, needle) is not None


def locate(haystack: str, needle: str) -> tuple[int, int] | None:
    """Where ``needle`` stands in ``haystack`` (start, end in the original text), after folding.

    Lets a slide show the article's own punctuation for a quote typed with straight quotes.
    """
    folded_needle = fold(needle)
    if not folded_needle:
        return None
    folded, origin = _fold_with_map(haystack)
    at = folded.find(folded_needle)
    if at < 0:
        return None
    end = origin[at + len(folded_needle) - 1] + 1
    return origin[at], end


def sanitize(text: str) -> str:
    """Remove characters that corrupt or visibly garble an OOXML document."""
    return _UNSAFE.sub("", unicodedata.normalize("NFC", text))


def split_sentences(text: str) -> tuple[str, ...]:
    """Split a paragraph into sentences, keeping each sentence's own punctuation.

    A sentence ends at ``.``, ``!`` or ``?`` (optionally followed by a closing quote) before a
    space and a capital letter or an opening quote; short abbreviations such as "U.S." and
    initials do not end a sentence.
    """
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end(1)
        candidate = text[start:end].strip()
        last_word = candidate.rsplit(" ", 1)[-1]
        if _ABBREV.fullmatch(last_word):
            continue
        parts.append(candidate)
        start = match.end()
    tail = text[start:].strip()
    if tail:
        parts.append(tail)
    return tuple(parts)


_SENTENCE_END = re.compile(r"([.!?][\"'\u201d\u2019)]?)\s+(?=[A-Z\"'\u201c\u2018(])")
_ABBREV = re.compile(r"(?:[A-Z]\.){1,3}|(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|No|vs|etc)\.")


def first_words(text: str, count: int = 8) -> str:
    words = text.split()
    head = " ".join(words[:count])
    return head + (" …" if len(words) > count else "")


# Vertical tab and form feed are whitespace: sanitize() drops them, which would glue two words.
_SPACES = str.maketrans({"\x0b": " ", "\x0c": " ", "\t": " "})


def slide_text(text: str) -> str:
    """A string safe for OOXML, on one line: slide text never carries the author's line breaks."""
    return " ".join(sanitize(text.translate(_SPACES)).split())


def notes_text(text: str) -> str:
    """Notes keep their paragraphs; tabs become spaces so they do not jump in the notes pane."""
    return sanitize(text.translate(_SPACES)).strip()
