"""The brief as typed, located values: what the author wrote, checked for shape but not resolved."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from deckgen.core.config import Project
from deckgen.core.errors import Loc


class SlideKind(StrEnum):
    TITLE = "title"
    AGENDA = "agenda"
    SECTION = "section"
    BULLETS = "bullets"
    QUOTE = "quote"
    EXCERPT = "excerpt"
    COMPARISON = "comparison"
    IMAGE = "image"
    TAKEAWAYS = "takeaways"
    CLOSING = "closing"
    SOURCES = "sources"
    CHART = "chart"
    OBJECTIVES = "objectives"
    DISCUSSION = "discussion"
    CHECK = "check"
    SCENARIO = "scenario"
    TIMING = "timing"


@dataclass(frozen=True)
class Located:
    """A string with the place it was written, so later stages can point back at it."""

    value: str
    loc: Loc
    key: str


@dataclass(frozen=True)
class BulletSpec:
    text: Located
    cite: Located | None = None
    children: tuple[BulletSpec, ...] = ()
    synthesis: bool = False  # the staff's own reading: not checked against a citation


@dataclass(frozen=True)
class Claim:
    """Authored text that states facts (a field the table marks ``claim``), with the citation
    that backs it: its own (a bullet's ``cite``), else None for the slide's. ``synthesis``:
    the author marked it as the staff's own reading."""

    text: Located
    cite: Located | None = None
    synthesis: bool = False


@dataclass(frozen=True)
class ColumnSpec:
    heading: str
    bullets: tuple[BulletSpec, ...]


@dataclass(frozen=True)
class TitleBody:
    pass


@dataclass(frozen=True)
class AgendaBody:
    pass


@dataclass(frozen=True)
class SectionBody:
    text: str = ""
    minutes: int | None = None  # teaching time for the section, for the timing plan


@dataclass(frozen=True)
class BulletsBody:
    bullets: tuple[BulletSpec, ...]


@dataclass(frozen=True)
class QuoteBody:
    quote: Located
    context: str = ""


@dataclass(frozen=True)
class ExcerptBody:
    """Sentences taken from the cited paragraph, by 1-based index or by a short match."""

    sentences: tuple[int, ...]
    matches: tuple[Located, ...]
    loc: Loc
    intro: str = ""


@dataclass(frozen=True)
class ComparisonBody:
    left: ColumnSpec
    right: ColumnSpec


@dataclass(frozen=True)
class ImageBody:
    path: Located
    alt: str
    caption: str = ""


@dataclass(frozen=True)
class ClosingBody:
    text: str = ""


@dataclass(frozen=True)
class SourcesBody:
    pass


@dataclass(frozen=True)
class ChartFilterSpec:
    """The brief's filter, still as written: ids are checked against the dataset in resolve."""

    flanks: tuple[Located, ...] = ()
    regions: tuple[Located, ...] = ()
    kinds: tuple[Located, ...] = ()
    statuses: tuple[Located, ...] = ()
    as_of: Located | None = None
    since: Located | None = None  # only records that began in or after this year or month


@dataclass(frozen=True)
class AnnotationSpec:
    target: Located
    text: str


@dataclass(frozen=True)
class ChartBody:
    chart: Located  # by-region | flanks | timeline | matrix | map
    data: Located | None  # dataset alias; None = the brief's only dataset
    filter: ChartFilterSpec
    render: Located | None  # auto | native | picture
    caption: str = ""
    highlight: tuple[Located, ...] = ()
    annotations: tuple[AnnotationSpec, ...] = ()
    caption_at: Loc | None = None  # where the caption was written, for its figures


@dataclass(frozen=True)
class ObjectivesBody:
    objectives: tuple[BulletSpec, ...]
    lead: str = ""


@dataclass(frozen=True)
class DiscussionBody:
    questions: tuple[str, ...]
    facilitator: str = ""  # facilitator notes: go to the speaker notes, never on the slide
    minutes: int | None = None


class Reveal(StrEnum):
    NEXT_SLIDE = "next-slide"
    NOTES = "notes"


@dataclass(frozen=True)
class CheckBody:
    """A knowledge check: multiple choice when ``choices`` is given, else short answer."""

    question: str
    choices: tuple[str, ...]
    answer: str  # the correct choice's text, or the model short answer
    answer_index: int | None  # 0-based index of the correct choice
    explanation: str = ""
    reveal: Reveal = Reveal.NEXT_SLIDE


@dataclass(frozen=True)
class ScenarioBody:
    situation: str
    tasks: tuple[str, ...]
    facilitator: str = ""
    minutes: int | None = None


@dataclass(frozen=True)
class TimingBody:
    pass


SlideBody = (
    TitleBody
    | AgendaBody
    | SectionBody
    | BulletsBody
    | QuoteBody
    | ExcerptBody
    | ComparisonBody
    | ImageBody
    | ClosingBody
    | SourcesBody
    | ChartBody
    | ObjectivesBody
    | DiscussionBody
    | CheckBody
    | ScenarioBody
    | TimingBody
)


@dataclass(frozen=True)
class SlideSpec:
    index: int  # position in the brief's slide list, 0-based
    kind: SlideKind
    loc: Loc
    title: str | None
    notes: str
    cite: Located | None  # the slide-level citation (quote and excerpt require one)
    body: SlideBody
    handout: str = ""  # text for trainees: printed in the handout, never shown on the slide
    claims: tuple[Claim, ...] = ()  # every text on the slide that states facts, in brief order
    notes_at: Loc | None = None  # where the notes were written
    synthesis: bool = False  # 'synthesis: true' on the slide: all its text is the staff's reading


@dataclass(frozen=True)
class DeckSpec:
    title: str
    subtitle: str = ""
    audience: str = ""
    presenter: str = ""
    date: str = ""
    marking: str = ""
    template: Located | None = None
    language: str = "en-GB"
    layouts: tuple[tuple[str, Located], ...] = ()  # role -> the template's layout name
    # The date every chart shows unless its filter gives its own 'as-of' ('all': no date).
    as_of: Located | None = None


@dataclass(frozen=True)
class SourceAlias:
    alias: str
    article_id: Located


@dataclass(frozen=True)
class DataAlias:
    alias: str
    path: Located  # relative to the brief's folder


@dataclass(frozen=True)
class Brief:
    path: str
    name: str  # file stem, used for the default output name
    deck: DeckSpec
    sources: tuple[SourceAlias, ...]
    slides: tuple[SlideSpec, ...]
    data: tuple[DataAlias, ...] = ()
    project: Project | None = None  # the project configuration that applied (deckgen.core.config)
