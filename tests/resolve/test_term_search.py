"""first_at, the search under grounding and key terms, finds what a plain scan finds."""

from __future__ import annotations

import itertools
import re

from hypothesis import given
from hypothesis import strategies as st

from deckgen.resolve.terms import _RUN_TOGETHER, _WORD, extract_terms, first_at, normal, tokens

WORDS = st.sampled_from(["base", "naval", "russia", "wagner", "2020", "the"])


def scan(needle: tuple[str, ...], norms: list[str], start: int) -> int | None:
    for i in range(start, len(norms) - len(needle) + 1):
        if tuple(norms[i : i + len(needle)]) == needle:
            return i
    return None


@given(st.lists(WORDS, max_size=12), st.lists(WORDS, min_size=1, max_size=3), st.integers(0, 12))
def test_first_at_is_a_plain_scan(norms: list[str], needle: list[str], start: int) -> None:
    assert first_at(tuple(needle), norms, start) == scan(tuple(needle), norms, start)


def test_every_key_term_is_found_once_and_the_longest_wins() -> None:
    terms = extract_terms("the naval base and the base, then another naval base and a port")
    assert [(t.text, t.kind.value) for t in terms] == [
        ("naval base", "key term"),
        ("base", "key term"),
        ("port", "key term"),
    ]


def split_every_word(text: str) -> list[tuple[str, int, int]]:
    """The tokens as first written: every word split at hyphens and run-together capitals."""
    out = []
    for match in _WORD.finditer(text):
        word, start = match.group(), match.start()
        if word[0].isdigit() or re.match(r"[A-Z]+-?\d", word):
            out.append((normal(word), start, match.end()))
            continue
        for part in re.finditer(r"[^-]+", word):
            cuts = [0, *(m.start() for m in _RUN_TOGETHER.finditer(part.group())), len(part.group())]
            for a, b in itertools.pairwise(cuts):
                at = start + part.start()
                out.append((normal(part.group()[a:b]), at + a, at + b))
    return out


@given(st.text(alphabet="aAbZs-' 5.,\u2019G", max_size=30))
def test_tokens_split_words_as_every_word_was_split(text: str) -> None:
    assert [(t.norm, t.start, t.end) for t in tokens(text)] == split_every_word(text)


def test_run_together_and_hyphenated_words_are_still_split() -> None:
    found = [t.norm for t in tokens("Central African RepublicMali pro-Russian S-400")]
    assert found == ["central", "africa", "republic", "mali", "pro", "russia", "s-400"]
