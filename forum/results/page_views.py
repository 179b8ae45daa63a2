"""The results pages: consultations with answers, and one survey's results under filters with
breakdowns, quotes, participation, representativeness and the discussions.

A filter value that is not offered is a 400 with the form showing why; a result set that is too
small or would single out a few children is a 200 that says so in words, with no number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import render_template, request
from flask_babel import gettext as _
from markupsafe import Markup

from forum.consultations.services import list_consultations
from forum.results import services
from forum.results.discussion_summary import get_discussion_summary
from forum.results.filters import NO_FILTERS
from forum.results.forms import BreakdownForm, breakdown_form
from forum.results.page_charts import breakdown_svg, participation_svg, question_svgs
from forum.results.page_data import (
    age_band_ranges,
    local_timezone,
    local_today,
    min_group_size,
    read_filters,
    refusal_message,
    shown_for,
    survey_or_404,
)
from forum.results.tables import Breakdown, ResultStatus
from forum.security.access import require
from forum.security.permissions import can_view_results
from forum.surveys.definition import TEXT_TYPES
from forum.surveys.models import Survey
from forum.surveys.services import count_surveys_and_responses, list_surveys

Page = tuple[str, int]


@require(can_view_results)
def index() -> str:
    """Consultations that have submitted responses, each survey with its respondents (suppressed)."""
    consultations = list_consultations()
    counts = count_surveys_and_responses(consultations)
    k = min_group_size()
    rows = []
    for consultation in consultations:
        if not counts.get(consultation.id, (0, 0))[1]:
            continue
        surveys = [
            (survey, services.get_participation(survey, NO_FILTERS, k, local_timezone()).total)
            for survey in list_surveys(consultation)
        ]
        rows.append((consultation, surveys))
    return render_template("results/index.html", rows=rows, k=k)


@dataclass
class OpenBreakdown:
    """The breakdown chooser open on one question: its form, and the breakdown when it is valid."""

    question_id: int
    form: BreakdownForm
    breakdown: Breakdown | None = None
    chart: Markup | None = None
    # The filters and the breakdown, for the chart download links.
    download_query: dict[str, str] = field(default_factory=dict)


def _breakdown_question(survey: Survey) -> tuple[int | None, str | None]:
    """The question id in `q`, or a message when `q` names nothing that can be broken down here."""
    raw = request.args.get("q", "").strip()
    if not raw:
        return None, None
    for question in services.answerable(survey):
        if raw.isascii() and raw.isdigit() and question.id == int(raw) and question.type not in TEXT_TYPES:
            return question.id, None
    return None, _("That question cannot be broken down here: choose one of this survey's questions.")


@require(can_view_results)
def survey(survey_id: int) -> Page:
    survey = survey_or_404(survey_id)
    consultation = survey.consultation
    k = min_group_size()
    choice = read_filters(survey, request.args)
    question_id, problem = _breakdown_question(survey)
    opened = None
    if question_id is not None:
        form = breakdown_form(request.args)
        opened = OpenBreakdown(question_id, form)
        if not form.validate():
            problem = problem or _("Please choose what to break the results down by.")
    context = {
        "survey": survey,
        "consultation": consultation,
        "choice": choice,
        "k": k,
        "problem": problem,
        "opened": opened,
        "blank_breakdown": breakdown_form(None),
        "shown_for": shown_for(choice.filters, choice.areas) if choice.filters is not None else [],
    }
    if choice.filters is None:
        return render_template("results/survey.html", results=None, **context), 400
    filters = choice.filters
    status = 400 if problem else 200
    # The respondents' suppression alone says whether the set is shown (the very pattern the full
    # tables use): a refused set is answered without counting every question.
    participation = services.get_participation(survey, filters, k, local_timezone())
    if participation.status is not ResultStatus.SHOWN:
        refusal = refusal_message(participation.status, k)
        return render_template("results/survey.html", results=None, refusal=refusal, **context), status
    suppressed = services.suppressed_survey(survey, k)
    results = services.get_survey_results(survey, filters, k, suppressed=suppressed)
    if opened is not None and problem is None:
        question = next(q for q in survey.questions if q.id == opened.question_id)
        opened.breakdown = services.get_breakdown(
            survey, question, opened.form.dimensions(), filters, k, suppressed=suppressed
        )
        opened.chart = breakdown_svg(survey, opened.breakdown)
        opened.download_query = {**filters.to_query(), **opened.form.query()}
    return render_template(
        "results/survey.html",
        results=results,
        charts=question_svgs(survey, results),
        participation=participation,
        participation_chart=participation_svg(survey, participation),
        reach=services.get_reach(consultation, k, age_band_ranges(), local_today()),
        discussion=get_discussion_summary(consultation, k),
        **context,
    ), status
