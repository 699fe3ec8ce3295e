"""tests/ci_skips.py: with CI=true a skipped LibreOffice test fails the run; elsewhere it skips."""

from __future__ import annotations

import pytest

THROWAWAY = """
import pytest

@pytest.mark.office
def test_skips_in_its_body():
    pytest.skip("soffice and pdftotext not installed")

@pytest.mark.office
@pytest.mark.skipif(True, reason="needs LibreOffice")
def test_skipped_by_a_mark():
    pass

@pytest.mark.skipif(True, reason="needs poppler (pdfinfo)")
def test_unmarked_but_names_a_ci_tool():
    pass

def test_skips_for_another_reason():
    pytest.skip("needs the network")

@pytest.mark.office
@pytest.mark.xfail(reason="a known bug", strict=True)
def test_expected_to_fail():
    assert False

@pytest.mark.office
def test_runs():
    pass
"""


@pytest.fixture
def throwaway(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeini("[pytest]\nmarkers =\n    office: needs LibreOffice\n")
    pytester.makepyfile(test_throwaway=THROWAWAY)
    return pytester


def test_in_ci_a_skipped_office_test_fails(
    throwaway: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    result = throwaway.runpytest("-p", "tests.ci_skips", "-rA")
    # A skip in the body fails the test; one at setup (a skipif mark) is an error. Both fail the run.
    result.assert_outcomes(failed=1, errors=2, skipped=1, xfailed=1, passed=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    output = result.stdout.str()
    assert "test_throwaway.py::test_skips_in_its_body skipped in CI (CI=true)" in output
    assert "skip reason: soffice and pdftotext not installed" in output
    assert "skip reason: needs LibreOffice" in output
    assert "skip reason: needs poppler (pdfinfo)" in output
    assert "missing tools:" in output or "on PATH: soffice, pdftotext" in output
    assert "SKIPPED [1] test_throwaway.py" in output and "needs the network" in output


def test_outside_ci_office_tests_skip(throwaway: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    result = throwaway.runpytest("-p", "tests.ci_skips")
    result.assert_outcomes(skipped=4, xfailed=1, passed=1)
    assert result.ret == pytest.ExitCode.OK


def test_ci_false_is_not_ci(throwaway: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "false")
    throwaway.runpytest("-p", "tests.ci_skips").assert_outcomes(skipped=4, xfailed=1, passed=1)
