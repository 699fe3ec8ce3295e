"""Where asset files live: the shipped template and fonts, installed or in a checkout; template profiles."""

from __future__ import annotations

from pathlib import Path

DEFAULT_TEMPLATE_NAME = "default"
_TEMPLATE_FILE = "templates/briefing.pptx"


def assets_dir() -> Path:
    """The assets folder: bundled in the wheel as ``deckgen/_assets``, or ``assets/`` in a checkout."""
    package = Path(__file__).resolve().parent.parent  # deckgen/
    bundled = package / "_assets"
    if bundled.is_dir():
        return bundled
    return package.parent / "assets"


def default_template_path() -> Path:
    return assets_dir() / _TEMPLATE_FILE


PROFILE_SUFFIX = ".profile.yaml"


def profile_path(template: Path) -> Path:
    """The optional template profile beside a template: ``corp.pptx`` -> ``corp.profile.yaml``."""
    return template.with_name(template.stem + PROFILE_SUFFIX)
