"""Rendering a whole DeckPlan: template checks first, then one slide per plan entry, then bytes."""

from __future__ import annotations

import io
from typing import BinaryIO

from pptx.parts.image import Image

from deckgen.charts.cache import ChartCache
from deckgen.core.errors import DeckgenError, Diagnostic, Loc
from deckgen.core.files import FileProblem, read_bytes
from deckgen.plan.model import DeckPlan, ImageContent, Layout
from deckgen.render.fill.footer import draw_footer
from deckgen.render.fill.newslides import NewSlides
from deckgen.render.fill.notes import NotesPages
from deckgen.render.fill.slides import RenderContext, render_slide
from deckgen.render.fill.text import write_notes
from deckgen.render.package.partnames import fast_partnames
from deckgen.render.package.save import (
    build_date,
    deck_writer,
    list_notes_master,
    reset_app_properties,
    set_core_properties,
    write_deck,
)
from deckgen.render.template.checks import (
    check_layouts,
    find_layout,
    layout_names_for,
    open_template,
    remove_slides,
)
from deckgen.render.template.measure import chart_style_for


def render_deck(plan: DeckPlan, *, chart_cache: ChartCache | None = None) -> bytes:
    """The .pptx bytes for ``plan``; the same plan always gives the same bytes.

    Raises DeckgenError, before building anything, when the template lacks a layout or
    placeholder the plan needs or a picture cannot be read.
    """
    out = io.BytesIO()
    render_deck_to(plan, out, chart_cache=chart_cache)
    return out.getvalue()


def render_deck_to(plan: DeckPlan, into: BinaryIO, *, chart_cache: ChartCache | None = None) -> None:
    """Write the .pptx for ``plan`` into the seekable stream ``into`` (a deck's temporary file,
    so that no copy of a large deck is held in memory); the bytes of ``render_deck``.

    Raises DeckgenError, before writing anything, when the template lacks a layout or
    placeholder the plan needs or a picture cannot be read.
    """
    prs = open_template(plan.template)
    names = layout_names_for(plan)
    used: dict[Layout, str] = {}
    for slide_plan in plan.slides:
        used.setdefault(slide_plan.layout, names[slide_plan.layout])
    problems = check_layouts(prs, plan.template, used) + check_pictures(plan)
    if problems:
        raise DeckgenError(problems)
    # A layout the template cannot serve leaves its slides unplaced: reported just above.
    unplaced = [n for n, slide in enumerate(plan.slides, 1) if slide.footer is None]
    if unplaced:
        raise ValueError(
            f"slides {unplaced[:5]} of the plan were never placed: place the plan on its template "
            "(deckgen.plan.placement.place_deck) before rendering"
        )

    layouts = {role: find_layout(prs, name, role) for role, name in used.items()}  # reads its slides
    remove_slides(prs)
    ctx = RenderContext(
        lang=plan.meta.language or "en-GB",
        slide_width=int(prs.slide_width or 0),
        slide_height=int(prs.slide_height or 0),
        chart_style=chart_style_for(prs),
        chart_cache=chart_cache,
    )
    slides = NewSlides(prs)
    writer = deck_writer(build_date(plan.meta))
    pages = NotesPages()  # each notes slide a copy of the deck's first
    with fast_partnames(prs):  # python-pptx names each new part by walking the whole package
        for number, slide_plan in enumerate(plan.slides, start=1):
            layout = layouts[slide_plan.layout]
            assert layout is not None  # check_layouts found every used layout
            slide = slides.add(layout)
            render_slide(slide, slide_plan, ctx)
            assert slide_plan.footer is not None  # every slide was checked above
            draw_footer(
                slide,
                slide_plan.footer,
                marking=plan.meta.marking,
                source_line=slide_plan.source_line,
                number=number,
                lang=ctx.lang,
            )
            notes = slide_plan.speaker_notes
            if notes.strip():
                write_notes(pages.notes_frame(slide), notes, lang=ctx.lang)
            writer.finish_slide(slide.part)  # compressed now: its XML trees go with this loop

    list_notes_master(prs)
    set_core_properties(prs, plan.meta)
    reset_app_properties(prs)
    write_deck(prs, writer, into)


def check_pictures(plan: DeckPlan) -> tuple[Diagnostic, ...]:
    """Every picture must be readable and in a format PowerPoint shows, before any slide is made."""
    problems = []
    for slide_plan in plan.slides:
        content = slide_plan.content
        if not isinstance(content, ImageContent):
            continue
        try:
            blob = read_bytes(content.path, "image")  # a regular file within the picture limit
        except FileProblem as exc:
            reason = exc.message
        else:
            if is_showable_picture(blob):
                continue
            reason = "not a picture PowerPoint can show"
        problems.append(
            Diagnostic(
                Loc(str(content.path)),
                "image-unreadable",
                f"cannot read the picture for {slide_plan.name}: {reason}",
                hint="use a PNG or JPEG file",
                key=f"{slide_plan.key}.image",
            )
        )
    return tuple(problems)


def is_showable_picture(blob: bytes) -> bool:
    """True when python-pptx can read the picture's format and pixel size (it asks Pillow)."""
    try:
        image = Image.from_blob(blob)
        width, height = image.size
        return width > 0 and height > 0 and bool(image.content_type)
    except Exception:  # Pillow and python-pptx raise many types for a bad file; all mean "no"
        return False
