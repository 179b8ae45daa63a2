"""A question broken down by groups (age band, gender, area, school level): one bar per group.

Scales are diverging bars, one per group; choices and rankings are blocks of bars, one block per
option with a bar per group; numbers and ratings show each group's mean. The whole filtered set
("All children") comes first for comparison. A withheld group is a hatched outline, never a bar.
"""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import force_locale
from flask_babel import gettext as _

from forum.results.chart_layout import Sheet
from forum.results.chart_style import (
    BAR,
    BAR_HEIGHT,
    MUTED,
    SMALL_SIZE,
    TEXT_SIZE,
    format_count,
    format_number,
    line_height,
    pick,
    text_width,
    wrap,
)
from forum.results.charts import CHOICE_TYPES, SCALE_TYPES, Chart, cell_text, withheld_chart, withheld_note
from forum.results.diverging_bars import draw_diverging, scale_legend, scale_sides
from forum.results.tables import Breakdown, Cell, QuestionResult, ResultStatus
from forum.surveys.definition import NUMBER_TYPES, QuestionType

LABEL_COLUMN = 2.0
# The bar of the whole set is grey, the groups' bars blue: position, label and colour all tell them apart.
TOTAL_BAR = MUTED


def status_message(status: ResultStatus, k: int) -> str:
    """Why a result set shows no numbers (DESIGN §4a rules 1 and 2)."""
    if status is ResultStatus.ISOLATING:
        return _("These filters would single out a few children, so no numbers are shown.")
    return _("Fewer than %(k)d children answered under these filters, so no numbers are shown.", k=k)


def breakdown_chart(breakdown: Breakdown, *, language: str = "vi", context: str = "") -> Chart | None:
    """The breakdown's chart, or None for text and note questions."""
    with force_locale(language):
        total = breakdown.total
        k = breakdown.min_group_size
        title = (pick(total.text, language) if total is not None else "") or _("Question")
        if breakdown.status is not ResultStatus.SHOWN or total is None:
            return withheld_chart(title, status_message(breakdown.status, k), language=language, context=context)
        if total.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT, QuestionType.NOTE):
            return None
        rows = [(_("All children"), total)] + [
            (
                " · ".join(value.label for value in group.values),
                group.question if not group.respondents.withheld else None,
            )
            for group in breakdown.groups
        ]
        labelled = [(_label(label, result, language), result) for label, result in rows]
        sheet = Sheet()
        sheet.title(title, context)
        sides = scale_sides(total.type, len(total.options)) if total.type in SCALE_TYPES else None
        if sides is not None:
            kind = _("Diverging bar chart")
            scale_legend(sheet, [pick(o.label, language) for o in total.options], sides)
            sheet.gap(0.05)
            draw_diverging(sheet, [(label, _cells(result)) for label, result in labelled], sides, language)
            items = _option_items(labelled, language)
        elif total.type in CHOICE_TYPES | SCALE_TYPES | {QuestionType.RANKING}:
            kind = _("Bar chart")
            items = _option_blocks(sheet, total, labelled, language)
        elif total.type in NUMBER_TYPES:
            kind = _("Bar chart of means")
            items = _means(sheet, total, labelled, language)
        else:
            return None
        notes = [_("n = the children in each group who answered this question.")]
        if total.type is QuestionType.MULTIPLE_CHOICE:
            notes.append(_("Children could choose more than one answer."))
        if total.type is QuestionType.RANKING:
            notes.append(_("Average place given to each option: 1 is first, so shorter bars were ranked higher."))
        if sheet.withheld_count:
            notes.append(withheld_note(k))
        sheet.notes(notes)
        description = _("%(kind)s by group: %(items)s.", kind=kind, items=items)
        return Chart(sheet.finish(), title, description)


def _shown(result: QuestionResult | None) -> bool:
    return result is not None and not result.withheld and not result.given.withheld


def _label(label: str, result: QuestionResult | None, language: str) -> str:
    if not _shown(result):
        return label
    assert result is not None
    return f"{label} (n = {format_count(result.answered.count or 0, language)})"


def _cells(result: QuestionResult | None) -> tuple[Cell, ...] | None:
    if result is None or not _shown(result):
        return None
    return tuple(option.cell for option in result.options)


def _option_items(rows: Sequence[tuple[str, QuestionResult | None]], language: str) -> str:
    parts = []
    for label, result in rows:
        if not _shown(result) or result is None:
            parts.append(f"{label}: {_('withheld')}")
            continue
        answers = ", ".join(f"{pick(o.label, language)} {cell_text(o.cell, language)}" for o in result.options)
        parts.append(f"{label}: {answers}")
    return "; ".join(parts)


def _group_bars(sheet: Sheet, rows: Sequence[tuple[str, float | None, str]], *, low: float, high: float) -> None:
    """Bars of one block: group labels in a column on the left, bars from `low` to the value."""
    start = sheet.left + LABEL_COLUMN + 0.1
    reserve = max((text_width(text, SMALL_SIZE) for _label, value, text in rows if value is not None), default=0.0)
    span = sheet.right - start - reserve - 0.15
    top = sheet.y
    for index, (label, value, text) in enumerate(rows):
        lines = wrap(label, LABEL_COLUMN, SMALL_SIZE, 2)
        height = max(BAR_HEIGHT, len(lines) * line_height(SMALL_SIZE))
        middle = sheet.y + height / 2
        sheet.label(sheet.left, middle, "\n".join(lines))
        bar_top = middle - BAR_HEIGHT / 2
        if value is None:
            sheet.withheld(start, bar_top, span, BAR_HEIGHT, _("withheld"))
        else:
            width = span * (value - low) / ((high - low) or 1.0)
            sheet.bar(start, bar_top, width, BAR_HEIGHT, TOTAL_BAR if index == 0 else BAR)
            sheet.label(start + width + 0.08, middle, text)
        sheet.gap(height + 0.08)
    sheet.rule(start, top - 0.03, sheet.y - 0.05)


def _option_blocks(
    sheet: Sheet, total: QuestionResult, rows: Sequence[tuple[str, QuestionResult | None]], language: str
) -> str:
    ranking = total.type is QuestionType.RANKING
    high = float(max(len(total.options), 1)) if ranking else 0.0
    blocks = []
    for index, option in enumerate(total.options):
        values = []
        for label, result in rows:
            row = result.options[index] if _shown(result) and result is not None else None
            if row is None or row.cell.withheld or (ranking and row.mean_rank is None):
                values.append((label, None, _("withheld")))
            elif ranking:
                values.append(
                    (label, row.mean_rank, _("place %(rank)s", rank=format_number(row.mean_rank or 0.0, language)))
                )
            else:
                values.append((label, row.cell.share or 0.0, cell_text(row.cell, language)))
        blocks.append((pick(option.label, language), values))
    if not ranking:
        high = (
            max(
                (value for _option, values in blocks for _label, value, _text in values if value is not None),
                default=0.0,
            )
            or 1.0
        )
    for name, values in blocks:
        sheet.paragraph(name, size=TEXT_SIZE, weight="bold", max_lines=3)
        sheet.gap(0.02)
        _group_bars(sheet, values, low=0.0, high=high)
        sheet.gap(0.12)
    return "; ".join(
        f"{name}: " + ", ".join(f"{label} {text}" for label, _value, text in values) for name, values in blocks
    )


def _means(
    sheet: Sheet, total: QuestionResult, rows: Sequence[tuple[str, QuestionResult | None]], language: str
) -> str:
    bins = total.numbers.bins if total.numbers is not None else ()
    low = min([0.0, *(b.low for b in bins)])
    values: list[tuple[str, float | None, str]] = []
    for label, result in rows:
        numbers = result.numbers if _shown(result) and result is not None else None
        if numbers is None or numbers.mean is None:
            values.append((label, None, _("withheld")))
            continue
        text = _("mean %(mean)s", mean=format_number(numbers.mean, language))
        if numbers.median is not None:
            text = _(
                "mean %(mean)s · median %(median)s",
                mean=format_number(numbers.mean, language),
                median=format_number(numbers.median, language),
            )
        values.append((label, numbers.mean, text))
    high = max([*(b.high for b in bins), *(v for _label, v, _text in values if v is not None)], default=1.0)
    sheet.paragraph(
        _("Scale from %(low)s to %(high)s", low=format_number(low, language), high=format_number(high, language)),
        size=SMALL_SIZE,
        colour=MUTED,
    )
    sheet.gap(0.06)
    _group_bars(sheet, values, low=low, high=high)
    return "; ".join(f"{label}: {text}" for label, _value, text in values)
