"""The command line: a thin click layer over ``deckgen.api``, one module per command group."""

from __future__ import annotations

from deckgen.cli.main import main

__all__ = ["main"]
