"""Timeline label placement: blocks above and below the line that never overlap and no stem crosses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Slot:
    side: int  # +1 above the line, -1 below
    level: int  # half-lines from the line to the label's near edge
    left: float  # inches


def place_labels(
    xs: Sequence[float],
    sizes: Sequence[tuple[float, int]],
    *,
    levels: int,
    lo: float,
    hi: float,
    gap: float = 0.15,
    blocked: Sequence[tuple[Slot, float, int]] = (),
    tier: int = 1,
) -> list[Slot] | None:
    """Label blocks over their markers, alternating above and below the line; None when they don't fit.

    ``sizes`` are (width in inches, height in half-lines, spacing included). No block overlaps
    another and no stem from the line to its block crosses a block nearer the line. A block is
    centred over its marker when any level allows it (blocks narrower than four marker gaps
    then fall into alternating near and far tiers), and hung to one side only when none does.
    ``blocked`` are areas kept clear, such as a legend: (slot, width, height in half-lines).
    Blocks start only at multiples of ``tier`` levels: with the tallest block's height, a short
    far block can never sit where a taller near block needs to go.
    """
    taken: dict[tuple[int, int], list[tuple[float, float]]] = {}  # a == b for a stem
    for where, width, tall in blocked:
        for k in range(where.level, where.level + tall):
            taken.setdefault((where.side, k), []).append((where.left, where.left + width))

    def free(side: int, level: int, a: float, b: float) -> bool:
        # Blocks keep ``gap`` apart; a stem only needs to clear a block by a hair.
        return all(
            b + (gap if a < b and x < y else 0.05) <= x or a >= y + (gap if a < b and x < y else 0.05)
            for x, y in taken.get((side, level), [])
        )

    slots: list[Slot] = []
    for i, (x, (w, tall)) in enumerate(zip(xs, sizes, strict=True)):
        if w > hi - lo:
            return None
        lefts = dict.fromkeys(min(max(a, lo), hi - w) for a in (x - w / 2, x - 0.1, x - w + 0.1))
        prefer = 1 if i % 2 == 0 else -1
        slot = next(
            (
                Slot(side, level, left)
                for left in lefts
                if left - 1e-9 <= x <= left + w + 1e-9  # the stem must meet its block
                for level in range(0, levels - tall + 1, tier)
                for side in (prefer, -prefer)
                if all(free(side, k, left, left + w) for k in range(level, level + tall))
                and all(free(side, k, x, x) for k in range(level))
            ),
            None,
        )
        if slot is None:
            return None
        slots.append(slot)
        for k in range(slot.level, slot.level + tall):
            taken.setdefault((slot.side, k), []).append((slot.left, slot.left + w))
        for k in range(slot.level):
            taken.setdefault((slot.side, k), []).append((x, x))
    return slots


def tier_labels(
    xs: Sequence[float],
    sizes: Sequence[tuple[float, int]],
    *,
    levels: int,
    lo: float,
    hi: float,
    gap: float = 0.15,
    blocked: Sequence[tuple[Slot, float, int]] = (),
) -> list[Slot] | None:
    """Alternating sides in near and far tiers: markers 0, 1 near above and below, 2, 3 far, and so on.

    A far block starts just beyond the taller of the near blocks either side of it, which packs
    tighter than the greedy. Checked with ``collisions``; None when anything touches.
    """
    slots: list[Slot] = []
    for i, (x, (w, tall)) in enumerate(zip(xs, sizes, strict=True)):
        near = [j for j in (i - 2, i + 2) if 0 <= j < len(xs)] if i % 4 >= 2 else []
        level = max((sizes[j][1] for j in near), default=0)
        if level + tall > levels:
            return None
        slots.append(Slot(1 if i % 2 == 0 else -1, level, min(max(x - w / 2, lo), hi - w)))
    return None if collisions(xs, sizes, slots, gap=gap, blocked=blocked) else slots


def collisions(
    xs: Sequence[float],
    sizes: Sequence[tuple[float, int]],
    slots: Sequence[Slot],
    *,
    gap: float = 0.15,
    blocked: Sequence[tuple[Slot, float, int]] = (),
) -> list[tuple[int, int]]:
    """Pairs (i, j): block i touches block j, or block j lies across the stem of marker i.

    Blocked areas count as blocks without markers, numbered after the labels.
    """
    marks: list[float | None] = [*xs, *(None for _ in blocked)]
    boxes = [*((s, w, tall) for s, (w, tall) in zip(slots, sizes, strict=True)), *blocked]
    out = []
    for i, (si, wi, ti) in enumerate(boxes):
        for j, (sj, wj, tj) in enumerate(boxes):
            if i == j or si.side != sj.side:
                continue
            rows_meet = si.level < sj.level + tj and sj.level < si.level + ti
            if i < j and rows_meet and si.left < sj.left + wj + gap and sj.left < si.left + wi + gap:
                out.append((i, j))
            x = marks[i]
            if x is not None and sj.level < si.level and sj.left - 0.05 < x < sj.left + wj + 0.05:
                out.append((i, j))
    return out
