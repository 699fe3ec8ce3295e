"""Reading a mapping as its field table says: one reader per field type, bullets and nesting included."""

from __future__ import annotations

from collections.abc import Callable

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from deckgen.brief.fieldtypes import BULLET, MAX_BULLET_DEPTH, Field, FieldType, Struct
from deckgen.brief.model import BulletSpec, Claim, Located
from deckgen.brief.values import Values
from deckgen.core.errors import Collector, Loc
from deckgen.core.suggest import did_you_mean
from deckgen.core.yamlnodes import MapReader, describe, node_loc, whole_number


def _listed(words: tuple[str, ...]) -> str:
    """'a' and 'b', or 'a', 'b' and 'c'."""
    quoted = [f"'{w}'" for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


class BodyParser:
    """Reads the keys of one mapping with the reader its field type names; the loader extends it."""

    def __init__(self, path: str, diags: Collector) -> None:
        self.path = path
        self.diags = diags

    def loc(self, node: Node) -> Loc:
        return node_loc(self.path, node)

    def reader(self, node: MappingNode, where: str) -> MapReader:
        return MapReader(node, path=self.path, where=where, diags=self.diags)

    def located(self, r: MapReader, key: str) -> Located | None:
        node = r.raw(key)
        if node is None:
            return None
        value = r.text_of(node, key=key)
        if value is None:
            return None
        return Located(value, self.loc(node), f"{r.where}.{key}")

    def read(self, r: MapReader, fields: tuple[Field, ...], *, one_of: tuple[str, ...] = ()) -> Values:
        """Every field in order; a group that needs one of its keys is checked after its last."""
        values = Values(r, {f.key: f for f in fields})
        for f in fields:
            _READERS[f.type](self, r, f, values)
            if one_of and f.key == one_of[-1] and not any(r.has(key) for key in one_of):
                first = values.fields[one_of[0]]
                ways = " or ".join(f"'{key}: {values.fields[key].example}'" for key in one_of)
                r.missing(first.key, first.help, hint=f"add {ways}")
                values.failed.add(first.key)
        return values

    def scalar(self, r: MapReader, f: Field, values: Values) -> None:
        node = r.raw(f.key)
        if node is None:
            if f.required:
                r.missing(f.key, _what(f))
            return
        value = r.text_of(node, key=f.key)
        if value is None:
            return
        if f.blank_hint and not value.strip():
            self.diags.error(
                r.value_loc(f.key),
                f"empty-{f.key}",
                f"'{f.key}' is empty",
                hint=f.blank_hint,
                key=f"{r.where}.{f.key}",
            )
        located = Located(value, self.loc(node), f"{r.where}.{f.key}")
        values.found[f.key] = located
        if f.claim and value.strip():
            values.claims.append(Claim(located))

    def boolean(self, r: MapReader, f: Field, values: Values) -> None:
        """``true`` or ``false``, as written; YAML 1.1's yes, no, on and off are refused."""
        node = r.raw(f.key)
        if node is None:
            return
        flag = _flag(node)
        if flag is None:
            r.type_error(node, f.key, "true or false")
        else:
            values.found[f.key] = flag

    def choice(self, r: MapReader, f: Field, values: Values) -> None:
        """One of the field's choices; empty text means the default, anything else is an error."""
        self.scalar(r, f, values)
        value = values.located(f.key)
        if value is None or value.value in f.choice_values:
            return
        del values.found[f.key]
        if not value.value:
            return
        close = did_you_mean(value.value, f.choice_values)
        ways = " or ".join(f"'{f.key}: {c.value}'" + (f" ({c.help})" if c.help else "") for c in f.choices)
        self.diags.error(
            value.loc,
            f"unknown-{f.key}",
            f"unknown '{f.key}' value '{value.value}'",
            hint=(f"{close} " if close else "") + f"write {ways}",
            key=value.key,
            span=len(value.value),
        )
        values.failed.add(f.key)

    def integer(self, r: MapReader, f: Field, values: Values) -> None:
        if f.required and not r.has(f.key):
            r.missing(f.key, f.help)
        value = r.integer(f.key)
        if value is None:
            return
        low = f.low if f.low is not None else value
        high = f.high if f.high is not None else value
        if not low <= value <= high:
            self.diags.error(
                r.value_loc(f.key),
                f"bad-{f.key}",
                f"'{f.key}' should be between {low} and {high}, got {value}",
                key=f"{r.where}.{f.key}",
            )
            return
        values.found[f.key] = value

    def texts(self, r: MapReader, f: Field, values: Values) -> None:
        """A list of plain text items (questions, tasks, choices)."""
        items = r.sequence(f.key, required=f.required, what=f.help)
        if items is None:
            return
        out = [value for item in items if (value := r.text_of(item, key=f.key)) is not None]
        if f.claim:
            values.claims.extend(
                Claim(Located(str(item.value), self.loc(item), f"{r.where}.{f.key}[{i + 1}]"))
                for i, item in enumerate(items)
                if isinstance(item, ScalarNode) and str(item.value).strip()
            )
        if f.required and not items:
            self.diags.error(
                r.value_loc(f.key),
                "empty-list",
                f"'{f.key}' is empty",
                hint=f"add {f.help}",
                key=f"{r.where}.{f.key}",
            )
        values.found[f.key] = tuple(out)

    def one_or_more(self, r: MapReader, f: Field, values: Values) -> None:
        """A key that takes one value or a list of values, each kept with its position."""
        node = r.raw(f.key)
        if node is None:
            if f.required:
                r.missing(f.key, f.help)
            return
        out: list[Located] = []
        for item in node.value if isinstance(node, SequenceNode) else [node]:
            value = r.text_of(item, key=f.key)
            if value is not None:
                out.append(Located(value, self.loc(item), f"{r.where}.{f.key}"))
        values.found[f.key] = tuple(out)

    def sentences(self, r: MapReader, f: Field, values: Values) -> None:
        node = r.raw(f.key)
        if node is None:
            if f.required:
                r.missing(f.key, f.help)
            return
        out: list[int] = []
        for item in node.value if isinstance(node, SequenceNode) else [node]:
            number = whole_number(item)
            if number is not None and number >= 1:
                out.append(number)
                continue
            self.diags.error(
                self.loc(item),
                "wrong-type",
                f"'{f.key}' should be sentence numbers from 1 up, got {describe(item)}",
                hint=f"write '{f.key}: 2' or '{f.key}: [1, 3]'",
                key=f"{r.where}.{f.key}",
            )
        values.found[f.key] = tuple(out)

    def bullet_list(self, r: MapReader, f: Field, values: Values) -> None:
        items = r.sequence(f.key, required=f.required, what=f.help)
        if items is not None:
            bullets = self.bullets(items, f"{r.where}.{f.key}", depth=0)
            values.found[f.key] = bullets
            if f.claim:
                values.claims.extend(_bullet_claims(bullets))

    def record(self, r: MapReader, f: Field, values: Values) -> None:
        node = r.mapping(f.key, required=f.required, what=f.help)
        if node is not None:
            inner = self.struct(node, f"{r.where}.{f.key}", f)
            values.claims.extend(inner.claims)
            if inner.complete():
                values.found[f.key] = inner

    def record_list(self, r: MapReader, f: Field, values: Values) -> None:
        items = r.sequence(f.key, required=f.required, what=f.help)
        if items is None:
            return
        struct = _struct(f)
        out: list[Values] = []
        for item in items:
            if not isinstance(item, MappingNode):
                self.diags.error(
                    self.loc(item),
                    "wrong-type",
                    f"{struct.noun} should be a mapping with {_listed(struct.keys)}, got {describe(item)}",
                    hint=f"write '- {struct.example}'",
                    key=f"{r.where}.{f.key}",
                )
                continue
            inner = self.struct(item, f"{r.where}.{f.key}", f)
            values.claims.extend(inner.claims)
            if inner.complete():
                out.append(inner)
        values.found[f.key] = tuple(out)

    def struct(self, node: MappingNode, where: str, f: Field) -> Values:
        """The keys of a nested mapping, then its unknown keys."""
        struct = _struct(f)
        sub = self.reader(node, where)
        inner = self.read(sub, struct.fields)
        sub.finish(struct.keys, context=struct.context or f"in '{f.key}'")
        return inner

    def bullets(self, nodes: list[Node], where: str, *, depth: int) -> tuple[BulletSpec, ...]:
        out: list[BulletSpec] = []
        for i, node in enumerate(nodes):
            key = f"{where}[{i + 1}]"
            if isinstance(node, ScalarNode) and not node.tag.endswith(":null"):
                out.append(BulletSpec(Located(node.value, self.loc(node), key)))
                continue
            if not isinstance(node, MappingNode):
                self.diags.error(
                    self.loc(node),
                    "wrong-type",
                    f"a bullet should be text or a mapping with 'text:', got {describe(node)}",
                    hint="write '- Your point' or '- text: Your point' with 'cite:' and 'bullets:' under it",
                    key=key,
                )
                continue
            bullet = self.bullet(node, key, depth)
            if bullet is not None:
                out.append(bullet)
        return tuple(out)

    def bullet(self, node: MappingNode, key: str, depth: int) -> BulletSpec | None:
        """``{text, cite, bullets}``; the sub-points nest at most ``MAX_BULLET_DEPTH`` deep."""
        br = self.reader(node, key)
        text = self.located(br, "text")
        if text is None and not br.has("text"):
            br.missing("text", BULLET.fields[0].help)
        cite = self.located(br, "cite")
        children: tuple[BulletSpec, ...] = ()
        kids = br.sequence("bullets")
        if kids is not None:
            if depth + 1 > MAX_BULLET_DEPTH:
                self.diags.error(
                    br.key_loc("bullets"),
                    "too-deep",
                    f"bullets may nest at most {MAX_BULLET_DEPTH} levels below the top",
                    hint="split the point over two slides, or flatten it",
                    key=f"{key}.bullets",
                )
            else:
                children = self.bullets(kids, f"{key}.bullets", depth=depth + 1)
        flag_node = br.raw("synthesis")
        marked = _flag(flag_node) if flag_node is not None else False
        if marked is None and flag_node is not None:
            br.type_error(flag_node, "synthesis", "true or false")
        br.finish(BULLET.keys, context=BULLET.context)
        return BulletSpec(text, cite, children, bool(marked)) if text is not None else None


def _flag(node: Node) -> bool | None:
    """``true`` or ``false`` (any case); None for anything else, YAML 1.1's yes, no, on and off
    included, which mean a boolean to one reader of the file and a word to another."""
    if (
        isinstance(node, ScalarNode)
        and node.tag.endswith(":bool")
        and node.value.lower() in ("true", "false")
    ):
        return bool(node.value.lower() == "true")
    return None


def _bullet_claims(
    bullets: tuple[BulletSpec, ...], synthesis: bool = False, cite: Located | None = None
) -> list[Claim]:
    """Each bullet's text as a claim with its own citation, else its parent's: a sub-point
    elaborates its parent. A synthesis bullet's sub-points are synthesis too."""
    out: list[Claim] = []
    for b in bullets:
        marked, cited = synthesis or b.synthesis, b.cite or cite
        if b.text.value.strip():
            out.append(Claim(b.text, cited, marked))
        out.extend(_bullet_claims(b.children, marked, cited))
    return out


def _what(f: Field) -> str:
    """What a missing key is for, with its choices: "which chart: by-region, flanks ... or map"."""
    if not f.choices:
        return f.help
    *most, last = f.choice_values
    return f"{f.help}: {', '.join(most)} or {last}" if most else f"{f.help}: {last}"


def _struct(f: Field) -> Struct:
    assert f.struct is not None, f"'{f.key}' is a {f.type} without the keys inside it"
    return f.struct


_Reader = Callable[[BodyParser, MapReader, Field, Values], None]
# The reader for each field type: adding a type without one fails at import.
_READERS: dict[FieldType, _Reader] = {
    FieldType.TEXT: BodyParser.scalar,
    FieldType.ADDRESS: BodyParser.scalar,
    FieldType.YEAR_MONTH: BodyParser.scalar,
    FieldType.ENUM: BodyParser.choice,
    FieldType.INTEGER: BodyParser.integer,
    FieldType.TEXT_LIST: BodyParser.texts,
    FieldType.ONE_OR_MORE: BodyParser.one_or_more,
    FieldType.SENTENCES: BodyParser.sentences,
    FieldType.BULLETS: BodyParser.bullet_list,
    FieldType.MAPPING: BodyParser.record,
    FieldType.MAPPING_LIST: BodyParser.record_list,
    FieldType.BOOLEAN: BodyParser.boolean,
}
assert set(_READERS) == set(FieldType), set(FieldType) - set(_READERS)
