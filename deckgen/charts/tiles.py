"""The hand-made tile-grid map: one cell per country, north up and west left, keyed by ISO alpha-2."""

from __future__ import annotations

from dataclasses import dataclass

from deckgen.dataset.model import Flank


@dataclass(frozen=True)
class Tile:
    code: str  # ISO 3166-1 alpha-2, as in PresenceRecord.country_code
    label: str  # short enough for one line at 14 pt on a tile
    col: int  # 0 = westernmost
    row: int  # 0 = northernmost
    context: bool  # drawn pale grey when it has no records, so the room can find its bearings
    holds: Flank | None = None  # only the country's records on this flank (Russia has a tile per flank)
    only_with: Flank | None = None  # a context tile drawn only on a map that shows this flank
    short: str = ""  # a shorter label for a tile whose count leaves too little room; else the code


@dataclass(frozen=True)
class Landmark:
    """A word drawn on empty cells (sea, the Russian mainland) to anchor the eye."""

    text: str
    col: float
    row: float


# One cell per country. The layout trades exact geography for a grid a room reads at a glance:
# the Baltic states stack under Finland, the Black Sea is a hole ringed by Ukraine, Romania,
# Bulgaria, Türkiye and Georgia, North Africa sits under southern Europe and the Sahel under it.
# Records use their state's code for Crimea (UA), Transnistria (MD) and Kaliningrad (RU), so Crimea
# is counted in the Ukraine tile rather than a tile of its own: a separate "UA-CR" key would never
# match a record. The RU tile stands where Kaliningrad is and is labelled so; Russia proper is the
# empty area to the east, named by a landmark.
# Russia's Arctic is the one place a state gets a second tile: Kola (the Northern Fleet) and the
# reopened island bases are as far from Kaliningrad as the Levant is, so a Russian record on the
# north flank counts on the "Arctic" tile east of Finland and the rest on Kaliningrad's.
# Russia's Mediterranean task force has no host state: a Russian record on the south flank counts
# on a sea tile between Italy and Algeria, so the map never files it under Kaliningrad.
# Iceland and Denmark matter only to the north flank: they join the map when it shows northern
# presence, so maps of the east and south keep the grid they had. Iceland sits off Norway across
# an empty cell of sea (the GIUK gap); Denmark between Norway and Germany, west of Kaliningrad.
# Context tiles are labelled by name only, never "NATO": Finland and Sweden joined after 2022.
GRID: tuple[Tile, ...] = (
    Tile("IS", "Iceland", 2, 0, True, only_with=Flank.NORTH),
    Tile("NO", "Norway", 4, 0, True),
    Tile("SE", "Sweden", 5, 0, True),
    Tile("FI", "Finland", 6, 0, True),
    Tile("RU", "Arctic", 7, 0, False, holds=Flank.NORTH),
    Tile("EE", "Estonia", 6, 1, True),
    Tile("LV", "Latvia", 6, 2, True),
    Tile("DK", "Denmark", 4, 3, True, only_with=Flank.NORTH),
    Tile("RU", "Kaliningrad", 5, 3, False, short="Kalin."),
    Tile("LT", "Lithuania", 6, 3, True),
    Tile("DE", "Germany", 4, 4, True),
    Tile("PL", "Poland", 5, 4, True),
    Tile("BY", "Belarus", 6, 4, False),
    Tile("FR", "France", 3, 5, True),
    Tile("MD", "Moldova", 5, 5, False),
    Tile("UA", "Ukraine", 6, 5, False),
    Tile("ES", "Spain", 2, 6, True),
    Tile("IT", "Italy", 3, 6, True),
    Tile("RO", "Romania", 5, 6, True),
    Tile("GE", "Georgia", 7, 6, False),
    Tile("RU", "Med. Sea", 3, 7, False, holds=Flank.SOUTH, short="Med."),
    Tile("GR", "Greece", 4, 7, True),
    Tile("BG", "Bulgaria", 5, 7, True),
    Tile("TR", "Türkiye", 6, 7, True),
    Tile("AM", "Armenia", 7, 7, False),
    Tile("AZ", "Azerbaijan", 8, 7, False, short="Azerb."),
    Tile("DZ", "Algeria", 3, 8, False),
    Tile("LY", "Libya", 4, 8, False),
    Tile("EG", "Egypt", 5, 8, False),
    Tile("SY", "Syria", 6, 8, False),
    Tile("ML", "Mali", 2, 9, False),
    Tile("NE", "Niger", 3, 9, False),
    Tile("TD", "Chad", 4, 9, False),
    Tile("SD", "Sudan", 5, 9, False),
    Tile("ER", "Eritrea", 6, 9, False),
    Tile("BF", "Burkina", 2, 10, False),
    Tile("CF", "CAR", 4, 10, False),
    Tile("MZ", "Mozambique", 6, 10, False),
    Tile("MG", "Madagascar", 7, 10, False),
)

LANDMARKS: tuple[Landmark, ...] = (
    Landmark("Russia", 7, 2),
    Landmark("Black Sea", 6.0, 6.0),
)


def tile(code: str, flank: Flank | None = None) -> Tile | None:
    """The grid cell for a record of an ISO alpha-2 code on ``flank``, or None when the grid has no
    place for the code: the code's tile for that flank, else its tile for no flank in particular,
    else its first."""
    cells = [t for t in GRID if t.code == code.upper()]
    return next(
        (t for t in cells if flank is not None and t.holds is flank),
        next((t for t in cells if t.holds is None), cells[0] if cells else None),
    )
