"""The grounding check: terms of authored text against the paragraphs cited, through the CLI
and the library, on briefs beside copies of the example sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen import api
from deckgen.plan.model import NoteKind
from deckgen.resolve.grounding import Grounding
from deckgen.resolve.terms import TermKind, extract_terms, find, known_names, tokens
from tests.hostile.kit import HEAD, project, run

CITED = HEAD + "sources:\n  su: southern-underbelly\n"


def brief(tmp_path: Path, body: str) -> Path:
    return project(tmp_path, body, head=CITED)


# -- terms ---------------------------------------------------------------------------------------


def test_names_numbers_quoted_words_and_key_terms_are_found() -> None:
    text = 'In 2020 Moscow agreed a naval base in Port Sudan, a "maritime choke point" for NATO\'s G5 worries'
    found = [(t.text, t.kind) for t in extract_terms(text)]
    assert found == [
        ("2020", TermKind.NUMBER),
        ("Moscow", TermKind.NAME),
        ("naval base", TermKind.KEY),
        ("Port Sudan", TermKind.NAME),
        ("maritime choke point", TermKind.QUOTED),
        ("NATO's", TermKind.NAME),
        ("G5", TermKind.NAME),
    ]


def test_an_ordinary_word_opening_a_sentence_is_not_a_name() -> None:
    names = known_names(["Russia backed Haftar in Libya.", "It spoke to Wagner."])
    text = "Treated as a separate file. Wagner arrived. Only then did Libya matter."
    assert [t.text for t in extract_terms(text, names=names)] == ["Wagner", "Libya"]


@pytest.mark.parametrize(
    ("claim", "paragraph"),
    [
        ("Turkish support", "the intervention of the Turks"),  # demonym and plural
        ("Moscow's reach", "Russia expanded its reach"),  # an equivalent name, a possessive
        ("three bases", "3 air bases"),  # a number word, a plural
        ("2,000 troops", "some 2000 troops"),  # thousands separators
        ("the Central African Republic", "in the Central African RepublicMali, and Sudan"),  # run together
        ("a choke-point", "a maritime choke point"),  # hyphens
    ],
)
def test_normal_forms_match_across_spelling(claim: str, paragraph: str) -> None:
    term = extract_terms(claim, names=known_names([]))[0]
    assert find(term.tokens, tokens(paragraph)) is not None, (term, tokens(paragraph))


def test_a_different_word_does_not_match() -> None:
    (term,) = extract_terms("based at Port Sudan")
    assert find(term.tokens, tokens("a naval base in Sudan, on the Red Sea")) is None


# -- the check, through the CLI -----------------------------------------------------------------


def test_an_unsupported_name_is_located_and_points_to_the_paragraph_that_has_it(tmp_path: Path) -> None:
    path = brief(
        tmp_path,
        "  - kind: bullets\n    title: A\n    cite: su#nato-must/p1\n    bullets:\n"
        "      - Putin sees the East and the South as one\n      - Its reach runs to Port Sudan\n",
    )
    result = run("check", path)
    assert result.exit_code == 0, result.output
    line = f"{path}:12:9: warning: name 'Port Sudan' is not in su#nato-must/p1 [unsupported-term]"
    assert line in result.output
    assert "it is in su#sahel/p1: cite that" in result.output
    assert "'Putin'" not in result.output and "'East'" not in result.output  # both are in the paragraph
    strict = run("check", "--strict", path)
    assert strict.exit_code == 1 and "[unsupported-term]" in strict.output


def test_a_bullet_cites_for_itself_and_its_sub_points(tmp_path: Path) -> None:
    path = brief(
        tmp_path,
        "  - kind: bullets\n    title: A\n    cite: su#nato-must/p1\n    bullets:\n"
        "      - text: Moscow signed with Sudan in 2020\n        cite: su#sahel/p1\n"
        "        bullets: [A naval base in Port Sudan]\n",
    )
    result = api.check(path)
    assert result.diagnostics == ()
    assert result.resolved is not None
    checks = result.resolved.grounding
    assert [c.status for c in checks] == [Grounding.GROUNDED, Grounding.GROUNDED]
    matched = {m.term.text: (m.where.number if m.where else None) for c in checks for m in c.terms}
    assert matched == {"Moscow": 6, "Sudan": 6, "2020": 6, "naval base": 6, "Port Sudan": 6}


def test_synthesis_is_accepted_and_said_in_the_notes(tmp_path: Path) -> None:
    path = brief(
        tmp_path,
        "  - kind: bullets\n    title: A\n    cite: su#nato-must/p1\n    bullets:\n"
        "      - {text: Build partnerships in Egypt, synthesis: true}\n      - Putin sees both flanks\n"
        "  - kind: scenario\n    title: S\n    synthesis: true\n    situation: It is June 2022 in Cairo.\n"
        "    tasks: [Brief]\n",
    )
    result = api.check(path, strict=True)
    assert result.resolved is not None
    statuses = [c.status for c in result.resolved.grounding]
    assert statuses == [Grounding.SYNTHESIS, Grounding.GROUNDED, Grounding.SYNTHESIS]
    notes = {s.title: [n for n in s.notes if n.kind is NoteKind.SYNTHESIS] for s in result.plan.slides}
    assert notes["A"][0].text == "Staff synthesis, not from the source:\n- Build partnerships in Egypt"
    assert "all text on this slide" in notes["S"][0].text


def test_text_with_no_citation_is_an_uncited_claim_once_per_slide(tmp_path: Path) -> None:
    path = brief(
        tmp_path,
        "  - kind: takeaways\n    bullets: [Russia is winning, Mali matters]\n"
        "  - kind: check\n    title: C\n    question: Which port?\n    answer: Port Sudan\n"
        "  - kind: objectives\n    objectives: [Explain the south]\n"  # objectives state no facts
        "  - kind: image\n    title: P\n    image: pic.png\n    alt: A map.\n",  # no caption, no claim
    )
    picture = Path(__file__).parents[2] / "assets" / "images" / "two-flanks.png"
    (tmp_path / "pic.png").write_bytes(picture.read_bytes())
    result = run("check", path)
    lines = [line for line in result.output.splitlines() if "[uncited-claim]" in line]
    assert lines == [
        f"{path}:8:15: warning: slide 1 \"Key takeaways\" makes 2 statements with no 'cite' [uncited-claim]",
        f"{path}:11:15: warning: slide 2 \"C\" makes a statement with no 'cite' [uncited-claim]",
    ], result.output


def test_a_yes_for_synthesis_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = brief(tmp_path, "  - kind: bullets\n    title: A\n    synthesis: yes\n    bullets: [a]\n")
    result = run("check", path)
    assert result.exit_code == 1
    assert f"{path}:9:16: error: 'synthesis' should be true or false" in result.output
    assert "hint: write true or false" in result.output


@pytest.mark.parametrize("name", ["southern-flank-training", "southern-flank-readahead"])
def test_the_example_briefs_are_grounded(name: str) -> None:
    root = Path(__file__).parents[2]
    result = api.check(root / "briefs" / f"{name}.yaml", strict=True)
    assert result.resolved is not None
    checks = result.resolved.grounding
    assert not [c for c in checks if c.status in (Grounding.UNSUPPORTED, Grounding.UNCITED)]
    assert sum(len(c.terms) for c in checks) > 10  # the check looked at something
