"""Chart requests and the computed figures behind them: plain values, no drawing library."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from deckgen.dataset.model import Flank, PresenceRecord, Status, YearMonth


class ChartKind(StrEnum):
    BY_REGION = "by-region"  # presence by region, stacked by kind
    FLANKS = "flanks"  # east flank against south flank, by kind
    TIMELINE = "timeline"  # milestones over time
    MATRIX = "matrix"  # country x kind
    MAP = "map"  # tile-grid map of countries


class Renderer(StrEnum):
    AUTO = "auto"  # native where python-pptx can draw the chart type, else a picture
    NATIVE = "native"
    PICTURE = "picture"


@dataclass(frozen=True)
class ChartFilter:
    flanks: tuple[Flank, ...] = ()  # empty = all
    regions: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    statuses: tuple[Status, ...] = ()  # empty = all but 'planned'
    as_of: YearMonth | None = None  # only what was present at this date
    since: YearMonth | None = None  # only what began at or after this date
    through: YearMonth | None = None  # only what began by this date (a timeline's 'as-of')


@dataclass(frozen=True)
class Annotation:
    target: str  # a region, kind or country id, or a record id for timelines
    text: str


@dataclass(frozen=True)
class ChartSpec:
    kind: ChartKind
    filter: ChartFilter = ChartFilter()
    highlight: tuple[str, ...] = ()  # region, country or kind ids to emphasise
    annotations: tuple[Annotation, ...] = ()
    renderer: Renderer = Renderer.AUTO


REDUCED_SUFFIX = " (reduced)"  # names a kind's series of reduced records, in legends and tables


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]
    color: str = ""  # hex "#RRGGBB"; empty = the style's choice
    slot: int = -1  # the kind's place in the dataset, so it keeps one colour in every chart; -1 = none
    # Records partly drawn down but still present: striped in their kind's colour, right after
    # the kind's own series, and named "<kind> (reduced)" so every legend says what they are.
    reduced: bool = False

    @property
    def kind_name(self) -> str:
        """The kind this series counts: its name, less the "(reduced)" a reduced series adds."""
        return self.name.removesuffix(REDUCED_SUFFIX) if self.reduced else self.name


@dataclass(frozen=True)
class CategoryTable:
    """Categories × series, for bar charts (native or picture)."""

    categories: tuple[str, ...]
    series: tuple[Series, ...]
    value_axis_title: str = "Presence elements (count)"


@dataclass(frozen=True)
class Milestone:
    when: YearMonth
    label: str
    flank: Flank
    record_id: str


@dataclass(frozen=True)
class TimelineTable:
    milestones: tuple[Milestone, ...]


@dataclass(frozen=True)
class MatrixTable:
    """Rows are countries, columns are kinds; a cell holds the status, or None for nothing."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[Status | None, ...], ...]
    row_flanks: tuple[Flank, ...]


@dataclass(frozen=True)
class MapTile:
    code: str
    label: str
    col: int
    row: int
    count: int
    flank: Flank | None  # None for context tiles (allies, neighbours) with no presence
    short: str = ""  # drawn when the label leaves no room for the count; else the code


@dataclass(frozen=True)
class MapTable:
    tiles: tuple[MapTile, ...]


ChartTable = CategoryTable | TimelineTable | MatrixTable | MapTable


@dataclass(frozen=True)
class ChartData:
    """A computed chart: its figures and every record that supports them (for notes and audits)."""

    spec: ChartSpec
    table: ChartTable
    records: tuple[PresenceRecord, ...]
    highlight: tuple[str, ...] = field(default=())  # display names to emphasise


@dataclass(frozen=True)
class ChartLayout:
    """How a chart sits in its box, decided by the plan before anything is drawn (sizes in points).

    ``tick_size`` sets category names, timeline labels and matrix names, ``value_size`` the values
    inside bars; neither under 12 pt.
    ``legend`` is beside the bars ("right") or under them ("below"); ``legend_wrap`` puts the
    "(reduced)" of a reduced series on a line under its kind's name there. ``bare`` lists the bar
    segments, (series, category), too thin for their value: they go unlabelled and the plan says
    so. A timeline is a "line" (labels over and under a time line), a "list" of dated rows in
    ``columns`` columns with the dates in a column of their own, or a "flow" list whose labels run
    on after their dates; the first ``shown`` milestones are drawn (-1: all).
    """

    tick_size: float = 14.0
    value_size: float = 14.0  # the values inside bar segments
    legend: Literal["right", "below"] = "right"
    label_width: float = 0.0  # inches for category names, wrapped to it; 0: as wide as the longest
    bare: tuple[tuple[int, int], ...] = ()
    legend_wrap: bool = False
    timeline: Literal["line", "list", "flow"] = "line"
    columns: int = 1
    shown: int = -1


@dataclass(frozen=True)
class ChartStyle:
    """What a chart takes from the deck's theme. Sizes in points, colours as "#RRGGBB"."""

    font: str = "Liberation Sans"
    text_color: str = "#1A1A1A"
    muted_color: str = "#5A6270"
    background: str = "#FFFFFF"
    # Kinds take all but the flank blue and rust: ten colours. The last four keep at least 18 (CIEDE2000)
    # from every other accent, about as far as the first eight keep from each other (18.9).
    accents: tuple[str, ...] = (
        "#13294B",
        "#2F6DB5",
        "#C8553D",
        "#E0A526",
        "#4E8C5A",
        "#7A5EA8",
        "#3FA7B5",
        "#8C6D46",
        "#8B2F6B",  # plum
        "#7B7F85",  # slate grey
        "#7CC8A4",  # mint
        "#DD99DD",  # orchid
    )
    east_color: str = "#2F6DB5"
    south_color: str = "#C8553D"
    # Teal: 5.3:1 on white, and at least 30 (CIEDE2000) from the blue and 52 from the rust, still 20
    # and 14 apart under simulated deuteranopia and protanopia; no kind or status takes it.
    north_color: str = "#00796B"
    label_size: float = 14.0
    tick_size: float = 14.0
    title_size: float = 18.0

    @property
    def kind_accents(self) -> tuple[str, ...]:
        """The accents kinds take: blue, rust and teal mean east, south and north across the deck, so
        kinds skip them."""
        flanks = {self.east_color.upper(), self.south_color.upper(), self.north_color.upper()}
        return tuple(c for c in self.accents if c.upper() not in flanks) or self.accents

    def series_color(self, series: Series, index: int) -> str:
        """A bar series' fill, the same in pictures and native charts: its own colour, else its kind's
        slot (so a filter that drops other kinds never recolours it), else its place in the chart."""
        if series.color:
            return series.color
        palette = self.kind_accents
        return palette[(series.slot if series.slot >= 0 else index) % len(palette)]
