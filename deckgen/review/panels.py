"""One slide of the review page: what it says (terms marked), what it cites (the same terms marked
where they were found), its quotes and charts, and its warnings."""

from __future__ import annotations

from collections.abc import Mapping

from deckgen.resolve.grounding import Grounding
from deckgen.review.markup import Span, marked, numeric_columns, plural, table, text
from deckgen.review.model import (
    ChartReview,
    CitedPassage,
    ClaimReview,
    QuoteReview,
    RecordReview,
    SlideReview,
    TermReview,
    WarningReview,
)

CHECKED = (Grounding.GROUNDED, Grounding.UNSUPPORTED)
# Warnings that the statements they are about show where they stand.
SHOWN_ON_STATEMENTS = frozenset({"unsupported-term", "uncited-claim"})


def anchor(slide: SlideReview) -> str:
    """The page anchor of a slide: its first deck number, as a reviewer would say it."""
    return f"slide-{slide.parts[0].number}" if slide.parts else f"brief-slide-{slide.index}"


def other_warnings(slide: SlideReview) -> tuple[WarningReview, ...]:
    """The slide's warnings that its statements do not already show (unsupported and uncited)."""
    return tuple(w for w in slide.warnings if w.code not in SHOWN_ON_STATEMENTS)


def is_quiet(slide: SlideReview) -> bool:
    """Nothing on it to review: a title, agenda, section or closing slide with no statements."""
    return not (slide.claims or slide.passages or slide.quotes or slide.charts or slide.warnings)


def slide_html(slide: SlideReview, listed: Mapping[str, int]) -> str:
    """One slide; ``listed`` gives the deck slide under which each chart record is listed (once
    in the page, under the first chart that shows it)."""
    classes = ["slide"]
    if is_quiet(slide):
        classes.append("quiet")
    elif slide.unsupported_terms:
        classes.append("attention")
    elif slide.count(Grounding.UNCITED):
        classes.append("uncited-slide")
    number = slide.numbers or "\u2014"
    head = (
        f'<header><span class="num">{text(number)}</span><h2>{text(slide.title)}</h2>'
        f'<span class="kind">{text(slide.kind)}</span>{_chips(slide)}'
        f'<span class="where">brief slide {slide.index + 1}, line {slide.line}</span></header>'
    )
    out = [f'<article class="{" ".join(classes)}" id="{anchor(slide)}">', head]
    if slide.claims or slide.quotes or slide.passages:
        out.append(_columns(slide))
    here = slide.parts[0].number if slide.parts else 0
    out.extend(chart_html(chart, here, listed) for chart in slide.charts)
    if len(slide.parts) > 1:
        shown = " \u00b7 ".join(f"{p.number}: {text(p.title)}" for p in slide.parts)
        out.append(f'<p class="parts">Deck slides {text(slide.numbers)} \u2014 {shown}</p>')
    if others := other_warnings(slide):
        out.append('<ul class="slidewarn">' + "".join(_slide_warning(w) for w in others) + "</ul>")
    out.append("</article>")
    return "\n".join(out)


def _chips(slide: SlideReview) -> str:
    chips = []
    if slide.unsupported_terms:
        chips.append(("bad", f"\u2717 {plural(slide.unsupported_terms, 'unsupported term')}"))
    if uncited := slide.count(Grounding.UNCITED):
        chips.append(("warn", f"! {plural(uncited, 'uncited statement')}"))
    if others := other_warnings(slide):
        chips.append(("warn", f"! {plural(len(others), 'other warning')}"))
    if slide.synthesis:
        chips.append(("syn", "whole slide: staff synthesis"))
    elif synthesis := slide.count(Grounding.SYNTHESIS):
        chips.append(("syn", f"{synthesis} staff synthesis"))
    grounded = slide.count(Grounding.GROUNDED)
    if grounded and not (slide.unsupported_terms or slide.count(Grounding.UNCITED)):
        chips.append(("ok", f"\u2713 {grounded} grounded"))
    if slide.quotes:
        chips.append(("ok", "\u2713 verbatim"))
    if is_quiet(slide):
        chips.append(("", "nothing to check"))
    return "".join(
        f'<span class="{f"chip {cls}" if cls else "quietnote"}">{text(label)}</span>' for cls, label in chips
    )


def _columns(slide: SlideReview) -> str:
    said = [claims_html(slide.claims)] if slide.claims else []
    said.extend(quote_html(slide.quotes))
    if not said:
        said.append('<p class="nocite">No statements to check.</p>')
    cited = [passage_html(p) for p in slide.passages] or ['<p class="nocite">Cites no paragraph.</p>']
    return (
        '<div class="cols"><div class="said-col"><h3>On the slide</h3>'
        + "".join(said)
        + '</div><div class="cited"><h3>Cited paragraphs</h3>'
        + "".join(cited)
        + "</div></div>"
    )


def claims_html(claims: tuple[ClaimReview, ...]) -> str:
    return '<ol class="claims">' + "".join(claim_html(c) for c in claims) + "</ol>"


def claim_html(claim: ClaimReview) -> str:
    spans: list[Span] = []
    after: dict[int, str] = {}
    if claim.status in CHECKED:
        for term in claim.terms:
            if term.found:
                spans.append(Span(term.start, term.end, "hit", f"{term.kind}: in \u00b6{term.paragraph}"))
            else:
                spans.append(Span(term.start, term.end, "miss", f"{term.kind}: not in the cited text"))
                after[term.end] = after.get(term.end, "") + _flag(term)
    where = f'<span class="small"> \u00b7 line {claim.line}</span>'
    own = f" \u00b7 cites <code>{text(claim.cite)}</code>" if claim.cite else ""
    return (
        f'<li class="claim {claim.status.value}"><p class="said">{marked(claim.text, spans, after)}</p>'
        f'<p class="how">{_how(claim)}{own}{where}</p></li>'
    )


def _flag(term: TermReview) -> str:
    """The mark after an unsupported term; the statement's last line names what it cites."""
    found = f"it is in {term.elsewhere}" if term.elsewhere else "not in the article"
    return f'<span class="flag">\u2717 {text(found)}</span>'


def _how(claim: ClaimReview) -> str:
    against = ", ".join(f"<code>{text(a)}</code>" for a in claim.against) or "its citation"
    n = len(claim.terms)
    match claim.status:
        case Grounding.GROUNDED if n:
            return f"\u2713 grounded: {plural(n, 'term')} found in {against}"
        case Grounding.GROUNDED:
            return f"\u2713 checked against {against}: no names, numbers or key terms to find"
        case Grounding.UNSUPPORTED:
            missing = len(claim.unsupported)
            return f"\u2717 unsupported: {missing} of {plural(n, 'term')} not in {against}"
        case Grounding.SYNTHESIS:
            return "staff synthesis, not from the source (not checked)"
    return "! uncited: no citation on the statement or its slide"


def quote_html(quotes: tuple[QuoteReview, ...]) -> list[str]:
    out = []
    sentences = [q for q in quotes if q.kind == "excerpt"]
    for q in quotes:
        if q.kind == "quote":
            out.append(f"<blockquote>\u201c{text(q.text)}\u201d</blockquote>")
            out.append(f'<p class="verified">\u2713 {_verbatim(q)}</p>')
    if sentences:
        items = "".join(
            f'<li>{text(q.text)} <span class="verified">\u2713 {_verbatim(q)}</span></li>' for q in sentences
        )
        out.append(f'<p class="h4">Excerpt, sentence by sentence</p><ol class="sentences">{items}</ol>')
    return out


def _verbatim(q: QuoteReview) -> str:
    if q.paragraph is None:
        return f"verified verbatim in <code>{text(q.address)}</code>"
    return f"verified verbatim in \u00b6{q.paragraph} (<code>{text(q.address)}</code>)"


def passage_html(passage: CitedPassage) -> str:
    paras = []
    for para in passage.paragraphs:
        spans = [
            Span(m.start, m.end, "hit", f"on the slide: {m.label}")
            if m.kind == "term"
            else Span(m.start, m.end, "q", m.label)
            for m in para.marks
        ]
        paras.append(
            f'<p class="para"><span class="pnum">\u00b6{para.number}</span> {marked(para.text, spans)}</p>'
        )
    return (
        f'<div class="passage"><p class="cite"><code>{text(passage.address)}</code> '
        f"{text(passage.citation)}</p>{''.join(paras)}</div>"
    )


def chart_html(chart: ChartReview, here: int, listed: Mapping[str, int]) -> str:
    """The chart's figures, slide by slide, and the records behind them that no earlier chart
    has listed; the others are counted, with links to where they are."""
    out = [f'<div class="full chart"><h3>Chart: {text(chart.kind)}</h3>']
    if chart.caption:
        out.append(f'<p class="small">Caption on the slide: {text(chart.caption)}</p>')
    for fig in chart.figures:
        note = f' <span class="small">({text(fig.note)})</span>' if fig.note else ""
        # A title above the table, not its caption: a caption is only as wide as a narrow table.
        out.append(f'<p class="figtitle">Slide {fig.number}: {text(fig.title)}{note}</p>')
        numeric = numeric_columns(fig.columns, fig.rows)
        out.append(table(fig.columns, fig.rows, cls="figtable", numeric=numeric))
    single = sum(1 for r in chart.records if r.single_source)
    out.append(
        f'<p class="h4">{plural(len(chart.records), "record")} behind it, {single} from a single source</p>'
    )
    mine = [r for r in chart.records if listed.get(r.id, here) == here]
    earlier = sorted({listed[r.id] for r in chart.records if listed.get(r.id, here) != here})
    if earlier:
        links = ", ".join(f'<a href="#slide-{n}">slide {n}</a>' for n in earlier)
        count = len(chart.records) - len(mine)
        out.append(f'<p class="small">{plural(count, "record")} listed with the chart on {links}.</p>')
    if mine:
        rows = "".join(_record_row(r) for r in mine)
        out.append(
            '<table class="records"><thead><tr><th scope="col">Record</th>'
            '<th scope="col">What and when</th><th scope="col">Evidence</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )
    out.append("</div>")
    return "".join(out)


def _record_row(record: RecordReview) -> str:
    flag = ' <span class="flag single">single source</span>' if record.single_source else ""
    evidence = "".join(
        "<li>"
        + (f"\u201c{text(ev.quote)}\u201d \u2014 " if ev.quote else "")
        + text(ev.citation)
        + (f" <code>{text(ev.address)}</code>" if ev.address else "")
        + "</li>"
        for ev in record.evidence
    )
    row = '<tr class="single">' if record.single_source else "<tr>"
    return (
        f"{row}"
        f"<td>{text(record.country)}: {text(record.label)}{flag}<br><small>{text(record.id)}</small></td>"
        f"<td>{text(record.kind)}<br><small>{text(record.status)}, {text(record.when)}; "
        f"{text(record.flank)} flank</small></td>"
        f"<td><ul>{evidence}</ul></td></tr>"
    )


def _slide_warning(w: WarningReview) -> str:
    hint = f" \u2014 {text(w.hint)}" if w.hint else ""
    return f"<li>! line {w.line}: {text(w.message)} <code>[{text(w.code)}]</code>{hint}</li>"
