"""What the field tables are written in: field types, fields, slide kinds, and the nested mappings."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from deckgen.brief.model import SlideKind

MAX_BULLET_DEPTH = 4  # how many levels sub-points may nest below a top-level bullet


class FieldType(StrEnum):
    """What an author writes for a key. The value is the type's name in the README."""

    TEXT = "text"
    ADDRESS = "source address"  # article#section/p2, resolved against the sources later
    ENUM = "one of"  # checked on load against the field's choices
    INTEGER = "whole number"  # within the field's low..high when they are set
    YEAR_MONTH = "year or month"  # 2014 or 2014-03, checked when the brief is resolved
    TEXT_LIST = "list of text"
    ONE_OR_MORE = "text or list of text"
    SENTENCES = "sentence numbers"  # 2, or [1, 3]: counted from 1 in the cited paragraph
    BULLETS = "bullets"  # text, or {text, cite, bullets} nested up to four levels
    MAPPING = "mapping"  # the keys of the field's struct
    MAPPING_LIST = "list of mappings"  # the field's struct, repeated
    BOOLEAN = "true or false"


@dataclass(frozen=True)
class Choice:
    value: str
    help: str = ""


@dataclass(frozen=True)
class Field:
    """One key: its type, whether it must be given, and the words that explain it.

    ``help`` is a noun phrase, so a missing required key reads 'slide 3 "Map" needs 'alt' (help)'.
    ``choices`` on an ``ENUM`` are checked on load; on text they are listed for authors and
    editors but checked when the brief is resolved, by the chart code that owns them.
    ``low``/``high`` bound an integer's value, or a list's length.
    """

    key: str
    type: FieldType
    help: str
    example: str  # the value as YAML: "[1, 3]" for "sentences: [1, 3]"
    required: bool = False
    default: str | None = None  # what leaving the key out means, when that is not "nothing"
    choices: tuple[Choice, ...] = ()
    low: int | None = None
    high: int | None = None
    struct: Struct | None = None  # the keys inside a MAPPING or MAPPING_LIST
    blank_hint: str = ""  # when set, text of only spaces is an error, with this hint
    # Authored text that states facts: checked against the slide's (or the bullet's) 'cite' by
    # the grounding check, and an uncited claim unless the slide cites something or says
    # 'synthesis: true'. Bullets carry their own citations; other text takes the slide's.
    claim: bool = False

    @property
    def choice_values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)


@dataclass(frozen=True)
class Struct:
    """The keys of a nested mapping: a bullet, a column, a chart filter, an annotation."""

    noun: str  # "an annotation", for "an annotation should be a mapping with ..."
    fields: tuple[Field, ...]
    example: str  # one whole mapping, in YAML flow style
    context: str = ""  # where an unknown key is reported; "" means "in '<its key>'"

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields)


@dataclass(frozen=True)
class KindSpec:
    """One slide kind: what it shows, and the keys it takes besides the common ones.

    A kind may restate a common key (``title``, ``cite``) to give it a default or make it
    required; the restated key is read, and reported missing, where the kind lists it.
    """

    kind: SlideKind
    help: str
    fields: tuple[Field, ...] = ()
    one_of: tuple[str, ...] = ()  # at least one of these keys must be given


T = FieldType  # short, so that most table rows fit on one line

SYNTHESIS = Field(
    "synthesis",
    T.BOOLEAN,
    "true when the text is the staff's own reading, not the source's: it is not checked against "
    "the citation, and the notes and review sheet say so",
    "true",
)
BULLET = Struct(
    "a bullet",
    (
        Field("text", T.TEXT, "the bullet's wording", '"Wagner arrives in Mali"', required=True),
        Field("cite", T.ADDRESS, "the passage this point comes from", "su#sahel/p1"),
        Field("bullets", T.BULLETS, f"sub-points, nested up to {MAX_BULLET_DEPTH} levels", "[A sub-point]"),
        SYNTHESIS,
    ),
    "{text: Wagner arrives in Mali, cite: su#sahel/p1, bullets: [A sub-point]}",
    context="in a bullet",
)
COLUMN = Struct(
    "a column",
    (
        Field("heading", T.TEXT, "the column heading", "East", required=True, claim=True),
        Field(
            "bullets",
            T.BULLETS,
            "the column's bullet points",
            "[Baltic, Black Sea]",
            required=True,
            claim=True,
        ),
    ),
    "{heading: East, bullets: [Baltic, Black Sea]}",
)
FILTER = Struct(
    "a chart filter",
    (
        Field(
            "flank",
            T.ONE_OR_MORE,
            "the NATO flank or flanks to count",
            "south",
            choices=(Choice("east"), Choice("south"), Choice("north")),
        ),
        Field("regions", T.ONE_OR_MORE, "the dataset's region ids to count", "[levant, sahel]"),
        Field("kinds", T.ONE_OR_MORE, "the kinds of presence to count", "[naval, air]"),
        Field(
            "status",
            T.ONE_OR_MORE,
            "the statuses to count (all but planned when left out)",
            "[active, contested]",
        ),
        Field("as-of", T.YEAR_MONTH, "what was present then", "2022-05"),
        Field("from", T.YEAR_MONTH, "only what began in or after then", "2014"),
    ),
    "{flank: south, regions: [levant, sahel], as-of: 2022-05}",
    context="in a chart filter",
)
ANNOTATION = Struct(
    "an annotation",
    (
        Field(
            "target",
            T.TEXT,
            "the region, kind, country code or record id to point at",
            "sahel",
            required=True,
        ),
        Field("text", T.TEXT, "the note to show", "French forces leave Mali", required=True),
    ),
    "{target: sahel, text: French forces leave Mali}",
    context="in an annotation",
)
