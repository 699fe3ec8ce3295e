"""Chart pictures: exact size and DPI, the same bytes every time, legible timelines, alt text, cache."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PIL import Image

from deckgen.charts import alt_text, compute, draw_png
from deckgen.charts import cache as cache_module
from deckgen.charts.cache import ChartCache, default_folder, render_png_cached
from deckgen.charts.model import (
    Annotation,
    CategoryTable,
    ChartData,
    ChartFilter,
    ChartKind,
    ChartSpec,
    ChartStyle,
    Series,
    TimelineTable,
)
from deckgen.charts.timeline import Slot, collisions, place_labels, tier_labels, timeline_layout
from deckgen.dataset.model import Dataset, Flank, Status, YearMonth

ROOT = Path(__file__).resolve().parents[2]
STYLE = ChartStyle()
W, H = 11.5, 5.2  # the size a chart is placed at on a 16:9 slide

NOTES = {
    ChartKind.BY_REGION: Annotation("sahel", "Africa Corps since 2024"),
    ChartKind.FLANKS: Annotation("south", "most of it since 2017"),
    ChartKind.TIMELINE: Annotation("by-nuclear", "first outside Russia since 1991"),
    ChartKind.MATRIX: Annotation("LY", "hub for Africa"),
    ChartKind.MAP: Annotation("SY", "Tartus, Hmeimim"),
}
HIGHLIGHT = {
    ChartKind.BY_REGION: "levant",
    ChartKind.FLANKS: "east",
    ChartKind.TIMELINE: "sy-tartus",
    ChartKind.MATRIX: "SY",
    ChartKind.MAP: "ML",
}


def chart(dataset: Dataset, kind: ChartKind, **kw: object) -> ChartData:
    return compute(dataset, ChartSpec(kind, **kw))  # type: ignore[arg-type]


def png_info(data: bytes) -> tuple[tuple[int, int], tuple[float, float]]:
    with Image.open(io.BytesIO(data)) as im:
        assert im.format == "PNG"
        return im.size, im.info["dpi"]


@pytest.mark.parametrize("kind", list(ChartKind))
def test_each_kind_draws_at_exact_size_with_dpi(briefing_dataset: Dataset, kind: ChartKind) -> None:
    data = chart(briefing_dataset, kind, highlight=(HIGHLIGHT[kind],), annotations=(NOTES[kind],))
    size, dpi = png_info(draw_png(data, style=STYLE, width_in=W, height_in=H, dpi=200))
    assert size == (2300, 1040)
    assert dpi == pytest.approx((200, 200), abs=0.01)


@pytest.mark.parametrize(
    ("width", "height", "dpi"), [(3.35, 2.1, 150), (6.123, 3.333, 96), (13.333, 7.5, 200)]
)
def test_awkward_sizes_round_to_the_nearest_pixel(
    dataset: Dataset, width: float, height: float, dpi: int
) -> None:
    size, found = png_info(
        draw_png(chart(dataset, ChartKind.BY_REGION), style=STYLE, width_in=width, height_in=height, dpi=dpi)
    )
    assert size == (round(width * dpi), round(height * dpi))
    # pHYs holds whole pixels per metre: 150 dpi comes back as 150.012.
    assert found == pytest.approx((dpi, dpi), abs=0.02)


@pytest.mark.parametrize("kind", list(ChartKind))
def test_small_dataset_and_empty_selection_draw(dataset: Dataset, kind: ChartKind) -> None:
    for data in (chart(dataset, kind), chart(dataset, kind, filter=ChartFilter(as_of=YearMonth(1900)))):
        size, _ = png_info(draw_png(data, style=STYLE, width_in=W, height_in=H, dpi=60))
        assert size == (690, 312)


def test_same_bytes_twice_and_in_a_fresh_process(briefing_dataset: Dataset, tmp_path: Path) -> None:
    data = chart(briefing_dataset, ChartKind.MAP, highlight=("SY",))
    first = draw_png(data, style=STYLE, width_in=W, height_in=H, dpi=100)
    assert draw_png(data, style=STYLE, width_in=W, height_in=H, dpi=100) == first
    out = tmp_path / "fresh.png"
    script = f"""
        from deckgen.charts import ChartKind, ChartSpec, ChartStyle, compute, draw_png
        from tests.charts.conftest import briefing
        data = compute(briefing(), ChartSpec(ChartKind.MAP, highlight=("SY",)))
        png = draw_png(data, style=ChartStyle(), width_in={W}, height_in={H}, dpi=100)
        open({str(out)!r}, "wb").write(png)
    """
    _run(script)
    assert out.read_bytes() == first


def test_theme_changes_the_picture(dataset: Dataset) -> None:
    data = chart(dataset, ChartKind.FLANKS)
    plain = draw_png(data, style=STYLE, width_in=W, height_in=H, dpi=50)
    themed = draw_png(
        data, style=ChartStyle(font="Carlito", east_color="#005A9C"), width_in=W, height_in=H, dpi=50
    )
    assert plain != themed


# ------------------------------------------------------------------ kind colours


def _pixels(png: bytes) -> dict[str, int]:
    """Pixel count per colour, as "#RRGGBB"."""
    with Image.open(io.BytesIO(png)) as im:
        rgb = im.convert("RGB")
        return {"#{:02X}{:02X}{:02X}".format(*c): n for n, c in rgb.getcolors(rgb.width * rgb.height)}


def test_nine_kinds_get_nine_distinct_colours_apart_from_the_flanks() -> None:
    for kinds in (9, 10):
        colors = [STYLE.series_color(Series(f"kind {k}", (1.0,), slot=k), 0) for k in range(kinds)]
        assert len(set(colors)) == kinds
        assert not {c.upper() for c in colors} & {STYLE.east_color.upper(), STYLE.south_color.upper()}
    assert STYLE.series_color(Series("own", (1.0,), color="#123456", slot=3), 0) == "#123456"
    # No slot (a table built by hand): the series' place in the chart decides.
    assert STYLE.series_color(Series("a", (1.0,)), 4) == STYLE.series_color(Series("b", (1.0,), slot=4), 0)


@pytest.mark.parametrize("kind", [ChartKind.BY_REGION, ChartKind.FLANKS])
def test_a_kind_keeps_its_colour_when_a_filter_drops_other_kinds(
    briefing_dataset: Dataset, kind: ChartKind
) -> None:
    def colors(data: ChartData) -> dict[str, str]:
        assert isinstance(data.table, CategoryTable)
        return {s.name: STYLE.series_color(s, i) for i, s in enumerate(data.table.series)}

    everything = colors(chart(briefing_dataset, kind))
    assert len(set(everything.values())) == len(everything) == 5
    for kinds in (("pmc",), ("arms", "nuclear"), ("naval", "pmc")):
        data = chart(briefing_dataset, kind, filter=ChartFilter(kinds=kinds))
        assert colors(data).items() <= everything.items()
    # In the picture too: mercenaries alone are painted their own colour, not the first one's.
    alone = chart(briefing_dataset, kind, filter=ChartFilter(kinds=("pmc",)))
    pixels = _pixels(draw_png(alone, style=STYLE, width_in=W, height_in=H, dpi=50))
    assert pixels.get(everything["Wagner / Africa Corps"], 0) > 500
    assert everything["Military base"] not in pixels


# ------------------------------------------------------------------ timeline layout


def _milestones(dataset: Dataset, n: int) -> ChartData:
    data = chart(dataset, ChartKind.TIMELINE)
    assert isinstance(data.table, TimelineTable)
    stones = data.table.milestones
    picked = tuple(stones[round(i * (len(stones) - 1) / (n - 1))] for i in range(n))
    return ChartData(data.spec, TimelineTable(picked), data.records)


# 24 full labels no longer fit a line at this size: they are listed (tests/charts/test_fit.py),
# never cut down to date and country.
@pytest.mark.parametrize("n", [2, 5, 10, 16, 20])
def test_timeline_labels_never_touch(briefing_dataset: Dataset, n: int) -> None:
    data = _milestones(briefing_dataset, n)
    layout = timeline_layout(data, style=STYLE, width_in=W, height_in=H)
    assert len(layout.slots) == n
    legend = [(layout.legend, 2.5, 2)]  # wider than the two-entry flank legend
    assert collisions(layout.xs, layout.sizes, layout.slots, blocked=legend) == []
    for (w, tall), slot in zip(layout.sizes, layout.slots, strict=True):
        assert slot.left > 0 and slot.left + w < W
        assert slot.level + tall <= layout.levels


def test_twenty_milestones_keep_their_full_labels(briefing_dataset: Dataset) -> None:
    data = _milestones(briefing_dataset, 20)
    layout = timeline_layout(data, style=STYLE, width_in=W, height_in=H)
    assert isinstance(data.table, TimelineTable)
    shown = [" ".join(x for x in b.lines if x) for b in layout.blocks]
    assert shown == [m.label for m in data.table.milestones]


def test_sparse_timeline_is_true_to_time(briefing_dataset: Dataset) -> None:
    data = _milestones(briefing_dataset, 5)
    layout = timeline_layout(data, style=STYLE, width_in=W, height_in=H)
    assert layout.years
    assert isinstance(data.table, TimelineTable)
    t = [m.when.year + max(m.when.month - 1, 0) / 12 for m in data.table.milestones]
    rates = [(layout.xs[i + 1] - layout.xs[i]) / (t[i + 1] - t[i]) for i in range(len(t) - 1)]
    assert max(rates) == pytest.approx(min(rates))


def test_placers_keep_their_promise() -> None:
    # Dense and even, blocks under four gaps wide: the tiers; end markers inset by half a block.
    xs = [1.0 + 0.55 * i for i in range(18)]
    sizes = [(1.4 + 0.1 * (i % 3), 5 + 2 * (i % 2)) for i in range(18)]
    tiered = tier_labels(xs, sizes, levels=16, lo=0.2, hi=11.3)
    assert tiered is not None and collisions(xs, sizes, tiered) == []
    # Uneven, as on a scale true to time: the greedy.
    xs = [0.8, 1.2, 3.0, 5.5, 5.9, 6.3, 8.0, 8.2, 10.0]
    sizes = [(1.5, 3), (1.2, 3), (2.0, 5), (1.5, 3), (1.8, 3), (1.2, 5), (1.6, 3), (1.6, 3), (1.2, 3)]
    greedy = place_labels(xs, sizes, levels=16, lo=0.2, hi=11.3)
    assert greedy is not None and collisions(xs, sizes, greedy) == []
    assert place_labels(xs, sizes, levels=4, lo=0.2, hi=11.3) is None  # no room: says so


def test_collisions_sees_a_stem_under_a_block() -> None:
    # Block 1 sits on the near level right across marker 0's stem, which reaches to level 5.
    slots = [Slot(1, 5, 0.0), Slot(1, 0, 0.5)]
    assert (0, 1) in collisions([1.0, 1.0], [(1.0, 3), (1.0, 3)], slots)


# ------------------------------------------------------------------ alt text


def test_alt_text_by_region(dataset: Dataset) -> None:
    text = alt_text(chart(dataset, ChartKind.BY_REGION, highlight=("levant",)))
    assert text.startswith("Bar chart of Russian presence elements by region, by kind.")
    assert "Levant 4, Black Sea 2, Sahel 2, Baltic 1." in text
    assert "9 in total." in text and "Highlighted: Levant." in text


def test_alt_text_says_the_filter_in_words(dataset: Dataset) -> None:
    spec_filter = ChartFilter(flanks=(Flank.SOUTH,), as_of=YearMonth(2016, 1), statuses=(Status.ACTIVE,))
    text = alt_text(chart(dataset, ChartKind.MAP, filter=spec_filter))
    assert "(southern flank; active only; as of Jan 2016)" in text
    later = alt_text(chart(dataset, ChartKind.TIMELINE, filter=ChartFilter(since=YearMonth(2017))))
    assert later.startswith(
        "Timeline of 3 milestones of Russian presence, 2017\u20132024 (begun since 2017)."
    )
    assert "Syria 1." in text and "1 elements in 1 countries." in text


def test_alt_text_for_every_kind_is_short_and_names_no_file(briefing_dataset: Dataset) -> None:
    for kind in ChartKind:
        text = alt_text(chart(briefing_dataset, kind, highlight=(HIGHLIGHT[kind],)))
        assert 40 < len(text) <= 300, text
        assert ".png" not in text and "/" not in text.replace("Wagner / Africa", "")
    assert "Timeline of 24 milestones of Russian presence, 1991\u20132024." in alt_text(
        chart(briefing_dataset, ChartKind.TIMELINE)
    )
    assert alt_text(chart(briefing_dataset, ChartKind.MATRIX)).count(" kinds") >= 2


def test_alt_text_when_nothing_matches(dataset: Dataset) -> None:
    text = alt_text(chart(dataset, ChartKind.MAP, filter=ChartFilter(as_of=YearMonth(1900))))
    assert (
        text == "Tile map of Russian presence elements by country (as of 1900): no presence elements match."
    )


# ------------------------------------------------------------------ cache


def test_cache_hit_returns_the_stored_bytes_without_drawing(
    dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ChartCache(tmp_path / "charts")
    data = chart(dataset, ChartKind.FLANKS)
    first = render_png_cached(data, style=STYLE, width_in=W, height_in=H, dpi=50, cache=cache)
    stored = list(cache.folder.iterdir())
    assert [p.suffix for p in stored] == [".png"] and stored[0].read_bytes() == first

    def no_drawing(*args: object, **kw: object) -> bytes:
        raise AssertionError("a cache hit drew the chart")

    with monkeypatch.context() as patch:
        patch.setattr(cache_module, "_draw", no_drawing)
        again = render_png_cached(data, style=STYLE, width_in=W, height_in=H, dpi=50, cache=cache)
    assert again == first
    assert list(cache.folder.iterdir()) == stored
    # Other bytes planted under the entry's name fail its content hash: redrawn, never embedded.
    stored[0].write_bytes(first[:-12] + b"planted!" + first[-4:])
    assert render_png_cached(data, style=STYLE, width_in=W, height_in=H, dpi=50, cache=cache) == first
    assert stored[0].read_bytes() == first


def test_cache_key_follows_everything_that_shapes_the_picture(dataset: Dataset, tmp_path: Path) -> None:
    cache = ChartCache(tmp_path)
    data = chart(dataset, ChartKind.BY_REGION)
    key = cache.key(data, STYLE, W, H, 200, "v1")
    assert key == cache.key(chart(dataset, ChartKind.BY_REGION), ChartStyle(), W, H, 200, "v1")
    others = {
        cache.key(chart(dataset, ChartKind.BY_REGION, highlight=("sahel",)), STYLE, W, H, 200, "v1"),
        cache.key(chart(dataset, ChartKind.FLANKS), STYLE, W, H, 200, "v1"),
        cache.key(data, ChartStyle(font="Carlito"), W, H, 200, "v1"),
        cache.key(data, STYLE, W, H + 0.01, 200, "v1"),
        cache.key(data, STYLE, W, H, 150, "v1"),
        cache.key(data, STYLE, W, H, 200, "v2"),
    }
    assert key not in others and len(others) == 6


def test_unwritable_cache_still_renders(dataset: Dataset, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    png = render_png_cached(
        chart(dataset, ChartKind.MAP),
        style=STYLE,
        width_in=4,
        height_in=3,
        dpi=50,
        cache=ChartCache(blocker / "charts"),
    )
    assert png_info(png)[0] == (200, 150)


def test_default_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DECKGEN_CACHE_DIR", str(tmp_path / "own"))
    assert default_folder() == tmp_path / "own"
    monkeypatch.delenv("DECKGEN_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_folder() == tmp_path / "xdg" / "deckgen" / "charts"
    assert ChartCache.default().folder == default_folder()


# ------------------------------------------------------------------ import cost


def test_importing_charts_does_not_import_matplotlib() -> None:
    _run("""
        import sys
        import deckgen.charts
        assert "matplotlib" not in sys.modules, sorted(m for m in sys.modules if "matplotlib" in m)
    """)


def test_the_drawing_modules_import_without_matplotlib() -> None:
    # Each one first, on its own: the drawers import draw.py, draw.py imports them only to draw.
    for name in ("draw", "bars", "timeline", "matrix", "tilemap"):
        _run(f"""
            import sys
            import deckgen.charts.{name}
            assert "matplotlib" not in sys.modules, "{name}"
        """)


def test_a_cache_hit_does_not_import_matplotlib(dataset: Dataset, tmp_path: Path) -> None:
    cache = ChartCache(tmp_path)
    render_png_cached(
        chart(dataset, ChartKind.MAP), style=STYLE, width_in=4, height_in=3, dpi=50, cache=cache
    )
    _run(f"""
        import sys
        from pathlib import Path
        from deckgen.charts import ChartCache, ChartKind, ChartSpec, ChartStyle, compute, render_png_cached
        from tests.charts.conftest import small
        data = compute(small(), ChartSpec(ChartKind.MAP))
        png = render_png_cached(data, style=ChartStyle(), width_in=4, height_in=3, dpi=50,
                                cache=ChartCache(Path({str(tmp_path)!r})))
        assert png.startswith(b"\\x89PNG")
        assert "matplotlib" not in sys.modules
    """)


def _run(script: str) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
