"""Pictures are decoded completely in ``check``: a truncated or signature-only PNG and a
decompression bomb are located errors at the ``image:`` key; a sound picture still builds."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from deckgen.resolve.pictures import MAX_PIXELS
from tests.hostile.kit import check_and_build, project, run

IMAGE = "  - kind: image\n    title: P\n    image: pic.png\n    alt: A picture.\n"
SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png(width: int = 64, height: int = 48) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(width: int, height: int) -> bytes:
    """A small, valid PNG header claiming ``width`` x ``height`` grey pixels."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * 1024)
    return SIGNATURE + chunk(b"IHDR", ihdr) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("signature only", SIGNATURE),
        ("truncated", png()[:-40]),
        ("truncated pixels", png()[: len(png()) // 2]),
        ("jpeg signature only", b"\xff\xd8\xff\xe0"),
    ],
)
def test_a_broken_picture_is_located_at_its_key(tmp_path: Path, name: str, data: bytes) -> None:
    path = project(tmp_path, IMAGE)
    (tmp_path / "pic.png").write_bytes(data)
    check_and_build(tmp_path, path, "bad-image", 7, 12)


@pytest.mark.parametrize("size", [(100_000, 100_000), (MAX_PIXELS // 1000 + 1, 1000)])
def test_a_decompression_bomb_is_refused_from_its_header(tmp_path: Path, size: tuple[int, int]) -> None:
    path = project(tmp_path, IMAGE)
    (tmp_path / "pic.png").write_bytes(bomb_png(*size))
    assert "megapixels" in check_and_build(tmp_path, path, "image-too-large", 7, 12)


def test_a_sound_picture_still_builds(tmp_path: Path) -> None:
    path = project(tmp_path, IMAGE)
    (tmp_path / "pic.png").write_bytes(png())
    out = tmp_path / "deck.pptx"
    result = run("build", path, "-o", out)
    assert result.exit_code == 0, result.output
    pictures = [s for s in Presentation(str(out)).slides[0].shapes if s.shape_type == 13]
    assert pictures and pictures[0].image.blob == png()
