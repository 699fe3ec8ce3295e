"""WCAG 2 colour contrast, for text on slides and labels on charts alike."""

from __future__ import annotations


def luminance(color: str) -> float:
    """WCAG relative luminance of ``"RRGGBB"`` or ``"#RRGGBB"``."""
    rgb = color.lstrip("#")

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(rgb[i : i + 2], 16) / 255) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
