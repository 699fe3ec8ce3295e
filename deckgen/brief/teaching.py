"""The teaching-kit slide kinds: objectives, discussion, knowledge checks, scenarios, timing."""

from __future__ import annotations

import string

from deckgen.brief.bodies import BodyParser
from deckgen.brief.model import (
    CheckBody,
    DiscussionBody,
    ObjectivesBody,
    Reveal,
    ScenarioBody,
    SectionBody,
    SlideBody,
    SlideKind,
    SlideSpec,
    TimingBody,
)
from deckgen.core.errors import Collector
from deckgen.core.yamlnodes import MapReader

TEACHING_KINDS = frozenset(
    {SlideKind.OBJECTIVES, SlideKind.DISCUSSION, SlideKind.CHECK, SlideKind.SCENARIO, SlideKind.TIMING}
)
LETTERS = string.ascii_uppercase


def teaching_body(parser: BodyParser, kind: SlideKind, r: MapReader) -> SlideBody | None:
    if kind is SlideKind.TIMING:
        return TimingBody()
    if kind is SlideKind.OBJECTIVES:
        items = r.sequence("objectives", required=True, what="what trainees will be able to do")
        if items is None:
            return None
        lead = r.text("lead")
        bullets = parser.bullets(items, f"{r.where}.objectives", depth=0)
        return ObjectivesBody(
            bullets, lead if lead is not None else "By the end of this session you will be able to:"
        )
    if kind is SlideKind.DISCUSSION:
        questions = parser.texts(r, "questions", required=True, what="the questions to discuss")
        facilitator = r.text("facilitator") or ""
        minutes = parser.minutes(r)
        return DiscussionBody(questions, facilitator, minutes) if questions is not None else None
    if kind is SlideKind.SCENARIO:
        situation = r.text("situation", required=True, what="the situation trainees work on")
        tasks = parser.texts(r, "tasks", required=True, what="what trainees must do")
        facilitator = r.text("facilitator") or ""
        minutes = parser.minutes(r)
        if situation is None or tasks is None:
            return None
        return ScenarioBody(situation, tasks, facilitator, minutes)
    if kind is SlideKind.CHECK:
        return _check(parser, r)
    raise AssertionError(kind)


def _check(parser: BodyParser, r: MapReader) -> CheckBody | None:
    question = r.text("question", required=True, what="the question to ask")
    choices = parser.texts(r, "choices", required=False, what="the answer options") or ()
    answer = r.text("answer", required=True, what="the correct answer: a letter, or the model answer")
    explanation = r.text("explanation") or ""
    reveal_text = r.text("reveal") or Reveal.NEXT_SLIDE.value
    try:
        reveal = Reveal(reveal_text)
    except ValueError:
        parser.diags.error(
            r.value_loc("reveal"),
            "unknown-reveal",
            f"unknown 'reveal' value '{reveal_text}'",
            hint="write 'reveal: next-slide' (an answer slide follows) or 'reveal: notes'",
            key=f"{r.where}.reveal",
            span=len(reveal_text),
        )
        return None
    if question is None or answer is None:
        return None
    index: int | None = None
    if choices:
        if len(choices) < 2 or len(choices) > len(LETTERS):
            parser.diags.error(
                r.value_loc("choices"),
                "bad-choices",
                f"a multiple-choice check needs 2 to {len(LETTERS)} choices, got {len(choices)}",
                key=f"{r.where}.choices",
            )
            return None
        letter = answer.strip().upper()
        if len(letter) == 1 and letter in LETTERS[: len(choices)]:
            index = LETTERS.index(letter)
        else:
            valid = ", ".join(LETTERS[: len(choices)])
            parser.diags.error(
                r.value_loc("answer"),
                "bad-answer",
                f"the answer should be the letter of a choice ({valid}), got {answer!r}",
                hint="choices are lettered A, B, C... in the order written",
                key=f"{r.where}.answer",
                span=len(answer),
            )
            return None
        answer = choices[index]
    return CheckBody(question, choices, answer, index, explanation, reveal)


def check_timing(slides: tuple[SlideSpec, ...], diags: Collector) -> None:
    """A timing plan needs minutes on every section: report each untimed section where it stands."""
    timing = next((s for s in slides if s.kind is SlideKind.TIMING), None)
    if timing is None:
        return
    sections = [s for s in slides if isinstance(s.body, SectionBody)]
    if not sections:
        diags.error(
            timing.loc,
            "untimed-sections",
            "the timing plan lists the deck's sections, and this deck has none",
            hint="add slides with 'kind: section' and 'minutes:', or remove the timing slide",
            key=f"slides[{timing.index}]",
        )
    for section in sections:
        assert isinstance(section.body, SectionBody)
        if section.body.minutes is None:
            diags.error(
                section.loc,
                "untimed-section",
                f"section '{section.title}' has no 'minutes', and the deck has a timing plan",
                hint="add 'minutes: 10' (for example) to this section slide",
                key=f"slides[{section.index}].minutes",
            )
