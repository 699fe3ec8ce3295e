"""Naming new package parts in O(1) while a deck renders, with exactly python-pptx's names.

Why this exists: python-pptx 1.0.2 names every new part by walking the whole package.
``OpcPackage.next_partname`` (a notes slide, a chart, a chart's workbook, a notes master's theme)
calls ``iter_parts()``; ``Package.next_image_partname`` does the same for every new picture, and
``Package.get_or_add_image_part`` first walks every relationship to look for a picture with the
same SHA1. Each walk visits every part, so a deck whose slides have notes or charts costs O(N²)
in its slide count. Upstream knows (python-pptx issue #644); the fix (PR #646) was never merged.

What it does: ``fast_partnames(prs)`` walks the package once, on the first new part, then keeps
the partnames per prefix, the picture numbers and the pictures by SHA1 up to date as it hands out
new names. It computes each name with python-pptx's own rules, so the bytes of the deck do not
change: ``/ppt/notesSlides/notesSlide1.xml`` and on, contiguous, pictures filling the first gap.

What it assumes about python-pptx internals (checked by ``tests/render/test_partnames.py``,
which fails on an upgrade that breaks any of them):

- python-pptx's part constructors call ``next_partname(tmpl)``, ``next_image_partname(ext)`` and
  ``get_or_add_image_part(image_file)`` on the package *instance*, so instance attributes shadow
  the methods for this one package and nothing else; leaving the block deletes them again.
- Every part that joins the package with a prefix we count is named through those methods, and
  becomes reachable (related) before the next name with the same prefix is asked for. Slides are
  named from the slide-id list, and the slide loop adds no other parts.
- No part is removed or renamed under a counted prefix during the block.

A broken assumption could hand out a partname twice, so leaving the block walks the package once
more and raises if two parts share a name, rather than write a corrupt file.

The same block also relates each new slide to the presentation and numbers its slide id in O(1)
(python-pptx otherwise rescans every slide's relationship and id per slide): see fastrels.py.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.package import Package
from pptx.parts.image import Image, ImagePart
from pptx.presentation import Presentation as PresentationT

from deckgen.render.package.fastrels import FastSlides

IMAGE_PREFIX = "/ppt/media/image"  # Package.next_image_partname's prefix
# The package methods the workaround shadows on one package instance while a block is active.
PATCHED = ("next_partname", "next_image_partname", "get_or_add_image_part")


class PartNamer:
    """Names new parts for one package as python-pptx 1.0.2 would, without walking the package."""

    def __init__(self, package: Package) -> None:
        self._package = package
        self._seeded = False
        self._names: list[str] = []  # every partname: the package's at seeding, then each new one
        self._by_prefix: dict[str, set[str]] = {}  # built on a prefix's first use, then kept current
        self._image_idxs: list[int] = []  # sorted, duplicates kept, as python-pptx's list has them
        self._image_gap = 0  # image_idxs[i] <= i + 1 for every i below this: no gap before it
        self._seed_images: list[Part] = []  # image parts at seeding, in python-pptx's search order
        self._images_by_sha1: dict[str, ImagePart] | None = None

    def next_partname(self, tmpl: str) -> PackURI:
        """``OpcPackage.next_partname``: the highest free ``tmpl % n`` for n <= count + 1."""
        prefix = tmpl[: (tmpl % 42).find("42")]
        names = self._names_with(prefix)
        # Same loop as python-pptx, over a set kept current instead of one rebuilt by a walk;
        # when the names are contiguous it stops at the first candidate.
        for n in range(len(names) + 1, 0, -1):
            candidate = tmpl % n
            if candidate not in names:
                self._claim(candidate)
                return PackURI(candidate)
        raise AssertionError(f"no free partname for {tmpl!r}")  # n = 1 .. count + 1 cannot all be taken

    def next_image_partname(self, ext: str) -> PackURI:
        """``Package.next_image_partname``: the first gap in the picture numbers, else count + 1."""
        self._seed()
        idxs, i = self._image_idxs, self._image_gap
        # python-pptx scans its sorted numbers from the start each time; the prefix already
        # scanned stays gap-free as new numbers go in at the gap, so resume where the last scan stopped.
        while i < len(idxs) and idxs[i] <= i + 1:
            i += 1
        self._image_gap = i
        name = PackURI(f"/ppt/media/image{i + 1}.{ext}")
        self._claim(name)
        return name

    def get_or_add_image_part(self, image_file: str | IO[bytes]) -> ImagePart:
        """``Package.get_or_add_image_part``: identical pictures (same SHA1) share one part."""
        image = Image.from_file(image_file)
        images = self._images()
        part = images.get(image.sha1)
        if part is None:
            part = ImagePart.new(self._package, image)  # names it through next_image_partname
            images[image.sha1] = part
        return part

    def check_unique(self) -> None:
        """Raise if two parts share a partname: the package would be corrupt."""
        counts = Counter(str(part.partname) for part in self._package.iter_parts())
        clashes = sorted(name for name, count in counts.items() if count > 1)
        if clashes:
            raise RuntimeError(
                f"two parts share a partname ({', '.join(clashes[:5])}), so the deck would be "
                "corrupt; if python-pptx was upgraded, see deckgen/render/package/partnames.py"
            )

    def _seed(self) -> None:
        """One walk over the package, in ``iter_rels`` order as python-pptx's own searches go."""
        if self._seeded:
            return
        self._seeded = True
        seen: set[Part] = set()
        seen_images: set[Part] = set()
        for rel in self._package.iter_rels():
            if rel.is_external:
                continue
            part = rel.target_part
            if rel.reltype == RT.IMAGE and part not in seen_images:
                seen_images.add(part)
                self._seed_images.append(part)
            if part not in seen:
                seen.add(part)
                self._claim(part.partname)

    def _claim(self, name: str) -> None:
        """Record a partname as taken, in every tally it belongs to."""
        self._names.append(name)
        for prefix, names in self._by_prefix.items():
            if name.startswith(prefix):
                names.add(name)
        if name.startswith(IMAGE_PREFIX):
            idx = PackURI(name).idx
            if idx is not None:
                bisect.insort(self._image_idxs, idx)

    def _names_with(self, prefix: str) -> set[str]:
        self._seed()
        names = self._by_prefix.get(prefix)
        if names is None:  # once per distinct prefix: notes slides, charts, workbooks, themes
            names = self._by_prefix[prefix] = {n for n in self._names if n.startswith(prefix)}
        return names

    def _images(self) -> dict[str, ImagePart]:
        if self._images_by_sha1 is None:
            self._seed()
            images: dict[str, ImagePart] = {}
            for part in self._seed_images:
                # python-pptx skips image parts it cannot hash (an SVG) and takes the first match.
                sha1 = getattr(part, "sha1", None)
                if isinstance(sha1, str):
                    images.setdefault(sha1, part)  # type: ignore[arg-type]
            self._images_by_sha1 = images
        return self._images_by_sha1


@contextmanager
def fast_partnames(prs: PresentationT) -> Iterator[PartNamer]:
    """While active, ``prs``'s package names new parts, and relates and numbers new slides, in O(1).

    python-pptx's methods come back on exit. Only this presentation's package, presentation part and
    slide list change, so other renders in the process are untouched. Nested blocks on one
    presentation share the outer namer.
    """
    package: Package = prs.part.package
    own = vars(package)
    active = getattr(own.get("next_partname"), "__self__", None)
    if isinstance(active, PartNamer):
        yield active
        return
    namer = PartNamer(package)
    slides = FastSlides(prs.part)
    saved = {name: own[name] for name in PATCHED if name in own}
    for name in PATCHED:
        setattr(package, name, getattr(namer, name))
    try:
        slides.install()
        yield namer
        namer.check_unique()
        slides.check()
    finally:
        slides.restore()
        for name in PATCHED:
            if name in saved:
                own[name] = saved[name]
            else:
                own.pop(name, None)
