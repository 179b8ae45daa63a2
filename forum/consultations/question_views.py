"""The survey builder's questions: add, edit, move up or down, delete. Only a draft survey changes."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from forum.consultations.condition_text import describe_condition
from forum.consultations.consultation_views import Page, configured_bands
from forum.consultations.forms import ConfirmForm, MoveForm
from forum.consultations.messages import SURVEY_ERROR_FIELDS, SURVEY_ERRORS
from forum.consultations.question_data import option_hints, question_data, suggested_key
from forum.consultations.question_forms import (
    BLANK_OPTION_ROWS,
    QuestionForm,
    question_form,
)
from forum.consultations.survey_views import builder_page, survey_or_404
from forum.extensions import db
from forum.security.access import require
from forum.security.permissions import can_run_consultations
from forum.surveys import services
from forum.surveys.definition import MAX_OPTIONS, QuestionDefinition
from forum.surveys.models import Survey, SurveyStatus


def _builder(survey: Survey, anchor: str | None = None) -> Response:
    url = url_for("consultations.builder", consultation_id=survey.consultation_id, survey_id=survey.id)
    return redirect(f"{url}#question-{anchor}" if anchor else url)


def _published(survey: Survey) -> Page:
    """A published survey is read-only: a link is sent back to it, a change is refused."""
    if request.method == "POST":
        return builder_page(survey, 400, error=SURVEY_ERRORS["survey_published"])
    flash(SURVEY_ERRORS["survey_published"], "error")
    return _builder(survey)


@require(can_run_consultations)
def new_question(consultation_id: int, survey_id: int) -> Page:
    survey = survey_or_404(consultation_id, survey_id)
    if survey.status is not SurveyStatus.DRAFT:
        return _published(survey)
    questions = services.definition_of(survey).questions
    form = question_form(
        configured_bands(), BLANK_OPTION_ROWS, {"key": suggested_key(questions), "decline": "auto", "join": "and"}
    )
    return _save(survey, form, earlier=list(questions), later=[], existing=None)


@require(can_run_consultations)
def edit_question(consultation_id: int, survey_id: int, key: str) -> Page:
    survey = survey_or_404(consultation_id, survey_id)
    if survey.status is not SurveyStatus.DRAFT:
        return _published(survey)
    questions = list(services.definition_of(survey).questions)
    index = next((i for i, q in enumerate(questions) if q.key == key), None)
    if index is None:
        abort(404)
    existing = questions[index]
    bands = configured_bands()
    data, kept = question_data(existing, bands)
    form = question_form(bands, len(data["options"]) + BLANK_OPTION_ROWS, data, kept)
    later = [q.key for q in questions[index + 1 :]]
    return _save(survey, form, earlier=questions[:index], later=later, existing=existing)


def _save(
    survey: Survey,
    form: QuestionForm,
    earlier: list[QuestionDefinition],
    later: list[str],
    existing: QuestionDefinition | None,
) -> Page:
    """Checks the whole question, then adds it at the end or replaces `existing` in place."""
    form.offer_questions(earlier)
    if form.validate_on_submit():
        question = form.definition(earlier, later, existing)
        if question is not None:
            try:
                services.put_question(survey, question, replacing=existing.key if existing else None)
            except services.SurveyError as error:
                db.session.rollback()
                form.refuse(SURVEY_ERROR_FIELDS.get(error.code), SURVEY_ERRORS[error.code])
            else:
                db.session.commit()
                flash(_("Question %(key)s is saved.", key=question.key), "success")
                return _builder(survey, question.key)
    elif form.is_submitted() and not form.errors.get("type"):
        # Every problem at once: the survey-level checks run even when a field was refused.
        form.definition(earlier, later, existing)
    status = 400 if form.is_submitted() and form.has_errors() else 200
    locale = str(get_locale())
    return render_template(
        "consultations/question_form.html",
        consultation=survey.consultation,
        survey=survey,
        form=form,
        existing=existing,
        hints=option_hints(earlier, locale),
        max_option_rows=MAX_OPTIONS + BLANK_OPTION_ROWS,
        kept_text=describe_condition(form.kept_condition, {q.key: q for q in earlier}, locale),
    ), status


@require(can_run_consultations)
def move_question(consultation_id: int, survey_id: int, key: str) -> Page:
    survey = survey_or_404(consultation_id, survey_id)
    form = MoveForm()
    if not form.validate_on_submit():
        return builder_page(survey, 400, error=_("Choose up or down with the buttons beside the question."))
    try:
        services.move_question(survey, key, form.offset)
    except services.SurveyError as error:
        db.session.rollback()
        return builder_page(survey, 400 if error.code != "unknown_question" else 404, error=SURVEY_ERRORS[error.code])
    db.session.commit()
    return _builder(survey, key)


@require(can_run_consultations)
def delete_question(consultation_id: int, survey_id: int, key: str) -> Page:
    """GET asks for confirmation; POST deletes (refused while a later condition refers to it)."""
    survey = survey_or_404(consultation_id, survey_id)
    question = next((q for q in services.definition_of(survey).questions if q.key == key), None)
    if question is None:
        abort(404)
    if survey.status is not SurveyStatus.DRAFT:
        return _published(survey)
    form = ConfirmForm()
    error = None
    if form.validate_on_submit():
        try:
            services.delete_question(survey, key)
        except services.SurveyError as refused:
            db.session.rollback()
            error = SURVEY_ERRORS[refused.code]
        else:
            db.session.commit()
            flash(_("Question %(key)s is deleted.", key=key), "success")
            return _builder(survey)
    status = 400 if form.is_submitted() else 200
    return render_template(
        "consultations/question_delete.html",
        consultation=survey.consultation,
        survey=survey,
        question=question,
        error=error,
        form=form,
    ), status
