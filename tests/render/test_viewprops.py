"""Decks built in a template without ``ppt/viewProps.xml`` (LibreOffice's exports) get one, so
openxml-audit (and PowerPoint, which offers to repair such a file) find nothing wrong."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from deckgen.render.package.save import VIEW_PROPS_XML, add_view_props
from tests.render.test_corpus_contrast import build_in

VIEW_PROPS_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.viewProps+xml"


@pytest.fixture(scope="module")
def candy_deck(impress_corpus: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    with zipfile.ZipFile(impress_corpus["Candy"]) as template:
        assert "ppt/viewProps.xml" not in template.namelist()  # the premise
    return build_in(impress_corpus["Candy"], "southern-flank-readahead", tmp_path_factory.mktemp("candy"))


def test_openxml_audit_finds_no_errors_in_a_deck_built_in_candy(candy_deck: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "openxml_audit", "--output", "json", str(candy_deck)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    reports = json.loads(proc.stdout)
    assert isinstance(reports, list) and reports, proc.stderr
    for report in reports:
        assert report["error_count"] == 0, report["errors"][:5]


def test_the_view_properties_part_is_related_and_typed(candy_deck: Path) -> None:
    with zipfile.ZipFile(candy_deck) as deck:
        assert deck.read("ppt/viewProps.xml") == VIEW_PROPS_XML
        types = deck.read("[Content_Types].xml").decode()
        assert f'<Override PartName="/ppt/viewProps.xml" ContentType="{VIEW_PROPS_TYPE}"/>' in types
    prs = Presentation(str(candy_deck))
    related = [rel for rel in prs.part.rels.values() if rel.reltype == RT.VIEW_PROPS]
    assert len(related) == 1 and str(related[0].target_part.partname) == "/ppt/viewProps.xml"


def test_a_template_s_own_view_properties_are_kept() -> None:
    """python-pptx's default template has one: nothing is added or replaced."""
    prs = Presentation()
    before = [rel.target_part.blob for rel in prs.part.rels.values() if rel.reltype == RT.VIEW_PROPS]
    add_view_props(prs)
    after = [rel.target_part.blob for rel in prs.part.rels.values() if rel.reltype == RT.VIEW_PROPS]
    assert len(before) == 1 and after == before


def test_the_part_is_added_the_same_way_every_time(impress_corpus: dict[str, Path]) -> None:
    saved = []
    for _ in range(2):
        prs = Presentation(str(impress_corpus["Candy"]))
        add_view_props(prs)
        buffer = io.BytesIO()
        prs.save(buffer)
        with zipfile.ZipFile(buffer) as deck:
            saved.append((deck.read("ppt/_rels/presentation.xml.rels"), deck.read("ppt/viewProps.xml")))
    assert saved[0] == saved[1]
