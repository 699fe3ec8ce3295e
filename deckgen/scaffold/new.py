"""``deckgen new``: find the article and the dataset, draft the brief, and write it without clobbering."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from deckgen.core.config import find_project
from deckgen.core.errors import DeckgenError, Diagnostic, Loc
from deckgen.core.suggest import did_you_mean
from deckgen.jobs.output import write_atomic
from deckgen.scaffold.draft import DraftInputs, DraftKind, draft_brief
from deckgen.sources import SourceLibrary, is_valid_id
from deckgen.sources.model import Article

BRIEF_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class NewBrief:
    """What ``new_brief`` wrote."""

    brief: Path
    article: str  # the article's id
    kind: DraftKind
    slides: int  # slides written in the brief (a timing plan or answer slide adds none here)
    excerpts: int
    placeholders: int  # <<text>> left for staff to write, each a warning until written
    dataset: Path | None
    flanks: tuple[str, ...]  # one chart slide each


def new_brief(
    brief: Path,
    article: str,
    *,
    kind: DraftKind = DraftKind.READ_AHEAD,
    force: bool = False,
    sources_dir: Path | None = None,
    data: Path | None = None,
    marking: str | None = None,
) -> NewBrief:
    """Write a first-draft brief at ``brief`` from ``article`` (an id in the sources folder, or the
    path of a Markdown source in it); raise ``DeckgenError`` when it cannot, writing nothing.

    The sources folder is ``sources_dir``, else the project's (``deckgen.toml``), else
    ``sources/`` beside the brief: where ``check`` looks. A marking the project sets is left to it.
    The dataset is ``data``, else the one ``.yaml`` file in ``data/`` beside the brief (no
    charts when there is none, or more than one). An existing brief is replaced only with
    ``force``; the file is written atomically, so a reader never sees half a draft.
    """
    check_target(brief, force=force)
    project = find_project(brief)  # its sources folder and marking, as check will use them
    library = SourceLibrary(sources_dir if sources_dir is not None else project.sources_for(brief))
    found = find_article(article, library)
    dataset = data if data is not None else default_dataset(brief.parent)
    flanks = dataset_flanks(dataset, library) if dataset is not None else ()
    options = f"--sources {sources_dir} " if sources_dir is not None else ""
    draft = draft_brief(
        DraftInputs(
            article=found,
            kind=kind,
            brief=f"{options}{brief}",
            article_file=str(found.path),
            data=os.path.relpath(dataset, brief.parent) if dataset is not None else None,
            flanks=flanks,
            marking=marking,
            project_marking=project.marking,
        )
    )
    write_atomic(brief, draft.text.encode("utf-8"))
    return NewBrief(brief, found.id, kind, draft.slides, draft.excerpts, draft.placeholders, dataset, flanks)


def check_target(brief: Path, *, force: bool) -> None:
    """The brief may be written: a .yaml name, and no file there unless ``force``."""
    if brief.suffix not in BRIEF_SUFFIXES:
        _fail(brief, "not-a-brief-name", f"{brief} is not a .yaml file", f"name the brief {brief.stem}.yaml")
    if os.path.lexists(brief) and not force:
        _fail(
            brief,
            "brief-exists",
            f"{brief} exists; deckgen new writes only new briefs",
            "choose another name, or add --force to replace it with a new draft",
        )


def find_article(given: str, library: SourceLibrary) -> Article:
    """The article named by an id in the library's folder or by the path of a file in it."""
    folder = library.folder
    if given.endswith(".txt"):
        stem = Path(given).stem
        article_id = stem if is_valid_id(stem) else "new-article"
        _fail(
            Path(given),
            "import-first",
            f"{given} is plain text; a brief cites Markdown sources",
            f"import it first, `deckgen import {given} --id {article_id} -o {folder / article_id}.md`, "
            "finish the file (every UNKNOWN and CHECK), then run deckgen new with the id",
        )
    if given.endswith(".md") or os.sep in given or "/" in given:
        return _article_at(Path(given), library)
    article = library.get(given) if is_valid_id(given) else None
    if article is None:
        close = did_you_mean(given, library.ids())
        known = ", ".join(library.ids()) or "none"
        _fail(
            Path(given),
            "unknown-article",
            f"no article '{given}' in {folder}",
            f"{close + ' ' if close else ''}the articles there: {known}; or give the path of a .md source",
        )
    return article


def _article_at(path: Path, library: SourceLibrary) -> Article:
    if not os.path.lexists(path):
        _fail(path, "missing-file", f"no such source file: {path}", "give an article id or a .md path")
    if not library.folder.is_dir() or not path.parent.resolve().samefile(library.folder.resolve()):
        _fail(
            path,
            "source-outside-folder",
            f"{path} is not in {library.folder}, where the brief will look for its articles",
            f"copy it there (`cp {path} {library.folder}/`), or name its folder with --sources "
            "(and give check and build the same --sources)",
        )
    article = library.get(path.stem)
    if article is None:  # the name is not an id: SourceLibrary reads only <id>.md files
        _fail(path, "bad-article-name", f"{path.name} is not named <article-id>.md", "use a-z, 0-9 and '-'")
    return article


def default_dataset(folder: Path) -> Path | None:
    """The one dataset in ``data/`` beside the brief, or None when there is none or several."""
    found = sorted((folder / "data").glob("*.yaml")) if (folder / "data").is_dir() else []
    return found[0] if len(found) == 1 else None


def dataset_flanks(path: Path, library: SourceLibrary) -> tuple[str, ...]:
    """The flanks the dataset has records on, in the order charts show flanks; its problems raise."""
    from deckgen.dataset import Flank, load_dataset

    dataset = load_dataset(path, sources=library)
    present = {record.flank for record in dataset.records}
    return tuple(flank.value for flank in Flank if flank in present)


def _fail(path: Path, code: str, message: str, hint: str) -> NoReturn:
    raise DeckgenError((Diagnostic(Loc(str(path)), code, message, hint=hint),))
