"""The teaching kinds' own rules: a knowledge check's answer against its choices, and the timing plan."""

from __future__ import annotations

import string

from deckgen.brief.model import CheckBody, Reveal, SectionBody, SlideKind, SlideSpec
from deckgen.brief.values import Values
from deckgen.core.errors import Collector
from deckgen.core.slidenames import slide_key, slide_name

LETTERS = string.ascii_uppercase


def check_body(v: Values) -> CheckBody | None:
    """A knowledge check: with choices, the answer must be the letter of one of them."""
    choices = v.texts("choices")
    answer = v.text("answer")
    index: int | None = None
    if choices:
        low, high = v.fields["choices"].low, v.fields["choices"].high
        assert low is not None and high is not None and high <= len(LETTERS), "the table bounds 'choices'"
        if not low <= len(choices) <= high:
            v.reader.diags.error(
                v.reader.value_loc("choices"),
                "bad-choices",
                f"a multiple-choice check needs {low} to {high} choices, got {len(choices)}",
                key=f"{v.reader.where}.choices",
            )
            return None
        letter = answer.strip().upper()
        if len(letter) == 1 and letter in LETTERS[: len(choices)]:
            index = LETTERS.index(letter)
        else:
            valid = ", ".join(LETTERS[: len(choices)])
            v.reader.diags.error(
                v.reader.value_loc("answer"),
                "bad-answer",
                f"the answer should be the letter of a choice ({valid}), got {answer!r}",
                hint="choices are lettered A, B, C... in the order written",
                key=f"{v.reader.where}.answer",
                span=len(answer),
            )
            return None
        answer = choices[index]
    reveal = Reveal(v.text("reveal"))  # checked against the field's choices on load
    return CheckBody(v.text("question"), choices, answer, index, v.text("explanation"), reveal)


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
            key=slide_key(timing.index),
        )
    for section in sections:
        assert isinstance(section.body, SectionBody)
        if section.body.minutes is None:
            diags.error(
                section.loc,
                "untimed-section",
                f"{slide_name(section.index, section.title)} is a section with no 'minutes', "
                "and the deck has a timing plan",
                hint="add 'minutes: 10' (for example) to this section slide",
                key=f"{slide_key(section.index)}.minutes",
            )
