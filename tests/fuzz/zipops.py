"""Damage to a template's zip: flipped and cut bytes, patched header fields, and parts dropped,
doubled, renamed or given garbage. Each takes the zip's bytes and an ``Op`` and gives bytes."""

from __future__ import annotations

import io
import struct
import warnings
import zipfile
from collections.abc import Callable

from tests.fuzz.corpus import Op

# Header fields a patch may set: (offset in the local header, in the central header, format).
FIELDS = {
    "flags": (6, 8, "<H"),
    "method": (8, 10, "<H"),
    "crc": (14, 16, "<L"),
    "packed": (18, 20, "<L"),
    "size": (22, 24, "<L"),
    "name-length": (26, 28, "<H"),
    "extra-length": (28, 30, "<H"),
    "offset": (None, 42, "<L"),
}
VALUES = [0, 1, 8, 12, 14, 99, 0xFFFF, 0xFFFFFFFF, 0x7FFFFFFF, 1 << 20, 1 << 30, 46, 30]


def _headers(data: bytes, signature: bytes) -> list[int]:
    found, start = [], data.find(signature)
    while start >= 0:
        found.append(start)
        start = data.find(signature, start + 4)
    return found


def _field(data: bytes, op: Op) -> bytes:
    """``op.value`` is ``field=number``: set it in the local or central header of one part."""
    name, _, number = op.value.partition("=")
    local, central, fmt = FIELDS[name]
    heads = [(h, central) for h in _headers(data, b"PK\x01\x02")]
    if local is not None:
        heads += [(h, local) for h in _headers(data, b"PK\x03\x04")]
    if not heads:
        return data
    start, offset = heads[min(int(op.at * len(heads)), len(heads) - 1)]
    out = bytearray(data)
    limit = 0xFFFF if fmt == "<H" else 0xFFFFFFFF
    if start + offset + struct.calcsize(fmt) <= len(out):
        struct.pack_into(fmt, out, start + offset, int(number) & limit)
    return bytes(out)


def _flip(data: bytes, op: Op) -> bytes:
    if not data:
        return data
    out = bytearray(data)
    out[int(op.at * len(out)) % len(out)] ^= int(op.value or 255) & 0xFF
    return bytes(out)


def _restructure(
    edit: Callable[[list[tuple[zipfile.ZipInfo, bytes]], Op], None],
) -> Callable[[bytes, Op], bytes]:
    """An operation on the list of (info, bytes) parts, written back as a new zip."""

    def operation(data: bytes, op: Op) -> bytes:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as src:
                parts = [(info, src.read(info)) for info in src.infolist()]
        except Exception:  # zipfile and zlib raise many types for a zip an earlier operation broke
            return data  # an earlier operation broke it: leave it broken
        if not parts:
            return data
        edit(parts, op)
        out = io.BytesIO()
        try:
            with warnings.catch_warnings(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
                warnings.simplefilter("ignore")  # "Duplicate name": doubling a part is the point
                for info, body in parts:
                    dst.writestr(info, body)
        except (ValueError, OSError, OverflowError, struct.error):
            return data  # zipfile cannot write that name or size: leave the zip as it was
        return out.getvalue()

    return operation


def _index(parts: list[tuple[zipfile.ZipInfo, bytes]], at: float) -> int:
    return min(int(at * len(parts)), len(parts) - 1)


def _drop(parts: list[tuple[zipfile.ZipInfo, bytes]], op: Op) -> None:
    del parts[_index(parts, op.at)]


def _double(parts: list[tuple[zipfile.ZipInfo, bytes]], op: Op) -> None:
    parts.append(parts[_index(parts, op.at)])


def _rename(parts: list[tuple[zipfile.ZipInfo, bytes]], op: Op) -> None:
    i = _index(parts, op.at)
    info, body = parts[i]
    renamed = zipfile.ZipInfo(op.value.replace("{}", info.filename), date_time=info.date_time)
    parts[i] = (renamed, body)


def _garbage(parts: list[tuple[zipfile.ZipInfo, bytes]], op: Op) -> None:
    i = _index(parts, op.at)
    info, body = parts[i]
    cut = int(op.at2 * len(body))
    parts[i] = (info, body[:cut] + op.value.encode("utf-8", "surrogateescape") + body[cut:])


ZIP_OPS: dict[str, Callable[[bytes, Op], bytes]] = {
    "zip-flip": _flip,
    "zip-cut": lambda data, op: data[: int(op.at * len(data))],
    "zip-field": _field,
    "zip-prepend": lambda data, op: op.value.encode("latin-1") + data,
    "zip-append": lambda data, op: data + op.value.encode("latin-1"),
    "zip-drop-part": _restructure(_drop),
    "zip-double-part": _restructure(_double),
    "zip-rename-part": _restructure(_rename),
    "zip-garbage-part": _restructure(_garbage),
}
RENAMES = ["{}x", "/{}", "../{}", "{}/", "UPPER", "ppt/../{}", "{}\u00e9", "", "a" * 300, "{}\x00tail"]
