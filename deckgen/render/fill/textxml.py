"""DrawingML paragraphs written as XML text, byte for byte what python-pptx's setters write.

Going through python-pptx's ``_Paragraph``, ``Font`` and ``ColorFormat`` costs a descriptor
lookup, an xpath or a ``qn`` call and a proxy object for every attribute and child it touches:
about a third of a large deck's render. Here a frame's paragraphs become one string, parsed
once, so only the ``a:p`` elements that are moved into the frame get Python proxies.

What is written must stay the XML python-pptx writes (a deck built before and after is the same
file), so this module copies its rules: ``CT_TextParagraph.append_text`` splitting a paragraph
at ``\\n`` and ``\\v`` into runs and ``a:br`` (no empty runs), ``_escape_ctrl_chars`` writing
other control characters as ``_x000B_``, attributes in the order its setters add them, and its
range checks. ``deckgen.render.fill.text`` keeps the python-pptx path as the reference and for
what this module declines (``cleared`` returns None): tests compare the two.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pptx.oxml import parse_xml

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_A = "{" + A_NS + "}"
A_P = _A + "p"
A_BODY_PR = _A + "bodyPr"
# What python-pptx's ``_Paragraph.clear`` removes; anything else in a first paragraph it keeps.
_CONTENT = frozenset({_A + "r", _A + "br", _A + "fld"})

_BREAKS = re.compile("\n|\v")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")
# Characters no XML document may hold: lxml refuses them when an attribute or text is set, the
# parser here would refuse them differently. A frame holding one goes the python-pptx way.
_NOT_XML = re.compile("[\ufffe\uffff\ud800-\udfff]")
_ATTR_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class RunStyle:
    """``a:rPr`` of every run of a paragraph, as XML values: ``sz`` in centipoints, ``b`` and
    ``i`` "1" or "0", ``scheme`` a theme colour's name ("tx1") with python-pptx's brightness."""

    lang: str
    sz: str | None = None
    b: str | None = None
    i: str | None = None
    scheme: str | None = None
    brightness: float = 0.0


@dataclass(frozen=True)
class ParaSpec:
    """One ``a:p``: its text (runs and breaks still to split), ``a:pPr`` values as XML, and the
    style of its runs. ``margin`` is marL (indent its negative); ``bullet`` False adds
    ``a:buNone``, and marL and indent 0 unless ``margin`` says otherwise. ``spc_before`` is in
    EMU, as python-pptx's ``space_before`` takes it (and checks it)."""

    text: str
    style: RunStyle
    lvl: int = 0
    algn: str | None = None
    spc_before: int | None = None
    bullet: bool = True
    margin: int | None = None


def centipoints(points: float) -> int:
    """``Emu(Pt(points)).centipoints``, python-pptx's rounding (down, twice)."""
    return int(points * 12700) // 127


def percentage(value: float) -> str:
    """``ST_Percentage.convert_to_xml``: thousandths of a percent."""
    return str(round(value * 100000.0))


def in_range(spec: ParaSpec) -> bool:
    """Whether python-pptx's setters would take every value of ``spec`` without raising; if not,
    the caller goes the python-pptx way, which raises as it always did."""
    style = spec.style
    if style.sz is not None and not 100 <= int(style.sz) <= 400000:
        return False
    if spec.spc_before is not None and not 0 <= spec.spc_before <= 20116800:
        return False
    if not -1.0 <= style.brightness <= 1.0 or not 0 <= spec.lvl <= 8:
        return False
    return writable(spec.text, style.lang)


def one_run(text: str) -> bool:
    """Whether python-pptx writes ``text`` as one run holding it as it is: not empty, no line
    break to split it at, no control character to escape."""
    return text != "" and _BREAKS.search(text) is None and _CONTROL.search(text) is None


def writable(text: str, lang: str) -> bool:
    """Whether ``text`` and ``lang`` hold only characters an XML document may (after
    python-pptx's escapes), so that parsing them here gives what lxml's setters would."""
    return not _NOT_XML.search(text) and not _ATTR_NOT_XML.search(lang)


def cleared(body: Any) -> Any | None:
    """``TextFrame.clear`` on ``p:txBody`` ``body``: its first ``a:p``, emptied, the others
    removed; None, changing nothing, when that paragraph would keep anything (properties, an end
    mark, attributes) or the body lacks what python-pptx requires: the caller then writes the
    frame the python-pptx way."""
    paragraphs = body.findall(A_P)
    if not paragraphs or body.find(A_BODY_PR) is None:
        return None
    first = paragraphs[0]
    if first.attrib or first.text or any(child.tag not in _CONTENT for child in first):
        return None
    for extra in paragraphs[1:]:
        body.remove(extra)
    for child in list(first):
        first.remove(child)
    return first


def write_paragraphs(body: Any, first: Any, specs: Sequence[ParaSpec]) -> None:
    """Write ``specs`` into ``body`` as python-pptx would: the first into the emptied ``first``
    paragraph (replaced in place), the others appended as new ``a:p`` elements."""
    if not specs:
        return
    parsed = parse_xml(f'<a:txBody xmlns:a="{A_NS}">{"".join(paragraph_xml(s) for s in specs)}</a:txBody>')
    new = list(parsed)
    body.replace(first, new[0])
    body.extend(new[1:])


def write_plain(body: Any, texts: Sequence[str], lang: str) -> None:
    """``TextFrame.text`` (every ``a:p`` replaced, one per text) with each run's ``lang`` set."""
    for old in body.findall(A_P):
        body.remove(old)
    style = RunStyle(lang)
    parsed = parse_xml(f'<a:txBody xmlns:a="{A_NS}">{"".join(bare_xml(t, style) for t in texts)}</a:txBody>')
    body.extend(list(parsed))


def paragraph_xml(spec: ParaSpec) -> str:
    """An ``a:p`` with its ``a:pPr``, which python-pptx adds to every paragraph it levels."""
    attrs = ""
    if spec.lvl:
        attrs += f' lvl="{spec.lvl}"'
    if spec.algn is not None:
        attrs += f' algn="{spec.algn}"'
    if spec.margin is not None:
        attrs += f' marL="{spec.margin}" indent="{-spec.margin}"'
    elif not spec.bullet:
        attrs += ' marL="0" indent="0"'
    children = ""
    if spec.spc_before is not None:
        children += f'<a:spcBef><a:spcPts val="{spec.spc_before // 127}"/></a:spcBef>'
    if not spec.bullet:
        children += "<a:buNone/>"
    return f"<a:p><a:pPr{attrs}>{children}</a:pPr>{runs_xml(spec.text, spec.style)}</a:p>"


def bare_xml(text: str, style: RunStyle) -> str:
    """An ``a:p`` without properties, as ``TextFrame.text`` adds them."""
    return f"<a:p>{runs_xml(text, style)}</a:p>"


def runs_xml(text: str, style: RunStyle) -> str:
    """``CT_TextParagraph.append_text``: a run per piece between line breaks, ``a:br`` between
    pieces, no run for an empty piece; each run's ``a:rPr`` as ``style`` says."""
    rpr = rpr_xml(style)
    out = []
    for n, piece in enumerate(_BREAKS.split(text)):
        if n:
            out.append("<a:br/>")
        if piece:
            out.append(f"<a:r>{rpr}<a:t>{escape(piece)}</a:t></a:r>")
    return "".join(out)


def rpr_xml(style: RunStyle) -> str:
    """``a:rPr`` with lang, sz, b and i in the order deckgen sets them, and the theme colour
    python-pptx's ``ColorFormat`` writes: lumMod for a shade, lumMod and lumOff for a tint."""
    attrs = f' lang="{attr(style.lang)}"'
    if style.sz is not None:
        attrs += f' sz="{style.sz}"'
    if style.b is not None:
        attrs += f' b="{style.b}"'
    if style.i is not None:
        attrs += f' i="{style.i}"'
    if style.scheme is None:
        return f"<a:rPr{attrs}/>"
    mods = ""
    if style.brightness > 0:
        mods = f'<a:lumMod val="{percentage(1.0 - style.brightness)}"/>'
        mods += f'<a:lumOff val="{percentage(style.brightness)}"/>'
    elif style.brightness < 0:
        mods = f'<a:lumMod val="{percentage(1.0 - abs(style.brightness))}"/>'
    color = f'<a:solidFill><a:schemeClr val="{style.scheme}">{mods}</a:schemeClr></a:solidFill>'
    return f"<a:rPr{attrs}>{color}</a:rPr>"


def escape(text: str) -> str:
    """Text for ``a:t``: python-pptx's ``_x001B_`` escapes for control characters (not tab),
    then XML's for markup."""
    if _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(value: str) -> str:
    """An attribute value that parses back to ``value`` (whitespace kept as character references)."""
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    return value.replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")


# Inset attributes of ``a:bodyPr``, and the value python-pptx leaves out as the default.
_INSETS = (("lIns", 91440), ("rIns", 91440), ("tIns", 45720), ("bIns", 45720))


def box_body(body_pr: Any, anchor: str, inset: int) -> bool:
    """A new text box's ``a:bodyPr`` as ``add_text_box``'s setters leave it: wrap square, no
    autofit, ``anchor``, insets of twice ``inset`` at the sides and ``inset`` at top and bottom
    (python-pptx omits one equal to its default). False, changing nothing, when ``body_pr`` is
    not the one python-pptx's ``add_textbox`` makes or an inset is out of range: the setters then."""
    fresh = dict(body_pr.attrib) == {"wrap": "none"} and [c.tag for c in body_pr] == [_A + "spAutoFit"]
    if not fresh or not -(2**31) <= inset * 2 < 2**31:
        return False
    body_pr.set("wrap", "square")
    body_pr.remove(body_pr[0])
    body_pr.append(body_pr.makeelement(_A + "noAutofit", {}))
    body_pr.set("anchor", anchor)
    for name, default in _INSETS:
        value = inset * 2 if name in ("lIns", "rIns") else inset
        if value != default:
            body_pr.set(name, str(value))
    return True
