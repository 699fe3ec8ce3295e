"""fast_partnames: the same bytes as python-pptx's own part naming, without a walk per new part."""

from __future__ import annotations

import contextlib
import inspect
import io
import re
import types
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

import pytest
from PIL import Image as PILImage
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import OpcPackage, Part, _Relationships
from pptx.opc.packuri import PackURI
from pptx.oxml.presentation import CT_SlideIdList
from pptx.package import Package
from pptx.parts.image import Image
from pptx.parts.presentation import PresentationPart
from pptx.util import Inches

import deckgen.render.deck as deck_module
from deckgen.charts.model import CategoryTable, ChartData, ChartKind, ChartSpec, Series
from deckgen.plan.model import (
    Bullet,
    BulletsContent,
    ChartContent,
    DeckPlan,
    ImageContent,
    Layout,
    SlidePlan,
)
from deckgen.render import render_deck
from deckgen.render.package.fastrels import (
    PART_PATCHED,
    RELS_PATCHED,
    SLIDE_IDS_PATCHED,
    FastSlides,
    RelsIndex,
    SlideIds,
)
from deckgen.render.package.partnames import PATCHED, PartNamer, fast_partnames
from tests.render.conftest import pixels, placed, presenter, sample_image, sample_plan

MANY = 300
CHART = ChartData(
    spec=ChartSpec(kind=ChartKind.BY_REGION),
    table=CategoryTable(
        categories=("Sahel", "Libya", "Eastern Med"),
        series=(Series("Bases", (3.0, 2.0, 1.0)), Series("Advisers", (2.0, 0.0, 1.0))),
    ),
    records=(),
)


def chart_slide(n: int) -> SlidePlan:
    return SlidePlan(
        kind="chart",
        layout=Layout.TITLE_ONLY,
        title=f"Presence by region ({n})",
        content=ChartContent(CHART, alt="Bar chart: presence by region and kind."),
        notes=presenter(f"Chart notes {n}."),
    )


def picture_slide(n: int, picture: Path) -> SlidePlan:
    return SlidePlan(
        kind="image",
        layout=Layout.TITLE_ONLY,
        title=f"The same figure again ({n})",
        content=ImageContent(
            path=picture, alt="Bar chart: presence rising in four states.", size_px=pixels(picture)
        ),
        notes=presenter(f"Picture notes {n}."),
    )


def many_slides(n: int, picture: Path) -> DeckPlan:
    """N slides with notes: bullets, a native chart every 25th, the same picture every 25th; placed."""
    slides = []
    for i in range(1, n + 1):
        if i % 25 == 0:
            slides.append(chart_slide(i))
        elif i % 25 == 12:
            slides.append(picture_slide(i, picture))
        else:
            bullets = (Bullet(f"Point {i}"), Bullet("Detail", level=1))
            slides.append(
                SlidePlan(
                    "bullets", Layout.CONTENT, f"Slide {i}", BulletsContent(bullets), presenter(f"Notes {i}.")
                )
            )
    return placed(replace(sample_plan(picture), slides=tuple(slides)))


@contextlib.contextmanager
def unwrapped(prs: Any) -> Iterator[None]:
    yield  # python-pptx's own part naming


def render_without(plan: DeckPlan, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """The same render_deck, with the workaround's block replaced by one that does nothing."""
    with monkeypatch.context() as patch:
        patch.setattr(deck_module, "fast_partnames", unwrapped)
        return render_deck(plan)


@pytest.fixture(scope="module")
def picture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_image(tmp_path_factory.mktemp("partnames") / "figure.png")


@pytest.fixture(scope="module")
def many_render(picture: Path) -> tuple[bytes, Counter[str]]:
    """The MANY-slide deck, counting the calls that went through fastrels' shadows."""
    calls: Counter[str] = Counter()
    plan = many_slides(MANY, picture)
    with pytest.MonkeyPatch.context() as patch:
        for owner, name in (
            (RelsIndex, "_add_relationship"),
            (RelsIndex, "_get_matching"),
            (SlideIds, "add_sldId"),
        ):
            original = getattr(owner, name)

            def counted(self: Any, *args: Any, _name: str = name, _original: Any = original) -> Any:
                calls[_name] += 1
                return _original(self, *args)

            patch.setattr(owner, name, counted)
        return render_deck(plan), calls


@pytest.fixture(scope="module")
def many_deck(many_render: tuple[bytes, Counter[str]]) -> bytes:
    return many_render[0]


# --- (a) the bytes do not change ----------------------------------------------------------------


def test_bytes_identical_with_and_without_the_workaround(
    picture: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = sample_plan(picture)  # notes, a picture, every layout
    plan = placed(replace(base, slides=(*base.slides, picture_slide(1, picture), chart_slide(1))))
    fast = render_deck(plan)
    assert fast == render_without(plan, monkeypatch)
    with zipfile.ZipFile(io.BytesIO(fast)) as zf:
        names = zf.namelist()
    assert [n for n in names if n.startswith("ppt/media/")] == ["ppt/media/image1.png"]  # shared
    assert "ppt/charts/chart1.xml" in names
    assert "ppt/embeddings/Microsoft_Excel_Sheet1.xlsx" in names


def test_many_slides_bytes_identical(
    picture: Path, many_render: tuple[bytes, Counter[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, calls = many_render
    assert fast == render_without(many_slides(MANY, picture), monkeypatch)
    # Each slide was related to the presentation and numbered through fastrels, not python-pptx.
    assert calls["_get_matching"] == calls["_add_relationship"] == calls["add_sldId"] == MANY, calls


# --- (b) a guard on the python-pptx internals the workaround relies on ---------------------------


TO_TARGET = ["self", "reltype", "target", "is_external"]
SHADOWED = [
    (OpcPackage, PartNamer, PATCHED, "next_partname", ["self", "tmpl"]),
    (Package, PartNamer, PATCHED, "next_image_partname", ["self", "ext"]),
    (Package, PartNamer, PATCHED, "get_or_add_image_part", ["self", "image_file"]),
    (_Relationships, RelsIndex, RELS_PATCHED, "_get_matching", TO_TARGET),
    (_Relationships, RelsIndex, RELS_PATCHED, "part_with_reltype", ["self", "reltype"]),
    (_Relationships, RelsIndex, RELS_PATCHED, "_add_relationship", TO_TARGET),
    (_Relationships, RelsIndex, RELS_PATCHED, "pop", ["self", "rId"]),
    (_Relationships, RelsIndex, RELS_PATCHED, "load_from_xml", ["self", "base_uri", "xml_rels", "parts"]),
    (PresentationPart, FastSlides, PART_PATCHED, "add_slide", ["self", "slide_layout"]),
    (CT_SlideIdList, SlideIds, SLIDE_IDS_PATCHED, "add_sldId", ["self", "rId"]),
]


def signature(function: Any) -> list[tuple[str, Any]]:
    return [(p.name, p.default) for p in inspect.signature(function).parameters.values()]


@pytest.mark.parametrize(("owner", "ours", "patched", "name", "params"), SHADOWED)
def test_patched_methods_exist_with_the_expected_signature(
    owner: type, ours: type, patched: tuple[str, ...], name: str, params: list[str]
) -> None:
    assert name in patched
    # A plain function on the class: an attribute on the instance shadows it.
    assert isinstance(inspect.getattr_static(owner, name), types.FunctionType)
    assert [n for n, _ in signature(getattr(owner, name))] == params
    assert signature(getattr(ours, name)) == signature(getattr(owner, name))  # defaults too


def test_every_shadowed_name_is_guarded() -> None:
    assert sorted(name for *_, name, _ in SHADOWED) == sorted(
        PATCHED + RELS_PATCHED + PART_PATCHED + SLIDE_IDS_PATCHED
    )


def test_the_rel_index_sees_every_change_and_serves_every_reader() -> None:
    """Methods that change ``_rels`` are shadowed (the index follows); those reading the rebuilt dict too."""
    changes = re.compile(
        r"self\._rels(\[[^\]]*\]\s*=[^=]|\.(pop|clear|update|setdefault|popitem|__setitem__)\()"
    )
    changers, readers = set(), set()
    for name, member in vars(_Relationships).items():
        if isinstance(member, types.FunctionType):
            source = inspect.getsource(member)
            changers |= {name} if changes.search(source) else set()
            readers |= {name} if "_rels_by_reltype" in source else set()
    assert changers == {"_add_relationship", "pop", "load_from_xml"}
    assert readers == {"_get_matching", "part_with_reltype"}
    assert changers | readers == set(RELS_PATCHED)
    # What the shadows still call on python-pptx: its rId choice and its slide-id fallback.
    assert isinstance(inspect.getattr_static(_Relationships, "_next_rId"), property)
    assert isinstance(inspect.getattr_static(CT_SlideIdList, "_next_id"), property)
    assert callable(CT_SlideIdList._add_sldId)


class ProbedDict(dict[str, Any]):
    """A relationship dict that counts ``rId in rels``: _next_rId's probe for each candidate rId."""

    calls: Counter[str]

    def __contains__(self, key: object) -> bool:
        self.calls["rId probes"] += 1
        return super().__contains__(key)


def count_work(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Count the O(N) scans: whole-package walks, and rescans of the presentation's rels and slide ids."""
    calls: Counter[str] = Counter()
    for name in ("iter_parts", "iter_rels"):
        original = getattr(OpcPackage, name)

        def counted(self: OpcPackage, *, _name: str = name, _original: Any = original) -> Any:
            calls[_name] += 1
            return _original(self)

        monkeypatch.setattr(OpcPackage, name, counted)

    presentation: list[_Relationships] = []  # the rendered deck's, once its render block starts
    by_reltype = inspect.getattr_static(_Relationships, "_rels_by_reltype").fget
    next_id = inspect.getattr_static(CT_SlideIdList, "_next_id").fget

    def rels_by_reltype(self: _Relationships) -> Any:
        # Only the presentation's: each slide's own rels are a handful, whatever the deck's size.
        calls["presentation _rels_by_reltype"] += any(self is rels for rels in presentation)
        return by_reltype(self)

    def counted_next_id(self: CT_SlideIdList) -> Any:
        calls["sldId xpath"] += 1
        return next_id(self)

    monkeypatch.setattr(_Relationships, "_rels_by_reltype", property(rels_by_reltype))
    monkeypatch.setattr(CT_SlideIdList, "_next_id", property(counted_next_id))
    block = deck_module.fast_partnames  # the workaround, or a do-nothing stand-in for it

    @contextlib.contextmanager
    def watched(prs: Any) -> Iterator[Any]:
        rels = prs.part._rels
        presentation.append(rels)
        probed = vars(rels)["_rels"] = ProbedDict(rels._rels)
        probed.calls = calls
        with block(prs) as namer:
            yield namer

    monkeypatch.setattr(deck_module, "fast_partnames", watched)
    return calls


def test_work_per_slide_does_not_grow_with_slide_count(
    picture: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    few_plan, many_plan = many_slides(30, picture), many_slides(MANY, picture)  # placed before counting
    few = count_work(monkeypatch)
    render_deck(few_plan)
    monkeypatch.undo()
    many = count_work(monkeypatch)
    render_deck(many_plan)
    monkeypatch.undo()
    # Opening the template (one walk to find parts named twice), seeding, the exit check, app.xml
    # and save: a handful of walks, whatever the slide count, and no rescan of the
    # presentation's relationships or slide ids per slide.
    scans = ("iter_parts", "iter_rels", "presentation _rels_by_reltype", "sldId xpath")
    assert {k: many[k] for k in scans} == {k: few[k] for k in scans}, (few, many)
    assert many["iter_parts"] <= 4 and many["iter_rels"] <= 6, many
    assert many["presentation _rels_by_reltype"] == many["sldId xpath"] == 0, many
    # python-pptx's own _next_rId still picks each rId: after one scan to fill the template's gap
    # (its sample slides removed), one probe per slide, as it counts down from len + 1.
    assert many["rId probes"] - few["rId probes"] == MANY - 30, (few, many)
    # The counters do see python-pptx's own scans: walks per new part, rescans per slide.
    with monkeypatch.context() as patch:
        patch.setattr(deck_module, "fast_partnames", unwrapped)
        slow = count_work(patch)
        render_deck(many_plan)
    assert slow["iter_parts"] >= MANY
    assert slow["presentation _rels_by_reltype"] >= MANY and slow["sldId xpath"] == MANY, slow
    assert slow["rId probes"] == many["rId probes"]  # the same rIds, tried the same way


def shadow_python_pptx(monkeypatch: pytest.MonkeyPatch, package: Package) -> Counter[str]:
    """Check every name and picture the namer gives against python-pptx's own answer, there and then."""
    checked: Counter[str] = Counter()
    ours_next, ours_image, ours_get = (
        PartNamer.next_partname,
        PartNamer.next_image_partname,
        PartNamer.get_or_add_image_part,
    )

    def next_partname(self: PartNamer, tmpl: str) -> PackURI:
        expected = OpcPackage.next_partname(package, tmpl)
        assert ours_next(self, tmpl) == expected
        checked[tmpl] += 1
        return expected

    def next_image_partname(self: PartNamer, ext: str) -> PackURI:
        expected = Package.next_image_partname(package, ext)
        assert ours_image(self, ext) == expected
        checked["image"] += 1
        return expected

    def get_or_add_image_part(self: PartNamer, image_file: str | IO[bytes]) -> Any:
        existing = package._image_parts._find_by_sha1(Image.from_file(image_file).sha1)
        part = ours_get(self, image_file)
        if existing is not None:
            assert part is existing
            checked["shared picture"] += 1
        return part

    monkeypatch.setattr(PartNamer, "next_partname", next_partname)
    monkeypatch.setattr(PartNamer, "next_image_partname", next_image_partname)
    monkeypatch.setattr(PartNamer, "get_or_add_image_part", get_or_add_image_part)
    shadow_fastrels(monkeypatch, checked)
    return checked


def shadow_fastrels(monkeypatch: pytest.MonkeyPatch, checked: Counter[str]) -> None:
    """Check every rel lookup and slide id fastrels gives against python-pptx's own scan."""
    ours_match, ours_part, ours_add = RelsIndex._get_matching, RelsIndex.part_with_reltype, SlideIds.add_sldId

    def get_matching(self: RelsIndex, reltype: str, target: Any, is_external: bool = False) -> Any:
        expected = _Relationships._get_matching(self._rels, reltype, target, is_external)
        assert ours_match(self, reltype, target, is_external) == expected
        checked["rel lookup"] += 1
        return expected

    def part_with_reltype(self: RelsIndex, reltype: str) -> Part:
        try:
            expected = _Relationships.part_with_reltype(self._rels, reltype)
        except (KeyError, ValueError) as error:
            with pytest.raises(type(error), match=re.escape(str(error.args[0]))):
                ours_part(self, reltype)
            raise
        assert ours_part(self, reltype) is expected
        checked["rel lookup"] += 1
        return expected

    def add_sldId(self: SlideIds, rId: str) -> Any:
        expected = self.id_list._next_id  # python-pptx's xpath, before the new one goes in
        sld_id = ours_add(self, rId)
        assert sld_id.id == expected
        checked["slide id"] += 1
        return sld_id

    monkeypatch.setattr(RelsIndex, "_get_matching", get_matching)
    monkeypatch.setattr(RelsIndex, "part_with_reltype", part_with_reltype)
    monkeypatch.setattr(SlideIds, "add_sldId", add_sldId)


def png(color: tuple[int, int, int]) -> io.BytesIO:
    stream = io.BytesIO()
    PILImage.new("RGB", (40, 30), color).save(stream, format="PNG")
    return stream


def add_slides(prs: Any, count: int, start: int) -> None:
    """Slides with notes, a chart and pictures: red twice (shared), then a new colour each time."""
    chart_data = CategoryChartData()
    chart_data.categories = ["a", "b"]
    chart_data.add_series("s", (1, 2))
    for n in range(start, start + count):
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        slide.notes_slide.notes_text_frame.text = f"notes {n}"
        slide.shapes.add_picture(png((200, 0, 0)), Inches(1), Inches(1))
        slide.shapes.add_picture(png((0, n, 0)), Inches(2), Inches(1))
        slide.shapes.add_chart(
            XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(3), Inches(1), Inches(4), Inches(3), chart_data
        )


def deck_with_gaps() -> Any:
    """python-pptx's default template (no notes master), five slides, then the second one dropped."""
    prs = Presentation()
    add_slides(prs, 5, start=1)
    id_list = prs.slides._sldIdLst
    second = id_list[1]
    id_list.remove(second)
    prs.part.drop_rel(second.rId)  # its notes slide, chart, workbook and picture go with it
    # add_slide names slide N+1 from the slide count: close the gap in the slide names first.
    prs.part.rename_slide_parts([sld_id.rId for sld_id in id_list])
    return prs


def test_names_match_python_pptx_at_every_step_even_with_gaps(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = io.BytesIO()
    slow = deck_with_gaps()
    add_slides(slow, 4, start=6)
    slow.save(expected)

    fast = deck_with_gaps()
    checked = shadow_python_pptx(monkeypatch, fast.part.package)
    with fast_partnames(fast):
        add_slides(fast, 4, start=6)
    actual = io.BytesIO()
    fast.save(actual)
    assert checked["/ppt/notesSlides/notesSlide%d.xml"] == 4
    assert checked["/ppt/charts/chart%d.xml"] == 4
    assert checked["image"] == 4  # a new green each slide, the first into slide 2's gap
    assert checked["shared picture"] == 4  # red, on every slide
    assert checked["rel lookup"] == checked["slide id"] == 4  # the first new slide takes slide 2's rId
    same_parts(expected, actual)


def same_parts(expected: io.BytesIO, actual: io.BytesIO) -> None:
    """The same parts with the same bytes, bar save-time stamps: docProps, and the created time
    XlsxWriter writes into each chart's workbook (the two saves may straddle a second)."""
    from datetime import datetime

    from deckgen.render.package.save import stable_workbook

    stamp = datetime(2000, 1, 1)

    def read(zf: zipfile.ZipFile, name: str) -> bytes:
        data = zf.read(name)
        return stable_workbook(data, stamp) if name.endswith(".xlsx") else data

    with zipfile.ZipFile(expected) as a, zipfile.ZipFile(actual) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            if not name.startswith("docProps/"):
                assert read(a, name) == read(b, name), name


def add_and_remove_slides(prs: Any) -> None:
    """New slides, the newest removed (its id and rId come back), then one in the middle."""
    layout = prs.slide_layouts[5]
    for n in range(1, 9):
        prs.slides.add_slide(layout).shapes.title.text = f"Slide {n}"
        if n in (4, 6):
            id_list = prs.slides._sldIdLst
            gone = id_list[-1] if n == 4 else id_list[1]
            id_list.remove(gone)
            prs.part.drop_rel(gone.rId)
            prs.part.rename_slide_parts([sld_id.rId for sld_id in id_list])


def test_slides_removed_inside_the_block_renumber_as_python_pptx_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected, actual = io.BytesIO(), io.BytesIO()
    slow = Presentation()  # no p:sldIdLst until the first slide: fastrels waits for it
    add_and_remove_slides(slow)
    slow.save(expected)

    fast = Presentation()
    checked = Counter[str]()
    shadow_fastrels(monkeypatch, checked)
    with fast_partnames(fast):
        add_and_remove_slides(fast)
        assert isinstance(fast.slides._sldIdLst.add_sldId.__self__, SlideIds)  # on lxml's proxy
    fast.save(actual)
    assert checked["slide id"] == 8 and checked["rel lookup"] >= 8, checked
    assert [s.id for s in fast.slides._sldIdLst] == [256, 258, 259, 260, 261, 262]
    same_parts(expected, actual)


def test_a_fresh_notes_master_gets_its_theme_named_the_same_way(monkeypatch: pytest.MonkeyPatch) -> None:
    prs = Presentation()  # no notes master: the first notes slide adds one, and a theme
    checked = shadow_python_pptx(monkeypatch, prs.part.package)
    with fast_partnames(prs):
        add_slides(prs, 2, start=1)
    assert checked["/ppt/theme/theme%d.xml"] == 1


def test_slide_ids_past_the_ceiling_come_from_python_pptx_search(monkeypatch: pytest.MonkeyPatch) -> None:
    checked = Counter[str]()
    shadow_fastrels(monkeypatch, checked)
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[6])
    prs.slides._sldIdLst[0].id = 2147483647  # the highest id allowed: max + 1 is not
    with fast_partnames(prs):
        for _ in range(2):
            prs.slides.add_slide(prs.slide_layouts[6])
    assert [s.id for s in prs.slides._sldIdLst] == [2147483647, 256, 257]
    assert checked["slide id"] == 2


def outcome(call: Any, *args: Any) -> Any:
    try:
        return call(*args)
    except (KeyError, ValueError) as error:
        return type(error), str(error)


def test_the_rel_index_answers_as_python_pptx_scan_does() -> None:
    """Twins, external refs, a removal and a change behind its back: every answer the scan's."""
    prs = Presentation()
    rels = prs.part._rels
    index = RelsIndex(rels)
    master, layout, url = prs.slide_masters[0].part, prs.slide_layouts[0].part, "https://example.org/"

    def same_answers() -> None:
        for reltype in (RT.SLIDE, RT.HYPERLINK, RT.SLIDE_MASTER, RT.THEME, RT.NOTES_MASTER):
            for target, external in (
                (master, False),
                (layout, False),
                (url, True),
                (url, False),
                (layout, True),
            ):
                expected = _Relationships._get_matching(rels, reltype, target, external)
                assert index._get_matching(reltype, target, external) == expected
            expected = outcome(_Relationships.part_with_reltype, rels, reltype)
            assert outcome(index.part_with_reltype, reltype) == expected

    first = index._add_relationship(RT.SLIDE, layout)
    index._add_relationship(RT.SLIDE, layout)  # a twin: the first one stays the match
    index._add_relationship(RT.HYPERLINK, url, True)
    same_answers()
    index.pop(first)  # the twin takes over
    same_answers()
    _Relationships._add_relationship(rels, RT.SLIDE, master)  # not through the index: it notices
    same_answers()
    index.check()


# --- (c) part names contiguous and valid ---------------------------------------------------------


def numbered(names: list[str], pattern: str) -> list[int]:
    return sorted(int(m[1]) for n in names if (m := re.fullmatch(pattern, n)))


def test_part_names_are_contiguous_and_each_notes_slide_belongs_to_its_slide(many_deck: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(many_deck)) as zf:
        names = zf.namelist()
        assert len(names) == len(set(names))
        every = list(range(1, MANY + 1))
        assert numbered(names, r"ppt/slides/slide(\d+)\.xml") == every
        assert numbered(names, r"ppt/notesSlides/notesSlide(\d+)\.xml") == every
        charts = list(range(1, MANY // 25 + 1))
        assert numbered(names, r"ppt/charts/chart(\d+)\.xml") == charts
        assert numbered(names, r"ppt/embeddings/Microsoft_Excel_Sheet(\d+)\.xlsx") == charts
        assert numbered(names, r"ppt/media/image(\d+)\.png") == [1]  # one picture, shared
        types_xml = zf.read("[Content_Types].xml").decode()
        for n in every:
            rels = zf.read(f"ppt/notesSlides/_rels/notesSlide{n}.xml.rels").decode()
            assert f'Target="../slides/slide{n}.xml"' in rels
            assert f'PartName="/ppt/notesSlides/notesSlide{n}.xml"' in types_xml
    assert len(Presentation(io.BytesIO(many_deck)).slides) == MANY


# --- the block itself ------------------------------------------------------------------------


def shadowed(prs: Any) -> list[str]:
    """The instance attributes fast_partnames left on this presentation's objects."""
    owners = [
        (prs.part.package, PATCHED),
        (prs.part._rels, RELS_PATCHED),
        (prs.part, PART_PATCHED),
        (prs.slides._sldIdLst, SLIDE_IDS_PATCHED),
    ]
    return [name for owner, names in owners for name in names if name in vars(owner)]


def test_methods_come_back_on_exit_and_after_an_error() -> None:
    prs, other = Presentation(), Presentation()
    package = prs.part.package
    every = sorted(PATCHED + RELS_PATCHED + PART_PATCHED + SLIDE_IDS_PATCHED)
    with fast_partnames(prs) as namer, fast_partnames(prs) as inner:
        assert inner is namer  # a nested block shares the outer namer
        prs.slides.add_slide(prs.slide_layouts[6])
        other.slides.add_slide(other.slide_layouts[6])
        assert sorted(shadowed(prs)) == every
        assert shadowed(other) == []  # another deck in the process keeps python-pptx's methods
    assert shadowed(prs) == []
    with pytest.raises(ValueError), fast_partnames(prs):
        prs.slides.add_slide(prs.slide_layouts[6])
        raise ValueError("render failed")
    assert shadowed(prs) == []
    assert package.next_partname("/ppt/notesSlides/notesSlide%d.xml") == "/ppt/notesSlides/notesSlide1.xml"
    assert [s.id for s in prs.slides._sldIdLst] == [256, 257]


def test_two_renders_in_one_process_give_the_same_bytes(picture: Path) -> None:
    plan = placed(replace(sample_plan(picture), slides=(chart_slide(1), picture_slide(2, picture))))
    assert render_deck(plan) == render_deck(plan)


def test_a_name_given_twice_fails_loudly() -> None:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    with pytest.raises(RuntimeError, match="notesSlide1"), fast_partnames(prs):
        slide.notes_slide  # noqa: B018 - named notesSlide1 by the namer
        # A part named behind the namer's back, as a changed python-pptx might.
        stray = Part(PackURI("/ppt/notesSlides/notesSlide1.xml"), CT.PML_NOTES_SLIDE, prs.part.package)
        prs.part.relate_to(stray, RT.NOTES_SLIDE)
