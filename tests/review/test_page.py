"""The review page, parsed as a browser would: what a reviewer sees at the top and on each slide."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.review.html import render_html
from deckgen.review.model import ReviewSheet, Summary
from tests.review.inputs import (
    ARTICLE_INJECTION,
    EXAMPLE_BRIEFS,
    INJECTION,
    UNSUPPORTED,
    flawed,
    reviewed,
)
from tests.review.page import Element, figures, parse

# The summary card's label for each figure.
LABELS = {
    "unsupported terms": "unsupported_terms",
    "uncited slides": "uncited_slides",
    "warnings": "warnings",
    "staff synthesis statements": "synthesis",
    "slides in the deck": "slides",
    "cited paragraphs": "citations",
    "statements checked": "claims_checked",
    "terms checked": "terms_checked",
    "quotes verified": "quotes_verified",
    "charts": "charts",
    "single-source records": "single_source_records",
}


def page_of(brief: Path) -> tuple[ReviewSheet, Element]:
    sheet = reviewed(brief).sheet
    return sheet, parse(render_html(sheet))


@pytest.fixture
def flawed_page(tmp_path: Path) -> tuple[ReviewSheet, Element]:
    return page_of(flawed(tmp_path))


def _matches_summary(page: Element, summary: Summary) -> None:
    assert figures(page) == {label: getattr(summary, name) for label, name in LABELS.items()}
    (main,) = page.tags("main")  # the slides, below the summary and its legend
    assert len(main.having("claim")) == summary.claims
    assert len(main.having("claim", "synthesis")) == summary.synthesis
    assert len(main.having("claim", "uncited")) == summary.uncited_claims
    assert len(main.having("miss")) == summary.unsupported_terms
    assert len(main.having("flag")) - len(main.having("flag", "single")) == summary.unsupported_terms
    (verdict,) = page.having("verdict")
    assert ("clean" in verdict.classes) == summary.clean


@pytest.mark.parametrize("brief", EXAMPLE_BRIEFS, ids=lambda b: b.stem)
def test_summary_shows_the_sheet_figures(brief: Path) -> None:
    sheet, page = page_of(brief)
    _matches_summary(page, sheet.summary)
    numbers = [e.text for e in page.having("num")]
    assert numbers == [s.numbers for s in sheet.slides]


def test_the_page_needs_nothing_beyond_itself(flawed_page: tuple[ReviewSheet, Element]) -> None:
    _, page = flawed_page
    for tag in ("script", "link", "img", "iframe", "object", "embed"):
        assert page.tags(tag) == [], tag
    ids = {e.attrs["id"] for e in page.walk() if "id" in e.attrs}
    links = [e.attrs["href"] for e in page.tags("a")]
    assert links and all(href.startswith("#") and href[1:] in ids for href in links)
    assert not [e for e in page.walk() if "src" in e.attrs or "style" in e.attrs]


def test_problems_are_at_the_top(flawed_page: tuple[ReviewSheet, Element]) -> None:
    sheet, page = flawed_page
    _matches_summary(page, sheet.summary)
    (verdict,) = page.having("verdict")
    assert "Needs attention" in verdict.text and "1 uncited slide (2)" in verdict.text
    (todo,) = page.having("todo")
    for name in UNSUPPORTED:
        assert f"\u201c{name}\u201d is not in su#nato-must/p1; it is in su#" in todo.text
    assert "2 statements with no citation" in todo.text


def test_an_unsupported_term_is_flagged_with_where_it_is(flawed_page: tuple[ReviewSheet, Element]) -> None:
    sheet, page = flawed_page
    terms = {t.text: t for s in sheet.slides for c in s.claims for t in c.terms if not t.found}
    (claim,) = [c for c in page.having("claim", "unsupported") if "footprint" in c.text]
    (said,) = claim.having("said")
    missing = said.having("miss")
    assert [m.text for m in missing] == list(UNSUPPORTED)
    for miss in missing:
        flag = said.following(miss)
        assert flag is not None and "flag" in flag.classes
        assert flag.text == f"\u2717 it is in {terms[miss.text].elsewhere}"
    (how,) = claim.having("how")
    assert "4 of 4 terms not in su#nato-must/p1" in how.text


def test_matched_terms_are_marked_on_both_sides(flawed_page: tuple[ReviewSheet, Element]) -> None:
    _, page = flawed_page
    (slide,) = [s for s in page.having("slide") if s.attrs["id"] == "slide-1"]
    (said,) = slide.having("said-col")
    (cited,) = slide.having("cited")
    on_slide = {e.text for e in said.having("hit")}
    in_source = {e.text for e in cited.having("hit")}
    assert {"Moscow", "East"} <= on_slide
    assert {"Moscow\u2019s", "East"} <= in_source  # as the article writes them


def test_synthesis_and_uncited_statements_are_marked(flawed_page: tuple[ReviewSheet, Element]) -> None:
    _, page = flawed_page
    (synthesis,) = page.having("claim", "synthesis")
    assert "Build partnerships where Moscow now leads" in synthesis.text
    assert "staff synthesis, not from the source" in synthesis.text
    assert synthesis.having("hit") == [] and synthesis.having("miss") == []
    uncited = page.having("claim", "uncited")
    assert [c.having("said")[0].text for c in uncited] == [
        "Keep the southern flank in the strategic concept",
        "Read the moves together",
    ]
    assert all("uncited: no citation" in c.text for c in uncited)
    (slide,) = [s for s in page.having("slide") if s.attrs["id"] == "slide-2"]
    assert "uncited-slide" in slide.classes


def test_brief_and_article_text_is_escaped(flawed_page: tuple[ReviewSheet, Element]) -> None:
    _, page = flawed_page
    assert page.tags("script") == [] and page.tags("img") == [] and page.tags("b") == []
    assert page.tags("i") == []
    (h1,) = page.tags("h1")
    assert h1.text == "Review: Review <b>test</b>"
    (claim,) = [c for c in page.having("claim") if "alert" in c.text]
    assert claim.having("said")[0].shown(skip="flag") == INJECTION
    paragraphs = [p.text for p in page.having("para")]
    assert any(p.endswith(ARTICLE_INJECTION.strip()) for p in paragraphs)


def test_quotes_say_where_they_were_verified(flawed_page: tuple[ReviewSheet, Element]) -> None:
    sheet, page = flawed_page
    (quote,) = [q for s in sheet.slides for q in s.quotes]
    (verified,) = page.having("verified")
    assert verified.text == f"\u2713 verified verbatim in \u00b6{quote.paragraph} (su#race/p1)"
    (marked,) = page.tags("main")[0].having("q")
    assert marked.text == quote.text


def test_a_chart_shows_its_figures_and_records(flawed_page: tuple[ReviewSheet, Element]) -> None:
    sheet, page = flawed_page
    (chart,) = [c for s in sheet.slides for c in s.charts]
    (table,) = page.having("figtable")
    rows = [[cell.text for cell in row.tags("td")] for row in table.tags("tbody")[0].tags("tr")]
    assert rows == [list(r) for r in chart.figures[0].rows]
    (records,) = page.having("records")
    assert len(records.tags("tbody")[0].tags("tr")) == len(chart.records)
    single = [r for r in chart.records if r.single_source]
    assert single and len(records.having("flag", "single")) == len(single)


def test_follow_on_slides_are_grouped_under_their_brief_slide() -> None:
    sheet, page = page_of(EXAMPLE_BRIEFS[0])
    (check,) = [s for s in sheet.slides if s.kind == "check"]
    first, answer = check.parts
    assert answer.number == first.number + 1
    (article,) = [s for s in page.having("slide") if s.attrs["id"] == f"slide-{first.number}"]
    assert article.having("num")[0].text == f"{first.number}\u2013{answer.number}"
    (parts,) = article.having("parts")
    assert f"{answer.number}: {answer.title}" in parts.text
