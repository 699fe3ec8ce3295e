"""Diagnostics stay readable for hostile input: a long line is clipped around the column, and a
control character in a file name or a source line cannot split or garble the report."""

from __future__ import annotations

from pathlib import Path

from deckgen.core.errors import MAX_SHOWN, Loc, clip_line
from tests.hostile.kit import located, run


def one_line_brief(tmp_path: Path, filler: int) -> Path:
    path = tmp_path / "brief.yaml"
    pad = "x" * filler
    path.write_text(
        f'{{deck: {{title: "{pad}", marking: U, bogus: 1}}, '
        "slides: [{kind: bullets, synthesis: true, bullets: [a]}]}",
        encoding="utf-8",
    )
    return path


def test_a_long_line_is_clipped_around_the_column(tmp_path: Path) -> None:
    path = one_line_brief(tmp_path, 1_500_000)
    result = run("check", path)
    head = located(result, path, "unknown-key", 1)
    assert len(result.output) < 2000, len(result.output)
    lines = result.output.splitlines()
    shown, caret = lines[lines.index(head) + 1], lines[lines.index(head) + 2]
    assert shown.startswith("    \u2026")  # cut before; the line ends within the window
    assert len(shown) <= MAX_SHOWN + 6
    assert shown[caret.index("^") :].startswith("bogus")


def test_a_50_mb_line_is_refused_by_size_and_not_echoed(tmp_path: Path) -> None:
    path = one_line_brief(tmp_path, 50 * 1024 * 1024)
    result = run("check", path)
    located(result, path, "file-too-large", 1, 1)
    assert len(result.output) < 2000


def test_clip_line_keeps_short_lines_and_marks_both_cuts() -> None:
    assert clip_line("short\x00line", 3) == ("short\ufffdline", 3)
    text = "a" * 1000 + "HERE" + "b" * 1000
    shown, col = clip_line(text, 1001, width=20)
    assert shown.startswith("\u2026") and shown.endswith("\u2026")
    assert shown[col - 1 :].startswith("HERE")
    shown, col = clip_line(text, 2, width=20)
    assert not shown.startswith("\u2026") and col == 2


def test_a_newline_in_a_file_name_does_not_split_the_diagnostic(tmp_path: Path) -> None:
    assert str(Loc("a\nb.yaml", 2, 3)) == "a\\x0ab.yaml:2:3"
    path = tmp_path / "two\nlines.yaml"
    path.write_text("deck: [\n", encoding="utf-8")
    result = run("check", path)
    assert result.exit_code == 1
    assert f"{tmp_path}/two\\x0alines.yaml:" in result.output
