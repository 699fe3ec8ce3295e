"""Synthetic presence datasets built in code: a small one to count by hand, a briefing-size one to draw."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from deckgen.core.errors import Loc
from deckgen.dataset.model import Dataset, Flank, Kind, PresenceRecord, Region, Status, YearMonth

os.environ.setdefault("MPLCONFIGDIR", str(Path(os.environ.get("TMPDIR", "/tmp")) / "deckgen-mpl"))

REGIONS = (
    Region("arctic", "Arctic", Flank.EAST),  # no records: must never show up
    Region("baltic", "Baltic", Flank.EAST),
    Region("black-sea", "Black Sea", Flank.EAST),
    Region("levant", "Levant", Flank.SOUTH),
    Region("sahel", "Sahel", Flank.SOUTH),
)
KINDS = (
    Kind("base", "Military base"),
    Kind("pmc", "Mercenary force"),
    Kind("naval", "Naval facility"),
    Kind("nuclear", "Nuclear weapons"),  # no records: must never show up
)


def _ym(text: str) -> YearMonth:
    year, _, month = text.partition("-")
    return YearMonth(int(year), int(month or 0))


def make_record(
    rid: str,
    code: str,
    country: str,
    region: Region,
    kind: Kind,
    label: str,
    since: str,
    status: Status = Status.ACTIVE,
    until: str | None = None,
) -> PresenceRecord:
    return PresenceRecord(
        id=rid,
        country_code=code,
        country=country,
        region=region,
        kind=kind,
        label=label,
        since=_ym(since),
        status=status,
        until=_ym(until) if until else None,
        evidence=(),
        loc=Loc("synthetic.yaml", 1, 1),
    )


def small() -> Dataset:
    _arctic, baltic, black, levant, sahel = REGIONS
    base, pmc, naval, _nuclear = KINDS
    records = (
        make_record("ru-kal", "RU", "Russia (Kaliningrad)", baltic, base, "Iskander brigade", "2016"),
        make_record("ua-sev", "UA", "Ukraine (Crimea)", black, naval, "Sevastopol fleet base", "2014-03"),
        make_record(
            "md-opg",
            "MD",
            "Moldova (Transnistria)",
            black,
            base,
            "Operational group",
            "1992",
            Status.CONTESTED,
        ),
        make_record("sy-tartus", "SY", "Syria", levant, naval, "Tartus naval facility", "2017-01"),
        make_record("sy-hmeimim", "SY", "Syria", levant, base, "Hmeimim air base", "2015-09"),
        make_record(
            "sy-wagner",
            "SY",
            "Syria",
            levant,
            pmc,
            "Wagner contingent",
            "2015-10",
            Status.WITHDRAWN,
            "2023-08",
        ),
        make_record("ml-wagner", "ML", "Mali", sahel, pmc, "Wagner deployment", "2021-12"),
        make_record("bf-corps", "BF", "Burkina Faso", sahel, pmc, "Africa Corps detachment", "2024-01"),
        make_record("ne-base", "NE", "Niger", sahel, base, "Air base access", "2025", Status.PLANNED),
        make_record(
            "sy-pmtss",
            "SY",
            "Syria",
            levant,
            naval,
            "Naval supply point",
            "2013",
            Status.WITHDRAWN,
            "2017-01",
        ),
    )
    return Dataset("small", "synthetic.yaml", "Small synthetic dataset", REGIONS, KINDS, records)


def briefing() -> Dataset:
    """About two dozen records with realistic names and label lengths, for drawing."""
    east = [Region("kaliningrad", "Kaliningrad", Flank.EAST), Region("belarus", "Belarus", Flank.EAST)]
    east += [Region("black-sea", "Black Sea", Flank.EAST), Region("caucasus", "South Caucasus", Flank.EAST)]
    south = [Region("levant", "Levant", Flank.SOUTH), Region("north-africa", "North Africa", Flank.SOUTH)]
    south += [Region("sahel", "Sahel", Flank.SOUTH), Region("red-sea", "Red Sea & Horn", Flank.SOUTH)]
    south += [Region("central-africa", "Central Africa", Flank.SOUTH)]
    south += [Region("southern-africa", "Southern Africa", Flank.SOUTH)]
    regions = {r.id: r for r in (*east, *south)}
    kinds = {
        k.id: k
        for k in (
            Kind("base", "Military base"),
            Kind("naval", "Naval access"),
            Kind("pmc", "Wagner / Africa Corps"),
            Kind("arms", "Arms & training"),
            Kind("nuclear", "Nuclear weapons"),
        )
    }
    rows = [
        ("ru-iskander", "RU", "Russia (Kaliningrad)", "kaliningrad", "base", "Iskander brigade", "2016-10"),
        ("ru-baltic-fleet", "RU", "Russia (Kaliningrad)", "kaliningrad", "naval", "Baltic Fleet HQ", "1991"),
        ("by-nuclear", "BY", "Belarus", "belarus", "nuclear", "Tactical nuclear weapons", "2023-06"),
        ("by-troops", "BY", "Belarus", "belarus", "base", "Regional grouping of forces", "2022-02"),
        (
            "ua-crimea",
            "UA",
            "Ukraine (Crimea)",
            "black-sea",
            "naval",
            "Black Sea Fleet, Sevastopol",
            "2014-03",
        ),
        ("ua-donbas", "UA", "Ukraine", "black-sea", "base", "Occupation forces", "2014-04", "contested"),
        ("md-opg", "MD", "Moldova (Transnistria)", "black-sea", "base", "Operational Group", "1992-07"),
        ("ge-abkhazia", "GE", "Georgia", "caucasus", "base", "Bases in Abkhazia, S. Ossetia", "2008-08"),
        ("am-gyumri", "AM", "Armenia", "caucasus", "base", "102nd base, Gyumri", "1995", "contested"),
        ("sy-hmeimim", "SY", "Syria", "levant", "base", "Hmeimim air base", "2015-09", "contested"),
        ("sy-tartus", "SY", "Syria", "levant", "naval", "Tartus naval facility", "2017-01", "contested"),
        ("ly-wagner", "LY", "Libya", "north-africa", "pmc", "Africa Corps at al-Khadim", "2019-09"),
        ("ly-jufra", "LY", "Libya", "north-africa", "base", "Al-Jufra air base", "2020-05"),
        (
            "eg-arms",
            "EG",
            "Egypt",
            "north-africa",
            "arms",
            "Su-35 and air defence deals",
            "2018",
            "withdrawn",
        ),
        ("dz-arms", "DZ", "Algeria", "north-africa", "arms", "Main arms supplier", "2006"),
        ("ml-wagner", "ML", "Mali", "sahel", "pmc", "Wagner, then Africa Corps", "2021-12"),
        ("bf-corps", "BF", "Burkina Faso", "sahel", "pmc", "Africa Corps detachment", "2024-01"),
        ("ne-corps", "NE", "Niger", "sahel", "pmc", "Africa Corps instructors", "2024-04"),
        ("td-arms", "TD", "Chad", "sahel", "arms", "Defence cooperation accord", "2024-01"),
        ("sd-port", "SD", "Sudan", "red-sea", "naval", "Port Sudan naval point", "2020-11", "planned"),
        ("er-port", "ER", "Eritrea", "red-sea", "naval", "Massawa port calls", "2023-01"),
        ("cf-wagner", "CF", "Central African Republic", "central-africa", "pmc", "Wagner guards", "2018-01"),
        ("cf-arms", "CF", "Central African Republic", "central-africa", "arms", "Instructors", "2017-12"),
        ("mz-wagner", "MZ", "Mozambique", "southern-africa", "pmc", "Wagner in Cabo Delgado", "2019-09"),
        ("mg-advisers", "MG", "Madagascar", "southern-africa", "arms", "Election advisers", "2018-03"),
    ]
    records = []
    for rid, code, country, region, kind, label, since, *rest in rows:
        status = Status(rest[0]) if rest else Status.ACTIVE
        until = "2020-03" if rid == "mz-wagner" else None
        if rid == "mz-wagner":
            status = Status.WITHDRAWN
        records.append(
            make_record(rid, code, country, regions[region], kinds[kind], label, since, status, until)
        )
    return Dataset(
        "briefing",
        "synthetic.yaml",
        "Briefing-size synthetic dataset",
        tuple(regions.values()),
        tuple(kinds.values()),
        tuple(records),
    )


@pytest.fixture
def dataset() -> Dataset:
    return small()


@pytest.fixture(scope="session")
def briefing_dataset() -> Dataset:
    return briefing()
