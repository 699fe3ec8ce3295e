"""The README's slide-kind section is written from the field tables, and a stale one is caught."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.brief import docs
from deckgen.brief.fields import KINDS, slide_fields
from tests.conftest import ROOT

README = ROOT / "README.md"


def test_readme_section_is_fresh(update_goldens: bool) -> None:
    text = README.read_text(encoding="utf-8")
    fresh = docs.refresh(text)
    if update_goldens and fresh != text:
        README.write_text(fresh, encoding="utf-8")
        text = fresh
    assert text == fresh, f"README.md's slide-kind section is stale; run: {docs.COMMAND}"


def test_refresh_rewrites_only_between_the_markers() -> None:
    text = f"# Title\n\nBefore.\n\n{docs.START}\nold table\n{docs.END}\n\nAfter.\n"
    fresh = docs.refresh(text)
    assert fresh.startswith("# Title\n\nBefore.\n\n" + docs.START)
    assert fresh.endswith(docs.END + "\n\nAfter.\n")
    assert "old table" not in fresh
    assert docs.refresh(fresh) == fresh


def test_refresh_needs_both_markers() -> None:
    with pytest.raises(ValueError, match="slide-kinds:start"):
        docs.refresh("no markers here\n")
    with pytest.raises(ValueError):
        docs.refresh(f"{docs.END}\n{docs.START}\n")


def test_every_kind_and_key_has_a_row() -> None:
    rows = docs.slide_kinds_markdown().splitlines()
    for kind, spec in KINDS.items():
        at = rows.index(next(r for r in rows if r.startswith(f"| `{kind.value}` |")))
        assert spec.help in rows[at]
        own = rows[at + 1 : at + 1 + len(spec.fields)]
        assert [r.split("|")[2].strip() for r in own] == [f"`{f.key}`" for f in spec.fields], kind
        for row, f in zip(own, spec.fields, strict=True):
            assert f.help in row and f"`{f.key}: {f.example}`" in row
            assert ("**required**" in row) == f.required, (kind, f.key)
    keys = {f.key for kind in KINDS for f in slide_fields(kind)}
    assert all(f"`{key}`" in "\n".join(rows) for key in keys)


def test_check_and_write_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"Intro.\n{docs.START}\n| `bullets` | stale |\n{docs.END}\nOutro.\n", encoding="utf-8")
    assert docs.main(["--check", str(readme)]) == 1
    assert "stale" in capsys.readouterr().err
    assert docs.main(["--write", str(readme)]) == 0
    assert docs.main(["--check", str(readme)]) == 0
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("Intro.\n") and text.endswith("\nOutro.\n") and "| stale |" not in text
