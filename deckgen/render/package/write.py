"""Writing the .pptx package once, in a fixed order, with each finished slide compressed as it ends.

python-pptx's ``save`` holds every part's XML tree until the end and stamps each zip entry with
the current time, so deckgen used to save, then copy the whole package into a second zip with
fixed stamps: three copies of the package at once, every part compressed twice, and every
slide's tree alive until the end. Here each part is compressed once, exactly as ``zipfile``
would compress it (the same zlib settings, the whole blob in one call), and a slide, its notes
and its charts are compressed as soon as the slide is finished, after which their XML trees are
let go. ``write_to`` then lays the entries out in the order deckgen always used: content types
first, then by name, every entry dated 1980-01-01 with the same attributes, so the bytes are
the ones ``zipfile.writestr`` gives for the same entries.

What it assumes about the standard library's ``zipfile`` (checked by
``tests/render/test_package_writer.py`` against ``writestr`` byte for byte): a writable
``ZipFile`` over a seekable stream keeps its position in ``start_dir``, its entries in
``filelist`` and ``NameToInfo``, and writes the central directory for them on ``close`` when
``_didModify`` is set; a local header is ``ZipInfo.FileHeader(zip64)`` with the final sizes.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, BinaryIO

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.package import Part, XmlPart
from pptx.opc.packuri import PACKAGE_URI
from pptx.opc.serialized import _ContentTypesItem
from pptx.package import Package

CONTENT_TYPES = "[Content_Types].xml"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry
# The parts a slide alone uses: finished with the slide (pictures and layouts are shared).
OWNED = (RT.NOTES_SLIDE, RT.CHART, RT.PACKAGE)
# python-pptx's cached proxies over a part's XML tree, which would keep the tree alive.
PROXIES = ("slide", "notes_slide", "chart", "chart_workbook")


@dataclass(frozen=True)
class Entry:
    """One zip entry's contents, compressed: its CRC, uncompressed size, data and method."""

    crc: int
    size: int
    data: bytes
    method: int = zipfile.ZIP_DEFLATED


def pack(blob: bytes, method: int = zipfile.ZIP_DEFLATED) -> Entry:
    """``blob`` compressed as ``zipfile`` compresses an entry (raw deflate, default level)."""
    if method == zipfile.ZIP_STORED:
        return Entry(zlib.crc32(blob), len(blob), blob, method)
    if method != zipfile.ZIP_DEFLATED:
        raise ValueError(f"unsupported zip method {method}")
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return Entry(zlib.crc32(blob), len(blob), compressor.compress(blob) + compressor.flush(), method)


def entry_info(name: str, entry: Entry) -> zipfile.ZipInfo:
    """The entry's header: fixed date, Unix attributes (so the host does not leak into the bytes)."""
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = entry.method
    info.create_system = 3
    info.external_attr = 0o644 << 16
    info.flag_bits = 0
    info.file_size, info.compress_size, info.CRC = entry.size, len(entry.data), entry.crc
    return info


def append_entry(zf: zipfile.ZipFile, name: str, entry: Entry) -> None:
    """Write one already-compressed entry, as ``zf.writestr`` would have written it."""
    info = entry_info(name, entry)
    zip64 = entry.size * 1.05 > zipfile.ZIP64_LIMIT  # zipfile's own rule for writestr
    fp: Any = zf.fp
    fp.seek(zf.start_dir)
    info.header_offset = fp.tell()
    fp.write(info.FileHeader(zip64))
    fp.write(entry.data)
    zf.start_dir = fp.tell()
    zf.filelist.append(info)
    zf.NameToInfo[name] = info
    zf._didModify = True  # type: ignore[attr-defined]  # so that close writes the directory


def write_zip(entries: Iterable[tuple[str, Entry]], into: BinaryIO) -> None:
    """A zip of ``entries``, in the order given, written into the seekable stream ``into``."""
    with zipfile.ZipFile(into, "w") as zf:
        for name, entry in entries:
            append_entry(zf, name, entry)


def zip_order(names: Iterable[str]) -> list[str]:
    """Content types first (a reader may look for it there), then by name."""
    return sorted(names, key=lambda name: (name != CONTENT_TYPES, name))


class PackageWriter:
    """The package's entries, compressed as the render goes; ``write_to`` lays them out once,
    streamed into the deck's file.

    ``transform`` rewrites one part's bytes before they are compressed, by member name (the
    stable stamps of a chart's workbook); ``stored`` says which members are stored as they are.
    """

    def __init__(
        self,
        transform: Callable[[str, bytes], bytes] | None = None,
        stored: Callable[[str], bool] | None = None,
    ) -> None:
        self._done: dict[str, Entry] = {}
        self._transform = transform or (lambda _name, blob: blob)
        self._stored = stored or (lambda _name: False)

    def _pack(self, name: str, blob: bytes) -> Entry:
        method = zipfile.ZIP_STORED if self._stored(name) else zipfile.ZIP_DEFLATED
        return pack(self._transform(name, blob), method)

    def finish_slide(self, slide_part: Part) -> None:
        """Compress a finished slide, its notes and charts now, and let go of their XML trees.

        Their relationships stay (the package is walked through them) and are written at the end.
        """
        for part in owned_parts(slide_part):
            name = part.partname.membername
            if name not in self._done:
                self._done[name] = self._pack(name, part.blob)
                release(part)

    def write_to(self, package: Package, into: BinaryIO) -> None:
        """Write the whole package into the seekable stream ``into`` (a deck's temporary file:
        no copy of the zip is held in memory); finished parts are taken as compressed earlier."""
        parts = tuple(package.iter_parts())
        makers: dict[str, Callable[[], bytes]] = {
            CONTENT_TYPES: lambda: serialize_part_xml(_ContentTypesItem.xml_for(parts)),
            PACKAGE_URI.rels_uri.membername: lambda: package._rels.xml,
        }
        for part in parts:
            name = part.partname.membername
            if name not in self._done:
                makers[name] = _blob_of(part)
            if part._rels:
                makers[part.partname.rels_uri.membername] = _rels_of(part)
        names = zip_order({*makers, *self._done})

        def entries() -> Iterable[tuple[str, Entry]]:
            for name in names:  # made one at a time, and let go once written
                done = self._done.pop(name, None)
                yield name, done if done is not None else self._pack(name, makers[name]())

        write_zip(entries(), into)


def _blob_of(part: Part) -> Callable[[], bytes]:
    return lambda: part.blob


def _rels_of(part: Part) -> Callable[[], bytes]:
    return lambda: part.rels.xml


def owned_parts(slide_part: Part) -> list[Part]:
    """The slide part and the parts only it uses: its notes slide, charts and their workbooks."""
    found, todo = [slide_part], [slide_part]
    while todo:
        part = todo.pop()
        for rel in part.rels.values():
            if rel.is_external or rel.reltype not in OWNED:
                continue
            target = rel.target_part
            if target not in found:
                found.append(target)
                todo.append(target)
    return found


def uncache(proxy: object) -> None:
    """Drop what a python-pptx proxy cached of itself (a slide's ``shapes``, whose parent is the
    slide): that cycle would keep the slide's tree until a full garbage collection, which a
    build with few collections (``api._few_collections``) does not run. Its own ``_element`` and
    ``_part`` stay, so a caller's reference to it still names its part."""
    own = vars(proxy)
    for name in [name for name in own if not name.startswith("_")]:
        del own[name]


def release(part: Part) -> None:
    """Drop a compressed part's XML tree and python-pptx's proxies over it (and what they cached,
    which would keep the tree alive in a cycle): reading it again raises AttributeError instead
    of writing a stale or empty part."""
    own = vars(part)
    for name in PROXIES:
        proxy = own.pop(name, None)
        if proxy is not None:
            uncache(proxy)
    if isinstance(part, XmlPart):
        del part._element
    elif "_blob" in own:
        del own["_blob"]
