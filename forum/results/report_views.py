"""The printable consultation report: purpose, method, participation, every survey's charts and
tables, quotes, the discussions, representativeness and the feedback to children.

It is an export (it goes on paper and into official files), so opening it is recorded in the audit
log. Results are unfiltered; every number comes from the same suppressed tables as the pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import render_template
from flask_login import current_user
from markupsafe import Markup

from forum.audit.services import AuditAction, record_event
from forum.extensions import db
from forum.feedback.messages import OUTCOME_NAMES
from forum.feedback.models import Feedback
from forum.feedback.services import get_feedback_of, is_published
from forum.results import services
from forum.results.discussion_summary import get_discussion_summary
from forum.results.filters import NO_FILTERS
from forum.results.page_charts import participation_svg, question_svgs
from forum.results.page_data import (
    age_band_ranges,
    consultation_or_404,
    local_timezone,
    local_today,
    min_group_size,
    refusal_message,
    target_areas,
)
from forum.results.tables import Participation, ResultStatus, SurveyResults
from forum.security.access import require
from forum.security.permissions import can_view_results
from forum.surveys.models import Survey, SurveyStatus
from forum.surveys.services import list_surveys


@dataclass(frozen=True)
class SurveySection:
    survey: Survey
    results: SurveyResults
    refusal: str | None
    charts: dict[int, Markup]
    participation: Participation
    participation_chart: Markup | None


def survey_section(survey: Survey, k: int) -> SurveySection:
    results = services.get_survey_results(survey, NO_FILTERS, k)
    participation = services.get_participation(survey, NO_FILTERS, k, local_timezone())
    if results.status is not ResultStatus.SHOWN:
        return SurveySection(survey, results, refusal_message(results.status, k), {}, participation, None)
    return SurveySection(
        survey=survey,
        results=results,
        refusal=None,
        charts=question_svgs(survey, results),
        participation=participation,
        participation_chart=participation_svg(survey, participation),
    )


def published_feedback(consultation_feedback: Feedback | None) -> Feedback | None:
    if consultation_feedback is None or not is_published(consultation_feedback):
        return None
    return consultation_feedback


@require(can_view_results)
def report(consultation_id: int) -> str:
    consultation = consultation_or_404(consultation_id)
    k = min_group_size()
    surveys = [s for s in list_surveys(consultation) if s.status is SurveyStatus.PUBLISHED]
    page = render_template(
        "results/report.html",
        consultation=consultation,
        k=k,
        areas=list(consultation.areas),
        all_areas=not consultation.areas,
        area_count=len(target_areas(consultation)),
        sections=[survey_section(survey, k) for survey in surveys],
        reach=services.get_reach(consultation, k, age_band_ranges(), local_today()),
        discussion=get_discussion_summary(consultation, k),
        feedback=published_feedback(get_feedback_of(consultation)),
        outcome_names=OUTCOME_NAMES,
        today=local_today(),
    )
    record_event(
        AuditAction.EXPORT,
        actor=current_user._get_current_object(),
        target=f"consultation #{consultation.id}",
        detail="results as the printable consultation report",
    )
    db.session.commit()
    return page
