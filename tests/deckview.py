"""What a viewer sees in a built deck, read back with python-pptx: a text dump and invariants."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu

NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _alt(shape: Any) -> str | None:
    for el in shape._element.iter():
        if el.tag.endswith("}cNvPr"):
            return el.get("descr")
    return None


def slide_texts(slide: Any) -> list[str]:
    """Every paragraph of text on the slide, top to bottom, left to right."""
    out: list[str] = []
    shapes = sorted(slide.shapes, key=lambda s: (s.top or 0, s.left or 0))
    for shape in shapes:
        if shape.has_text_frame:
            out.extend(p.text for p in shape.text_frame.paragraphs if p.text.strip())
    return out


def _leveled_texts(slide: Any) -> list[str]:
    """Like ``slide_texts``, with two spaces of indent per bullet level."""
    out: list[str] = []
    for shape in sorted(slide.shapes, key=lambda s: (s.top or 0, s.left or 0)):
        if shape.has_text_frame:
            out.extend("  " * p.level + p.text for p in shape.text_frame.paragraphs if p.text.strip())
    return out


def dump_deck(path: Path) -> dict[str, Any]:
    """A normalized dump for golden comparisons: never compare .pptx bytes for content."""
    prs = Presentation(str(path))
    slides = []
    for number, slide in enumerate(prs.slides, 1):
        title = slide.shapes.title.text if slide.shapes.title is not None else None
        pictures = [{"alt": _alt(s)} for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        slides.append(
            {
                "number": number,
                "layout": slide.slide_layout.name,
                "title": title,
                "text": _leveled_texts(slide),
                "pictures": pictures,
                "notes": notes,
            }
        )
    return {
        "size": [Emu(prs.slide_width).inches, Emu(prs.slide_height).inches],
        "core": {"title": prs.core_properties.title, "author": prs.core_properties.author},
        "slides": slides,
    }


def assert_invariants(path: Path, *, slide_count: int | None = None) -> None:
    """The invariants every built deck keeps (DESIGN.md)."""
    prs = Presentation(str(path))
    slides = list(prs.slides)
    if slide_count is not None:
        assert len(slides) == slide_count, f"{len(slides)} slides, planned {slide_count}"
    width, height = prs.slide_width, prs.slide_height
    titles = []
    for number, slide in enumerate(slides, 1):
        where = f"{path.name} slide {number}"
        assert slide.shapes.title is not None and slide.shapes.title.text.strip(), f"{where}: no title"
        titles.append(slide.shapes.title.text)
        ids = [s.shape_id for s in slide.shapes]
        assert len(ids) == len(set(ids)), f"{where}: duplicate shape ids {ids}"
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, f"{where}: {shape.name} starts off the slide"
            assert shape.left + shape.width <= width, f"{where}: {shape.name} runs off the right edge"
            assert shape.top + shape.height <= height, f"{where}: {shape.name} runs off the bottom"
            if shape.is_placeholder and shape.has_text_frame:
                assert shape.text_frame.text.strip(), f"{where}: empty placeholder {shape.name}"
            if shape.shape_type in (MSO_SHAPE_TYPE.PICTURE,) or getattr(shape, "has_chart", False):
                alt = _alt(shape)
                assert alt and alt.strip(), f"{where}: picture or chart without alt text"
                assert not any(t in alt.lower() for t in (".png", ".jpg", "/tmp", "tmp")), (
                    f"{where}: alt text leaks a file name: {alt!r}"
                )
    _assert_relationships_resolve(path)


def _assert_relationships_resolve(path: Path) -> None:
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        for name in names:
            if not name.endswith(".rels"):
                continue
            base = name.replace("_rels/", "").removesuffix(".rels")
            folder = base.rsplit("/", 1)[0] if "/" in base else ""
            root = etree.fromstring(zf.read(name))
            for rel in root:
                if rel.get("TargetMode") == "External":
                    continue
                target = rel.get("Target")
                assert target is not None
                resolved = _join(folder, target)
                assert resolved in names, f"{name}: relationship to missing part {target}"


def _join(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    parts = [p for p in folder.split("/") if p]
    for piece in target.split("/"):
        if piece == "..":
            parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)
