"""Builds the test templates in tests/templates/: corporate, minimal and python-pptx's own default.

Run ``python tests/templates/make_test_templates.py``; the output is byte-for-byte the same on
every run, so the committed files only change when this script does.

- ``corporate.pptx``: what a trainer's organisation might hand over. 16:9, two slide masters
  ("Corporate Light", "Corporate Dark"), Arial theme fonts, layouts named its own way with body
  placeholders at idx 10-15, two decoys that carry deckgen's default names, and a sample slide.
  ``corporate.profile.yaml`` (kept by hand, next to it) maps deckgen's roles onto it.
- ``minimal.pptx``: 16:9, python-pptx's layouts minus every two-column one.
- ``python-pptx-default.pptx``: ``pptx.Presentation()`` as is, 4:3.
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.parts.slide import SlideLayoutPart, SlideMasterPart
from pptx.presentation import Presentation as PresentationT
from pptx.util import Emu

HERE = Path(__file__).resolve().parent
NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
NSDECL = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
FIXED_DATE = datetime(2000, 1, 1)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
WIDE_W, WIDE_H = 12192000, 6858000  # 13.333 x 7.5 in
FIRST_ID = 2147483648  # master and layout ids share one range that starts here


def emu(inches: float) -> int:
    return round(inches * 914400)


def xfrm(x: float, y: float, w: float, h: float) -> str:
    return f'<a:xfrm><a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{emu(w)}" cy="{emu(h)}"/></a:xfrm>'


def ph(
    shape_id: int,
    name: str,
    ph_attrs: str,
    box: tuple[float, float, float, float] | None = None,
    *,
    prompt: str = "",
    style: str = "",
    anchor: str = "t",
) -> str:
    """A placeholder; without ``box`` it takes its position from the master placeholder."""
    sp_pr = f"<p:spPr>{xfrm(*box)}</p:spPr>" if box else "<p:spPr/>"
    text = f'<a:r><a:rPr lang="en-GB"/><a:t>{prompt}</a:t></a:r>' if prompt else ""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph {ph_attrs}/></p:nvPr></p:nvSpPr>'
        f'{sp_pr}<p:txBody><a:bodyPr anchor="{anchor}"/><a:lstStyle>{style}</a:lstStyle>'
        f'<a:p>{text}<a:endParaRPr lang="en-GB"/></a:p></p:txBody></p:sp>'
    )


def rect(shape_id: int, name: str, box: tuple[float, float, float, float], colour: str) -> str:
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr/><p:nvPr userDrawn="1"/>'
        f'</p:nvSpPr><p:spPr>{xfrm(*box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>'
    )


def sp_tree(shapes: list[str]) -> str:
    return (
        '<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
        '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
        f'<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>{"".join(shapes)}</p:spTree>'
    )


def level(
    n: int, size: int, *, bullet: bool = True, bold: bool = False, face: str = "+mn-lt", colour: str = ""
) -> str:
    bu = f'<a:buFont typeface="Arial"/><a:buChar char="{"•–•–»"[n - 1]}"/>' if bullet else "<a:buNone/>"
    mar = f' marL="{emu(0.3 + 0.35 * (n - 1))}" indent="{-emu(0.3)}"' if bullet else ' marL="0" indent="0"'
    b = ' b="1"' if bold else ""
    fill = f'<a:srgbClr val="{colour}"/>' if colour else '<a:schemeClr val="tx1"/>'
    return (
        f'<a:lvl{n}pPr{mar}>{bu}<a:defRPr sz="{size * 100}"{b}>'
        f'<a:solidFill>{fill}</a:solidFill><a:latin typeface="{face}"/>'
        f"</a:defRPr></a:lvl{n}pPr>"
    )


def master_xml(name: str, background: str, clr_map: str, shapes: list[str]) -> bytes:
    # Body levels 22, 20, 18, 16, 16 pt: what template_geometry should read back.
    body = "".join(level(n, size) for n, size in enumerate((22, 20, 18, 16, 16), start=1))
    xml = (
        f'<p:sldMaster {NSDECL}><p:cSld name="{name}"><p:bg><p:bgPr><a:solidFill>'
        f'<a:srgbClr val="{background}"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>'
        f"{sp_tree(shapes)}</p:cSld>"
        f'<p:clrMap {clr_map} accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4"'
        ' accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/><p:sldLayoutIdLst/>'
        "<p:txStyles><p:titleStyle>"
        f"{level(1, 30, bullet=False, bold=True, face='+mj-lt')}</p:titleStyle>"
        f"<p:bodyStyle>{body}</p:bodyStyle><p:otherStyle/></p:txStyles></p:sldMaster>"
    )
    return xml.encode()


def layout_xml(name: str, shapes: list[str]) -> bytes:
    return (
        f'<p:sldLayout {NSDECL} preserve="1"><p:cSld name="{name}">{sp_tree(shapes)}</p:cSld>'
        "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    ).encode()


def theme_xml(base: bytes, name: str, colours: dict[str, str]) -> bytes:
    """python-pptx's theme with another name, palette and Arial for headings and body."""
    theme = etree.fromstring(base)
    theme.set("name", name)
    scheme = theme.find("a:themeElements/a:clrScheme", NS)
    scheme.set("name", name)
    for slot, value in colours.items():
        el = scheme.find(f"a:{slot}", NS)
        for child in list(el):
            el.remove(child)
        etree.SubElement(el, f"{{{NS['a']}}}srgbClr", val=value)
    fonts = theme.find("a:themeElements/a:fontScheme", NS)
    fonts.set("name", name)
    for tag in ("a:majorFont", "a:minorFont"):
        fonts.find(f"{tag}/a:latin", NS).set("typeface", "Arial")
    return etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


LIGHT = {"dk1": "1B1B1B", "lt1": "FFFFFF", "dk2": "00305F", "lt2": "EEF1F5", "accent1": "C8102E"}
DARK = {"dk1": "0B1F3A", "lt1": "FFFFFF", "dk2": "23395B", "lt2": "DDE3EC", "accent1": "F2A900"}
LIGHT_MAP = 'bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2"'
DARK_MAP = 'bg1="dk1" tx1="lt1" bg2="dk2" tx2="lt2"'  # text light on the dark background

HEADING_STYLE = level(1, 24, bullet=False)
MASTER_SHAPES = [
    rect(7, "Brand stripe", (0, 0.4, 0.15, 6.65), "C8102E"),
    ph(2, "Title Placeholder 1", 'type="title"', (0.6, 0.5, 12.13, 0.95), prompt="Title", anchor="b"),
    ph(3, "Text Placeholder 2", 'type="body" idx="1"', (0.6, 1.6, 12.13, 4.9), prompt="Text"),
    ph(4, "Slide Number Placeholder 3", 'type="sldNum" sz="quarter" idx="4"', (11.2, 6.55, 1.5, 0.4)),
]

# Master 1, "Corporate Light": the layouts a trainer uses most.
LIGHT_LAYOUTS = {
    "Cover": [
        rect(8, "Cover band", (0, 1.8, 13.333, 2.2), "00305F"),
        ph(
            2,
            "Title 1",
            'type="ctrTitle"',
            (0.8, 1.9, 11.7, 2.0),
            prompt="Cover title",
            anchor="ctr",
            style=level(1, 36, bullet=False, bold=True, face="+mj-lt", colour="FFFFFF"),
        ),
        ph(3, "Subtitle 2", 'type="subTitle" idx="10"', (0.8, 4.2, 11.7, 2.2), style=HEADING_STYLE),
    ],
    "Text": [
        ph(2, "Title 1", 'type="title"'),
        ph(3, "Content Placeholder 2", 'idx="10"', (0.6, 1.6, 12.13, 4.9)),
        ph(4, "Slide Number Placeholder 3", 'type="sldNum" sz="quarter" idx="12"'),
    ],
    "Two Columns": [
        ph(2, "Title 1", 'type="title"'),
        ph(3, "Left Text 2", 'type="body" sz="half" idx="13"', (0.6, 1.6, 5.9, 4.2)),
        ph(4, "Right Text 3", 'type="body" sz="half" idx="14"', (6.83, 1.6, 5.9, 4.2)),
        ph(5, "Key Message 4", 'type="body" sz="quarter" idx="15"', (0.6, 5.95, 12.13, 0.55)),
    ],
    "Headline": [
        rect(8, "Headline rule", (0.6, 1.5, 2.0, 0.06), "C8102E"),
        ph(2, "Title 1", 'type="title"'),
    ],
}
# Master 2, "Corporate Dark": the divider, and two decoys that carry deckgen's default names.
DARK_LAYOUTS = {
    "Divider": [
        ph(2, "Title 1", 'type="title"', (0.8, 2.3, 11.7, 1.5), prompt="Section", anchor="b"),
        ph(3, "Text 2", 'type="body" idx="12"', (0.8, 4.0, 11.7, 1.2), style=HEADING_STYLE),
    ],
    "Title Only": [ph(2, "Title 1", 'type="title"')],  # decoy: the profile maps title-only elsewhere
    "Title and Content": [  # decoy: a picture layout, no text placeholder at all
        ph(2, "Title 1", 'type="title"'),
        ph(3, "Picture Placeholder 2", 'type="pic" idx="1"', (0.6, 1.6, 12.13, 4.9)),
    ],
}


def add_master(prs: PresentationT, master_id: int, xml: bytes, theme: bytes) -> SlideMasterPart:
    package = prs.part.package
    master = SlideMasterPart.load(
        package.next_partname("/ppt/slideMasters/slideMaster%d.xml"), CT.PML_SLIDE_MASTER, package, xml
    )
    theme_part = Part(package.next_partname("/ppt/theme/theme%d.xml"), CT.OFC_THEME, package, theme)
    master.relate_to(theme_part, RT.THEME)
    rid = prs.part.relate_to(master, RT.SLIDE_MASTER)
    id_list = prs.part._element.find("p:sldMasterIdLst", NS)
    etree.SubElement(id_list, f"{{{NS['p']}}}sldMasterId", {"id": str(master_id), f"{{{NS['r']}}}id": rid})
    return master


def add_layout(master: SlideMasterPart, layout_id: int, xml: bytes) -> None:
    package = master.package
    layout = SlideLayoutPart.load(
        package.next_partname("/ppt/slideLayouts/slideLayout%d.xml"), CT.PML_SLIDE_LAYOUT, package, xml
    )
    layout.relate_to(master, RT.SLIDE_MASTER)
    rid = master.relate_to(layout, RT.SLIDE_LAYOUT)
    id_list = master._element.find("p:sldLayoutIdLst", NS)
    etree.SubElement(id_list, f"{{{NS['p']}}}sldLayoutId", {"id": str(layout_id), f"{{{NS['r']}}}id": rid})


def widescreen(prs: PresentationT) -> None:
    prs.slide_width, prs.slide_height = Emu(WIDE_W), Emu(WIDE_H)
    prs.part._element.find("p:sldSz", NS).attrib.pop("type", None)  # "screen4x3" would contradict it


APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>deckgen tests</Application><PresentationFormat>Widescreen</PresentationFormat>"
    b"</Properties>"
)


def drop_extras(prs: PresentationT) -> None:
    """The default's Mac printer settings, 4:3 thumbnail and app properties describe another file."""
    for rel in list(prs.part.rels.values()):
        if rel.reltype == RT.PRINTER_SETTINGS:
            prs.part.drop_rel(rel.rId)
    package = prs.part.package
    for rel in list(package._rels.values()):
        if rel.reltype == RT.THUMBNAIL:
            package.drop_rel(rel.rId)
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part.blob = APP_XML


def corporate() -> bytes:
    prs = Presentation()
    widescreen(prs)
    base_theme = prs.slide_master.part.part_related_by(RT.THEME).blob
    # The presentation's own theme part too: a reader that looks there must also find Arial.
    prs.part.part_related_by(RT.THEME).blob = theme_xml(base_theme, "Corporate Light", LIGHT)
    # Replace python-pptx's master (and with it its eleven layouts and theme) by two new ones.
    pres = prs.part._element
    id_list = pres.find("p:sldMasterIdLst", NS)
    for entry in list(id_list):
        prs.part.drop_rel(entry.get(f"{{{NS['r']}}}id"))
        id_list.remove(entry)
    next_id = FIRST_ID
    for name, colours, clr_map, background, layouts in (
        ("Corporate Light", LIGHT, LIGHT_MAP, LIGHT["lt1"], LIGHT_LAYOUTS),
        ("Corporate Dark", DARK, DARK_MAP, DARK["dk1"], DARK_LAYOUTS),
    ):
        master = add_master(
            prs,
            next_id,
            master_xml(name, background, clr_map, MASTER_SHAPES),
            theme_xml(base_theme, name, colours),
        )
        for layout_name, shapes in layouts.items():
            next_id += 1
            add_layout(master, next_id, layout_xml(layout_name, shapes))
        next_id += 1

    # A sample slide, with notes, as templates often ship: the renderer must leave no trace of it.
    cover = next(layout for layout in prs.slide_masters[0].slide_layouts if layout.name == "Cover")
    sample = prs.slides.add_slide(cover)
    sample.shapes.title.text = "SAMPLE COVER - delete me"
    next(p for p in sample.placeholders if p.placeholder_format.idx == 10).text = "SAMPLE SUBTITLE"
    sample.notes_slide.notes_text_frame.text = "SAMPLE NOTES"
    drop_extras(prs)
    return finish(prs, "Corporate test template")


def minimal() -> bytes:
    """python-pptx's layouts, widened to 16:9, without "Two Content" and "Comparison"."""
    prs = Presentation()
    widescreen(prs)
    keep = {"Title Slide", "Title and Content", "Section Header", "Title Only", "Blank"}
    for layout in list(prs.slide_layouts):
        if layout.name not in keep:
            prs.slide_layouts.remove(layout)
    scale = WIDE_W / 9144000
    for part in (prs.slide_master, *prs.slide_layouts):
        for off in part._element.iterfind(".//a:off", NS):
            off.set("x", str(round(int(off.get("x")) * scale)))
        for ext in part._element.iterfind(".//a:ext", NS):
            ext.set("cx", str(round(int(ext.get("cx")) * scale)))
    drop_extras(prs)
    return finish(prs, "Minimal test template")


def python_pptx_default() -> bytes:
    return finish(Presentation(), "python-pptx default template")


def finish(prs: PresentationT, title: str) -> bytes:
    core = prs.core_properties
    core.title = title
    core.author = core.last_modified_by = "deckgen tests"
    core.revision = 1
    core.created = core.modified = FIXED_DATE
    buffer = io.BytesIO()
    prs.save(buffer)
    return stable_zip(buffer.getvalue())


def stable_zip(data: bytes) -> bytes:
    """Fixed timestamps and entry order: python-pptx stamps every entry with the current time."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        names = sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for name in names:
                info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3
                info.external_attr = 0o644 << 16
                dst.writestr(info, src.read(name))
    return out.getvalue()


BUILDERS = {
    "corporate.pptx": corporate,
    "minimal.pptx": minimal,
    "python-pptx-default.pptx": python_pptx_default,
}


def main() -> int:
    for name, build in BUILDERS.items():
        (HERE / name).write_bytes(build())
        print(f"wrote {HERE / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
