"""Unit tests for deckgen.fit: widths, line breaking, block height, and choosing sizes."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from deckgen.fit import (
    BRIEFING_BODY,
    PLAIN,
    SINGLE_LINE_EM,
    BoxPt,
    FontBook,
    Para,
    Paragraph,
    candidate_sizes,
    default_book,
    fit_block,
    fit_single,
    stack,
    text_height_pt,
    wrap,
)
from deckgen.fit.wrap import chunks

FAMILY = "Liberation Sans"
BODY = BoxPt(859.2, 367.2)  # the template's body placeholder inside its insets
SENTENCE = (
    "Moscow saw its success in Syria as cause to systematically expand its reach across NATO's "
    "Southern flank, upgrading a naval base in Tartus and using air bases in Syria, Libya, and Algeria."
)


def width(text: str, size: float = 24, *, bold: bool = False) -> float:
    return default_book().width_pt(text, family=FAMILY, size_pt=size, bold=bold)


# -- metrics ---------------------------------------------------------------------------------------


def test_arial_and_calibri_measure_as_their_metric_twins() -> None:
    book = default_book()
    assert book.family_of("Arial") == book.family_of("liberation  sans") == "Liberation Sans"
    assert book.family_of("Calibri") == "Carlito"
    assert width("Briefing") == book.width_pt("Briefing", family="Arial", size_pt=24)
    carlito = book.width_pt("Briefing", family="Carlito", size_pt=24)
    assert book.width_pt("Briefing", family="Calibri", size_pt=24) == carlito != width("Briefing")


def test_an_unknown_family_falls_back_to_liberation_sans() -> None:
    book = default_book()
    assert not book.knows("Comic Sans MS")
    assert book.knows("Arial")
    assert book.width_pt("Sahel", family="Comic Sans MS", size_pt=20) == width("Sahel", 20)


def test_widths_are_precise_and_scale_with_size() -> None:
    exact = FontBook(layout_dpi=None)
    # "Hello world" is 10130 font units of 2048 in Liberation Sans: 118.71 pt at 24 pt.
    assert exact.width_pt("Hello world", family=FAMILY, size_pt=24) == pytest.approx(10130 / 2048 * 24)
    assert exact.width_pt(SENTENCE, family=FAMILY, size_pt=36) == pytest.approx(
        1.5 * exact.width_pt(SENTENCE, family=FAMILY, size_pt=24)
    )
    # LibreOffice's 600 dpi grid moves a long line by well under half a percent.
    assert width(SENTENCE) == pytest.approx(exact.width_pt(SENTENCE, family=FAMILY, size_pt=24), rel=0.005)


def test_styles_and_kerning_change_widths() -> None:
    assert width("Sahel", bold=True) > width("Sahel")
    book = default_book()
    if book.kerns:  # "AV" is a kerning pair in Liberation Sans
        assert width("AV") < width("A") + width("V")
    assert width("") == 0


def test_a_missing_font_file_names_where_it_looked(tmp_path: Path) -> None:
    book = FontBook([tmp_path])
    with pytest.raises(FileNotFoundError, match=r"LiberationSans-Regular\.ttf"):
        book.width_pt("x", family=FAMILY, size_pt=18)


def test_vertical_metrics_are_the_fonts_own() -> None:
    metrics = default_book().vertical(FAMILY)
    assert metrics.ascent + metrics.descent == pytest.approx((1854 + 434) / 2048)


# -- wrap ------------------------------------------------------------------------------------------


def test_short_text_is_one_line_and_empty_text_one_empty_line() -> None:
    assert wrap("Two flanks", width_pt=500, family=FAMILY, size_pt=24) == ["Two flanks"]
    assert wrap("", width_pt=500, family=FAMILY, size_pt=24) == [""]


def test_lines_break_greedily_at_spaces_and_each_fits() -> None:
    lines = wrap(SENTENCE, width_pt=400, family=FAMILY, size_pt=24)
    assert len(lines) > 2
    assert " ".join(lines) == SENTENCE
    assert all(width(line) <= 400 for line in lines)
    # Greedy: the next line's first word would not have fitted on the line before.
    for line, following in pairwise(lines):
        assert width(f"{line} {following.split()[0]}") > 400


def test_trailing_spaces_do_not_count_against_the_width() -> None:
    text = "Sahel " * 3
    room = width("Sahel Sahel Sahel")
    assert wrap(text, width_pt=room + 0.5, family=FAMILY, size_pt=24) == ["Sahel Sahel Sahel"]


def test_a_word_longer_than_the_line_is_cut_between_characters() -> None:
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis"
    lines = wrap(f"a {word} b", width_pt=120, family=FAMILY, size_pt=24)
    assert lines[0] == "a"  # the long word starts a fresh line before it is cut
    assert "".join(lines[1:]).replace(" ", "") == f"{word}b"
    assert len(lines) >= 5
    assert all(width(line) <= 120 for line in lines)
    # Each piece is as long as fits: one more character would not.
    rest = word
    for piece in lines[1:-1]:
        assert width(rest[: len(piece) + 1]) > 120
        rest = rest[len(piece) :]


def test_a_box_narrower_than_one_character_still_terminates() -> None:
    assert wrap("NATO", width_pt=1, family=FAMILY, size_pt=24) == ["N", "A", "T", "O"]


def test_explicit_line_breaks_are_kept() -> None:
    assert wrap("one\ntwo three\n\nfour", width_pt=1000, family=FAMILY, size_pt=24) == [
        "one",
        "two three",
        "",
        "four",
    ]
    assert wrap("one\vtwo", width_pt=1000, family=FAMILY, size_pt=24) == ["one", "two"]


def test_breaks_after_hyphens_and_around_em_dashes_but_not_at_no_break_spaces() -> None:
    assert chunks("small-to-medium-scale forces") == ["small-", "to-", "medium-", "scale ", "forces"]
    assert chunks("gatekeeper\u2014despite") == ["gatekeeper", "\u2014", "despite"]
    assert chunks("the Turks\u00a0on behalf") == ["the ", "Turks\u00a0on ", "behalf"]
    assert chunks("east/south") == ["east/south"]
    room = width("small-to-")
    assert wrap("small-to-medium", width_pt=room, family=FAMILY, size_pt=24) == ["small-to-", "medium"]


def test_a_wider_box_never_needs_more_lines() -> None:
    counts = [len(wrap(SENTENCE, width_pt=w, family=FAMILY, size_pt=24)) for w in range(150, 900, 25)]
    assert counts == sorted(counts, reverse=True)


# -- height ----------------------------------------------------------------------------------------


def test_height_is_lines_times_one_point_two_em_plus_spacing() -> None:
    one = Paragraph("Short", 24, 500)
    assert text_height_pt([one], family=FAMILY) == pytest.approx(SINGLE_LINE_EM * 24)
    long = Paragraph(SENTENCE, 20, 300, space_before_pt=10, space_after_pt=6)
    lines = len(wrap(SENTENCE, width_pt=300, family=FAMILY, size_pt=20))
    both = text_height_pt([one, long], family=FAMILY, first_space_before=False)
    assert both == pytest.approx(28.8 + 10 + lines * 24)  # the last space after is not counted
    assert text_height_pt([long, one], family=FAMILY) == pytest.approx(10 + lines * 24 + 6 + 28.8)
    assert text_height_pt([], family=FAMILY) == 0


def test_line_spacing_scales_every_line() -> None:
    title = Paragraph("A title over two lines at most", 28, 250, bold=True, line_spacing=0.9)
    laid = stack([title], family=FAMILY)
    assert laid.lines == (2,)
    assert laid.height == pytest.approx(2 * 28 * 1.2 * 0.9)


# -- fitting ---------------------------------------------------------------------------------------


def bullets(n: int, text: str = SENTENCE) -> list[Para]:
    return [Para(text, level=1 if k % 3 == 2 else 0) for k in range(n)]


def test_short_bullets_keep_the_largest_size() -> None:
    result = fit_block(bullets(3), BODY, family=FAMILY, max_size=24, min_size=18)
    assert result.fits and result.size == 24 and result.split_at is None
    assert result.sizes == (24, 24, 22)  # level 1 is 2 pt smaller
    assert result.height_pt <= BODY.height and result.overflow_pt == 0


def test_a_fuller_slide_shrinks_in_steps() -> None:
    sizes = {
        n: fit_block(bullets(n), BODY, family=FAMILY, max_size=24, min_size=18).size for n in range(3, 8)
    }
    assert sizes[3] == 24
    assert list(sizes.values()) == sorted(sizes.values(), reverse=True)
    assert set(sizes.values()) <= {24, 22, 20, 18}
    assert any(size < 24 for size in sizes.values())
    one_pt = fit_block(bullets(5), BODY, family=FAMILY, max_size=24, min_size=18, step_pt=1)
    two_pt = fit_block(bullets(5), BODY, family=FAMILY, max_size=24, min_size=18, step_pt=2)
    assert one_pt.size >= two_pt.size


def test_the_floor_holds_for_every_level() -> None:
    paras = [Para(SENTENCE, level=level) for level in range(5)] * 2
    result = fit_block(paras, BODY, family=FAMILY, max_size=24, min_size=18)
    assert result.size >= 18
    assert min(result.sizes) >= 18


def test_too_much_text_splits_after_the_last_paragraph_that_fits() -> None:
    paras = bullets(12)
    result = fit_block(paras, BODY, family=FAMILY, max_size=24, min_size=18)
    assert not result.fits and result.size == 18
    k = result.split_at
    assert k is not None and 0 < k < len(paras)
    assert result.overflow_pt > 0
    head = fit_block(paras[:k], BODY, family=FAMILY, max_size=18, min_size=18)
    assert head.fits
    assert not fit_block(paras[: k + 1], BODY, family=FAMILY, max_size=18, min_size=18).fits


def test_one_giant_paragraph_cannot_be_split() -> None:
    giant = Para(" ".join([SENTENCE] * 12))
    result = fit_block([giant, Para("after")], BODY, family=FAMILY, max_size=24, min_size=18)
    assert not result.fits
    assert result.split_at == 0
    assert result.size == 18


def test_unbulleted_paragraphs_get_the_full_width() -> None:
    text = "x " * 200
    indented = fit_block([Para(text)], BoxPt(400, 1000), family=FAMILY, max_size=20, min_size=20)
    flush = fit_block([Para(text, bullet=False)], BoxPt(400, 1000), family=FAMILY, max_size=20, min_size=20)
    assert flush.lines[0] < indented.lines[0]
    plain = fit_block([Para(text)], BoxPt(400, 1000), family=FAMILY, max_size=20, min_size=20, style=PLAIN)
    assert plain.lines == flush.lines


def test_the_safety_margin_only_ever_adds_lines() -> None:
    for w in range(300, 800, 37):
        box = BoxPt(w, 1000)
        exact = fit_single(SENTENCE, box, family=FAMILY, max_size=24, min_size=24, safety=0)
        safe = fit_single(SENTENCE, box, family=FAMILY, max_size=24, min_size=24)
        assert exact.lines[0] == len(wrap(SENTENCE, width_pt=w, family=FAMILY, size_pt=24))
        assert safe.lines[0] >= exact.lines[0]


def test_titles_shrink_until_they_fit_and_report_overflow_below_the_floor() -> None:
    box = BoxPt(859.2, 68.4)  # the template's title placeholder inside its insets
    short = fit_single("Two flanks, one arena", box, family=FAMILY, max_size=28, min_size=20, bold=True)
    assert short.fits and short.size == 28 and short.lines == (1,)
    long_title = "Russia's southern strategy: Syria, Libya, the Sahel and the Red Sea as one arena for NATO"
    shrunk = fit_single(long_title + " planners", box, family=FAMILY, max_size=28, min_size=20, bold=True)
    assert shrunk.fits and shrunk.lines[0] <= 2
    huge = fit_single(
        long_title * 4, box, family=FAMILY, max_size=28, min_size=20, bold=True, line_spacing=0.9
    )
    assert not huge.fits and huge.size == 20 and huge.split_at == 0


def test_candidate_sizes_step_down_to_the_floor() -> None:
    assert candidate_sizes(24, 18, 2) == [24, 22, 20, 18]
    assert candidate_sizes(32, 20, 4) == [32, 28, 24, 20]
    assert candidate_sizes(23, 18, 2) == [23, 21, 19, 18]
    assert candidate_sizes(18, 18, 1) == [18]
    with pytest.raises(ValueError):
        candidate_sizes(18, 24, 2)
    with pytest.raises(ValueError):
        candidate_sizes(24, 18, 0)


def test_the_briefing_style_mirrors_the_template() -> None:
    assert [24 - BRIEFING_BODY.level(n).size_drop_pt for n in range(5)] == [24, 22, 20, 18, 18]
    assert BRIEFING_BODY.level(9) == BRIEFING_BODY.level(4)
    assert [BRIEFING_BODY.level(n).indent_pt for n in range(5)] == [21.6, 50.4, 79.2, 108.0, 136.8]
    body = BoxPt.inside(11_094_415, 4_754_880)  # the template's body placeholder, in EMU
    assert (body.width, body.height) == pytest.approx((859.18, 367.2), abs=0.01)
