"""The handling marking reads on every slide: where a template's art crosses its box, it is
black on a white plate; where one colour lies behind it, the theme's colours serve as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from deckgen import api
from tests.examples import example_in_template


def markings(deck: Path) -> list[tuple[int, str, str | None, list[str | None]]]:
    """(slide, name, plate colour, run colours) of every marking in ``deck``."""
    out = []
    for n, slide in enumerate(Presentation(str(deck)).slides, 1):
        for shape in slide.shapes:
            if shape.name.startswith("Marking"):
                fill = shape._element.spPr.find(f"{qn('a:solidFill')}/{qn('a:srgbClr')}")
                runs = [
                    (run._r.find(f"{qn('a:rPr')}/{qn('a:solidFill')}/{qn('a:srgbClr')}"))
                    for para in shape.text_frame.paragraphs
                    for run in para.runs
                ]
                colours = [None if r is None else r.get("val") for r in runs]
                out.append((n, shape.name, None if fill is None else fill.get("val"), colours))
    return out


def build(template: Path | None, folder: Path) -> Path:
    brief = example_in_template("southern-flank-readahead", template, folder)
    return api.build(brief, output=folder / "deck.pptx", force=True).output


def test_sunsets_striped_frame_gets_a_plate_under_the_top_marking(
    impress_corpus: dict[str, Path], tmp_path: Path
) -> None:
    found = markings(build(impress_corpus["Sunset"], tmp_path))
    tops = [m for m in found if m[1] == "Marking (top)"]
    assert tops and all(plate == "FFFFFF" and colours == ["000000"] for _, _, plate, colours in tops)


@pytest.mark.parametrize("template", [None, "corporate"])
def test_one_colour_behind_the_marking_needs_no_plate(template: str | None, tmp_path: Path) -> None:
    path = (
        None
        if template is None
        else Path(__file__).resolve().parent.parent / "templates" / f"{template}.pptx"
    )
    found = markings(build(path, tmp_path))
    assert found and all(plate is None for _, _, plate, _ in found)
