"""``deckgen new`` through the library: the draft checks and builds at once, warning only at the text
left to write, for the seed article and for a second, differently shaped one."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from deckgen import api
from deckgen.brief import load_brief
from deckgen.brief.model import Brief, ChartBody, ExcerptBody, SlideKind
from deckgen.brief.placeholders import CODE
from deckgen.core.errors import DeckgenError
from deckgen.core.textnorm import split_sentences
from deckgen.resolve.model import ResolvedExcerpt, ResolvedQuote
from deckgen.scaffold import DraftKind, new_brief
from deckgen.sources import load_article
from tests.conftest import BRIEFS, FIXTURES, SOURCES
from tests.deckview import assert_invariants
from tests.pdftext import missing_tools, pdf_pages, to_pdf

SEED = "southern-underbelly"
SECOND = "high-north-watch"  # tests/fixtures/scaffold/: an intro, printed headings, a 3-paragraph section
DATASET = BRIEFS / "data" / "russian-presence.yaml"
FLANKS = ("east", "south", "north")  # the flanks the dataset has records on


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder laid out as briefs/ is: sources/ with both articles, data/ with the dataset."""
    (tmp_path / "sources").mkdir()
    shutil.copy(SOURCES / f"{SEED}.md", tmp_path / "sources")
    shutil.copy(FIXTURES / "scaffold" / f"{SECOND}.md", tmp_path / "sources")
    (tmp_path / "data").mkdir()
    shutil.copy(DATASET, tmp_path / "data")
    return tmp_path


def _brief(path: Path) -> Brief:
    brief, diags = load_brief(path)
    assert brief is not None and not diags.has_errors
    return brief


@pytest.mark.parametrize("kind", list(DraftKind))
@pytest.mark.parametrize("article_id", [SEED, SECOND])
def test_the_draft_checks_with_only_its_placeholders(project: Path, article_id: str, kind: DraftKind) -> None:
    path = project / "draft.yaml"
    made = new_brief(path, article_id, kind=kind)
    result = api.check(path)
    assert [d.code for d in result.diagnostics] == [CODE] * made.placeholders
    article = load_article(project / "sources" / f"{article_id}.md")
    brief = _brief(path)
    kinds = [s.kind for s in brief.slides]
    assert kinds[:2] == [SlideKind.TITLE, SlideKind.AGENDA] and kinds[-1] is SlideKind.SOURCES
    assert SlideKind.TAKEAWAYS in kinds and len(kinds) == made.slides
    teaching = {
        SlideKind.OBJECTIVES,
        SlideKind.CHECK,
        SlideKind.DISCUSSION,
        SlideKind.CLOSING,
        SlideKind.TIMING,
    }
    assert teaching <= set(kinds) if kind is DraftKind.TRAINING else not teaching & set(kinds)
    # One section slide per section of the article, in order, then the charts' (and the kit's).
    sections = [s.title for s in brief.slides if s.kind is SlideKind.SECTION]
    assert sections[: len(article.sections)] == [s.title for s in article.sections]
    # One excerpt per paragraph, citing it, showing its first sentence.
    cites = [s.cite.value for s in brief.slides if isinstance(s.body, ExcerptBody) and s.cite]
    alias = made_alias(brief)
    assert cites == [f"{alias}#{p.section_id}/p{p.index}" for p in article.paragraphs]
    assert made.excerpts == len(article.paragraphs)
    assert result.resolved is not None
    shown = [s.sentences for s in result.resolved.slides if isinstance(s, ResolvedExcerpt)]
    assert shown == [(split_sentences(p.text)[0],) for p in article.paragraphs]
    # One chart per flank of the dataset.
    charts = [s.body for s in brief.slides if isinstance(s.body, ChartBody)]
    assert [tuple(f.value for f in c.filter.flanks) for c in charts] == [(f,) for f in FLANKS]
    assert made.flanks == FLANKS


def made_alias(brief: Brief) -> str:
    (alias,) = brief.sources
    return alias.alias


@pytest.mark.parametrize("article_id", [SEED, SECOND])
def test_the_draft_builds_a_sound_deck(project: Path, article_id: str) -> None:
    path = project / "draft.yaml"
    made = new_brief(path, article_id, kind=DraftKind.TRAINING)
    built = api.build(path, output=project / "draft.pptx")
    assert [d.code for d in built.diagnostics] == [CODE] * made.placeholders
    assert_invariants(built.output, slide_count=built.slides)
    texts = [
        shape.text_frame.text
        for slide in Presentation(str(built.output)).slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    assert any(
        "<<a point to remember from this part>>" in t for t in texts
    )  # the deck shows what is unwritten


@pytest.mark.office
def test_libreoffice_opens_the_draft_deck(project: Path) -> None:
    reason = missing_tools()
    if reason:
        pytest.skip(reason)
    path = project / "draft.yaml"
    new_brief(path, SECOND, kind=DraftKind.READ_AHEAD, marking="UNCLASSIFIED")
    built = api.build(path, output=project / "draft.pptx")
    pages = pdf_pages(to_pdf(built.output, project / "pdf"))
    assert len(pages) == built.slides


def test_writing_the_text_clears_its_warning(project: Path) -> None:
    path = project / "draft.yaml"
    made = new_brief(path, SEED)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"<<handling marking>>"', "UNCLASSIFIED"), encoding="utf-8")
    assert len(api.check(path).diagnostics) == made.placeholders - 1
    # Every takeaway written (here all in the words of one paragraph, which each then cites):
    # no warning at all.
    path.write_text(
        re.sub(r"\"<<a point to remember from this part>>\"", "Russia is winning the race", path.read_text()),
        encoding="utf-8",
    )
    path.write_text(
        re.sub(r"(?m)^        cite: su#[\w-]+", "        cite: su#race/p1", path.read_text()),
        encoding="utf-8",
    )
    assert api.check(path, strict=True).diagnostics == ()


@pytest.mark.parametrize("article_id", [SEED, SECOND])
def test_the_commented_quote_verifies_once_uncommented(project: Path, article_id: str) -> None:
    path = project / "draft.yaml"
    new_brief(path, article_id, marking="UNCLASSIFIED")
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("  # - kind: quote")
    for i in range(start, start + 4):
        lines[i] = lines[i].replace("  # ", "  ", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = api.check(path)
    assert result.resolved is not None
    (quote,) = [s for s in result.resolved.slides if isinstance(s, ResolvedQuote)]
    first = load_article(project / "sources" / f"{article_id}.md").paragraphs[0]
    assert quote.quote == split_sentences(first.text)[0]


def test_the_article_may_be_named_by_its_path_in_the_sources_folder(project: Path) -> None:
    made = new_brief(project / "draft.yaml", str(project / "sources" / f"{SECOND}.md"))
    assert made.article == SECOND


@pytest.mark.parametrize(
    ("given", "code", "hint"),
    [
        ("article.txt", "import-first", "deckgen import article.txt --id article -o "),
        ("high-north", "unknown-article", "did you mean 'high-north-watch'?"),
        (str(FIXTURES / "scaffold" / f"{SECOND}.md"), "source-outside-folder", "--sources"),
        ("missing/nowhere.md", "missing-file", "article id"),
    ],
)
def test_an_article_it_cannot_cite_is_refused(project: Path, given: str, code: str, hint: str) -> None:
    path = project / "draft.yaml"
    with pytest.raises(DeckgenError) as failed:
        new_brief(path, given)
    (diagnostic,) = failed.value.diagnostics
    assert diagnostic.code == code and hint in (diagnostic.hint or "")
    assert not path.exists()


def test_an_existing_brief_is_kept_unless_forced(project: Path) -> None:
    path = project / "draft.yaml"
    path.write_text("mine\n", encoding="utf-8")
    with pytest.raises(DeckgenError) as failed:
        new_brief(path, SEED)
    assert [d.code for d in failed.value.diagnostics] == ["brief-exists"]
    assert path.read_text(encoding="utf-8") == "mine\n"
    new_brief(path, SEED, force=True)
    assert path.read_text(encoding="utf-8").startswith("# First draft of a read-ahead")
    assert [p.name for p in project.iterdir() if p.name.startswith(".draft")] == []  # no temp file left


def test_without_a_dataset_there_are_no_charts(project: Path) -> None:
    shutil.rmtree(project / "data")
    path = project / "draft.yaml"
    made = new_brief(path, SECOND, marking="UNCLASSIFIED")
    assert made.dataset is None and made.flanks == ()
    brief = _brief(path)
    assert brief.data == () and not any(s.kind is SlideKind.CHART for s in brief.slides)
    assert "No charts: no presence dataset was found" in path.read_text(encoding="utf-8")
    assert len(api.check(path).diagnostics) == made.placeholders


def test_a_marking_given_or_set_by_the_project_leaves_no_placeholder(project: Path) -> None:
    path = project / "given.yaml"
    made = new_brief(path, SEED, marking="NATO UNCLASSIFIED")
    assert _brief(path).deck.marking == "NATO UNCLASSIFIED"
    (project / "deckgen.toml").write_text('marking = "PROJECT MARKING"\n', encoding="utf-8")
    path = project / "project.yaml"
    assert new_brief(path, SEED).placeholders == made.placeholders
    assert "  # marking: PROJECT MARKING" in path.read_text(encoding="utf-8")
    assert _brief(path).deck.marking == "PROJECT MARKING"


def test_an_organization_that_wrote_and_published_is_named_once(project: Path) -> None:
    """An imported report whose publisher stands as its author: the subtitle names it once."""
    seed = (project / "sources" / f"{SEED}.md").read_text(encoding="utf-8")
    head, body = seed.split("\n---\n", 1)
    head = re.sub(r"(?m)^authors:\n(?:  .*\n)+", "authors:\n  - organization: Research Office\n", head + "\n")
    head = re.sub(r"(?m)^publication: .*$", "publication: Research Office", head)
    (project / "sources" / "office-report.md").write_text(
        head.rstrip("\n").replace(f"id: {SEED}", "id: office-report") + "\n---\n" + body, encoding="utf-8"
    )
    new_brief(project / "office.yaml", "office-report")
    assert _brief(project / "office.yaml").deck.subtitle.startswith("Research Office, ")
    assert "Research Office, Research Office" not in (project / "office.yaml").read_text(encoding="utf-8")
