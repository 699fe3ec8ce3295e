"""Dataset text that would break the chart's XML is refused when the dataset is loaded.

A control character written as a YAML escape in a region or kind name passed ``check`` and then
failed the native chart at render time; now ``check`` and ``build`` both report it, located.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.kit import HEAD, check_and_build, project

CHART = "  - kind: chart\n    title: C\n    chart: flanks\n    render: native\n"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("{name: Levant,", '{name: "Lev\\x01ant",'),
        ("{name: Naval base or access}", '{name: "Naval\\x1f base"}'),
        ("{name: Naval base or access}", '{name: "Naval \\uFFFE base"}'),
    ],
)
def test_a_control_character_in_a_dataset_name_is_located(tmp_path: Path, old: str, new: str) -> None:
    path = project(tmp_path, CHART, head=HEAD + "data:\n  presence: data/russian-presence.yaml\n")
    dataset = tmp_path / "data" / "russian-presence.yaml"
    text = dataset.read_text(encoding="utf-8")
    assert old in text
    dataset.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = next(i for i, row in enumerate(dataset.read_text(encoding="utf-8").splitlines(), 1) if new in row)
    found = check_and_build(tmp_path, path, "control-character", line, at=dataset)
    assert "U+" in found
