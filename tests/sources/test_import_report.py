"""Importing a report: its report line, its own headings, the publisher as author, the id from
-o, and `check` refusing the importer's placeholders until they are filled in."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from deckgen.cli.main import main
from deckgen.sources import import_text, load_article
from deckgen.sources.model import Author, PubDate
from tests.conftest import FIXTURES

REPORT_TXT = FIXTURES / "report-sahel.txt"
HEAD = "deck:\n  title: Test\n  marking: UNCLASSIFIED\nsources:\n  r: {id}\nslides:\n"
SLIDE = (
    "  - kind: bullets\n    title: Sahel\n    bullets:\n"
    "      - text: Security ties deepened\n        cite: r#{address}\n"
)
ATTRIBUTION = "Public domain: written for deckgen's tests."


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def front_matter(source: str) -> dict[str, object]:
    data = yaml.safe_load(source.split("---\n")[1])
    assert isinstance(data, dict)
    return data


def imported(tmp_path: Path) -> Path:
    """``deckgen import`` of the fixture into ``sources/report-sahel.md``, no --id."""
    out = tmp_path / "sources" / "report-sahel.md"
    out.parent.mkdir()
    result = run("import", REPORT_TXT, "-o", out)
    assert result.exit_code == 0, result.output
    return out


def brief(tmp_path: Path, address: str = "overview/p1", article_id: str = "report-sahel") -> Path:
    path = tmp_path / "brief.yaml"
    path.write_text(HEAD.format(id=article_id) + SLIDE.format(address=address), encoding="utf-8")
    return path


def finish(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'attribution: ".*"', f"attribution: {ATTRIBUTION!r}", text), encoding="utf-8")


def errors(result: Result) -> list[tuple[str, int, int, str]]:
    """(file name, line, column, code) of every error in the output."""
    found = re.findall(r"^(.+?):(\d+):(\d+): error: .*\[([a-z-]+)\]$", result.output, re.M)
    return [(Path(f).name, int(line), int(col), code) for f, line, col, code in found]


# -- the import ------------------------------------------------------------------------------


def test_a_report_line_gives_publication_number_and_the_full_date(tmp_path: Path) -> None:
    source = imported(tmp_path).read_text(encoding="utf-8")
    meta = front_matter(source)
    assert meta["id"] == "report-sahel"  # from -o, not from the text file's name
    assert meta["publication"] == "Legislative Research Service"
    assert meta["number"] == "IF99001"
    assert "series" not in meta
    assert meta["date"] == "2022-05-12"
    assert meta["headings"] == "editorial"
    assert meta["authors"] == [{"organization": "Legislative Research Service"}]
    assert "standfirst" not in meta
    assert "IF99001" not in source.split("---\n", 2)[2]  # the report line is not in the body
    author_line = next(line for line in source.splitlines() if "organization:" in line)
    assert "# CHECK:" in author_line and "publisher stands as author" in author_line


def test_the_reports_own_headings_become_its_sections(tmp_path: Path) -> None:
    path = imported(tmp_path)
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    assert "## Overview {#overview .publication}" in body
    assert "## Key Areas of Activity {#key-areas-of-activity .publication}" in body
    article = load_article(path)  # unfinished, but readable: `deckgen sections` works on it
    assert article.title == "Russia's Security Footprint in the Sahel"
    assert article.date == PubDate(2022, 5, 12)
    assert article.authors == (Author("Legislative Research Service", organization=True),)
    assert [(s.id, s.title, s.editorial, len(s.paragraphs)) for s in article.sections] == [
        ("overview", "Overview", False, 2),
        ("key-areas-of-activity", "Key Areas of Activity", False, 2),
    ]
    assert [p.number for p in article.paragraphs] == [1, 2, 3, 4]
    assert article.paragraphs[2].text.startswith("In Mali, a transitional government")


def test_sections_lists_the_printed_headings_as_the_reports(tmp_path: Path) -> None:
    result = run("sections", imported(tmp_path))
    assert result.exit_code == 0, result.output
    assert "report-sahel#overview " in result.output
    assert "(our heading)" not in result.output


def test_the_id_follows_the_output_unless_given(tmp_path: Path) -> None:
    out = tmp_path / "Sahel Brief.md"
    assert run("import", REPORT_TXT, "-o", out).exit_code == 0
    assert front_matter(out.read_text(encoding="utf-8"))["id"] == "sahel-brief"
    out = tmp_path / "other.md"
    assert run("import", REPORT_TXT, "-o", out, "--id", "chosen").exit_code == 0
    assert front_matter(out.read_text(encoding="utf-8"))["id"] == "chosen"
    result = run("import", REPORT_TXT)  # to standard output: the text file's name
    assert result.exit_code == 0
    assert '\nid: "report-sahel"\n' in result.output


# -- checking a brief that cites it -----------------------------------------------------------


def test_check_refuses_an_unfinished_import_at_the_placeholder(tmp_path: Path) -> None:
    source = imported(tmp_path)
    lines = source.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("attribution:"))
    col = lines[line - 1].index("UNKNOWN - check") + 1
    for command in ("check", "build"):
        result = run(
            command, brief(tmp_path), *(["-o", tmp_path / "deck.pptx"] if command == "build" else [])
        )
        assert result.exit_code == 1, result.output
        assert errors(result) == [("report-sahel.md", line, col, "unfinished-import")]
        assert "hint: say who holds the rights" in result.output
    assert not (tmp_path / "deck.pptx").exists()


def test_a_finished_import_checks_and_is_credited_properly(tmp_path: Path) -> None:
    source = imported(tmp_path)
    finish(source)  # the CHECK comments stay: they are not errors
    assert "# CHECK" in source.read_text(encoding="utf-8")
    result = run("check", brief(tmp_path), "--strict")
    assert result.exit_code == 0, result.output
    result = run("plan", brief(tmp_path, "key-areas-of-activity/p1"))
    assert result.exit_code == 0, result.output
    slide = json.loads(result.output)["slides"][0]
    assert slide["source_line"] == "Source: Legislative Research Service, 12 May 2022"
    notes = "\n".join(block["text"] for block in slide["notes"])
    assert (
        "[1] Legislative Research Service, \u201cRussia's Security Footprint in the Sahel\u201d, IF99001, "
        "12 May 2022, \u00a7 Key Areas of Activity, \u00b63." in notes
    )


def test_an_unedited_article_import_fails_at_every_placeholder(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    text = tmp_path / "plain.txt"
    text.write_text("A Headline\n\nThe first paragraph. It has two sentences.\n", encoding="utf-8")
    out = tmp_path / "sources" / "plain.md"
    assert run("import", text, "-o", out).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()

    def at(key: str, needle: str) -> tuple[str, int, int, str]:
        n = next(n for n, line in enumerate(lines, 1) if line.lstrip(" -").startswith(key))
        return ("plain.md", n, lines[n - 1].index(needle) + 1, "unfinished-import")

    result = run("check", brief(tmp_path, "p1", "plain"))
    assert errors(result) == [
        at("name:", "UNKNOWN"),
        at("publication:", "UNKNOWN"),
        at("date:", '"1900"'),
        at("attribution:", "UNKNOWN"),
    ]
    assert "'authors[1].name' is still the importer's placeholder 'UNKNOWN - check'" in result.output
    assert "the date is still the importer's placeholder 1900" in result.output


@pytest.mark.parametrize(
    ("date_line", "ok"),
    [
        ('date: "1900"  # CHECK: a placeholder, no year in the text', False),
        ('date: "1900"  # checked: it really is from 1900', True),
        ('date: "2021"  # CHECK: a guess, the latest year the text mentions', True),
    ],
)
def test_a_guess_is_fine_the_placeholder_year_is_not(tmp_path: Path, date_line: str, ok: bool) -> None:
    (tmp_path / "sources").mkdir()
    source = import_text("A Headline\n\nBody. More body.\n", article_id="plain")
    source = re.sub(r"^date: .*$", date_line, source, flags=re.M)
    source = source.replace('"UNKNOWN - check"', '"Filled In"')
    source = re.sub(r'attribution: ".*"', "attribution: Filled in.", source)
    (tmp_path / "sources" / "plain.md").write_text(source, encoding="utf-8")
    result = run("check", brief(tmp_path, "p1", "plain"))
    assert (result.exit_code == 0) is ok, result.output
    if not ok:
        assert [e[3] for e in errors(result)] == ["unfinished-import"]
