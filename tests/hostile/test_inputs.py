"""Files a brief names are untrusted: only regular files are read, within size limits.

A FIFO, a device, a folder or a symlink to a device, given as a brief, article, dataset,
template, template profile or picture, is a located error (never a hang); so is a file over
its kind's limit (refused by its size, unread) and a path part longer than 255 bytes.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from deckgen.core.assets import default_template_path
from deckgen.core.files import LIMITS
from tests.hostile.kit import BULLETS, HEAD, check_and_build, located, project, run

CHART = "  - kind: chart\n    title: C\n    chart: flanks\n"
IMAGE = "  - kind: image\n    title: P\n    image: {image}\n    alt: A picture.\n"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


@needs_fifo
def test_a_fifo_brief_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    os.mkfifo(path)
    # Run in a thread so a regression that blocks on the pipe fails the test instead of hanging CI.
    found: list[str] = []
    worker = threading.Thread(
        target=lambda: found.append(check_and_build(tmp_path, path, "not-a-file", 1, 1))
    )
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive(), "reading a FIFO brief blocked"
    assert found and "named pipe" in found[0]


@pytest.mark.parametrize("kind", ["folder", "device"])
def test_a_folder_or_a_symlink_to_a_device_as_brief(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "brief.yaml"
    if kind == "folder":
        path.mkdir()  # `build` takes a folder as the briefs in it; `check` reads what it is given
        assert "a folder" in located(run("check", path), path, "not-a-file", 1, 1)
    else:
        path.symlink_to("/dev/zero")
        assert "character device" in check_and_build(tmp_path, path, "not-a-file", 1, 1)


def test_a_brief_over_its_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = project(tmp_path)
    with path.open("r+b") as fh:  # sparse: the test writes nothing like 2 MB
        fh.truncate(LIMITS["brief"] + 1)
    assert "2.0 MB" in check_and_build(tmp_path, path, "file-too-large", 1, 1)


@needs_fifo
def test_a_fifo_article_is_located_in_the_article(tmp_path: Path) -> None:
    path = project(tmp_path, BULLETS + "    cite: pipe#intro\n")
    os.mkfifo(tmp_path / "sources" / "pipe.md")
    check_and_build(tmp_path, path, "not-a-file", 1, 1, at=tmp_path / "sources" / "pipe.md")
    located(run("sections", tmp_path / "sources" / "pipe.md"), tmp_path / "sources" / "pipe.md", "not-a-file")
    located(run("import", tmp_path / "sources" / "pipe.md"), tmp_path / "sources" / "pipe.md", "not-a-file")


@needs_fifo
def test_a_fifo_dataset_is_located_at_its_key(tmp_path: Path) -> None:
    path = project(tmp_path, CHART, head=HEAD + "data:\n  presence: data/pipe.yaml\n")
    os.mkfifo(tmp_path / "data" / "pipe.yaml")
    assert "named pipe" in check_and_build(tmp_path, path, "not-a-file", 5, 13)


def test_a_sparse_2_gb_template_is_refused_by_its_size(tmp_path: Path) -> None:
    path = project(tmp_path, head=HEAD + "  template: huge.pptx\n")
    with (tmp_path / "huge.pptx").open("wb") as fh:
        fh.truncate(2 * 1024**3)
    assert "100.0 MB" in check_and_build(tmp_path, path, "file-too-large", 4, 13)


@needs_fifo
def test_a_fifo_template_profile_is_refused(tmp_path: Path) -> None:
    path = project(tmp_path, head=HEAD + "  template: corp.pptx\n")
    shutil.copy(default_template_path(), tmp_path / "corp.pptx")
    os.mkfifo(tmp_path / "corp.profile.yaml")
    check_and_build(tmp_path, path, "not-a-file", 1, 1, at=tmp_path / "corp.profile.yaml")


@needs_fifo
def test_a_fifo_picture_is_located_at_its_key(tmp_path: Path) -> None:
    path = project(tmp_path, IMAGE.format(image="pipe.png"))
    os.mkfifo(tmp_path / "pipe.png")
    check_and_build(tmp_path, path, "not-a-file", 7, 12)


@pytest.mark.parametrize("where", ["image", "template", "source"])
def test_a_path_part_over_255_bytes_is_located_at_its_key(tmp_path: Path, where: str) -> None:
    long = "x" * 300
    if where == "image":
        path, at = project(tmp_path, IMAGE.format(image=f"{long}.png")), (7, 12)
    elif where == "template":
        path, at = project(tmp_path, head=HEAD + f"  template: {long}.pptx\n"), (4, 13)
    else:
        path, at = project(tmp_path, BULLETS, head=HEAD + f"sources:\n  su: {long}\n"), (5, 7)
    assert "255 bytes" in check_and_build(tmp_path, path, "name-too-long", *at)


def test_a_long_address_alias_is_located_at_the_citation(tmp_path: Path) -> None:
    path = project(tmp_path, BULLETS + f"    cite: {'y' * 300}#intro\n")
    check_and_build(tmp_path, path, "name-too-long", 9, 11)
