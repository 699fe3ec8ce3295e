"""Bytes that are not clean UTF-8 text: a located error at the first bad byte or character.

Non-UTF-8 and UTF-16 briefs, articles and datasets, NULs and other control characters, and a
raw control character in an article's front matter (even in a YAML comment).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.kit import BULLETS, HEAD, check_and_build, located, project, run

ARTICLE = "sources/southern-underbelly.md"


def test_a_latin_1_brief_is_located_at_the_bad_byte(tmp_path: Path) -> None:
    path = project(tmp_path)
    path.write_bytes(path.read_bytes().replace(b"title: Test", b"title: Caf\xe9"))
    line = check_and_build(tmp_path, path, "not-utf8", 2, 13)
    assert "0xe9" in line


def test_a_utf_16_brief_says_so(tmp_path: Path) -> None:
    path = project(tmp_path)
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    assert "UTF-16" in check_and_build(tmp_path, path, "not-utf8", 1, 1)


def test_a_utf_16_brief_without_bom_is_a_nul_with_a_hint(tmp_path: Path) -> None:
    path = project(tmp_path)
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16-le"))
    check_and_build(tmp_path, path, "control-character", 1, 2)
    assert "UTF-16" in run("check", path).output


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f"])
def test_a_control_character_is_located_where_it_is(tmp_path: Path, char: str) -> None:
    path = project(tmp_path, f"  - kind: bullets\n    title: A{char}B\n    bullets: [one]\n")
    assert f"U+{ord(char):04X}" in check_and_build(tmp_path, path, "control-character", 6, 13)


@pytest.mark.parametrize("line", ["title: A\x10B", "title: Caf\u00e9 \u00e9\x10B", "# a comment \x10 here"])
def test_a_raw_control_character_in_front_matter(tmp_path: Path, line: str) -> None:
    path = project(
        tmp_path, BULLETS + "    cite: su#intro\n", head=HEAD + "sources:\n  su: southern-underbelly\n"
    )
    article = tmp_path / ARTICLE
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("id: southern-underbelly\n", f"id: southern-underbelly\n{line}\n", 1))
    number = text.splitlines().index("id: southern-underbelly") + 2
    col = line.index("\x10") + 1
    check_and_build(tmp_path, path, "control-character", number, col, at=article)
    located(run("sections", article), article, "control-character", number, col)


def test_a_non_utf_8_article_and_dataset_are_located(tmp_path: Path) -> None:
    path = project(
        tmp_path,
        "  - kind: chart\n    title: C\n    chart: flanks\n",
        head=HEAD + "data:\n  presence: data/russian-presence.yaml\n",
    )
    dataset = tmp_path / "data" / "russian-presence.yaml"
    dataset.write_bytes(dataset.read_bytes().replace(b"id: russian-presence", b"id: r\xffpresence", 1))
    number = dataset.read_bytes().split(b"\n").index(b"id: r\xffpresence") + 1
    check_and_build(tmp_path, path, "not-utf8", number, 6, at=dataset)
    article = tmp_path / ARTICLE
    article.write_bytes(article.read_bytes().replace(b"title: NATO", b"title: \x96NATO", 1))
    lines = article.read_bytes().split(b"\n")
    number = next(i for i, line in enumerate(lines, 1) if line.startswith(b"title: \x96"))
    located(run("sections", article), article, "source-not-utf8", number, 8)
