"""Charts drawn from the suppressed result tables only (never the database): bytes come from
`chart_render`. A withheld cell is an empty hatched outline marked "withheld", never a bar of zero;
its number is not in the table, so no chart can show it.

Every chart carries `n`, a note when something is withheld, and an accessible name and description
(the SVG's <title>/<desc>, the PNG's alt text). Texts follow `language`; staff-written labels are
{"vi", "en"} dicts picked with `in_language`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import gettext as _
from matplotlib.figure import Figure

from forum.results.chart_layout import Sheet
from forum.results.chart_style import (
    BAR,
    BAR_HEIGHT,
    INK,
    MUTED,
    RULE,
    SMALL_SIZE,
    TEXT_SIZE,
    format_count,
    format_number,
    format_share,
    pick,
    text_width,
    wrap,
)
from forum.results.diverging_bars import draw_diverging, scale_legend, scale_sides
from forum.results.tables import Cell, QuestionResult
from forum.surveys.definition import NUMBER_TYPES, QuestionType

CHOICE_TYPES = frozenset({QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE, QuestionType.YES_NO})
SCALE_TYPES = frozenset({QuestionType.AGREE, QuestionType.SMILEY})
HISTOGRAM_HEIGHT = 2.3


@dataclass(frozen=True)
class Chart:
    """A drawn figure, its accessible name (`title`) and one or two sentences giving the data
    (`description`): the SVG's <title> and <desc>, and the alt text of the PNG."""

    figure: Figure
    title: str
    description: str


@dataclass(frozen=True)
class BarRow:
    """One horizontal bar: `value` None means withheld (drawn hatched, `text` ignored)."""

    label: str
    value: float | None
    text: str = ""


def question_chart(
    result: QuestionResult, *, min_group_size: int, language: str = "vi", context: str = ""
) -> Chart | None:
    """The chart for one question of a result set, or None for text and note questions (they have
    quotes, not charts). `context` is an optional line under the title (e.g. the filters)."""
    with force_locale(language):
        title = pick(result.text, language) or _("Question")
        if result.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT, QuestionType.NOTE):
            return None
        if result.withheld or result.given.withheld:
            return _message(title, question_withheld_message(min_group_size), context)
        if result.type is QuestionType.RANKING:
            return _ranking(result, title, min_group_size, language, context)
        if result.type in SCALE_TYPES:
            sides = scale_sides(result.type, len(result.options))
            if sides is not None and not any(option.cell.withheld for option in result.options):
                return _scale(result, title, sides, min_group_size, language, context)
            return _choice(result, title, min_group_size, language, context)
        if result.type in CHOICE_TYPES:
            return _choice(result, title, min_group_size, language, context)
        if result.type in NUMBER_TYPES and result.numbers is not None:
            return _histogram(result, title, min_group_size, language, context)
        return None


def withheld_chart(title: str, message: str, *, language: str = "vi", context: str = "") -> Chart:
    """A small figure saying why there is nothing to show (a withheld question or result set)."""
    with force_locale(language):
        return _message(title, message, context)


def question_withheld_message(k: int) -> str:
    return _(
        "The numbers for this question are withheld: fewer than %(k)d children answered it, or they "
        "would let a smaller group be worked out.",
        k=k,
    )


def withheld_note(k: int) -> str:
    return _(
        "Hatched outlines are withheld numbers: fewer than %(k)d children, or a number that would let "
        "a smaller group be worked out.",
        k=k,
    )


def answered_note(result: QuestionResult, language: str) -> list[str]:
    """`n = …` (the base of the shares) and, when some chose "I'd rather not say", how many."""
    notes = [
        _("n = %(count)s children answered this question.", count=format_count(result.answered.count or 0, language))
    ]
    if not result.declined.withheld and result.declined.count:
        notes.append(
            _(
                "%(count)s of them chose “I'd rather not say”.",
                count=format_count(result.declined.count, language),
            )
        )
    return notes


def cell_text(cell: Cell, language: str) -> str:
    """A shown cell as "62% (211)"; the word "withheld" otherwise."""
    if cell.withheld:
        return _("withheld")
    return f"{format_share(cell.share or 0.0, language)} ({format_count(cell.count or 0, language)})"


# Plain horizontal bars ---------------------------------------------------------------------------


def draw_bars(sheet: Sheet, rows: Sequence[BarRow], *, top: float | None = None) -> None:
    """Each row's label above its bar; the value label at the end of the bar."""
    reserve = max((text_width(row.text, TEXT_SIZE) for row in rows if row.value is not None), default=0.0) + 0.2
    span = sheet.inner - reserve
    scale = top or max((row.value for row in rows if row.value is not None), default=0.0) or 1.0
    first = None
    for row in rows:
        sheet.lines(wrap(row.label, sheet.inner, TEXT_SIZE, 3))
        sheet.gap(0.04)
        first = sheet.y if first is None else first
        if row.value is None:
            sheet.withheld(sheet.left, sheet.y, span, BAR_HEIGHT, _("withheld"))
        else:
            width = span * max(row.value, 0.0) / scale
            sheet.bar(sheet.left, sheet.y, width, BAR_HEIGHT, BAR)
            sheet.label(sheet.left + width + 0.08, sheet.y + BAR_HEIGHT / 2, row.text, size=TEXT_SIZE)
        sheet.gap(BAR_HEIGHT + 0.2)
    if first is not None:
        sheet.rule(sheet.left, first - 0.04, sheet.y - 0.16)


def _choice(result: QuestionResult, title: str, k: int, language: str, context: str) -> Chart:
    sheet = Sheet()
    sheet.title(title, context)
    rows = [
        BarRow(
            pick(option.label, language),
            None if option.cell.withheld else option.cell.share or 0.0,
            cell_text(option.cell, language),
        )
        for option in result.options
    ]
    draw_bars(sheet, rows)
    notes = answered_note(result, language)
    if result.type is QuestionType.MULTIPLE_CHOICE:
        notes.append(_("Children could choose more than one answer."))
    if sheet.withheld_count:
        notes.append(withheld_note(k))
    sheet.notes(notes)
    items = "; ".join(f"{row.label}: {row.text}" for row in rows)
    description = _(
        "Bar chart of the answers of %(count)s children: %(items)s.",
        count=format_count(result.answered.count or 0, language),
        items=items,
    )
    return Chart(sheet.finish(), title, description)


def _ranking(result: QuestionResult, title: str, k: int, language: str, context: str) -> Chart:
    sheet = Sheet()
    sheet.title(title, context)
    sheet.paragraph(
        _("Average place given to each option: 1 is first, so shorter bars were ranked higher."),
        size=SMALL_SIZE,
        colour=MUTED,
    )
    sheet.gap(0.1)
    shown = [o for o in result.options if not o.cell.withheld and o.mean_rank is not None]
    withheld = [o for o in result.options if o.cell.withheld or o.mean_rank is None]
    rows = [
        BarRow(
            pick(option.label, language),
            option.mean_rank,
            _(
                "place %(rank)s (%(count)s children)",
                rank=format_number(option.mean_rank or 0.0, language),
                count=format_count(option.cell.count or 0, language),
            ),
        )
        for option in sorted(shown, key=lambda o: (o.mean_rank, o.key))
    ] + [BarRow(pick(option.label, language), None, _("withheld")) for option in withheld]
    draw_bars(sheet, rows, top=float(max(len(result.options), 1)))
    notes = answered_note(result, language)
    if sheet.withheld_count:
        notes.append(withheld_note(k))
    sheet.notes(notes)
    description = _(
        "Bar chart of the average place %(count)s children gave each option (1 is first): %(items)s.",
        count=format_count(result.answered.count or 0, language),
        items="; ".join(f"{row.label}: {row.text}" for row in rows),
    )
    return Chart(sheet.finish(), title, description)


# Agree and smiley scales ------------------------------------------------------------------------


def _scale(result: QuestionResult, title: str, sides: tuple[int, int], k: int, language: str, context: str) -> Chart:
    sheet = Sheet()
    sheet.title(title, context)
    labels = [pick(option.label, language) for option in result.options]
    scale_legend(sheet, labels, sides)
    sheet.gap(0.05)
    draw_diverging(sheet, [("", tuple(option.cell for option in result.options))], sides, language)
    sheet.notes(answered_note(result, language))
    items = "; ".join(
        f"{label}: {cell_text(o.cell, language)}" for label, o in zip(labels, result.options, strict=True)
    )
    description = _(
        "Diverging bar chart of the answers of %(count)s children: %(items)s.",
        count=format_count(result.answered.count or 0, language),
        items=items,
    )
    return Chart(sheet.finish(), title, description)


# Histograms (numbers and ratings) ----------------------------------------------------------------


def bin_label(low: float, high: float, language: str) -> str:
    if low == high or (high - low == 1 and float(low).is_integer()):
        return format_number(low, language)
    return f"{format_number(low, language)}–{format_number(high, language)}"


def _histogram(result: QuestionResult, title: str, k: int, language: str, context: str) -> Chart:
    numbers = result.numbers
    assert numbers is not None
    sheet = Sheet()
    sheet.title(title, context)
    if numbers.mean is not None and numbers.median is not None:
        sheet.paragraph(
            _(
                "Mean %(mean)s · median %(median)s",
                mean=format_number(numbers.mean, language),
                median=format_number(numbers.median, language),
            )
        )
        sheet.gap(0.1)
    bins = numbers.bins
    labels = [bin_label(b.low, b.high, language) for b in bins]
    slot = (sheet.inner - 0.2) / max(len(bins), 1)
    rotate = any(text_width(label, SMALL_SIZE) > slot - 0.08 for label in labels)
    ax = sheet.plot(HISTOGRAM_HEIGHT, left=sheet.left + 0.1, right=sheet.right - 0.1)
    top = max((b.cell.count or 0 for b in bins if not b.cell.withheld), default=0) or 1
    limit = top * 1.45
    for index, item in enumerate(bins):
        if item.cell.withheld:
            sheet.withheld(index - 0.4, 0, 0.8, limit * 0.92, _("withheld"), vertical=True, axes=ax)
            continue
        count = item.cell.count or 0
        ax.bar(index, count, 0.8, color=BAR, edgecolor="none")
        ax.text(
            index,
            count + limit * 0.02,
            f"{format_count(count, language)}\n{format_share(item.cell.share or 0, language)}",
            ha="center",
            va="bottom",
            fontsize=SMALL_SIZE,
            color=INK,
            linespacing=1.2,
        )
    ax.set_xlim(-0.6, len(bins) - 0.4)
    ax.set_ylim(0, limit)
    ax.set_xticks(
        range(len(bins)),
        labels,
        fontsize=SMALL_SIZE,
        color=INK,
        rotation=35 if rotate else 0,
        ha="right" if rotate else "center",
        rotation_mode="anchor",
    )
    ax.set_yticks([])
    ax.tick_params(axis="x", length=3, color=RULE)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(RULE)
    if result.type is QuestionType.RATING:
        ax.set_xlabel(_("Stars"), fontsize=SMALL_SIZE, color=MUTED)
    sheet.gap(max(text_width(label, SMALL_SIZE) for label in labels) * 0.6 + 0.35 if rotate and labels else 0.4)
    notes = answered_note(result, language)
    if sheet.withheld_count:
        notes.append(withheld_note(k))
    sheet.notes(notes)
    items = "; ".join(f"{label}: {cell_text(b.cell, language)}" for label, b in zip(labels, bins, strict=True))
    summary = ""
    if numbers.mean is not None and numbers.median is not None:
        summary = " " + _(
            "Mean %(mean)s, median %(median)s.",
            mean=format_number(numbers.mean, language),
            median=format_number(numbers.median, language),
        )
    description = (
        _(
            "Histogram of the answers of %(count)s children: %(items)s.",
            count=format_count(result.answered.count or 0, language),
            items=items,
        )
        + summary
    )
    return Chart(sheet.finish(), title, description)


def _message(title: str, message: str, context: str) -> Chart:
    sheet = Sheet()
    sheet.title(title, context)
    lines = wrap(message, sheet.inner - 0.4, TEXT_SIZE, 6)
    height = len(lines) * TEXT_SIZE * 1.3 * 1.15 / 72 + 0.3
    sheet.withheld(sheet.left, sheet.y, sheet.inner, height, "\n".join(lines))
    sheet.gap(height)
    return Chart(sheet.finish(), title, message)
