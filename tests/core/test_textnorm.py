"""Quote matching and string safety: the rules every verified quote depends on."""

from __future__ import annotations

import pytest

from deckgen.core.textnorm import contains, first_words, fold, locate, sanitize, split_sentences

ARTICLE = "Strategically, he works the entire neighborhood as one geopolitical arena\u2014and so must we."


@pytest.mark.parametrize(
    "typed",
    [
        "one geopolitical arena - and so must we.",
        "one geopolitical arena--and so must we.",
        "one geopolitical  arena\u2014and so\nmust we.",
        "one geopolitical arena -and so must we.",
    ],
)
def test_dashes_and_spacing_fold_together(typed: str) -> None:
    assert contains(ARTICLE, typed.replace("--", "-"))


def test_curly_straight_single_and_double_quotes_compare_equal() -> None:
    text = "to put pressure on NATO\u2019s \u201csoft underbelly.\u201d"
    assert contains(text, 'NATO\'s "soft underbelly."')
    assert contains(text, "NATO's 'soft underbelly.'")
    assert not contains(text, "NATO's soft underbelly")


def test_locate_returns_the_articles_own_wording() -> None:
    start, end = locate(ARTICLE, "arena - and so must we")  # type: ignore[misc]
    assert ARTICLE[start:end] == "arena\u2014and so must we"


def test_locate_misses_changed_words() -> None:
    assert locate(ARTICLE, "one geopolitical theatre") is None
    assert locate(ARTICLE, "   ") is None


def test_fold_is_idempotent() -> None:
    once = fold(ARTICLE)
    assert fold(once) == once


def test_split_sentences_keeps_abbreviations_and_quotes() -> None:
    text = 'The U.S. agreed. Then "Moscow" moved. Did it? Yes! Mr. Smith said so.'
    assert split_sentences(text) == (
        "The U.S. agreed.",
        'Then "Moscow" moved.',
        "Did it?",
        "Yes!",
        "Mr. Smith said so.",
    )


def test_sanitize_removes_characters_that_break_ooxml() -> None:
    assert sanitize("a\x00b\x1fc\ufffed") == "abcd"
    assert sanitize("line\ttab") == "line\ttab"


def test_first_words() -> None:
    assert first_words("one two three", 2) == "one two …"
    assert first_words("one two", 2) == "one two"
