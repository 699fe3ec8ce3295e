"""Per-kind builders: the values a slide's field table read, turned into that kind's body."""

from __future__ import annotations

from collections.abc import Callable

from deckgen.brief.fields import COMMON_KEYS
from deckgen.brief.model import (
    AgendaBody,
    AnnotationSpec,
    BulletsBody,
    ChartBody,
    ChartFilterSpec,
    ClosingBody,
    ColumnSpec,
    ComparisonBody,
    DiscussionBody,
    ExcerptBody,
    ImageBody,
    ObjectivesBody,
    QuoteBody,
    ScenarioBody,
    SectionBody,
    SlideBody,
    SlideKind,
    SourcesBody,
    TimingBody,
    TitleBody,
)
from deckgen.brief.teaching import check_body
from deckgen.brief.values import Values


def build_body(kind: SlideKind, values: Values) -> SlideBody | None:
    """The body, or ``None`` when a required key is missing or wrong (already reported).

    Required common keys (a title, a quote's 'cite') are reported but do not stop the body.
    """
    if not values.complete(besides=COMMON_KEYS):
        return None
    return BUILDERS[kind](values)


def _column(v: Values) -> ColumnSpec:
    return ColumnSpec(v.text("heading"), v.bullets("bullets"))


def _filter(v: Values | None) -> ChartFilterSpec:
    if v is None:
        return ChartFilterSpec()
    return ChartFilterSpec(
        flanks=v.many("flank"),
        regions=v.many("regions"),
        kinds=v.many("kinds"),
        statuses=v.many("status"),
        as_of=v.located("as-of"),
        since=v.located("from"),
    )


def _chart(v: Values) -> ChartBody:
    return ChartBody(
        chart=v.need("chart"),
        data=v.located("data"),
        filter=_filter(v.record("filter")),
        render=v.located("render"),
        caption=v.text("caption"),
        highlight=v.many("highlight"),
        annotations=tuple(AnnotationSpec(a.need("target"), a.text("text")) for a in v.records("annotate")),
        caption_at=caption.loc if (caption := v.located("caption")) is not None else None,
    )


BUILDERS: dict[SlideKind, Callable[[Values], SlideBody | None]] = {
    SlideKind.TITLE: lambda v: TitleBody(),
    SlideKind.AGENDA: lambda v: AgendaBody(),
    SlideKind.SECTION: lambda v: SectionBody(v.text("text"), v.integer("minutes")),
    SlideKind.BULLETS: lambda v: BulletsBody(v.bullets("bullets")),
    SlideKind.QUOTE: lambda v: QuoteBody(v.need("quote"), v.text("context")),
    SlideKind.EXCERPT: lambda v: ExcerptBody(v.numbers("sentences"), v.many("match"), v.loc, v.text("intro")),
    SlideKind.COMPARISON: lambda v: ComparisonBody(
        _column(v.need_record("left")), _column(v.need_record("right"))
    ),
    SlideKind.IMAGE: lambda v: ImageBody(v.need("image"), v.text("alt"), v.text("caption")),
    SlideKind.TAKEAWAYS: lambda v: BulletsBody(v.bullets("bullets")),
    SlideKind.CLOSING: lambda v: ClosingBody(v.text("text")),
    SlideKind.SOURCES: lambda v: SourcesBody(),
    SlideKind.CHART: _chart,
    SlideKind.OBJECTIVES: lambda v: ObjectivesBody(v.bullets("objectives"), v.text("lead")),
    SlideKind.DISCUSSION: lambda v: DiscussionBody(
        v.texts("questions"), v.text("facilitator"), v.integer("minutes")
    ),
    SlideKind.CHECK: check_body,
    SlideKind.SCENARIO: lambda v: ScenarioBody(
        v.text("situation"), v.texts("tasks"), v.text("facilitator"), v.integer("minutes")
    ),
    SlideKind.TIMING: lambda v: TimingBody(),
}
assert set(BUILDERS) == set(SlideKind), set(SlideKind) - set(BUILDERS)
