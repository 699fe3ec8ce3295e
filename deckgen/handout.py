"""Trainee handouts: the deck's slides and notes, without facilitator material, as a PDF.

The handout is written as a flat OpenDocument text file (.fodt) that LibreOffice Writer turns
into PDF. Of the formats Writer can import, only OpenDocument keeps what a handout needs: a
master page whose header and footer carry the marking on every page, A4 page geometry, page
breaks and keep-with-next, and images embedded as base64 inside the one file. Writer's HTML
import ignores CSS paged media, so HTML cannot put the marking on every page. The .fodt is one
self-contained, plain XML file: when LibreOffice is missing, it is what the user gets, and
Writer or any OpenDocument editor opens it.
"""

from __future__ import annotations

import base64
import re
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr, unescape

from PIL import Image

from deckgen import api, office
from deckgen.errors import Diagnostic
from deckgen.output import write_atomic
from deckgen.plan import DeckPlan
from deckgen.plan.model import (
    Bullet,
    BulletsContent,
    ChartContent,
    ImageContent,
    QuoteContent,
    SectionContent,
    SlideContent,
    SlidePlan,
    TitleContent,
    TwoColumnContent,
)
from deckgen.preview import Progress, render_slides, silent

IMAGE_DPI = 110
IMAGE_WIDTH_CM = 16.0

# A trainee handout goes to the people the knowledge checks test and the exercises train, so
# it must not carry what only the facilitator should see: guidance on good answers, the
# directing staff's timing plan, and knowledge-check answers revealed in the notes. A notes
# paragraph is dropped from the first line that starts with one of these to its end.
_FACILITATOR_ONLY = (
    "Facilitator notes:",
    "Facilitator summary",
    "Answer:",
    "The answer is on the next slide",  # a cue for the presenter; that slide is withheld too
)
# The header of the evidence list that ``deckgen.plan.citations`` writes into chart notes.
_EVIDENCE = re.compile(r"Evidence for this chart \((\d+ records?)\):")
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
        source = work / f"{target.stem}.fodt"
        source.write_text(document, encoding="utf-8")
        progress("writing the handout PDF with LibreOffice…")
        try:
            pdf = office.convert_to_pdf(source, work / "pdf", timeout=timeout)
            pages = office.pdf_page_count(pdf)
        except office.OfficeError as failed:
            kept = _keep_document(target, document)
            raise type(failed)(f"{failed}; the handout document is at {kept}") from None
        write_atomic(target, pdf.read_bytes())
    withheld = tuple(n for n, slide in enumerate(plan.slides, 1) if withheld_reason(slide) is not None)
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


def trainee_notes(notes: str) -> str:
    """Speaker notes without facilitator-only paragraphs (see ``_FACILITATOR_ONLY``)."""
    kept: list[str] = []
    for block in re.split(r"\n[ \t]*\n", notes.strip()):
        lines: list[str] = []
        for line in block.splitlines():
            if line.lstrip().startswith(_FACILITATOR_ONLY):
                break
            lines.append(line)
        if any(line.strip() for line in lines):
            kept.append("\n".join(lines).rstrip())
    return "\n\n".join(kept)


def withheld_reason(slide: SlidePlan) -> str | None:
    """Why a slide stays out of a trainee handout, or None when it belongs in it."""
    content = slide.content
    # The answer slide that ``deckgen.plan.teaching.check_slides`` puts after a question.
    if (
        slide.kind == "check"
        and isinstance(content, BulletsContent)
        and content.bullets
        and content.bullets[0].text.startswith("Answer:")
    ):
        return "the answer is given in the session"
    if slide.kind == "timing":
        return "the timing plan is for the directing staff"
    return None


def handout_document(plan: DeckPlan, *, pictures: tuple[Path, ...] | None) -> str:
    """The handout as flat OpenDocument text; ``pictures`` holds one PNG per slide, or None."""
    body = _cover(plan)
    sources: list[SlidePlan] = []
    evidence: dict[str, None] = {}  # an ordered set: a deck's charts share most of their records
    for number, slide in enumerate(plan.slides, 1):
        notes, items = _split_evidence(trainee_notes(slide.notes))
        evidence.update(dict.fromkeys(items))
        reason = withheld_reason(slide)
        if reason is not None:
            body.append(_p("Withheld", f"Slide {number}, {slide.title}, is not reproduced here: {reason}."))
            continue
        if slide.kind == "sources":
            sources.append(slide)
            continue
        if slide.kind == "section" and isinstance(slide.content, SectionContent):
            part = f"Part {slide.content.number}: " if slide.content.number else ""
            body.append(_p("Part", f"{part}{slide.title}"))
            if slide.content.text:
                body.append(_p("PartText", slide.content.text))
        else:
            body.append(_p("SlideHeading", f"Slide {number} · {slide.title}"))
            if pictures is not None:
                body.append(_picture(pictures[number - 1], number, slide))
            else:
                body.extend([*_slide_text(slide.content), _p("BoxEnd", "")])
        body.extend(_notes(notes))
    for slide in sources:
        body.append(_p("Appendix", slide.title or "Sources"))
        if isinstance(slide.content, BulletsContent):
            body.extend(_p(f"Source{min(b.level, 1)}", b.text) for b in slide.content.bullets)
        body.extend(_notes(trainee_notes(slide.notes)))
    if evidence:
        body.append(_p("Appendix", _EVIDENCE_TITLE))
        body.append(_p("PartText", "Every record counted in the charts, with the sources behind it."))
        body.extend(_notes("\n".join(evidence)))
    meta = plan.meta
    marking = _p("Marking", meta.marking) if meta.marking else ""
    page = '<text:p text:style-name="PageNumber">Page <text:page-number text:select-page="current"/></text:p>'
    language, _, country = meta.language.partition("-")
    return _DOCUMENT.format(
        styles=_STYLES,
        title=escape(meta.title),
        language=escape(meta.language),
        locale=f"fo:language={quoteattr(language)}"
        + (f" fo:country={quoteattr(country)}" if country else ""),
        header=marking or "<text:p/>",
        footer=marking + page,
        body="\n".join(body),
    )


def _split_evidence(notes: str) -> tuple[str, list[str]]:
    """Move a chart's evidence list out of its notes, leaving a pointer to the appendix.

    Every chart lists the records behind it, and a deck's charts share most of them: printed
    under each chart, the same lists would fill pages after every chart.
    """
    kept: list[str] = []
    items: list[str] = []
    for block in notes.split("\n\n"):
        head, _, rest = block.partition("\n")
        found = _EVIDENCE.fullmatch(head.strip())
        if found is None:
            kept.append(block)
            continue
        kept.append(f"Evidence for this chart: {found[1]}, listed under “{_EVIDENCE_TITLE}” at the end.")
        for line in rest.splitlines():
            if line.startswith("- ") or not items:
                items.append(line)
            else:
                items[-1] += "\n" + line
    return "\n\n".join(kept), items


def _cover(plan: DeckPlan) -> list[str]:
    meta = plan.meta
    out = [_p("CoverKicker", "Handout"), _p("CoverTitle", meta.title)]
    if meta.subtitle:
        out.append(_p("CoverSubtitle", meta.subtitle))
    details = [meta.author, f"For: {meta.subject}" if meta.subject else "", _long_date(meta.date)]
    out.extend(_p("CoverLine", line) for line in details if line)
    if meta.marking:
        out.append(_p("CoverMarking", meta.marking))
    note = "Slide numbers follow the deck shown in the session."
    if any(slide.kind in _TEACHING for slide in plan.slides):
        note += " Knowledge-check answers and facilitator guidance are given in the session, not here."
    out.append(_p("CoverNote", note))
    return out


def _picture(png: Path, number: int, slide: SlidePlan) -> str:
    with Image.open(png) as image:
        width, height = image.size
    data = base64.b64encode(png.read_bytes()).decode("ascii")
    content = slide.content
    alt = content.alt if isinstance(content, ImageContent | ChartContent) else _plain(slide)
    return (
        '<text:p text:style-name="Figure">'
        f'<draw:frame draw:style-name="SlideFrame" draw:name="Slide {number}" text:anchor-type="as-char" '
        f'svg:width="{IMAGE_WIDTH_CM:.2f}cm" svg:height="{IMAGE_WIDTH_CM * height / width:.2f}cm">'
        f"<draw:image><office:binary-data>{data}</office:binary-data></draw:image>"
        f"<svg:title>{escape(f'Slide {number}: {slide.title}')}</svg:title>"
        f"<svg:desc>{escape(alt)}</svg:desc></draw:frame></text:p>"
    )


def _plain(slide: SlidePlan) -> str:
    """A slide's words on one line: the alternative text of its picture."""
    texts = re.findall(r">([^<]+)<", "".join(_slide_text(slide.content)))
    return " ".join(unescape(t) for t in texts) or slide.title


def _slide_text(content: SlideContent) -> list[str]:
    """A slide's words as paragraphs, for handouts without slide pictures."""
    if isinstance(content, TitleContent):
        return [_p("Lead", content.subtitle), *(_p("Body", line) for line in content.lines)]
    if isinstance(content, SectionContent):
        return [_p("Lead", content.text)] if content.text else []
    if isinstance(content, BulletsContent):
        lead = [_p("Lead", content.lead)] if content.lead else []
        return lead + _bullets(content.bullets)
    if isinstance(content, QuoteContent):
        context = [_p("Body", content.context)] if content.context else []
        return [*context, _p("Quote", f"“{content.text}”"), _p("Attribution", f"— {content.attribution}")]
    if isinstance(content, TwoColumnContent):
        out: list[str] = []
        for column in (content.left, content.right):
            out.append(_p("ColumnHeading", column.heading))
            out.extend(_bullets(column.bullets))
        return out
    kind = "Image" if isinstance(content, ImageContent) else "Chart"
    caption = [_p("Lead", content.caption)] if content.caption else []
    return [*caption, _p("Body", f"{kind}: {content.alt}")]


def _bullets(bullets: tuple[Bullet, ...]) -> list[str]:
    return [_p(f"Bullet{min(b.level, 2)}", ("• " if b.level == 0 else "– ") + b.text) for b in bullets]


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
    return [_p(style, text) for style, text in out]


def _p(style: str, text: str) -> str:
    return f"<text:p text:style-name={quoteattr(style)}>{escape(text)}</text:p>"


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


_ACCENT = "#003366"
_MUTED = "#5f6870"
_KEEP = 'fo:keep-with-next="always"'
# Slide text in text-only handouts sits in a tinted box; padding, not margins, indents it so
# that the paragraphs' backgrounds join into one box.
_BOX = 'fo:background-color="#eef2f6" fo:margin-bottom="0cm" fo:padding-top="1pt" fo:padding-bottom="1pt"'


def _box(left: float) -> str:
    return f'{_BOX} fo:padding-left="{left}cm" fo:padding-right="0.3cm"'


def _font(size: float = 10, *, bold: bool = False, italic: bool = False, color: str = "") -> str:
    weight = ' fo:font-weight="bold"' * bold + ' fo:font-style="italic"' * italic
    return f'fo:font-size="{size}pt"{weight}' + (f' fo:color="{color}"' if color else "")


# name: (paragraph properties, text properties); every style inherits Liberation Sans 10 pt.
_PARAGRAPH_STYLES: dict[str, tuple[str, str]] = {
    "CoverKicker": (
        'fo:margin-top="4.5cm" fo:margin-bottom="0.3cm"',
        _font(12, color=_MUTED) + ' fo:text-transform="uppercase" fo:letter-spacing="0.05cm"',
    ),
    "CoverTitle": ('fo:margin-bottom="0.4cm"', _font(28, bold=True, color=_ACCENT)),
    "CoverSubtitle": ('fo:margin-bottom="1.2cm"', _font(15)),
    "CoverLine": ('fo:margin-bottom="0.1cm"', _font(11, color=_MUTED)),
    "CoverMarking": (
        'fo:margin-top="1.5cm" fo:padding="0.2cm" fo:border="0.6pt solid #000000" fo:text-align="center"',
        _font(12, bold=True),
    ),
    "CoverNote": ('fo:margin-top="1cm" fo:break-after="page"', _font(italic=True, color=_MUTED)),
    "Part": (f'fo:margin-top="0.9cm" fo:margin-bottom="0.1cm" {_KEEP}', _font(18, bold=True, color=_ACCENT)),
    # The sources and the evidence are reference matter, looked up rather than read on.
    "Appendix": (f'fo:break-before="page" {_KEEP}', _font(18, bold=True, color=_ACCENT)),
    "PartText": (f'fo:margin-bottom="0.3cm" {_KEEP}', _font(12, italic=True, color=_MUTED)),
    "SlideHeading": (
        f'fo:margin-top="0.5cm" fo:margin-bottom="0.2cm" fo:padding-bottom="0.05cm" {_KEEP} '
        f'fo:border-bottom="0.5pt solid {_ACCENT}"',
        _font(12, bold=True, color=_ACCENT),
    ),
    "Figure": ('fo:text-align="center" fo:margin-bottom="0.25cm"', ""),
    "Notes": ("", ""),
    "NotesLabel": (f'fo:margin-top="0.1cm" {_KEEP}', _font(9, bold=True, color=_MUTED)),
    "NotesItem": ('fo:margin-left="0.6cm" fo:text-indent="-0.3cm" fo:margin-bottom="0.05cm"', _font(8.5)),
    "NotesDetail": ('fo:margin-left="0.8cm" fo:margin-bottom="0.05cm"', _font(8.5, color=_MUTED)),
    "Withheld": ('fo:margin-top="0.4cm"', _font(9, italic=True, color=_MUTED)),
    "Lead": (_box(0.3), _font(bold=True)),
    "Body": (_box(0.3), ""),
    "ColumnHeading": (_box(0.3), _font(bold=True, color=_ACCENT)),
    "Bullet0": (_box(0.75), ""),
    "Bullet1": (_box(1.25), ""),
    "Bullet2": (_box(1.75), ""),
    "Quote": (_box(0.8), _font(12, italic=True)),
    "Attribution": (_box(0.8), _font(9, color=_MUTED)),
    "BoxEnd": ('fo:margin-bottom="0.15cm"', _font(2)),
    "Source0": ('fo:margin-top="0.2cm"', ""),
    "Source1": ('fo:margin-left="0.5cm"', _font(9, color=_MUTED)),
    "Marking": ('fo:text-align="center"', _font(8, bold=True)),
    "PageNumber": ('fo:text-align="center"', _font(8, color=_MUTED)),
}

_STYLES = "\n".join(
    f'<style:style style:name="{name}" style:family="paragraph" style:parent-style-name="Standard">'
    f"<style:paragraph-properties {paragraph}/><style:text-properties {text}/></style:style>"
    for name, (paragraph, text) in _PARAGRAPH_STYLES.items()
)

_DOCUMENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>{title}</dc:title><dc:language>{language}</dc:language></office:meta>
<office:font-face-decls><style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'"
 style:font-family-generic="swiss" style:font-pitch="variable"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:orphans="2" fo:widows="2"/>
 <style:text-properties style:font-name="Liberation Sans" fo:font-size="10pt" {locale}/></style:default-style>
<style:style style:name="Standard" style:family="paragraph">
 <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.15cm" fo:line-height="120%"/>
</style:style>
<style:style style:name="SlideFrame" style:family="graphic"><style:graphic-properties
 fo:border="0.5pt solid #aab0b8" fo:padding="0cm" style:vertical-pos="top" style:vertical-rel="baseline"/>
</style:style>
{styles}
</office:styles>
<office:automatic-styles><style:page-layout style:name="A4">
 <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait"
  fo:margin-top="1cm" fo:margin-bottom="1cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>
 <style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.5cm"/>
 </style:header-style>
 <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.5cm"/>
 </style:footer-style>
</style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4">
 <style:header>{header}</style:header><style:footer>{footer}</style:footer>
</style:master-page></office:master-styles>
<office:body><office:text>
{body}
</office:text></office:body>
</office:document>
"""
