"""The deck plan as JSON-ready data, for ``deckgen plan`` and for tools that inspect a deck."""

from __future__ import annotations

import dataclasses
from enum import Enum
from pathlib import Path
from typing import Any

from deckgen.plan.model import DeckPlan


def plan_to_dict(plan: DeckPlan) -> dict[str, Any]:
    return {
        "meta": _plain(plan.meta),
        "template": str(plan.template),
        "slides": [
            {"number": n, **_plain(slide), "content_type": type(slide.content).__name__}
            for n, slide in enumerate(plan.slides, 1)
        ],
    }


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(_plain(k)): _plain(v) for k, v in value.items()}
    return value
