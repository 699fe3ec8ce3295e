"""Finding the stretch of a passage that a quote which does not match was probably meant to be."""

from __future__ import annotations

from difflib import SequenceMatcher

from deckgen.core.textnorm import fold, split_sentences

COMPARED_CHARS = 2_000  # of a quote, when finding the passage it was meant to be
WIDEST_WINDOW = 8  # sentences


def quote_closest(passage_text: str, quote: str) -> str:
    """The run of whole sentences in ``passage_text`` most like ``quote``, to show beside the quote.

    Windows are one sentence up to one more sentence than the quote has, so a misquoted sentence
    is matched to a sentence and a quote that spans two sentences can still find both. Ties go to
    the earliest, shortest window. Only the quote's first ``COMPARED_CHARS`` characters are
    compared, with windows of up to ``WIDEST_WINDOW`` sentences: enough to find the place.
    """
    sentences = [s for para in passage_text.split("\n\n") for s in split_sentences(para)]
    if not sentences:
        return ""
    # Comparing is quadratic in the texts' lengths: a 100,000-character "quote" took 5 s to
    # match. Its first 2,000 characters and windows of up to 8 sentences still find the place.
    quote = quote[:COMPARED_CHARS]
    wanted = fold(quote)
    widest = min(len(split_sentences(quote)) + 1, len(sentences), WIDEST_WINDOW)
    best, best_score = sentences[0], -1.0
    for size in range(1, widest + 1):
        for start in range(len(sentences) - size + 1):
            window = " ".join(sentences[start : start + size])
            # autojunk would ignore common characters (spaces, "e") in texts over 200 characters,
            # which makes long sentences score as unrelated.
            score = SequenceMatcher(None, wanted, fold(window), autojunk=False).ratio()
            if score > best_score:
                best, best_score = window, score
    return best
