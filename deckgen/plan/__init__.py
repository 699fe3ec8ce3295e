"""Planning: what goes on every slide, as plain data."""

from __future__ import annotations

from deckgen.plan.model import DeckPlan, SlidePlan
from deckgen.plan.planner import plan_deck

__all__ = ["DeckPlan", "SlidePlan", "plan_deck"]
