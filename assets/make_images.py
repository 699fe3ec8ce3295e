"""Draw the example decks' pictures into assets/images/ (run: python assets/make_images.py).

The pictures are schematic, not maps: a tile grid that places each country named in the seed
article roughly where it lies, coloured by the NATO flank it bears on. Deterministic output.
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

HERE = Path(__file__).resolve().parent
NAVY = "#13294B"
EAST = "#2F6DB5"
SOUTH = "#C8553D"
ALLY = "#D9DEE7"

# (label, column, row, group): a coarse west-to-east, north-to-south grid.
TILES: tuple[tuple[str, int, int, str], ...] = (
    ("European\nallies", 2, 0, "ally"),
    ("Baltic\nallies", 4, 0, "ally"),
    ("Poland", 4, 1, "ally"),
    ("Belarus", 5, 1, "east"),
    ("Ukraine\n2022", 5, 2, "east"),
    ("Crimea\n2014", 6, 3, "east"),
    ("Türkiye", 5, 4, "ally"),
    ("Syria", 6, 5, "south"),
    ("Algeria", 1, 5, "south"),
    ("Libya", 3, 5, "south"),
    ("Mali", 0, 6, "south"),
    ("Burkina\nFaso", 1, 7, "south"),
    ("Sudan", 5, 6, "south"),
    ("C. African\nRepublic", 4, 7, "south"),
)
COLORS = {"ally": ALLY, "east": EAST, "south": SOUTH}
LEGEND = (("east", "Eastern flank"), ("south", "Southern flank"), ("ally", "NATO allies"))
W, H = 1.25, 0.8  # tile pitch; tiles are a little smaller so gaps show


def draw_two_flanks() -> bytes:
    fig, ax = plt.subplots(figsize=(8.4, 5.6), dpi=150)
    font = {"family": "Liberation Sans", "fontweight": "bold"}
    for label, col, row, group in TILES:
        x, y = col * W, -row * H
        ax.add_patch(plt.Rectangle((x, y), W - 0.08, H - 0.08, color=COLORS[group], linewidth=0))
        text_color = NAVY if group == "ally" else "white"
        ax.text(
            x + (W - 0.08) / 2,
            y + (H - 0.08) / 2,
            label,
            ha="center",
            va="center",
            fontsize=10.5,
            color=text_color,
            linespacing=1.1,
            **font,
        )
    for i, (group, name) in enumerate(LEGEND):
        x = i * 2.9
        ax.add_patch(plt.Rectangle((x, -8.0 * H), 0.35, 0.35, color=COLORS[group], linewidth=0))
        ax.text(x + 0.5, -8.0 * H + 0.17, name, va="center", fontsize=15, color=NAVY, **font)
    ax.set_xlim(-0.1, 8 * W + 0.1)
    ax.set_ylim(-8.1 * H, 1.0 * H)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.tight_layout(pad=0.2)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def main() -> None:
    out = HERE / "images" / "two-flanks.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(draw_two_flanks())
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
