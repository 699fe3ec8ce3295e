"""A divider reads title first: its strapline is never set almost as large as its title."""

from __future__ import annotations

from pathlib import Path

from deckgen import api
from deckgen.plan.model import Layout, SectionContent
from deckgen.plan.placement import STRAP_SHARE
from deckgen.render.template.measure import template_geometry
from tests.examples import example_in_template


def test_blue_curves_32_pt_strapline_comes_down_under_its_33_pt_title(
    impress_corpus: dict[str, Path], tmp_path: Path
) -> None:
    template = impress_corpus["Blue_Curve"]
    role = template_geometry(template, {}).roles[Layout.SECTION]
    assert role.title_style.size == 33 and role.body_styles[0].size == 32  # the template's own sizes
    plan = api.check(example_in_template("southern-flank-training", template, tmp_path)).plan
    sections = [s.content for s in plan.slides if isinstance(s.content, SectionContent)]
    assert len(sections) == 6  # five parts and the closing question
    assert {s.size for s in sections} == {int(33 * STRAP_SHARE)}


def test_a_strapline_already_well_under_its_title_keeps_the_templates_size(tmp_path: Path) -> None:
    corporate = Path(__file__).resolve().parent.parent / "templates" / "corporate.pptx"
    plan = api.check(example_in_template("southern-flank-training", corporate, tmp_path)).plan
    sections = [s.content for s in plan.slides if isinstance(s.content, SectionContent)]
    assert sections and all(s.size is None for s in sections)  # 24 pt under 30 pt: inherited
