"""The review sheet agrees with what ``deckgen check`` found: figures, terms, quotes, charts, JSON."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from deckgen import api
from deckgen.charts.model import CategoryTable
from deckgen.dataset.model import SourceEvidence
from deckgen.resolve.grounding import Grounding
from deckgen.resolve.model import ResolvedChart
from deckgen.review.html import render_html
from deckgen.review.model import ReviewSheet
from tests.review.inputs import EXAMPLE_BRIEFS, UNSUPPORTED, flawed, grounding, reviewed


@pytest.fixture(scope="module")
def examples() -> dict[Path, ReviewSheet]:
    return {brief: reviewed(brief).sheet for brief in EXAMPLE_BRIEFS}


@pytest.mark.parametrize("which", ["training", "readahead", "flawed"])
def test_summary_figures_are_the_claim_checks(which: str, tmp_path: Path) -> None:
    brief = flawed(tmp_path) if which == "flawed" else next(b for b in EXAMPLE_BRIEFS if which in b.name)
    checks = grounding(brief)
    checked = [c for c in checks if c.status in (Grounding.GROUNDED, Grounding.UNSUPPORTED)]
    result = api.check(brief)
    s = reviewed(brief).sheet.summary
    assert s.slides == len(result.plan.slides)
    assert s.claims == len(checks)
    assert s.claims_checked == len(checked)
    assert s.terms_checked == sum(len(c.terms) for c in checked)
    assert s.unsupported_terms == sum(len(c.unsupported) for c in checks)
    assert s.synthesis == sum(1 for c in checks if c.status is Grounding.SYNTHESIS)
    assert s.uncited_slides == len({c.slide for c in checks if c.status is Grounding.UNCITED})
    assert s.warnings == len(result.diagnostics)
    assert s.clean == (not result.diagnostics)
    if which == "flawed":
        assert s.unsupported_terms >= len(UNSUPPORTED) and s.uncited_slides == 1 and s.synthesis == 1
        assert s.quotes_verified == 1 and s.charts == 1 and not s.clean


def test_every_deck_slide_once_in_deck_order(examples: dict[Path, ReviewSheet]) -> None:
    for brief, sheet in examples.items():
        plan = api.check(brief).plan
        numbers = [p.number for s in sheet.slides for p in s.parts]
        assert numbers == list(range(1, len(plan.slides) + 1)), brief
        for slide in sheet.slides:
            # Follow-on slides (a check's answer, a continued timeline) sit under their brief slide.
            assert [p.title for p in slide.parts] == [plan.slides[p.number - 1].title for p in slide.parts]
            assert all(plan.slides[p.number - 1].index == slide.index for p in slide.parts)
    training = examples[EXAMPLE_BRIEFS[0]]
    assert any(len(s.parts) > 1 for s in training.slides), "the knowledge check has an answer slide"


def test_an_unsupported_term_says_where_the_article_has_it(tmp_path: Path) -> None:
    brief = flawed(tmp_path)
    sheet = reviewed(brief).sheet
    claims = {c.key: c for s in sheet.slides for c in s.claims}
    missing = {}
    for check in grounding(brief):
        review = claims[check.claim.text.key]
        assert review.status is check.status
        for match, term in zip(check.terms, review.terms, strict=True):
            assert (term.text, term.found, term.elsewhere) == (
                match.term.text,
                match.where is not None,
                match.elsewhere,
            )
            if not term.found:
                missing[term.text] = term.elsewhere
    assert set(UNSUPPORTED) <= set(missing)
    assert all(str(missing[name]).startswith("su#") for name in UNSUPPORTED), missing


def test_matched_terms_are_marked_in_the_cited_paragraph(examples: dict[Path, ReviewSheet]) -> None:
    marked = 0
    for sheet in examples.values():
        for slide in sheet.slides:
            paragraphs = {(p.address, p.number): p for c in slide.passages for p in c.paragraphs}
            for claim in slide.claims:
                for term in claim.terms:
                    if not term.found:
                        continue
                    assert term.address is not None and term.span is not None
                    para = paragraphs[term.address, term.paragraph]
                    spans = {(m.start, m.end) for m in para.marks if m.kind == "term"}
                    assert term.span in spans
                    marked += 1
    assert marked > 20


def test_quotes_are_verified_in_their_paragraph(tmp_path: Path) -> None:
    sheet = reviewed(flawed(tmp_path)).sheet
    (quote,) = [q for s in sheet.slides for q in s.quotes]
    (slide,) = [s for s in sheet.slides if s.quotes]
    (para,) = slide.passages[0].paragraphs
    assert quote.paragraph == para.number and quote.address == "su#race/p1"
    (mark,) = [m for m in para.marks if m.kind == "quote"]
    assert para.text[mark.start : mark.end] == quote.text


def test_chart_figures_and_single_source_records(examples: dict[Path, ReviewSheet]) -> None:
    brief = EXAMPLE_BRIEFS[1]
    resolved = api.check(brief).resolved
    assert resolved is not None
    charts = [rs for rs in resolved.slides if isinstance(rs, ResolvedChart)]
    reviews = [c for s in examples[brief].slides for c in s.charts]
    assert len(reviews) == len(charts)
    for rs, review in zip(charts, reviews, strict=True):
        assert [r.id for r in review.records] == [r.id for r in rs.chart.records]
        for record, shown in zip(rs.chart.records, review.records, strict=True):
            # The dataset's rule, restated: an article once, a publisher once.
            sources = {
                ev.address.split("#")[0] if isinstance(ev, SourceEvidence) else ev.publisher
                for ev in record.evidence
            }
            assert shown.sources == len(sources) == record.strength.sources
            assert shown.single_source == (len(sources) == 1) == record.strength.single_source
            assert len(shown.evidence) == len(record.evidence)
        table = rs.chart.table
        if isinstance(table, CategoryTable):
            (figure,) = review.figures
            assert [row[0] for row in figure.rows] == list(table.categories)
            assert figure.columns[1:-1] == tuple(s.name for s in table.series)
    summary = examples[brief].summary
    assert summary.single_source_records == len({r.id for c in reviews for r in c.records if r.single_source})


def test_json_has_the_same_content(tmp_path: Path) -> None:
    sheet = reviewed(flawed(tmp_path)).sheet
    data = json.loads(sheet.to_json())
    assert data["format"] == "deckgen-review/1"
    assert data["summary"] == {**dataclasses.asdict(sheet.summary), "clean": False}
    assert list(data) == [
        "format",
        "brief",
        "title",
        "subtitle",
        "date",
        "marking",
        "summary",
        "slides",
        "warnings",
    ]
    assert len(data["slides"]) == len(sheet.slides)
    claim = data["slides"][0]["claims"][0]
    assert list(claim) == ["text", "line", "col", "key", "status", "cite", "against", "terms"]
    assert claim["status"] == "unsupported"
    missing = [t for t in claim["terms"] if not t["found"]]
    assert [t["text"] for t in missing] == list(UNSUPPORTED)
    assert all(t["elsewhere"].startswith("su#") for t in missing)
    assert len(data["warnings"]) == data["summary"]["warnings"]


def test_same_brief_same_bytes(tmp_path: Path) -> None:
    brief = flawed(tmp_path)
    first, second = reviewed(brief).sheet, reviewed(brief).sheet
    assert first == second
    assert render_html(first) == render_html(second)
    assert first.to_json() == second.to_json()
