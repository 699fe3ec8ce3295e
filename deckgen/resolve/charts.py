"""Resolve chart slides: find the dataset, check filters and highlights against it, compute figures."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from deckgen.brief.model import Brief, ChartBody, Located
from deckgen.charts.compute import NATIVE_KINDS, compute
from deckgen.charts.model import Annotation, ChartData, ChartFilter, ChartKind, ChartSpec, Renderer
from deckgen.core.errors import Collector, Diagnostic, Loc
from deckgen.core.files import FileProblem, check_file, check_name
from deckgen.core.memo import cached
from deckgen.core.suggest import suggestions
from deckgen.dataset import DateError, check_dataset, parse_year_month
from deckgen.dataset.model import Dataset, Flank, Status, YearMonth
from deckgen.sources import SourceLibrary

_E = TypeVar("_E", bound=StrEnum)


ALL_DATES = "all"  # 'as-of: all': a chart that shows every record whatever the deck's date


def brief_file(base: Path, ref: Located, what: str, diags: Collector, *, hint: str = "") -> Path | None:
    """A file the brief names, relative to the brief's folder; a located error at the key when it
    is missing, is not a regular file (a FIFO, a device, a folder), is too large or has too long a name."""
    try:
        check_name(ref.value, what)
        path = (base / ref.value).resolve()
        check_file(path, what)
    except FileProblem as exc:
        missing = exc.code == "missing-file"
        diags.error(
            ref.loc,
            exc.code,
            f"{what} not found: {ref.value}" if missing else f"'{ref.value}': {exc.message}",
            hint=f"paths are relative to the brief's folder ({base})" + (f"; {hint}" if hint else "")
            if missing
            else exc.hint,
            key=ref.key,
            span=len(ref.value),
        )
        return None
    return path


def _verified(path: Path, folder: Path) -> tuple[Dataset | None, tuple[Diagnostic, ...], tuple[str, ...]]:
    """A dataset checked against a library of its own, so the articles it read are known."""
    library = SourceLibrary(folder)
    dataset, found = check_dataset(path, sources=library)
    return dataset, tuple(found.items), tuple(article.id for article in library.loaded())


class ChartResolver:
    """Loads each dataset a brief names once, and turns chart bodies into computed ChartData."""

    def __init__(self, brief: Brief, library: SourceLibrary, diags: Collector) -> None:
        self.brief = brief
        self.base = Path(brief.path).parent
        self.library = library
        self.diags = diags
        self._datasets: dict[str, Dataset | None] = {}

    def loaded(self) -> tuple[Dataset, ...]:
        return tuple(d for d in self._datasets.values() if d is not None)

    def dataset(self, ref: Located | None, slide_loc: Loc, key: str) -> Dataset | None:
        aliases = {d.alias: d for d in self.brief.data}
        if ref is None:
            if len(aliases) == 1:
                alias = next(iter(aliases))
            else:
                hint = (
                    "add 'data: {presence: data/russian-presence.yaml}' at the top level of the brief"
                    if not aliases
                    else "name one of: " + ", ".join(aliases)
                )
                what = "no dataset is declared" if not aliases else "the brief declares several datasets"
                self.diags.error(
                    slide_loc, "missing-dataset", f"a chart slide needs data, and {what}", hint=hint, key=key
                )
                return None
        else:
            alias = ref.value
            if alias not in aliases:
                close = suggestions(alias, aliases)
                self.diags.error(
                    ref.loc,
                    "unknown-dataset",
                    f"no dataset '{alias}' in the brief's 'data:'",
                    hint=f"did you mean '{close[0]}'?"
                    if close
                    else "declared: " + (", ".join(aliases) or "none"),
                    key=ref.key,
                    span=len(alias),
                )
                return None
        if alias not in self._datasets:
            self._datasets[alias] = self._load(aliases[alias].path)
        return self._datasets[alias]

    def _load(self, ref: Located) -> Dataset | None:
        path = brief_file(self.base, ref, "dataset", self.diags)
        if path is None:
            return None
        # Verified against the articles in the library's folder: in a long-lived process (deckgen
        # watch) the result is kept while the dataset and those articles keep their bytes.
        folder = self.library.folder
        articles = tuple(folder / f"{article_id}.md" for article_id in self.library.ids())
        dataset, found, cited = cached(
            "dataset", (path, *articles), str(folder), lambda: _verified(path, folder)
        )
        for article_id in cited:
            self.library.get(article_id)  # what the evidence cites is an input of the deck too
        self.diags.extend(list(found))
        return dataset

    def chart(self, body: ChartBody, dataset: Dataset | None) -> ChartData | None:
        """Check every part of a chart request, then compute it; ``None`` after any error.

        Parts that do not need the dataset are checked even when it failed to load, so one run
        reports every mistake on the slide.
        """
        before = len(self.diags.items)
        kind = self._choice(body.chart, ChartKind, "chart")
        renderer = self._choice(body.render, Renderer, "renderer") if body.render else Renderer.AUTO
        if kind is not None and renderer is Renderer.NATIVE and kind not in NATIVE_KINDS:
            assert body.render is not None
            self.diags.error(
                body.render.loc,
                "native-unsupported",
                f"a {kind.value} chart cannot be drawn as a native PowerPoint chart",
                hint="use 'render: picture' or leave 'render' out; native charts: "
                + ", ".join(k.value for k in NATIVE_KINDS),
                key=body.render.key,
                span=len(body.render.value),
            )
        chart_filter = self.filter(body, dataset, timeline=kind is ChartKind.TIMELINE)
        targets = (
            [r.id for r in dataset.regions]
            + [k.id for k in dataset.kinds]
            + sorted({r.country_code for r in dataset.records})
            + [r.id for r in dataset.records]
            if dataset
            else None
        )
        highlight = tuple(self._member(v, targets, "highlight target") for v in body.highlight)
        annotations = tuple(
            Annotation(self._member(a.target, targets, "annotation target"), a.text) for a in body.annotations
        )
        if len(self.diags.items) > before or dataset is None or kind is None or renderer is None:
            return None
        spec = ChartSpec(kind, chart_filter, highlight, annotations, renderer)
        data = compute(dataset, spec)
        if not data.records:
            self.diags.error(
                body.chart.loc,
                "empty-chart",
                "the chart's filter leaves no records to show",
                hint="widen the filter (flank, regions, kinds, status, as-of)",
                key=body.chart.key,
            )
            return None
        return data

    def filter(self, body: ChartBody, dataset: Dataset | None, *, timeline: bool) -> ChartFilter:
        """The slide's filter, each name checked against the dataset; the date is the filter's
        'as-of' or the deck's: what was present then, or for a timeline what had begun by then."""
        f = body.filter
        when = self.when(f.as_of)
        regions = [r.id for r in dataset.regions] if dataset else None
        kinds = [k.id for k in dataset.kinds] if dataset else None
        return ChartFilter(
            flanks=tuple(x for x in (self._flank(v, dataset) for v in f.flanks) if x is not None),
            regions=tuple(self._member(v, regions, "region") for v in f.regions),
            kinds=tuple(self._member(v, kinds, "kind") for v in f.kinds),
            statuses=tuple(
                x for x in (self._choice(v, Status, "status") for v in f.statuses) if x is not None
            ),
            as_of=None if timeline else when,
            since=self._date(f.since) if f.since else None,
            through=when if timeline else None,
        )

    def when(self, own: Located | None) -> YearMonth | None:
        """The date a chart shows: its filter's 'as-of', else the deck's; 'all' (on either)
        means no date, every record whatever its dates."""
        ref = own or self.brief.deck.as_of
        if ref is None or ref.value == ALL_DATES:
            return None
        return self._date(ref)

    def _flank(self, ref: Located, dataset: Dataset | None) -> Flank | None:
        """A flank of the filter, which the dataset must have regions on: else nothing could match."""
        flank = self._choice(ref, Flank, "flank")
        if flank is None or dataset is None:
            return flank
        declared = list(dict.fromkeys(r.flank.value for r in dataset.regions))
        if flank.value not in declared:
            self.diags.error(
                ref.loc,
                "flank-not-in-dataset",
                f"the dataset '{dataset.id}' has no regions on the {flank.value} flank",
                hint=f"its regions are on: {', '.join(declared)}",
                key=ref.key,
                span=len(ref.value),
            )
        return flank

    def _choice(self, ref: Located, enum: type[_E], what: str) -> _E | None:
        try:
            return enum(ref.value)
        except ValueError:
            names = [e.value for e in enum]
            self._unknown(ref, names, what)
            return None

    def _member(self, ref: Located, names: list[str] | None, what: str) -> str:
        """Check that ``ref`` names one of ``names``; ``None`` means the list is unknown (no dataset)."""
        if names is not None and ref.value not in names:
            self._unknown(ref, names, what)
        return ref.value

    def _unknown(self, ref: Located, names: list[str], what: str) -> None:
        close = suggestions(ref.value, names)
        listing = ", ".join(names) if len(names) <= 12 else ", ".join(names[:12]) + ", …"
        self.diags.error(
            ref.loc,
            f"unknown-{what.split()[0]}",
            f"unknown {what} '{ref.value}'",
            hint=(f"did you mean '{close[0]}'? " if close else "") + f"known: {listing}",
            key=ref.key,
            span=len(ref.value),
        )

    def _date(self, ref: Located) -> YearMonth | None:
        try:
            return parse_year_month(ref.value)
        except DateError as exc:
            self.diags.error(
                ref.loc,
                "bad-date",
                f"'as-of' date {exc.message}",
                hint=exc.hint,
                key=ref.key,
                span=len(ref.value),
            )
            return None
