"""Builds assets/templates/briefing.pptx, the default 16:9 briefing template, from python-pptx's own."""

from __future__ import annotations

import io
import sys
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.presentation import Presentation as PresentationT
from pptx.slide import SlideLayout
from pptx.util import Emu

# The layouts, by the names the renderer looks up, and their placeholder idx values:
#   "Title Slide"        0 title (ctrTitle), 1 subtitle (the deck's subtitle and presenter lines)
#   "Title and Content"  0 title, 1 body (bullets, five levels: 24, 22, 20, 18, 18 pt)
#   "Section Header"     0 title, 1 text ("Part N" and the strapline)
#   "Two Content"        0 title, 1 left body, 2 right body
#   "Comparison"         0 title, 1 left heading, 2 left body, 3 right heading, 4 right body
#   "Title Only"         0 title (the renderer draws quotes and pictures under it)
# No date, footer or slide-number placeholders: the renderer draws the marking, source line and
# slide number itself, in the 0.4 in top band and the 0.45 in bottom band every layout leaves free.
OUT = Path(__file__).resolve().parent / "templates" / "briefing.pptx"

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
NSDECL = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())

EMU_PER_INCH = 914400
FONT = "Liberation Sans"  # metric-compatible with Arial; what the renderer measures against
FIXED_DATE = datetime(2000, 1, 1)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# Palette. Text colours are checked against white: 1A1A1A is 17:1, 13294B is 14:1, 595959 is 7:1.
NAVY = "13294B"
INK = "1A1A1A"
GREY = "595959"
RULE_GREY = "BFBFBF"
ACCENTS = ("13294B", "3A7DBF", "D08C00", "5B8C5A", "8C2D3A", "7F7F7F")


def emu(inches: float) -> int:
    return round(inches * EMU_PER_INCH)


# Geometry, in inches. The top 0.4 in is kept free for the handling marking and the bottom
# 0.45 in (from 7.05 in) for the footer band the renderer draws.
SLIDE_W, SLIDE_H = 13.333, 7.5
MARGIN = 0.6
CONTENT_W = SLIDE_W - 2 * MARGIN
TITLE_Y, TITLE_H = 0.4, 1.05
RULE_Y = 1.5
BODY_Y, BODY_BOTTOM = 1.65, 6.85
FOOTER_RULE_Y = 7.0
GAP = 0.333
COL_W = (CONTENT_W - GAP) / 2


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    def xfrm(self) -> str:
        return (
            f'<a:xfrm><a:off x="{emu(self.x)}" y="{emu(self.y)}"/>'
            f'<a:ext cx="{emu(self.w)}" cy="{emu(self.h)}"/></a:xfrm>'
        )


def solid(colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'


def rect(shape_id: int, name: str, box: Box, colour: str) -> str:
    """A decorative filled rectangle (bands and rules): no outline, no text."""
    return (
        f'<p:sp {NSDECL}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr/>'
        f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{box.xfrm()}'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f"{solid(colour)}<a:ln><a:noFill/></a:ln></p:spPr>"
        '<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p><a:endParaRPr lang="en-GB"/></a:p>'
        "</p:txBody></p:sp>"
    )


def placeholder(
    shape_id: int,
    name: str,
    ph: str,
    box: Box,
    prompt: str,
    *,
    anchor: str = "t",
    lst_style: str = "",
) -> str:
    body_pr = (
        f'<a:bodyPr vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720"'
        f' rtlCol="0" anchor="{anchor}"><a:noAutofit/></a:bodyPr>'
    )
    return (
        f'<p:sp {NSDECL}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
        f"<p:spPr>{box.xfrm()}</p:spPr><p:txBody>{body_pr}<a:lstStyle>{lst_style}</a:lstStyle>"
        f'<a:p><a:r><a:rPr lang="en-GB"/><a:t>{prompt}</a:t></a:r></a:p></p:txBody></p:sp>'
    )


def plain_level(size_pt: int, colour: str, *, bold: bool = False, level: int = 1) -> str:
    """A paragraph level with no bullet: headings, subtitles, straplines."""
    b = ' b="1"' if bold else ""
    return (
        f'<a:lvl{level}pPr marL="0" indent="0"><a:spcBef><a:spcPts val="0"/></a:spcBef><a:buNone/>'
        f'<a:defRPr sz="{size_pt * 100}"{b}>{solid(colour)}</a:defRPr></a:lvl{level}pPr>'
    )


def title_style(size_pt: int, colour: str) -> str:
    return f'<a:lvl1pPr><a:defRPr sz="{size_pt * 100}" b="1">{solid(colour)}</a:defRPr></a:lvl1pPr>'


TITLE_BOX = Box(MARGIN, TITLE_Y, CONTENT_W, TITLE_H)
TITLE_RULE = Box(MARGIN, RULE_Y, CONTENT_W, 0.03)


def title_ph(anchor: str = "b") -> str:
    return placeholder(2, "Title 1", '<p:ph type="title"/>', TITLE_BOX, "Click to edit title", anchor=anchor)


def layout_shapes() -> dict[str, list[str]]:
    """Every kept layout's shapes, keyed by layout name; decorative shapes first (behind)."""
    left_x, right_x = MARGIN, MARGIN + COL_W + GAP
    heading_h = 0.6
    col_body_y = BODY_Y + heading_h + 0.05
    heading_style = plain_level(22, NAVY, bold=True)
    band_text_x, band_text_w = 0.9, SLIDE_W - 1.8
    return {
        "Title Slide": [
            rect(10, "Title band", Box(0, 1.25, SLIDE_W, 2.75), NAVY),
            rect(11, "Title band edge", Box(0, 4.0, SLIDE_W, 0.06), ACCENTS[1]),
            placeholder(
                2,
                "Title 1",
                '<p:ph type="ctrTitle"/>',
                Box(band_text_x, 1.4, band_text_w, 2.45),
                "Click to edit title",
                anchor="ctr",
                lst_style=title_style(40, "FFFFFF"),
            ),
            placeholder(
                3,
                "Subtitle 2",
                '<p:ph type="subTitle" idx="1"/>',
                Box(band_text_x, 4.3, band_text_w, BODY_BOTTOM - 4.3),
                "Click to edit subtitle",
                lst_style=plain_level(26, INK),
            ),
        ],
        "Title and Content": [
            rect(10, "Title rule", TITLE_RULE, NAVY),
            title_ph(),
            placeholder(
                3,
                "Content Placeholder 2",
                '<p:ph idx="1"/>',
                Box(MARGIN, BODY_Y, CONTENT_W, BODY_BOTTOM - BODY_Y),
                "Click to edit text",
            ),
        ],
        "Section Header": [
            rect(10, "Section band", Box(0, 1.6, SLIDE_W, 2.4), NAVY),
            rect(11, "Section band edge", Box(0, 4.0, SLIDE_W, 0.06), ACCENTS[1]),
            placeholder(
                2,
                "Title 1",
                '<p:ph type="title"/>',
                Box(band_text_x, 1.7, band_text_w, 2.2),
                "Click to edit section title",
                anchor="ctr",
                lst_style=title_style(36, "FFFFFF"),
            ),
            placeholder(
                3,
                "Text Placeholder 2",
                '<p:ph type="body" idx="1"/>',
                Box(band_text_x, 4.25, band_text_w, 2.2),
                "Click to edit text",
                lst_style=plain_level(24, INK),
            ),
        ],
        "Two Content": [
            rect(10, "Title rule", TITLE_RULE, NAVY),
            title_ph(),
            placeholder(
                3,
                "Content Placeholder 2",
                '<p:ph sz="half" idx="1"/>',
                Box(left_x, BODY_Y, COL_W, BODY_BOTTOM - BODY_Y),
                "Click to edit text",
            ),
            placeholder(
                4,
                "Content Placeholder 3",
                '<p:ph sz="half" idx="2"/>',
                Box(right_x, BODY_Y, COL_W, BODY_BOTTOM - BODY_Y),
                "Click to edit text",
            ),
        ],
        "Comparison": [
            rect(10, "Title rule", TITLE_RULE, NAVY),
            title_ph(),
            placeholder(
                3,
                "Text Placeholder 2",
                '<p:ph type="body" sz="half" idx="1"/>',
                Box(left_x, BODY_Y, COL_W, heading_h),
                "Left heading",
                anchor="b",
                lst_style=heading_style,
            ),
            placeholder(
                4,
                "Content Placeholder 3",
                '<p:ph sz="half" idx="2"/>',
                Box(left_x, col_body_y, COL_W, BODY_BOTTOM - col_body_y),
                "Click to edit text",
            ),
            placeholder(
                5,
                "Text Placeholder 4",
                '<p:ph type="body" sz="half" idx="3"/>',
                Box(right_x, BODY_Y, COL_W, heading_h),
                "Right heading",
                anchor="b",
                lst_style=heading_style,
            ),
            placeholder(
                6,
                "Content Placeholder 5",
                '<p:ph sz="half" idx="4"/>',
                Box(right_x, col_body_y, COL_W, BODY_BOTTOM - col_body_y),
                "Click to edit text",
            ),
        ],
        "Title Only": [rect(10, "Title rule", TITLE_RULE, NAVY), title_ph()],
    }


# Body levels: (size pt, left margin in, bullet char, space before pt). Level 1 is 24 pt and no
# level drops below 18 pt, so a room can read every line.
BODY_LEVELS = (
    (24, 0.30, "\u2022", 10),
    (22, 0.70, "\u2013", 4),
    (20, 1.10, "\u2022", 4),
    (18, 1.50, "\u2013", 4),
    (18, 1.90, "\u00bb", 4),
)


def body_style() -> str:
    levels = []
    for n in range(1, 10):
        size, mar_l, char, before = BODY_LEVELS[min(n, 5) - 1]
        if n > 5:
            mar_l += 0.4 * (n - 5)
        levels.append(
            f'<a:lvl{n}pPr marL="{emu(mar_l)}" indent="{-emu(0.30)}" algn="l" defTabSz="914400"'
            ' rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">'
            '<a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="{before * 100}"/></a:spcBef>'
            '<a:buClr><a:schemeClr val="accent1"/></a:buClr>'
            f'<a:buFont typeface="Arial"/><a:buChar char="{char}"/>'
            f'<a:defRPr sz="{size * 100}" kern="1200"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill>'
            '<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>'
            f"</a:defRPr></a:lvl{n}pPr>"
        )
    return f"<p:bodyStyle {NSDECL}>{''.join(levels)}</p:bodyStyle>"


def master_title_style() -> str:
    return (
        f"<p:titleStyle {NSDECL}>"
        '<a:lvl1pPr algn="l" defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">'
        '<a:lnSpc><a:spcPct val="90000"/></a:lnSpc><a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/>'
        '<a:defRPr sz="2800" b="1" kern="1200"><a:solidFill><a:schemeClr val="tx2"/></a:solidFill>'
        '<a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/><a:cs typeface="+mj-cs"/></a:defRPr>'
        "</a:lvl1pPr></p:titleStyle>"
    )


def restyle_master(prs: PresentationT) -> None:
    master = prs.slide_master._element
    tree = master.find("p:cSld/p:spTree", NS)
    for sp in tree.findall("p:sp", NS):
        tree.remove(sp)
    footer_rule = Box(MARGIN, FOOTER_RULE_Y, CONTENT_W, 0.01)
    shapes = [
        rect(7, "Footer rule", footer_rule, RULE_GREY),
        placeholder(2, "Title Placeholder 1", '<p:ph type="title"/>', TITLE_BOX, "Title", anchor="b"),
        placeholder(
            3,
            "Text Placeholder 2",
            '<p:ph type="body" idx="1"/>',
            Box(MARGIN, BODY_Y, CONTENT_W, BODY_BOTTOM - BODY_Y),
            "Text",
        ),
    ]
    for xml in shapes:
        tree.append(etree.fromstring(xml))
    styles = master.find("p:txStyles", NS)
    styles.replace(styles.find("p:titleStyle", NS), etree.fromstring(master_title_style()))
    styles.replace(styles.find("p:bodyStyle", NS), etree.fromstring(body_style()))


def rebuild_layout(layout: SlideLayout, shapes: list[str]) -> None:
    tree = layout._element.find("p:cSld/p:spTree", NS)
    for sp in tree.findall("p:sp", NS):
        tree.remove(sp)
    for xml in shapes:
        tree.append(etree.fromstring(xml))


def restyle_theme_fonts(theme: etree._Element) -> None:
    for tag in ("a:majorFont", "a:minorFont"):
        font = theme.find(f"a:themeElements/a:fontScheme/{tag}/a:latin", NS)
        font.set("typeface", FONT)
    theme.find("a:themeElements/a:fontScheme", NS).set("name", "deckgen Briefing")


def restyle_theme(blob: bytes) -> bytes:
    theme = etree.fromstring(blob)
    theme.set("name", "deckgen Briefing")
    scheme = theme.find("a:themeElements/a:clrScheme", NS)
    scheme.set("name", "deckgen Briefing")
    colours = {
        "dk1": INK,
        "lt1": "FFFFFF",
        "dk2": NAVY,
        "lt2": "E7EBF0",
        **{f"accent{i}": c for i, c in enumerate(ACCENTS, start=1)},
        "hlink": "1F5FA8",
        "folHlink": "6B3FA0",
    }
    for name, value in colours.items():
        slot = scheme.find(f"a:{name}", NS)
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, f"{{{NS['a']}}}srgbClr", val=value)
    restyle_theme_fonts(theme)
    return etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>deckgen</Application><PresentationFormat>Widescreen</PresentationFormat>"
    b"</Properties>"
)


def fit_notes_master(prs: PresentationT) -> None:
    """Create the notes master now, 16:9 slide image and our fonts, and list it by id.

    python-pptx relates a notes master without a ``notesMasterIdLst``; Keynote then drops notes.
    """
    notes_master = prs.notes_master
    part = notes_master.part
    for ph in notes_master.placeholders:
        kind = ph.placeholder_format.type
        if kind == PP_PLACEHOLDER.SLIDE_IMAGE:  # the default is 4:3 and would letterbox
            ph.left, ph.top, ph.width, ph.height = emu(0.75), emu(0.75), emu(6.0), emu(3.375)
        elif kind == PP_PLACEHOLDER.BODY:
            ph.left, ph.top, ph.width, ph.height = emu(0.75), emu(4.4), emu(6.0), emu(4.9)
    restyle_theme_fonts(part.part_related_by(RT.THEME)._element)
    pres = prs.part._element
    rid = next(r.rId for r in prs.part.rels.values() if r.reltype == RT.NOTES_MASTER)
    id_list = etree.fromstring(
        f'<p:notesMasterIdLst {NSDECL}><p:notesMasterId r:id="{rid}"/></p:notesMasterIdLst>'
    )
    pres.find("p:sldMasterIdLst", NS).addnext(id_list)


def drop_extras(prs: PresentationT) -> None:
    """The Mac printer settings and the old 4:3 thumbnail describe a different file: drop them."""
    for rel in list(prs.part.rels.values()):
        if rel.reltype == RT.PRINTER_SETTINGS:
            prs.part.drop_rel(rel.rId)
    package = prs.part.package
    for rel in list(package._rels.values()):
        if rel.reltype == RT.THUMBNAIL:
            package.drop_rel(rel.rId)
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part.blob = APP_XML


def build() -> bytes:
    prs = Presentation()
    # 12192000 EMU is 13.333... in exactly, what PowerPoint's own widescreen size uses.
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(emu(SLIDE_H))
    size = prs.part._element.find("p:sldSz", NS)
    size.attrib.pop("type", None)  # "screen4x3" would contradict the new size
    for ppr in prs.part._element.iterfind(".//a:defRPr[@lang]", NS):
        ppr.set("lang", "en-GB")

    theme_part = prs.slide_master.part.part_related_by(RT.THEME)
    theme_part.blob = restyle_theme(theme_part.blob)
    restyle_master(prs)

    wanted = layout_shapes()
    for layout in list(prs.slide_layouts):
        if layout.name in wanted:
            rebuild_layout(layout, wanted[layout.name])
        else:
            prs.slide_layouts.remove(layout)
    missing = set(wanted) - {layout.name for layout in prs.slide_layouts}
    assert not missing, missing

    fit_notes_master(prs)
    drop_extras(prs)

    core = prs.core_properties
    core.title = "deckgen briefing template"
    core.author = "deckgen"
    core.last_modified_by = "deckgen"
    core.comments = ""
    core.revision = 1
    core.created = core.modified = FIXED_DATE
    core.language = "en-GB"

    buffer = io.BytesIO()
    prs.save(buffer)
    return stable_zip(buffer.getvalue())


def stable_zip(data: bytes) -> bytes:
    """Re-zip with fixed timestamps and entry order so the template is byte-stable."""
    src = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = src.getinfo(name).compress_type
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    return out.getvalue()


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
