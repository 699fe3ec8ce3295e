"""A parsed template profile as plain data: what profile.py reads and the layout rules in slots.py consult."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from deckgen.core.errors import Loc
from deckgen.plan.model import Layout


@dataclass(frozen=True)
class TemplateProfile:
    """A parsed ``<template>.profile.yaml``; ``locs`` says where each entry is written."""

    path: Path
    layouts: dict[Layout, str] = field(default_factory=dict)
    placeholders: dict[Layout, dict[str, int]] = field(default_factory=dict)
    fonts: dict[str, str] = field(default_factory=dict)
    locs: dict[str, Loc] = field(default_factory=dict)  # "layouts.title" -> where its value is

    def loc(self, key: str) -> Loc:
        return self.locs.get(key, Loc(str(self.path)))
