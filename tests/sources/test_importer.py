"""The plain-text importer: the seed article, caption and author detection, placeholders."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from deckgen.sources import import_text, load_article, parse_article
from deckgen.sources.importer import PLACEHOLDER
from deckgen.sources.model import Author, PubDate
from tests.conftest import ROOT, SEED_TXT

SEED_MD = ROOT / "briefs" / "sources" / "southern-underbelly.md"

SIMPLE = """\
A Headline: With a Colon

The first paragraph, which has
two lines and two sentences. Here is the second one.

The second paragraph.
"""


def imported(tmp_path: Path, text: str, article_id: str = "sample") -> tuple[str, Path]:
    source = import_text(text, article_id=article_id)
    path = tmp_path / f"{article_id}.md"
    path.write_text(source, encoding="utf-8")
    return source, path


def front_matter(source: str) -> dict[str, object]:
    data = yaml.safe_load(source.split("---\n")[1])
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def seed_source() -> str:
    return import_text(SEED_TXT.read_text(encoding="utf-8"), article_id="southern-underbelly")


def test_seed_imports_the_same_paragraphs_as_the_edited_source(seed_source: str, tmp_path: Path) -> None:
    article = parse_article(seed_source, path=tmp_path / "southern-underbelly.md")
    edited = load_article(SEED_MD)
    assert [p.text for p in article.paragraphs] == [p.text for p in edited.paragraphs]
    assert [(s.id, s.title, len(s.paragraphs)) for s in article.sections] == [("intro", "Introduction", 9)]


def test_seed_paragraphs_are_the_plain_text_blocks_verbatim(seed_source: str, tmp_path: Path) -> None:
    raw = SEED_TXT.read_text(encoding="utf-8").split("\n\n")
    # Caption, captioned credit, title and standfirst come first; two author lines come last.
    body = [block.strip() for block in raw[4:-2]]
    article = parse_article(seed_source, path=tmp_path / "southern-underbelly.md")
    assert [p.text for p in article.paragraphs] == body
    assert "Central African RepublicMali" in article.paragraphs[5].text
    assert article.paragraphs[4].text.endswith("Libya, and Algeria")


def test_seed_front_matter(seed_source: str, tmp_path: Path) -> None:
    article = parse_article(seed_source, path=tmp_path / "southern-underbelly.md")
    assert article.id == "southern-underbelly"
    assert article.title == "NATO Must Contest Russian Moves in Its Southern Underbelly"
    assert article.standfirst == (
        "Putin sees the east and south as key to pushing back the Western alliance\u2019s influence."
    )
    assert article.authors == (
        Author(
            "Liana Fix",
            "Liana Fix is Program Director for International Affairs at the Koerber Stiftung in Berlin.",
        ),
        Author(
            "Kristina Kausch",
            "Kristina Kausch is Senior Resident Fellow at the German Marshall Fund of the United States "
            "in Brussels and Madrid.",
        ),
    )
    assert article.publication == PLACEHOLDER
    assert article.attribution.startswith(PLACEHOLDER)
    assert article.date == PubDate(2022)  # the latest year the text mentions, marked CHECK
    meta = front_matter(seed_source)
    assert meta["image_caption"] == (
        "People raise flags of Ukraine and of the Syrian opposition during a demonstration against "
        "Russia's invasion of Ukraine in the city of Binnish in Syria's northwestern rebel-held Idlib "
        "province on April 1, 2022."
    )
    assert meta["image_credit"] == "AFP via Getty Images / OMAR HAJ KADOUR"


def test_seed_output_tells_staff_what_to_finish(seed_source: str) -> None:
    lines = seed_source.splitlines()
    assert lines[0] == "---"
    assert lines[1].startswith("# ")
    comment = "\n".join(line for line in lines if line.startswith("#"))
    assert "## Heading {#short-id}" in comment
    assert "CHECK" in comment
    assert "CHECK" in next(line for line in lines if line.startswith("date:"))
    assert "CHECK" in next(line for line in lines if line.startswith("publication:"))


def test_seed_import_is_deterministic(seed_source: str) -> None:
    again = import_text(SEED_TXT.read_text(encoding="utf-8"), article_id="southern-underbelly")
    assert again == seed_source
    crlf = SEED_TXT.read_text(encoding="utf-8").replace("\n", "\r\n")
    assert import_text(crlf, article_id="southern-underbelly") == seed_source


def test_plain_article_without_caption_or_authors(tmp_path: Path) -> None:
    source, path = imported(tmp_path, SIMPLE)
    article = load_article(path)
    assert article.title == "A Headline: With a Colon"
    # Two sentences, so the first paragraph is not taken for a standfirst.
    assert article.standfirst is None
    assert [p.text for p in article.paragraphs] == [
        "The first paragraph, which has two lines and two sentences. Here is the second one.",
        "The second paragraph.",
    ]
    assert article.authors == (Author(PLACEHOLDER),)
    assert article.date == PubDate(1900)
    assert "image_caption" not in front_matter(source)


def test_title_words_stay_text(tmp_path: Path) -> None:
    _, path = imported(tmp_path, "No\n\nYes: it is a body paragraph. It has two sentences.\n")
    assert load_article(path).title == "No"


def test_caption_repeated_without_a_credit(tmp_path: Path) -> None:
    text = "A photo.\n\nA photo.\n\nTitle\n\nStandfirst line.\n\nBody one. Body two.\n"
    source, path = imported(tmp_path, text)
    meta = front_matter(source)
    assert meta["image_caption"] == "A photo."
    assert "image_credit" not in meta
    article = load_article(path)
    assert (article.title, article.standfirst) == ("Title", "Standfirst line.")
    assert [p.text for p in article.paragraphs] == ["Body one. Body two."]


def test_author_lines_are_only_taken_from_the_end(tmp_path: Path) -> None:
    text = (
        "Title\n\nAnn van Author is quoted in the body. It goes on.\n\nMore body.\n\n"
        "Ann van Author is a fellow somewhere.\n\nBob B. Writer is an editor.\n"
    )
    _, path = imported(tmp_path, text)
    article = load_article(path)
    assert [a.name for a in article.authors] == ["Ann van Author", "Bob B. Writer"]
    assert article.authors[1].bio == "Bob B. Writer is an editor."
    assert len(article.paragraphs) == 2


def test_text_that_needs_quoting_round_trips(tmp_path: Path) -> None:
    title = 'Russia\'s "Soft" Underbelly: #1 \\ [draft] & more'
    _, path = imported(tmp_path, f"{title}\n\nBody.\n")
    assert load_article(path).title == title


@pytest.mark.parametrize("article_id", ["Bad Id", "", "-x", "a_b"])
def test_article_id_must_be_valid(article_id: str) -> None:
    with pytest.raises(ValueError, match="not an article id"):
        import_text(SIMPLE, article_id=article_id)


@pytest.mark.parametrize("text", ["", "\n\n", "Only a title\n"])
def test_text_without_title_and_body_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="title line and one paragraph"):
        import_text(text, article_id="x")


# -- the text's own headings -------------------------------------------------------------------


def sections(tmp_path: Path, body: str) -> list[tuple[str, str, bool, list[str]]]:
    """(id, title, editorial, paragraph texts) of each section of ``Title`` + ``body`` imported."""
    source, path = imported(tmp_path, "Title\n\n" + body)
    assert front_matter(source)["headings"] == "editorial"  # headings added later are ours
    article = load_article(path)
    return [(s.id, s.title, s.editorial, [p.text for p in s.paragraphs]) for s in article.sections]


def test_short_lines_before_paragraphs_are_the_texts_headings(tmp_path: Path) -> None:
    body = (
        "Before any heading. It has two sentences.\n\n"
        "Overview\n\nFirst. Yes.\n\nSecond.\n\n"
        "What Is at Stake?\n\nThird.\n\n"
        "Intro\n\nFourth.\n"
    )
    assert sections(tmp_path, body) == [
        ("intro", "Introduction", True, ["Before any heading. It has two sentences."]),
        ("overview", "Overview", False, ["First. Yes.", "Second."]),
        ("what-is-at-stake", "What Is at Stake?", False, ["Third."]),
        ("intro-2", "Intro", False, ["Fourth."]),  # `intro` is the implicit first section's
    ]


def test_a_heading_right_after_the_title_is_not_a_standfirst(tmp_path: Path) -> None:
    source, path = imported(tmp_path, "Title\n\nKey Areas of Activity\n\nFirst.\n")
    assert "standfirst" not in front_matter(source)
    assert "## Key Areas of Activity {#key-areas-of-activity .publication}" in source
    assert "1 heading of the text became" in source
    assert [s.id for s in load_article(path).sections] == ["key-areas-of-activity"]


@pytest.mark.parametrize(
    "block",
    [
        "A short sentence.",  # a full stop
        "Three reasons:",  # a lead-in
        "Wait!",
        "\u2022 A bullet point",
        "- A dash item",
        "By Ann Author",
        "Updated May 12, 2022",
        "lowercase start",
        "A heading\nover two lines",
        "One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen",
        "Section #",
        "Sets {a}",
        "2022",
    ],
)
def test_lines_that_stay_paragraphs(tmp_path: Path, block: str) -> None:
    found = sections(tmp_path, f"Lead paragraph. Two sentences.\n\n{block}\n\nA paragraph. Then more.\n")
    assert [s[0] for s in found] == ["intro"]
    assert found[0][3][1] == " ".join(block.split())


def test_a_heading_needs_a_paragraph_after_it(tmp_path: Path) -> None:
    found = sections(tmp_path, "Body. More.\n\nFirst Line\n\nSecond Line\n\nText. More.\n\nLast Line\n")
    assert [(s[0], s[3]) for s in found] == [
        ("intro", ["Body. More.", "First Line"]),
        ("second-line", ["Text. More.", "Last Line"]),
    ]


def test_heading_ids_are_valid_and_distinct(tmp_path: Path) -> None:
    found = sections(
        tmp_path, "Overview\n\nOne.\n\nOverview\n\nTwo.\n\nP4\n\nThree.\n\n\u00c9t\u00e9\n\nFour.\n"
    )
    assert [(s[0], s[1]) for s in found] == [
        ("overview", "Overview"),
        ("overview-2", "Overview"),
        ("section-3", "P4"),  # p4 would read as a paragraph in an address
        ("ete", "\u00c9t\u00e9"),
    ]


def test_the_seed_has_no_headings_of_its_own(seed_source: str) -> None:
    assert "\n## " not in seed_source
    assert "split the body into sections with `## Heading {#short-id}` lines" in seed_source
