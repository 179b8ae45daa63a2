"""The suppressed answers: a survey's results, a question's breakdown, participation over time and a
consultation's reach, under the same filters and refusals as the results pages.

Every number comes from forum/results/services.py, which suppresses before anything leaves it;
filters are read by the results pages' own `read_filters` (the survey's bands, the consultation's
areas), so the API accepts and refuses exactly what the pages do. Every request that reaches the
results is recorded in the audit log.
"""

from __future__ import annotations

from flask import current_app, request
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from forum.api import results_shapes
from forum.api.auth import api_require, current_caller
from forum.api.errors import ApiProblem
from forum.api.replies import consultation_or_404, json_reply, question_or_404, survey_or_404
from forum.audit.services import AuditAction, record_event
from forum.results.filters import PARAMETERS, Dimension, Filters
from forum.results.page_data import filters_detail, local_timezone, local_today, min_group_size, read_filters
from forum.results.services import BreakdownError, get_breakdown, get_participation, get_reach, get_survey_results
from forum.security.permissions import can_view_results
from forum.surveys.definition import QuestionType
from forum.surveys.models import Survey

FILTER_PARAMETERS = frozenset(PARAMETERS.values())
# Query parameters are echoed in refusals: a few characters are enough to recognise one.
ECHO_LENGTH = 40


def read_api_filters(survey: Survey) -> Filters:
    """The filters of this request, or an ApiProblem(400) naming the parameter. Stricter than a page
    (a tool's typo should not silently widen the set): unknown and repeated parameters are refused."""
    for name in request.args:
        if name not in FILTER_PARAMETERS:
            shown = name[:ECHO_LENGTH]
            raise ApiProblem(400, _("“%(name)s” is not a parameter of this endpoint.", name=shown), parameter=shown)
        if len(request.args.getlist(name)) > 1:
            raise ApiProblem(400, _("Give “%(name)s” only once.", name=name), parameter=name)
    choice = read_filters(survey, request.args.to_dict())
    if choice.filters is None:
        refused = next((field for field in choice.form if field.errors), None)
        if refused is None:
            raise ApiProblem(400, choice.first_error())
        raise ApiProblem(400, refused.errors[0], parameter=refused.name)
    return choice.filters


def read_dimensions(dimensions: str) -> list[Dimension]:
    """ "age_band" or "age_band,gender": one or two different characteristics."""
    names = dimensions.split(",")
    known = {d.value for d in Dimension}
    if not 1 <= len(names) <= 2 or len(set(names)) != len(names) or not set(names) <= known:
        raise ApiProblem(
            400,
            _("Break results down by one or two of age_band, gender, area and school_level, separated by a comma."),
            parameter="dimensions",
        )
    return [Dimension(name) for name in names]


def audit(kind: str, target: str, filters: Filters | None = None) -> None:
    caller = current_caller()
    detail = f"{kind}; {filters_detail(filters) if filters is not None else 'no filters'}; via {caller.via}"
    record_event(AuditAction.API_RESULTS, actor=caller.user, target=target, detail=detail)


@api_require(can_view_results)
def results(survey_id: int) -> Response:
    survey = survey_or_404(survey_id)
    filters = read_api_filters(survey)
    table = get_survey_results(survey, filters, min_group_size())
    audit("results", f"survey #{survey.id}", filters)
    return json_reply(results_shapes.survey_results(table))


@api_require(can_view_results)
def breakdown(survey_id: int, key: str, dimensions: str) -> Response:
    survey = survey_or_404(survey_id)
    question = question_or_404(survey, key)
    if question.type is QuestionType.NOTE:
        raise ApiProblem(404, _("A note has no answers to break down."))
    chosen = read_dimensions(dimensions)
    filters = read_api_filters(survey)
    try:
        table = get_breakdown(survey, question, chosen, filters, min_group_size())
    except BreakdownError as error:
        raise ApiProblem(400, str(error), parameter="dimensions") from error
    audit(f"breakdown of {question.key} by {dimensions}", f"survey #{survey.id}", filters)
    return json_reply(results_shapes.breakdown(table))


@api_require(can_view_results)
def participation(survey_id: int) -> Response:
    survey = survey_or_404(survey_id)
    filters = read_api_filters(survey)
    table = get_participation(survey, filters, min_group_size(), local_timezone())
    audit("participation", f"survey #{survey.id}", filters)
    return json_reply(results_shapes.participation(table))


@api_require(can_view_results)
def reach(consultation_id: int) -> Response:
    consultation = consultation_or_404(consultation_id)
    if request.args:
        name = next(iter(request.args))[:ECHO_LENGTH]
        raise ApiProblem(400, _("“%(name)s” is not a parameter of this endpoint.", name=name), parameter=name)
    table = get_reach(consultation, min_group_size(), current_app.config["AGE_BANDS"], local_today())
    audit("reach", f"consultation #{consultation.id}")
    return json_reply(results_shapes.reach(table))
