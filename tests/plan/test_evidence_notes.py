"""A chart's evidence notes mark each record that rests on a single source, and count them."""

from __future__ import annotations

from pathlib import Path

from deckgen import api
from deckgen.plan.model import NoteBlock, NoteKind
from tests.hostile.kit import HEAD, project

CHART = "  - kind: chart\n    title: C\n    chart: flanks\n"
DATA = HEAD + "data:\n  presence: data/small.yaml\n"
HEADER = """
id: small
title: Small
sources: {su: southern-underbelly}
regions:
  eastern-europe: {name: Eastern Europe, flank: east}
  levant: {name: Levant, flank: south}
kinds:
  naval: {name: Naval base or access}
records:
"""
RECORDS = {
    "two-quotes": """
  - id: two-quotes
    country: {code: SY, name: Syria}
    region: levant
    kind: naval
    label: Two quotes from one article
    since: 2016
    status: active
    evidence:
      - {cite: su#libya/p1, quote: upgrading a naval base in Tartus}
      - {cite: su#syria/p1, quote: "secured Syria's role as a Russian client state"}
""",
    "article-and-ap": """
  - id: article-and-ap
    country: {code: SY, name: Syria}
    region: levant
    kind: naval
    label: The article and AP
    since: 2017-01
    status: active
    evidence:
      - {cite: su#libya/p1, quote: upgrading a naval base in Tartus}
      - {publisher: Associated Press, title: A report, date: 2017-01}
""",
    "ap-twice": """
  - id: ap-twice
    country: {code: RU, name: Russia (Kaliningrad)}
    region: eastern-europe
    kind: naval
    label: Two AP reports
    since: 2018
    status: active
    evidence:
      - {publisher: Associated Press, title: A report, date: 2018-01}
      - {publisher: Associated Press, title: Another report, date: 2018-02}
""",
}


def evidence_notes(tmp_path: Path, *records: str) -> NoteBlock:
    """The evidence notes of a flanks chart of ``records`` (all of them by default)."""
    brief = project(tmp_path, CHART, head=DATA)
    text = HEADER.lstrip("\n") + "".join(RECORDS[r].lstrip("\n") for r in records or RECORDS)
    (tmp_path / "data" / "small.yaml").write_text(text, encoding="utf-8")
    plan = api.check(brief).plan
    (block,) = [b for slide in plan.slides for b in slide.notes if b.kind is NoteKind.EVIDENCE]
    return block


def test_single_source_records_are_marked_and_counted(tmp_path: Path) -> None:
    block = evidence_notes(tmp_path)
    head = block.text.splitlines()[0]
    assert head == "Evidence for this chart (3 records; 2 rest on a single source, marked [single source]):"
    assert block.text == "\n".join([head, *block.entries])
    firsts = {e.splitlines()[0].split(": ", 1)[1].split(" (")[0]: e.splitlines()[0] for e in block.entries}
    assert set(firsts) == {"Two quotes from one article", "The article and AP", "Two AP reports"}
    assert firsts["Two quotes from one article"].endswith(") [single source]")
    assert firsts["Two AP reports"].endswith(") [single source]")
    assert "[single source]" not in firsts["The article and AP"]


def test_one_and_none_single_source(tmp_path: Path) -> None:
    block = evidence_notes(tmp_path / "one", "ap-twice", "article-and-ap")
    assert block.text.splitlines()[0] == (
        "Evidence for this chart (2 records; 1 rests on a single source, marked [single source]):"
    )
    block = evidence_notes(tmp_path / "none", "article-and-ap")
    assert block.text.splitlines()[0] == "Evidence for this chart (1 record; none rests on a single source):"
    assert "[single source]" not in block.text
