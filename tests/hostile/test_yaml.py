"""YAML that is valid but hostile: non-decimal integers, alias bombs and self-referring aliases.

Integers other than plain decimals (0x10, 0b11, 010, 1_000, 1:30) are located type errors, and a
document that would expand past ``MAX_NODES`` values through aliases is refused from its
running count kept while composing, in well under a second and without the memory.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.core.yamlcompose import MAX_DEPTH, MAX_NODES
from tests.hostile.kit import HEAD, check_and_build, located, project, run

SECTION = "  - kind: section\n    title: S\n    minutes: {minutes}\n"
EXCERPT = "  - kind: excerpt\n    title: E\n    cite: su#syria/p1\n    sentences: {sentences}\n"


@pytest.mark.parametrize("minutes", ["0x10", "0b11", "010", "1_0", "1:30", "1" * 40])
def test_minutes_that_are_not_plain_decimals_are_located(tmp_path: Path, minutes: str) -> None:
    path = project(tmp_path, SECTION.format(minutes=minutes))
    assert "whole number like 8" in check_and_build(tmp_path, path, "wrong-type", 7, 14)


@pytest.mark.parametrize("sentences", ["[1:30]", "0x2", "[1, 0b10]"])
def test_sentences_that_are_not_plain_decimals_are_located(tmp_path: Path, sentences: str) -> None:
    head = HEAD + "sources:\n  su: southern-underbelly\n"
    path = project(tmp_path, EXCERPT.format(sentences=sentences), head=head)
    check_and_build(tmp_path, path, "wrong-type", 10)


def test_a_plain_decimal_still_works(tmp_path: Path) -> None:
    path = project(tmp_path, SECTION.format(minutes="8"))
    assert run("check", path).exit_code == 0


def laughs(levels: int, indent: str) -> str:
    """List items, each ten aliases of the one before: 5 * 10^(levels-1) values expanded."""
    lines = [f"{indent}- &a [lol, lol, lol, lol, lol]"]
    for level in range(1, levels):
        prev, name = chr(ord("a") + level - 1), chr(ord("a") + level)
        lines.append(f"{indent}- &{name} [{', '.join([f'*{prev}'] * 10)}]")
    return "\n".join(lines) + "\n"


def test_deep_nesting_and_a_flat_million_are_refused_while_composing(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")  # crashed libyaml's composer
    result = run("check", deep)
    if "maximum nesting depth" in result.output:
        # Newer libyaml builds (PyYAML 6.0.4) stop at their own flow-level limit while scanning,
        # before deckgen's composer counts 64 levels: still one located error, not a crash.
        located(result, deep, "yaml-syntax", 1)
    else:
        assert f"more than {MAX_DEPTH} levels" in located(result, deep, "yaml-too-large", 1, MAX_DEPTH + 1)
    flat = tmp_path / "flat.yaml"
    flat.write_text("[" + ",".join(["a"] * 900_000) + "]", encoding="utf-8")
    located(run("check", flat), flat, "yaml-too-large", 1, 2 * MAX_NODES)


def test_an_alias_bomb_in_bullets_is_refused_from_its_graph(tmp_path: Path) -> None:
    path = project(
        tmp_path, "  - kind: bullets\n    title: Laughs\n    bullets:\n" + laughs(12, "      ")
    )  # 10^11 values once expanded, 1 KB on disk
    assert path.stat().st_size < 2000
    line = check_and_build(tmp_path, path, "yaml-too-large", 13, 13)  # the first *e in &f crosses it
    assert f"{MAX_NODES:,}" in line


def test_an_alias_bomb_in_a_dataset_is_refused(tmp_path: Path) -> None:
    path = project(
        tmp_path,
        "  - kind: chart\n    title: C\n    chart: flanks\n",
        head=HEAD + "data:\n  presence: data/bomb.yaml\n",
    )
    text = "id: bomb\ntitle: B\nregions:\n  x: {name: X, flank: east}\nkinds: {}\nrecords:\n"
    (tmp_path / "data" / "bomb.yaml").write_text(text + laughs(12, "  "), encoding="utf-8")
    check_and_build(tmp_path, path, "yaml-too-large", at=tmp_path / "data" / "bomb.yaml")


def test_an_alias_that_contains_itself_is_refused(tmp_path: Path) -> None:
    path = project(tmp_path, "  - kind: bullets\n    title: A\n    bullets: &b [one, *b]\n")
    assert "contains it" in check_and_build(tmp_path, path, "yaml-too-large", 7, 23)
