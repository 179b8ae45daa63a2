"""Charts as the results pages and downloads use them: drawn by `charts` from the suppressed tables
of `services`, rendered to SVG (inline, with ids unique on the page) or PNG (print resolution), and
kept in the chart cache under the survey's data version, the filters and the language.

The data version is only ever a cache key: it is never written into a page or a file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import g
from flask_babel import gettext as _
from markupsafe import Markup

from forum.results import services
from forum.results.breakdown_charts import breakdown_chart
from forum.results.chart_cache import get_or_render
from forum.results.chart_render import PRINT_DPI, inline_svg, render_png, render_svg
from forum.results.charts import Chart, question_chart
from forum.results.filters import Filters
from forum.results.page_data import min_group_size, reader_locale, shown_for, target_areas
from forum.results.participation_charts import participation_chart
from forum.results.tables import Breakdown, Participation, QuestionResult, SurveyResults
from forum.surveys.models import Survey

PNG_MIMETYPE = "image/png"
SVG_MIMETYPE = "image/svg+xml"


@dataclass(frozen=True)
class ChartKey:
    """One chart's identity: the survey and the data version it was drawn from, what it shows
    (`subject`: "q12", "q12-by-age_band-gender", "participation"), the filters and the language."""

    survey_id: int
    version: str
    subject: str
    filters: Filters
    language: str

    def parts(self) -> tuple[str, ...]:
        query = "&".join(f"{name}={value}" for name, value in sorted(self.filters.to_query().items()))
        return (str(self.survey_id), self.version, self.subject, query or "-", self.language)


def data_version(survey: Survey) -> str:
    """The survey's data version, asked of the database once per request."""
    versions: dict[int, str] = g.setdefault("results_data_versions", {})
    if survey.id not in versions:
        versions[survey.id] = services.data_version(survey)
    return versions[survey.id]


def chart_key(survey: Survey, subject: str, filters: Filters) -> ChartKey:
    return ChartKey(survey.id, data_version(survey), subject, filters, reader_locale())


def render(key: ChartKey, kind: str, build: Callable[[], Chart | None], id_prefix: str = "chart") -> bytes | None:
    """PNG or SVG bytes of the chart `build` draws (None when it draws none), from the cache when
    it holds them."""

    def draw() -> bytes:
        chart = build()
        if chart is None:
            return b""  # cached too: "this subject has no chart"
        return render_png(chart, PRINT_DPI) if kind == "png" else render_svg(chart, id_prefix)

    resolution = PRINT_DPI if kind == "png" else 0
    body = get_or_render((*key.parts(), kind, resolution, id_prefix, min_group_size()), draw)
    return body or None


def markup(key: ChartKey, build: Callable[[], Chart | None], id_prefix: str) -> Markup | None:
    svg = render(key, "svg", build, id_prefix)
    return None if svg is None else inline_svg(svg)


def context_line(survey: Survey, filters: Filters) -> str:
    """The line under a chart's title saying whom it covers (printed charts travel alone)."""
    words = shown_for(filters, target_areas(survey.consultation))
    return _("Shown for: %(who)s", who=", ".join(words)) if words else _("Shown for: all children who answered")


def question_subject(question_id: int, dimensions: tuple[str, ...] = ()) -> str:
    return f"q{question_id}" + (f"-by-{'-'.join(dimensions)}" if dimensions else "")


def participation_subject() -> str:
    return "participation"


def build_question_chart(survey: Survey, result: QuestionResult, filters: Filters) -> Chart | None:
    return question_chart(
        result, min_group_size=min_group_size(), language=reader_locale(), context=context_line(survey, filters)
    )


def build_breakdown_chart(survey: Survey, breakdown: Breakdown) -> Chart | None:
    return breakdown_chart(breakdown, language=reader_locale(), context=context_line(survey, breakdown.filters))


def build_participation_chart(survey: Survey, participation: Participation) -> Chart | None:
    return participation_chart(
        participation, language=reader_locale(), context=context_line(survey, participation.filters)
    )


def question_svgs(survey: Survey, results: SurveyResults) -> dict[int, Markup]:
    """Inline SVG for each question that has a chart (text questions have quotes instead)."""
    found: dict[int, Markup] = {}
    for result in results.questions:
        key = chart_key(survey, question_subject(result.question_id), results.filters)
        svg = markup(
            key,
            lambda result=result: build_question_chart(survey, result, results.filters),
            f"chart-q{result.question_id}",
        )
        if svg is not None:
            found[result.question_id] = svg
    return found


def breakdown_svg(survey: Survey, breakdown: Breakdown) -> Markup | None:
    dimensions = tuple(d.value for d in breakdown.dimensions)
    key = chart_key(survey, question_subject(breakdown.question_id, dimensions), breakdown.filters)
    return markup(key, lambda: build_breakdown_chart(survey, breakdown), f"chart-q{breakdown.question_id}-by")


def participation_svg(survey: Survey, participation: Participation) -> Markup | None:
    key = chart_key(survey, participation_subject(), participation.filters)
    return markup(key, lambda: build_participation_chart(survey, participation), "chart-participation")
