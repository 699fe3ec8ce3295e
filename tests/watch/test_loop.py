"""The watch loop in-process: a scripted change feed stands in for the file system's, so each save is
made, handed to the loop, and answered before the next one, with no timing involved."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from deckgen.watch import (
    BuildFailed,
    Built,
    Checked,
    Event,
    Missing,
    Round,
    Watching,
    WatchOptions,
    watch,
)
from tests.watch.conftest import READAHEAD

Step = Callable[[], set[Path]]


class Script:
    """A change feed that makes one save per batch it hands over, in order, then ends.

    ``folders`` records what the loop asked to watch each time it (re)started the feed."""

    def __init__(self, *steps: Step) -> None:
        self.steps = iter(steps)
        self.folders: list[tuple[Path, ...]] = []

    def __call__(self, folders: tuple[Path, ...], stop: object) -> Iterator[set[Path]]:
        self.folders.append(folders)
        for step in self.steps:
            yield step()


def edit(path: Path, old: str, new: str) -> Step:
    def step() -> set[Path]:
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return {path}

    return step


def run(target: Path, *steps: Step, options: WatchOptions | None = None) -> tuple[list[Event], Script]:
    events: list[Event] = []
    script = Script(*steps)
    watch(target, emit=events.append, stop=threading.Event(), options=options, feed=script)
    return events, script


def checks(events: list[Event]) -> list[Checked]:
    return [e for e in events if isinstance(e, Checked)]


def codes(event: Checked) -> set[str]:
    return {d.code for d in event.diagnostics}


def test_a_mistake_made_and_fixed(project: Path) -> None:
    brief = project / READAHEAD
    events, _ = run(
        brief,
        edit(brief, "su#race/p1", "su#rase/p1"),
        edit(brief, "su#rase/p1", "su#race/p1"),
    )
    first, broken, fixed = checks(events)
    assert first.ok and first.slides == 8
    assert not broken.ok and "unresolved-address" in codes(broken)
    assert fixed.ok and fixed.slides == 8
    rounds = [e for e in events if isinstance(e, Round)]
    assert [r.changed for r in rounds] == [(), (brief,), (brief,)]
    assert isinstance(events[-1], Watching)


def test_a_save_of_an_article_it_cites_checks_it_again(project: Path) -> None:
    brief = project / READAHEAD
    article = project / "sources" / "southern-underbelly.md"
    events, _ = run(
        brief, edit(article, "Russia seems to be winning this race", "Russia seems to be losing this race")
    )
    first, after = checks(events)
    assert first.ok
    # The quote on slide 6 is no longer in the article: the cached parse was not reused.
    assert not after.ok and "quote-not-in-source" in codes(after)


def test_a_save_of_the_dataset_checks_it_again(project: Path) -> None:
    brief = project / READAHEAD
    dataset = project / "data" / "russian-presence.yaml"
    events, _ = run(brief, edit(dataset, "\nrecords:", "\nrecordz:"))
    assert checks(events)[0].ok
    assert not checks(events)[1].ok


def test_unrelated_saves_are_ignored(project: Path) -> None:
    brief = project / READAHEAD
    notes = project / "notes.txt"

    def unrelated() -> set[Path]:
        notes.write_text("not a brief", encoding="utf-8")
        return {notes}

    events, _ = run(brief, unrelated)
    assert len(checks(events)) == 1


def test_a_deleted_brief_is_reported_and_picked_up_again(project: Path) -> None:
    brief = project / READAHEAD
    saved = brief.read_text(encoding="utf-8")

    def delete() -> set[Path]:
        brief.unlink()
        return {brief}

    def restore() -> set[Path]:
        brief.write_text(saved, encoding="utf-8")
        return {brief}

    events, _ = run(brief, delete, restore)
    assert [type(e).__name__ for e in events if isinstance(e, Checked | Missing)] == [
        "Checked",
        "Missing",
        "Checked",
    ]
    assert checks(events)[-1].ok


def test_a_folder_watches_every_brief_and_new_ones(project: Path) -> None:
    first = project / READAHEAD
    second = project / "copy.yaml"
    shutil.copy(first, second)
    third = project / "renamed.yaml"

    def rename() -> set[Path]:
        second.rename(third)
        return {second, third}

    events, _ = run(project, edit(first, "Bottom line up front", "Bottom line"), rename)
    seen = [(e.brief.name, e.ok) for e in checks(events)]
    assert seen == [
        ("copy.yaml", True),  # in name order, as `deckgen build briefs/` takes them
        (READAHEAD, True),
        (READAHEAD, True),  # only the brief that was saved
        ("renamed.yaml", True),  # the renamed one is picked up under its new name
    ]
    assert [e.brief.name for e in events if isinstance(e, Missing)] == ["copy.yaml"]


def test_the_watch_set_follows_the_brief(project: Path, tmp_path: Path) -> None:
    """Pointing the brief at a dataset in another folder watches that folder from then on."""
    brief = project / READAHEAD
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(project / "data", elsewhere)
    moved = edit(
        brief, "presence: data/russian-presence.yaml", "presence: ../elsewhere/russian-presence.yaml"
    )
    dataset = elsewhere / "russian-presence.yaml"
    events, script = run(brief, moved, edit(dataset, "\nrecords:", "\nrecordz:"))
    assert all(e.ok for e in checks(events)[:2])
    assert elsewhere.resolve() not in script.folders[0]
    assert elsewhere.resolve() in script.folders[1]  # the feed was started again with it
    assert not checks(events)[2].ok  # and a save there checks the brief again


def test_a_failed_brief_is_checked_when_the_file_it_lacks_appears(project: Path) -> None:
    brief = project / READAHEAD
    article = project / "sources" / "southern-underbelly.md"
    renamed = project / "sources" / "southern.md"

    def remove() -> set[Path]:
        article.rename(renamed)
        return {article, renamed}

    def put_back() -> set[Path]:
        renamed.rename(article)
        return {article, renamed}

    events, _ = run(brief, remove, put_back)
    assert [e.ok for e in checks(events)] == [True, False, True]


def test_build_writes_the_deck_after_good_checks_only(project: Path, tmp_path: Path) -> None:
    brief = project / READAHEAD
    deck = tmp_path / "out" / "readahead.pptx"
    options = WatchOptions(build=True, output=deck)
    events, _ = run(
        brief,
        edit(brief, "su#race/p1", "su#rase/p1"),
        edit(brief, "su#rase/p1", "su#race/p1"),
        edit(brief, "# Read-ahead for senior leaders", "# A read-ahead for senior leaders"),
        options=options,
    )
    built = [e for e in events if isinstance(e, Built)]
    # Fixed back to the bytes of the first build: the deck is up to date, as `deckgen build` finds.
    assert [b.skipped for b in built] == [False, True, False]
    assert all(b.output == deck and b.slides == 8 for b in built)
    assert deck.is_file()
    assert not [e for e in events if isinstance(e, BuildFailed)]
    # Three good rounds, three builds: none after the broken save.
    assert len(built) == 3 and len(checks(events)) == 4


def test_parsed_inputs_are_reused_between_rounds(project: Path) -> None:
    brief = project / READAHEAD
    events: list[Event] = []
    script = Script(edit(brief, "Bottom line up front", "Bottom line"))
    summary = watch(brief, emit=events.append, stop=threading.Event(), feed=script)
    assert summary.rounds == 2
    # Article, dataset, template and chart fits of the first round serve the second.
    assert summary.cache_hits >= 4


def test_a_set_stop_event_ends_the_watch(project: Path) -> None:
    brief = project / READAHEAD
    stop = threading.Event()

    def feed(folders: tuple[Path, ...], stop_event: object) -> Iterator[set[Path]]:
        stop.set()  # as Ctrl-C would, while the feed waits
        yield {brief}
        raise AssertionError("the loop asked for another batch after the stop")

    events: list[Event] = []
    summary = watch(brief, emit=events.append, stop=stop, feed=feed)
    assert summary.rounds == 2


@pytest.mark.office
@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("soffice", "pdftoppm", "pdfinfo")),
    reason="needs LibreOffice (soffice) and poppler (pdftoppm, pdfinfo); .ci/run installs them",
)
def test_preview_refreshes_only_the_slides_that_changed(project: Path, tmp_path: Path) -> None:
    from deckgen.watch import Previewed

    brief = project / READAHEAD
    pictures = tmp_path / "preview"
    options = WatchOptions(preview=True, preview_dir=pictures, dpi=30)
    events, _ = run(
        brief,
        edit(brief, "title: Bottom line up front", "title: Bottom line first"),
        edit(brief, "# Read-ahead for senior leaders", "# A read-ahead for senior leaders"),
        options=options,
    )
    first, retitled, comment = [e for e in events if isinstance(e, Previewed)]
    assert first.refreshed == tuple(range(1, 9)) and not first.unchanged_deck
    assert sorted(p.name for p in pictures.glob("*.png")) == [
        "contact-sheet.png",
        *(f"slide-{n:02d}.png" for n in range(1, 9)),
    ]
    assert 2 in retitled.refreshed and len(retitled.refreshed) < 8  # not every slide was rewritten
    assert comment.unchanged_deck and comment.refreshed == ()  # a comment changes no byte of the deck


def test_every_event_is_json_for_machines(project: Path, tmp_path: Path) -> None:
    import json

    brief = project / READAHEAD
    options = WatchOptions(build=True, out_dir=tmp_path / "decks")
    events, _ = run(brief, edit(brief, "su#race/p1", "su#rase/p1"), options=options)
    lines = [json.loads(json.dumps(e.as_dict())) for e in events]
    assert [line["event"] for line in lines] == [
        "round",
        "checked",
        "built",
        "watching",
        "round",
        "checked",
        "watching",
    ]
    assert lines[5]["status"] == "failed" and lines[5]["diagnostics"][0]["code"] == "unresolved-address"
