"""The package written once (render/package/write.py) and notes slides copied from one skeleton
(render/fill/notes.py) give the bytes python-pptx's own way gave: save, then re-zip."""

from __future__ import annotations

import gc
import io
import weakref
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Inches

import deckgen.render.deck as deck_module
from deckgen.render import render_deck
from deckgen.render.fill.notes import NotesPages
from deckgen.render.package.save import add_view_props, deck_writer, rezip, stable_workbook
from deckgen.render.package.write import CONTENT_TYPES, PackageWriter, append_entry, pack, write_zip
from tests.render.conftest import sample_image
from tests.render.test_partnames import many_slides

STAMP = datetime(2022, 6, 20)


def old_write_deck(stamp: datetime) -> Callable[[Any, PackageWriter, Any], None]:
    """What deckgen wrote before: python-pptx's save, then every entry copied into a fixed order."""

    def write_deck(prs: Any, writer: PackageWriter, into: Any) -> None:
        add_view_props(prs)
        saved = io.BytesIO()
        prs.save(saved)
        with zipfile.ZipFile(saved) as zf:
            books = {
                name: stable_workbook(zf.read(name), stamp)
                for name in zf.namelist()
                if name.startswith("ppt/embeddings/") and name.endswith(".xlsx")
            }
            into.write(rezip(zf, books))

    return write_deck


def python_pptx_notes(self: NotesPages, slide: Any) -> Any:
    return slide.notes_slide.notes_text_frame


def test_entries_are_the_bytes_zipfile_writes() -> None:
    blobs = {
        CONTENT_TYPES: b"<Types/>",
        "empty.xml": b"",
        "ppt/media/image1.png": bytes(range(256)) * 40,
        "ppt/slides/slide1.xml": b"<p:sld>" + b"text " * 2000 + b"</p:sld>",
        "docs/\u00e9t\u00e9.xml": "caf\u00e9".encode(),  # a name zipfile flags as UTF-8
    }
    for method in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED):
        expected = io.BytesIO()
        with zipfile.ZipFile(expected, "w") as zf:
            for name, blob in blobs.items():
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = method
                info.create_system = 3
                info.external_attr = 0o644 << 16
                zf.writestr(info, blob)
        out = io.BytesIO()
        write_zip(((name, pack(blob, method)) for name, blob in blobs.items()), out)
        actual = out.getvalue()
        assert actual == expected.getvalue()
        with zipfile.ZipFile(io.BytesIO(actual)) as zf:
            assert zf.testzip() is None
            assert {name: zf.read(name) for name in zf.namelist()} == blobs


def test_a_written_entry_names_itself_once() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        append_entry(zf, "a.xml", pack(b"<a/>"))
        assert [info.filename for info in zf.filelist] == ["a.xml"]
        assert zf.NameToInfo["a.xml"].file_size == 4


def test_render_gives_the_bytes_of_save_and_rezip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Notes on every slide, native charts (and their workbooks), a picture used twice."""
    plan = many_slides(60, sample_image(tmp_path / "figure.png"))
    fast = render_deck(plan)
    with monkeypatch.context() as patch:
        patch.setattr(deck_module, "write_deck", old_write_deck(deck_module.build_date(plan.meta)))
        patch.setattr(PackageWriter, "finish_slide", lambda self, part: None)
        patch.setattr(NotesPages, "notes_frame", python_pptx_notes)
        slow = render_deck(plan)
    assert fast == slow
    with zipfile.ZipFile(io.BytesIO(fast)) as zf:
        names = zf.namelist()
        assert names[0] == CONTENT_TYPES and names[1:] == sorted(names[1:])
        assert sum(name.startswith("ppt/notesSlides/notesSlide") for name in names) == 60


def chart_deck() -> Any:
    prs = Presentation()
    data = CategoryChartData()
    data.categories = ("a", "b")
    data.add_series("s", (1.0, 2.0))
    for n in range(3):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = f"Slide {n}"
        slide.notes_slide.notes_text_frame.text = f"Notes {n}"
        slide.shapes.add_chart(
            XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(1), Inches(4), Inches(3), data
        )
    return prs


def written(writer: PackageWriter, prs: Any) -> bytes:
    out = io.BytesIO()
    writer.write_to(prs.part.package, out)
    return out.getvalue()


def test_finished_slides_let_go_of_their_trees_and_write_the_same_bytes() -> None:
    prs = chart_deck()
    expected = written(deck_writer(STAMP), prs)
    writer = deck_writer(STAMP)
    slides = list(prs.slides)
    for slide in slides[:2]:
        writer.finish_slide(slide.part)
    for slide in slides[:2]:
        notes = slide.part.part_related_by(RT.NOTES_SLIDE)  # the relationship stays
        chart = next(rel.target_part for rel in slide.part.rels.values() if rel.reltype.endswith("/chart"))
        book = next(rel.target_part for rel in chart.rels.values() if rel.reltype.endswith("/package"))
        for part in (slide.part, notes, chart):
            assert "_element" not in vars(part)
        assert "_blob" not in vars(book)
        with pytest.raises(AttributeError):
            _ = slide.part.blob  # never written stale or empty
    assert "_element" in vars(slides[2].part)
    assert written(writer, prs) == expected


def test_a_finished_slide_is_freed_by_reference_counting_alone() -> None:
    """python-pptx's slide proxy and its shape collection point at each other: unless release
    breaks that cycle, each finished slide's tree waits for a full collection, which a build
    with few collections (api._few_collections) never runs: 10,000 slides held 430 MB."""
    prs = chart_deck()
    part = prs.slides[0].part
    _ = [shape.name for shape in part.slide.shapes]  # the proxy caches its shapes: a cycle
    proxy = weakref.ref(part.slide)
    enabled = gc.isenabled()
    gc.disable()
    try:
        deck_writer(STAMP).finish_slide(part)
        assert proxy() is None
    finally:
        if enabled:
            gc.enable()


def test_notes_pages_copy_what_python_pptx_makes() -> None:
    prs = Presentation()
    pages = NotesPages()
    ours = [prs.slides.add_slide(prs.slide_layouts[1]) for _ in range(3)]
    frames = [pages.notes_frame(slide) for slide in ours]
    for n, frame in enumerate(frames):
        frame.text = f"Notes {n}"
    theirs = Presentation()
    for n in range(3):
        theirs.slides.add_slide(theirs.slide_layouts[1]).notes_slide.notes_text_frame.text = f"Notes {n}"
    for mine, python_pptx in zip(prs.slides, theirs.slides, strict=True):
        a, b = mine.notes_slide.part, python_pptx.notes_slide.part
        assert (a.partname, a.blob, a.rels.xml) == (b.partname, b.blob, b.rels.xml)
        assert mine.part.rels.xml == python_pptx.part.rels.xml
    assert pages.notes_frame(ours[0]).text == "Notes 0"  # an existing notes slide is kept
