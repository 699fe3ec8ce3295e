"""Deck properties PowerPoint caps, and a SOURCE_DATE_EPOCH no document can carry."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.kit import HEAD, check_and_build, project, run


@pytest.mark.parametrize("key", ["title", "presenter", "audience"])
def test_a_deck_property_over_255_characters_is_located(tmp_path: Path, key: str) -> None:
    head = HEAD.replace("  title: Test\n", "") + f"  {key}: {'x' * 300}\n"
    if key != "title":
        head += "  title: Test\n"
    path = project(tmp_path, head=head)
    line = check_and_build(tmp_path, path, "text-too-long")
    assert f"'deck.{key}' is 300 characters" in line


def test_a_source_date_epoch_past_year_9999_is_an_error_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "99999999999999")
    path = project(tmp_path)  # no date: the stamp would come from SOURCE_DATE_EPOCH
    line = check_and_build(tmp_path, path, "bad-source-date-epoch", 1, 1)
    assert "99999999999999" in line


def test_a_valid_source_date_epoch_still_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1656000000")
    path = project(tmp_path)
    result = run("build", path, "-o", tmp_path / "deck.pptx")
    assert result.exit_code == 0, result.output
