"""Lengths on a slide: EMU (English Metric Units, 914,400 to the inch), points and inches."""

from __future__ import annotations

EMU_PER_INCH = 914400
EMU_PER_PT = 12700


def inches(value: float) -> int:
    """``value`` inches in EMU, rounded to the nearest unit."""
    return round(value * EMU_PER_INCH)
