"""The .pptx package: template content types, core properties, and byte-for-byte repeatable output."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from typing import BinaryIO

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationT

from deckgen.core.stamps import BadEpoch, source_date_epoch
from deckgen.plan.model import DeckMeta
from deckgen.render.package.write import PackageWriter

CONTENT_TYPES = "[Content_Types].xml"
TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PRESENTATION_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry
FALLBACK_DATE = datetime(2000, 1, 1)


def as_presentation_package(data: bytes) -> io.BytesIO:
    """The package as a stream python-pptx opens: a .potx gets the .pptx main content type.

    python-pptx refuses the template content type with ValueError; the parts are otherwise the
    same, so only ``[Content_Types].xml`` changes.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        types = src.read(CONTENT_TYPES)
        if TEMPLATE_MAIN.encode() not in types:
            return io.BytesIO(data)
        patched = types.replace(TEMPLATE_MAIN.encode(), PRESENTATION_MAIN.encode())
        return io.BytesIO(rezip(src, {CONTENT_TYPES: patched}))


def rezip(src: zipfile.ZipFile, replace: dict[str, bytes] | None = None) -> bytes:
    """Copy ``src`` with fixed timestamps and a fixed order: content types first, then by name."""
    replace = replace or {}
    names = sorted(src.namelist(), key=lambda name: (name != CONTENT_TYPES, name))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = src.getinfo(name).compress_type
            info.create_system = 3  # otherwise the host OS leaks into the bytes
            info.external_attr = 0o644 << 16
            dst.writestr(info, replace.get(name, src.read(name)))
    return out.getvalue()


def build_date(meta: DeckMeta) -> datetime:
    """The deck's created/modified stamp: the brief's date, else SOURCE_DATE_EPOCH, else 2000-01-01.

    Never "now": building the same brief twice must give the same bytes.
    """
    if meta.date:
        try:
            day = date.fromisoformat(meta.date)
            return datetime(day.year, day.month, day.day)
        except ValueError:
            pass  # the brief stage reports malformed dates; the deck still builds
    try:
        stamp = source_date_epoch()
    except BadEpoch:
        stamp = None  # api.check refuses the build before rendering; never reached from the CLI
    return stamp or FALLBACK_DATE


def set_core_properties(prs: PresentationT, meta: DeckMeta) -> None:
    """Overwrite everything the template's docProps/core.xml carried over."""
    props = prs.core_properties
    props.title = meta.title
    props.author = meta.author
    props.subject = meta.subject
    props.keywords = _at_most(meta.keywords, 255)  # the article titles: the property holds 255
    props.language = meta.language
    for name in ("comments", "category", "content_status", "identifier", "version"):
        if getattr(props, name):  # clear what the template carried, add no empty elements
            setattr(props, name, "")
    props.last_modified_by = "deckgen"
    props.revision = 1
    props.created = props.modified = build_date(meta)
    # A template may carry the date someone last printed it; a built deck was never printed.
    for printed in props._element.findall(qn("cp:lastPrinted")):
        props._element.remove(printed)


def _at_most(text: str, limit: int) -> str:
    """``text`` cut at its last '; ' before ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit("; ", 1)[0] if "; " in cut else cut) + "\u2026"


APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>deckgen</Application></Properties>"
)


def reset_app_properties(prs: PresentationT) -> None:
    """Replace docProps/app.xml: a template's lists its own sample slides' titles and counts."""
    for rel in prs.part.package.iter_rels():
        if rel.reltype == RT.EXTENDED_PROPERTIES and not rel.is_external:
            rel.target_part.blob = APP_XML


def list_notes_master(prs: PresentationT) -> None:
    """Add the ``notesMasterIdLst`` python-pptx leaves out; without it Keynote drops the notes."""
    pres = prs.part._element
    if pres.find(qn("p:notesMasterIdLst")) is not None:
        return
    rid = next((r.rId for r in prs.part.rels.values() if r.reltype == RT.NOTES_MASTER), None)
    if rid is None:
        return
    id_list = pres.makeelement(qn("p:notesMasterIdLst"), {})
    id_list.append(id_list.makeelement(qn("p:notesMasterId"), {qn("r:id"): rid}))
    # The schema puts it straight after the slide-master list, which every presentation has.
    pres.find(qn("p:sldMasterIdLst")).addnext(id_list)


VIEW_PROPS_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<p:viewPr xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    b' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    b' xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">'
    b'<p:normalViewPr><p:restoredLeft sz="15620"/><p:restoredTop sz="94660"/></p:normalViewPr>'
    b'<p:gridSpacing cx="76200" cy="76200"/></p:viewPr>'
)


def add_view_props(prs: PresentationT) -> None:
    """Give the presentation a view-properties part when the template has none (LibreOffice's
    exports): PowerPoint offers to repair a deck without one. python-pptx's default template's,
    less its window scale and origin, so every deck gets the same bytes."""
    if any(rel.reltype == RT.VIEW_PROPS for rel in prs.part.rels.values()):
        return
    package = prs.part.package
    taken = {str(part.partname) for part in package.iter_parts()}
    partname, n = "/ppt/viewProps.xml", 1
    while partname in taken:  # a stray part by that name that nothing calls view properties
        n += 1
        partname = f"/ppt/viewProps{n}.xml"
    part = Part(PackURI(partname), CT.PML_VIEW_PROPS, package, VIEW_PROPS_XML)
    prs.part.relate_to(part, RT.VIEW_PROPS)


def deck_writer(stamp: datetime) -> PackageWriter:
    """The writer for one deck: native charts' workbooks get the deck's stamp instead of "now"."""

    def transform(name: str, blob: bytes) -> bytes:
        if name.startswith("ppt/embeddings/") and name.endswith(".xlsx"):
            return stable_workbook(blob, stamp)
        return blob

    return PackageWriter(transform)


def write_deck(prs: PresentationT, writer: PackageWriter, into: BinaryIO) -> None:
    """The package written once into ``into``, in a fixed order with fixed stamps (see write.py)."""
    add_view_props(prs)
    writer.write_to(prs.part.package, into)


_W3CDTF = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def stable_workbook(data: bytes, stamp: datetime) -> bytes:
    """A native chart's embedded workbook, with XlsxWriter's "now" replaced by the deck's stamp."""
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        core = "docProps/core.xml"
        replace = {}
        if core in book.namelist():
            replace[core] = _W3CDTF.sub(lambda m: m[1] + when + m[2], book.read(core))
        return rezip(book, replace)
