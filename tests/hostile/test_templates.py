"""Hostile templates: zip bombs, lying headers, damaged and foreign zips, pipes and devices.

Each is a located error at 1:1 of the template (``template-too-large`` or
``template-unreadable``) with a hint, from ``check``, ``build`` and ``template inspect``, never a
traceback; the bombs are refused from the zip directory or after at most one chunk past a
declared size, so opening one takes a few MB, not the gigabyte it claims. The bombs are built
cheaply: deflate output for a megabyte of zeros, flushed so that it repeats, is copied over
the data of a stored placeholder part, and the headers are patched to match.
"""

from __future__ import annotations

import io
import os
import shutil
import struct
import threading
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest

from deckgen.core.assets import default_template_path
from deckgen.core.errors import DeckgenError
from deckgen.core.files import MB, ZipLimits
from deckgen.core.zipcheck import check_directory, verified_zip
from deckgen.render.template.roles import open_template
from tests.conftest import ROOT
from tests.hostile.kit import HEAD, check_and_build, located, project, run

GB = 1024 * MB
LOCAL, CENTRAL = b"PK\x03\x04", b"PK\x01\x02"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


def zeros_deflate(megabytes: int) -> bytes:
    """Raw deflate data for ``megabytes`` MB of zeros, about 1 KB per MB, without compressing it all."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = packer.compress(b"\0" * MB) + packer.flush(zlib.Z_FULL_FLUSH)  # repeats exactly
    return block * megabytes + packer.flush()


def with_part(name: str, size: int) -> bytes:
    """The shipped template plus a stored part ``name`` of ``size`` bytes, to be patched."""
    out = io.BytesIO()
    shutil.copyfileobj(default_template_path().open("rb"), out)
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr(zipfile.ZipInfo(name), b"\xaa" * size)
    return out.getvalue()


def patch(data: bytes, name: str, **fields: int) -> bytes:
    """Set ``method``, ``flags``, ``crc``, ``packed`` or ``size`` of part ``name`` in both headers."""
    out = bytearray(data)
    # Offsets after the signature: local header fields start 2 bytes earlier than central ones.
    where = {"flags": 6, "method": 8, "crc": 14, "packed": 18, "size": 22}
    formats = {"flags": "<H", "method": "<H", "crc": "<L", "packed": "<L", "size": "<L"}
    encoded = name.encode()
    for signature, shift in ((LOCAL, 0), (CENTRAL, 2)):
        start = _header(data, signature, encoded)
        for field, value in fields.items():
            struct.pack_into(formats[field], out, start + where[field] + shift, value)
    return bytes(out)


def _header(data: bytes, signature: bytes, name: bytes) -> int:
    """Where the header (local or central) for the part ``name`` starts."""
    start = data.find(signature)
    while start >= 0:
        size = 30 if signature == LOCAL else 46
        length = struct.unpack_from("<H", data, start + (26 if signature == LOCAL else 28))[0]
        if data[start + size : start + size + length] == name:
            return start
        start = data.find(signature, start + 1)
    raise AssertionError(f"no header for {name!r}")


def deflated_part(megabytes: int, *, declared: int | None = None, crc: int = 0) -> bytes:
    """The shipped template plus ``ppt/media/zeros.bin``: ``megabytes`` MB of zeros, deflated,
    declaring ``declared`` bytes (by default, the truth)."""
    raw = zeros_deflate(megabytes)
    data = bytearray(with_part("ppt/media/zeros.bin", len(raw)))
    start = data.find(b"\xaa" * len(raw))
    data[start : start + len(raw)] = raw
    size = megabytes * MB if declared is None else declared
    return patch(bytes(data), "ppt/media/zeros.bin", method=8, packed=len(raw), size=size, crc=crc)


def many_parts(count: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for n in range(count):
            archive.writestr(f"ppt/media/p{n}.xml", b"")
    return out.getvalue()


def foreign_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("hello.txt", "a zip, but not a presentation\n" * 100)
    return out.getvalue()


def damaged_part() -> bytes:
    """A deflated XML part with a byte of its data changed: bad deflate data or a bad CRC."""
    data = bytearray(default_template_path().read_bytes())
    start = _header(bytes(data), LOCAL, b"ppt/presentation.xml")
    name_size, extra = struct.unpack_from("<HH", data, start + 26)
    data[start + 30 + name_size + extra + 40] ^= 0xFF
    return bytes(data)


ZERO_CRC_1K = zlib.crc32(b"\0" * 1024)
CASES = {
    # name: (template bytes, code, words in the message)
    "1 GB of zeros": (lambda: deflated_part(1024), "template-too-large", "1,024.0 MB"),
    "a 50 MB part packed 1000:1": (lambda: deflated_part(50), "template-too-large", "times larger"),
    "50,000 parts": (lambda: many_parts(50_000), "template-too-large", "more than 10,000 parts"),
    "1 GB behind a 1 KB header": (
        lambda: deflated_part(1024, declared=1024, crc=ZERO_CRC_1K),
        "template-unreadable",
        "holds more than the 1,024 bytes it declares",
    ),
    "truncated": (lambda: default_template_path().read_bytes()[:9000], "template-unreadable", "not a zip"),
    "a damaged part": (damaged_part, "template-unreadable", "ppt/presentation.xml"),
    "a zip that is not a presentation": (foreign_zip, "template-unreadable", "not a PowerPoint file"),
    "not a zip at all": (lambda: b"not a zip\n" * 50, "template-unreadable", "not a zip"),
}


def template_brief(tmp_path: Path, data: bytes) -> tuple[Path, Path]:
    brief = project(tmp_path, head=HEAD + "  template: corp.pptx\n")
    template = tmp_path / "corp.pptx"
    template.write_bytes(data)
    return brief, template


@pytest.mark.parametrize("case", list(CASES))
def test_a_hostile_template_is_a_located_error(tmp_path: Path, case: str) -> None:
    make, code, words = CASES[case]
    brief, template = template_brief(tmp_path, make())
    line = check_and_build(tmp_path, brief, code, 1, 1, at=template)
    assert words in line
    inspected = run("template", "inspect", template)
    assert words in located(inspected, template, code, 1, 1)
    assert "hint:" in inspected.output


@pytest.mark.parametrize("case", ["1 GB of zeros", "50,000 parts", "1 GB behind a 1 KB header"])
def test_a_zip_bomb_is_refused_in_little_memory(tmp_path: Path, case: str) -> None:
    """Loosely: the bombs claim or hide a gigabyte; opening one allocates a few MB."""
    template = tmp_path / "bomb.pptx"
    template.write_bytes(CASES[case][0]())
    tracemalloc.start()
    try:
        with pytest.raises(DeckgenError) as caught:
            open_template(template)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.diagnostics[0].code == CASES[case][1]
    assert peak < 200 * MB, f"{case}: {peak / MB:.0f} MB"


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"flags": 1}, "encrypted"),
        ({"method": 14}, "compression method 14"),
        ({"size": 10}, "two sizes"),
    ],
)
def test_encrypted_and_unusual_parts_are_refused(tmp_path: Path, fields: dict[str, int], words: str) -> None:
    template = tmp_path / "odd.pptx"
    template.write_bytes(patch(with_part("ppt/media/odd.bin", 100), "ppt/media/odd.bin", **fields))
    assert words in located(run("template", "inspect", template), template, "template-unreadable", 1, 1)


def test_two_parts_with_one_name_are_refused(tmp_path: Path) -> None:
    out = io.BytesIO(default_template_path().read_bytes())
    with pytest.warns(UserWarning, match="Duplicate name"), zipfile.ZipFile(out, "a") as archive:
        archive.writestr("ppt/presentation.xml", b"<p:presentation/>")
    template = tmp_path / "twice.pptx"
    template.write_bytes(out.getvalue())
    line = located(run("template", "inspect", template), template, "template-unreadable", 1, 1)
    assert "two parts named 'ppt/presentation.xml'" in line


@pytest.mark.parametrize(
    ("limits", "words"),
    [
        (ZipLimits(total=40_000), "unpacks to more than 40,000 bytes"),
        (ZipLimits(xml_total=30_000), "more than 30,000 bytes of XML parts"),
        (ZipLimits(xml_part=5_000), "the limit is 5,000 bytes"),
        (ZipLimits(entries=20), "has 27 parts; the limit is 20"),
        (ZipLimits(ratio=3, ratio_floor=1_000), "the limit is 3:1"),
    ],
)
def test_each_directory_limit(limits: ZipLimits, words: str) -> None:
    with zipfile.ZipFile(default_template_path()) as archive:
        infos = archive.infolist()
    with pytest.raises(Exception) as caught:
        check_directory(infos, "template", limits)
    assert words in str(caught.value)


def test_the_shipped_template_unpacks_to_the_same_parts() -> None:
    data = default_template_path().read_bytes()
    verified = verified_zip(data, "template")
    with zipfile.ZipFile(io.BytesIO(data)) as before, zipfile.ZipFile(io.BytesIO(verified)) as after:
        assert after.namelist() == before.namelist()
        assert all(after.read(name) == before.read(name) for name in before.namelist())


@needs_fifo
def test_template_inspect_refuses_a_fifo_and_a_sparse_file(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.pptx"
    os.mkfifo(pipe)
    assert "named pipe" in located(run("template", "inspect", pipe), pipe, "not-a-file", 1, 1)
    huge = tmp_path / "huge.pptx"
    with huge.open("wb") as fh:
        fh.truncate(2 * GB)
    assert "100.0 MB" in located(run("template", "inspect", huge), huge, "file-too-large", 1, 1)


@needs_fifo
def test_template_inspect_refuses_a_fifo_profile(tmp_path: Path) -> None:
    template = tmp_path / "corp.pptx"
    shutil.copy(default_template_path(), template)
    os.mkfifo(tmp_path / "corp.profile.yaml")
    located(run("template", "inspect", template), tmp_path / "corp.profile.yaml", "not-a-file", 1, 1)


def test_a_profile_with_a_bad_byte_is_located_at_it(tmp_path: Path) -> None:
    template = tmp_path / "corp.pptx"
    shutil.copy(default_template_path(), template)
    profile = tmp_path / "corp.profile.yaml"
    profile.write_bytes(b"layouts:\n  content: Caf\xe9\n")
    located(run("template", "inspect", template), profile, "not-utf8", 2, 15)
    brief, _ = template_brief(tmp_path, template.read_bytes())
    check_and_build(tmp_path, brief, "not-utf8", 2, 15, at=profile)


@needs_fifo
def test_the_renderer_reads_a_picture_as_every_file_is_read(tmp_path: Path) -> None:
    """A picture swapped for a FIFO between check and render is a located error, not a hang."""
    from deckgen import api
    from deckgen.render import render_deck

    image = "  - kind: image\n    title: P\n    image: pic.png\n    alt: A picture.\n"
    brief = project(tmp_path, image)
    shutil.copy(ROOT / "assets" / "images" / "two-flanks.png", tmp_path / "pic.png")
    plan = api.check(brief).plan
    (tmp_path / "pic.png").unlink()
    os.mkfifo(tmp_path / "pic.png")
    found: list[DeckgenError] = []

    def render() -> None:
        try:
            render_deck(plan)
        except DeckgenError as exc:
            found.append(exc)

    worker = threading.Thread(target=render)
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive(), "rendering read from a FIFO"
    (problem,) = found[0].diagnostics
    assert problem.code == "image-unreadable" and "named pipe" in problem.message
    # Named as the brief numbers it, from 1: the brief's only slide.
    assert problem.message.startswith('cannot read the picture for slide 1 "P": ')
    assert problem.key == "slides[1].image"


@pytest.mark.parametrize(("key", "at"), [("template", (4, 13)), ("image", (7, 12))])
def test_a_nul_in_a_path_is_located_at_its_key(tmp_path: Path, key: str, at: tuple[int, int]) -> None:
    # Found by the fuzzer: "\x00" in double quotes reached os.stat, which raises ValueError.
    if key == "template":
        brief = project(tmp_path, head=HEAD + '  template: "corp\\x00.pptx"\n')
    else:
        brief = project(tmp_path, '  - kind: image\n    title: P\n    image: "pic\\x00.png"\n    alt: A.\n')
    assert "NUL" in check_and_build(tmp_path, brief, "bad-file-name", *at)
