"""A timeline too long for its box continues on the next slide, as text does.

The planner asks before it numbers the slides (so the sources slide lists the right numbers): the
chart is placed on the template as ``place_deck`` will place it, and fitted. When the fit can list
only the first N milestones, they are shared out evenly over as many slides as they need (12 of
which 11 fit: two slides of 6), each after the first titled "… (continued)" and placed and fitted
in turn. Each part is a chart of its own milestones, with alt text for
them; the evidence for every milestone stays in the first slide's notes, and each follow-on says
so. A timeline whose first milestone alone does not fit is left to the fit, which reports it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from deckgen.charts import alt_text
from deckgen.charts.model import Milestone, TimelineTable
from deckgen.core.textnorm import sanitize
from deckgen.plan.fitting import CONTINUED, CONTINUED_NOTE
from deckgen.plan.model import ChartContent, NoteBlock, NoteKind, SlidePlan
from deckgen.plan.placement import place_slide

if TYPE_CHECKING:
    from deckgen.plan.geometry import TemplateGeometry

MAX_PARTS = 4  # a timeline needing more slides than this is better filtered: the fit says so


def split_timeline(
    plan: SlidePlan, geometry: TemplateGeometry | None, *, marking: str
) -> tuple[SlidePlan, ...]:
    """``plan`` as one slide, or as a slide and its follow-ons when its timeline needs them."""
    content = plan.content
    if geometry is None or not isinstance(content, ChartContent):
        return (plan,)
    if not isinstance(content.data.table, TimelineTable):
        return (plan,)
    parts: list[SlidePlan] = []
    rest = plan
    even = 0  # milestones per slide when they are shared out evenly
    while len(parts) < MAX_PARTS - 1:
        shown = _shown(rest, geometry, marking)
        stones = _stones(rest)
        if shown in (0, len(stones)):
            break
        if not even:  # 12 milestones of which 11 fit: two slides of 6, not 11 and 1
            slides = min(-(-len(stones) // shown), MAX_PARTS)
            even = -(-len(stones) // slides)
        take = min(shown, even)
        parts.append(_with_stones(rest, stones[:take]))
        rest = _follow_on(_with_stones(rest, stones[take:]), plan.title)
    return (*parts, rest)


def _stones(plan: SlidePlan) -> tuple[Milestone, ...]:
    assert isinstance(plan.content, ChartContent) and isinstance(plan.content.data.table, TimelineTable)
    return plan.content.data.table.milestones


def _shown(plan: SlidePlan, geometry: TemplateGeometry, marking: str) -> int:
    """How many milestones the placed, fitted chart lists (all of them when it says -1)."""
    placed = place_slide(plan, geometry, marking=marking, diags=[])
    content = placed.content
    total = len(_stones(plan))
    if not isinstance(content, ChartContent) or content.layout is None or content.layout.shown < 0:
        return total
    return min(content.layout.shown, total)


def _with_stones(plan: SlidePlan, stones: tuple[Milestone, ...]) -> SlidePlan:
    content = plan.content
    assert isinstance(content, ChartContent)
    data = replace(content.data, table=TimelineTable(stones))
    return replace(plan, content=replace(content, data=data, alt=sanitize(alt_text(data))))


def _follow_on(plan: SlidePlan, title: str) -> SlidePlan:
    return replace(
        plan,
        title=title if title.endswith(CONTINUED) else title + CONTINUED,
        notes=(NoteBlock(NoteKind.PRESENTER, CONTINUED_NOTE),),
    )
