"""first_at, the search under grounding and key terms, finds what a plain scan finds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from deckgen.resolve.terms import extract_terms, first_at

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
