"""Fixtures for the renderer tests: a hand-built plan with one slide of every content type.

The renderer measures nothing: a hand-built plan is placed on its template (``placed``), as the
planner places a brief's plan, before it is rendered.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from deckgen.core.assets import default_template_path
from deckgen.plan.model import (
    Bullet,
    BulletsContent,
    Column,
    DeckMeta,
    DeckPlan,
    ImageContent,
    Layout,
    NoteBlock,
    NoteKind,
    QuoteContent,
    SectionContent,
    SlidePlan,
    TitleContent,
    TwoColumnContent,
)
from deckgen.plan.placement import place_deck
from deckgen.render import render_deck, template_geometry
from deckgen.resolve.resolver import picture_size

MARKING = "NATO UNCLASSIFIED \u2013 FOR TRAINING USE ONLY"
ALT = "Bar chart: Russian military presence in six Sahel states, 2015 to 2022, rising in four."
QUOTE = (
    "Unfortunately, Russia seems to be winning this race. Its strategy in the south is cheap, "
    "opportunistic and effective."
)
ATTRIBUTION = "Liana Fix and Kristina Kausch, Foreign Policy, May 2022"
IMAGE_NAME = "secret-draft-figure-17.png"
TRAINEE_TEXT = "Trainees: read the Foreign Policy article before the syndicate discussion."


def presenter(text: str) -> tuple[NoteBlock, ...]:
    """Speaker notes as the planner types the brief's ``notes``."""
    return (NoteBlock(NoteKind.PRESENTER, text),)


def placed(plan: DeckPlan) -> DeckPlan:
    """``plan`` placed on its template's geometry: every size and box decided, ready to render."""
    return place_deck(plan, template_geometry(plan.template, plan.layout_names))[0]


def sample_image(path: Path) -> Path:
    """A 1200x700 PNG with a few bars, so a render shows where the picture landed."""
    image = Image.new("RGB", (1200, 700), "white")
    draw = ImageDraw.Draw(image)
    for n, height in enumerate((220, 380, 300, 520, 440, 610)):
        left = 90 + n * 180
        draw.rectangle((left, 660 - height, left + 120, 660), fill=(19, 41, 75))
    draw.line((60, 660, 1150, 660), fill=(26, 26, 26), width=4)
    image.save(path, format="PNG")
    return path


def pixels(image: Path) -> tuple[int, int]:
    """The picture's size in pixels, as the resolver reads it for ``ImageContent.size_px``."""
    size = picture_size(image)
    assert size is not None, f"not a picture: {image}"
    return size


def sample_meta() -> DeckMeta:
    return DeckMeta(
        title="Russia and NATO's Southern Flank",
        subtitle="One arena, two flanks",
        author="Course directing staff",
        subject="Southern flank briefing",
        keywords="NATO; Sahel; Libya",
        marking=MARKING,
        language="en-GB",
        date="2022-06-20",
    )


def sample_plan(image: Path, *, template: Path | None = None) -> DeckPlan:
    """Every content type, unplaced (``placed`` places it). ``image`` must be a readable picture."""
    slides = (
        SlidePlan(
            kind="title",
            layout=Layout.TITLE,
            title="Russia and NATO's Southern Flank",
            content=TitleContent(
                subtitle="One arena, two flanks",
                lines=("Course directing staff", "Course participants", "20 June 2022"),
            ),
            notes=(
                NoteBlock(NoteKind.PRESENTER, "Welcome the group.\nIntroduce the directing staff."),
                NoteBlock(NoteKind.FACILITATOR, "Allow five minutes for introductions."),
            ),
        ),
        SlidePlan(
            kind="section",
            layout=Layout.SECTION,
            title="The Sahel",
            content=SectionContent(text="Where Russia found its opening", number=2),
            notes=(NoteBlock(NoteKind.TRAINEE, TRAINEE_TEXT),),  # the handout's: no speaker notes
        ),
        SlidePlan(
            kind="bullets",
            layout=Layout.CONTENT,
            title="Libya and the Mediterranean",
            content=BulletsContent(
                bullets=(
                    Bullet("Russia's presence in Libya gives it a foothold on NATO's southern shore"),
                    Bullet("Wagner forces arrived in 2019", level=1),
                    Bullet("Air defence and fighter aircraft followed", level=2),
                    Bullet("Deployed through third countries", level=3),
                    Bullet("Deniable by design", level=4),
                    Bullet("Migration and energy give Moscow leverage over Europe"),
                ),
            ),
            notes=presenter("Point to the map on the next slide."),
            source_line="Source: Fix & Kausch, Foreign Policy, May 2022",
        ),
        SlidePlan(
            kind="quote",
            layout=Layout.TITLE_ONLY,
            title="Who is winning?",
            content=QuoteContent(
                text=QUOTE,
                attribution=ATTRIBUTION,
                context="The authors on the contest for influence in the south:",
            ),
            notes=(
                NoteBlock(NoteKind.PRESENTER, "Ask whether the group agrees."),
                NoteBlock(NoteKind.TRAINEE, TRAINEE_TEXT),
            ),
            source_line="Source: Fix & Kausch, Foreign Policy, May 2022",
        ),
        SlidePlan(
            kind="comparison",
            layout=Layout.TWO_COLUMN,
            title="Two flanks, one arena",
            content=TwoColumnContent(
                left=Column(
                    "Eastern flank",
                    (Bullet("Conventional deterrence"), Bullet("Forward presence", level=1)),
                ),
                right=Column(
                    "Southern flank",
                    (Bullet("Hybrid competition"), Bullet("Partners, not allies", level=1)),
                ),
            ),
        ),
        SlidePlan(
            kind="image",
            layout=Layout.TITLE_ONLY,
            title="Russian presence in the Sahel",
            content=ImageContent(
                path=image, alt=ALT, caption="Illustrative figure, not to scale", size_px=pixels(image)
            ),
            source_line="Figure: course staff",
        ),
        SlidePlan(
            kind="bullets",
            layout=Layout.CONTENT,
            title="Key takeaways for the syndicate discussion and the final exercise",
            content=BulletsContent(
                bullets=tuple(
                    Bullet(
                        f"Takeaway {n}: the southern flank is an arena of competition in which "
                        "Russia acts cheaply and opportunistically",
                        level=(n + 1) % 2,
                    )
                    for n in range(1, 8)
                ),
            ),
        ),
    )
    return DeckPlan(meta=sample_meta(), template=template or default_template_path(), slides=slides)


@pytest.fixture(scope="module")
def deck_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("render")


@pytest.fixture(scope="module")
def plan(deck_dir: Path) -> DeckPlan:
    return sample_plan(sample_image(deck_dir / IMAGE_NAME))


@pytest.fixture(scope="module")
def placed_plan(plan: DeckPlan) -> DeckPlan:
    return placed(plan)


@pytest.fixture(scope="module")
def deck(placed_plan: DeckPlan, deck_dir: Path) -> Path:
    path = deck_dir / "deck.pptx"
    path.write_bytes(render_deck(placed_plan))
    return path
