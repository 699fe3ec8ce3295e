"""The slide keys, declared once per kind: the loader, the JSON Schema and the README read them here."""

from __future__ import annotations

from deckgen.brief.fieldtypes import ANNOTATION, COLUMN, FILTER, SYNTHESIS, Choice, Field, FieldType, KindSpec
from deckgen.brief.model import Reveal, SlideKind

T = FieldType  # short, so that most table rows fit on one line

COMMON_FIELDS: tuple[Field, ...] = (
    Field(
        "kind",
        T.ENUM,
        "the slide kind",
        "bullets",
        required=True,
        choices=tuple(Choice(k.value) for k in SlideKind),
    ),
    Field("title", T.TEXT, "the slide title", '"Libya and the Mediterranean"', required=True),
    Field("notes", T.TEXT, "speaker notes; citations are appended after them", '"Ask who has served there."'),
    Field(
        "handout",
        T.TEXT,
        "text for trainees: printed in the handout, not shown on the slide",
        '"Read the whole article before the next session."',
    ),
    Field("cite", T.ADDRESS, "the passage the slide draws on, quoted in the speaker notes", "su#libya/p1"),
    SYNTHESIS,
)
COMMON_KEYS: tuple[str, ...] = tuple(f.key for f in COMMON_FIELDS)


def _title(default: str) -> Field:
    return Field("title", T.TEXT, "the slide title", f'"{default}"', default=default)


def _minutes(what: str) -> Field:
    return Field("minutes", T.INTEGER, f"minutes for {what}, for the timing plan", "10", low=1, high=600)


def _bullets(help: str) -> Field:
    return Field(
        "bullets",
        T.BULLETS,
        help,
        "[First point, {text: Second point, cite: su#libya/p1}]",
        required=True,
        claim=True,
    )


_FACILITATOR = Field(
    "facilitator",
    T.TEXT,
    "guidance for the facilitator: speaker notes only, never shown",
    '"Let each syndicate report back in two minutes."',
)
_PASSAGE = Field(
    "cite",
    T.ADDRESS,
    "the address of the paragraph it comes from, e.g. su#sahel/p1",
    "su#sahel/p1",
    required=True,
)

KINDS: dict[SlideKind, KindSpec] = {
    spec.kind: spec
    for spec in (
        KindSpec(
            SlideKind.TITLE,
            "the opening slide: deck title, subtitle, presenter, audience and date",
            (Field("title", T.TEXT, "the slide title; the deck title when left out", '"Welcome"'),),
        ),
        KindSpec(SlideKind.AGENDA, "the titles of the deck's section slides", (_title("Agenda"),)),
        KindSpec(
            SlideKind.SECTION,
            "a divider that opens a part of the session",
            (
                Field("text", T.TEXT, "a one-line strapline under the title", '"Why the south matters"'),
                _minutes("the section"),
            ),
        ),
        KindSpec(
            SlideKind.BULLETS,
            "points, each with its own citation if it needs one",
            (_bullets("the list of bullet points"),),
        ),
        KindSpec(
            SlideKind.QUOTE,
            "a quotation, checked word for word against the paragraph it cites",
            (
                Field(
                    "quote",
                    T.TEXT,
                    "the exact words from the cited paragraph",
                    '"Russia seems to be winning."',
                    required=True,
                ),
                Field(
                    "context",
                    T.TEXT,
                    "a line under the quote that sets the scene",
                    '"Spring 2022"',
                    claim=True,
                ),
                _PASSAGE,
            ),
        ),
        KindSpec(
            SlideKind.EXCERPT,
            "sentences taken from the cited paragraph, so nobody retypes them",
            (
                Field("sentences", T.SENTENCES, "which sentences to show", "[1, 2]"),
                Field("match", T.ONE_OR_MORE, "a few words from each sentence to show", '"a few words"'),
                Field("intro", T.TEXT, "a line above the sentences", '"The authors put it plainly:"'),
                _PASSAGE,
            ),
            one_of=("sentences", "match"),
        ),
        KindSpec(
            SlideKind.COMPARISON,
            "two columns side by side, each a heading over bullets",
            (
                Field(
                    "left",
                    T.MAPPING,
                    "a heading and its bullets",
                    COLUMN.example,
                    required=True,
                    struct=COLUMN,
                ),
                Field(
                    "right",
                    T.MAPPING,
                    "a heading and its bullets",
                    COLUMN.example,
                    required=True,
                    struct=COLUMN,
                ),
            ),
        ),
        KindSpec(
            SlideKind.IMAGE,
            "a PNG or JPEG picture with alt text and a caption",
            (
                Field(
                    "image",
                    T.TEXT,
                    "the picture's path, relative to the brief",
                    "images/sahel.png",
                    required=True,
                ),
                Field(
                    "alt",
                    T.TEXT,
                    "alt text describing the picture for screen readers",
                    '"Map of the Sahel with Wagner sites marked"',
                    required=True,
                    blank_hint="describe what the picture shows in one sentence",
                ),
                Field("caption", T.TEXT, "a line under the picture", '"Wagner sites, 2022"', claim=True),
            ),
        ),
        KindSpec(
            SlideKind.TAKEAWAYS,
            "the points to remember",
            (
                _title("Key takeaways"),
                _bullets("the list of bullet points"),
            ),
        ),
        KindSpec(
            SlideKind.CLOSING,
            "the last slide",
            (
                _title("Questions"),
                Field("text", T.TEXT, "a line under the title", '"Thank you"'),
            ),
        ),
        KindSpec(
            SlideKind.SOURCES,
            "every cited article and dataset, and the slides that use them",
            (_title("Sources"),),
        ),
        KindSpec(
            SlideKind.CHART,
            "a chart of the presence dataset, with every record's evidence in the notes",
            (
                Field(
                    "chart",
                    T.TEXT,
                    "which chart",
                    "by-region",
                    required=True,
                    choices=(
                        Choice("by-region", "presence by region, stacked by kind"),
                        Choice("flanks", "the east flank against the south, by kind"),
                        Choice("timeline", "milestones over time"),
                        Choice("matrix", "country by kind"),
                        Choice("map", "a tile map of countries"),
                    ),
                ),
                Field(
                    "data",
                    T.TEXT,
                    "the dataset's alias under the brief's 'data:'; needed when there are two",
                    "presence",
                ),
                Field("filter", T.MAPPING, "which records to count", FILTER.example, struct=FILTER),
                Field(
                    "render",
                    T.TEXT,
                    "how to draw it",
                    "auto",
                    default="auto",
                    choices=(
                        Choice("auto", "a native chart where PowerPoint has the type, else a picture"),
                        Choice("native", "an editable PowerPoint chart"),
                        Choice("picture", "a drawn picture"),
                    ),
                ),
                Field("caption", T.TEXT, "a line under the chart", '"Count of presence elements per region"'),
                Field("highlight", T.ONE_OR_MORE, "regions, kinds or countries to pick out", "[sahel]"),
                Field(
                    "annotate",
                    T.MAPPING_LIST,
                    "notes that point at parts of the chart",
                    f"[{ANNOTATION.example}]",
                    struct=ANNOTATION,
                ),
            ),
        ),
        KindSpec(
            SlideKind.OBJECTIVES,
            "what trainees will be able to do by the end",
            (
                _title("Learning objectives"),
                Field(
                    "objectives",
                    T.BULLETS,
                    "what trainees will be able to do",
                    "[Explain why the south matters]",
                    required=True,
                ),
                Field(
                    "lead",
                    T.TEXT,
                    "the line above the objectives",
                    '"By the end of today you can:"',
                    default="By the end of this session you will be able to:",
                ),
            ),
        ),
        KindSpec(
            SlideKind.DISCUSSION,
            "questions for the group to discuss",
            (
                Field(
                    "questions",
                    T.TEXT_LIST,
                    "the questions to discuss",
                    '["Why Mali?", "What next?"]',
                    required=True,
                ),
                _FACILITATOR,
                _minutes("the discussion"),
            ),
        ),
        KindSpec(
            SlideKind.CHECK,
            "a knowledge check: multiple choice, or short answer without choices",
            (
                Field("question", T.TEXT, "the question to ask", '"Which flank?"', required=True, claim=True),
                Field(
                    "choices",
                    T.TEXT_LIST,
                    "the answer options, lettered A, B, C... as written; none for a short answer",
                    "[East, South]",
                    low=2,
                    high=26,
                ),
                Field(
                    "answer", T.TEXT, "the correct answer: a letter, or the model answer", "B", required=True
                ),
                Field(
                    "explanation",
                    T.TEXT,
                    "why that answer is right, shown with it",
                    '"Both, in fact."',
                    claim=True,
                ),
                Field(
                    "reveal",
                    T.ENUM,
                    "where the answer is shown",
                    "notes",
                    default=Reveal.NEXT_SLIDE.value,
                    choices=(
                        Choice(Reveal.NEXT_SLIDE.value, "an answer slide follows"),
                        Choice(Reveal.NOTES.value, "the answer goes in the speaker notes"),
                    ),
                ),
            ),
        ),
        KindSpec(
            SlideKind.SCENARIO,
            "a situation and the tasks trainees work through",
            (
                Field(
                    "situation",
                    T.TEXT,
                    "the situation trainees work on",
                    '"A convoy is stopped at the border."',
                    required=True,
                    claim=True,
                ),
                Field("tasks", T.TEXT_LIST, "what trainees must do", "[Brief the commander]", required=True),
                _FACILITATOR,
                _minutes("the exercise"),
            ),
        ),
        KindSpec(
            SlideKind.TIMING,
            "the timing plan from each section's minutes, with a facilitator summary in the notes",
            (_title("Timing plan"),),
        ),
    )
}


def reading_fields(kind: SlideKind) -> tuple[Field, ...]:
    """The keys a slide of ``kind`` takes after 'kind', in the order the loader reads them.

    First the common keys the kind does not restate, then the kind's own list, so that a
    restated key (a quote's required 'cite') is reported missing after the keys before it.
    """
    restated = {f.key for f in KINDS[kind].fields}
    common = tuple(f for f in COMMON_FIELDS if f.key != "kind" and f.key not in restated)
    return common + KINDS[kind].fields


def slide_fields(kind: SlideKind) -> tuple[Field, ...]:
    """Every key of a slide of ``kind``, the common ones first (as the kind restates them)."""
    own = {f.key: f for f in KINDS[kind].fields}
    return tuple(own.get(f.key, f) for f in COMMON_FIELDS) + tuple(
        f for f in KINDS[kind].fields if f.key not in COMMON_KEYS
    )


# What the loader has always exported, now read off the tables.
KIND_KEYS: dict[SlideKind, tuple[str, ...]] = {
    kind: tuple(f.key for f in spec.fields if f.key not in COMMON_KEYS) for kind, spec in KINDS.items()
}
# Kinds whose title may be left out, and what it becomes. The title kind takes the deck title.
DEFAULT_TITLES: dict[SlideKind, str] = {
    kind: f.default for kind, spec in KINDS.items() for f in spec.fields if f.key == "title" and f.default
}
# Every key any slide takes, for a slide whose kind is missing or unknown.
ALL_SLIDE_KEYS: tuple[str, ...] = tuple(
    dict.fromkeys((*COMMON_KEYS, *(key for keys in KIND_KEYS.values() for key in keys)))
)
