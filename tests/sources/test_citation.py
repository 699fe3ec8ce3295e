"""Citations: the publication's own paragraph numbers, headings named as ours when they are,
organisation authors, and a report's series and number."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.core.errors import DeckgenError
from deckgen.sources import load_article, parse_address, resolve_address
from deckgen.sources.citation import full_citation, passage_citation, short_citation
from deckgen.sources.model import Article, Author
from tests.conftest import SOURCES

SEED = (
    "Liana Fix and Kristina Kausch, \u201cNATO Must Contest Russian Moves in Its Southern Underbelly\u201d, "
)

ARTICLE = """\
---
title: Russia in the Sahel
authors:
{authors}
publication: Congressional Research Service
series: Insight
number: IN11916
date: 2022-04-28
headings: {headings}
attribution: Public domain, a work of the US government.
---

Before any heading.

## Overview {{#overview}}

First. Second.

Third.

## Our Part {{#ours .editorial}}

Fourth.

Fifth.
"""
CRS = "  - organization: Congressional Research Service"


def report(tmp_path: Path, authors: str = CRS, headings: str = "publication") -> Article:
    path = tmp_path / "report.md"
    path.write_text(ARTICLE.format(authors=authors, headings=headings), encoding="utf-8")
    return load_article(path)


def label(article: Article, address: str) -> str:
    return resolve_address(article, parse_address(address)).label()


@pytest.fixture(scope="module")
def seed() -> Article:
    return load_article(SOURCES / "southern-underbelly.md")


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("southern-underbelly#syria/p1", "\u00b64 [our heading: Syria as the template]"),
        ("southern-underbelly#syria", "\u00b64 [our heading: Syria as the template]"),
        ("southern-underbelly#two-flanks", "\u00b62\u20133 [our heading: Two flanks, one arena]"),
        ("southern-underbelly#two-flanks/p2", "\u00b63 [our heading: Two flanks, one arena]"),
        ("southern-underbelly#p4-p5", "\u00b64\u20135"),
        ("southern-underbelly", "whole article"),
    ],
)
def test_the_seed_is_cited_by_its_paragraphs_and_our_headings_say_so(
    seed: Article, address: str, expected: str
) -> None:
    assert label(seed, address) == expected
    assert "\u00a7" not in label(seed, address)  # no section sign: Foreign Policy printed no sections


def test_seed_passage_citation_in_full(seed: Article) -> None:
    passage = resolve_address(seed, parse_address("southern-underbelly#syria/p1"))
    assert passage_citation(passage) == (
        SEED + "Foreign Policy, May 2022, \u00b64 [our heading: Syria as the template]."
    )


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("report#overview/p2", "\u00a7 Overview, \u00b63"),
        ("report#overview", "\u00a7 Overview"),
        ("report#ours/p1", "\u00b64 [our heading: Our Part]"),
        ("report#ours", "\u00b64\u20135 [our heading: Our Part]"),
        ("report#intro/p1", "\u00b61 [our heading: Introduction]"),
        ("report#p2-p4", "\u00b62\u20134"),
    ],
)
def test_printed_headings_keep_the_section_sign(tmp_path: Path, address: str, expected: str) -> None:
    assert label(report(tmp_path), address) == expected


def test_headings_editorial_turns_unmarked_headings_into_ours(tmp_path: Path) -> None:
    article = report(tmp_path, headings="editorial")
    assert label(article, "report#overview/p2") == "\u00b63 [our heading: Overview]"


def test_an_organisation_author_is_named_once_with_the_report_number(tmp_path: Path) -> None:
    article = report(tmp_path)
    assert article.authors == (Author("Congressional Research Service", organization=True),)
    assert article.publisher_is_author()
    assert (article.series, article.number, article.report_number()) == (
        "Insight",
        "IN11916",
        "Insight IN11916",
    )
    assert full_citation(article) == (
        "Congressional Research Service, \u201cRussia in the Sahel\u201d, Insight IN11916, 28 April 2022."
    )
    assert short_citation(article) == "Congressional Research Service, 28 April 2022"
    passage = resolve_address(article, parse_address("report#overview/p1"))
    assert passage_citation(passage).endswith("Insight IN11916, 28 April 2022, \u00a7 Overview, \u00b62.")


def test_people_and_organisations_mixed(tmp_path: Path) -> None:
    authors = "  - name: Andrew S. Bowen\n    bio: Analyst.\n" + CRS
    article = report(tmp_path, authors=authors)
    assert article.author_names() == "Andrew S. Bowen and Congressional Research Service"
    assert not article.publisher_is_author()
    assert full_citation(article) == (
        "Andrew S. Bowen and Congressional Research Service, \u201cRussia in the Sahel\u201d, "
        "Congressional Research Service, Insight IN11916, 28 April 2022."
    )


def test_a_number_without_a_series(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    text = ARTICLE.format(authors=CRS, headings="publication").replace("series: Insight\n", "")
    path.write_text(text.replace("number: IN11916", "number: 11916"), encoding="utf-8")
    article = load_article(path)
    assert article.number == "11916"  # text, as written, though YAML would read a number
    assert ", 11916, 28 April 2022." in full_citation(article)


@pytest.mark.parametrize(
    ("entry", "code", "line", "col"),
    [
        ("  - name: Ann Author\n    organization: Some Office", "source-bad-author", 5, 5),
        ("  - bio: Nobody in particular.", "source-missing-key", 4, 5),
        ("  - organization:", "source-empty-value", 4, 5),
        ("  - organisation: Some Office", "source-unknown-key", 4, 5),
    ],
)
def test_an_author_is_a_person_or_an_organisation(
    tmp_path: Path, entry: str, code: str, line: int, col: int
) -> None:
    with pytest.raises(DeckgenError) as info:
        report(tmp_path, authors=entry)
    found = [(d.code, d.loc.line, d.loc.col) for d in info.value.diagnostics]
    assert (code, line, col) in found, found
    assert all(d.hint for d in info.value.diagnostics)
