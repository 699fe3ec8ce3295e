"""The example briefs set to another template: a copy beside copies of their sources, data and
pictures, laid out as in the repository (pictures at ``../assets/images`` from the brief)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.conftest import BRIEFS, ROOT

_DEFAULT = re.compile(r"^(\s*)template:\s*default\s*$", flags=re.M)


def example_in_template(name: str, template: Path | None, folder: Path, *, label: str | None = None) -> Path:
    """``folder/briefs/<name>-<label>.yaml``: the example brief ``name`` set to ``template``
    (None keeps the brief's own). ``label`` defaults to the template's file name."""
    briefs = folder / "briefs"
    if not briefs.exists():
        briefs.mkdir(parents=True)
        shutil.copytree(BRIEFS / "sources", briefs / "sources")
        shutil.copytree(BRIEFS / "data", briefs / "data")
        shutil.copytree(ROOT / "assets" / "images", folder / "assets" / "images")
    text = (BRIEFS / f"{name}.yaml").read_text(encoding="utf-8")
    if template is not None:
        line = f'template: "{template}"'
        if _DEFAULT.search(text):
            text = _DEFAULT.sub(rf"\g<1>{line}", text, count=1)
        else:  # the read-ahead names no template: add one under "deck:"
            text = re.sub(r"^deck:\s*$", f"deck:\n  {line}", text, count=1, flags=re.M)
        assert str(template) in text, f"could not set the template in {name}.yaml"
    stem = label or (template.stem if template is not None else "default")
    brief = briefs / f"{name}-{stem}.yaml"
    brief.write_text(text, encoding="utf-8")
    return brief
