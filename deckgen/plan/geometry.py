"""The template's boxes and type styles as plain data: read by render, used by the planner to size text."""

from __future__ import annotations

from dataclasses import dataclass, field

from deckgen.charts.model import ChartStyle
from deckgen.plan.model import Layout

Box4 = tuple[int, int, int, int]  # left, top, width, height in EMU

DEFAULT_FAMILY = "Liberation Sans"  # what text is measured in when the template names no face


@dataclass(frozen=True)
class TextStyle:
    """How a placeholder sets its level-1 text, inherited through layout, master and theme.

    ``size`` is None when nothing in the chain sets one; ``indents`` are the left margins (marL)
    in points of the five list levels, for bodies.
    """

    family: str = DEFAULT_FAMILY
    size: float | None = None
    bold: bool = False
    line_spacing: float = 1.0
    indents: tuple[float, ...] = ()


@dataclass(frozen=True)
class RoleGeometry:
    """One role's layout: boxes (left, top, width, height) in EMU, fonts and level sizes in points.

    ``bodies`` are the text boxes in slot order (subtitle or text or body; or left, right);
    ``headings`` the two column headings of a "Comparison"-like layout. ``body_font`` is the
    profile's face, else the first the layout, its master or the theme names; ``body_sizes`` are
    empty when none of them sets one. ``title_style`` and ``body_styles`` are what the
    placeholders inherit, without the profile; ``text_font`` is the theme's body face, which
    text boxes (quotes, captions, the footer) are set in.
    """

    layout: str
    title: Box4 | None
    bodies: tuple[Box4, ...]
    headings: tuple[Box4, ...] = ()
    body_font: str | None = None
    body_sizes: tuple[float, ...] = ()  # level 1 first
    title_font: str | None = None
    title_size: float | None = None
    title_style: TextStyle = TextStyle()
    body_styles: tuple[TextStyle, ...] = ()  # one per box in ``bodies``
    text_font: str = DEFAULT_FAMILY


@dataclass(frozen=True)
class TemplateGeometry:
    slide_width: int
    slide_height: int
    roles: dict[Layout, RoleGeometry] = field(default_factory=dict)  # roles the template serves
    chart_style: ChartStyle = field(default_factory=ChartStyle)  # charts in the theme's body face
