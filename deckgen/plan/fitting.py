"""Making text fit: the largest readable size for each bullet slide, or a follow-on slide.

Measured with real font metrics (``deckgen.fit``) against the template's own boxes, so the
decision is made here, in the plan, and the renderer only applies it. Body text never goes below
18 pt; what does not fit at 18 pt continues on a slide titled "… (continued)".
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from deckgen.fit import BRIEFING_BODY, BoxPt, Para, fit_block, line_height_pt
from deckgen.plan.geometry import DEFAULT_FAMILY
from deckgen.plan.model import Bullet, BulletsContent, Layout, NoteBlock, NoteKind, SlidePlan
from deckgen.plan.sizing import MIN_BODY_PT, TOP_BODY_PT

if TYPE_CHECKING:
    from deckgen.plan.geometry import TemplateGeometry

CONTINUED = " (continued)"
CONTINUED_NOTE = "Continued from the previous slide; its notes and sources cover this one too."


class Unfittable(Exception):
    """A single paragraph is too long for the box even at the smallest readable size."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def fit_bullets(plan: SlidePlan, geometry: TemplateGeometry | None) -> tuple[SlidePlan, ...]:
    """The slide with its body size decided, followed by continuation slides when needed."""
    content = plan.content
    if not isinstance(content, BulletsContent) or plan.layout is not Layout.CONTENT:
        return (plan,)
    role = geometry.roles.get(Layout.CONTENT) if geometry is not None else None
    if role is None or not role.bodies:
        return (plan,)  # no body box known: the renderer falls back to its own estimate
    _, _, width, height = role.bodies[0]
    box = BoxPt.inside(width, height)
    family = role.body_font or DEFAULT_FAMILY
    # A template may set its body below the 18 pt floor (LibreOffice exports set 15): start at 18.
    top = max(role.body_sizes[0] if role.body_sizes else TOP_BODY_PT, MIN_BODY_PT)
    # No more paragraphs than this can share the box, each being a line of 18 pt at least: only
    # they are measured, so 1,000 bullets cost each follow-on slide its own bullets, not the rest.
    # (At least one: a template box of no height holds nothing, and the first bullet says so.)
    most = max(1, int(box.height // line_height_pt(MIN_BODY_PT, BRIEFING_BODY.line_spacing)) + 1)
    slides: list[SlidePlan] = []
    while True:
        content = plan.content
        assert isinstance(content, BulletsContent)
        paras = ([Para(content.lead, 0, bold=True, bullet=False)] if content.lead else []) + [
            Para(b.text, b.level, bullet=b.marker, hang=b.hang) for b in content.bullets[:most]
        ]
        result = fit_block(paras, box, family=family, max_size=top, min_size=MIN_BODY_PT)
        if result.fits and len(content.bullets) <= most:
            return (*slides, replace(plan, content=replace(content, size=result.size)))
        # (``most`` paragraphs never fit, so a window that fits is the whole list.)
        assert not result.fits, "more paragraphs fitted than a box can hold"
        split = result.split_at or 0
        if split == 0:
            raise Unfittable(paras[0].text)
        # Keep what fits; the rest continues on the next slide, which is fitted in turn.
        at = split - (1 if content.lead else 0)
        kept, rest = content.bullets[:at], content.bullets[at:]
        slides.append(replace(plan, content=replace(content, bullets=kept, size=MIN_BODY_PT)))
        title = plan.title if plan.title.endswith(CONTINUED) else plan.title + CONTINUED
        plan = replace(
            plan,
            title=title,
            content=BulletsContent(_promote(rest)),
            notes=(NoteBlock(NoteKind.PRESENTER, CONTINUED_NOTE),),
        )


def _promote(bullets: tuple[Bullet, ...]) -> tuple[Bullet, ...]:
    """A continuation that starts on a sub-point lifts the run to start at the top level."""
    if not bullets:
        return bullets
    shift = bullets[0].level
    return tuple(Bullet(b.text, max(0, b.level - shift), b.marker, b.hang) for b in bullets)
