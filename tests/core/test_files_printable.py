"""The characters a brief, article or dataset may hold: YAML 1.1's printable set, checked code point
by code point against the set as the YAML specification writes it."""

from __future__ import annotations

import re

from deckgen.core.files import _NOT_PRINTABLE

# YAML 1.1, 5.1: the printable characters, as the specification lists them.
PRINTABLE = re.compile("[\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def test_every_code_point_is_either_printable_or_refused() -> None:
    for point in range(0x110000):
        char = chr(point)
        assert bool(_NOT_PRINTABLE.match(char)) != bool(PRINTABLE.match(char)), hex(point)
