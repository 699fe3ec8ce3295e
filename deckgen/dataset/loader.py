"""Presence dataset YAML → a checked ``Dataset``, reporting every problem found in one pass.

The file format (``docs/dataset.md`` explains each field and how evidence is verified)::

    id: russian-presence
    title: Russian military and security presence on NATO's flanks, 2014-2022
    as-of: 2022-05                             # optional: the date described, YYYY-MM(-DD)
    sources: {su: southern-underbelly}        # aliases usable in evidence addresses
    regions:                                   # display order
      eastern-europe: {name: Eastern Europe, flank: east}   # east | south | north
    kinds:                                     # display order
      naval: {name: Naval base or access}
    records:
      - id: syria-tartus
        country: {code: SY, name: Syria}       # ISO 3166-1 alpha-2
        region: levant                         # a key of 'regions'
        kind: naval                            # a key of 'kinds'
        label: Tartus naval facility, upgraded
        since: 2017-01                         # YYYY or YYYY-MM
        status: active                         # active | planned | withdrawn | contested | reduced
        until: 2022-03                         # withdrawn: required; contested: optional
        reduced: 2022-04                       # reduced (partly drawn down, still there): required
        reviewed: 2024-03-15                   # optional: last checked against its sources
        evidence:                              # at least one item
          - cite: su#libya/p1                  # an article address, verified
            quote: "upgrading a naval base in Tartus"
          - publisher: Associated Press        # a source outside the library
            title: Syria lets Russia expand its Mediterranean naval facility
            date: 2017-01
            url: https://...                   # optional
            quote: ...                         # optional, kept as published
"""

from __future__ import annotations

from pathlib import Path

from yaml.nodes import MappingNode, Node

from deckgen.core.errors import Collector, Loc
from deckgen.core.yamlnodes import MapReader, describe, node_loc, read_yaml, unsafe_text
from deckgen.dataset.dates import read_year_month_day
from deckgen.dataset.evidence import EvidenceChecker
from deckgen.dataset.model import (
    Dataset,
    Flank,
    Kind,
    Region,
)
from deckgen.dataset.records import RecordReader, chart_text, check_id
from deckgen.sources import SourceLibrary

TOP_KEYS = ("id", "title", "as-of", "sources", "regions", "kinds", "records")
_FLANK_WORDS = ", ".join(f"'{f.value}'" for f in Flank)


def load_dataset(path: Path, *, sources: SourceLibrary) -> Dataset:
    """Read and verify a dataset; raise one ``DeckgenError`` carrying every problem found."""
    dataset, diags = check_dataset(path, sources=sources)
    diags.raise_if_errors()
    assert dataset is not None
    return dataset


def check_dataset(path: Path, *, sources: SourceLibrary) -> tuple[Dataset | None, Collector]:
    """Like ``load_dataset``, but return the dataset (None on errors) and every diagnostic."""
    diags = Collector()
    hint = "a dataset needs 'id:', 'title:', 'regions:', 'kinds:' and 'records:'"
    root = read_yaml(path, diags, what="dataset", empty_hint=hint)
    if root is None:
        return None, diags
    shown = str(path)
    # Region and kind names become chart XML: a control character written as an escape is
    # refused here, so check finds what would break the render.
    unsafe_text(root, shown, diags, what="dataset")
    dataset = _Parser(shown, diags, sources).dataset(root)
    return (None if diags.has_errors else dataset), diags


class _Parser:
    def __init__(self, path: str, diags: Collector, library: SourceLibrary) -> None:
        self.path = path
        self.diags = diags
        self.checker = EvidenceChecker(library=library, path=path, diags=diags)
        self.regions: dict[str, Region] = {}
        self.kinds: dict[str, Kind] = {}

    def reader(self, node: MappingNode, where: str) -> MapReader:
        return MapReader(node, path=self.path, where=where, diags=self.diags)

    def dataset(self, root: Node) -> Dataset | None:
        if not isinstance(root, MappingNode):
            self.diags.error(
                node_loc(self.path, root),
                "wrong-type",
                f"a dataset should be a mapping with 'regions:', 'kinds:' and 'records:', "
                f"got {describe(root)}",
            )
            return None
        top = self.reader(root, "")
        dataset_id = top.text("id", required=True, what="the dataset's id, e.g. russian-presence")
        if dataset_id is not None:
            self.check_id(dataset_id, top.value_loc("id"), "id", what="dataset id")
        title = top.text("title", required=True, what="the dataset's title, shown on charts")
        as_of = read_year_month_day(top, "as-of", "the month or day the dataset describes, e.g. 2022-05")
        sources = top.mapping("sources")
        if sources is not None:
            self.checker.read_aliases(sources)
        regions = top.mapping("regions", required=True, what="the regions, in display order")
        if regions is not None:
            self.read_regions(regions)
        kinds = top.mapping("kinds", required=True, what="the kinds of presence, in display order")
        if kinds is not None:
            self.read_kinds(kinds)
        nodes = top.sequence("records", required=True, what="the list of presence records")
        reader = RecordReader(
            path=self.path,
            diags=self.diags,
            regions=self.regions,
            kinds=self.kinds,
            checker=self.checker,
        )
        records = [r for i, n in enumerate(nodes or []) if (r := reader.record(i, n)) is not None]
        if nodes is not None and not nodes:
            self.diags.error(
                top.value_loc("records"),
                "no-records",
                "the dataset has no records",
                hint="add items under 'records:'",
                key="records",
            )
        top.finish(TOP_KEYS, context="at the top level")
        self.checker.finish()
        if dataset_id is None or title is None:
            return None
        return Dataset(
            id=dataset_id,
            path=self.path,
            title=title,
            regions=tuple(self.regions.values()),
            kinds=tuple(self.kinds.values()),
            records=tuple(records),
            as_of=as_of,
        )

    # -- closed sets -------------------------------------------------------------------------
    def read_regions(self, node: MappingNode) -> None:
        for entry in self.reader(node, "regions").items():
            where = f"regions.{entry.key}"
            self.check_id(entry.key, node_loc(self.path, entry.key_node), where, what="region id")
            r = self.entry_reader(entry.value, where, "{name: ..., flank: east}")
            if r is None:
                continue
            name = chart_text(r, "name", "the region's display name")
            flank_text = r.text("flank", required=True, what=f"one of {_FLANK_WORDS}")
            r.finish(("name", "flank"), context=f"in {where}")
            flank = None
            if flank_text is not None:
                try:
                    flank = Flank(flank_text)
                except ValueError:
                    self.diags.error(
                        r.value_loc("flank"),
                        "bad-flank",
                        f"'{flank_text}' is not a NATO flank",
                        hint=f"a region's flank is one of {_FLANK_WORDS}",
                        key=f"{where}.flank",
                        span=len(flank_text),
                    )
            if name is not None and flank is not None:
                self.regions[entry.key] = Region(entry.key, name, flank)
        if not node.value:
            self.diags.error(node_loc(self.path, node), "no-regions", "no regions are defined")

    def read_kinds(self, node: MappingNode) -> None:
        for entry in self.reader(node, "kinds").items():
            where = f"kinds.{entry.key}"
            self.check_id(entry.key, node_loc(self.path, entry.key_node), where, what="kind id")
            r = self.entry_reader(entry.value, where, "{name: ...}")
            if r is None:
                continue
            name = chart_text(r, "name", "the kind's display name")
            r.finish(("name",), context=f"in {where}")
            if name is not None:
                self.kinds[entry.key] = Kind(entry.key, name)
        if not node.value:
            self.diags.error(node_loc(self.path, node), "no-kinds", "no kinds are defined")

    def entry_reader(self, node: Node, where: str, shape: str) -> MapReader | None:
        if isinstance(node, MappingNode):
            return self.reader(node, where)
        self.diags.error(
            node_loc(self.path, node),
            "wrong-type",
            f"'{where}' should be a mapping, got {describe(node)}",
            hint=f"write it as {shape}",
            key=where,
        )
        return None

    def check_id(self, value: str, loc: Loc, key: str, *, what: str) -> bool:
        return check_id(value, loc, key, what=what, diags=self.diags)
