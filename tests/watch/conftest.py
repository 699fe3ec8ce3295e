"""What the watch tests share: a scratch copy of the read-ahead brief with its inputs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import BRIEFS

READAHEAD = "southern-flank-readahead.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """``briefs/`` in a scratch folder: the read-ahead brief with its article and dataset."""
    folder = tmp_path / "briefs"
    folder.mkdir()
    shutil.copy(BRIEFS / READAHEAD, folder / READAHEAD)
    shutil.copytree(BRIEFS / "sources", folder / "sources")
    shutil.copytree(BRIEFS / "data", folder / "data")
    return folder
