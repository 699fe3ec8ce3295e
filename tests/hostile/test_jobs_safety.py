"""Jobs under hostile conditions: output paths that are not files, full and read-only disks,
other decks' temp files, inputs swapped for FIFOs, inputs that change the bytes without being
files the brief names (a template profile added later, SOURCE_DATE_EPOCH), and a chart cache
whose entries were truncated or swapped."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import stat
import threading
from pathlib import Path
from typing import Any

import pytest

from deckgen.charts import cache as cache_mod
from deckgen.charts.cache import ChartCache
from deckgen.core.assets import default_template_path
from deckgen.jobs import output as output_mod
from deckgen.jobs.manifest import (
    ABSENT,
    changed_inputs,
    make_manifest,
    manifest_path,
    snapshot,
    up_to_date,
)
from deckgen.jobs.output import deck_lock, write_atomic
from tests.hostile.kit import HEAD, project, run

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


def built(tmp_path: Path, *extra: str, head: str = HEAD) -> tuple[Path, Path]:
    brief = project(tmp_path, head=head)
    out = tmp_path / "out" / "deck.pptx"
    result = run("build", brief, "-o", out, *extra)
    assert result.exit_code == 0, result.output
    assert "built" in result.output
    return brief, out


# ------------------------------------------------------------------ output paths


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_a_device_as_output_is_a_usage_error_and_the_node_survives(tmp_path: Path) -> None:
    brief = project(tmp_path)
    result = run("build", brief, "-o", "/dev/null", "--force")
    assert result.exit_code == 2, result.output
    assert "/dev/null is a device" in result.output and "regular files" in result.output
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@needs_fifo
def test_a_fifo_as_output_is_a_usage_error(tmp_path: Path) -> None:
    brief = project(tmp_path)
    fifo = tmp_path / "deck.pptx"
    os.mkfifo(fifo)
    result = run("build", brief, "-o", fifo)
    assert result.exit_code == 2, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_folder_as_output_is_a_usage_error(tmp_path: Path) -> None:
    brief = project(tmp_path)
    folder = tmp_path / "deck.pptx"
    folder.mkdir()
    result = run("build", brief, "-o", folder)
    assert result.exit_code == 2, result.output
    assert folder.is_dir() and not any(folder.iterdir())


@needs_fifo
def test_write_atomic_never_replaces_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "deck.pptx"
    os.mkfifo(fifo)
    with pytest.raises(output_mod.DeckgenError) as caught:
        write_atomic(fifo, b"PK")
    assert caught.value.diagnostics[0].code == "not-a-file"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_streamed_write_that_fails_halfway_keeps_the_old_deck(tmp_path: Path) -> None:
    """A deck is rendered straight into its temporary file: a render that raises after writing
    part of the zip must leave the old deck whole and no temporary file behind."""
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(b"the good deck")

    def half_then_fail(into: Any) -> None:
        into.write(b"PK\x03\x04 half a zip")
        raise output_mod.DeckgenError(())

    with pytest.raises(output_mod.DeckgenError):
        write_atomic(deck, half_then_fail)
    assert deck.read_bytes() == b"the good deck"
    no_temps(tmp_path)
    digest = write_atomic(deck, lambda into: into.write(b"the new deck"))
    assert deck.read_bytes() == b"the new deck"
    assert digest == hashlib.sha256(b"the new deck").hexdigest()


def failing_write(monkeypatch: pytest.MonkeyPatch, code: int, *, manifest: bool) -> None:
    """The write of the deck (``manifest=False``) or of its manifest fails with ``code``."""
    real = output_mod._write_synced

    def write(fd: int, data: Any) -> str:
        if (isinstance(data, bytes) and data.startswith(b"{")) == manifest:
            os.close(fd)
            raise OSError(code, os.strerror(code))
        return real(fd, data)

    monkeypatch.setattr(output_mod, "_write_synced", write)


def no_temps(folder: Path) -> None:
    leftovers = [p.name for p in folder.rglob("*.tmp")]
    assert leftovers == []


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_a_full_or_read_only_disk_is_located_and_keeps_the_old_deck(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    brief, out = built(tmp_path)
    before = out.read_bytes()
    failing_write(monkeypatch, code, manifest=False)
    result = run("build", brief, "-o", out, "--force", "--sources", tmp_path / "sources")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    errors = [ln for ln in result.output.splitlines() if ": error: " in ln]
    assert len(errors) == 1 and errors[0].startswith(f"{out}: error: "), result.output
    assert "[unwritable-output]" in errors[0] and os.strerror(code) in errors[0]
    assert "no deck written" in result.output
    assert out.read_bytes() == before
    no_temps(tmp_path / "out")


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_a_deck_written_without_its_manifest_says_so_and_rebuilds_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    brief, out = built(tmp_path)
    failing_write(monkeypatch, code, manifest=True)
    result = run("build", brief, "-o", out, "--force")
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    errors = [ln for ln in result.output.splitlines() if ": error: " in ln]
    assert len(errors) == 1 and errors[0].startswith(f"{manifest_path(out)}: error: "), result.output
    assert f"the deck {out} was written, but not its manifest" in errors[0]
    assert "no deck written" not in result.output
    assert out.is_file() and not manifest_path(out).exists()  # the old manifest vouches for nothing
    no_temps(tmp_path / "out")
    monkeypatch.undo()
    again = run("build", brief, "-o", out)
    assert again.exit_code == 0 and "built" in again.output, again.output


# ------------------------------------------------------------------ temp files by exact name


@pytest.mark.parametrize("deck", ["*.pptx", "a[1].pptx", "?.pptx"])
def test_stale_temp_cleanup_matches_only_this_decks_temps(tmp_path: Path, deck: str) -> None:
    out = tmp_path / deck
    state = tmp_path / ".deckgen"
    state.mkdir()
    others = [
        tmp_path / ".other.pptx.abcd1234.tmp",  # another deck's in-flight temp
        tmp_path / ".a1.pptx.abcd1234.tmp",
        tmp_path / f".{deck}.not-a-temp.tmp",  # not mkstemp's shape
        state / ".other.pptx.json.abcd1234.tmp",
    ]
    ours = [tmp_path / f".{deck}.k2j_9x0q.tmp", state / f".{deck}.json.zz00aa11.tmp"]
    for path in others + ours:
        path.write_bytes(b"x")
    with deck_lock(out):
        pass
    assert all(p.exists() for p in others)
    assert not any(p.exists() for p in ours)


def test_a_brief_named_star_builds_without_touching_another_decks_temp(tmp_path: Path) -> None:
    brief = project(tmp_path)
    star = brief.with_name("*.yaml")
    brief.rename(star)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    inflight = out_dir / ".brief.pptx.abcd1234.tmp"
    inflight.write_bytes(b"in flight")
    result = run("build", star, "--out-dir", out_dir)
    assert result.exit_code == 0, result.output
    assert (out_dir / "*.pptx").is_file() and inflight.read_bytes() == b"in flight"


# ------------------------------------------------------------------ manifest inputs


@needs_fifo
def test_a_fifo_swapped_in_for_an_input_does_not_hang_the_noop_check(tmp_path: Path) -> None:
    brief, out = built(tmp_path)
    article = next((tmp_path / "sources").glob("*.md"))
    manifest = manifest_path(out).read_text()
    assert str(article.resolve()) in manifest or str(brief.resolve()) in manifest
    victim = article if str(article.resolve()) in manifest else brief
    victim.unlink()
    os.mkfifo(victim)
    found: list[object] = []
    worker = threading.Thread(target=lambda: found.append(up_to_date(brief, out)), daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), "hashing a FIFO input blocked"
    assert found == [None]


def test_a_template_profile_added_later_rebuilds(tmp_path: Path) -> None:
    template = tmp_path / "corp.pptx"
    shutil.copyfile(default_template_path(), template)
    brief, out = built(tmp_path, head=HEAD + "  template: corp.pptx\n")
    assert run("build", brief, "-o", out).output.startswith("up to date")
    profile = tmp_path / "corp.profile.yaml"
    assert manifest_path(out).read_text().count(ABSENT) >= 1
    profile.write_text("# no settings\n", encoding="utf-8")
    assert up_to_date(brief, out) is None


def test_a_changed_source_date_epoch_rebuilds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    brief, out = built(tmp_path)
    assert up_to_date(brief, out) is not None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert up_to_date(brief, out) is None
    result = run("build", brief, "-o", out)
    assert result.exit_code == 0 and result.output.startswith("built"), result.output
    assert up_to_date(brief, out) is not None


def test_inputs_hashed_before_rendering_catch_an_edit_during_the_build(tmp_path: Path) -> None:
    brief, out = built(tmp_path)
    before = snapshot(brief, ())
    assert changed_inputs(before) == []
    brief.write_text(brief.read_text() + "  - kind: bullets\n    title: B\n    bullets: [x]\n")
    assert changed_inputs(before) == [str(brief.resolve())]
    # A manifest made from the snapshot records what the build read, so the edit still rebuilds.
    manifest = make_manifest(brief, (), hashlib.sha256(out.read_bytes()).hexdigest(), 1, digests=before)
    write_atomic(manifest_path(out), manifest.to_json().encode())
    assert up_to_date(brief, out) is None


# ------------------------------------------------------------------ chart cache


PNG_A = b"\x89PNG\r\n\x1a\n" + b"A" * 200
PNG_B = b"\x89PNG\r\n\x1a\n" + b"B" * 200


def test_a_truncated_cache_entry_is_not_returned(tmp_path: Path) -> None:
    cache = ChartCache(tmp_path)
    cache.put("k1", PNG_A)
    assert cache.get("k1") == PNG_A
    (path,) = cache.entries("k1")
    path.write_bytes(PNG_A[:-50])  # still starts with the PNG signature
    assert cache.get("k1") is None


def test_swapped_cache_entries_are_not_returned(tmp_path: Path) -> None:
    cache = ChartCache(tmp_path)
    cache.put("k1", PNG_A)
    cache.put("k2", PNG_B)
    (first,), (second,) = cache.entries("k1"), cache.entries("k2")
    first.write_bytes(PNG_B)  # each name now holds the other chart's picture
    second.write_bytes(PNG_A)
    assert cache.get("k1") is None and cache.get("k2") is None
    renamed = tmp_path / f"k1.{second.name.split('.')[1]}.png"  # a whole entry moved to another key
    second.rename(renamed)
    assert cache.get("k1") is None


def test_a_truncated_cached_picture_is_redrawn_not_embedded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ChartCache(tmp_path)
    monkeypatch.setattr(ChartCache, "key", lambda self, *args, **kw: "k1")
    monkeypatch.setattr(cache_mod, "_draw", lambda *args, **kw: PNG_B)
    cache.put("k1", PNG_B)
    (path,) = cache.entries("k1")
    path.write_bytes(PNG_B[:20])  # a truncated picture with a valid signature
    data: Any = None
    png = cache_mod.render_png_cached(data, style=data, width_in=1, height_in=1, cache=cache)
    assert png == PNG_B and cache.get("k1") == PNG_B and len(cache.entries("k1")) == 1


@needs_fifo
def test_a_fifo_cache_entry_does_not_block(tmp_path: Path) -> None:
    cache = ChartCache(tmp_path)
    os.mkfifo(cache.path("k1", PNG_A))
    found: list[object] = []
    worker = threading.Thread(target=lambda: found.append(cache.get("k1")), daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive() and found == [None]


def test_a_brief_edited_during_the_build_is_not_reported_up_to_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import deckgen.render

    brief, out = built(tmp_path)
    real = deckgen.render.render_deck_to

    def edit_while_rendering(*args: Any, **kw: Any) -> None:
        real(*args, **kw)
        more = "  - kind: bullets\n    title: B\n    synthesis: true\n    bullets: [x]\n"
        brief.write_text(brief.read_text() + more)

    monkeypatch.setattr(deckgen.render, "render_deck_to", edit_while_rendering)
    result = run("build", brief, "-o", out, "--force")
    assert result.exit_code == 0, result.output
    assert "[input-changed-during-build]" in result.output
    assert not manifest_path(out).exists()
    monkeypatch.undo()
    again = run("build", brief, "-o", out)
    assert again.exit_code == 0 and again.output.startswith("built"), again.output
