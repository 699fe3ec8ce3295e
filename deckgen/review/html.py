"""The review sheet as one self-contained HTML page: inline CSS, no scripts, no network, printable.

The summary comes first (a verdict, the figures, a list of what to look at with links to the
slides, every warning); then every slide in deck order. Same sheet, same bytes.
"""

from __future__ import annotations

from collections.abc import Callable

from deckgen.resolve.grounding import Grounding
from deckgen.review.markup import plural, text
from deckgen.review.model import ReviewSheet, SlideReview, Summary, WarningReview
from deckgen.review.panels import anchor, other_warnings, slide_html
from deckgen.review.style import CSS


def render_html(sheet: ReviewSheet) -> str:
    """The whole page. Every text from the brief, the articles and the dataset is escaped."""
    title = f"Review: {sheet.title}"
    parts = [text(part) for part in (sheet.subtitle, sheet.date) if part]
    byline = " \u00b7 ".join([*parts, f"brief <code>{text(sheet.brief)}</code>"])
    listed: dict[str, int] = {}  # record id -> the deck slide whose chart lists it
    for slide in sheet.slides:
        for chart in slide.charts:
            for record in chart.records:
                listed.setdefault(record.id, slide.parts[0].number if slide.parts else 0)
    marking = f'<p class="marking">{text(sheet.marking)}</p>' if sheet.marking else ""
    body = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{text(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f"<header>{marking}<h1>{text(title)}</h1>",
        f'<p class="byline">{byline}</p></header>',
        summary_html(sheet),
        "<main>",
        *(slide_html(slide, listed) for slide in sheet.slides),
        "</main>",
        f'<footer class="marking">{text(sheet.marking)}</footer>' if sheet.marking else "",
        "</body>",
        "</html>",
    ]
    return "\n".join(line for line in body if line) + "\n"


def summary_html(sheet: ReviewSheet) -> str:
    s = sheet.summary
    out = ['<section class="summary" aria-label="Summary">', _verdict(sheet), _figures(s)]
    todo = _todo(sheet)
    if todo:
        out.append(f'<h2>To look at</h2><ul class="todo">{todo}</ul>')
    if sheet.warnings:
        links = {slide.index: slide for slide in sheet.slides}
        items = "".join(
            _warning(w, links.get(w.slide) if w.slide is not None else None) for w in sheet.warnings
        )
        out.append(f'<h2>Warnings from <code>deckgen check</code></h2><ol class="warnings">{items}</ol>')
    out.append(_legend())
    out.append("</section>")
    return "\n".join(out)


def _verdict(sheet: ReviewSheet) -> str:
    s = sheet.summary
    detail = (
        f"{plural(s.claims_checked, 'statement')} checked against "
        f"{plural(s.citations, 'cited paragraph')}; {s.synthesis} marked as staff synthesis; "
        f"{plural(s.quotes_verified, 'quote')} and {plural(s.excerpts_verified, 'excerpt')} "
        "verified verbatim."
    )
    if s.clean:
        head = "\u2713 Clean: every checked term is in its citation, nothing is uncited, no warnings."
        return f'<p class="verdict clean">{head}<span>{detail}</span></p>'
    problems = []
    if s.unsupported_terms:
        where = _numbers(sheet, lambda slide: slide.unsupported_terms > 0)
        problems.append(f"{plural(s.unsupported_terms, 'unsupported term')} (slide {where})")
    if s.uncited_slides:
        where = _numbers(sheet, lambda slide: slide.count(Grounding.UNCITED) > 0)
        problems.append(f"{plural(s.uncited_slides, 'uncited slide')} ({where})")
    if s.warnings:
        problems.append(plural(s.warnings, "warning"))
    head = "\u2717 Needs attention: " + " \u00b7 ".join(problems)
    return f'<p class="verdict attention">{text(head)}<span>{detail}</span></p>'


def _numbers(sheet: ReviewSheet, chosen: Callable[[SlideReview], bool]) -> str:
    return ", ".join(s.numbers or f"brief {s.index + 1}" for s in sheet.slides if chosen(s))


def _figures(s: Summary) -> str:
    def card(label: str, value: int, cls: str = "", more: str = "") -> str:
        extra = f'<span class="more">{text(more)}</span>' if more else ""
        return f'<div class="figure {cls}"><dd>{value}</dd><dt>{text(label)}</dt>{extra}</div>'

    cards = [
        card("unsupported terms", s.unsupported_terms, "bad" if s.unsupported_terms else "good"),
        card(
            "uncited slides",
            s.uncited_slides,
            "warn" if s.uncited_slides else "good",
            plural(s.uncited_claims, "statement") if s.uncited_claims else "",
        ),
        card("warnings", s.warnings, "warn" if s.warnings else "good"),
        card("staff synthesis statements", s.synthesis),
        card("slides in the deck", s.slides, more=f"from {plural(s.brief_slides, 'brief slide')}"),
        card("cited paragraphs", s.citations),
        card("statements checked", s.claims_checked, more=f"of {s.claims}; {s.grounded} grounded"),
        card("terms checked", s.terms_checked),
        card("quotes verified", s.quotes_verified, more=f"and {plural(s.excerpts_verified, 'excerpt')}"),
        card("charts", s.charts, more=f"{plural(s.records, 'record')} behind them"),
        card("single-source records", s.single_source_records, more=f"of {s.records}"),
    ]
    return '<dl class="figures">' + "".join(cards) + "</dl>"


def _todo(sheet: ReviewSheet) -> str:
    """One entry per slide that needs a look, with each unsupported term and where it is."""
    items = []
    for slide in sheet.slides:
        lines = []
        for claim in slide.claims:
            if claim.status is Grounding.UNSUPPORTED:
                for term in claim.unsupported:
                    elsewhere = f"; it is in {term.elsewhere}" if term.elsewhere else ""
                    lines.append(
                        f"\u2717 {term.kind} \u201c{term.text}\u201d is not in "
                        f"{', '.join(claim.against)}{elsewhere} (line {claim.line})"
                    )
        if uncited := slide.count(Grounding.UNCITED):
            lines.append(f"! {plural(uncited, 'statement')} with no citation")
        if others := other_warnings(slide):
            lines.append(f"! {plural(len(others), 'other warning')}")
        if lines:
            label = f"Slide {slide.numbers}" if slide.numbers else f"Brief slide {slide.index + 1}"
            inner = "".join(f"<li>{text(line)}</li>" for line in lines)
            items.append(
                f'<li><a href="#{anchor(slide)}">{text(label)}: {text(slide.title)}</a><ul>{inner}</ul></li>'
            )
    return "".join(items)


def _warning(w: WarningReview, slide: SlideReview | None) -> str:
    where = f"{w.path}:{w.line}:{w.col}" if w.line else w.path
    link = f' (<a href="#{anchor(slide)}">slide {text(slide.numbers)}</a>)' if slide and slide.numbers else ""
    hint = f'<span class="hint">hint: {text(w.hint)}</span>' if w.hint else ""
    return f"<li><code>{text(where)}</code> {text(w.message)} <code>[{text(w.code)}]</code>{link}{hint}</li>"


def _legend() -> str:
    return (
        '<p class="legend">'
        '<span><span class="hit">term</span> found in the cited paragraph (marked there too)</span> '
        '<span><span class="miss">term</span><span class="flag">\u2717 it is in …</span> '
        "not in what the statement cites</span> "
        '<span><span class="q">quote</span> verified verbatim</span> '
        "<span>dashed purple: staff synthesis, not from the source</span> "
        "<span>amber: uncited</span> "
        '<span><span class="flag single">single source</span> a record with one source</span>'
        "</p>"
    )
