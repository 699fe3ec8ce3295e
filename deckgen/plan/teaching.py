"""Planning the teaching kit: objectives, discussions, knowledge checks, scenarios, the timing plan."""

from __future__ import annotations

from dataclasses import dataclass, replace

from deckgen.brief.model import (
    CheckBody,
    DiscussionBody,
    ObjectivesBody,
    Reveal,
    ScenarioBody,
    SectionBody,
    SlideSpec,
)
from deckgen.brief.teaching import LETTERS
from deckgen.core.textnorm import sanitize
from deckgen.plan.model import Bullet, BulletsContent, Layout, NoteBlock, NoteKind, SlidePlan, Withheld


@dataclass(frozen=True)
class TimedPart:
    """One section of the deck and the teaching time it takes."""

    title: str
    minutes: int | None
    activities: tuple[tuple[str, int], ...]  # (activity title, minutes) inside the section


def objectives_content(body: ObjectivesBody, bullets: tuple[Bullet, ...]) -> BulletsContent:
    return BulletsContent(bullets, lead=sanitize(body.lead))


def discussion_content(body: DiscussionBody) -> BulletsContent:
    lead = f"Discuss in groups ({body.minutes} minutes)" if body.minutes else "Discuss in groups"
    return BulletsContent(tuple(Bullet(sanitize(q)) for q in body.questions), lead=lead)


def facilitator_block(text: str) -> tuple[NoteBlock, ...]:
    """The brief's facilitator guidance for a discussion or scenario, as a facilitator block."""
    if not text.strip():
        return ()
    return (NoteBlock(NoteKind.FACILITATOR, sanitize(f"Facilitator notes: {text.strip()}")),)


def scenario_content(body: ScenarioBody) -> BulletsContent:
    bullets = [Bullet(sanitize(t)) for t in body.tasks]
    if body.minutes:
        bullets.append(Bullet(f"Time: {body.minutes} minutes", marker=False))
    return BulletsContent(tuple(bullets), lead=sanitize(body.situation))


def check_slides(
    spec: SlideSpec, body: CheckBody, title: str, presenter: tuple[NoteBlock, ...] = ()
) -> tuple[SlidePlan, ...]:
    """The question slide, and an answer slide after it unless the answer goes to the notes.

    ``presenter`` (the brief's notes and trainee text) goes with the question slide."""
    # The letter is the marker: a bullet before "A." would be two.
    choices = tuple(
        Bullet(sanitize(f"{LETTERS[i]}. {c}"), marker=False, hang=True) for i, c in enumerate(body.choices)
    )
    if not choices:
        choices = (Bullet("Write your answer in one or two sentences.", marker=False),)
    answer = _answer_text(body)
    explanation = sanitize(body.explanation.strip())
    question = SlidePlan(
        kind=spec.kind.value,
        layout=Layout.CONTENT,
        title=sanitize(title),
        content=BulletsContent(choices, lead=sanitize(body.question)),
    )
    if body.reveal is Reveal.NOTES:
        notes = f"Answer: {answer}" + (f"\n{explanation}" if explanation else "")
        return (replace(question, notes=(*presenter, NoteBlock(NoteKind.ANSWER, sanitize(notes)))),)
    revealed = [Bullet(f"Answer: {answer}", marker=False)]
    if explanation:
        revealed.append(Bullet(explanation, level=1, marker=False))
    answer_slide = SlidePlan(
        kind=spec.kind.value,
        layout=Layout.CONTENT,
        title=sanitize(f"{title} (answer)"),
        content=BulletsContent(tuple(revealed), lead=sanitize(body.question)),
        withheld=Withheld.ANSWER,
    )
    cue = NoteBlock(NoteKind.FACILITATOR, "The answer is on the next slide; give the room time first.")
    return (replace(question, notes=(*presenter, cue)), answer_slide)


def _answer_text(body: CheckBody) -> str:
    if body.answer_index is None:
        return sanitize(body.answer)
    return sanitize(f"{LETTERS[body.answer_index]}. {body.answer}")


def timed_parts(slides: tuple[SlideSpec, ...]) -> tuple[TimedPart, ...]:
    """The deck's sections with their minutes and the timed activities inside each."""
    parts: list[TimedPart] = []
    title: str | None = None
    minutes: int | None = None
    activities: list[tuple[str, int]] = []
    for spec in slides:
        body = spec.body
        if isinstance(body, SectionBody):
            if title is not None:
                parts.append(TimedPart(title, minutes, tuple(activities)))
            title, minutes, activities = spec.title or "", body.minutes, []
        elif isinstance(body, DiscussionBody | ScenarioBody) and body.minutes:
            activities.append((spec.title or spec.kind.value, body.minutes))
    if title is not None:
        parts.append(TimedPart(title, minutes, tuple(activities)))
    return tuple(parts)


def timing_content(parts: tuple[TimedPart, ...]) -> BulletsContent:
    total = sum(p.minutes or 0 for p in parts)
    bullets = [Bullet(sanitize(f"{p.title}: {p.minutes} min")) for p in parts if p.minutes]
    return BulletsContent(tuple(bullets), lead=f"Total teaching time: {total} minutes")


def facilitator_summary(parts: tuple[TimedPart, ...]) -> NoteBlock:
    """The timing plan in full, for the facilitator: sections, minutes, and the activities in each."""
    lines = ["Facilitator summary: timing plan"]
    elapsed = 0
    for n, part in enumerate(parts, 1):
        if part.minutes is None:
            continue
        lines.append(
            f"Part {n}, {part.title}: {part.minutes} min (from {elapsed} to {elapsed + part.minutes} min)"
        )
        for activity, minutes in part.activities:
            lines.append(f"    activity: {activity}, {minutes} min")
        elapsed += part.minutes
    lines.append(f"Total: {elapsed} min")
    return NoteBlock(NoteKind.FACILITATOR, sanitize("\n".join(lines)))
