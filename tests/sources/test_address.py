"""The address grammar: parsing, resolving against the seed article, suggestions, listings."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.sources import (
    AddressError,
    AddressInfo,
    AddressSyntaxError,
    list_addresses,
    load_article,
    parse_address,
    quote_closest,
    resolve_address,
    suggest_sections,
)
from deckgen.sources.model import Address, Article

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "briefs" / "sources" / "southern-underbelly.md"
SU = "southern-underbelly"


@pytest.fixture(scope="module")
def article() -> Article:
    return load_article(SEED)


def numbers(article: Article, text: str) -> list[int]:
    return [p.number for p in resolve_address(article, parse_address(text)).paragraphs]


def resolve_error(article: Article, text: str) -> AddressError:
    with pytest.raises(AddressError) as info:
        resolve_address(article, parse_address(text))
    return info.value


# -- parsing -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("southern-underbelly", Address(SU)),
        ("su#sahel", Address("su", "sahel")),
        ("su#sahel/p2", Address("su", "sahel", 2)),
        ("su#two-flanks/p1-p2", Address("su", "two-flanks", 1, 2)),
        ("su#p4", Address("su", None, 4)),
        ("su#p4-p5", Address("su", None, 4, 5)),
        ("a1#g5-sahel/p10-p12", Address("a1", "g5-sahel", 10, 12)),
        ("2022-report#x", Address("2022-report", "x")),
        # Only fragments made of p, digits and '-' are paragraphs; these are sections.
        ("su#p4-policy", Address("su", "p4-policy")),
        ("su#p2x", Address("su", "p2x")),
        ("su#policy", Address("su", "policy")),
    ],
)
def test_parse(text: str, expected: Address) -> None:
    assert parse_address(text) == expected
    assert str(parse_address(text)) == text


def test_a_one_paragraph_range_is_that_paragraph() -> None:
    assert parse_address("su#sahel/p2-p2") == parse_address("su#sahel/p2") == Address("su", "sahel", 2)


@pytest.mark.parametrize(
    ("text", "offset", "message", "hint"),
    [
        ("", 0, "the address is empty", "write an article id"),
        ("#sahel", 0, "the address has no article id before '#'", "start with the article id"),
        ("su#", 2, "nothing follows '#'", "drop the '#'"),
        ("su#sahel#p1", 8, "an address has at most one '#'", "underbelly#sahel/p2"),
        ("su#p0", 4, "paragraphs are numbered from p1", "the first paragraph is p1"),
        ("su#sahel/p0", 10, "paragraphs are numbered from p1", "p1"),
        ("su#p3-p2", 6, "the range p3-p2 runs backwards", "write p2-p3"),
        ("su#sahel/p3-p2", 12, "the range p3-p2 runs backwards", "write p2-p3"),
        ("su#sahel/", 9, "expected a paragraph such as p2", "p<number>"),
        ("su#sahel/2", 9, "expected a paragraph such as p2, got '2'", "write p2"),
        ("su#sahel/p", 10, "'p' needs a paragraph number", "p<number>"),
        ("su#sahel/p2x", 11, "unexpected 'x' after p2", "p<first>-p<last>"),
        ("su#sahel/p2-", 12, "expected a paragraph such as p2", "p<number>"),
        ("su#sahel/p2-p3-p4", 14, "unexpected '-' after p2-p3", "nothing follows it"),
        ("su#p3-4", 6, "expected a paragraph such as p2, got '4'", "write p4"),
        ("su#p01", 4, "p01 has a leading zero", "write p1"),
        ("su#Sahel", 3, "unexpected 'S' in the section id 'Sahel'", "ids are lowercase: 'sahel'"),
        ("su#sa hel", 5, "unexpected ' ' in the section id 'sa hel'", "no spaces"),
        ("su#sahel_2", 8, "unexpected '_' in the section id 'sahel_2'", "a-z, 0-9 and '-'"),
        ("su#-sahel", 3, "unexpected '-' in the section id '-sahel'", "start with a letter or digit"),
        ("Southern-underbelly#sahel", 0, "unexpected 'S' in the article id", "'southern-underbelly'"),
        ("su/p1", 2, "unexpected '/' in the article id 'su/p1'", "needs a '#'"),
        ("su#/p1", 3, "no section id between '#' and '/'", "#p4"),
        ("su#p1/p2", 3, "'p1' is a paragraph, not a section", "#p1"),
        ("su#sahel/sub", 9, "expected a paragraph such as p2, got 'sub'", "p<number>"),
    ],
)
def test_malformed_addresses(text: str, offset: int, message: str, hint: str) -> None:
    with pytest.raises(AddressSyntaxError) as info:
        parse_address(text)
    assert info.value.offset == offset
    assert message in info.value.message
    assert hint in info.value.hint
    assert str(info.value) == info.value.message


# -- resolving -----------------------------------------------------------------------------------


def test_whole_article_and_sections(article: Article) -> None:
    assert numbers(article, SU) == list(range(1, 10))
    assert numbers(article, f"{SU}#two-flanks") == [2, 3]
    assert numbers(article, f"{SU}#sahel") == [6]
    passage = resolve_address(article, parse_address(f"{SU}#two-flanks"))
    assert passage.text == "\n\n".join(p.text for p in article.paragraphs[1:3])


def test_paragraphs_within_a_section(article: Article) -> None:
    passage = resolve_address(article, parse_address(f"{SU}#two-flanks/p2"))
    assert [p.number for p in passage.paragraphs] == [3]
    assert passage.text.startswith(
        "That perception was exposed as fiction by Russia\u2019s invasion of Ukraine"
    )
    assert numbers(article, f"{SU}#two-flanks/p1-p2") == [2, 3]
    sahel = resolve_address(article, parse_address(f"{SU}#sahel/p1"))
    assert sahel.text.startswith("More recently, Russia has also expanded its reach in sub-Saharan Africa")
    assert "Central African RepublicMali" in sahel.text


def test_article_wide_paragraphs(article: Article) -> None:
    passage = resolve_address(article, parse_address(f"{SU}#p4"))
    assert [(p.section_id, p.index) for p in passage.paragraphs] == [("syria", 1)]
    assert passage.text.startswith("Internationally isolated after annexing Crimea in 2014")
    assert numbers(article, f"{SU}#p4-p5") == [4, 5]
    assert numbers(article, f"{SU}#p9") == [9]
    assert resolve_address(article, parse_address(f"{SU}#p5")).text.endswith("Libya, and Algeria")


def test_unknown_section_suggests_the_near_one(article: Article) -> None:
    error = resolve_error(article, f"{SU}#sahell")
    assert error.message == "'southern-underbelly' has no section 'sahell'"
    assert error.hint == "did you mean 'sahel'? (`deckgen sections southern-underbelly` lists them)"
    assert str(error) == error.message


def test_unknown_section_without_a_near_one_lists_them(article: Article) -> None:
    error = resolve_error(article, f"{SU}#zzz/p1")
    assert error.hint == (
        "its sections are strategic-concept, two-flanks, syria, libya, sahel, roots, race, nato-must "
        "(`deckgen sections southern-underbelly` lists them)"
    )


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        (f"{SU}#sahel/p2", "section 'sahel' has no paragraph p2", "section 'sahel' has only p1"),
        (
            f"{SU}#two-flanks/p3",
            "section 'two-flanks' has no paragraph p3",
            "section 'two-flanks' has paragraphs p1-p2",
        ),
        (
            f"{SU}#two-flanks/p2-p4",
            "section 'two-flanks' has no paragraph p4 (asked for p2-p4)",
            "section 'two-flanks' has paragraphs p1-p2",
        ),
        (
            f"{SU}#p10",
            "'southern-underbelly' has no paragraph p10",
            "'southern-underbelly' has paragraphs p1-p9",
        ),
        (
            f"{SU}#p8-p12",
            "'southern-underbelly' has no paragraph p12 (asked for p8-p12)",
            "'southern-underbelly' has paragraphs p1-p9",
        ),
    ],
)
def test_paragraph_out_of_range(article: Article, text: str, message: str, hint: str) -> None:
    error = resolve_error(article, text)
    assert (error.message, error.hint) == (message, hint)


def test_an_address_for_another_article_is_refused(article: Article) -> None:
    error = resolve_error(article, "other#sahel")
    assert error.message == "the address names article 'other', not 'southern-underbelly'"


def test_hand_built_addresses_are_checked(article: Article) -> None:
    for address in (Address(SU, None, None, 3), Address(SU, "sahel", 0), Address(SU, None, 5, 4)):
        with pytest.raises(AddressError):
            resolve_address(article, address)
    # A single paragraph may be written with last == first.
    assert [p.number for p in resolve_address(article, Address(SU, None, 7, 7)).paragraphs] == [7]


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        ("sahell", ["sahel"]),
        ("Sahel", ["sahel"]),
        ("the-sahel", ["sahel"]),
        ("strategic", ["strategic-concept"]),
        ("two-flank", ["two-flanks"]),
        ("nato", ["nato-must"]),
        ("zzz", []),
    ],
)
def test_suggest_sections(article: Article, wrong: str, expected: list[str]) -> None:
    assert suggest_sections(article, wrong) == expected


# -- listing -------------------------------------------------------------------------------------


def test_list_addresses_in_document_order(article: Article) -> None:
    infos = list_addresses(article)
    assert infos[:5] == (
        AddressInfo(SU, 1, "NATO Must Contest Russian Moves in Its Southern \u2026"),
        AddressInfo(f"{SU}#strategic-concept", 31, "A new strategic concept", "editorial"),
        AddressInfo(f"{SU}#strategic-concept/p1", 33, "When NATO adopts a new strategic concept at \u2026"),
        AddressInfo(f"{SU}#p1", 33, "When NATO adopts a new strategic concept at \u2026"),
        AddressInfo(f"{SU}#two-flanks", 35, "Two flanks, one arena", "editorial"),
    )
    assert [i.address for i in infos[5:9]] == [
        f"{SU}#two-flanks/p1",
        f"{SU}#p2",
        f"{SU}#two-flanks/p2",
        f"{SU}#p3",
    ]
    assert len(infos) == 1 + len(article.sections) + 2 * len(article.paragraphs)
    assert [i.line for i in infos] == sorted(i.line for i in infos)


def test_every_listed_address_resolves_to_its_line(article: Article) -> None:
    for info in list_addresses(article):
        passage = resolve_address(article, parse_address(info.address))
        assert str(passage.address) == info.address
        assert passage.paragraphs
        if passage.address.first is not None:
            assert passage.paragraphs[0].line == info.line


# -- closest sentence for a quote that does not match ---------------------------------------------


def test_quote_closest_finds_the_misquoted_sentence(article: Article) -> None:
    text = resolve_address(article, parse_address(f"{SU}#sahel")).text
    quote = "Moscow is repeating its play-book: capturing embattled elites of strategically located countries"
    assert quote_closest(text, quote) == (
        "Moscow is repeating its playbook: capturing embattled authoritarian elites of strategically "
        "located countries, securing military positions, exploiting natural resources, training "
        "fighters, and testing weapons."
    )


def test_quote_closest_compares_a_bounded_part_of_a_huge_quote(
    article: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A 100,000-character quote took 5 s: difflib is quadratic, and every window of the passage
    # up to its whole length was compared with all of it.
    import difflib

    import deckgen.sources.matching as matching

    work = 0

    class Counting(difflib.SequenceMatcher[str]):
        def ratio(self) -> float:
            nonlocal work
            work += len(self.a) * len(self.b)
            return super().ratio()

    monkeypatch.setattr(matching, "SequenceMatcher", Counting)
    text = resolve_address(article, parse_address(f"{SU}#sahel")).text
    quote = "Moscow is repeating its play-book: capturing embattled elites. " + "lorem ipsum " * 8_000
    assert quote_closest(text, quote).startswith("Moscow is repeating its playbook")
    assert work < 20_000_000, work


def test_quote_closest_can_span_sentences(article: Article) -> None:
    text = resolve_address(article, parse_address(f"{SU}#race")).text
    quote = (
        "Russia seems to be winning the race. As France withdraws its troops from Mali, Russia keeps "
        "a sizeable footprint in the country."
    )
    closest = quote_closest(text, quote)
    assert closest.startswith("Unfortunately, Russia seems to be winning this race. As France")
    assert closest.endswith("for deployment in Ukraine.")


def test_quote_closest_of_nothing() -> None:
    assert quote_closest("", "anything") == ""
