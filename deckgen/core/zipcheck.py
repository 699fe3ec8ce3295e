"""Zip packages (templates) checked before python-pptx opens them, and unpacked within bounds.

A .pptx or .potx is a zip, and a zip can lie: a 1 MB file can declare (or, with a false size,
hide) a gigabyte of zeros, or list 50,000 parts. ``verified_zip``:

1. counts the central-directory signatures in the raw bytes, so a directory with more parts
   than ``ZIP_LIMITS.entries`` is refused before ``zipfile`` builds an object for each;
2. checks the directory ``zipfile`` reads, with nothing decompressed: the number of parts, each
   part's declared size (XML parts have a tighter limit), all XML, the total, and the ratio of
   unpacked to packed size; duplicate names, encrypted parts and compression other than
   stored or deflate are refused too;
3. unpacks each part itself, in chunks, stopping as soon as it yields more than it declared,
   and checks the size and CRC-32, so a part whose header lies is refused having produced at
   most one chunk more than its declared size;
4. returns a new zip of the verified parts (stored, in the original order), which is all
   python-pptx ever reads: every size in it is true.

Problems are ``FileProblem``s with the codes ``<what>-too-large`` (over a limit) and
``<what>-unreadable`` (not a zip, or a damaged one).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from deckgen.core.files import MB, ZIP_LIMITS, FileProblem, ZipLimits

CHUNK = 256 * 1024
_CENTRAL = b"PK\x01\x02"
_LOCAL = b"PK\x03\x04"
_LOCAL_SIZE = 30  # a local file header before its name and extra field
_XML = (".xml", ".rels")
_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
_DATE = (1980, 1, 1, 0, 0, 0)
_BOMB_HINT = (
    "a real {what} is a few MB of XML and pictures; this one is damaged or built to exhaust "
    "memory (a zip bomb). Export it again from PowerPoint; see 'Limits and safety' in the README"
)
_DAMAGED_HINT = "export the {what} again from PowerPoint (File > Save As > .pptx or .potx)"


def verified_zip(data: bytes, what: str, limits: ZipLimits = ZIP_LIMITS) -> bytes:
    """``data`` as a stored zip of its verified parts; FileProblem when it is not a sound zip
    within ``limits``."""
    if data.count(_CENTRAL) > limits.entries:
        raise _too_large(what, f"lists more than {limits.entries:,} parts")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    # zipfile raises BadZipFile for most damage, but a bad name or field can raise others, and a
    # version or feature it does not support (a later zip format, several disks) NotImplementedError.
    except (
        zipfile.BadZipFile,
        ValueError,
        struct.error,
        OverflowError,
        EOFError,
        OSError,
        NotImplementedError,
    ) as exc:
        raise _damaged(what, f"is not a zip file ({_clip(str(exc))})") from None
    check_directory(infos, what, limits)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for info in infos:
            entry = zipfile.ZipInfo(info.filename, date_time=_DATE)
            dst.writestr(entry, unpack(data, info, what))
    return out.getvalue()


def check_directory(infos: list[zipfile.ZipInfo], what: str, limits: ZipLimits = ZIP_LIMITS) -> None:
    """Refuse a directory that declares too much, before a byte is decompressed."""
    if len(infos) > limits.entries:
        raise _too_large(what, f"has {len(infos):,} parts; the limit is {limits.entries:,}")
    seen: set[str] = set()
    total = xml_total = 0
    for info in infos:
        name, size = info.filename, info.file_size
        if name in seen:
            raise _damaged(what, f"has two parts named {_shown(name)}")
        seen.add(name)
        if info.flag_bits & 0x1:
            raise _damaged(what, f"has an encrypted part, {_shown(name)}")
        if info.compress_type not in _METHODS:
            raise _damaged(what, f"packs {_shown(name)} with compression method {info.compress_type}")
        is_xml = name.lower().endswith(_XML)
        limit = limits.xml_part if is_xml else limits.part
        if size > limit:
            raise _too_large(what, f"has a part, {_shown(name)}, of {_mb(size)}; the limit is {_mb(limit)}")
        if size > limits.ratio_floor and size > limits.ratio * max(info.compress_size, 1):
            ratio = size // max(info.compress_size, 1)
            raise _too_large(
                what,
                f"has a part, {_shown(name)}, that unpacks {ratio:,} times larger than it is packed "
                f"({_mb(size)}); the limit is {limits.ratio}:1",
            )
        total += size
        xml_total += size if is_xml else 0
        if xml_total > limits.xml_total:
            raise _too_large(what, f"has more than {_mb(limits.xml_total)} of XML parts")
        if total > limits.total:
            raise _too_large(what, f"unpacks to more than {_mb(limits.total)}")


def unpack(data: bytes, info: zipfile.ZipInfo, what: str) -> bytes:
    """One part's bytes, never more than it declares; FileProblem when it holds anything else."""
    start = _data_start(data, info, what)
    raw = memoryview(data)[start : start + info.compress_size]
    if len(raw) < info.compress_size:
        raise _damaged(what, f"is cut short inside the part {_shown(info.filename)}")
    if info.compress_type == zipfile.ZIP_STORED:
        if info.compress_size != info.file_size:
            raise _damaged(what, f"gives two sizes for the stored part {_shown(info.filename)}")
        body = bytes(raw)
    else:
        body = _inflate(raw, info, what)
    if zlib.crc32(body) != info.CRC:
        raise _damaged(what, f"has a damaged part, {_shown(info.filename)} (its CRC-32 does not match)")
    return body


def _data_start(data: bytes, info: zipfile.ZipInfo, what: str) -> int:
    offset = info.header_offset
    header = data[offset : offset + _LOCAL_SIZE] if offset >= 0 else b""
    if len(header) < _LOCAL_SIZE or not header.startswith(_LOCAL):
        raise _damaged(what, f"has no local header for the part {_shown(info.filename)}")
    name_size = int.from_bytes(header[26:28], "little")
    extra_size = int.from_bytes(header[28:30], "little")
    return offset + _LOCAL_SIZE + name_size + extra_size


def _inflate(raw: memoryview, info: zipfile.ZipInfo, what: str) -> bytes:
    """Deflate data, a chunk at a time: stop at the first byte past the declared size."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    parts: list[bytes] = []
    size = fed = 0
    pending: bytes | memoryview = b""
    try:
        while not inflater.eof:
            if not pending and fed < len(raw):
                pending, fed = raw[fed : fed + CHUNK], fed + CHUNK
            piece = inflater.decompress(pending, CHUNK)
            size += len(piece)
            if size > info.file_size:
                raise _damaged(
                    what,
                    f"has a part, {_shown(info.filename)}, that holds more than the "
                    f"{info.file_size:,} bytes it declares",
                    hint=_BOMB_HINT,
                )
            parts.append(piece)
            pending = inflater.unconsumed_tail
            if not piece and not pending and fed >= len(raw):
                break  # out of input, and nothing more comes out
    except zlib.error as exc:
        raise _damaged(what, f"has a damaged part, {_shown(info.filename)} ({exc})") from None
    if not inflater.eof or size != info.file_size:
        raise _damaged(what, f"is cut short inside the part {_shown(info.filename)}")
    return b"".join(parts)


def _too_large(what: str, detail: str) -> FileProblem:
    return FileProblem(f"{what}-too-large", f"the {what} {detail}", hint=_BOMB_HINT.format(what=what))


def _damaged(what: str, detail: str, *, hint: str = _DAMAGED_HINT) -> FileProblem:
    return FileProblem(f"{what}-unreadable", f"the {what} {detail}", hint=hint.format(what=what))


def _shown(name: str) -> str:
    """A part name for a message: quoted, escaped, at most 80 characters."""
    return repr(_clip(name))


def _clip(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _mb(size: int) -> str:
    return f"{size / MB:,.1f} MB" if size >= MB else f"{size:,} bytes"
