"""A figure laid out top to bottom in inches, so titles, labels and bars never collide however long
staff-written texts are.

One axes covers the whole figure with inch coordinates (y grows downwards) for text and bars; real
plots (histogram, participation) get their own axes, placed once the final height is known.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from forum.results.chart_style import (
    BAR_HEIGHT,
    INK,
    LINE_SPACING,
    MARGIN,
    MUTED,
    RULE,
    SMALL_SIZE,
    TEXT_SIZE,
    TITLE_SIZE,
    WHITE,
    WIDTH,
    WITHHELD_EDGE,
    WITHHELD_HATCH,
    WITHHELD_PATTERN,
    line_height,
    text_colour,
    text_width,
    wrap,
)

SWATCH = 0.2


class Sheet:
    """Drawing surface with a cursor `y` (inches from the top) that each block advances."""

    def __init__(self, width: float = WIDTH) -> None:
        self.width = width
        self.figure = Figure(figsize=(width, 1.0), facecolor=WHITE)
        FigureCanvasAgg(self.figure)
        self.ax = self.figure.add_axes((0.0, 0.0, 1.0, 1.0))
        self.ax.set_axis_off()
        self.y = MARGIN
        self.withheld_count = 0
        self._plots: list[tuple[Axes, float, float, float, float]] = []

    @property
    def left(self) -> float:
        return MARGIN

    @property
    def right(self) -> float:
        return self.width - MARGIN

    @property
    def inner(self) -> float:
        return self.right - self.left

    def gap(self, inches: float) -> None:
        self.y += inches

    def lines(
        self,
        lines: Sequence[str],
        *,
        size: float = TEXT_SIZE,
        x: float | None = None,
        colour: str = INK,
        weight: str = "normal",
    ) -> None:
        """Text lines from the cursor down, left-aligned at `x`."""
        if not lines:
            return
        self.ax.text(
            x if x is not None else self.left,
            self.y,
            "\n".join(lines),
            fontsize=size,
            color=colour,
            weight=weight,
            ha="left",
            va="top",
            linespacing=LINE_SPACING,
        )
        self.y += len(lines) * line_height(size) + 0.03

    def paragraph(
        self, text: str, *, size: float = TEXT_SIZE, colour: str = INK, weight: str = "normal", max_lines: int = 6
    ) -> None:
        lines = wrap(text, self.inner, size, max_lines, bold=weight == "bold")
        self.lines(lines, size=size, colour=colour, weight=weight)

    def title(self, text: str, context: str = "") -> None:
        self.paragraph(text, size=TITLE_SIZE, weight="bold", max_lines=5)
        if context:
            self.gap(0.02)
            self.paragraph(context, size=TEXT_SIZE, colour=MUTED, max_lines=3)
        self.gap(0.14)

    def label(
        self,
        x: float,
        y: float,
        text: str,
        *,
        size: float = SMALL_SIZE,
        colour: str = INK,
        ha: str = "left",
        va: str = "center",
        box: str | None = None,
        weight: str = "normal",
    ) -> None:
        """One piece of text at (x, y); with `box`, on a padded box of that colour (and the text
        colour picked for contrast with it)."""
        bbox = None
        if box is not None:
            colour = text_colour(box)
            bbox = {"boxstyle": "square,pad=0.15", "facecolor": box, "edgecolor": "none"}
        self.ax.text(x, y, text, fontsize=size, color=colour, ha=ha, va=va, bbox=bbox, weight=weight)

    def bar(self, x: float, y: float, width: float, height: float, fill: str, pattern: str = "") -> None:
        hatch_colour = WHITE if text_colour(fill) == WHITE else INK
        self.ax.add_patch(
            Rectangle(
                (x, y),
                max(width, 0.0),
                height,
                facecolor=fill,
                edgecolor=WHITE,
                linewidth=0.8,
                hatch=pattern or None,
                hatchcolor=hatch_colour,
            )
        )

    def withheld(
        self,
        x: float,
        y: float,
        width: float,
        height: float,
        text: str,
        *,
        vertical: bool = False,
        axes: Axes | None = None,
    ) -> None:
        """An empty hatched outline with `text` on it: a withheld number, never drawn as a bar."""
        self.withheld_count += 1
        target = axes or self.ax
        target.add_patch(
            Rectangle(
                (x, y),
                width,
                height,
                facecolor=WHITE,
                edgecolor=WITHHELD_EDGE,
                linewidth=0.9,
                linestyle="--",
                hatch=WITHHELD_PATTERN,
                hatchcolor=WITHHELD_HATCH,
                gid=f"withheld-{self.withheld_count}",
            )
        )
        target.text(
            x + width / 2,
            y + height / 2,
            text,
            fontsize=SMALL_SIZE,
            color=INK,
            ha="center",
            va="center",
            rotation=90 if vertical else 0,
            bbox={"boxstyle": "square,pad=0.2", "facecolor": WHITE, "edgecolor": "none"},
        )

    def rule(self, x: float, top: float, bottom: float) -> None:
        self.ax.plot([x, x], [top, bottom], color=RULE, linewidth=0.9)

    def legend(self, items: Sequence[tuple[str, str, str]]) -> None:
        """(label, fill, pattern) swatches flowing across lines."""
        x = self.left
        height = max(SWATCH, line_height(SMALL_SIZE))
        for text, fill, pattern in items:
            shown = wrap(text, 2.4, SMALL_SIZE, 1)[0]
            needed = SWATCH + 0.08 + text_width(shown, SMALL_SIZE) + 0.25
            if x > self.left and x + needed > self.right:
                x = self.left
                self.y += height + 0.06
            self.ax.add_patch(
                Rectangle(
                    (x, self.y),
                    SWATCH,
                    SWATCH * 0.8,
                    facecolor=fill,
                    edgecolor=INK,
                    linewidth=0.6,
                    hatch=pattern or None,
                    hatchcolor=WHITE if text_colour(fill) == WHITE else INK,
                )
            )
            self.label(x + SWATCH + 0.08, self.y + SWATCH * 0.4, shown)
            x += needed
        self.y += height + 0.12

    def plot(self, height: float, *, left: float | None = None, right: float | None = None) -> Axes:
        """A real axes of `height` inches at the cursor, placed when the sheet is finished."""
        ax = self.figure.add_axes((0.0, 0.0, 1.0, 1.0))
        x = left if left is not None else self.left
        width = (right if right is not None else self.right) - x
        self._plots.append((ax, x, self.y, width, height))
        self.y += height
        return ax

    def notes(self, notes: Sequence[str]) -> None:
        if not notes:
            return
        self.gap(0.1)
        for note in notes:
            self.paragraph(note, size=SMALL_SIZE, colour=MUTED, max_lines=4)
            self.gap(0.03)

    def finish(self) -> Figure:
        height = self.y + MARGIN
        self.figure.set_size_inches(self.width, height)
        self.ax.set_xlim(0, self.width)
        self.ax.set_ylim(height, 0)
        for ax, x, top, width, plot_height in self._plots:
            ax.set_position(
                (x / self.width, 1 - (top + plot_height) / height, width / self.width, plot_height / height)
            )
        return self.figure


def bar_row_height(label_lines: int, size: float = SMALL_SIZE) -> float:
    return max(BAR_HEIGHT, label_lines * line_height(size))
