"""Did-you-mean: the one rule every stage uses to suggest what a mistyped name meant."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

# Similarity (difflib's ratio, compared case-folded) a name needs to be offered. 0.6 offers
# "bulets" for "bullets" and "sahell" for "sahel" but nothing for an unrelated word.
CUTOFF = 0.6


def suggestions(word: str, choices: Iterable[str], *, n: int = 1, parts: bool = False) -> list[str]:
    """Up to ``n`` of ``choices`` that look like ``word``, the likeliest first.

    With ``parts``, a choice that contains ``word`` or is contained in it ("strategic" for
    "strategic-concept") counts too, after the similar ones, since the ratio misses it.
    """
    options = list(dict.fromkeys(choices))
    folded = {c.casefold(): c for c in reversed(options)}
    key = word.strip().casefold()
    found = [folded[c] for c in difflib.get_close_matches(key, list(folded), n=n, cutoff=CUTOFF)]
    if parts and len(key) >= 3:
        found += [c for c in options if (key in c.casefold() or c.casefold() in key) and c not in found]
    return found[:n]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``did you mean 'x'?``, or "" when nothing is close enough."""
    close = suggestions(word, choices)
    return f"did you mean '{close[0]}'?" if close else ""
