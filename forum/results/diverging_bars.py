"""Diverging stacked bars for agree and smiley scales: negative answers left of a centre line,
the neutral one centred on it, positive ones to the right, with each side's total at its end."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext as _

from forum.results.chart_layout import Sheet
from forum.results.chart_style import (
    BAR_HEIGHT,
    INK,
    RULE,
    SMALL_SIZE,
    TEXT_SIZE,
    diverging_colours,
    format_share,
    text_width,
    wrap,
)
from forum.results.tables import Cell
from forum.surveys.definition import QuestionType


def scale_sides(kind: QuestionType, points: int) -> tuple[int, int] | None:
    """(negative, positive) option counts around the neutral one, in option order; None when the
    scale cannot be centred (then it is drawn as plain bars). Smiley scales are positive only
    from "It's okay" upwards (the 5-point one has one "not so happy" below it)."""
    if kind is QuestionType.SMILEY:
        return {3: (0, 2), 5: (1, 3)}.get(points)
    if kind is QuestionType.AGREE and points % 2 == 1 and 3 <= points <= 5:
        side = (points - 1) // 2
        return side, side
    return None


def scale_legend(sheet: Sheet, labels: Sequence[str], sides: tuple[int, int]) -> None:
    fills, patterns = diverging_colours(*sides)
    sheet.legend(list(zip(labels, fills, patterns, strict=True)))


def draw_diverging(
    sheet: Sheet, rows: Sequence[tuple[str, Sequence[Cell] | None]], sides: tuple[int, int], language: str
) -> None:
    """One bar per row, negative options left of the centre line, the neutral one centred on it,
    positive ones to the right; totals of each side at its end. A row is withheld (None, or any cell
    withheld) as a whole: where its other segments sit would give the withheld one away."""
    negatives, positives = sides
    fills, patterns = diverging_colours(negatives, positives)
    side_room = text_width("100%", SMALL_SIZE) + 0.15
    left, right = sheet.left + side_room, sheet.right - side_room
    centre = (left + right) / 2
    shown = [list(cells) for _label, cells in rows if cells is not None and not any(c.withheld for c in cells)]
    extent = (
        max(
            (
                max(sum(c.share or 0 for c in cells[:negatives]), sum(c.share or 0 for c in cells[negatives + 1 :]))
                + (cells[negatives].share or 0) / 2
                for cells in shown
            ),
            default=0.0,
        )
        or 1.0
    )
    per_share = (right - centre) / extent
    for label, cells in rows:
        if label:
            sheet.lines(wrap(label, sheet.inner, TEXT_SIZE, 2))
            sheet.gap(0.04)
        y = sheet.y
        if cells is None or any(c.withheld for c in cells):
            sheet.withheld(left, y, right - left, BAR_HEIGHT, _("withheld"))
        else:
            shares = [c.share or 0.0 for c in cells]
            x = centre - (sum(shares[:negatives]) + shares[negatives] / 2) * per_share
            start = x
            for share, fill, pattern in zip(shares, fills, patterns, strict=True):
                width = share * per_share
                sheet.bar(x, y, width, BAR_HEIGHT, fill, pattern)
                text = format_share(share, language)
                if width >= text_width(text, SMALL_SIZE) + 0.1:
                    sheet.label(x + width / 2, y + BAR_HEIGHT / 2, text, ha="center", box=fill)
                x += width
            if negatives:
                sheet.label(
                    start - 0.06,
                    y + BAR_HEIGHT / 2,
                    format_share(sum(shares[:negatives]), language),
                    ha="right",
                    colour=INK,
                )
            if positives:
                sheet.label(
                    x + 0.06, y + BAR_HEIGHT / 2, format_share(sum(shares[negatives + 1 :]), language), colour=INK
                )
            sheet.ax.plot([centre, centre], [y - 0.05, y + BAR_HEIGHT + 0.05], color=RULE, linewidth=0.9)
        sheet.gap(BAR_HEIGHT + 0.18)
