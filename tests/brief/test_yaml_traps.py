"""YAML traps explained: each mistake staff make editing a brief by hand gets advice, not YAML's words.

Golden files: ``tests/cases/yaml-traps/<trap>.yaml`` against ``<trap>.err``, the exact stderr of
``deckgen check`` (``pytest --update-goldens`` rewrites them; read the diff). The unit tests
below pin what each recogniser leaves alone, so valid YAML is never "explained".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from deckgen.brief import load_brief
from deckgen.cli.main import main
from deckgen.core.slidenames import slide_key, slide_name, slide_number
from deckgen.core.yamlcompose import compose_text
from deckgen.core.yamltraps import Trap, quoted, syntax_trap, text_with_colon
from tests.conftest import ROOT

TRAPS = ROOT / "tests" / "cases" / "yaml-traps"
CASES = sorted(p.stem for p in TRAPS.glob("*.yaml"))


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")


def check(case: str, *more: str) -> tuple[int, str, str]:
    args = ["check", f"tests/cases/yaml-traps/{case}.yaml", "--sources", "briefs/sources", *more]
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("case", CASES)
def test_check_explains_the_trap(case: str, in_root: None, update_goldens: bool) -> None:
    code, _, err = check(case)
    assert code == 1, err
    expected = TRAPS / f"{case}.err"
    if update_goldens:
        expected.write_text(err, encoding="utf-8")
    assert err == expected.read_text(encoding="utf-8")


def test_every_trap_has_a_golden_and_no_yaml_words() -> None:
    assert len(CASES) >= 8
    assert sorted(p.stem for p in TRAPS.glob("*.err")) == CASES
    for case in CASES:
        text = (TRAPS / f"{case}.err").read_text(encoding="utf-8")
        assert "[yaml-syntax]" not in text and "hint: " in text, case


def test_json_keys_count_slides_and_items_from_1(in_root: None) -> None:
    code, out, _ = check("colon-in-text", "--json")
    assert code == 1
    found = [(d["key"], d["line"], d["code"]) for d in json.loads(out)["briefs"][0]["diagnostics"]]
    assert found == [
        ("slides[1].bullets[1]", 9, "unquoted-colon"),
        ("slides[1].bullets[2].bullets[1]", 12, "unquoted-colon"),
        ("slides[2].questions", 17, "unquoted-colon"),
    ]


def test_the_tab_is_shown_as_an_arrow_under_its_caret(in_root: None) -> None:
    _, _, err = check("tab-after-dash")
    shown, caret = err.splitlines()[1:3]
    assert shown.strip() == "-\u2192A point typed with a tab after the dash"
    assert caret.index("^") == shown.index("\u2192")


# --- the recognisers leave valid YAML and other mistakes alone ------------------------------------


def trap_of(text: str) -> Trap | None:
    try:
        compose_text(text)
    except yaml.MarkedYAMLError as exc:
        return syntax_trap(text, exc)
    raise AssertionError("the text is valid YAML")


def first_item(text: str) -> Trap | None:
    root = compose_text(text)
    assert root is not None
    return text_with_colon(root.value[0], text.splitlines())


@pytest.mark.parametrize(
    "text",
    [
        "- text: a mapping written as one\n",  # caller decides whether the key is known
        "- Allies: France\n",
        "- Follow-up: why now?   # comment\n",
    ],
)
def test_a_one_key_plain_mapping_on_one_line_is_text_with_a_colon(text: str) -> None:
    trap = first_item(text)
    assert trap is not None and trap.code == "unquoted-colon" and (trap.line, trap.col) == (1, 3)


@pytest.mark.parametrize(
    "text",
    [
        "- {Allies: France}\n",  # braces: a mapping on purpose
        '- "Allies": France\n',  # a quoted key: on purpose
        "- Allies: 'France'\n",  # a quoted value: on purpose
        "- Allies:\n",  # nothing after the colon
        "- Allies: France\n  Italy: Spain\n",  # two keys
        "- Allies: France\n    and Italy\n",  # the value goes on over two lines
        "- Just text\n",
    ],
)
def test_other_items_are_not_text_with_a_colon(text: str) -> None:
    assert first_item(text) is None


@pytest.mark.parametrize(
    ("text", "code", "at"),
    [
        ("a:\n  -\tx\n", "yaml-tab", (2, 4)),
        ("a:\n\tb: c\n", "yaml-tab", (2, 1)),
        ("a:\n  b: c\n \t d: e\n", "yaml-tab", (3, 2)),
        ("a:\n  title: 'It's NATO's flank'\n  b: c\n", "yaml-apostrophe", (2, 13)),
        ("a:\n  title: 'the allies' flank'\n", "yaml-apostrophe", (2, 21)),
        ("a:\n  - 'NATO's flank'\n", "yaml-apostrophe", (2, 10)),
        ("a:\n  b: c\n    d: e\n", "yaml-indent", (3, 5)),
        ("a:\n  - b: c\n      d: e\n", "yaml-indent", (3, 7)),
        ("a:\n  - kind: x\n    title: y\n     bullets:\n", "yaml-indent", (4, 6)),
        ("a:\n  title: Allies: France\n", "unquoted-colon", (2, 10)),
    ],
)
def test_syntax_traps_are_found_where_they_are(text: str, code: str, at: tuple[int, int]) -> None:
    trap = trap_of(text)
    assert trap is not None and (trap.code, (trap.line, trap.col)) == (code, at), trap


def test_a_tab_on_a_blank_line_is_to_delete() -> None:
    trap = trap_of("a:\n  b: c\n\t\n  d: e\n")
    assert trap is not None and (trap.code, trap.line, trap.col) == ("yaml-tab", 3, 1)
    assert trap.hint.startswith("delete it: the line is otherwise blank")


def test_the_fixed_lines_are_valid_yaml() -> None:
    prefixes = {
        "yaml-apostrophe": "use double quotes, or double the apostrophe (''): ",
        "unquoted-colon": "write: ",
    }
    for text, meant in (("title: 'NATO's flank'\n", "NATO's flank"), ("title: A: B  # c\n", "A: B")):
        trap = trap_of(text)
        assert trap is not None and trap.hint.startswith(prefixes[trap.code])
        assert yaml.safe_load(trap.hint.removeprefix(prefixes[trap.code])) == {"title": meant}


@pytest.mark.parametrize(
    "text",
    [
        'a:\n  - "This never ends\n',  # an unclosed quote keeps YAML's words and the general hint
        "a: [b, c\n",
        "a:\n  - b\n c: d\n",  # less indented, not more
        "a:\n  title: 'NATO''s flank' more\n",  # doubled apostrophe, then stray text
    ],
)
def test_other_syntax_errors_keep_yamls_words(text: str) -> None:
    assert trap_of(text) is None


def test_quoted_picks_the_quotes_that_need_no_escape() -> None:
    assert quoted("Allies: France") == '"Allies: France"'
    assert quoted('The "south": Mali') == "'The \"south\": Mali'"
    assert quoted('It\'s "ours"') == "'It''s \"ours\"'"
    for text in ("Allies: France", 'The "south": Mali', 'It\'s "ours"', "a\\b: c"):
        assert yaml.safe_load(f"k: {quoted(text)}") == {"k": text}


# --- slides named by number and title ------------------------------------------------------------


def test_slide_names_and_keys_count_from_1() -> None:
    assert slide_key(14) == "slides[15]" and slide_number("slides[15].quote") == 15
    assert slide_number("deck.date") is None and slide_number(None) is None
    assert slide_name(14, "Why the Sahel matters") == 'slide 15 "Why the Sahel matters"'
    assert slide_name(0, None) == "slide 1" and slide_name(0, "  ") == "slide 1"
    assert slide_name(2, "Two\n  lines") == 'slide 3 "Two lines"'
    long = slide_name(0, "A title far longer than any message should quote whole, to the end")
    assert long == 'slide 1 "A title far longer than any message should\u2026"'


def test_a_slide_without_a_title_is_named_by_its_kinds_default(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(
        "deck: {title: T, marking: U}\nslides:\n  - kind: takeaways\n    bulets: [x]\n", encoding="utf-8"
    )
    _, diags = load_brief(path)
    messages = [d.message for d in diags.items if d.is_error]
    assert "unknown key 'bulets' in slide 1 \"Key takeaways\"" in messages, messages
