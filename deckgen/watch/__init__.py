"""``deckgen watch``: one long-lived process that checks, builds and previews briefs as they are saved."""

from __future__ import annotations

from deckgen.watch.events import (
    BuildFailed,
    Built,
    Checked,
    Event,
    Missing,
    Previewed,
    PreviewFailed,
    Round,
    Watching,
)
from deckgen.watch.feed import ChangeFeed, StopEvent, watchfiles_feed
from deckgen.watch.loop import WatchSummary, watch
from deckgen.watch.session import WatchOptions

__all__ = [
    "BuildFailed",
    "Built",
    "ChangeFeed",
    "Checked",
    "Event",
    "Missing",
    "PreviewFailed",
    "Previewed",
    "Round",
    "StopEvent",
    "WatchOptions",
    "WatchSummary",
    "Watching",
    "watch",
    "watchfiles_feed",
]
