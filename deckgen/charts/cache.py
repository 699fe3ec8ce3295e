"""Rendered chart pictures kept on disk, keyed by everything that shapes them; drawn only on a miss."""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import functools
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path

import deckgen
from deckgen.charts.folders import default_folder as default_folder
from deckgen.charts.model import ChartData, ChartLayout, ChartStyle
from deckgen.core.files import FileProblem, read_bytes

# An entry is named ``<key>.<sha256 of key and picture>.png``: a truncated, edited or swapped
# entry fails the hash on read and is redrawn, never embedded. No signature is trusted.
_DIGEST_LEN = 64
# Bump with any change to the drawing modules (draw, canvas, marks, bars, timeline, matrix,
# tilemap) that changes pixels: cached pictures must not survive it.
DRAW_REVISION = "4"


@dataclasses.dataclass(frozen=True)
class ChartCache:
    folder: Path

    @classmethod
    def default(cls) -> ChartCache:
        return cls(default_folder())

    def key(
        self,
        data: ChartData,
        style: ChartStyle,
        width_in: float,
        height_in: float,
        dpi: int,
        version: str,
        layout: ChartLayout | None = None,
    ) -> str:
        """sha256 over a canonical JSON of all that decides the picture's pixels."""
        # Annotation targets are ids resolved through the records' names: those names count too.
        names = sorted(
            {(r.region.id, r.region.name) for r in data.records}
            | {(r.kind.id, r.kind.name) for r in data.records}
            | {(r.country_code, r.country) for r in data.records}
        )
        payload = {
            "table": _canonical(data.table),
            "spec": _canonical(data.spec),
            "highlight": list(data.highlight),
            "names": [list(n) for n in names],
            "style": _canonical(style),
            "size": [repr(float(width_in)), repr(float(height_in)), int(dpi)],
            "version": version,
            "layout": _canonical(layout),
        }
        text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def path(self, key: str, data: bytes) -> Path:
        """``<key>.<content hash>.png``: the name vouches for the bytes, bound to the key."""
        return self.folder / f"{key}.{_entry_digest(key, data)}.png"

    def entries(self, key: str) -> list[Path]:
        """The files stored under ``key``, matched by the exact shape of their name."""
        shape = re.compile(rf"{re.escape(key)}\.[0-9a-f]{{{_DIGEST_LEN}}}\.png")
        try:
            names = sorted(n for n in os.listdir(self.folder) if n.startswith(key) and shape.fullmatch(n))
        except OSError:
            return []
        return [self.folder / n for n in names]

    def get(self, key: str) -> bytes | None:
        """The stored picture whose content hash (in its name) matches; None (redraw) otherwise.

        Read as an untrusted file: a regular file within the picture limit, opened non-blocking.
        A truncated, edited or swapped entry fails the hash and is never returned.
        """
        for path in self.entries(key):
            try:
                data = read_bytes(path, "image")
            except FileProblem:
                continue
            if path == self.path(key, data):
                return data
        return None

    def put(self, key: str, data: bytes) -> None:
        """Written to a temporary file first and renamed, so a reader never sees half a picture;
        entries of the same key that failed their hash are removed."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.path(key, data)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".png")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        for stale in self.entries(key):
            if stale != target:
                stale.unlink(missing_ok=True)


def _entry_digest(key: str, data: bytes) -> str:
    """Binds the picture to its key: a picture stored under another chart's key does not match."""
    return hashlib.sha256(key.encode("utf-8", "replace") + b"\0" + data).hexdigest()


def render_png_cached(
    data: ChartData,
    *,
    style: ChartStyle,
    width_in: float,
    height_in: float,
    dpi: int = 200,
    cache: ChartCache | None,
    layout: ChartLayout | None = None,
) -> bytes:
    """The chart's PNG from the cache, or drawn (importing matplotlib) and stored on a miss."""
    if cache is None:
        return _draw(data, style=style, width_in=width_in, height_in=height_in, dpi=dpi, layout=layout)
    key = cache.key(data, style, width_in, height_in, dpi, drawing_version(), layout)
    if (hit := cache.get(key)) is not None:
        return hit
    png = _draw(data, style=style, width_in=width_in, height_in=height_in, dpi=dpi, layout=layout)
    # A cache that cannot be written costs time on the next build, never the build itself.
    with contextlib.suppress(OSError):
        cache.put(key, png)
    return png


@functools.cache
def drawing_version() -> str:
    """deckgen, the drawing code and matplotlib: a change in any of them redraws every chart."""
    from deckgen.jobs.versions import installed_versions  # the install's metadata: no import

    mpl = installed_versions(["matplotlib"])["matplotlib"]
    if mpl == "absent":
        mpl = "unknown"
    return f"deckgen {deckgen.__version__}; draw {DRAW_REVISION}; matplotlib {mpl}"


def _draw(
    data: ChartData,
    *,
    style: ChartStyle,
    width_in: float,
    height_in: float,
    dpi: int,
    layout: ChartLayout | None,
) -> bytes:
    from deckgen.charts.draw import draw_png

    return draw_png(data, style=style, width_in=width_in, height_in=height_in, dpi=dpi, layout=layout)


def _canonical(value: object) -> object:
    """Plain JSON values, the same for equal inputs: dataclasses as typed dicts, enums as values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: _canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"@": type(value).__name__, **fields}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if isinstance(value, float):
        return repr(value)  # "1.0" and "1" must not collide with the int 1 in another field
    if value is None or isinstance(value, (str, int, bool)):
        return value
    return str(value)
