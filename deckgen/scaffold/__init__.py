"""First-draft briefs from an article: ``deckgen new`` writes one that builds at once."""

from __future__ import annotations

from deckgen.scaffold.draft import Draft, DraftInputs, DraftKind, draft_brief
from deckgen.scaffold.new import NewBrief, new_brief

__all__ = ["Draft", "DraftInputs", "DraftKind", "NewBrief", "draft_brief", "new_brief"]
