"""The deck plan: plain, frozen data that says what goes on every slide, ready to render.

The renderer makes no decisions: every string, level, layout name, type size and box is
decided by the planner; the renderer applies them to the template and measures nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from deckgen.charts.model import ChartData, ChartLayout
from deckgen.core.errors import Loc
from deckgen.core.slidenames import slide_key, slide_name
from deckgen.plan.boxes import Box


class Layout(StrEnum):
    """The roles a template must provide; the template maps each role to one of its layouts."""

    TITLE = "title"  # title + subtitle
    SECTION = "section"  # section divider: title + short text
    CONTENT = "content"  # title + body placeholder
    TWO_COLUMN = "two-column"  # title + two bodies (with headings)
    TITLE_ONLY = "title-only"  # title; the renderer draws the rest (quote, image)


@dataclass(frozen=True)
class Bullet:
    text: str
    level: int = 0  # 0 = top level; at most 4
    marker: bool = True  # False: a plain line at the margin (lettered choices, a time limit)
    hang: bool = False  # the first word is a label ("A.") that hangs: wrapped lines align after it


@dataclass(frozen=True)
class TitleContent:
    subtitle: str
    lines: tuple[str, ...] = ()  # presenter, audience, date: shown under the subtitle
    subtitle_size: float | None = None  # None: the template's size
    line_size: float = 20.0  # the presenter, audience and date lines
    box: Box | None = None  # a taller subtitle box, when the template's is too short


@dataclass(frozen=True)
class SectionContent:
    text: str = ""  # optional one-line strapline under the section title
    number: int | None = None  # section number, shown as "Part 2"
    size: float | None = None  # the strapline's size; None: the template's, when it is 18 pt or more


@dataclass(frozen=True)
class BulletsContent:
    bullets: tuple[Bullet, ...]
    lead: str = ""  # an unbulleted opening paragraph: a question, a situation, an introduction
    size: float | None = None  # top-level font size in points, chosen by fitting
    box: Box | None = None  # a text box for a layout without a body placeholder; None: the body


@dataclass(frozen=True)
class QuoteContent:
    text: str  # verbatim from the article
    attribution: str  # "Liana Fix and Kristina Kausch, Foreign Policy, May 2022"
    context: str = ""  # optional authored lead-in shown above the quote
    shown: str = ""  # the text inside quotation marks, as the slide shows it
    size: float | None = None
    box: Box | None = None


@dataclass(frozen=True)
class Column:
    heading: str
    bullets: tuple[Bullet, ...]


@dataclass(frozen=True)
class TwoColumnContent:
    left: Column
    right: Column
    size: float | None = None  # one top-level size for both columns


@dataclass(frozen=True)
class ImageContent:
    path: Path
    alt: str
    caption: str = ""
    size_px: tuple[int, int] = (0, 0)  # the picture's width and height in pixels
    picture: Box | None = None  # where the picture goes, its aspect ratio kept
    caption_box: Box | None = None


@dataclass(frozen=True)
class ChartContent:
    """A chart: its computed figures, and whether it is drawn as a native chart or a picture."""

    data: ChartData
    alt: str  # generated from the figures, never a file name
    caption: str = ""
    native: bool = True
    area: Box | None = None  # the room under the title, chart and caption together
    box: Box | None = None  # the chart itself
    caption_box: Box | None = None
    legend_below: bool = False  # a legend at the right would squeeze the bars (a 4:3 slide)
    layout: ChartLayout | None = None  # how the chart sits in its box, decided by plan.charting


SlideContent = (
    TitleContent
    | SectionContent
    | BulletsContent
    | QuoteContent
    | TwoColumnContent
    | ImageContent
    | ChartContent
)


CAPTION_PT = 18.0  # captions under pictures and charts


@dataclass(frozen=True)
class Footer:
    """Where each part of a slide's footer goes and how big it is set."""

    marking_top: Box | None  # None when the deck has no marking
    marking_bottom: Box | None
    marking_size: float
    source: Box | None  # None when the slide has no source line
    source_size: float
    number: Box
    number_size: float = 11.0


class NoteKind(StrEnum):
    """Who a part of a slide's notes is for; the speaker notes and the handout pick by kind."""

    PRESENTER = "presenter"  # the brief's `notes`, and cues for whoever presents the deck
    FACILITATOR = "facilitator"  # guidance for the directing staff: discussion, timing, scenarios
    ANSWER = "answer"  # a knowledge-check answer given in the notes
    CITATION = "citation"  # the sources of the slide, with the cited paragraphs
    EVIDENCE = "evidence"  # every record behind a chart, with its evidence
    TRAINEE = "trainee"  # the brief's `handout`: printed in the trainee handout only
    SYNTHESIS = "synthesis"  # which text on the slide is the staff's reading, not the source's


# Shown to the presenter (joined into the speaker notes), and shown to trainees (the handout).
SPEAKER_KINDS = frozenset(
    {
        NoteKind.PRESENTER,
        NoteKind.FACILITATOR,
        NoteKind.ANSWER,
        NoteKind.SYNTHESIS,
        NoteKind.CITATION,
        NoteKind.EVIDENCE,
    }
)
TRAINEE_KINDS = frozenset({NoteKind.TRAINEE, NoteKind.SYNTHESIS, NoteKind.CITATION, NoteKind.EVIDENCE})


@dataclass(frozen=True)
class NoteBlock:
    """One part of a slide's notes. ``entries`` itemises an evidence block, one per record, so a
    handout can gather the records of every chart into one list instead of parsing ``text``."""

    kind: NoteKind
    text: str
    entries: tuple[str, ...] = ()


class Withheld(StrEnum):
    """Why a slide is left out of the trainee handout."""

    ANSWER = "the answer is given in the session"
    DIRECTING_STAFF = "the timing plan is for the directing staff"


@dataclass(frozen=True)
class SlidePlan:
    """One slide. ``kind`` is the brief's slide kind (for dumps and reports); ``layout`` the role."""

    kind: str
    layout: Layout
    title: str
    content: SlideContent
    notes: tuple[NoteBlock, ...] = ()
    source_line: str = ""  # short footer credit, e.g. "Source: Fix & Kausch, May 2022"
    withheld: Withheld | None = None  # set on slides a trainee handout leaves out
    title_size: float | None = None  # None: the template's title size
    footer: Footer | None = None  # placed once the template's geometry is known
    origin: Loc | None = None  # where the brief writes this slide, for diagnostics found later
    index: int | None = None  # its position in the brief's slide list

    @property
    def key(self) -> str:
        return slide_key(self.index) if self.index is not None else "slides"

    @property
    def name(self) -> str:
        """The slide in messages: 'slide 15 "Why the Sahel matters"' (numbered as in the brief)."""
        return slide_name(self.index, self.title)

    def notes_for(self, kinds: frozenset[NoteKind]) -> str:
        """The blocks of the given kinds, in order, as paragraphs."""
        return "\n\n".join(b.text for b in self.notes if b.kind in kinds and b.text)

    @property
    def speaker_notes(self) -> str:
        """The slide's speaker notes: everything but the trainee text."""
        return self.notes_for(SPEAKER_KINDS)


@dataclass(frozen=True)
class DeckMeta:
    title: str
    subtitle: str = ""
    author: str = ""
    subject: str = ""
    keywords: str = ""
    marking: str = ""  # handling marking shown on every slide
    language: str = "en-GB"
    date: str = ""  # ISO date of the brief, used for core properties


@dataclass(frozen=True)
class DeckPlan:
    meta: DeckMeta
    template: Path
    slides: tuple[SlidePlan, ...]
    layout_names: dict[Layout, str] = field(default_factory=dict)  # role -> template layout name
