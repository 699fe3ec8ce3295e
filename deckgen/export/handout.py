"""Trainee handouts: the deck's slides and notes, without facilitator material, as a PDF."""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from deckgen import api
from deckgen.core.errors import Diagnostic
from deckgen.export import office
from deckgen.export.fodt import document, paragraph, picture, plain_text
from deckgen.export.preview import Progress, render_slides, silent
from deckgen.jobs.output import write_atomic
from deckgen.plan import DeckPlan
from deckgen.plan.model import (
    TRAINEE_KINDS,
    Bullet,
    BulletsContent,
    ChartContent,
    ImageContent,
    NoteKind,
    QuoteContent,
    SectionContent,
    SlideContent,
    SlidePlan,
    TitleContent,
    TwoColumnContent,
)

IMAGE_DPI = 110

# A trainee handout goes to the people the knowledge checks test and the exercises train: it
# prints only the note blocks meant for them (the brief's `handout:` text, citations and
# evidence), never the presenter's notes, facilitator guidance or answers.
_EVIDENCE_TITLE = "Evidence behind the charts"
_TEACHING = frozenset({"check", "discussion", "scenario", "timing"})  # kinds with withheld material


@dataclass(frozen=True)
class HandoutResult:
    brief: Path
    output: Path
    pages: int
    slides: int  # deck slides in the handout, as pictures, text, part headings or sources
    withheld: tuple[int, ...]  # deck numbers of answer and directing-staff slides left out
    images: bool
    diagnostics: tuple[Diagnostic, ...]
    seconds: float


def default_handout_path(brief: Path) -> Path:
    return Path("handouts") / f"{brief.stem}.pdf"


def handout(
    brief: Path,
    *,
    output: Path | None = None,
    sources_dir: Path | None = None,
    images: bool = True,
    dpi: int = IMAGE_DPI,
    timeout: float = office.DEFAULT_TIMEOUT,
    progress: Progress = silent,
) -> HandoutResult:
    """Write a trainee handout for ``brief`` as a PDF at ``output``, atomically.

    Raises ``DeckgenError`` for problems in the brief. Without LibreOffice (or, for slide
    pictures, poppler) the handout document is written next to ``output`` as ``.fodt`` and
    ``OfficeMissing`` says how to turn it into the PDF.
    """
    started = time.perf_counter()
    target = output or default_handout_path(brief)
    with tempfile.TemporaryDirectory(prefix="deckgen-handout-") as tmp:
        work = Path(tmp)
        _need_office(brief, target, images=images, sources_dir=sources_dir)
        if images:
            rendered = render_slides(
                brief, work, dpi=dpi, sources_dir=sources_dir, timeout=timeout, progress=progress
            )
            plan, diagnostics = rendered.plan, rendered.diagnostics
            pictures: tuple[Path, ...] | None = rendered.pages
        else:
            checked = api.check(brief, sources_dir=sources_dir)
            plan, diagnostics, pictures = checked.plan, checked.diagnostics, None
        document = handout_document(plan, pictures=pictures)
        progress("writing the handout PDF with LibreOffice…")
        pages = _write_pdf(document, target, work, timeout=timeout)
    withheld = tuple(n for n, slide in enumerate(plan.slides, 1) if slide.withheld is not None)
    return HandoutResult(
        brief=brief,
        output=target,
        pages=pages,
        slides=len(plan.slides) - len(withheld),
        withheld=withheld,
        images=images,
        diagnostics=diagnostics,
        seconds=time.perf_counter() - started,
    )


def _need_office(brief: Path, target: Path, *, images: bool, sources_dir: Path | None) -> None:
    """Raise ``OfficeMissing`` without LibreOffice or poppler, leaving the handout document behind."""
    try:
        office.find_soffice()
        for tool in ("pdfinfo", "pdftoppm") if images else ("pdfinfo",):
            office.find_poppler(tool)
    except office.OfficeMissing as missing:
        checked = api.check(brief, sources_dir=sources_dir)
        kept = _keep_document(target, handout_document(checked.plan, pictures=None))
        text = " (slide text in place of slide pictures)" if images else ""
        raise office.OfficeMissing(
            f"{missing}. No PDF written; the handout document is at {kept}{text}. To get the "
            f"PDF, run this command again once LibreOffice is available, or convert the document: "
            f"soffice --headless --convert-to pdf --outdir {target.parent} {kept}"
        ) from None


def _write_pdf(document: str, target: Path, work: Path, *, timeout: float) -> int:
    """Convert the handout document to ``target`` atomically; its page count. On failure the
    document is kept beside ``target`` and the error says where."""
    source = work / f"{target.stem}.fodt"
    source.write_text(document, encoding="utf-8")
    try:
        pdf = office.convert_to_pdf(source, work / "pdf", timeout=timeout)
        pages = office.pdf_page_count(pdf)
    except office.OfficeError as failed:
        kept = _keep_document(target, document)
        raise type(failed)(f"{failed}; the handout document is at {kept}") from None
    write_atomic(target, pdf.read_bytes())
    return pages


def trainee_notes(slide: SlidePlan) -> tuple[str, list[str]]:
    """The notes a trainee may read, and the evidence entries of the slide's charts.

    A chart's evidence is replaced by a pointer to the appendix: every chart lists the records
    behind it, a deck's charts share most of them, and printed under each chart the same lists
    would fill pages after every chart.
    """
    kept: list[str] = []
    entries: list[str] = []
    for block in slide.notes:
        if block.kind not in TRAINEE_KINDS or not block.text:
            continue
        if block.kind is NoteKind.EVIDENCE:
            count = f"{len(block.entries)} record{'s' if len(block.entries) != 1 else ''}"
            kept.append(
                f"Evidence for this chart: {count}, listed under \u201c{_EVIDENCE_TITLE}\u201d at the end."
            )
            entries.extend(block.entries)
        else:
            kept.append(block.text)
    return "\n\n".join(kept), entries


def handout_document(plan: DeckPlan, *, pictures: tuple[Path, ...] | None) -> str:
    """The handout as flat OpenDocument text; ``pictures`` holds one PNG per slide, or None."""
    body = _cover(plan)
    sources: list[SlidePlan] = []
    evidence: dict[str, None] = {}  # an ordered set: a deck's charts share most of their records
    for number, slide in enumerate(plan.slides, 1):
        notes, items = trainee_notes(slide)
        evidence.update(dict.fromkeys(items))
        if slide.withheld is not None:
            reason = slide.withheld.value
            body.append(
                paragraph("Withheld", f"Slide {number}, {slide.title}, is not reproduced here: {reason}.")
            )
            continue
        if slide.kind == "sources":
            sources.append(slide)
            continue
        if slide.kind == "section" and isinstance(slide.content, SectionContent):
            part = f"Part {slide.content.number}: " if slide.content.number else ""
            body.append(paragraph("Part", f"{part}{slide.title}"))
            if slide.content.text:
                body.append(paragraph("PartText", slide.content.text))
        else:
            body.append(paragraph("SlideHeading", f"Slide {number} · {slide.title}"))
            if pictures is not None:
                body.append(_picture(pictures[number - 1], number, slide))
            else:
                body.extend([*_slide_text(slide.content), paragraph("BoxEnd", "")])
        body.extend(_notes(notes))
    for slide in sources:
        body.append(paragraph("Appendix", slide.title or "Sources"))
        if isinstance(slide.content, BulletsContent):
            body.extend(paragraph(f"Source{min(b.level, 1)}", b.text) for b in slide.content.bullets)
        body.extend(_notes(trainee_notes(slide)[0]))
    if evidence:
        body.append(paragraph("Appendix", _EVIDENCE_TITLE))
        body.append(paragraph("PartText", "Every record counted in the charts, with the sources behind it."))
        body.extend(_notes("\n".join(evidence)))
    meta = plan.meta
    return document(title=meta.title, language=meta.language, marking=meta.marking, body=body)


def _cover(plan: DeckPlan) -> list[str]:
    meta = plan.meta
    out = [paragraph("CoverKicker", "Handout"), paragraph("CoverTitle", meta.title)]
    if meta.subtitle:
        out.append(paragraph("CoverSubtitle", meta.subtitle))
    details = [meta.author, f"For: {meta.subject}" if meta.subject else "", _long_date(meta.date)]
    out.extend(paragraph("CoverLine", line) for line in details if line)
    if meta.marking:
        out.append(paragraph("CoverMarking", meta.marking))
    note = "Slide numbers follow the deck shown in the session."
    if any(slide.kind in _TEACHING for slide in plan.slides):
        note += " Knowledge-check answers and facilitator guidance are given in the session, not here."
    out.append(paragraph("CoverNote", note))
    return out


def _picture(png: Path, number: int, slide: SlidePlan) -> str:
    content = slide.content
    alt = content.alt if isinstance(content, ImageContent | ChartContent) else _plain(slide)
    return picture(png, name=f"Slide {number}", title=f"Slide {number}: {slide.title}", desc=alt)


def _plain(slide: SlidePlan) -> str:
    """A slide's words on one line: the alternative text of its picture."""
    return plain_text(_slide_text(slide.content)) or slide.title


def _slide_text(content: SlideContent) -> list[str]:
    """A slide's words as paragraphs, for handouts without slide pictures."""
    if isinstance(content, TitleContent):
        return [paragraph("Lead", content.subtitle), *(paragraph("Body", line) for line in content.lines)]
    if isinstance(content, SectionContent):
        return [paragraph("Lead", content.text)] if content.text else []
    if isinstance(content, BulletsContent):
        lead = [paragraph("Lead", content.lead)] if content.lead else []
        return lead + _bullets(content.bullets)
    if isinstance(content, QuoteContent):
        context = [paragraph("Body", content.context)] if content.context else []
        return [
            *context,
            paragraph("Quote", f"“{content.text}”"),
            paragraph("Attribution", f"— {content.attribution}"),
        ]
    if isinstance(content, TwoColumnContent):
        out: list[str] = []
        for column in (content.left, content.right):
            out.append(paragraph("ColumnHeading", column.heading))
            out.extend(_bullets(column.bullets))
        return out
    kind = "Image" if isinstance(content, ImageContent) else "Chart"
    caption = [paragraph("Lead", content.caption)] if content.caption else []
    return [*caption, paragraph("Body", f"{kind}: {content.alt}")]


def _bullets(bullets: tuple[Bullet, ...]) -> list[str]:
    def marked(b: Bullet) -> str:
        return b.text if not b.marker else ("• " if b.level == 0 else "– ") + b.text

    return [paragraph(f"Bullet{min(b.level, 2)}", marked(b)) for b in bullets]


def _notes(notes: str) -> list[str]:
    """Notes as paragraphs: hard-wrapped prose rejoined; list items and their details kept."""
    out: list[tuple[str, str]] = []
    for block in notes.split("\n\n"):
        for index, line in enumerate(line for line in block.splitlines() if line.strip()):
            text = line.strip()
            # Authors wrap prose in YAML, but generated lists (sources, evidence) have one entry
            # per line: such a line is an item, indented, or follows a line ending in a colon.
            if line[:1].isspace():
                out.append(("NotesDetail", text))
            elif text.startswith("- "):
                out.append(("NotesItem", f"• {text[2:]}"))
            elif text.startswith("[") or (index > 0 and out[-1][1].endswith(":")):
                out.append(("NotesItem", text))
            elif index == 0 or not out:
                out.append(("NotesLabel" if text.endswith(":") else "Notes", text))
            else:
                out[-1] = (out[-1][0], f"{out[-1][1]} {text}")
    return [paragraph(style, text) for style, text in out]


def _long_date(iso: str) -> str:
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day:%B %Y}"


def _keep_document(target: Path, document: str) -> Path:
    """Write the handout document next to ``target``, for the user to convert later."""
    kept = target.with_suffix(".fodt")
    write_atomic(kept, document.encode("utf-8"))
    return kept
