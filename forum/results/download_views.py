"""Downloads of results: a question's chart (or its breakdown's), the participation chart, and the
whole survey as CSV or XLSX, each under the filters of the page it was linked from.

Every download is built from the same suppressed tables as the page, is recorded in the audit log,
and is refused (409, no number) when its result set is not shown. No download holds a response.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from flask import abort, request
from flask_login import current_user
from werkzeug.wrappers import Response

from forum.audit.services import AuditAction, record_event
from forum.extensions import db
from forum.language.texts import in_language
from forum.results import exports, services
from forum.results.filters import DIMENSIONS, Filters
from forum.results.forms import BreakdownForm, breakdown_form
from forum.results.page_charts import (
    PNG_MIMETYPE,
    SVG_MIMETYPE,
    build_breakdown_chart,
    build_participation_chart,
    build_question_chart,
    chart_key,
    participation_subject,
    question_subject,
    render,
)
from forum.results.page_data import (
    filters_detail,
    local_timezone,
    local_today,
    min_group_size,
    question_or_404,
    read_filters,
    reader_locale,
    refuse,
    refuse_filters,
    refuse_result_set,
    survey_or_404,
)
from forum.results.tables import QuestionResult, ResultStatus
from forum.security.access import require
from forum.security.permissions import can_view_results
from forum.surveys.definition import TEXT_TYPES, QuestionType
from forum.surveys.models import Survey

Download = Response | tuple[str, int]
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIMETYPE = "text/csv; charset=utf-8"
NAME_LENGTH = 60


def name_part(text: str, ascii_only: bool) -> str:
    """Words of `text` joined by hyphens, lower case; without diacritics when `ascii_only`."""
    text = unicodedata.normalize("NFC", text).casefold()
    if ascii_only:
        text = unicodedata.normalize("NFKD", text.replace("đ", "d")).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[^\W_]+", text)
    return "-".join(words)[:NAME_LENGTH].strip("-")


def file_name(survey: Survey, suffix: str, extension: str, ascii_only: bool) -> str:
    """ "<consultation>-<date>-<suffix>.<extension>": the consultation's title, today's date."""
    title = name_part(in_language(survey.consultation.title, reader_locale()), ascii_only) or "results"
    return f"{title}-{local_today().isoformat()}-{suffix}.{extension}"


def attachment(body: bytes, content_type: str, survey: Survey, suffix: str, extension: str) -> Response:
    """The file with an ASCII name for old clients and the UTF-8 one (RFC 6266 `filename*`)."""
    response = Response(body, content_type=content_type)
    plain = file_name(survey, suffix, extension, ascii_only=True)
    full = file_name(survey, suffix, extension, ascii_only=False)
    response.headers["Content-Disposition"] = f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(full)}"
    response.headers["Cache-Control"] = "no-store"
    return response


def audit(survey: Survey, what: str, filters: Filters) -> None:
    record_event(
        AuditAction.EXPORT,
        actor=current_user._get_current_object(),
        target=f"survey #{survey.id}",
        detail=f"results {what}; filters: {filters_detail(filters)}",
    )


@require(can_view_results)
def question_chart(survey_id: int, question_id: int, kind: str) -> Download:
    """One question's chart, or with `by` (and `and_by`) its breakdown's."""
    survey = survey_or_404(survey_id)
    question = question_or_404(survey, question_id)
    if question.type is QuestionType.NOTE or question.type in TEXT_TYPES:
        abort(404)
    choice = read_filters(survey, request.args)
    if choice.filters is None:
        return refuse_filters(choice)
    filters = choice.filters
    k = min_group_size()
    number = question.position + 1
    form = breakdown_form(request.args) if "by" in request.args or "and_by" in request.args else None
    if form is not None and not form.validate():
        return refuse(400, form.by.label.text, _first_error(form))
    status = shown_status(survey, filters)
    if status is not ResultStatus.SHOWN:
        return refuse_result_set(status)
    if form is not None:
        chosen = sorted(form.dimensions(), key=DIMENSIONS.index)
        dimensions = tuple(d.value for d in chosen)
        key = chart_key(survey, question_subject(question.id, dimensions), filters)
        body = render(
            key,
            kind,
            lambda: build_breakdown_chart(survey, services.get_breakdown(survey, question, chosen, filters, k)),
            f"chart-q{question.id}-by",
        )
        what = f"chart of question {number} by {', '.join(dimensions)} as {kind.upper()}"
        suffix = f"q{number}-{'-'.join(dimensions)}"
    else:
        key = chart_key(survey, question_subject(question.id), filters)
        body = render(
            key,
            kind,
            lambda: build_question_chart(survey, _result(survey, question.id, filters), filters),
            f"chart-q{question.id}",
        )
        what = f"chart of question {number} as {kind.upper()}"
        suffix = f"q{number}"
    if body is None:
        abort(404)
    audit(survey, what, filters)
    db.session.commit()
    return attachment(body, PNG_MIMETYPE if kind == "png" else SVG_MIMETYPE, survey, suffix, kind)


def shown_status(survey: Survey, filters: Filters) -> ResultStatus:
    """Whether the set under `filters` is shown, from the respondents' suppression alone (the very
    pattern the full tables use): a cached chart is then served without recounting every question."""
    return services.get_participation(survey, filters, min_group_size(), local_timezone()).status


def _result(survey: Survey, question_id: int, filters: Filters) -> QuestionResult:
    results = services.get_survey_results(survey, filters, min_group_size(), with_quotes=False)
    return next(r for r in results.questions if r.question_id == question_id)


def _first_error(form: BreakdownForm) -> str:
    for field in form:
        if field.errors:
            return str(field.errors[0])
    return ""


@require(can_view_results)
def participation_chart(survey_id: int, kind: str) -> Download:
    survey = survey_or_404(survey_id)
    choice = read_filters(survey, request.args)
    if choice.filters is None:
        return refuse_filters(choice)
    filters = choice.filters
    participation = services.get_participation(survey, filters, min_group_size(), local_timezone())
    if participation.status is not ResultStatus.SHOWN:
        return refuse_result_set(participation.status)
    key = chart_key(survey, participation_subject(), filters)
    body = render(key, kind, lambda: build_participation_chart(survey, participation), "chart-participation")
    if body is None:
        abort(404)
    audit(survey, f"participation chart as {kind.upper()}", filters)
    db.session.commit()
    return attachment(body, PNG_MIMETYPE if kind == "png" else SVG_MIMETYPE, survey, "participation", kind)


@require(can_view_results)
def export(survey_id: int, kind: str) -> Download:
    """Every question's suppressed table: CSV (UTF-8 with BOM, for Excel) or XLSX (a sheet each)."""
    survey = survey_or_404(survey_id)
    choice = read_filters(survey, request.args)
    if choice.filters is None:
        return refuse_filters(choice)
    filters = choice.filters
    results = services.get_survey_results(survey, filters, min_group_size())
    if results.status is not ResultStatus.SHOWN:
        return refuse_result_set(results.status)
    if kind == "csv":
        body, content_type = exports.csv_bytes(results), CSV_MIMETYPE
    else:
        body, content_type = exports.xlsx_bytes(results), XLSX_MIMETYPE
    audit(survey, f"tables as {kind.upper()}", filters)
    db.session.commit()
    return attachment(body, content_type, survey, f"survey-{survey.id}", kind)
