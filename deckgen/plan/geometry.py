"""The template's boxes and type sizes as plain data: measured by render, used by the planner to fit text."""

from __future__ import annotations

from dataclasses import dataclass, field

from deckgen.plan.model import Layout

Box4 = tuple[int, int, int, int]  # left, top, width, height in EMU


@dataclass(frozen=True)
class RoleGeometry:
    """One role's layout: boxes (left, top, width, height) in EMU, fonts and level sizes in points.

    ``bodies`` are the text boxes in slot order (body; or left, right); ``headings`` the two
    column headings of a "Comparison"-like layout. Fonts are the profile's, else the first the
    layout, its master or the theme names; sizes are empty when none of them sets one.
    """

    layout: str
    title: Box4 | None
    bodies: tuple[Box4, ...]
    headings: tuple[Box4, ...] = ()
    body_font: str | None = None
    body_sizes: tuple[float, ...] = ()  # level 1 first
    title_font: str | None = None
    title_size: float | None = None


@dataclass(frozen=True)
class TemplateGeometry:
    slide_width: int
    slide_height: int
    roles: dict[Layout, RoleGeometry] = field(default_factory=dict)  # roles the template serves
