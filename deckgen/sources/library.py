"""The folder of article files that briefs cite, each read the first time it is asked for."""

from __future__ import annotations

import os
import re
from pathlib import Path

from deckgen.core.errors import Collector, DeckgenError, Diagnostic, Loc
from deckgen.core.files import NAME_MAX, FileProblem, read_text
from deckgen.core.memo import cached
from deckgen.core.suggest import suggestions
from deckgen.sources.address import is_valid_id
from deckgen.sources.markdown import load_article
from deckgen.sources.model import Article

_ID_KEY = re.compile(r"id\s*:")


class SourceLibrary:
    """Articles stored as ``<folder>/<id>.md``: the file name is the article id.

    Files whose names are not ids (``README.md``, ``Draft notes.md``) are not articles. Loaded
    articles are kept for the life of this object only, so a new library sees edited files.
    Articles are loaded as finished: a placeholder left by `deckgen import` is an error.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._loaded: dict[str, Article] = {}

    def ids(self) -> list[str]:
        """Ids of every article file in the folder, sorted; none are read."""
        if not self.folder.is_dir():
            return []
        return sorted(p.stem for p in self.folder.glob("*.md") if p.is_file() and is_valid_id(p.stem))

    def path_for(self, article_id: str) -> Path | None:
        if not is_valid_id(article_id) or len(os.fsencode(article_id)) > NAME_MAX - 3:
            return None
        path = self.folder / f"{article_id}.md"
        # Anything by that name: a folder or a FIFO is then reported as "not a regular file".
        return path if os.path.lexists(path) else None

    def loaded(self) -> tuple[Article, ...]:
        """Every article loaded so far: the source files a build depends on."""
        return tuple(self._loaded.values())

    def get(self, article_id: str) -> Article | None:
        """The article with this id, None when there is no such file; DeckgenError when it is broken."""
        if article_id in self._loaded:
            return self._loaded[article_id]
        path = self.path_for(article_id)
        if path is None:
            return None
        # A deck cites what the library loads, so the importer's placeholders are errors here.
        # A long-lived process (deckgen watch) keeps the parse while the file's bytes are unchanged.
        article = cached("article", (path,), True, lambda: load_article(path, finished=True))
        if article.id != article_id:
            # Briefs find articles by file name, so an `id:` that disagrees would make one
            # article answer to two names.
            raise DeckgenError(
                (
                    Diagnostic(
                        Loc(str(path), _id_line(path), 1),
                        "source-id-mismatch",
                        f"the file {path.name} says its id is '{article.id}'",
                        hint=f"an article's id is its file name: remove `id:` or rename the file "
                        f"to {article.id}.md",
                    ),
                )
            )
        self._loaded[article_id] = article
        return article

    def load_all(self) -> tuple[Article, ...]:
        """Every article in id order; the problems of all broken files are raised together."""
        diags = Collector()
        articles: list[Article] = []
        for article_id in self.ids():
            try:
                article = self.get(article_id)
            except DeckgenError as exc:
                diags.extend(exc.diagnostics)
                continue
            if article is not None:
                articles.append(article)
        diags.raise_if_errors()
        return tuple(articles)

    def suggest(self, wrong: str) -> list[str]:
        """Up to three article ids that look like ``wrong``."""
        return suggestions(wrong, self.ids(), n=3)


def _id_line(path: Path) -> int:
    try:
        lines = read_text(path, "article", controls=True).splitlines()
    except FileProblem:
        return 1
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() == "---":
            break
        if _ID_KEY.match(line):
            return number
    return 1
