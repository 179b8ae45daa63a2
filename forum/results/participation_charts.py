"""Participation over time: responses per day, week or merged period (bars) and the running total
(a line). The granularity comes from the suppressed table (DESIGN §4a rule 5) and is noted."""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, MaxNLocator

from forum.results.breakdown_charts import status_message
from forum.results.chart_layout import Sheet
from forum.results.chart_style import BAR, INK, RULE, SMALL_SIZE, TEXT_SIZE, format_count, format_day
from forum.results.charts import Chart, withheld_chart
from forum.results.tables import Granularity, Participation, Period, ResultStatus

PANEL_HEIGHT = 1.5
MAX_TICKS = 6
MAX_BAR_LABELS = 16
MAX_DESCRIBED = 40


def participation_chart(participation: Participation, *, language: str = "vi", context: str = "") -> Chart:
    with force_locale(language):
        title = _("Participation over time")
        periods = participation.periods
        total = participation.total
        if participation.status is not ResultStatus.SHOWN or total is None or not periods:
            message = status_message(participation.status, participation.min_group_size)
            return withheld_chart(title, message, language=language, context=context)
        k = participation.min_group_size
        sheet = Sheet()
        sheet.title(title, context)
        headings = {
            Granularity.DAY: _("Responses per day"),
            Granularity.WEEK: _("Responses per week"),
            Granularity.PERIOD: _("Responses per period"),
        }
        sheet.paragraph(
            headings.get(participation.granularity or Granularity.PERIOD, ""), size=TEXT_SIZE, weight="bold"
        )
        sheet.gap(0.12)
        bars = sheet.plot(PANEL_HEIGHT, left=sheet.left + 0.45, right=sheet.right - 0.2)
        _draw_bars(bars, periods, language)
        sheet.gap(0.4)
        sheet.paragraph(_("Total so far"), size=TEXT_SIZE, weight="bold")
        sheet.gap(0.12)
        line = sheet.plot(PANEL_HEIGHT, left=sheet.left + 0.45, right=sheet.right - 0.2)
        _draw_line(line, periods, total, language)
        sheet.gap(0.4)
        notes = [
            _("n = %(count)s responses in all.", count=format_count(total, language)),
            _granularity_note(participation.granularity, k),
        ]
        sheet.notes(notes)
        items = [
            f"{_span(period, language)}: {format_count(period.count, language)}" for period in periods[:MAX_DESCRIBED]
        ]
        if len(periods) > MAX_DESCRIBED:
            items.append("…")
        description = _(
            "Participation over time: %(count)s responses in all. %(note)s %(items)s.",
            count=format_count(total, language),
            note=_granularity_note(participation.granularity, k),
            items="; ".join(items),
        )
        return Chart(sheet.finish(), title, description)


def _granularity_note(granularity: Granularity | None, k: int) -> str:
    if granularity is Granularity.DAY:
        return _("Counted per day.")
    if granularity is Granularity.WEEK:
        return _("Counted per week (Monday to Sunday), because some days had fewer than %(k)d responses.", k=k)
    return _(
        "Counted in runs of days with at least %(k)d responses each, so no day with only a few responses shows.",
        k=k,
    )


def _span(period: Period, language: str) -> str:
    if period.start == period.end:
        return format_day(period.start, language)
    return f"{format_day(period.start, language)}–{format_day(period.end, language)}"


def _style(ax: Axes, periods: tuple[Period, ...], language: str) -> None:
    first = periods[0].start.toordinal()
    last = periods[-1].end.toordinal() + 1
    pad = max(0.5, (last - first) * 0.02)
    ax.set_xlim(first - pad, last + pad)
    step = max(1, -(-len(periods) // MAX_TICKS))
    shown = periods[::step]
    ax.set_xticks(
        [p.start.toordinal() for p in shown],
        [format_day(p.start, language) for p in shown],
        fontsize=SMALL_SIZE,
        color=INK,
    )
    ax.tick_params(axis="both", length=3, color=RULE, labelsize=SMALL_SIZE, labelcolor=INK)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("bottom", "left"):
        ax.spines[side].set_color(RULE)
    ax.yaxis.set_major_locator(MaxNLocator(4, integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _position: format_count(int(value), language)))


def _draw_bars(ax: Axes, periods: tuple[Period, ...], language: str) -> None:
    top = max(period.count for period in periods) or 1
    for period in periods:
        days = (period.end - period.start).days + 1
        ax.bar(
            period.start.toordinal(),
            period.count,
            width=max(days - 0.15, 0.3),
            align="edge",
            color=BAR,
            edgecolor="none",
        )
        if len(periods) <= MAX_BAR_LABELS:
            ax.text(
                period.start.toordinal() + days / 2,
                period.count + top * 0.03,
                format_count(period.count, language),
                ha="center",
                va="bottom",
                fontsize=SMALL_SIZE,
                color=INK,
            )
    ax.set_ylim(0, top * 1.25)
    _style(ax, periods, language)


def _draw_line(ax: Axes, periods: tuple[Period, ...], total: int, language: str) -> None:
    xs = [periods[0].start.toordinal()] + [period.end.toordinal() + 1 for period in periods]
    ys = [0] + [period.cumulative for period in periods]
    ax.plot(xs, ys, color=BAR, linewidth=2, marker="o", markersize=4, markevery=list(range(1, len(xs))))
    ax.text(
        xs[-1],
        ys[-1],
        format_count(total, language) + " ",
        ha="right",
        va="bottom",
        fontsize=TEXT_SIZE,
        color=INK,
        weight="bold",
    )
    ax.set_ylim(0, max(ys[-1], 1) * 1.2)
    _style(ax, periods, language)
