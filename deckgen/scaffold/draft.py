"""A first-draft brief from one article: its sections, an excerpt per paragraph, charts, placeholders.

Pure: an ``Article`` and the dataset's flanks in, the brief's YAML text out. Everything in the
draft resolves as written (addresses, excerpt matches, chart filters), so it builds at once; what
only staff can write is a ``<<placeholder>>`` that ``check`` warns about (see
``deckgen.brief.placeholders``), and comments say what to change.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from deckgen.core.textnorm import split_sentences
from deckgen.scaffold.yamltext import Lines, scalar
from deckgen.sources.model import Article, Paragraph, Section

MATCH_WORDS = 6  # words of a paragraph's first sentence that find it: enough to be unique
MAX_TAKEAWAYS = 5
SECTION_MINUTES = 5  # a training section's share of the timing plan, to adjust
FLANK_NAMES = {"east": "Eastern", "south": "Southern", "north": "Northern"}


class DraftKind(StrEnum):
    """What the deck is for: a taught session (the teaching kit) or a read-ahead to read alone."""

    TRAINING = "training"
    READ_AHEAD = "read-ahead"


@dataclass(frozen=True)
class DraftInputs:
    article: Article
    kind: DraftKind
    brief: str  # the brief's path as the user named it, for the commands in the header
    article_file: str  # the article's path, for `deckgen sections`
    data: str | None = None  # the dataset's path relative to the brief; None: no charts
    flanks: tuple[str, ...] = ()  # the flanks the dataset has records on, in chart order
    marking: str | None = None  # the handling marking; None leaves a placeholder...
    project_marking: str | None = None  # ...unless the project's configuration sets one


@dataclass(frozen=True)
class Draft:
    text: str
    slides: int
    placeholders: int
    excerpts: int
    alias: str


def alias_for(article_id: str) -> str:
    """A short alias for citing: the initials of a hyphenated id (``su``), else the id itself."""
    parts = [p for p in article_id.split("-") if p]
    return "".join(p[0] for p in parts) if len(parts) > 1 else article_id


def match_words(paragraph: Paragraph) -> str:
    """The first words of the paragraph's first sentence, which an excerpt's ``match`` finds."""
    sentences = split_sentences(paragraph.text)
    first = sentences[0] if sentences else paragraph.text
    return " ".join(first.split()[:MATCH_WORDS])


def draft_brief(inputs: DraftInputs) -> Draft:
    """The draft brief's text, with counts for the command's report."""
    writer = _Writer(inputs, alias_for(inputs.article.id))
    writer.header()
    writer.deck()
    writer.slides()
    text = writer.out.text()
    return Draft(text, writer.slide_count, writer.placeholder_count, writer.excerpt_count, writer.alias)


class _Writer:
    def __init__(self, inputs: DraftInputs, alias: str) -> None:
        self.inputs = inputs
        self.article = inputs.article
        self.alias = alias
        self.training = inputs.kind is DraftKind.TRAINING
        self.out = Lines()
        self.slide_count = self.placeholder_count = self.excerpt_count = 0

    def todo(self, text: str) -> str:
        """A placeholder for staff to write, quoted for YAML."""
        self.placeholder_count += 1
        return scalar(f"<<{text}>>")

    def slide(self, kind: str, *, note: str | None = None) -> None:
        self.slide_count += 1
        self.out.item(1, f"kind: {kind}", note=note)

    def header(self) -> None:
        what = "training module" if self.training else "read-ahead"
        a = self.article
        self.out.comment(
            f"First draft of a {what}, written by `deckgen new` from the article {a.id}:\n"
            f"  \u201c{a.title}\u201d\n"
            "It builds as it stands; now make it yours:\n"
            "  - text between << and >> is yours to write: `deckgen check` warns at each one\n"
            "    [placeholder-text] until it is written, and the deck shows it as it stands;\n"
            "  - each excerpt slide shows the first sentence of one paragraph: keep the ones that\n"
            "    carry the argument, cut the rest, and retitle each to say what the passage shows;\n"
            "  - turn the best lines into quote slides (an example below is commented out);\n"
            f"  - every address you can cite: deckgen sections {self.inputs.article_file}\n"
            f"Check it:  deckgen check {self.inputs.brief}\n"
            f"Build it:  deckgen build {self.inputs.brief}"
        )

    def deck(self) -> None:
        a, o = self.article, self.out
        o.key(0, "deck")
        o.key(1, "title", scalar(a.title), note="the article's title: shorten it for the title slide")
        # An organization that stands as author and publisher is named once.
        names = dict.fromkeys([a.author_names(), a.publication, a.date.display()])
        o.key(1, "subtitle", scalar(", ".join(n for n in names if n)))
        o.comment("audience: " + ("Course participants" if self.training else "Senior leaders"), 1)
        o.comment("presenter: " + ("Course directing staff" if self.training else "Policy planning staff"), 1)
        o.comment("date: 2022-06-20                  the day it is presented, YYYY-MM-DD", 1)
        if self.inputs.marking is None and self.inputs.project_marking is not None:
            o.comment(f"marking: {self.inputs.project_marking}   the project's, from its configuration", 1)
        else:
            marking = scalar(self.inputs.marking) if self.inputs.marking else self.todo("handling marking")
            o.key(1, "marking", marking, note="shown at the top and bottom of every slide")
        if self.inputs.data is not None:
            as_of = a.date.iso()[:7]
            o.key(1, "as-of", as_of, note="every chart shows the presence at this date: the article's")
        o.comment("template: default                 or a .pptx/.potx path relative to this brief", 1)
        o.blank()
        o.key(0, "sources")
        o.key(1, self.alias, a.id, note=f"cite it as {self.alias}#section/p1")
        if self.inputs.data is not None:
            o.blank()
            o.key(0, "data")
            o.key(1, "presence", scalar(self.inputs.data), note="the presence dataset the charts count")
        o.blank()

    def slides(self) -> None:
        o = self.out
        o.key(0, "slides")
        self.slide("title")
        self.slide("agenda", note="lists the section slides below")
        if self.training:
            self.objectives()
        for number, section in enumerate(self.article.sections):
            self.section(section)
            if number == 0:
                self.quote_example(section)
        self.charts()
        if self.training:
            self.check_and_discuss()
        self.takeaways()
        if self.training:
            self.slide("closing")
            self.slide("timing", note="the timing plan, from each section's minutes")
        self.slide("sources", note="every cited article and dataset")

    def minutes(self, minutes: int) -> None:
        if self.training:
            self.out.key(2, "minutes", str(minutes), note="for the timing plan")

    def objectives(self) -> None:
        o = self.out
        o.blank()
        self.slide("objectives")
        o.key(2, "objectives", note="what trainees will be able to do by the end, each starting with a verb")
        for text in ("an objective", "a second objective", "a third objective"):
            o.item(3, self.todo(text))

    def section(self, section: Section) -> None:
        o = self.out
        o.blank()
        heading = " (our heading)" if section.editorial else ""
        o.comment(f"-- {section.title}{heading}: {_paragraph_span(section)} " + "-" * 20, 1)
        self.slide("section")
        o.key(2, "title", scalar(section.title))
        self.minutes(SECTION_MINUTES)
        count = len(section.paragraphs)
        for paragraph in section.paragraphs:
            title = section.title if count == 1 else f"{section.title} ({paragraph.index} of {count})"
            self.excerpt(section, paragraph, title)

    def excerpt(self, section: Section, paragraph: Paragraph, title: str) -> None:
        o = self.out
        self.excerpt_count += 1
        sentences = len(split_sentences(paragraph.text))
        self.slide("excerpt")
        o.key(2, "title", scalar(title), note="say what the passage shows")
        o.key(2, "cite", f"{self.alias}#{section.id}/p{paragraph.index}", note=f"\u00b6{paragraph.number}")
        listed = ", ".join(str(n) for n in range(1, sentences + 1))
        more = (
            f"sentence 1 of {sentences}; show more with sentences: [{listed}]"
            if sentences > 1
            else "its one sentence"
        )
        o.key(2, "match", scalar(match_words(paragraph)), note=f"the first words of {more}")

    def quote_example(self, section: Section) -> None:
        """A quote slide, commented out: it verifies as written once the comment marks go."""
        paragraph = section.paragraphs[0] if section.paragraphs else None
        if paragraph is None:
            return
        sentence = (split_sentences(paragraph.text) or (paragraph.text,))[0]
        self.out.comment(
            "A quote slide shows words checked against the paragraph they come from. To use one,\n"
            "take the '# ' off the four lines below and put the exact words you want in 'quote:'.\n"
            "- kind: quote\n"
            "  title: In the article's words\n"
            f"  quote: {scalar(sentence)}\n"
            f"  cite: {self.alias}#{section.id}/p{paragraph.index}",
            1,
        )

    def charts(self) -> None:
        if not self.inputs.flanks:
            self.out.blank()
            self.out.comment(
                "No charts: no presence dataset was found. To add them, name one under 'data:'\n"
                "(data: {presence: data/russian-presence.yaml}) and add 'kind: chart' slides.",
                1,
            )
            return
        o = self.out
        o.blank()
        o.comment("-- The presence dataset, one chart per flank it covers " + "-" * 20, 1)
        self.slide("section")
        o.key(2, "title", "Presence by flank")
        self.minutes(SECTION_MINUTES)
        for flank in self.inputs.flanks:
            self.slide("chart")
            o.key(2, "title", scalar(f"{FLANK_NAMES.get(flank, flank.title())} flank: presence by region"))
            o.key(2, "chart", "by-region", note="or flanks, timeline, matrix, map")
            o.key(2, "filter", f"{{flank: {flank}}}", note="also regions, kinds, status, as-of, from")
            o.key(2, "caption", "Presence elements per region, by kind; each is sourced in the notes.")

    def check_and_discuss(self) -> None:
        o = self.out
        first = next((s for s in self.article.sections if s.paragraphs), None)
        o.blank()
        o.comment("-- The teaching kit: check what was learnt, then discuss " + "-" * 20, 1)
        self.slide("section")
        o.key(2, "title", "Check and discuss")
        self.minutes(15)
        self.slide("check", note="a short answer; add 'choices:' for multiple choice")
        o.key(2, "title", "Knowledge check")
        if first is not None:
            o.key(2, "cite", f"{self.alias}#{first.id}/p1", note="the paragraph that holds the answer")
        o.key(2, "question", self.todo("a question the excerpts answer"))
        o.key(2, "answer", self.todo("the model answer"), note="with choices, the answer's letter")
        self.slide("discussion")
        o.key(2, "title", "Discussion")
        o.key(2, "minutes", "10", note="for the timing plan")
        o.key(2, "questions")
        o.item(3, self.todo("a question for the group"))
        o.comment("facilitator: guidance in the speaker notes only", 2)

    def takeaways(self) -> None:
        o = self.out
        sections = [s for s in self.article.sections if s.paragraphs]
        o.blank()
        self.slide("takeaways")
        o.key(2, "bullets", note="three to five points, in your own words, each citing its paragraph")
        for section in _spread(sections, MAX_TAKEAWAYS):
            o.item(3, f"text: {self.todo('a point to remember from this part')}")
            o.key(
                4,
                "cite",
                f"{self.alias}#{section.id}",
                note=f"{section.title}; narrow it to a paragraph: /p1",
            )


def _paragraph_span(section: Section) -> str:
    numbers = [p.number for p in section.paragraphs]
    if not numbers:
        return "no paragraphs"
    return f"\u00b6{numbers[0]}" if len(numbers) == 1 else f"\u00b6{numbers[0]}-{numbers[-1]}"


def _spread(items: list[Section], most: int) -> list[Section]:
    """At most ``most`` of ``items``, evenly spaced, the first and the last always among them."""
    if len(items) <= most:
        return items
    return [items[round(i * (len(items) - 1) / (most - 1))] for i in range(most)]
