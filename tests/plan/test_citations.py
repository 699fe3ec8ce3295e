"""How sources are credited on slides: footer lines and citation notes, for people and organisations."""

from __future__ import annotations

from pathlib import Path

from deckgen.plan.citations import citation_block, footer_credit, short_author
from deckgen.sources import load_article, parse_address, resolve_address
from deckgen.sources.model import Article
from tests.conftest import SOURCES

REPORT = """\
---
title: Russia in the Sahel
authors:
{authors}
publication: Congressional Research Service
number: IF11234
date: 2022-05-12
attribution: Public domain, a work of the US government.
---

## Overview {{#overview .publication}}

First.

## Added by us {{#ours .editorial}}

Second.
"""


def report(tmp_path: Path, authors: str) -> Article:
    path = tmp_path / "report.md"
    path.write_text(REPORT.format(authors=authors), encoding="utf-8")
    return load_article(path)


def test_an_organisation_is_credited_by_its_whole_name_once(tmp_path: Path) -> None:
    article = report(tmp_path, "  - organization: Congressional Research Service")
    assert short_author(article) == "Congressional Research Service"  # not "Service"
    assert footer_credit([article]) == "Source: Congressional Research Service, 12 May 2022"


def test_people_are_credited_by_surname(tmp_path: Path) -> None:
    seed = load_article(SOURCES / "southern-underbelly.md")
    assert footer_credit([seed]) == "Source: Fix & Kausch, Foreign Policy, May 2022"
    mixed = report(tmp_path, "  - name: Andrew S. Bowen\n  - organization: Congressional Research Service")
    assert short_author(mixed) == "Bowen & Congressional Research Service"
    assert footer_credit([seed, mixed]) == (
        "Source: Fix & Kausch, Foreign Policy, May 2022; "
        "Bowen & Congressional Research Service, Congressional Research Service, 12 May 2022"
    )


def test_citation_notes_name_our_headings_as_ours(tmp_path: Path) -> None:
    article = report(tmp_path, "  - organization: Congressional Research Service")
    passages = tuple(
        resolve_address(article, parse_address(a)) for a in ("report#overview/p1", "report#ours")
    )
    text = citation_block(passages).text
    assert text.splitlines() == [
        "Sources on this slide:",
        "[1] Congressional Research Service, \u201cRussia in the Sahel\u201d, IF11234, 12 May 2022, "
        "\u00a7 Overview, \u00b61.",
        "    \u00b61: \u201cFirst.\u201d",
        "[2] Congressional Research Service, \u201cRussia in the Sahel\u201d, IF11234, 12 May 2022, "
        "\u00b62 [our heading: Added by us].",
        "    \u00b62: \u201cSecond.\u201d",
    ]


def test_synthesis_is_grouped_by_slide_in_order() -> None:
    """Each slide's own-reading text, in the order written, from one pass over the deck's claims."""
    from deckgen.brief.model import Claim, Located
    from deckgen.core.errors import Loc
    from deckgen.plan.citations import synthesis_by_slide
    from deckgen.resolve.grounding import ClaimCheck, Grounding

    def check(slide: int, text: str, status: Grounding) -> ClaimCheck:
        return ClaimCheck(slide, Claim(Located(text, Loc("b.yaml", 1, 1), "k"), synthesis=True), status)

    checks = (
        check(3, "first on 3", Grounding.SYNTHESIS),
        check(1, "on 1", Grounding.SYNTHESIS),
        check(3, "checked, not synthesis", Grounding.GROUNDED),
        check(3, "second on 3", Grounding.SYNTHESIS),
    )
    assert synthesis_by_slide(checks) == {3: ("first on 3", "second on 3"), 1: ("on 1",)}
    assert synthesis_by_slide(()) == {}
