"""Mutations: YAML values of every type and form, unicode of every awkward category, long strings,
anchors and aliases, line and indentation damage, truncation, raw bytes; XML attribute and element
damage inside a template's parts; and damage to the template's zip bytes and structure.

``make_case(seed, index)`` draws a case; ``apply(content, op)`` replays one operation, so the
shrinker can replay any subset of a case's operations.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from tests.fuzz import corpus
from tests.fuzz.corpus import ARTICLE, DATASET, PROFILE, TEMPLATE, Case, Op
from tests.fuzz.zipops import RENAMES, ZIP_OPS

YAML_INTS = ["0x10", "0o7", "0b11", "0777", "1_000", "1:30", "190:20:30", "+5", "-0", ".inf", "-.Inf"]
YAML_INTS += [".nan", ".NaN", "1e3", "1.5", "-1", "0", "2147483648", "99999999999999999999999", "1e309"]
YAML_DATES = ["2022-13-40", "2022-1-1", "2022-02-29", "2000-02-29", "0001-01-01", "9999-12-31", "2022-06"]
YAML_DATES += ["2022", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "2022-06-20T10:00:00Z"]
YAML_DATES += ["2022-00-00", "20220620", "'2022-06-20'", "1969-12-31", "2022-06-20 25:61:61"]
YAML_TYPES = ["[1, 2]", "{a: b}", "''", '""', "null", "~", "yes", "no", "on", "off", "y", "true", "False"]
YAML_TYPES += [
    "[]",
    "{}",
    "[[[[[]]]]]",
    "!!str 5",
    "!!int '5'",
    "!!float x",
    "!!binary aGVsbG8=",
    "!!null ''",
]
YAML_TYPES += ["!!python/object/apply:os.system ['true']", "!foo bar", "!!set {a, b}", "!!omap [a: 1]"]
YAML_TYPES += ["!!timestamp 2022-01-01", "? complex", "*nope", "'unterminated", '"unterminated', "[unclosed"]
YAML_TYPES += ["{a: [b}", "a: b: c", "@reserved", "`tick", "- item", "|\n  block", ">-\n  folded", "&"]
YAML_TYPES += ["%TAG ! tag:x,2000:", "---", "...", "# comment", "=", "<<", "*", "!!merge <<", "\\", "'it''s'"]
YAML_TYPES += ["su#nope/p9", "su#p0", "su#p1-p0", "su#", "#", "su#p999999999999999999999", "su##p1"]
# Awkward characters, by unicode category; raw in the file unless they can only be escapes.
CHARS = ["\u2028", "\u2029", "\x85", "\x07", "\x1b", "\x7f", "\x00", "\u200b", "\u200d", "\u202e"]
CHARS += ["\u2066", "\ufeff", "\ufffe", "\uffff", "\U0001f600", "\U0001d400", "\U0010fffd", "e\u0301\u0301"]
CHARS += ["\xa0", "\u3000", "\uff1a", "\u05d0\u05d1", "\u4e2d\u6587", "\ue000", "\t", "\r", "\r\n", "\u0130"]
CHARS += ["\U0001f469\u200d\U0001f469\u200d\U0001f467", "\ufb01", "\u00df", "\u0345", "\u1e9e", "\u2163"]
ESCAPES = ['"\\ud800"', '"\\udfff"', '"a\\ud83dz"', '"\\x00"', '"\\u0085"', '"\\U0010FFFF"', '"\\N\\_\\L\\P"']
ESCAPES += ['"\\uFEFF"', '"\\u202E"', '"\\x1b[31m"', '"\\U0001F600"', '"\\u2028"', '"\\e"', '"\\q"']
BAD_BYTES = [
    "\udcff",
    "\udcc3",
    "\udcc0\udcaf",
    "\udced\udca0\udc80",
    "\udcf4\udc90\udc80\udc80",
    "\udcfe\udcff",
]
ATTRS = ["-1", "0", "99999999999", "-99999999999", "abc", "", "1.5", "NaN", "2147483648", "1e400"]
ATTRS += ["18446744073709551616", "\u202e", "x" * 2000, "&amp;", "0x10", " 5 ", "-0", "+7"]
DOCTYPE = '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
_KEY_LINE = re.compile(r"^(\s*(?:- )?)([^\s#:\-][^:#]*?):([ \t]+)(\S.*)$")
_ITEM_LINE = re.compile(r"^(\s*- )(\S.*)$")
_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")
_ATTR = re.compile(r'([\w:]+)="([^"]*)"')
_EMPTY_ELEMENT = re.compile(r"<[\w:]+(?:\s[^<>]*)?/>")
_TAG = re.compile(r"</?[\w:]+[^<>]*>")


def long_string(rng: random.Random) -> str:
    size = rng.choice([10_000, 30_000, 100_000])
    kind = rng.randrange(5)
    if kind == 0:
        return "x" * size  # one word: nothing to wrap at
    if kind == 1:
        return ("lorem ipsum " * (size // 12 + 1))[:size]
    if kind == 2:
        return rng.choice(CHARS[:20]) * (size // 10)
    if kind == 3:
        return '"' + "\\ud800" * (size // 10) + '"'
    return "".join(rng.choice(["a", " ", "\u00e9", "\U0001f600", "-", "#", ":"]) for _ in range(size // 10))


def _inside_quotes(rng: random.Random) -> str:
    """Text for inside a double-quoted YAML string: a raw character, an escape, or a lot of text."""
    roll = rng.random()
    if roll < 0.4:
        return rng.choice(CHARS).replace("\r", "\\r")
    if roll < 0.7:
        return rng.choice(ESCAPES)[1:-1]
    if roll < 0.8:
        return rng.choice(BAD_BYTES)
    size = rng.choice([1_000, 10_000, 30_000, 100_000])
    word = rng.choice(["x", "lorem ipsum ", "\\u2028", "\U0001f600", "e\u0301", "\u05d0 ", "\\ud800", "-"])
    return (word * (size // len(word) + 1))[:size]


def yaml_value(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.2:
        return rng.choice(YAML_INTS)
    if roll < 0.35:
        return rng.choice(YAML_DATES)
    if roll < 0.6:
        return rng.choice(YAML_TYPES)
    if roll < 0.75:
        return rng.choice(ESCAPES)
    if roll < 0.88:
        return "text " + rng.choice(CHARS) + " more"
    return long_string(rng)


# -- text operations: every one takes the text and the op, and gives text -----------------------


def _pick(items: list[int], at: float) -> int | None:
    return items[min(int(at * len(items)), len(items) - 1)] if items else None


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _on_line(pattern: re.Pattern[str], repl: Callable[[re.Match[str], Op], str]) -> Callable[[str, Op], str]:
    def operation(text: str, op: Op) -> str:
        lines = _lines(text)
        found = [i for i, line in enumerate(lines) if pattern.match(line)]
        j = _pick(found, op.at)
        if j is not None:
            match = pattern.match(lines[j])
            assert match is not None
            lines[j] = repl(match, op)
        return "\n".join(lines)

    return operation


def _line_op(edit: Callable[[list[str], int, int, Op], None]) -> Callable[[str, Op], str]:
    def operation(text: str, op: Op) -> str:
        lines = _lines(text)
        i, j = int(op.at * len(lines)) % len(lines), int(op.at2 * len(lines)) % len(lines)
        edit(lines, i, j, op)
        return "\n".join(lines)

    return operation


def _indent(lines: list[str], i: int, _j: int, op: Op) -> None:
    line = lines[i]
    if op.value == "tab":
        lines[i] = "\t" + line.lstrip(" ")
    elif op.value.startswith("-"):
        cut = min(int(op.value[1:]), len(line) - len(line.lstrip(" ")))
        lines[i] = line[cut:]
    else:
        lines[i] = " " * int(op.value) + line


def _anchor(text: str, op: Op) -> str:
    """An anchor on one value and an alias to it elsewhere: before it, after it, inside it, in a
    list, as a merge key, or many aliases to one anchor."""
    lines = _lines(text)
    keys = [i for i, line in enumerate(lines) if _KEY_LINE.match(line)]
    i, j = _pick(keys, op.at), _pick(keys, op.at2)
    if i is None or j is None:
        return text
    head = _KEY_LINE.match(lines[i])
    tail = _KEY_LINE.match(lines[j])
    assert head is not None and tail is not None
    lines[i] = f"{head[1]}{head[2]}:{head[3]}&a {head[4]}"
    alias = {
        "alias": "*a",
        "list": "[*a, *a, *a]",
        "nested": "{k: *a, l: [*a, {m: *a}]}",
        "many": "[" + ", ".join(["*a"] * 500) + "]",
        "undefined": "*b",
    }.get(op.value)
    if op.value == "merge":
        lines.insert(j + 1, f"{' ' * (len(tail[1]) + 2)}<<: *a")
    elif op.value == "self":
        lines[i] = f"{head[1]}{head[2]}: &a {{x: *a}}"
    elif alias is not None:
        lines[j] = f"{tail[1]}{tail[2]}:{tail[3]}{alias}"
    return "\n".join(lines)


def _at_char(text: str, op: Op, edit: Callable[[str, int, Op], str]) -> str:
    return edit(text, int(op.at * len(text)), op)


def _regex_op(
    pattern: re.Pattern[str], edit: Callable[[str, re.Match[str], Op], str]
) -> Callable[[str, Op], str]:
    def operation(text: str, op: Op) -> str:
        found = list(pattern.finditer(text))
        if not found:
            return text
        return edit(text, found[min(int(op.at * len(found)), len(found) - 1)], op)

    return operation


def _spliced(value: str, op: Op) -> str:
    """``value`` as a double-quoted YAML string with ``op.value`` put inside it: the brief stays
    valid YAML, so the text reaches the later stages (quotes, fitting, notes, the deck)."""
    quoted = len(value) >= 2 and value[0] == value[-1] == '"'
    inner = value[1:-1] if quoted else value.replace("\\", "\\\\").replace('"', '\\"')
    k = int(op.at2 * (len(inner) + 1))
    return '"' + inner[:k] + op.value + inner[k:] + '"'


def _doctype(text: str, _op: Op) -> str:
    end = text.find("?>") + 2 if text.startswith("<?xml") else 0
    return text[:end] + DOCTYPE + text[end:].replace(">", ">&b;", 1)


TEXT_OPS: dict[str, Callable[[str, Op], str]] = {
    "value": _on_line(_KEY_LINE, lambda m, op: f"{m[1]}{m[2]}:{m[3]}{op.value}"),
    "item": _on_line(_ITEM_LINE, lambda m, op: f"{m[1]}{op.value}"),
    "in-value": _on_line(_KEY_LINE, lambda m, op: f"{m[1]}{m[2]}:{m[3]}{_spliced(m[4], op)}"),
    "in-item": _on_line(_ITEM_LINE, lambda m, op: f"{m[1]}{_spliced(m[2], op)}"),
    "key": _on_line(_KEY_LINE, lambda m, op: f"{m[1]}{op.value}:{m[3]}{m[4]}"),
    "insert": lambda text, op: _at_char(text, op, lambda t, k, o: t[:k] + o.value + t[k:]),
    "truncate": lambda text, op: text[: int(op.at * len(text))],
    "delete-line": _line_op(lambda lines, i, _j, _op: lines.__delitem__(i)),
    "duplicate-line": _line_op(lambda lines, i, _j, _op: lines.insert(i, lines[i])),
    "duplicate-block": _line_op(
        lambda lines, i, j, _op: lines.__setitem__(slice(j, j), lines[min(i, j) : max(i, j) + 1])
    ),
    "swap-lines": _line_op(lambda lines, i, j, _op: lines.__setitem__(slice(None), _swapped(lines, i, j))),
    "join-lines": _line_op(
        lambda lines, i, _j, op: lines.__setitem__(slice(i, i + 2), [op.value.join(lines[i : i + 2])])
    ),
    "indent": _line_op(_indent),
    "anchor": _anchor,
    "number": _regex_op(_NUMBER, lambda t, m, op: t[: m.start()] + op.value + t[m.end() :]),
    "attribute": _regex_op(
        _ATTR, lambda t, m, op: t[: m.start(2)] + op.value.replace('"', "&quot;") + t[m.end(2) :]
    ),
    "drop-element": _regex_op(_EMPTY_ELEMENT, lambda t, m, _op: t[: m.start()] + t[m.end() :]),
    "duplicate-element": _regex_op(
        _EMPTY_ELEMENT, lambda t, m, op: t[: m.end()] + m[0] * int(op.value or 1) + t[m.end() :]
    ),
    "drop-tag": _regex_op(_TAG, lambda t, m, _op: t[: m.start()] + t[m.end() :]),
    "rename-tag": _regex_op(_TAG, lambda t, m, op: t[: m.start() + 1] + op.value + t[m.start() + 1 :]),
    "doctype": _doctype,
}


def _swapped(lines: list[str], i: int, j: int) -> list[str]:
    out = list(lines)
    out[i], out[j] = out[j], out[i]
    return out


# -- drawing a case --------------------------------------------------------------------------


def apply(content: bytes, op: Op) -> bytes:
    """``content`` after one operation; text is UTF-8, with raw bad bytes kept as surrogates."""
    if op.name in ZIP_OPS:
        return ZIP_OPS[op.name](content, op)
    text = content.decode("utf-8", "surrogateescape")
    return TEXT_OPS[op.name](text, op).encode("utf-8", "surrogateescape")


def apply_all(content: bytes, ops: tuple[Op, ...] | list[Op]) -> bytes:
    for op in ops:
        content = apply(content, op)
    return content


def _insertion(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.4:
        return rng.choice(CHARS)
    if roll < 0.55:
        return rng.choice(BAD_BYTES)
    if roll < 0.7:
        return rng.choice(
            ["\n", "\n  ", "\n- ", ": ", "#", "&x ", "*x", "---\n", "- kind: bullets\n", "{", "'"]
        )
    if roll < 0.85:
        return rng.choice(ESCAPES)
    return long_string(rng)


_TEXT_WEIGHTS = {
    "value": 30,
    "item": 8,
    "in-value": 25,
    "in-item": 10,
    "key": 4,
    "insert": 15,
    "anchor": 8,
    "delete-line": 6,
}
_TEXT_WEIGHTS |= {"duplicate-line": 4, "duplicate-block": 3, "swap-lines": 3, "join-lines": 2}
_TEXT_WEIGHTS |= {"indent": 6, "truncate": 3, "number": 6}
_XML_WEIGHTS = {"attribute": 35, "drop-element": 10, "duplicate-element": 8, "drop-tag": 6, "rename-tag": 4}
_XML_WEIGHTS |= {"insert": 8, "truncate": 3, "doctype": 3, "number": 10}
_ZIP_WEIGHTS = {"zip-flip": 30, "zip-cut": 8, "zip-field": 25, "zip-prepend": 4, "zip-append": 4}
_ZIP_WEIGHTS |= {"zip-drop-part": 10, "zip-double-part": 5, "zip-rename-part": 7, "zip-garbage-part": 5}


def _value(rng: random.Random, name: str) -> str:
    """What the operation ``name`` puts in."""
    if name in ("value", "item"):
        return yaml_value(rng)
    if name in ("in-value", "in-item"):
        return _inside_quotes(rng)
    if name == "key":
        return rng.choice(["kind", "title", "bullets", "cite", "x", "<<", "? a", "Title", "slides", "deck"])
    if name == "insert":
        return _insertion(rng)
    if name == "anchor":
        return rng.choice(["alias", "list", "nested", "many", "undefined", "merge", "self"])
    if name == "indent":
        return rng.choice(["1", "2", "4", "-1", "-2", "-4", "tab"])
    if name == "join-lines":
        return rng.choice(["", " ", "\t"])
    if name == "number":
        return rng.choice(YAML_INTS + ATTRS[:10])
    if name == "attribute":
        return rng.choice(ATTRS)
    if name == "duplicate-element":
        return str(rng.choice([1, 2, 50, 2000]))
    if name == "rename-tag":
        return rng.choice(["x", "p:", "a:b:", "/"])
    if name == "zip-field":
        from tests.fuzz.zipops import FIELDS, VALUES

        return f"{rng.choice(list(FIELDS))}={rng.choice(VALUES)}"
    if name in ("zip-prepend", "zip-append"):
        return rng.choice(["PK\x05\x06" + "\0" * 18, "garbage", "PK\x03\x04", "\0" * 100])
    if name == "zip-rename-part":
        return rng.choice(RENAMES)
    if name == "zip-garbage-part":
        return rng.choice(["<", "\udcff", "\x00", "<x>" * 100, DOCTYPE])
    if name == "zip-flip":
        return str(rng.choice([1, 128, 255]))
    return ""


def draw_ops(rng: random.Random, weights: dict[str, int]) -> tuple[Op, ...]:
    count = 1 + min(int(rng.expovariate(0.8)), 7)
    names = rng.choices(list(weights), weights=list(weights.values()), k=count)
    return tuple(
        Op(name, round(rng.random(), 4), round(rng.random(), 4), _value(rng, name)) for name in names
    )


# The briefs that get furthest (a brief full of mistakes stops early) are mutated most often.
_BRIEF_WEIGHTS = {
    "southern-flank-training": 4,
    "southern-flank-readahead": 3,
    "minimal-deck": 3,
    "teaching-kit": 3,
}
_FOR_ARTICLE = ["southern-flank-training", "southern-flank-readahead", "minimal-deck", "teaching-kit"]
_FOR_DATASET = ["southern-flank-training", "southern-flank-readahead", "chart-mistakes"]
_FOR_TEMPLATE = ["minimal-deck", "teaching-kit", "southern-flank-readahead"]


def make_case(seed: int, index: int) -> Case:
    """Case ``index`` of ``seed``: the same every time, on every machine."""
    rng = random.Random(f"deckgen-fuzz:{seed}:{index}")
    roll = rng.random()
    template = part = None
    weights = _TEXT_WEIGHTS
    if roll < 0.45:
        names = sorted(corpus.base().briefs)
        brief = rng.choices(names, weights=[_BRIEF_WEIGHTS.get(name, 1) for name in names])[0]
        target = f"briefs/{brief}.yaml"
    elif roll < 0.6:
        brief, target = rng.choice(_FOR_ARTICLE), ARTICLE
    elif roll < 0.72:
        brief, target = rng.choice(_FOR_DATASET), DATASET
    elif roll < 0.92:
        brief, target = rng.choice(_FOR_TEMPLATE), TEMPLATE
        template = rng.choice(["default", "corporate", "minimal"])
        if rng.random() < 0.7:
            part = rng.choice(corpus.xml_parts(corpus.base().templates[template]))
            weights = _XML_WEIGHTS
        else:
            weights = _ZIP_WEIGHTS
    else:
        brief, target, template = rng.choice(["minimal-deck", "teaching-kit"]), PROFILE, "corporate"
    ops = draw_ops(rng, weights)
    case = Case(seed, index, brief, target, ops, b"", template=template, part=part)
    case.content = apply_all(corpus.base_content(case), ops)
    case.build = rng.random() < (0.3 if template else 0.15)
    return case
