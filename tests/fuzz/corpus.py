"""What every fuzz case starts from: the repository's briefs, article, dataset, picture and
templates, read once; and the case itself, which names a base and carries one mutated file."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
# Where each input sits in a case's project folder (as in the repository: pictures at ../assets).
ARTICLE = "briefs/sources/southern-underbelly.md"
DATASET = "briefs/data/russian-presence.yaml"
PICTURE = "assets/images/two-flanks.png"
TEMPLATE = "briefs/corp.pptx"
PROFILE = "briefs/corp.profile.yaml"
TEXT_TARGETS = ("brief", "article", "dataset", "profile")
# Test cases name the dataset from their own folder; in a case's project it is beside the brief.
_CASE_DATA = "../../../briefs/data/"
_TEMPLATE_LINE = re.compile(r"^(\s*)template:.*$", re.M)


@dataclass(frozen=True)
class Op:
    """One mutation: a named operation with where (``at``, ``at2``: fractions of the file, so a
    subset of a case's operations still applies) and what (``value``)."""

    name: str
    at: float = 0.0
    at2: float = 0.0
    value: str = ""

    def describe(self) -> str:
        shown = self.value if len(self.value) <= 60 else f"{self.value[:40]!r}... ({len(self.value):,} chars)"
        return (
            f"{self.name} at {self.at:.3f}/{self.at2:.3f}: {shown!r}"
            if shown
            else f"{self.name} at {self.at:.3f}"
        )

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "at": self.at, "at2": self.at2, "value": self.value}


@dataclass
class Case:
    """One fuzz case: ``brief`` (a base brief's name), set to ``template`` when given, with
    ``target`` (a path in the project) replaced by ``content``, or, when ``part`` is given, the
    template with that zip part replaced by ``content``. ``ops`` made ``content`` from the base."""

    seed: int
    index: int
    brief: str
    target: str
    ops: tuple[Op, ...]
    content: bytes
    template: str | None = None
    part: str | None = None
    build: bool = False
    note: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"seed {self.seed} case {self.index}"

    def brief_path(self) -> str:
        return f"briefs/{self.brief}.yaml"

    def files(self) -> dict[str, bytes]:
        """Every file of the case's project, relative to its folder."""
        corpus = base()
        files = {ARTICLE: corpus.article, DATASET: corpus.dataset, PICTURE: corpus.picture}
        files[self.brief_path()] = brief_text(self.brief, self.template).encode()
        if self.template is not None:
            files[TEMPLATE] = corpus.templates[self.template]
            if self.template in corpus.profiles:
                files[PROFILE] = corpus.profiles[self.template]
        if self.part is not None:
            files[self.target] = replace_part(files[self.target], self.part, self.content)
        else:
            files[self.target] = self.content
        return files

    def write(self, folder: Path) -> Path:
        """The project in ``folder``; returns the brief's path."""
        for relative, data in self.files().items():
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return folder / self.brief_path()


@dataclass(frozen=True)
class Corpus:
    briefs: dict[str, str]  # name -> brief text, set up to run beside the project's files
    article: bytes
    dataset: bytes
    picture: bytes
    templates: dict[str, bytes]  # name -> .pptx bytes
    profiles: dict[str, bytes]  # template name -> its profile


@cache
def base() -> Corpus:
    briefs = {
        path.stem: path.read_text(encoding="utf-8") for path in sorted((ROOT / "briefs").glob("*.yaml"))
    }
    for path in sorted((ROOT / "tests" / "cases").glob("*/brief.yaml")):
        briefs[path.parent.name] = path.read_text(encoding="utf-8").replace(_CASE_DATA, "data/")
    templates = {
        "default": (ROOT / "assets" / "templates" / "briefing.pptx").read_bytes(),
        "corporate": (ROOT / "tests" / "templates" / "corporate.pptx").read_bytes(),
        "minimal": (ROOT / "tests" / "templates" / "minimal.pptx").read_bytes(),
    }
    return Corpus(
        briefs=briefs,
        article=(ROOT / ARTICLE).read_bytes(),
        dataset=(ROOT / DATASET).read_bytes(),
        picture=(ROOT / PICTURE).read_bytes(),
        templates=templates,
        profiles={"corporate": (ROOT / "tests" / "templates" / "corporate.profile.yaml").read_bytes()},
    )


def brief_text(name: str, template: str | None) -> str:
    """The base brief ``name``, set to the project's ``corp.pptx`` when ``template`` is given."""
    text = base().briefs[name]
    if template is None:
        return text
    line = f"template: {Path(TEMPLATE).name}"
    if _TEMPLATE_LINE.search(text):
        return _TEMPLATE_LINE.sub(lambda m: m[1] + line, text, count=1)
    return re.sub(r"^deck:[ \t]*$", f"deck:\n  {line}", text, count=1, flags=re.M)


def base_content(case: Case) -> bytes:
    """What ``case.ops`` were applied to: the target file (or template part) before mutation."""
    corpus = base()
    if case.target == case.brief_path():
        return brief_text(case.brief, case.template).encode()
    if case.target == TEMPLATE:
        assert case.template is not None
        template = corpus.templates[case.template]
        if case.part is None:
            return template
        with zipfile.ZipFile(io.BytesIO(template)) as archive:
            return archive.read(case.part)
    if case.target == PROFILE:
        assert case.template is not None
        return corpus.profiles[case.template]
    return {ARTICLE: corpus.article, DATASET: corpus.dataset}[case.target]


def xml_parts(template: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        return [name for name in archive.namelist() if name.endswith((".xml", ".rels"))]


def replace_part(template: bytes, part: str, content: bytes) -> bytes:
    """``template`` with zip part ``part`` holding ``content``, the other parts as they were."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, content if info.filename == part else src.read(info))
    return out.getvalue()
