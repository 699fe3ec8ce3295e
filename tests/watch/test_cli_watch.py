"""``deckgen watch`` as a user runs it: a real process, real saves, real file-system events, Ctrl-C.

Timeouts are generous and nothing here measures speed (benchmarks/watch.py does). A save made
before the watcher has started its file-system watch would go unseen, so each save is repeated
until the watch answers it.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from deckgen.cli.main import main
from tests.conftest import BRIEFS, ROOT
from tests.watch.conftest import READAHEAD

PATIENCE = 120.0  # seconds to wait for anything, on a loaded 2-core machine
RESAVE = 5.0  # seconds before a save that got no answer is made again


class Watch:
    """A running ``deckgen watch`` whose stderr is read line by line on a thread."""

    def __init__(self, *args: str, cwd: Path) -> None:
        env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "deckgen", "watch", *args],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        assert self.process.stderr is not None
        self.reader = threading.Thread(target=self._read, args=(self.process.stderr,), daemon=True)
        self.reader.start()

    def _read(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, wanted: Callable[[str], bool], *, timeout: float = PATIENCE) -> str | None:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=min(left, 0.5))
            except queue.Empty:
                if self.process.poll() is not None:
                    return None
                continue
            self.seen.append(line)
            if wanted(line):
                return line
        return None

    def save_until(self, save: Callable[[], None], wanted: Callable[[str], bool]) -> str:
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            save()
            found = self.wait_for(wanted, timeout=RESAVE)
            if found is not None:
                return found
        raise AssertionError("no answer to the save; output so far:\n" + "\n".join(self.seen))

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=PATIENCE)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            self.reader.join(timeout=PATIENCE)  # every line it printed is in the queue


def test_watch_reports_a_mistake_and_its_fix_then_stops_on_ctrl_c(project: Path) -> None:
    brief = project / READAHEAD
    project = project.parent  # the working folder, above briefs/
    good = brief.read_text(encoding="utf-8")
    bad = good.replace("title: The authors' judgement", "titel: The authors' judgement")
    watch = Watch(str(brief.relative_to(project)), "--build", "--no-clear", cwd=project)
    try:
        assert watch.wait_for(lambda line: line.startswith("watching ")), "\n".join(watch.seen)
        assert any("ok, 8 slides" in line for line in watch.seen)
        assert any(line.startswith("built decks/southern-flank-readahead.pptx") for line in watch.seen)

        failed = watch.save_until(
            lambda: brief.write_text(bad, encoding="utf-8"), lambda line: "failed, " in line
        )
        assert failed.startswith(f"briefs/{READAHEAD}: failed, ")
        # The misspelt key, located, with its own code.
        assert any(f"{READAHEAD}:" in line and "[unknown-key]" in line for line in watch.seen), watch.seen

        watch.save_until(
            lambda: brief.write_text(good, encoding="utf-8"), lambda line: "ok, 8 slides" in line
        )
        assert watch.wait_for(lambda line: "southern-flank-readahead.pptx" in line)
    finally:
        code = watch.stop()
    assert code == 0, "\n".join(watch.seen)
    assert watch.wait_for(lambda line: line == "stopped watching.", timeout=1), watch.seen
    assert (project / "decks" / "southern-flank-readahead.pptx").is_file()


def test_usage_errors() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["watch", str(BRIEFS), "-o", "x.pptx"])
    assert result.exit_code == 2 and "one brief" in result.output
    result = runner.invoke(main, ["watch", "no-such-folder"])
    assert result.exit_code == 2 and "does not exist" in result.output
    result = runner.invoke(main, ["watch", "--help"])
    assert result.exit_code == 0 and "deckgen watch briefs/ --build" in result.output
