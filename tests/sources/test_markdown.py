"""Article files: front matter, sections and numbered paragraphs, located errors, the library."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.core.errors import DeckgenError, Diagnostic, format_report
from deckgen.sources import SourceLibrary, load_article, parse_article, slugify
from deckgen.sources.model import Author, PubDate

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "briefs" / "sources" / "southern-underbelly.md"

FRONT = """\
---
title: A Test Article
authors:
  - name: Ann Author
    bio: Ann Author writes tests.
publication: Test Weekly
date: 2021-03-04
attribution: Written for these tests.
---
"""
FRONT_LINES = FRONT.count("\n")  # the closing '---' is on this line


def write(tmp_path: Path, text: str, name: str = "test-article.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[Diagnostic]:
    with pytest.raises(DeckgenError) as info:
        load_article(path)
    return list(info.value.diagnostics)


def where(d: Diagnostic) -> tuple[str, int, int]:
    return d.code, d.loc.line, d.loc.col


# -- the seed article --------------------------------------------------------------------------


def test_seed_sections_and_paragraph_numbers() -> None:
    article = load_article(SEED)
    assert [(s.id, [p.number for p in s.paragraphs]) for s in article.sections] == [
        ("strategic-concept", [1]),
        ("two-flanks", [2, 3]),
        ("syria", [4]),
        ("libya", [5]),
        ("sahel", [6]),
        ("roots", [7]),
        ("race", [8]),
        ("nato-must", [9]),
    ]
    assert len(article.paragraphs) == 9
    flanks = article.section("two-flanks")
    assert flanks is not None
    assert [(p.index, p.section_id) for p in flanks.paragraphs] == [(1, "two-flanks"), (2, "two-flanks")]


def test_seed_front_matter() -> None:
    article = load_article(SEED)
    assert article.id == "southern-underbelly"
    assert article.path == SEED
    assert article.title == "NATO Must Contest Russian Moves in Its Southern Underbelly"
    assert article.standfirst == (
        "Putin sees the east and south as key to pushing back the Western alliance\u2019s influence."
    )
    assert article.author_names() == "Liana Fix and Kristina Kausch"
    assert article.authors[0] == Author(
        "Liana Fix",
        "Liana Fix is Program Director for International Affairs at the Koerber Stiftung in Berlin.",
    )
    assert article.authors[1].bio == (
        "Kristina Kausch is Senior Resident Fellow at the German Marshall Fund of the United States "
        "in Brussels and Madrid."
    )
    assert article.publication == "Foreign Policy"
    assert article.date == PubDate(2022, 5)
    assert article.date.display() == "May 2022"
    assert article.url is None
    assert "verbatim" in article.attribution
    assert "OMAR HAJ KADOUR" in article.attribution


def test_seed_keeps_the_article_text_verbatim() -> None:
    paragraphs = load_article(SEED).paragraphs
    assert paragraphs[0].text.startswith("When NATO adopts a new strategic concept at the Madrid summit")
    assert paragraphs[4].text.endswith("air bases in Syria, Libya, and Algeria")  # no full stop
    assert "Central African RepublicMali, and\u00a0Sudan" in paragraphs[5].text
    assert paragraphs[8].text.endswith("one geopolitical arena\u2014and so must we.")
    assert all(p.text == p.text.strip() for p in paragraphs)


def test_seed_lines_point_at_headings_and_paragraphs() -> None:
    article = load_article(SEED)
    lines = SEED.read_text(encoding="utf-8").splitlines()
    for section in article.sections:
        assert lines[section.line - 1].startswith("## ")
        assert lines[section.line - 1].endswith(f"{{#{section.id}}}")
    for paragraph in article.paragraphs:
        assert lines[paragraph.line - 1] == paragraph.text


# -- body structure ----------------------------------------------------------------------------


def test_blocks_join_lines_and_numbers_run_across_sections(tmp_path: Path) -> None:
    body = (
        "\nText before any heading,\nwrapped over two lines.\n\n"
        "## The Sahel\n\nFirst.\n\nSecond\n  continued.   \n"
        "## Next Part {#next}\nThird, right under its heading.\n"
    )
    article = load_article(write(tmp_path, FRONT + body))
    assert [(s.id, s.title, s.line) for s in article.sections] == [
        ("intro", "Introduction", FRONT_LINES + 2),
        ("the-sahel", "The Sahel", FRONT_LINES + 5),
        ("next", "Next Part", FRONT_LINES + 11),
    ]
    assert [(p.number, p.section_id, p.index, p.text, p.line) for p in article.paragraphs] == [
        (1, "intro", 1, "Text before any heading, wrapped over two lines.", FRONT_LINES + 2),
        (2, "the-sahel", 1, "First.", FRONT_LINES + 7),
        (3, "the-sahel", 2, "Second continued.", FRONT_LINES + 9),
        (4, "next", 1, "Third, right under its heading.", FRONT_LINES + 12),
    ]


def test_no_intro_section_without_text_before_the_first_heading(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, FRONT + "\n\n## Only {#only}\n\nText.\n"))
    assert [s.id for s in article.sections] == ["only"]


def test_article_without_headings_is_one_intro_section(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, FRONT + "One.\n\nTwo.\n"))
    assert [(s.id, len(s.paragraphs)) for s in article.sections] == [("intro", 2)]


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("The Sahel", "the-sahel"),
        ("Russia\u2019s \u201cSoft\u201d Underbelly: Part 2", "russias-soft-underbelly-part-2"),
        ("C\u00f4te d'Ivoire \u2014 and  Mali", "cote-divoire-and-mali"),
        ("G5 / Sahel", "g5-sahel"),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_heading_closing_hashes_are_not_part_of_the_title(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, FRONT + "## Roots ##\n\nText.\n"))
    assert [(s.id, s.title) for s in article.sections] == [("roots", "Roots")]


def test_text_is_sanitized_and_crlf_and_bom_are_accepted(tmp_path: Path) -> None:
    text = "\ufeff" + (FRONT + "## A\x0bB {#a}\n\nBad\x0b char\x01.\n").replace("\n", "\r\n")
    article = load_article(write(tmp_path, text))
    assert article.sections[0].title == "AB"
    assert article.paragraphs[0].text == "Bad char."
    assert article.paragraphs[0].line == FRONT_LINES + 3


def test_front_matter_values_are_read_as_written(tmp_path: Path) -> None:
    text = FRONT.replace("title: A Test Article", "title: No").replace(
        "date: 2021-03-04", "date: 2022\nurl: https://example.org/a\nstandfirst: ' Short. '\nid: my-id"
    )
    article = load_article(write(tmp_path, text + "Body.\n"))
    assert article.title == "No"  # not the boolean False
    assert article.date == PubDate(2022)
    assert article.url == "https://example.org/a"
    assert article.standfirst == "Short."
    assert article.id == "my-id"


def test_dates_keep_their_precision(tmp_path: Path) -> None:
    day = load_article(write(tmp_path, FRONT + "Body.\n"))
    assert day.date == PubDate(2021, 3, 4)
    month = parse_article(FRONT.replace("2021-03-04", '"2021-03"') + "Body.\n", path=tmp_path / "m.md")
    assert month.date == PubDate(2021, 3)


def test_id_defaults_to_the_file_stem(tmp_path: Path) -> None:
    assert load_article(write(tmp_path, FRONT + "Body.\n", "sahel-brief.md")).id == "sahel-brief"


def test_image_keys_and_optional_keys_are_accepted(tmp_path: Path) -> None:
    text = FRONT.replace("---\ntitle", "---\nimage_caption: A photo.\nimage_credit: AFP\ntitle", 1)
    article = load_article(write(tmp_path, text + "Body.\n"))
    assert article.standfirst is None and article.url is None


# -- errors --------------------------------------------------------------------------------------


def test_missing_keys_are_reported_together_at_the_closing_line(tmp_path: Path) -> None:
    found = problems(write(tmp_path, "---\ntitle: T\n---\n\nBody.\n"))
    assert [where(d) for d in found] == [("source-missing-key", 3, 1)] * 4
    assert [d.message for d in found] == [
        "the front matter has no 'authors'",
        "the front matter has no 'publication'",
        "the front matter has no 'date'",
        "the front matter has no 'attribution'",
    ]
    assert all(d.hint for d in found)


def test_unknown_keys_suggest_the_near_one(tmp_path: Path) -> None:
    text = FRONT.replace("title:", "titel:").replace("    bio:", "    bios:")
    found = problems(write(tmp_path, text + "Body.\n"))
    unknown = [d for d in found if d.code == "source-unknown-key"]
    assert [(where(d), d.hint) for d in unknown] == [
        (("source-unknown-key", 2, 1), "did you mean 'title'?"),
        (("source-unknown-key", 5, 5), "did you mean 'bio'?"),
    ]
    assert unknown[0].message == "unknown key 'titel' in the front matter"
    assert ("source-missing-key", FRONT_LINES, 1) in [where(d) for d in found]  # title is still missing


def test_unknown_key_without_a_near_one_lists_the_keys(tmp_path: Path) -> None:
    found = problems(write(tmp_path, FRONT.replace("---\n", "---\nzzz: 1\n", 1) + "Body.\n"))
    assert [where(d) for d in found] == [("source-unknown-key", 2, 1)]
    assert found[0].hint is not None and found[0].hint.startswith("the keys are id, title")


@pytest.mark.parametrize(
    ("value", "message", "hint"),
    [
        ("May 2022", "'May 2022' is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD", "`date: 2022-05`"),
        ("May 12, 2022", "'May 12, 2022' is not a date", "`date: 2022-05-12`"),
        ('"22-05"', "'22-05' is not a date", "YYYY-MM-DD"),
        ("2022-13", "the date '2022-13' does not exist", "YYYY-MM"),
        ("2022-02-30", "the date '2022-02-30' does not exist", "YYYY-MM"),
        ("2022-5", "'2022-5' is not a date", "YYYY-MM"),
    ],
)
def test_bad_dates(tmp_path: Path, value: str, message: str, hint: str) -> None:
    found = problems(write(tmp_path, FRONT.replace("2021-03-04", value) + "Body.\n"))
    assert [where(d) for d in found] == [("source-bad-date", 7, 7)]
    assert message in found[0].message
    assert found[0].hint is not None and hint in found[0].hint


def test_duplicate_section_ids(tmp_path: Path) -> None:
    body = "## The Sahel\n\nOne.\n\n## The Sahel\n\nTwo.\n\n## Again {#the-sahel}\n\nThree.\n"
    found = problems(write(tmp_path, FRONT + body))
    first = FRONT_LINES + 1
    assert [where(d) for d in found] == [
        ("source-duplicate-section", first + 4, 4),
        ("source-duplicate-section", first + 8, 12),
    ]
    assert found[0].message == f"section id 'the-sahel' is already used on line {first}"
    assert found[0].hint is not None and "{#the-sahel-2}" in found[0].hint


def test_a_heading_cannot_reuse_the_implicit_intro_id(tmp_path: Path) -> None:
    found = problems(write(tmp_path, FRONT + "Before.\n\n## Intro\n\nAfter.\n"))
    assert [where(d) for d in found] == [("source-duplicate-section", FRONT_LINES + 3, 4)]
    assert f"line {FRONT_LINES + 1}" in found[0].message


def test_no_front_matter(tmp_path: Path) -> None:
    found = problems(write(tmp_path, "# A title\n\nBody.\n"))
    assert [where(d) for d in found] == [("source-no-front-matter", 1, 1)]


def test_unclosed_front_matter(tmp_path: Path) -> None:
    found = problems(write(tmp_path, "---\ntitle: T\n\nBody.\n"))
    assert [where(d) for d in found] == [("source-unclosed-front-matter", 1, 1)]


def test_empty_article(tmp_path: Path) -> None:
    found = problems(write(tmp_path, FRONT + "\n\n"))
    assert [where(d) for d in found] == [("source-empty-article", FRONT_LINES, 1)]


def test_empty_section(tmp_path: Path) -> None:
    found = problems(write(tmp_path, FRONT + "## Empty\n## Full\n\nText.\n"))
    assert [where(d) for d in found] == [("source-empty-section", FRONT_LINES + 1, 1)]


def test_yaml_syntax_error_is_located(tmp_path: Path) -> None:
    text = FRONT.replace("publication: Test Weekly", "publication: Test: Weekly")
    found = problems(write(tmp_path, text + "Body.\n"))
    assert [where(d) for d in found] == [("yaml-syntax", 6, 18)]
    assert found[0].message.startswith("the front matter is not valid YAML: mapping values are not allowed")


def test_unclosed_quote_is_a_yaml_syntax_error(tmp_path: Path) -> None:
    found = problems(write(tmp_path, '---\ntitle: "T\n---\n\nBody.\n'))
    assert [where(d) for d in found] == [("yaml-syntax", 2, 8)]
    assert found[0].message == (
        "the front matter is not valid YAML: found unexpected end of stream while scanning a quoted scalar"
    )


def test_duplicate_front_matter_key(tmp_path: Path) -> None:
    found = problems(write(tmp_path, FRONT.replace("---\n", "---\ntitle: Other\n", 1) + "Body.\n"))
    assert [where(d) for d in found] == [("source-duplicate-key", 3, 1)]
    assert found[0].hint == "it is first set on line 2; keep one of them"


@pytest.mark.parametrize(("heading", "col"), [("# Title", 1), ("### Sub", 1)])
def test_only_level_two_headings(tmp_path: Path, heading: str, col: int) -> None:
    found = problems(write(tmp_path, FRONT + f"{heading}\n\nText.\n"))
    assert [where(d) for d in found] == [("source-bad-heading", FRONT_LINES + 1, col)]


@pytest.mark.parametrize(
    ("heading", "col", "message"),
    [
        ("## P4", 4, "the section id 'p4' would read as a paragraph number in addresses"),
        ("## Range {#p2-p3}", 12, "the section id 'p2-p3' would read as a paragraph number in addresses"),
        ("## The Sahel {#Sahel}", 16, "'Sahel' cannot be a section id"),
        ("## Empty id {#}", 15, "the section id is empty"),
        ("## \u2014", 4, "the heading '\u2014' gives no id"),
    ],
)
def test_bad_section_ids(tmp_path: Path, heading: str, col: int, message: str) -> None:
    found = problems(write(tmp_path, FRONT + f"{heading}\n\nText.\n"))
    assert [where(d) for d in found] == [("source-bad-section-id", FRONT_LINES + 1, col)]
    assert found[0].message == message


def test_wrong_types(tmp_path: Path) -> None:
    text = FRONT.replace("title: A Test Article", "title: [a, b]").replace(
        "publication: Test Weekly", "publication:"
    )
    found = problems(write(tmp_path, text + "Body.\n"))
    assert [where(d) for d in found] == [("source-bad-type", 2, 8), ("source-empty-value", 6, 1)]
    assert found[0].message == "'title' should be text, got a list"


@pytest.mark.parametrize(
    ("authors", "expected"),
    [
        ("authors: Liana Fix", [("source-bad-type", 3, 10)]),
        ("authors:", [("source-empty-value", 3, 1)]),
        ("authors: []", [("source-empty-value", 3, 1)]),
        ("authors:\n  - Liana Fix", [("source-bad-type", 4, 5)]),
        ("authors:\n  - bio: Someone.", [("source-missing-key", 4, 5)]),
    ],
)
def test_bad_authors(tmp_path: Path, authors: str, expected: list[tuple[str, int, int]]) -> None:
    text = FRONT.replace("authors:\n  - name: Ann Author\n    bio: Ann Author writes tests.", authors)
    assert [where(d) for d in problems(write(tmp_path, text + "Body.\n"))] == expected


def test_bad_article_ids(tmp_path: Path) -> None:
    found = problems(write(tmp_path, FRONT.replace("---\n", "---\nid: Bad Id\n", 1) + "Body.\n"))
    assert [where(d) for d in found] == [("source-bad-id", 2, 5)]
    found = problems(write(tmp_path, FRONT + "Body.\n", "Draft Notes.md"))
    assert [where(d) for d in found] == [("source-bad-id", 1, 1)]
    assert found[0].hint is not None and "rename the file" in found[0].hint


def test_every_problem_in_a_file_is_reported_in_file_order(tmp_path: Path) -> None:
    text = FRONT.replace("title:", "titl:").replace("2021-03-04", "2021-3") + "## A\n\nx\n\n## A\n\ny\n"
    found = problems(write(tmp_path, text))
    assert [d.code for d in found] == [
        "source-unknown-key",
        "source-bad-date",
        "source-missing-key",
        "source-duplicate-section",
    ]


def test_missing_and_undecodable_files(tmp_path: Path) -> None:
    assert [d.code for d in problems(tmp_path / "absent.md")] == ["source-not-found"]
    bad = tmp_path / "latin.md"
    bad.write_bytes(b"---\ntitle: Caf\xe9\n---\n")
    assert [where(d) for d in problems(bad)] == [("source-not-utf8", 2, 11)]


def test_report_prints_path_line_col_and_the_source_line(tmp_path: Path) -> None:
    path = write(tmp_path, FRONT.replace("title:", "titel:") + "Body.\n")
    report = format_report(tuple(problems(path)))
    assert f"{path}:2:1: error: unknown key 'titel' in the front matter [source-unknown-key]" in report
    assert "    titel: A Test Article\n    ^~~~~" in report


# -- the library -------------------------------------------------------------------------------


def test_library_lists_files_and_loads_them_lazily(tmp_path: Path) -> None:
    write(tmp_path, FRONT + "Body.\n", "alpha.md")
    broken = write(tmp_path, "no front matter\n", "broken.md")
    write(tmp_path, "Notes for staff.\n", "README.md")
    library = SourceLibrary(tmp_path)
    assert library.folder == tmp_path
    assert library.ids() == ["alpha", "broken"]
    alpha = library.get("alpha")
    assert alpha is not None and alpha.title == "A Test Article"
    assert library.get("alpha") is alpha
    assert library.get("nope") is None
    assert library.get("../alpha") is None
    with pytest.raises(DeckgenError) as info:
        library.get("broken")
    assert [d.loc.path for d in info.value.diagnostics] == [str(broken)]
    with pytest.raises(DeckgenError) as info:
        library.load_all()
    assert [d.code for d in info.value.diagnostics] == ["source-no-front-matter"]
    assert library.suggest("alpah") == ["alpha"]


def test_library_load_all_and_a_missing_folder(tmp_path: Path) -> None:
    write(tmp_path, FRONT + "Body.\n", "b.md")
    write(tmp_path, FRONT + "Body.\n", "a.md")
    assert [a.id for a in SourceLibrary(tmp_path).load_all()] == ["a", "b"]
    empty = SourceLibrary(tmp_path / "missing")
    assert empty.ids() == [] and empty.get("a") is None and empty.load_all() == ()


def test_library_id_must_be_the_file_name(tmp_path: Path) -> None:
    write(tmp_path, FRONT.replace("---\n", "---\n# note\nid: other\n", 1) + "Body.\n", "alpha.md")
    with pytest.raises(DeckgenError) as info:
        SourceLibrary(tmp_path).get("alpha")
    assert [where(d) for d in info.value.diagnostics] == [("source-id-mismatch", 3, 1)]


def test_library_finds_the_seed_article() -> None:
    library = SourceLibrary(SEED.parent)
    assert "southern-underbelly" in library.ids()
    article = library.get("southern-underbelly")
    assert article is not None and len(article.paragraphs) == 9
