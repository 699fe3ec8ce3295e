"""Reading the files a brief names: regular files only, within a size limit, decoded strictly.

Every file deckgen reads on a user's behalf (brief, article, dataset, template, template
profile, picture, plain text to import) goes through this module, because each is untrusted:

* it is ``stat``-ed first and must be a regular file (a FIFO, device, socket or directory is
  refused, also behind a symlink), and no larger than its kind's limit (``LIMITS``), so a sparse
  2 GB "template" is refused by its size without a byte being read;
* it is opened with ``O_NONBLOCK`` (a FIFO swapped in after the stat cannot block), checked again
  with ``fstat`` on the open descriptor, and read up to the limit only;
* text must be UTF-8 without NULs or other control characters (tab, newline and carriage return
  aside); the first bad byte or character is reported at its line and column.

Problems are raised as ``FileProblem`` (a code, a message, a hint, and a line and column when the
problem is inside the file); callers turn them into located diagnostics.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024
# The largest file of each kind deckgen reads. Real ones are far smaller: the biggest example
# brief is 20 KB, an article 60 KB, the dataset 120 KB, the shipped template 1 MB.
LIMITS: dict[str, int] = {
    "brief": 2 * MB,
    "article": 2 * MB,
    "text": 2 * MB,  # a plain-text article to import
    "dataset": 8 * MB,
    "profile": 1 * MB,  # a template profile (YAML beside the template)
    "image": 30 * MB,
    "template": 100 * MB,
    "file": 8 * MB,  # any of the text files above, re-read to show a diagnostic's line
}
DEFAULT_LIMIT = 2 * MB


@dataclass(frozen=True)
class ZipLimits:
    """What a template's zip directory may declare, checked before anything is decompressed
    (``core/zipcheck.py``). The 23 LibreOffice Impress templates, saved as .pptx, have at most 367
    parts, 4.5 MB unpacked, 1.6 MB of XML (the largest part 373 KB) and a best ratio of 37:1;
    pictures and fonts are already compressed, so they unpack to about their packed size."""

    entries: int = 10_000  # parts (a template with every layout and sample slide has ~1,000)
    part: int = 100 * MB  # one part unpacked: a picture or video as large as the file limit
    xml_part: int = 10 * MB  # one .xml or .rels part; lxml takes up to ~30x this to hold it
    xml_total: int = 32 * MB  # all .xml and .rels parts together
    total: int = 256 * MB  # everything unpacked: 2.5x the template file limit
    ratio: int = 200  # unpacked:packed for a part over ratio_floor; deflate tops out near 1032:1
    ratio_floor: int = 1 * MB  # small parts (XML of repeated markup) compress well legitimately


ZIP_LIMITS = ZipLimits()

# The characters YAML does not allow in a stream (YAML 1.1, 5.1), which are also those unsafe in
# OOXML: the complement of its printable set, written out (0.6 ms to compile, not the 7 ms of the
# negated set with its astral range; tests/core checks the two agree on every code point).
_NOT_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_NUL = re.compile("\x00")
_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}
NAME_MAX = 255  # bytes in one part of a path, on every file system deckgen runs on


@dataclass
class FileProblem(Exception):
    """Why a file cannot be read; ``line``/``col`` are set when the problem is inside it."""

    code: str
    message: str
    hint: str | None = None
    line: int = 0
    col: int = 0

    def __post_init__(self) -> None:
        super().__init__(self.message)


def limit_for(what: str) -> int:
    return LIMITS.get(what, DEFAULT_LIMIT)


def _size_text(size: int) -> str:
    return f"{size / MB:.1f} MB" if size >= MB else f"{size} bytes"


def check_name(name: str, what: str) -> None:
    """Refuse a path with a part longer than the file system allows, or with a NUL (which no
    file name holds, and which Python refuses with ValueError), before asking the OS."""
    if "\x00" in name:
        raise FileProblem(
            "bad-file-name",
            f"the {what} path contains a NUL character (U+0000); no file name can",
            hint='remove it (in double quotes, "\\x00" and "\\0" are NUL)',
        )
    for part in Path(name).parts:
        if len(os.fsencode(part)) > NAME_MAX:
            raise FileProblem(
                "name-too-long",
                f"a part of the {what} path is {len(os.fsencode(part))} bytes long; "
                f"file names are at most {NAME_MAX} bytes",
                hint="check the path: a file name this long is usually text pasted in by mistake",
            )


def check_file(path: Path, what: str) -> os.stat_result:
    """The file's status once it is known to be a regular file within the size limit."""
    check_name(str(path), what)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise FileProblem("missing-file", f"no such {what}: {path}") from None
    except OSError as exc:
        raise _os_problem(exc, what) from None
    _check_status(info, what)
    return info


def _check_status(info: os.stat_result, what: str) -> None:
    if not stat.S_ISREG(info.st_mode):
        kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
        raise FileProblem(
            "not-a-file",
            f"the {what} is {kind}, not a regular file",
            hint=f"give the path of the {what} file itself; deckgen reads only regular files",
        )
    limit = limit_for(what)
    if info.st_size > limit:
        raise FileProblem(
            "file-too-large",
            f"the {what} is {_size_text(info.st_size)}; the limit for a {what} is {_size_text(limit)}",
            hint="see 'Limits and safety' in the README",
        )


def _os_problem(exc: OSError, what: str) -> FileProblem:
    if exc.errno == errno.ENAMETOOLONG:
        return FileProblem("name-too-long", f"the {what} path is too long for the file system")
    reason = exc.strerror or str(exc)
    return FileProblem("unreadable-file", f"cannot read the {what}: {reason}")


def read_bytes(path: Path, what: str) -> bytes:
    """The whole file, once it is known to be a regular file within its kind's limit."""
    check_file(path, what)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _os_problem(exc, what) from None
    try:
        _check_status(os.fstat(fd), what)  # the file may have been swapped since the stat
        limit = limit_for(what)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 * MB, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise _os_problem(exc, what) from None
    finally:
        os.close(fd)
    if size > limit:
        raise FileProblem("file-too-large", f"the {what} grew past its limit of {_size_text(limit)}")
    return b"".join(chunks)


def read_text(path: Path, what: str, *, strict: bool = True, controls: bool = False) -> str:
    """The file as text: UTF-8, no control characters but tab, newline and carriage return.

    ``controls=True`` lets control characters other than NUL through, for a caller that removes
    them itself (an article's paragraphs). With ``strict=False`` (to show a line of a file
    already reported), bad bytes are replaced and nothing is refused.
    """
    data = read_bytes(path, what)
    return decode(data, what, controls=controls) if strict else data.decode("utf-8", "replace")


def decode(data: bytes, what: str, *, controls: bool = False) -> str:
    """Decode UTF-8 strictly; the first bad byte or character is reported at its line and column."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileProblem(
            "not-utf8",
            f"the {what} is UTF-16 text, not UTF-8",
            hint="save it as UTF-8 (most editors offer this under 'Save as' or 'Encoding')",
            line=1,
            col=1,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode("utf-8")
        line, col = position(prefix, len(prefix))
        raise FileProblem(
            "not-utf8",
            f"the {what} is not UTF-8 text: byte 0x{data[exc.start]:02x} cannot be decoded",
            hint="save it as UTF-8 (most editors offer this under 'Save as' or 'Encoding')",
            line=line,
            col=col,
        ) from None
    bad = (_NUL if controls else _NOT_PRINTABLE).search(text)
    if bad is not None:
        line, col = position(text, bad.start())
        raise FileProblem(
            "control-character",
            f"the {what} contains the control character U+{ord(bad.group()):04X}",
            hint="remove it; a file full of U+0000 is usually UTF-16: save it as UTF-8"
            if bad.group() == "\x00"
            else 'remove it, or write it as an escape like "\\x10" inside double quotes',
            line=line,
            col=col,
        )
    return text


def position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``."""
    index = min(index, len(text))
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1
