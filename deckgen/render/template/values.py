"""The template values deckgen reads from the XML itself, checked against the schema's types.

python-pptx checks an attribute's type when it reads one, but the measuring (``measure.py``) and
the colours (``fill/colors.py``) read some attributes straight from the XML, to see what
python-pptx has no property for, and python-pptx checks a placeholder's size and orientation only
when it copies them onto a slide. A value that is not what the schema allows (a font size of
"1e400" or of 10^11 hundredths of a point, a colour of "ZZZ", a placeholder size of "huge") is a
damaged template: reported here, when the template is opened, not as a traceback or a search
through 10^9 type sizes later.

Keep ``RULES`` in step with what those modules read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationT

_HEX = re.compile(r"[0-9A-Fa-f]{6}")
_INT = re.compile(r"[+-]?[0-9]{1,20}")
_MARGIN = 51206400  # ST_TextMargin and ST_TextIndent: at most 4,032 pt either way


class BadPart(ValueError):
    """A part of the template deckgen cannot use (a value of ``RULES`` out of its type, a part
    of the wrong type); the message names the part."""


@dataclass(frozen=True)
class Rule:
    what: str
    low: int | None = None  # a whole number from low to high; None: a colour, six hex digits
    high: int | None = None
    choices: tuple[str, ...] = ()  # else one of these words


SIZE = Rule("font size", 100, 400000)
LEVEL = Rule("paragraph level", 0, 8)
INDENT = Rule("margin or indent", -_MARGIN, _MARGIN)
COLOUR = Rule("colour")
MODIFIER = Rule("colour modifier", -(2**31), 2**31)
_PARAGRAPH = (("marL", INDENT), ("marR", INDENT), ("indent", INDENT))
# Element -> its attributes deckgen reads, with their types. The children of a colour element
# (lumMod, tint, ...) are read too: each ``val`` is a MODIFIER.
RULES: dict[str, tuple[tuple[str, Rule], ...]] = {
    "a:defRPr": (("sz", SIZE),),
    "a:rPr": (("sz", SIZE),),
    "a:endParaRPr": (("sz", SIZE),),
    "a:pPr": (("lvl", LEVEL), *_PARAGRAPH),
    **{f"a:lvl{n}pPr": _PARAGRAPH for n in range(1, 10)},
    "a:spcPct": (("val", Rule("line or paragraph spacing", 0, 13200000)),),
    "a:spcPts": (("val", Rule("spacing in points", 0, 158400)),),
    "a:srgbClr": (("val", COLOUR),),
    "a:sysClr": (("lastClr", COLOUR),),
    "a:schemeClr": (),
    # python-pptx copies these onto each slide's (and notes page's) placeholders, and checks
    # them only then, as it writes them.
    "p:ph": (
        ("sz", Rule("placeholder size", choices=("full", "half", "quarter"))),
        ("orient", Rule("placeholder orientation", choices=("horz", "vert"))),
    ),
}
_BY_TAG = {qn(tag): checks for tag, checks in RULES.items()}
_COLOURS = frozenset(qn(tag) for tag in ("a:srgbClr", "a:sysClr", "a:schemeClr"))


def check_values(prs: PresentationT) -> None:
    """Raise BadPart naming the part, the value and what it should be, for the first value
    of ``RULES`` out of its type in a master, a layout or a master's theme.

    One pass over each part's elements of those tags (lxml picks them out): under 1 ms for the
    shipped template, 10 ms for the largest LibreOffice one (a quarter of the time to open it).
    """
    for partname, root in _roots(prs):
        for element in root.iter(*_BY_TAG):
            checks = _BY_TAG[element.tag]
            if element.tag in _COLOURS:
                for child in element:
                    _check(partname, child.get("val"), MODIFIER)
            for name, rule in checks:
                _check(partname, element.get(name), rule)


def _check(partname: str, value: str | None, rule: Rule) -> None:
    if value is None or _fits(value, rule):
        return
    shown = value if len(value) <= 40 else value[:39] + "\u2026"
    raise BadPart(f"{partname}: the {rule.what} {shown!r} is not {_expected(rule)}")


def _roots(prs: PresentationT) -> Iterator[tuple[str, Any]]:
    for master in prs.slide_masters:
        yield str(master.part.partname), master._element
        try:
            theme = master.part.part_related_by(RT.THEME)
            yield str(theme.partname), parse_xml(theme.blob)
        except (KeyError, ValueError, SyntaxError):
            pass  # no theme, or not XML: measure.py and fill/colors.py use their defaults
        for layout in master.slide_layouts:
            yield str(layout.part.partname), layout._element
    if any(rel.reltype == RT.NOTES_MASTER for rel in prs.part.rels.values()):
        yield str(prs.notes_master.part.partname), prs.notes_master._element


def _fits(value: str, rule: Rule) -> bool:
    if rule.choices:
        return value in rule.choices
    if rule.low is None or rule.high is None:
        return _HEX.fullmatch(value) is not None
    return _INT.fullmatch(value) is not None and rule.low <= int(value) <= rule.high


def _expected(rule: Rule) -> str:
    if rule.choices:
        return "one of " + ", ".join(rule.choices)
    if rule.low is None or rule.high is None:
        return "a colour of six hex digits"
    return f"a whole number from {rule.low:,} to {rule.high:,}"
