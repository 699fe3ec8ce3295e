"""The presence dataset loader: the shipped dataset, its hand counts, and every mistake reported at once."""

from __future__ import annotations

import textwrap
from collections import Counter
from pathlib import Path

import pytest

from deckgen.core.errors import DeckgenError, Diagnostic
from deckgen.core.textnorm import fold
from deckgen.dataset import (
    Dataset,
    DateError,
    ExternalEvidence,
    Flank,
    SourceEvidence,
    Status,
    YearMonth,
    check_dataset,
    load_dataset,
    parse_year_month,
)
from deckgen.sources import SourceLibrary, parse_address, resolve_address

ROOT = Path(__file__).resolve().parents[2]
DATASET = ROOT / "briefs" / "data" / "russian-presence.yaml"


@pytest.fixture(scope="module")
def library() -> SourceLibrary:
    return SourceLibrary(ROOT / "briefs" / "sources")


@pytest.fixture(scope="module")
def dataset(library: SourceLibrary) -> Dataset:
    return load_dataset(DATASET, sources=library)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "dataset.yaml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def errors(path: Path, library: SourceLibrary) -> list[Diagnostic]:
    with pytest.raises(DeckgenError) as info:
        load_dataset(path, sources=library)
    return list(info.value.diagnostics)


def positions(diagnostics: list[Diagnostic]) -> list[tuple[int, int, str]]:
    return [(d.loc.line, d.loc.col, d.code) for d in diagnostics]


# -- the shipped dataset -------------------------------------------------------------------------


def test_shipped_dataset_loads_without_errors_or_warnings(library: SourceLibrary) -> None:
    loaded, diags = check_dataset(DATASET, sources=library)
    assert loaded is not None
    assert diags.items == ()
    assert loaded.id == "russian-presence"
    assert [r.id for r in loaded.regions] == [
        "eastern-europe",
        "black-sea-caucasus",
        "levant",
        "north-africa",
        "sahel",
        "central-africa",
        "horn-red-sea",
        "kola-barents",
        "arctic-islands",
    ]


# Counted by hand from briefs/data/russian-presence.yaml; update them with the file.
HAND_TOTAL = 45
HAND_BY_FLANK = {"east": 16, "south": 22, "north": 7}
HAND_BY_REGION = {
    # invasion, Donbas (to Feb 2022), Union State, Belarus staging, Belarus radar and signal centre,
    # Baltic Fleet, Iskander, Transnistria
    "eastern-europe": 8,
    # Crimea, Black Sea Fleet, Crimea's S-400, Abkhazia, South Ossetia, Gyumri, Karabakh, Türkiye's S-400
    "black-sea-caucasus": 8,
    "levant": 7,  # the Mediterranean task force joins Syria's six
    "north-africa": 6,  # Algeria's air bases out (one source); Egypt's arms and air-base draft in
    "sahel": 3,  # Mali's deliveries join; the Burkina Faso coup is not a presence
    "central-africa": 3,  # car-instructors became car-wagner
    "horn-red-sea": 3,
    "kola-barents": 3,  # Northern Fleet, Alakurtti and Pechenga brigades
    "arctic-islands": 4,  # Kotelny, Nagurskoye, Novaya Zemlya air defence, Bastion on Kotelny
}
HAND_BY_KIND = {
    "intervention": 8,
    "partnership": 6,
    "pmc": 5,
    "naval": 6,
    "air": 4,
    "arms": 6,
    "basing-agreement": 4,
    "missile": 4,
    "ground": 2,
}
HAND_BY_STATUS = {"active": 29, "contested": 10, "reduced": 4, "planned": 2}
HAND_WITH_ARTICLE_QUOTE = 16  # algeria-air-bases, the one record that rested on the article alone, is out


def test_hand_counts_cross_check() -> None:
    # The hand counts must agree with each other before they are compared with the loader.
    assert sum(HAND_BY_FLANK.values()) == HAND_TOTAL
    assert sum(HAND_BY_REGION.values()) == HAND_TOTAL
    assert sum(HAND_BY_KIND.values()) == HAND_TOTAL
    assert sum(HAND_BY_STATUS.values()) == HAND_TOTAL
    east_regions = ("eastern-europe", "black-sea-caucasus")
    assert sum(HAND_BY_REGION[r] for r in east_regions) == HAND_BY_FLANK["east"]
    north_regions = ("kola-barents", "arctic-islands")
    assert sum(HAND_BY_REGION[r] for r in north_regions) == HAND_BY_FLANK["north"]


def test_hand_counts_match_the_loaded_dataset(dataset: Dataset) -> None:
    records = dataset.records
    assert len(records) == HAND_TOTAL
    assert Counter(r.flank.value for r in records) == HAND_BY_FLANK
    assert Counter(r.region.id for r in records) == HAND_BY_REGION
    assert Counter(r.kind.id for r in records) == HAND_BY_KIND
    assert Counter(r.status.value for r in records) == HAND_BY_STATUS
    quoted = [r for r in records if any(isinstance(e, SourceEvidence) for e in r.evidence)]
    assert len(quoted) == HAND_WITH_ARTICLE_QUOTE
    south_regions = {r.id for r in dataset.regions if r.flank is Flank.SOUTH}
    assert south_regions == {"levant", "north-africa", "sahel", "central-africa", "horn-red-sea"}
    assert all(r.country_code == "RU" for r in records if r.flank is Flank.NORTH)


def test_every_record_has_evidence_and_unique_id(dataset: Dataset) -> None:
    ids = [r.id for r in dataset.records]
    assert len(ids) == len(set(ids))
    for record in dataset.records:
        assert record.evidence, record.id
        assert record.loc.path == str(DATASET) and record.loc.line > 0
        if record.status is Status.WITHDRAWN:
            assert record.until is not None, record.id
        if record.status in (Status.ACTIVE, Status.PLANNED, Status.REDUCED):
            assert record.until is None, record.id
        # 'contested' with 'until' once stood for a drawdown; such records are 'reduced' now. It may
        # still end a disputed presence that another record of the same country takes over the month
        # it ends (the Donbas war, folded into the invasion), never one that merely shrank.
        if record.status is Status.CONTESTED and record.until is not None:
            same_country = [r for r in dataset.records if r.country_code == record.country_code]
            assert any(r.since == record.until for r in same_country), record.id
        assert (record.reduced is not None) == (record.status is Status.REDUCED), record.id
        if record.until is not None:
            assert record.until >= record.since, record.id


def test_every_article_quote_is_verbatim_in_the_cited_paragraph(
    dataset: Dataset, library: SourceLibrary
) -> None:
    seen = 0
    for record in dataset.records:
        for evidence in record.evidence:
            if not isinstance(evidence, SourceEvidence):
                continue
            seen += 1
            address = parse_address(evidence.address)
            article = library.get(address.article)
            assert article is not None
            passage = resolve_address(article, address)
            assert fold(evidence.quote) in fold(passage.text), (record.id, evidence.quote)
            # The loader keeps the article's own wording, curly apostrophes and all.
            assert any(evidence.quote in p.text for p in passage.paragraphs), record.id
            assert evidence.citation.startswith("Liana Fix and Kristina Kausch, ")
            assert evidence.citation.endswith(f"{passage.label()}.")
    assert seen >= HAND_WITH_ARTICLE_QUOTE


def test_external_evidence_is_complete(dataset: Dataset) -> None:
    for record in dataset.records:
        for evidence in record.evidence:
            if isinstance(evidence, ExternalEvidence):
                assert evidence.publisher.strip() and evidence.title.strip(), record.id
                assert evidence.date.year >= 1990
                # The address the text was seen at: archived pages of 1997-2018 are often plain http.
                assert evidence.url is None or evidence.url.startswith(("https://", "http://"))


def test_every_presence_the_article_names_is_covered(dataset: Dataset) -> None:
    by_id = {r.id: r for r in dataset.records}
    from_article = {
        "syria-intervention": "SY",
        "syria-tartus": "SY",
        "syria-air-bases": "SY",
        "syria-client-state": "SY",
        "syria-mercenaries": "SY",
        "libya-haftar": "LY",
        "libya-air-bases": "LY",
        "libya-mercenaries": "LY",
        "algeria-arms": "DZ",
        "sudan-port-sudan": "SD",
        "sudan-partnership": "SD",
        "car-partnership": "CF",
        "mali-partnership": "ML",
        "mali-wagner": "ML",
        "ukraine-crimea": "UA",
        "ukraine-invasion-2022": "UA",
    }
    for record_id, code in from_article.items():
        record = by_id[record_id]
        assert record.country_code == code
        assert any(isinstance(e, SourceEvidence) for e in record.evidence), record_id
    assert by_id["sudan-port-sudan"].status is Status.PLANNED
    assert by_id["sudan-port-sudan"].since == YearMonth(2020)  # "In 2020, Moscow signed ..."
    assert "burkina-faso-coup" not in by_id  # crowds at a coup are not a Russian presence
    assert "algeria-air-bases" not in by_id  # only the op-ed says so; no second source was found
    assert "car-instructors" not in by_id and by_id["car-wagner"].kind.id == "pmc"
    assert not any(isinstance(e, SourceEvidence) for e in by_id["car-wagner"].evidence)
    # Dates the audit corrected, each to what its evidence says.
    assert by_id["syria-tartus"].since == YearMonth(1971)  # not the 2017 lease
    assert by_id["algeria-arms"].since == YearMonth(2006, 3)  # not a SIPRI reporting window
    assert by_id["belarus-staging-2022"].since == YearMonth(2022, 1)  # troops arrived in January
    donbas = by_id["ukraine-donbas"]
    assert donbas.active_at(YearMonth(2022, 1)) and not donbas.active_at(YearMonth(2022, 2))
    assert by_id["ukraine-invasion-2022"].active_at(YearMonth(2022, 2))  # hands over, never both
    assert by_id["sudan-wagner"].since == YearMonth(2018)  # its evidence: the 2018 protests
    assert by_id["ukraine-crimea"].since == YearMonth(2014, 3)
    # A partial pull-back for Ukraine: still there, and still counted, after it.
    libya = by_id["libya-mercenaries"]
    assert libya.status is Status.REDUCED and libya.until is None and libya.reduced == YearMonth(2022, 4)
    assert libya.active_at(YearMonth(2022, 5)) and libya.reduced_at(YearMonth(2022, 5))
    assert libya.active_at(YearMonth(2021)) and not libya.reduced_at(YearMonth(2021))
    syria = by_id["syria-mercenaries"]
    assert syria.status is Status.REDUCED and syria.until is None and syria.reduced == YearMonth(2022)


def test_eastern_flank_records(dataset: Dataset) -> None:
    by_id = {r.id: r for r in dataset.records}
    kaliningrad = [r for r in dataset.records if r.country == "Russia (Kaliningrad)"]
    assert {r.kind.id for r in kaliningrad} == {"naval", "missile"}
    assert all(r.country_code == "RU" and r.region.id == "eastern-europe" for r in kaliningrad)
    assert by_id["moldova-transnistria"].since.year == 1992
    assert by_id["armenia-gyumri"].kind.id == "basing-agreement"
    for georgia in ("georgia-abkhazia", "georgia-south-ossetia"):
        assert by_id[georgia].since == YearMonth(2008, 8)
        assert by_id[georgia].status is Status.CONTESTED
    belarus = {r.kind.id for r in dataset.records if r.country_code == "BY"}
    assert belarus == {"partnership", "intervention", "basing-agreement"}
    eastern = [r for r in dataset.records if r.country_code in ("BY", "MD", "GE", "AM", "TR")]
    assert {r.country_code for r in eastern} == {"BY", "MD", "GE", "AM", "TR"}
    assert all(r.flank is Flank.EAST for r in eastern)


# -- broken datasets ------------------------------------------------------------------------------

SIX_MISTAKES = """
id: broken
title: A dataset with mistakes
sources: {su: southern-underbelly}
regions:
  levant: {name: Levant, flank: south}
kinds:
  naval: {name: Naval base or access}
records:
  - id: syria-tartus
    country: {code: SY, name: Syria}
    region: levnt
    kind: naval
    label: Tartus
    since: 2015-13
    status: active
    evidence:
      - cite: su#libya/p1
        quote: upgrading a naval base in Latakia
  - id: syria-tartus
    country: {code: SY, name: Syria}
    region: levant
    kind: naval
    label: Tartus again
    since: 2017-01
    status: active
    evidence:
      - cite: su#libia/p1
        quote: upgrading a naval base in Tartus
  - id: libya-air
    country: {code: LY, name: Libya}
    region: levant
    kind: naval
    label: No evidence here
    since: 2020
    status: active
"""


def test_a_broken_dataset_reports_every_mistake_at_once(tmp_path: Path, library: SourceLibrary) -> None:
    path = write(tmp_path, SIX_MISTAKES)
    found = errors(path, library)
    assert positions(found) == [
        (11, 13, "unknown-region"),
        (14, 12, "bad-date"),
        (18, 16, "quote-not-in-source"),
        (19, 9, "duplicate-id"),
        (27, 18, "unresolved-address"),
        (29, 5, "no-evidence"),
    ]
    assert all(d.loc.path == str(path) and d.hint for d in found)
    by_code = {d.code: d for d in found}
    assert by_code["unknown-region"].hint is not None
    assert by_code["unknown-region"].hint.startswith("did you mean 'levant'?")
    assert by_code["unknown-region"].key == "records[0].region"
    quote = by_code["quote-not-in-source"]
    assert quote.message.startswith("the quote is not in southern-underbelly#libya/p1")
    assert quote.hint is not None and "upgrading a naval base in Tartus" in quote.hint
    assert quote.hint.startswith("the closest passage there reads: \u201c")
    assert "line 9" in (by_code["duplicate-id"].hint or "")
    assert "did you mean 'libya'?" in (by_code["unresolved-address"].hint or "")
    assert "month" in by_code["bad-date"].message


MORE_MISTAKES = """
id: Broken_Set
title: More mistakes
regions:
  baltic: {name: Baltic, flank: west}
  levant: {name: Levant, flank: south}
kinds:
  naval: {name: Naval}
records:
  - id: a
    country: {code: sy, name: Syria}
    region: levant
    kind: navel
    label: A
    since: 2015
    status: activ
    evidence:
      - cite: southern-underbelly#syria/p1
        quote: "secured Syria's role as a Russian client state"
        publisher: Somebody
  - id: b
    country: {code: SY, name: Syria}
    region: levant
    kind: naval
    label: B
    since: 2016
    status: active
    until: 2017
    evidence:
      - publisher: IISS
        date: 2022-02-14
  - id: c
    country: {code: SYR, name: Syria}
    region: levant
    kind: naval
    label: C
    since: 2018
    status: withdrawn
    evidence:
      - cite: "su#syria/p1"
        quote: x
  - id: d
    country: {code: SY, name: Syria}
    region: levant
    kind: naval
    label: D
    since: 2018-05
    status: contested
    until: 2018-01
    evidence:
      - cite: southern-underbelly#Syria
        quote: anything
        colour: red
"""


def test_more_mistakes_each_located_with_a_stable_code(tmp_path: Path, library: SourceLibrary) -> None:
    found = errors(write(tmp_path, MORE_MISTAKES), library)
    assert positions(found) == [
        (1, 5, "bad-id"),
        (4, 33, "bad-flank"),
        (10, 21, "bad-country-code"),
        (12, 11, "unknown-kind"),
        (15, 13, "unknown-status"),
        (19, 9, "mixed-evidence"),
        (27, 5, "unexpected-until"),
        (29, 9, "missing-key"),
        (30, 15, "bad-date"),
        (32, 21, "bad-country-code"),
        (37, 13, "missing-until"),
        (39, 16, "unknown-source"),  # just past the opening quote mark
        (48, 12, "until-before-since"),
        (50, 35, "bad-address"),
        (52, 9, "unknown-key"),
    ]
    hints = {(d.loc.line, d.code): d.hint or "" for d in found}
    assert hints[(10, "bad-country-code")] == "write 'SY'"
    assert hints[(12, "unknown-kind")].startswith("did you mean 'naval'?")
    assert hints[(15, "unknown-status")].startswith("did you mean 'active'?")
    assert "write '2022-02'" in hints[(30, "bad-date")]
    assert "declare 'su:' under 'sources:'" in hints[(39, "unknown-source")]
    assert hints[(50, "bad-address")] == "ids are lowercase: 'syria'"


def test_yaml_syntax_error_is_located(tmp_path: Path, library: SourceLibrary) -> None:
    path = write(tmp_path, "id: x\nrecords: [\n  - id: a\n")
    found = errors(path, library)
    assert [d.code for d in found] == ["yaml-syntax"]
    assert found[0].loc.line > 0


def test_missing_file_and_empty_file(tmp_path: Path, library: SourceLibrary) -> None:
    assert [d.code for d in errors(tmp_path / "nope.yaml", library)] == ["missing-file"]
    assert [d.code for d in errors(write(tmp_path, "\n"), library)] == ["empty-dataset"]


def test_missing_top_level_sections_and_unused_alias(tmp_path: Path, library: SourceLibrary) -> None:
    path = write(
        tmp_path,
        """
        id: tiny
        title: Tiny
        sources: {su: southern-underbelly, fp: southern-underbelly}
        regions:
          levant: {name: Levant, flank: south}
        kinds:
          naval: {name: Naval}
        records:
          - id: syria-tartus
            country: {code: SY, name: Syria}
            region: levant
            kind: naval
            label: Tartus naval facility
            since: 2017-01
            status: withdrawn
            until: 2024-12
            evidence:
              - cite: su#libya/p1
                quote: "upgrading a naval base in Tartus"
              - publisher: Associated Press
                title: Syria lets Russia expand its Mediterranean naval facility
                date: 2017-01
        """,
    )
    loaded, diags = check_dataset(path, sources=library)
    assert loaded is not None
    assert [(d.code, d.severity.value, d.loc.line) for d in diags.items] == [("unused-source", "warning", 3)]
    record = loaded.records[0]
    assert record.until == YearMonth(2024, 12)
    source, external = record.evidence
    assert isinstance(source, SourceEvidence) and isinstance(external, ExternalEvidence)
    assert source.address == "southern-underbelly#libya/p1"
    assert source.citation.endswith(
        "Foreign Policy, May 2022, \u00b65 [our heading: Libya and the Mediterranean]."
    )
    assert external.citation == (
        "Associated Press, \u201cSyria lets Russia expand its Mediterranean naval facility\u201d, Jan 2017."
    )

    bare = write(tmp_path, "id: tiny\ntitle: Tiny\n")
    assert [(d.code, d.key) for d in errors(bare, library)] == [
        ("missing-key", "regions"),
        ("missing-key", "kinds"),
        ("missing-key", "records"),
    ]


# -- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2014", YearMonth(2014)), ("2014-03", YearMonth(2014, 3)), ("1992-12", YearMonth(1992, 12))],
)
def test_parse_year_month(text: str, expected: YearMonth) -> None:
    assert parse_year_month(text) == expected


@pytest.mark.parametrize(
    ("text", "hint_part"),
    [
        ("2014-00", "01 to 12"),
        ("2014-13", "01 to 12"),
        ("2014-3", "'2014-03'"),
        ("2014-03-01", "'2014-03'"),
        ("March 2014", "a year (2014)"),
        ("14", "a year (2014)"),
    ],
)
def test_parse_year_month_rejects(text: str, hint_part: str) -> None:
    with pytest.raises(DateError) as info:
        parse_year_month(text)
    assert hint_part in info.value.hint
