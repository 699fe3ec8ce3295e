"""The brief schema under two validators: PyYAML + ``jsonschema``, and the ``check-jsonschema`` CLI.

They read YAML differently (PyYAML makes a date of an unquoted 2022-06-20, ruamel keeps it as
text), and the schema must agree with deckgen under both:

* every brief in briefs/, tests/cases/ and tests/schema/good/ that deckgen accepts is valid;
* every brief in tests/schema/broken/ is refused at exactly the path its header names
  (``# path: $.deck.date``), and deckgen refuses it too, with the code its header names
  (``# deckgen: bad-date``), so the schema is never stricter than deckgen.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from deckgen import api
from deckgen.brief.schema import brief_schema
from deckgen.core.errors import DeckgenError, Severity
from tests.conftest import BRIEFS, ROOT, SOURCES

SCHEMA_FILE = ROOT / "docs" / "brief.schema.json"
HERE = Path(__file__).parent
CANDIDATES = sorted(
    [*BRIEFS.glob("*.yaml"), *(ROOT / "tests" / "cases").rglob("*.yaml"), *(HERE / "good").glob("*.yaml")]
)
BROKEN = sorted((HERE / "broken").glob("*.yaml"))
_HEADER = re.compile(r"^# (path|deckgen): (.+)$", re.MULTILINE)


def _deckgen_errors(brief: Path) -> set[str]:
    """The codes of deckgen's errors for ``brief``; empty when it is accepted."""
    try:
        api.check(brief, sources_dir=SOURCES)
    except DeckgenError as exc:
        return {d.code for d in exc.diagnostics if d.severity is Severity.ERROR}
    return set()


@cache
def accepted() -> tuple[Path, ...]:
    return tuple(p for p in CANDIDATES if not _deckgen_errors(p))


def _header(brief: Path) -> dict[str, str]:
    return dict(_HEADER.findall(brief.read_text(encoding="utf-8")))


@cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = brief_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _pyyaml_paths(brief: Path) -> set[str]:
    """The paths PyYAML + jsonschema find errors at, as JSONPath (``$.slides[1].kind``)."""
    instance = yaml.safe_load(brief.read_text(encoding="utf-8"))
    return {error.json_path for error in _validator().iter_errors(instance)}


def _check_jsonschema(briefs: list[Path]) -> tuple[int, dict[str, Any]]:
    """Run the check-jsonschema CLI on ``briefs`` against the shipped schema file."""
    command = [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMA_FILE), "-o", "json"]
    done = subprocess.run(
        [*command, *map(str, briefs)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.stdout, done.stderr
    return done.returncode, json.loads(done.stdout)


def test_the_briefs_deckgen_accepts_include_every_example_and_good_case() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in accepted()}
    expected = {
        "briefs/southern-flank-training.yaml",
        "briefs/southern-flank-readahead.yaml",
        "tests/cases/minimal-deck/brief.yaml",
        "tests/cases/teaching-kit/brief.yaml",
        "tests/schema/good/yaml-forms.yaml",
        "tests/schema/good/quoted-forms.yaml",
    }
    assert expected <= names, expected - names
    assert not any(p.parent.name == "broken" for p in accepted())


def test_pyyaml_and_jsonschema_accept_what_deckgen_accepts() -> None:
    refused = {p.relative_to(ROOT).as_posix(): paths for p in accepted() if (paths := _pyyaml_paths(p))}
    assert refused == {}


def test_check_jsonschema_accepts_what_deckgen_accepts() -> None:
    code, report = _check_jsonschema(list(accepted()))
    assert (code, report["status"]) == (0, "ok"), report


@pytest.mark.parametrize("brief", BROKEN, ids=lambda p: p.stem)
def test_a_broken_brief_is_refused_by_deckgen_and_pyyaml_jsonschema_at_its_path(brief: Path) -> None:
    header = _header(brief)
    assert header.keys() == {"path", "deckgen"}, f"{brief.name} needs '# path:' and '# deckgen:' lines"
    assert header["deckgen"] in _deckgen_errors(brief)
    assert _pyyaml_paths(brief) == {header["path"]}


def test_check_jsonschema_refuses_each_broken_brief_at_its_path() -> None:
    code, report = _check_jsonschema(BROKEN)
    assert code == 1
    found: dict[str, set[str]] = {}
    for error in report["errors"]:
        found.setdefault(Path(error["filename"]).name, set()).add(error["path"])
    assert found == {p.name: {_header(p)["path"]} for p in BROKEN}


def test_there_are_broken_briefs_for_dates_closed_sets_and_types() -> None:
    codes = {_header(p)["deckgen"] for p in BROKEN}
    assert {"bad-date", "unknown-status", "unknown-flank", "unknown-kind", "wrong-type"} <= codes
    assert len([p for p in BROKEN if _header(p)["deckgen"] == "bad-date"]) >= 6
