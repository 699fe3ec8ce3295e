"""In CI a missing LibreOffice is a failure, not a skip.

Tests that need LibreOffice or poppler are marked ``office`` and skip on a machine without them.
``.ci/run`` installs them and sets ``CI=true``; there a skip would hide a round trip that never
ran, so this hook turns it into a failure that names the tool. It applies to

* every skip of a test marked ``office``, whatever the reason, and
* every skip whose reason names a tool that CI installs (``soffice``, ``pdfinfo``,
  ``systemd-analyze``, ``chromium`` ...), marked or not.

A skip raised while setting up (a ``skipif`` mark, a fixture) becomes an error, one raised in the
test body a failure: both fail the run. Expected failures (``xfail``) are left alone.

``tests/conftest.py`` imports the hook; ``pytest -p tests.ci_skips`` loads it on its own.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Generator

import pytest

# What .ci/run installs for the tests: command -> Debian package.
CI_TOOLS = {
    "soffice": "libreoffice-impress, libreoffice-writer",
    "pdftotext": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "pdfinfo": "poppler-utils",
    "systemd-analyze": "systemd",
    "chromium": "chromium",
}
NAMES_A_CI_TOOL = re.compile(
    r"\b(soffice|libreoffice|poppler|pdftotext|pdftoppm|pdfinfo|systemd-analyze|chromium)\b", re.IGNORECASE
)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1")


def skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if not report.skipped or hasattr(report, "wasxfail") or not in_ci():
        return report
    reason = skip_reason(report)
    if item.get_closest_marker("office") is None and not NAMES_A_CI_TOOL.search(reason):
        return report
    missing = [f"{tool} (Debian: {package})" for tool, package in CI_TOOLS.items() if not shutil.which(tool)]
    tools = f"missing tools: {', '.join(missing)}" if missing else f"on PATH: {', '.join(CI_TOOLS)}"
    report.outcome = "failed"
    report.longrepr = (
        f"{item.nodeid} skipped in CI (CI={os.environ.get('CI')}): a skip here hides a test that never ran.\n"
        f"  skip reason: {reason}\n"
        f"  {tools}\n"
        f"  .ci/run installs them with apt-get; install what is missing, or unset CI to allow the skip."
    )
    return report
