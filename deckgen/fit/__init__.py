"""Text fitting with real font metrics: where lines break, how tall text is, which size fits.

The model, measured against LibreOffice 7.4 (``tests/fit/test_against_libreoffice.py``):

Line height. A single-spaced line is 1.2 x the font size for every face: LibreOffice gives .pptx
text PowerPoint's font-independent line spacing, so the fonts' own metrics (Liberation Sans
ascent + descent 1.117 em, 1.149 em with its line gap; Carlito 1.0 or 1.22 em) play no part.
Measured baseline pitch: 21.6 pt at 18 pt, 28.8 at 24, 33.6 at 28, 48.0 at 40, and 28.8 at 24 pt
in Carlito too. ``<a:spcPct>`` multiplies it: 25.92 pt at 24 pt and 90 %, 43.2 pt at 150 %. At
single spacing the first baseline sits 1.0 em under the top inset, so a block of n lines is
n x 1.2 x size tall (Liberation Sans descenders reach 0.012 em further).

Paragraph spacing. Space after one paragraph and space before the next add up. LibreOffice drops
the first paragraph's space before; the fitters count it anyway (PowerPoint is unmeasured) and
never count the last paragraph's space after, which draws nothing.

Widths. LibreOffice lays text out on a 600 dpi reference device: the font is round(size x 600/72)
pixels high, each glyph advance is rounded to a whole pixel, GPOS kerning applies, ligatures do
not, and the box width is taken in 1/100 mm and then whole pixels. ``FontBook`` reproduces that
from advances measured once at 2048 ppem. In a one-off calibration over 252 boxes (Liberation
Sans and Carlito, regular, bold and italic, 18 to 32 pt, 297 to 859 pt wide, 3,200 lines of the
example article) every line broke where LibreOffice broke it; with ideal, unrounded widths 36
boxes broke differently somewhere. Lines break after spaces (not no-break spaces), after hyphens
and en dashes, on both sides of an em dash and after "!" or "?"; a word wider than the line is
cut between characters.

Accuracy in the test: line counts equal for all 55 paragraphs (174 lines) at 18 to 28 pt, the
template's bullet body included; block heights within 0.3 % of the drawn text (0.12 % for
Liberation Sans); each paragraph's last baseline within 0.2 pt at single spacing.

What a caller must pass for this to hold: the text exactly as the renderer writes it (after
``slide_text``, which also turns no-break spaces into spaces); a ``BoxPt`` that is the shape's
size minus its insets (``BoxPt.inside``: 0.1 in left and right, 0.05 in top and bottom, as the
template's placeholders and ``add_text_box`` use); each paragraph's left margin (marL; the
template's levels are ``BRIEFING_BODY``); its size, bold and italic; the line spacing the
template gives it (1.0 in bodies, 0.9 in titles) and its space before/after in points; and the
theme font (Liberation Sans; Arial and Calibri resolve to their metric twins). The fitters hold
back 1 % of the width (``fitter.SAFETY``) for PowerPoint, which rounds differently and does not kern
runs without a kern attribute.
"""

from __future__ import annotations

from deckgen.fit.fitter import (
    BRIEFING_BODY,
    PLAIN,
    BlockStyle,
    BoxPt,
    FitResult,
    Level,
    Para,
    candidate_sizes,
    fit_block,
    fit_single,
    fit_sized,
)
from deckgen.fit.metrics import FontBook, default_book
from deckgen.fit.wrap import (
    SINGLE_LINE_EM,
    Paragraph,
    Stack,
    line_height_pt,
    stack,
    text_height_pt,
    wrap,
)

__all__ = [
    "BRIEFING_BODY",
    "PLAIN",
    "SINGLE_LINE_EM",
    "BlockStyle",
    "BoxPt",
    "FitResult",
    "FontBook",
    "Level",
    "Para",
    "Paragraph",
    "Stack",
    "candidate_sizes",
    "default_book",
    "fit_block",
    "fit_single",
    "fit_sized",
    "line_height_pt",
    "stack",
    "text_height_pt",
    "wrap",
]
