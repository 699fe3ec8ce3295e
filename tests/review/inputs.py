"""Briefs the review tests read: the examples, and a small one with every kind of problem,
written beside copies of the example sources (tests/hostile/kit.py)."""

from __future__ import annotations

from pathlib import Path

from deckgen import api
from deckgen.api import ReviewResult
from deckgen.resolve.grounding import ClaimCheck
from tests.conftest import BRIEFS, EXAMPLES
from tests.hostile.kit import project

EXAMPLE_BRIEFS = tuple(BRIEFS / f"{name}.yaml" for name in EXAMPLES)

HEAD = """deck:
  title: "Review <b>test</b>"
  marking: UNCLASSIFIED
  date: 2022-06-20
sources:
  su: southern-underbelly
data:
  presence: data/russian-presence.yaml
"""
INJECTION = "<script>alert('x')</script><img src=x onerror=alert(2)> & Moscow treats the East"
# Slide 1: four names the cited paragraph lacks (each in another one), a bullet that tries to
# inject HTML, a synthesis bullet. Slide 2: uncited. Slide 3: a quote. Slide 4: a chart.
FLAWED = f"""  - kind: bullets
    title: Bottom line
    cite: su#nato-must/p1
    bullets:
      - Its southern footprint reaches from Syria and Libya to Sudan and the Sahel
      - "{INJECTION}"
      - text: Build partnerships where Moscow now leads
        synthesis: true
  - kind: takeaways
    title: Decisions
    bullets:
      - Keep the southern flank in the strategic concept
      - Read the moves together
  - kind: quote
    title: Judgement
    quote: Unfortunately, Russia seems to be winning this race.
    cite: su#race/p1
  - kind: chart
    title: By flank
    chart: flanks
    filter:
      as-of: 2022-05
"""
UNSUPPORTED = ("Syria", "Libya", "Sudan", "Sahel")
# Added to the copy of the article: what an article says is untrusted too.
ARTICLE_INJECTION = " <script>alert(3)</script> & <i>so</i> must we."


# The shipped dataset has no single-source record since its review; the copy gets one, so the
# sheet's single-source flag has something to flag.
SINGLE_SOURCE_RECORD = """
  - id: review-test-single-source
    country: {code: SD, name: Sudan}
    region: horn-red-sea
    kind: naval
    label: A record resting on one article alone (the review test's)
    since: 2020
    status: active
    evidence:
      - cite: su#sahel/p1
        quote: In 2020, Moscow signed an agreement with the government of Sudan to establish a naval base
"""


def flawed(tmp_path: Path) -> Path:
    brief = project(tmp_path, FLAWED, head=HEAD)
    dataset = next((tmp_path).rglob("russian-presence.yaml"))
    dataset.write_text(
        dataset.read_text(encoding="utf-8").rstrip("\n") + "\n" + SINGLE_SOURCE_RECORD, encoding="utf-8"
    )
    source = tmp_path / "sources" / "southern-underbelly.md"
    text = source.read_text(encoding="utf-8")
    end = text.index("\n", text.index("When NATO recalibrates"))
    source.write_text(text[:end] + ARTICLE_INJECTION + text[end:], encoding="utf-8")
    return brief


def grounding(brief: Path) -> tuple[ClaimCheck, ...]:
    """The ClaimChecks of ``deckgen check``: what the review must agree with."""
    resolved = api.check(brief).resolved
    assert resolved is not None
    return resolved.grounding


def reviewed(brief: Path) -> ReviewResult:
    return api.review(brief)
