"""Hostile text through the command line: a located error or a correct deck, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from pptx import Presentation

from deckgen.cli.main import main
from tests.conftest import SOURCES


def brief(tmp_path: Path, body: str) -> Path:
    """A brief in ``tmp_path`` beside a copy of the example sources; ``body`` is its slides."""
    shutil.copytree(SOURCES, tmp_path / "sources")
    path = tmp_path / "brief.yaml"
    path.write_text(f"deck:\n  title: Test\n  marking: UNCLASSIFIED\nslides:\n{body}", encoding="utf-8")
    return path


def test_line_and_paragraph_separators_in_measured_text_build(tmp_path: Path) -> None:
    # U+0085, U+2028 and U+2029 made the text shaper fail while the plan measured the bullets.
    slides = (
        '  - kind: bullets\n    title: "A\\u2029B"\n'
        '    bullets:\n      - "one\\u0085two"\n      - "x\\u2028y"\n'
    )
    path = brief(tmp_path, slides)
    out = tmp_path / "deck.pptx"
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    slide = Presentation(str(out)).slides[0]
    texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
    assert "A B" in texts and any("one two" in t and "x y" in t for t in texts)


def test_an_unbroken_word_is_cut_with_work_that_follows_its_lines() -> None:
    # A 100,000-character title took about 6 minutes: every line measured the whole remainder.
    from deckgen.fit.wrap import _wrap_part

    measured = 0

    def fits(line: str) -> bool:
        nonlocal measured
        measured += len(line)  # measuring costs its length
        return len(line) <= 50  # a line holds 50 characters

    lines = _wrap_part("x" * 100_000, fits)
    assert len(lines) == 2000 and all(len(line) == 50 for line in lines)
    # A doubling and a binary search per line measure about a dozen prefixes of a line's length;
    # measuring what is left of the word each time would be 10^8 characters.
    assert measured < 2_000 * len(lines), measured


def test_wrapping_stops_one_line_past_what_can_show() -> None:
    # A 100,000-character title was laid out whole at each of seven sizes (2.3 s) to learn that
    # it needs more lines than the box has; one line past the box already says so.
    from deckgen.fit.wrap import Paragraph, stack, wrap

    text = "word " * 20_000
    whole = wrap(text, width_pt=300, family="Liberation Sans", size_pt=20)
    first = wrap(text, width_pt=300, family="Liberation Sans", size_pt=20, max_lines=3)
    assert len(whole) > 3_000 and first == whole[:4]
    assert wrap("a\nb\nc\nd\ne", width_pt=300, family="Liberation Sans", size_pt=20, max_lines=2) == [
        "a",
        "b",
        "c",
    ]
    short = wrap("a b", width_pt=300, family="Liberation Sans", size_pt=20, max_lines=0)
    assert short == ["a b"]  # never fewer lines than are asked for: one line past none

    paragraphs = [Paragraph(text, 20, 300), Paragraph("after", 20, 300)]
    exact = stack(paragraphs, family="Liberation Sans")
    capped = stack(paragraphs, family="Liberation Sans", max_height=100)
    assert exact.height > capped.height > 100  # still past the box: it does not fit either way
    # 100 pt holds 4 lines of 24 pt: two more are wrapped (one spare against rounding), and the
    # paragraph after the overflow counts as one line
    assert capped.lines == (6, 1)
    fitting = [Paragraph("a short one", 20, 300), Paragraph("and another", 20, 300)]
    assert stack(fitting, family="Liberation Sans", max_height=100) == stack(
        fitting, family="Liberation Sans"
    )
