"""Shared fixtures: the repository root, golden-file updating, and building the example decks once."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# In CI (CI=true) a skipped LibreOffice test fails the run; see tests/ci_skips.py.
from tests.ci_skips import pytest_runtest_makereport  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
BRIEFS = ROOT / "briefs"
SOURCES = BRIEFS / "sources"
EXAMPLES = ("southern-flank-training", "southern-flank-readahead")
# Test inputs kept in the repository (see tests/fixtures/README.md): no test reads outside it.
FIXTURES = ROOT / "tests" / "fixtures"
# The plain-text seed article, as supplied: input for the importer.
SEED_TXT = FIXTURES / "seed-southern-underbelly.txt"

# Deterministic matplotlib and a writable cache, whatever the machine.
os.environ.setdefault("MPLCONFIGDIR", str(Path(os.environ.get("TMPDIR", "/tmp")) / "deckgen-mpl"))
# A fresh chart cache per test run, so the tests draw every chart at least once.
os.environ["DECKGEN_CACHE_DIR"] = tempfile.mkdtemp(prefix="deckgen-charts-")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="Rewrite expected.* golden files from the current output (read the diff!).",
    )


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def example_decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build every example brief once per test session; returns name -> .pptx path."""
    from deckgen import api

    out = tmp_path_factory.mktemp("decks")
    built: dict[str, Path] = {}
    for name in EXAMPLES:
        result = api.build(BRIEFS / f"{name}.yaml", output=out / f"{name}.pptx", strict=True)
        built[name] = result.output
    return built


@pytest.fixture(scope="session")
def impress_corpus() -> dict[str, Path]:
    """LibreOffice's Impress templates as .pptx, name -> path (converted once, cached by hash)."""
    from tests.corpus import converted_templates

    corpus = converted_templates()
    if not corpus:
        pytest.skip("needs LibreOffice (soffice) and its Impress templates (libreoffice-impress)")
    return corpus
