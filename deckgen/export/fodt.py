"""The handout as flat OpenDocument text (.fodt): paragraph styles, the A4 page, paragraphs and pictures."""

# Why .fodt: LibreOffice Writer turns it into the PDF, and of the formats Writer can import only
# OpenDocument keeps what a handout needs: a master page whose header and footer carry the
# marking on every page, A4 page geometry, page breaks and keep-with-next, and images embedded
# as base64 inside the one file. Writer's HTML import ignores CSS paged media, so HTML cannot put
# the marking on every page. The .fodt is one self-contained, plain XML file: when LibreOffice is
# missing, it is what the user gets, and Writer or any OpenDocument editor opens it.

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr, unescape

from PIL import Image

IMAGE_WIDTH_CM = 16.0

_PAGE_NUMBER = (
    '<text:p text:style-name="PageNumber">Page <text:page-number text:select-page="current"/></text:p>'
)


def document(*, title: str, language: str, marking: str, body: Sequence[str]) -> str:
    """The whole file: ``body`` paragraphs on A4 pages with the marking above and below each."""
    marked = paragraph("Marking", marking) if marking else ""
    lang, _, country = language.partition("-")
    return _DOCUMENT.format(
        styles=_STYLES,
        title=escape(title),
        language=escape(language),
        locale=f"fo:language={quoteattr(lang)}" + (f" fo:country={quoteattr(country)}" if country else ""),
        header=marked or "<text:p/>",
        footer=marked + _PAGE_NUMBER,
        body="\n".join(body),
    )


def paragraph(style: str, text: str) -> str:
    return f"<text:p text:style-name={quoteattr(style)}>{escape(text)}</text:p>"


def picture(png: Path, *, name: str, title: str, desc: str) -> str:
    """A PNG embedded in a centred paragraph, ``IMAGE_WIDTH_CM`` wide, with its title and description."""
    with Image.open(png) as image:
        width, height = image.size
    data = base64.b64encode(png.read_bytes()).decode("ascii")
    return (
        '<text:p text:style-name="Figure">'
        f'<draw:frame draw:style-name="SlideFrame" draw:name={quoteattr(name)} text:anchor-type="as-char" '
        f'svg:width="{IMAGE_WIDTH_CM:.2f}cm" svg:height="{IMAGE_WIDTH_CM * height / width:.2f}cm">'
        f"<draw:image><office:binary-data>{data}</office:binary-data></draw:image>"
        f"<svg:title>{escape(title)}</svg:title>"
        f"<svg:desc>{escape(desc)}</svg:desc></draw:frame></text:p>"
    )


def plain_text(paragraphs: Iterable[str]) -> str:
    """The words of some paragraphs on one line, markup dropped."""
    texts = re.findall(r">([^<]+)<", "".join(paragraphs))
    return " ".join(unescape(t) for t in texts)


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
