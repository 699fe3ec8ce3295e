"""deckgen: compile YAML briefs into PowerPoint briefing and teaching decks."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
