"""Charts of the HTML gap report, drawn by matplotlib and returned as inline SVG text:
served/unserved needs per need area (stacked bars) and needs per area × branch (heat map).

Text stays text in the SVG (``svg.fonttype: none``, with a sans-serif fallback chain) so
it is sharp in print and searchable. Every element id of a chart is prefixed with the
chart's name, so two charts inlined in one page never share an id (matplotlib numbers its
groups "figure_1", "axes_1" … in every file); a fixed ``svg.hashsalt`` and no date make
the output byte-stable for the same data.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any, cast

import matplotlib

matplotlib.use("Agg")  # no display: charts are files, never windows

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from reports.stats import AreaCoverage, Matrix  # noqa: E402

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

SERVED = "#2e7d32"
UNSERVED = "#c62828"
#: DejaVu Sans ships with matplotlib, so measuring text never needs a system font
FONT: dict[RcKeyType, Any] = {"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"]}


def _svg(fig, salt: str) -> str:
    """The figure as an <svg> element for inline use: no XML prolog, scales to its box."""
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": salt}):
        fig.savefig(buf, format="svg", bbox_inches="tight", pad_inches=0.2, metadata={"Date": None})
    plt.close(fig)
    text = buf.getvalue()
    text = text[text.index("<svg"):]
    text = re.sub(r'\bid="([^"]+)"', rf'id="{salt}-\1"', text)
    text = re.sub(r'(href="|url\()#([^")]+)', rf'\1#{salt}-\2', text)
    # a fixed pt size would overflow narrow screens and paper; the viewBox keeps the shape
    text = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r'<svg\1 class="chart" role="img"', text, count=1)
    return text


def _wrap(label: str, width: int = 28) -> str:
    """Break long area labels over lines so the chart keeps its width."""
    words, lines, line = label.split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    lines.append(line)
    return "\n".join(lines)


def coverage_bars(areas: list[AreaCoverage], title: str = "Behov per behovsområde") -> str:
    """Stacked horizontal bars: served and unserved needs of each area that has needs."""
    shown = [a for a in areas if a.needs]
    with matplotlib.rc_context({**FONT, "font.size": 9}):
        fig, ax = plt.subplots(figsize=(7.5, 0.45 * max(len(shown), 1) + 1.4))
        labels = [_wrap(a.label) for a in shown][::-1]
        served = [a.served for a in shown][::-1]
        unserved = [a.unserved for a in shown][::-1]
        ax.barh(labels, served, color=SERVED, label="Täckt av öppen utlysning")
        ax.barh(labels, unserved, left=served, color=UNSERVED, label="Ingen öppen utlysning")
        for y, (s, u) in enumerate(zip(served, unserved, strict=True)):
            if s:
                ax.text(s / 2, y, str(s), ha="center", va="center", color="white", fontsize=8)
            if u:
                ax.text(s + u / 2, y, str(u), ha="center", va="center", color="white", fontsize=8)
        ax.set_xlabel("Antal behov")
        ax.set_title(title, loc="left", fontsize=10)
        # the x axis's default locator is an AutoLocator, a MaxNLocator: integer ticks only
        cast(MaxNLocator, ax.xaxis.get_major_locator()).set_params(integer=True)
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.06), ncol=2, frameon=False, fontsize=8)
        if not shown:
            ax.text(0.5, 0.5, "Inga behov", transform=ax.transAxes, ha="center", va="center")
        return _svg(fig, "coverage")


def heat_map(matrix: Matrix, title: str = "Behov per behovsområde och bransch") -> str:
    """Needs per area (rows) × branch (columns), each cell annotated with its count."""
    rows, cols = max(len(matrix.areas), 1), max(len(matrix.branches), 1)
    with matplotlib.rc_context({**FONT, "font.size": 8}):
        fig, ax = plt.subplots(figsize=(max(4.0, 1.2 + 0.85 * cols) + 2.2, 0.45 * rows + 2.2))
        data = matrix.counts or [[0]]
        image = ax.imshow(data, cmap="Oranges", aspect="auto", vmin=0)
        ax.set_yticks(range(len(matrix.areas)), [_wrap(label, 34) for _, label in matrix.areas])
        ax.set_xticks(range(len(matrix.branches)),
                      [_wrap(f"{b.name} ({b.code})", 16) for b in matrix.branches], rotation=0)
        ax.tick_params(axis="x", labelsize=7)
        top = max((max(r) for r in matrix.counts), default=0)
        for i, row in enumerate(matrix.counts):
            for j, n in enumerate(row):
                ax.text(j, i, str(n), ha="center", va="center",
                        color="white" if top and n > top * 0.6 else "black")
        ax.set_title(title, loc="left", fontsize=10)
        bar = fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02, label="Antal behov")
        bar.locator = MaxNLocator(integer=True)  # counts: no 0.5 ticks
        bar.update_ticks()
        if not matrix.areas:
            ax.text(0.5, 0.5, "Inga behov", transform=ax.transAxes, ha="center", va="center")
        return _svg(fig, "heatmap")
