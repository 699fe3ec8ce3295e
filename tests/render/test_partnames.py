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
from pptx.opc.package import OpcPackage, Part
from pptx.opc.packuri import PackURI
from pptx.package import Package
from pptx.parts.image import Image
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
from deckgen.render.partnames import PATCHED, PartNamer, fast_partnames
from tests.render.conftest import sample_image, sample_plan

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
        notes=f"Chart notes {n}.",
    )


def picture_slide(n: int, picture: Path) -> SlidePlan:
    return SlidePlan(
        kind="image",
        layout=Layout.TITLE_ONLY,
        title=f"The same figure again ({n})",
        content=ImageContent(path=picture, alt="Bar chart: presence rising in four states."),
        notes=f"Picture notes {n}.",
    )


def many_slides(n: int, picture: Path) -> DeckPlan:
    """N slides with notes: bullets, a native chart every 25th, the same picture every 25th."""
    slides = []
    for i in range(1, n + 1):
        if i % 25 == 0:
            slides.append(chart_slide(i))
        elif i % 25 == 12:
            slides.append(picture_slide(i, picture))
        else:
            bullets = (Bullet(f"Point {i}"), Bullet("Detail", level=1))
            slides.append(
                SlidePlan("bullets", Layout.CONTENT, f"Slide {i}", BulletsContent(bullets), f"Notes {i}.")
            )
    return replace(sample_plan(picture), slides=tuple(slides))


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
def many_deck(picture: Path) -> bytes:
    return render_deck(many_slides(MANY, picture))


# --- (a) the bytes do not change ----------------------------------------------------------------


def test_bytes_identical_with_and_without_the_workaround(
    picture: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = sample_plan(picture)  # notes, a picture, every layout
    plan = replace(base, slides=(*base.slides, picture_slide(1, picture), chart_slide(1)))
    fast = render_deck(plan)
    assert fast == render_without(plan, monkeypatch)
    with zipfile.ZipFile(io.BytesIO(fast)) as zf:
        names = zf.namelist()
    assert [n for n in names if n.startswith("ppt/media/")] == ["ppt/media/image1.png"]  # shared
    assert "ppt/charts/chart1.xml" in names
    assert "ppt/embeddings/Microsoft_Excel_Sheet1.xlsx" in names


def test_many_slides_bytes_identical(
    picture: Path, many_deck: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert many_deck == render_without(many_slides(MANY, picture), monkeypatch)


# --- (b) a guard on the python-pptx internals the workaround relies on ---------------------------


@pytest.mark.parametrize(
    ("owner", "name", "params"),
    [
        (OpcPackage, "next_partname", ["self", "tmpl"]),
        (Package, "next_image_partname", ["self", "ext"]),
        (Package, "get_or_add_image_part", ["self", "image_file"]),
    ],
)
def test_patched_methods_exist_with_the_expected_signature(owner: type, name: str, params: list[str]) -> None:
    assert name in PATCHED
    # A plain function on the class: an attribute on the package instance shadows it.
    assert isinstance(inspect.getattr_static(owner, name), types.FunctionType)
    assert list(inspect.signature(getattr(owner, name)).parameters) == params
    assert list(inspect.signature(getattr(PartNamer, name)).parameters) == params


def count_walks(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Count whole-package walks: every iter_parts call, and every iter_rels call."""
    calls: Counter[str] = Counter()
    for name in ("iter_parts", "iter_rels"):
        original = getattr(OpcPackage, name)

        def counted(self: OpcPackage, *, _name: str = name, _original: Any = original) -> Any:
            calls[_name] += 1
            return _original(self)

        monkeypatch.setattr(OpcPackage, name, counted)
    return calls


def test_walks_do_not_grow_with_slide_count(picture: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    few = count_walks(monkeypatch)
    render_deck(many_slides(30, picture))
    monkeypatch.undo()
    many = count_walks(monkeypatch)
    render_deck(many_slides(MANY, picture))
    # Seeding, the exit check, app.xml and save: a handful, whatever the slide count.
    assert many == few
    assert many["iter_parts"] <= 3 and many["iter_rels"] <= 6, many
    monkeypatch.undo()
    # The counter does see python-pptx's own walks: one per notes slide, chart, workbook, picture.
    slow = count_walks(monkeypatch)
    with monkeypatch.context() as patch:
        patch.setattr(deck_module, "fast_partnames", unwrapped)
        render_deck(many_slides(MANY, picture))
    assert slow["iter_parts"] >= MANY


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
    return checked


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
    with zipfile.ZipFile(expected) as a, zipfile.ZipFile(actual) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            if not name.startswith("docProps/"):
                assert a.read(name) == b.read(name), name


def test_a_fresh_notes_master_gets_its_theme_named_the_same_way(monkeypatch: pytest.MonkeyPatch) -> None:
    prs = Presentation()  # no notes master: the first notes slide adds one, and a theme
    checked = shadow_python_pptx(monkeypatch, prs.part.package)
    with fast_partnames(prs):
        add_slides(prs, 2, start=1)
    assert checked["/ppt/theme/theme%d.xml"] == 1


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


def test_methods_come_back_on_exit_and_after_an_error() -> None:
    prs = Presentation()
    package = prs.part.package
    with fast_partnames(prs) as namer, fast_partnames(prs) as inner:
        assert inner is namer  # a nested block shares the outer namer
        assert all(name in vars(package) for name in PATCHED)
    assert not any(name in vars(package) for name in PATCHED)
    with pytest.raises(ValueError), fast_partnames(prs):
        raise ValueError("render failed")
    assert not any(name in vars(package) for name in PATCHED)
    assert package.next_partname("/ppt/notesSlides/notesSlide%d.xml") == "/ppt/notesSlides/notesSlide1.xml"


def test_two_renders_in_one_process_give_the_same_bytes(picture: Path) -> None:
    plan = replace(sample_plan(picture), slides=(chart_slide(1), picture_slide(2, picture)))
    assert render_deck(plan) == render_deck(plan)


def test_a_name_given_twice_fails_loudly() -> None:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    with pytest.raises(RuntimeError, match="notesSlide1"), fast_partnames(prs):
        slide.notes_slide  # noqa: B018 - named notesSlide1 by the namer
        # A part named behind the namer's back, as a changed python-pptx might.
        stray = Part(PackURI("/ppt/notesSlides/notesSlide1.xml"), CT.PML_NOTES_SLIDE, prs.part.package)
        prs.part.relate_to(stray, RT.NOTES_SLIDE)
