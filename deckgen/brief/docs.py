"""The README's slide-kind tables, written from the field tables (`--write README.md` refreshes them)."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from deckgen.brief.fields import COMMON_FIELDS, COMMON_KEYS, KINDS
from deckgen.brief.fieldtypes import ANNOTATION, BULLET, COLUMN, FILTER, Field, FieldType, Struct

START = "<!-- slide-kinds:start -->"
END = "<!-- slide-kinds:end -->"
COMMAND = "python -m deckgen.brief.docs --write README.md"
_HEADER = "| {} | key | type | what it is | example |\n| --- | --- | --- | --- | --- |"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _code(values: tuple[str, ...]) -> str:
    return ", ".join(f"`{v}`" for v in values)


def _shape(struct: Struct) -> str:
    return "`{" + ", ".join(struct.keys) + "}`"


def type_label(f: Field) -> str:
    """The type as the README names it: "whole number, 1 to 600", "one of `auto`, `native`"."""
    if f.choices and f.type is FieldType.ONE_OR_MORE:
        return "one or a list of " + _code(f.choice_values)
    if f.choices and f.key != "kind":
        return "one of " + _code(f.choice_values)
    label = str(f.type)
    if f.key == "kind":
        label = "one of the kinds below"
    elif f.type is FieldType.BULLETS:
        label = "bullets: text, or " + _shape(BULLET)
    elif f.type is FieldType.MAPPING and f.struct is not None:
        label = f"{f.struct.noun}: {_shape(f.struct)}"
    elif f.type is FieldType.MAPPING_LIST and f.struct is not None:
        label = f"list of {_shape(f.struct)}"
    if f.low is not None and f.high is not None:
        unit = " items" if f.type is FieldType.TEXT_LIST else ""
        label += f", {f.low} to {f.high}{unit}"
    return label


def what_it_is(f: Field) -> str:
    """The help, with whether the key is required, what its choices mean and its default."""
    text = f.help
    explained = "; ".join(f"`{c.value}`: {c.help}" for c in f.choices if c.help)
    if explained:
        text += f" ({explained})"
    if f.default:
        text += f"; default `{f.default}`"
    return ("**required**: " if f.required else "") + text


def _row(first: str, f: Field) -> str:
    cells = (first, f"`{f.key}`", type_label(f), what_it_is(f), f"`{f.key}: {f.example}`")
    return "|" + "|".join(f" {_cell(c)} " if c else " " for c in cells) + "|"


def _kind_rows() -> list[str]:
    rows = [_HEADER.format("kind")]
    for kind, spec in KINDS.items():
        help = spec.help
        if spec.one_of:
            help += "; needs " + " or ".join(f"`{key}`" for key in spec.one_of) + ", or both"
        rows.append(f"| `{kind.value}` | | | {_cell(help)} | |")
        rows.extend(_row("", f) for f in spec.fields)
        if not spec.fields:
            rows.append("| | | | no keys besides the common ones | |")
    return rows


def slide_kinds_markdown() -> str:
    """The generated section, markers included."""
    *most, last = (f"`{key}`" for key in COMMON_KEYS)
    common = ", ".join(most) + " and " + last
    structs = (BULLET, COLUMN, FILTER, ANNOTATION)
    lines = [
        START,
        f"<!-- Generated from deckgen/brief/fields.py: edit the tables there, then run `{COMMAND}`. -->",
        "",
        textwrap.fill(
            f"Every slide takes the common keys in the first table: {common}. The second table lists "
            "the keys each kind takes besides them; a kind may restate `title` to give it a default, "
            "or `cite` to make it required. The third lists the keys inside the mappings that some "
            "keys take.",
            width=100,
        ),
        "",
        _HEADER.format("slide"),
        *(_row("every kind", f) for f in COMMON_FIELDS),
        "",
        *_kind_rows(),
        "",
        _HEADER.format("mapping"),
        *(_row(s.noun, f) for s in structs for f in s.fields),
        END,
    ]
    return "\n".join(lines)


def refresh(text: str) -> str:
    """``text`` (a README) with the section between the markers written anew."""
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"no '{START}' ... '{END}' section to refresh")
    return text[:start] + slide_kinds_markdown() + text[end + len(END) :]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, metavar="README", help="rewrite the section in this file")
    group.add_argument("--check", type=Path, metavar="README", help="exit 1 if the section is stale")
    args = parser.parse_args(argv)
    path: Path = args.write or args.check
    text = path.read_text(encoding="utf-8")
    fresh = refresh(text)
    if args.check:
        if fresh != text:
            print(f"{path}: the slide-kind section is stale; run: {COMMAND}", file=sys.stderr)
            return 1
        return 0
    if fresh != text:
        path.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
