"""The library API: the order of the stages for ``check``, ``plan``, ``build``, ``review``, ``sections``,
``import``, and ``data check``."""

from __future__ import annotations

import gc
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.core.errors import (
    Collector,
    DeckgenError,
    Diagnostic,
    Loc,
    Severity,
    file_problem,
    sort_diagnostics,
)
from deckgen.core.files import FileProblem, read_text
from deckgen.core.stamps import BadEpoch, source_date_epoch
from deckgen.jobs.manifest import (
    changed_inputs,
    file_digest,
    make_manifest,
    manifest_path,
    snapshot,
    up_to_date,
)
from deckgen.jobs.output import deck_lock, default_output, write_atomic

# The pipeline (PyYAML, Pillow, python-pptx, matplotlib behind it) is imported by the functions that
# run it, so importing this module, and a build whose deck is up to date, costs none of it.
if TYPE_CHECKING:
    from deckgen.dataset import YearMonthDay
    from deckgen.dataset.audit import Audit
    from deckgen.plan import DeckPlan
    from deckgen.resolve.model import ResolvedDeck
    from deckgen.review import ReviewSheet
    from deckgen.sources import AddressInfo
    from deckgen.sources.model import Article


@dataclass(frozen=True)
class CheckResult:
    brief: Path
    plan: DeckPlan
    diagnostics: tuple[Diagnostic, ...]  # warnings only; errors raise
    inputs: tuple[Path, ...] = ()  # every file the deck depends on
    resolved: ResolvedDeck | None = None  # what the plan was made from: citations, grounding


@dataclass(frozen=True)
class BuildResult:
    brief: Path
    output: Path
    slides: int
    diagnostics: tuple[Diagnostic, ...]
    seconds: float
    skipped: bool = False  # True when the deck was up to date and nothing was done


def check(brief: Path, *, strict: bool = False, sources_dir: Path | None = None) -> CheckResult:
    """Load, resolve and plan a brief, and check its template; raise ``DeckgenError`` on errors.

    With ``strict``, warnings are failures too (as Sphinx ``-W`` does).
    """
    from deckgen.brief import load_brief
    from deckgen.plan import plan_deck
    from deckgen.plan.model import Layout
    from deckgen.resolve.resolver import resolve

    diags = Collector()
    spec, found = load_brief(brief)
    diags.extend(list(found.items))
    plan = None
    inputs: tuple[Path, ...] = ()
    resolved: ResolvedDeck | None = None
    if spec is not None:
        resolved, found = resolve(spec, sources_dir=sources_dir)
        diags.extend(list(found.items))
        if resolved is not None and not diags.has_errors:
            inputs = resolved.inputs
            from deckgen.render import template_geometry

            # The template's boxes, so the planner can measure text (render owns python-pptx).
            # A template that cannot be read is reported by check_template below.
            names = {Layout(role): name.value for role, name in spec.deck.layouts}
            try:
                geometry = template_geometry(resolved.template, names)
            except DeckgenError:
                geometry = None
            plan, found = plan_deck(resolved, geometry=geometry)
            diags.extend(list(found.items))
    if plan is not None and not diags.has_errors:
        from deckgen.render import check_template

        used = {slide.layout for slide in plan.slides}
        diags.extend(list(check_template(plan.template, plan.layout_names, roles=used)))
        if not plan.meta.date:
            _check_epoch(diags, brief)
    items = sort_diagnostics(list(diags.items))
    if diags.has_errors or (strict and items):
        raise DeckgenError(items)
    assert plan is not None
    return CheckResult(brief, plan, items, inputs, resolved)


@dataclass(frozen=True)
class ReviewResult:
    brief: Path
    sheet: ReviewSheet
    diagnostics: tuple[Diagnostic, ...]  # the warnings of ``check``, which the sheet lists too


def review(brief: Path, *, sources_dir: Path | None = None) -> ReviewResult:
    """Check a brief and build its review sheet, for whoever signs the deck off; raise
    ``DeckgenError`` on errors, as ``check`` does. Render it with ``deckgen.review.html``."""
    from deckgen.review import build_sheet

    checked = check(brief, sources_dir=sources_dir)
    assert checked.resolved is not None  # a plan is only made from a resolved deck
    sheet = build_sheet(
        brief=brief, plan=checked.plan, resolved=checked.resolved, diagnostics=checked.diagnostics
    )
    return ReviewResult(brief, sheet, checked.diagnostics)


def default_review_output(brief: Path) -> Path:
    """Where a brief's review goes when no output is named: beside its deck, ``decks/<brief>.review.html``."""
    return default_output(brief).with_name(f"{brief.stem}.review.html")


def _check_epoch(diags: Collector, brief: Path) -> None:
    """An undated brief takes its stamp from SOURCE_DATE_EPOCH: it must be a time a deck can hold."""
    try:
        source_date_epoch()
    except BadEpoch as exc:
        diags.error(
            Loc(str(brief), 1, 1),
            "bad-source-date-epoch",
            str(exc),
            hint="fix or unset SOURCE_DATE_EPOCH, or give the brief a 'date:' under 'deck:'",
            key="deck.date",
        )


def build(
    brief: Path,
    *,
    output: Path | None = None,
    strict: bool = False,
    sources_dir: Path | None = None,
    no_cache: bool = False,
    force: bool = False,
) -> BuildResult:
    """Check, render and write one deck atomically. Nothing is written when there is an error.

    Unless ``force``, a deck whose manifest shows unchanged inputs is skipped without parsing
    the brief (and without importing python-pptx or matplotlib). The deck is locked while it
    is built, so two jobs never write the same deck at once.
    """
    started = time.perf_counter()
    target = output or default_output(brief)
    if not force and (done := up_to_date(brief, target, sources_dir=sources_dir)) is not None:
        return BuildResult(brief, target, done.slides, (), time.perf_counter() - started, skipped=True)
    with deck_lock(target), _few_collections():
        # Another job may have built it while we waited for the lock.
        if not force and (done := up_to_date(brief, target, sources_dir=sources_dir)) is not None:
            return BuildResult(brief, target, done.slides, (), time.perf_counter() - started, skipped=True)
        first = _brief_digest(brief)
        checked = check(brief, strict=strict, sources_dir=sources_dir)
        plan, inputs, diagnostics = checked.plan, checked.inputs, checked.diagnostics
        del checked  # the brief and its resolved deck are not needed to render: let them go
        digests = _snapshot(brief, inputs)  # what this build read, taken before rendering
        from deckgen.charts.cache import ChartCache
        from deckgen.render import render_deck_to

        cache = None if no_cache else ChartCache.default()
        written = write_atomic(target, lambda into: render_deck_to(plan, into, chart_cache=cache))
        slides = len(plan.slides)
        changed = changed_inputs(digests)
        if first is not None and digests.get(str(brief.resolve())) != first:
            changed.append(str(brief))
        if changed:
            manifest_path(target).unlink(missing_ok=True)  # the next build must not skip this deck
            diagnostics = (*diagnostics, _changed_during_build(target, changed))
        else:
            made = make_manifest(brief, inputs, written, slides, sources_dir=sources_dir, digests=digests)
            write_atomic(manifest_path(target), made.to_json().encode())
    return BuildResult(
        brief=brief,
        output=target,
        slides=slides,
        diagnostics=diagnostics,
        seconds=time.perf_counter() - started,
    )


@contextmanager
def _few_collections() -> Iterator[None]:
    """Build with the cyclic garbage collector mostly resting, as it was on return.

    A build makes a few hundred thousand short-lived objects, nearly all freed by reference
    counting; with Python's default thresholds the collector still ran about 200 times on the
    training deck (a tenth of its CPU) walking the imported libraries' objects. Here the objects
    already alive are frozen out of its sight and it runs once per 200,000 new objects: no
    collection at all for the training deck, a fifth of the time at 2,000 slides. Garbage in
    cycles waits longer, so the renderer breaks python-pptx's per-slide cycles as each slide is
    finished (``release`` in render/package/write.py): at 3,000 slides the peak is 151 MB
    against 147 MB with the default collector (297 MB before those cycles were broken). A
    caller that froze objects itself keeps them frozen."""
    thresholds = gc.get_threshold()
    freeze = gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    gc.set_threshold(200_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if freeze:
            gc.unfreeze()


def _brief_digest(brief: Path) -> str | None:
    try:
        return file_digest(brief, "brief")
    except FileProblem:
        return None  # check reports it


def _snapshot(brief: Path, inputs: tuple[Path, ...]) -> dict[str, str]:
    try:
        return snapshot(brief, inputs)
    except FileProblem as exc:
        raise DeckgenError((file_problem(str(brief), exc),)) from None


def _changed_during_build(target: Path, changed: list[str]) -> Diagnostic:
    return Diagnostic(
        Loc(changed[0]),
        "input-changed-during-build",
        f"{', '.join(changed)} changed while {target} was being built; the deck reflects the "
        "earlier content, and no manifest was written, so the next build rebuilds it",
        severity=Severity.WARNING,
    )


def open_article(source: Path) -> Article:
    """Load one source article; raise ``DeckgenError`` with located problems."""
    from deckgen.sources import load_article

    if not os.path.lexists(source):
        raise DeckgenError(
            (
                Diagnostic(
                    Loc(str(source)),
                    "missing-file",
                    f"no such source file: {source}",
                    hint="give the path of a Markdown source, e.g. briefs/sources/southern-underbelly.md",
                    severity=Severity.ERROR,
                ),
            )
        )
    return load_article(source)


def sections(source: Path) -> tuple[Article, tuple[AddressInfo, ...]]:
    """Every valid address in a source article, with its line and first words."""
    from deckgen.sources import list_addresses

    article = open_article(source)
    return article, list_addresses(article)


def import_article(text_file: Path, *, article_id: str | None = None, output: Path | None = None) -> str:
    """Turn a plain-text article into the source Markdown format (front matter to check).

    Without ``article_id`` the id is made from the name of ``output``, the file it will be written
    to (a brief finds an article by its file name), or else from the name of ``text_file``.
    """
    from deckgen.sources import import_text

    try:
        text = read_text(text_file, "text", controls=True)  # the importer drops control characters
    except FileProblem as exc:
        raise DeckgenError((file_problem(str(text_file), exc),)) from None
    named = output if output is not None else text_file
    try:
        return import_text(text, article_id=article_id or _slug(named.stem))
    except ValueError as exc:  # no title and body, or an --id that is not an id
        hint = (
            "ids use only a-z, 0-9 and '-' and start with a letter or digit, e.g. --id new-article"
            if "article id" in str(exc)
            else "the text needs its title on the first line, a blank line, then the paragraphs "
            "separated by blank lines"
        )
        raise DeckgenError((Diagnostic(Loc(str(text_file)), "import-failed", str(exc), hint=hint),)) from None


def _slug(stem: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "article"


@dataclass(frozen=True)
class DataCheckResult:
    dataset: Path
    audit: Audit
    diagnostics: tuple[Diagnostic, ...]  # warnings only; errors raise


def check_data(
    dataset: Path,
    *,
    since: YearMonthDay | None = None,
    strict: bool = False,
    sources_dir: Path | None = None,
) -> DataCheckResult:
    """Load and verify a presence dataset, then audit it: records by flank and region, single-source
    records, records not reviewed since ``since`` (None: never reviewed). Raise ``DeckgenError`` on
    errors, and with ``strict`` on warnings too, as ``check`` does."""
    from deckgen.dataset import check_dataset
    from deckgen.dataset.audit import audit_dataset
    from deckgen.sources import SourceLibrary

    library = SourceLibrary(sources_dir or dataset_sources(dataset))
    loaded, diags = check_dataset(dataset, sources=library)
    items = sort_diagnostics(list(diags.items))
    if loaded is None or diags.has_errors or (strict and items):
        raise DeckgenError(items)
    return DataCheckResult(dataset, audit_dataset(loaded, since=since), items)


def dataset_sources(dataset: Path) -> Path:
    """Where a dataset's articles are by default: the project configuration's sources folder, else
    ``sources/`` beside it, else beside its folder (``briefs/data/x.yaml`` cites ``briefs/sources/``,
    where the briefs' articles are). A broken configuration raises ``DeckgenError``."""
    from deckgen.core.config import find_project

    if (configured := find_project(dataset).sources) is not None:
        return configured
    beside = dataset.parent / "sources"
    if beside.is_dir():
        return beside
    return Path(os.path.normpath(dataset.parent / "..")) / "sources"
