"""Located values and the slide bodies with structure (bullets, columns, excerpts, charts) from YAML."""

from __future__ import annotations

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from deckgen.brief.model import (
    AnnotationSpec,
    BulletSpec,
    ChartBody,
    ChartFilterSpec,
    ColumnSpec,
    ExcerptBody,
    Located,
)
from deckgen.core.errors import Collector, Loc
from deckgen.core.yamlnodes import MapReader, describe, node_loc

FILTER_KEYS = ("flank", "regions", "kinds", "status", "as-of", "from")
MAX_BULLET_DEPTH = 4


class BodyParser:
    """Reads the parts of a slide body that the brief's kinds share, teaching kinds included.

    The brief parser extends it with the deck, sources, data and slide list around them.
    """

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

    def located_list(self, r: MapReader, key: str) -> tuple[Located, ...]:
        """A key that takes one value or a list of values, each kept with its position."""
        node = r.raw(key)
        if node is None:
            return ()
        items = node.value if isinstance(node, SequenceNode) else [node]
        out: list[Located] = []
        for item in items:
            value = r.text_of(item, key=key)
            if value is not None:
                out.append(Located(value, self.loc(item), f"{r.where}.{key}"))
        return tuple(out)

    def texts(self, r: MapReader, key: str, *, required: bool, what: str) -> tuple[str, ...] | None:
        """A list of plain text items (questions, tasks, choices)."""
        items = r.sequence(key, required=required, what=what)
        if items is None:
            return None
        out: list[str] = []
        for item in items:
            value = r.text_of(item, key=key)
            if value is not None:
                out.append(value)
        if required and not items:
            self.diags.error(
                r.value_loc(key),
                "empty-list",
                f"'{key}' is empty",
                hint=f"add {what}",
                key=f"{r.where}.{key}",
            )
        return tuple(out)

    def minutes(self, r: MapReader) -> int | None:
        value = r.integer("minutes")
        if value is not None and not 1 <= value <= 600:
            self.diags.error(
                r.value_loc("minutes"),
                "bad-minutes",
                f"'minutes' should be between 1 and 600, got {value}",
                key=f"{r.where}.minutes",
            )
            return None
        return value

    def bullets(self, nodes: list[Node], where: str, *, depth: int) -> tuple[BulletSpec, ...]:
        out: list[BulletSpec] = []
        for i, node in enumerate(nodes):
            key = f"{where}[{i}]"
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
            br = self.reader(node, key)
            text = self.located(br, "text")
            if text is None and not br.has("text"):
                br.missing("text", "the bullet's wording")
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
            br.finish(("text", "cite", "bullets"), context="in a bullet")
            if text is not None:
                out.append(BulletSpec(text, cite, children))
        return tuple(out)

    def column(self, r: MapReader, key: str, where: str) -> ColumnSpec | None:
        node = r.mapping(key, required=True, what="a heading and its bullets")
        if node is None:
            return None
        cr = self.reader(node, f"{where}.{key}")
        heading = cr.text("heading", required=True, what="the column heading")
        items = cr.sequence("bullets", required=True, what="the column's bullet points")
        cr.finish(("heading", "bullets"), context=f"in '{key}'")
        if heading is None or items is None:
            return None
        return ColumnSpec(heading, self.bullets(items, f"{where}.{key}.bullets", depth=0))

    def excerpt(self, r: MapReader) -> ExcerptBody | None:
        sentences: list[int] = []
        matches: list[Located] = []
        node = r.raw("sentences")
        if node is not None:
            items = node.value if isinstance(node, SequenceNode) else [node]
            for item in items:
                if isinstance(item, ScalarNode) and item.tag.endswith(":int") and int(item.value) >= 1:
                    sentences.append(int(item.value))
                else:
                    self.diags.error(
                        self.loc(item),
                        "wrong-type",
                        f"'sentences' should be sentence numbers from 1 up, got {describe(item)}",
                        hint="write 'sentences: 2' or 'sentences: [1, 3]'",
                        key=f"{r.where}.sentences",
                    )
        match_node = r.raw("match")
        if match_node is not None:
            items = match_node.value if isinstance(match_node, SequenceNode) else [match_node]
            for item in items:
                value = r.text_of(item, key="match")
                if value is not None:
                    matches.append(Located(value, self.loc(item), f"{r.where}.match"))
        if node is None and match_node is None:
            r.missing(
                "sentences",
                "which sentences to show",
                hint="add 'sentences: [1, 2]' or 'match: \"a few words\"'",
            )
            return None
        return ExcerptBody(tuple(sentences), tuple(matches), r.loc, r.text("intro") or "")

    def chart(self, r: MapReader) -> ChartBody | None:
        chart = self.located(r, "chart")
        if chart is None and not r.has("chart"):
            r.missing("chart", "which chart: by-region, flanks, timeline, matrix or map")
        filter_spec = ChartFilterSpec()
        node = r.mapping("filter")
        if node is not None:
            fr = self.reader(node, f"{r.where}.filter")
            filter_spec = ChartFilterSpec(
                flanks=self.located_list(fr, "flank"),
                regions=self.located_list(fr, "regions"),
                kinds=self.located_list(fr, "kinds"),
                statuses=self.located_list(fr, "status"),
                as_of=self.located(fr, "as-of"),
                since=self.located(fr, "from"),
            )
            fr.finish(FILTER_KEYS, context="in a chart filter")
        annotations: list[AnnotationSpec] = []
        for item in r.sequence("annotate") or []:
            if not isinstance(item, MappingNode):
                self.diags.error(
                    self.loc(item),
                    "wrong-type",
                    f"an annotation should be a mapping with 'target' and 'text', got {describe(item)}",
                    hint="write '- {target: sahel, text: French forces leave Mali}'",
                    key=f"{r.where}.annotate",
                )
                continue
            ar = self.reader(item, f"{r.where}.annotate")
            target = self.located(ar, "target")
            text = ar.text("text", required=True, what="the note to show")
            if target is None and not ar.has("target"):
                ar.missing("target", "the region, kind, country code or record id to point at")
            ar.finish(("target", "text"), context="in an annotation")
            if target is not None and text is not None:
                annotations.append(AnnotationSpec(target, text))
        body = ChartBody(
            chart=chart or Located("", r.loc, f"{r.where}.chart"),
            data=self.located(r, "data"),
            filter=filter_spec,
            render=self.located(r, "render"),
            caption=r.text("caption") or "",
            highlight=self.located_list(r, "highlight"),
            annotations=tuple(annotations),
        )
        return body if chart is not None else None
