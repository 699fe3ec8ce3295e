"""Entry point for ``python -m deckgen``."""

from __future__ import annotations

from deckgen.cli.main import main

if __name__ == "__main__":
    main()
