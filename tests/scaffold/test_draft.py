"""The draft's pieces: YAML scalars that read back as written, aliases, first words, spreading."""

from __future__ import annotations

import pytest
import yaml

from deckgen.core.yamlcompose import compose_text
from deckgen.scaffold.draft import _spread, alias_for, match_words
from deckgen.scaffold.yamltext import scalar
from deckgen.sources.model import Paragraph, Section

TRICKY = [
    "Libya and the Mediterranean",
    "Allies: France and Italy",  # colon-space
    "No",  # a YAML 1.1 boolean
    "2022-05",  # a date to YAML 1.1
    "# not a comment",
    "[not a list]",
    '“Curly quotes” and "straight" ones',
    "It's an apostrophe",
    "Ends with a space ",
    "Tab\there",
    "- a dash",
    "a: b # c",
    "<<placeholder>>",
    "",
]


@pytest.mark.parametrize("text", TRICKY)
def test_a_scalar_reads_back_as_the_same_text(text: str) -> None:
    written = f"key: {scalar(text)}  # a comment after it\n"
    assert yaml.safe_load(written) == {"key": text}  # PyYAML: YAML 1.1, as editors read it
    node = compose_text(written)  # deckgen's own reading
    assert node is not None and node.value[0][1].value == text


def test_plain_text_stays_bare() -> None:
    assert scalar("Syria as the template") == "Syria as the template"
    assert scalar("Moscow’s reach, (2014/2022)") == "Moscow’s reach, (2014/2022)"
    assert scalar("yes") == '"yes"' and scalar("Done.") == "Done."


def test_alias_is_the_initials_of_a_hyphenated_id() -> None:
    assert alias_for("southern-underbelly") == "su"
    assert alias_for("high-north-watch") == "hnw"
    assert alias_for("report") == "report"


def test_match_is_the_first_words_of_the_first_sentence() -> None:
    long = Paragraph(1, "s", 1, "One two three four five six seven. Next sentence here.", 1)
    assert match_words(long) == "One two three four five six"
    short = Paragraph(2, "s", 2, "Too short. Then more words follow here.", 2)
    assert match_words(short) == "Too short."  # never runs into the next sentence


def test_takeaways_spread_over_the_article() -> None:
    sections = [Section(f"s{i}", f"S{i}", i, ()) for i in range(8)]
    assert [s.id for s in _spread(sections, 5)] == ["s0", "s2", "s4", "s5", "s7"]
    assert _spread(sections[:3], 5) == sections[:3]
