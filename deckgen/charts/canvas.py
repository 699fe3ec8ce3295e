"""The figure every chart picture is drawn on: fixed matplotlib settings, theme fonts, inch measures."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from deckgen.charts.folders import cache_root
from deckgen.charts.model import ChartStyle
from deckgen.charts.ruler import FontStyle, Ruler

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

PAD = 0.12  # inches between a mark and its label
EDGE = 0.2  # inches kept clear along every edge of the picture


@contextlib.contextmanager
def canvas(style: ChartStyle, width_in: float, height_in: float, dpi: int) -> Iterator[Ink]:
    # A writable config dir, or matplotlib rebuilds its font cache (seconds) on every run.
    os.environ.setdefault("MPLCONFIGDIR", str(cache_root() / "matplotlib"))
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    px_w, px_h = round(width_in * dpi), round(height_in * dpi)
    with matplotlib.rc_context():
        matplotlib.rcdefaults()  # a user's matplotlibrc must not change a deck's pictures
        matplotlib.rcParams.update(_rc(style, dpi))
        # Agg truncates the canvas to whole pixels: a quarter pixel of slack makes it round instead.
        fig = Figure(figsize=((px_w + 0.25) / dpi, (px_h + 0.25) / dpi), dpi=dpi)
        FigureCanvasAgg(fig)
        yield Ink(fig, style, px_w / dpi, px_h / dpi)


def _families(style: ChartStyle) -> list[str]:
    # A theme font the fitter knows (Calibri, Arial) is drawn in its metric-compatible twin
    # (Carlito, Liberation Sans): same widths, installed with deckgen's fonts, and matplotlib does
    # not warn about the proprietary face it cannot find. Fallbacks keep the layout otherwise.
    from deckgen.fit.metrics import default_book

    book = default_book()
    font = book.family_of(style.font) if book.knows(style.font) else style.font
    return list(dict.fromkeys([font, "Liberation Sans", "DejaVu Sans"]))


def _rc(style: ChartStyle, dpi: int) -> dict[RcKeyType, Any]:
    return {
        "font.family": _families(style),
        "font.size": style.tick_size,
        "text.color": style.text_color,
        "axes.labelcolor": style.text_color,
        "axes.edgecolor": style.muted_color,
        "axes.labelsize": style.label_size,
        "xtick.color": style.muted_color,
        "ytick.color": style.muted_color,
        "xtick.labelcolor": style.text_color,
        "ytick.labelcolor": style.text_color,
        "xtick.labelsize": style.tick_size,
        "ytick.labelsize": style.tick_size,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.unicode_minus": False,
        "figure.dpi": dpi,
        "savefig.dpi": dpi,
        "figure.facecolor": style.background,
        "axes.facecolor": style.background,
        "patch.linewidth": 0,
    }


class Ink(Ruler):
    """The figure plus measuring in inches: every drawer makes its layout decisions in inches."""

    def __init__(self, fig: Figure, style: ChartStyle, width: float, height: float) -> None:
        super().__init__(width, height, style.tick_size)
        self.fig, self.style = fig, style
        self._widths: dict[tuple[str, float | None, str, str], float] = {}
        self._renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        self.board = self.axes(0, 0, width, height, off=True)  # inch coordinates over the whole picture

    def axes(self, left: float, bottom: float, width: float, height: float, *, off: bool = False) -> Axes:
        ax = self.fig.add_axes(
            (left / self.width, bottom / self.height, width / self.width, height / self.height)
        )
        if off:
            ax.set_xlim(left, left + width)
            ax.set_ylim(bottom, bottom + height)
            ax.set_axis_off()
        return ax

    def measure(
        self, text: str, *, size: float | None = None, weight: str = "normal", style: FontStyle = "normal"
    ) -> float:
        """Width of one line of text in inches, as Agg will draw it."""
        key = (text, size, weight, style)
        if key not in self._widths:
            from matplotlib.font_manager import FontProperties

            prop = FontProperties(family=_families(self.style), weight=weight, style=style)
            prop.set_size(size or self.style.tick_size)
            w, _h, _d = self._renderer.get_text_width_height_descent(text, prop, ismath=False)
            self._widths[key] = float(w) / self.fig.dpi
        return self._widths[key]
