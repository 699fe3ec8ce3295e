"""Figures in a chart slide's text, filled from the chart's own data so they cannot disagree.

A caption or the notes of a chart slide may name a figure in braces: ``{count}`` (the records
the chart shows), ``{count.south}`` (one flank's), ``{count.region.sahel}``,
``{count.kind.naval}``, ``{count.country.ly}``, sums such as
``{count.region.sahel+central-africa}``, and ``{as-of}`` (the date the chart shows). ``{{`` and
``}}`` are literal braces. A number typed by hand next to a counted noun ("8 elements") that
equals one of the chart's figures gets a ``typed-figure`` warning: it will not follow the data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from deckgen.brief.model import ChartBody, SlideSpec
from deckgen.charts.model import ChartData
from deckgen.core.errors import Collector, Loc
from deckgen.core.slidenames import slide_key
from deckgen.core.suggest import suggestions
from deckgen.dataset.model import Dataset, Flank
from deckgen.resolve.terms import NUMBER_WORDS, normal

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([a-z][a-z0-9.+\-]*)\}")
# A number and, within three words, a noun that counts presence: "8 elements", "five bases".
_TYPED = re.compile(
    r"\b(\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b((?:\s+[\w-]+){0,2}?)\s+"
    r"(elements?|records?|presences?|bases?|deployments?|contractors?|forces?|sites?|facilit(?:y|ies)"
    r"|agreements?|partnerships?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Filled:
    text: str
    names: tuple[str, ...]  # the figures it names, in order


def chart_figures(chart: ChartData, dataset: Dataset) -> dict[str, int | str]:
    """Every figure a chart slide's text may name, from the records the chart shows."""
    records = chart.records
    out: dict[str, int | str] = {"count": len(records)}
    for flank in Flank:
        out[f"count.{flank.value}"] = sum(1 for r in records if r.flank is flank)
    for region in dataset.regions:
        out[f"count.region.{region.id}"] = sum(1 for r in records if r.region.id == region.id)
    for kind in dataset.kinds:
        out[f"count.kind.{kind.id}"] = sum(1 for r in records if r.kind.id == kind.id)
    for code in sorted({r.country_code for r in dataset.records}):
        out[f"count.country.{code.lower()}"] = sum(1 for r in records if r.country_code == code)
    when = chart.spec.filter.as_of or chart.spec.filter.through
    out["as-of"] = when.display() if when is not None else "all dates"
    return out


def fill(text: str, figures: dict[str, int | str], loc: Loc, key: str, diags: Collector) -> Filled:
    """``text`` with each ``{name}`` replaced by its figure; an unknown name is a located error."""
    names: list[str] = []

    def value(match: re.Match[str]) -> str:
        whole, name = match.group(0), match.group(1)
        if name is None:
            return whole[0]  # "{{" or "}}"
        found = _lookup(name, figures)
        if found is None:
            close = suggestions(name, list(figures))
            examples = "{count}, {count.south}, {count.region.sahel}, {count.kind.naval}, {as-of}"
            diags.error(
                loc,
                "unknown-figure",
                f"'{{{name}}}' in the {key.rsplit('.', 1)[-1]} names no figure of this chart",
                hint=(f"did you mean '{{{close[0]}}}'? " if close else "") + f"figures look like {examples}",
                key=key,
            )
            return whole
        names.append(name)
        return str(found)

    return Filled(_PLACEHOLDER.sub(value, text), tuple(names))


def _lookup(name: str, figures: dict[str, int | str]) -> int | str | None:
    """A figure by name; ``count.region.a+b`` is the sum of ``count.region.a`` and ``.b``."""
    if name in figures:
        return figures[name]
    head, _, ids = name.rpartition(".")
    if "+" not in ids or not head:
        return None
    parts = [figures.get(f"{head}.{part}") for part in ids.split("+")]
    if any(not isinstance(p, int) for p in parts):
        return None
    return sum(p for p in parts if isinstance(p, int))


def typed_figures(text: str, figures: dict[str, int | str]) -> list[str]:
    """Numbers typed next to a counted noun ("8 elements") that equal one of the chart's figures."""
    counts = {v for v in figures.values() if isinstance(v, int)}
    found = []
    for match in _TYPED.finditer(_PLACEHOLDER.sub(" ", text)):
        number = normal(match.group(1))
        if number.isdigit() and int(number) in counts and int(number) > 1:
            found.append(match.group(0).strip())
    return found


def chart_text(
    spec: SlideSpec, body: ChartBody, figures: dict[str, int | str], diags: Collector
) -> tuple[str, str]:
    """A chart slide's caption and notes with their figures filled; a number typed by hand that
    equals one of the figures is a ``typed-figure`` warning at the text."""
    where = slide_key(spec.index)
    out = []
    for text, loc, key in (
        (body.caption, body.caption_at, f"{where}.caption"),
        (spec.notes, spec.notes_at, f"{where}.notes"),
    ):
        at = loc or spec.loc
        out.append(fill(text, figures, at, key, diags).text)
        what = key.rsplit(".", 1)[-1]
        for typed in typed_figures(text, figures):
            diags.warning(
                at,
                "typed-figure",
                f"'{typed}' in the {what} is a chart figure typed by hand; it will not follow the data",
                hint="name the figure instead, e.g. {count.south} or {count.region.sahel}, so it is "
                "filled from what this chart shows",
                key=key,
            )
    return out[0], out[1]
