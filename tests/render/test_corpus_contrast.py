"""Text deckgen colours stays readable on the backgrounds of templates no one on the project made:
Metropolis's blue picture and Candy's photograph of sweets, both LibreOffice Impress templates.

Read back from the .pptx with the helpers of ``tests/test_accessibility.py``; where the slide's
background is a picture (the master's background fill or a full-slide picture on the master),
the colour behind a run is the picture's average colour over the run's shape, computed here
independently of the renderer.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from deckgen import api
from tests.examples import example_in_template
from tests.test_accessibility import NS, Theme, background_under, contrast, run_color, runs_of, text_shapes

MIN_CONTRAST = 4.5


def build_in(template: Path, name: str, folder: Path) -> Path:
    brief = example_in_template(name, template, folder)
    return api.build(brief, output=folder / f"{brief.stem}.pptx", force=True).output


# --- the colour behind a shape, pictures included --------------------------------------------


def picture_behind(slide: Any) -> Image.Image | None:
    """The picture the slide shows behind everything: the first background fill of the slide,
    layout or master that is a picture, or a picture on the master covering most of the slide."""
    layout = slide.slide_layout
    master = layout.slide_master
    for part in (slide, layout, master):
        blip = part._element.find("p:cSld/p:bg/p:bgPr/a:blipFill/a:blip", NS)
        if blip is not None:
            rid = blip.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed")
            return Image.open(io.BytesIO(part.part.related_part(rid).blob)).convert("RGB")
        if part._element.find("p:cSld/p:bg", NS) is not None:
            return None  # a solid or gradient background: background_under reads it
    prs_size = slide.part.package.presentation_part.presentation
    area = prs_size.slide_width * prs_size.slide_height
    parts = [layout] if layout._element.get("showMasterSp") == "0" else [master, layout]
    for part in parts:
        for shape in part.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE and shape.width * shape.height > area / 2:
                return Image.open(io.BytesIO(shape.image.blob)).convert("RGB")
    return None


def average_under(picture: Image.Image, slide: Any, shape: Any) -> str:
    """The picture's average colour over ``shape``, the picture stretched over the slide."""
    prs = slide.part.package.presentation_part.presentation
    sx, sy = picture.width / prs.slide_width, picture.height / prs.slide_height
    box = (
        max(0, int(shape.left * sx)),
        max(0, int(shape.top * sy)),
        min(picture.width, max(int((shape.left + shape.width) * sx), int(shape.left * sx) + 1)),
        min(picture.height, max(int((shape.top + shape.height) * sy), int(shape.top * sy) + 1)),
    )
    r, g, b = picture.crop(box).resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))  # type: ignore[misc]
    return f"{r:02X}{g:02X}{b:02X}"


def low_contrast_on_pictures(deck: Path) -> list[str]:
    """Runs below 4.5:1 against what is behind them, a picture's average colour included: the
    colours deckgen set on the run and the theme text colour the rest inherit (which is what
    LibreOffice draws them in)."""
    problems = []
    for number, slide in enumerate(Presentation(str(deck)).slides, 1):
        theme = Theme(slide)
        picture = picture_behind(slide)
        for shape in text_shapes(slide):
            behind = background_under(slide, shape, theme) if picture is None else ""
            if picture is not None:
                behind = average_under(picture, slide, shape)
            for para, rpr in runs_of(shape):
                ink = run_color(shape, para, rpr, theme)
                if (ratio := contrast(ink, behind)) < MIN_CONTRAST:
                    where = f"slide {number} {shape.name!r}: {para.text[:30]!r}"
                    problems.append(f"{where} #{ink} on #{behind} is {ratio:.2f}:1")
    return problems


# --- the decks ------------------------------------------------------------------------------

TEMPLATES = ("Metropolis", "Candy")
BRIEFS_BUILT = ("southern-flank-training", "southern-flank-readahead")


@pytest.fixture(scope="module")
def picture_decks(
    impress_corpus: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("picture-decks")
    return {
        f"{name}-{template}": build_in(impress_corpus[template], name, folder)
        for template in TEMPLATES
        for name in BRIEFS_BUILT
    }


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("name", BRIEFS_BUILT)
def test_text_reads_at_4_5_to_1_on_the_templates_pictures(
    picture_decks: dict[str, Path], name: str, template: str
) -> None:
    problems = low_contrast_on_pictures(picture_decks[f"{name}-{template}"])
    assert problems == [], "\n".join(problems[:12])


@pytest.mark.parametrize("template", TEMPLATES)
def test_the_background_is_a_picture(picture_decks: dict[str, Path], template: str) -> None:
    """The premise: the title slide and section dividers show a picture behind their text
    (Metropolis's blue one on its master, Candy's photograph as its title master's background;
    Candy's content slides are on its ribbon masters), and accent lines are on it."""
    deck = picture_decks[f"southern-flank-training-{template}"]
    slides = list(Presentation(str(deck)).slides)
    dividers = [s for s in slides if any(sh.text_frame.text.startswith("Part ") for sh in text_shapes(s))]
    assert len(dividers) == 5
    assert all(picture_behind(slide) is not None for slide in [slides[0], *dividers])


def test_accent_lines_on_a_dark_picture_are_lightened(picture_decks: dict[str, Path]) -> None:
    """Part N and the objectives' lead on Metropolis's blue: no longer the theme's mid blue
    (#376092 on #29599E was 1.08:1), but a light tint of it or the theme's light text."""
    prs = Presentation(str(picture_decks["southern-flank-training-Metropolis"]))
    for slide in prs.slides:
        for shape in text_shapes(slide):
            for para, rpr in runs_of(shape):
                if para.text.startswith("Part "):
                    colour = rpr.find("a:solidFill/a:schemeClr", NS)
                    assert colour is not None and colour.get("val") in ("accent1", "bg1"), para.text
                    assert contrast(run_color(shape, para, rpr, Theme(slide)), "29599E") >= MIN_CONTRAST
