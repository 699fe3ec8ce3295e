"""Where charts keep files between runs: deckgen's corner of the user cache and the picture folder in it."""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    """deckgen's corner of the user cache: ``$XDG_CACHE_HOME/deckgen`` or ``~/.cache/deckgen``."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "deckgen"


def default_folder() -> Path:
    """``$DECKGEN_CACHE_DIR``, else ``charts`` under ``cache_root()``."""
    if folder := os.environ.get("DECKGEN_CACHE_DIR"):
        return Path(folder)
    return cache_root() / "charts"
