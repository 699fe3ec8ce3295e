"""The sources slide: every cited article and dataset with the deck slides that use them."""

from __future__ import annotations

from deckgen.charts.model import ChartData
from deckgen.core.textnorm import sanitize
from deckgen.plan.citations import external_sources
from deckgen.plan.model import Bullet
from deckgen.resolve.model import ResolvedChart, ResolvedDeck
from deckgen.sources.citation import full_citation


def sources_list(
    deck: ResolvedDeck, numbers: list[int], sizes: list[int], charts: list[ChartData]
) -> tuple[Bullet, ...]:
    """Each article's full citation and the slides that cite it, then each dataset and its
    charts. ``numbers[i]`` is the first deck slide brief slide ``i`` became, ``sizes[i]`` how
    many it became: a knowledge check's answer slide and a follow-on slide show cited text too."""
    out: list[Bullet] = []
    for article in deck.articles:
        uses = [i for i, s in enumerate(deck.slides) if article in s.articles]
        citing = [numbers[i] + k for i in uses for k in range(sizes[i])]
        out.append(Bullet(sanitize(full_citation(article))))
        out.append(Bullet(f"Cited on {slide_list(citing)}", level=1))
    datasets: dict[str, list[int]] = {}
    for i, s in enumerate(deck.slides):
        if isinstance(s, ResolvedChart):
            datasets.setdefault(s.dataset.title, []).append(numbers[i])
    external = len(external_sources(charts))
    for title, charted in datasets.items():
        out.append(Bullet(sanitize(f"Dataset: {title}")))
        out.append(Bullet(f"Charts on {slide_list(charted)}", level=1))
    if external:
        note = f"{external} further sources behind the charts, listed in this slide's notes"
        out.append(Bullet(note, level=1))
    return tuple(out)


def slide_list(numbers: list[int]) -> str:
    """``slide 4``, ``slides 4, 6`` or ``slides 4\u20136, 9``: three or more in a row as a range."""
    label = "slide" if len(numbers) == 1 else "slides"
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [f"{r[0]}\u2013{r[-1]}" if len(r) >= 3 else ", ".join(map(str, r)) for r in runs]
    return f"{label} {', '.join(parts)}"
