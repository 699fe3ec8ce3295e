"""The README's pictures: the training brief's deck in three templates, one contact sheet each.

Run from anywhere: ``python docs/make_gallery.py``. It needs LibreOffice and poppler (as
``deckgen preview`` does), builds ``briefs/southern-flank-training.yaml`` in deckgen's own template
and in two of LibreOffice's Impress templates (converted to .pptx by ``tests/corpus.py``, cached),
renders every slide and writes ``docs/images/gallery-<template>.png``. Name other templates on the
command line to try them (``python docs/make_gallery.py Candy Vivid``): the sheets go to the same
folder under the same naming.
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for tests.corpus and the brief-copying helper

from deckgen.export.preview import contact_sheet, render_slides  # noqa: E402
from tests.corpus import converted_templates  # noqa: E402
from tests.test_template_corpus import brief_in  # noqa: E402

BRIEF = "southern-flank-training"
# deckgen's shipped template, then two of LibreOffice's Impress templates.
TEMPLATES = ("default", "Blue_Curve", "DNA")
OUT = ROOT / "docs" / "images"
DPI = 60  # slides about 600 px wide, shrunk to the sheet's 400 px tiles
MAX_BYTES = 600_000


def slug(template: str) -> str:
    return template.lower().replace("_", "-").replace(" ", "-")


def sheet_for(template: str, work: Path) -> tuple[bytes, list[str]]:
    """The contact sheet of the training deck in ``template``, headed with the template's name,
    and the warnings the build gave (charts drawn with less than they should show, say)."""
    if template == "default":
        brief = ROOT / "briefs" / f"{BRIEF}.yaml"
        label = "deckgen's default template"
    else:
        corpus = converted_templates()
        if template not in corpus:
            raise SystemExit(f"no Impress template {template!r}; there are: {', '.join(sorted(corpus))}")
        brief = brief_in(BRIEF, template, corpus[template], work / "briefs-in")
        label = f"LibreOffice's {template.replace('_', ' ')} template"
    rendered = render_slides(brief, work / slug(template), dpi=DPI)
    plan = replace(
        rendered.plan, meta=replace(rendered.plan.meta, title=f"{rendered.plan.meta.title} · {label}")
    )
    warnings = [f"{d.code}: {d.message}" for d in rendered.diagnostics]
    return small_png(contact_sheet(plan, rendered.pages)), warnings


def small_png(data: bytes) -> bytes:
    """The sheet as an optimised PNG; with a 256-colour palette when the full-colour one is too big."""
    if len(data) <= MAX_BYTES:
        return data
    with Image.open(io.BytesIO(data)) as image:
        paletted = image.convert("RGB").quantize(
            colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
    buffer = io.BytesIO()
    paletted.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for template in argv or TEMPLATES:
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="deckgen-gallery-") as tmp:
            data, warnings = sheet_for(template, Path(tmp))
        target = OUT / f"gallery-{slug(template)}.png"
        target.write_bytes(data)
        with Image.open(target) as image:
            width, height = image.size
        big = f" (over {MAX_BYTES // 1000} KB: too big for the README)" if len(data) > MAX_BYTES else ""
        print(
            f"{target.relative_to(ROOT)}: {width} x {height} px, {len(data) // 1000} KB{big}, "
            f"{time.perf_counter() - started:.0f} s, {len(warnings)} warnings"
        )
        for warning in warnings:
            print(f"  {warning}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
