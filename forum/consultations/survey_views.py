"""Surveys inside a consultation: create and edit one, the builder page, publish, unpublish, preview."""

from __future__ import annotations

from dataclasses import replace

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from forum.accounts.age_bands import label_of_key
from forum.consultations.condition_text import describe_condition
from forum.consultations.consultation_views import Page, configured_bands, consultation_or_404
from forum.consultations.forms import ConfirmForm, SurveyForm, survey_form, texts_data, texts_of
from forum.consultations.messages import SURVEY_ERRORS, problem_message
from forum.consultations.models import Consultation
from forum.extensions import db
from forum.language.texts import in_language
from forum.security.access import require
from forum.security.permissions import can_run_consultations
from forum.surveys import services
from forum.surveys.definition import Problem, SurveyDefinition
from forum.surveys.models import Survey, SurveyStatus

LANGUAGES = ("vi", "en")


def survey_or_404(consultation_id: int, survey_id: int) -> Survey:
    """The survey, only under its own consultation's URL."""
    survey = services.get_survey(survey_id)
    if survey is None or survey.consultation_id != consultation_id:
        abort(404)
    return survey


def offered_bands(consultation: Consultation) -> list[str]:
    """A survey's bands come from its consultation's, or from every configured band."""
    configured = configured_bands()
    return [band for band in configured if band in consultation.target_bands] or configured


def builder_page(
    survey: Survey, status: int = 200, problems: list[Problem] | None = None, error: str | None = None
) -> tuple[str, int]:
    """The survey's page: its questions in order; editable while it is a draft."""
    definition = services.definition_of(survey)
    locale = str(get_locale())
    by_key = {q.key: q for q in definition.questions}
    return render_template(
        "consultations/builder.html",
        consultation=survey.consultation,
        survey=survey,
        questions=definition.questions,
        conditions={q.key: describe_condition(q.condition, by_key, locale) for q in definition.questions},
        bands=services.survey_bands(survey, configured_bands()),
        responses=services.count_responses(survey, status=None),
        problems=[(problem, problem_message(problem)) for problem in problems or []],
        error=error,
    ), status


@require(can_run_consultations)
def builder(consultation_id: int, survey_id: int) -> tuple[str, int]:
    return builder_page(survey_or_404(consultation_id, survey_id))


@require(can_run_consultations)
def new_survey(consultation_id: int) -> Page:
    consultation = consultation_or_404(consultation_id)
    form = survey_form(offered_bands(consultation))
    if form.validate_on_submit():
        definition = SurveyDefinition(
            title=texts_of(form, "title"),
            intro=texts_of(form, "intro"),
            target_bands=tuple(form.target_bands.data or ()),
            questions=(),
        )
        survey = services.import_definition(consultation, definition, current_user._get_current_object())
        db.session.commit()
        flash(_("The survey is created. Now add its questions."), "success")
        return redirect(url_for("consultations.builder", consultation_id=consultation.id, survey_id=survey.id))
    return _survey_form_page(consultation, None, form)


@require(can_run_consultations)
def edit_survey(consultation_id: int, survey_id: int) -> Page:
    survey = survey_or_404(consultation_id, survey_id)
    data = {
        **texts_data("title", survey.title),
        **texts_data("intro", survey.intro),
        "target_bands": survey.target_bands,
    }
    form = survey_form(offered_bands(survey.consultation), data)
    if form.validate_on_submit():
        current = services.definition_of(survey)
        try:
            services.replace_definition(
                survey,
                replace(
                    current,
                    title=texts_of(form, "title"),
                    intro=texts_of(form, "intro"),
                    target_bands=tuple(form.target_bands.data or ()),
                ),
            )
        except services.SurveyError as error:
            db.session.rollback()
            form.refuse(None, SURVEY_ERRORS[error.code])
        else:
            db.session.commit()
            flash(_("The survey is saved."), "success")
            return redirect(url_for("consultations.builder", consultation_id=consultation_id, survey_id=survey.id))
    return _survey_form_page(survey.consultation, survey, form)


def _survey_form_page(consultation: Consultation, survey: Survey | None, form: SurveyForm) -> tuple[str, int]:
    status = 400 if form.errors or form.form_errors else 200
    return render_template(
        "consultations/survey_form.html", consultation=consultation, survey=survey, form=form
    ), status


@require(can_run_consultations)
def publish(consultation_id: int, survey_id: int) -> Page:
    """Publishes when the check passes; otherwise lists every problem and changes nothing."""
    survey = survey_or_404(consultation_id, survey_id)
    if not ConfirmForm().validate_on_submit():
        return builder_page(survey, 400)
    try:
        problems = services.publish(survey, configured_bands())
    except services.SurveyError as error:
        db.session.rollback()
        return builder_page(survey, 400, error=SURVEY_ERRORS[error.code])
    if problems:
        db.session.rollback()
        return builder_page(survey, 400, problems=problems)
    db.session.commit()
    flash(_("The survey is published. Children will see it while the consultation is open."), "success")
    return redirect(url_for("consultations.builder", consultation_id=consultation_id, survey_id=survey.id))


@require(can_run_consultations)
def unpublish(consultation_id: int, survey_id: int) -> Page:
    """Back to a draft for editing, only while no child has started it."""
    survey = survey_or_404(consultation_id, survey_id)
    if not ConfirmForm().validate_on_submit():
        return builder_page(survey, 400)
    try:
        services.unpublish(survey)
    except services.SurveyError as error:
        db.session.rollback()
        return builder_page(survey, 400, error=SURVEY_ERRORS[error.code])
    db.session.commit()
    flash(_("The survey is a draft again: you can change it, then publish it again."), "success")
    return redirect(url_for("consultations.builder", consultation_id=consultation_id, survey_id=survey.id))


@require(can_run_consultations)
def preview(consultation_id: int, survey_id: int) -> tuple[str, int]:
    """Read-only: the survey as a child of `band` sees it, in `lang` (default: the first band, Vietnamese)."""
    survey = survey_or_404(consultation_id, survey_id)
    bands = services.survey_bands(survey, configured_bands())
    band = request.args.get("band") or bands[0]
    lang = request.args.get("lang") or "vi"
    if band not in bands or lang not in LANGUAGES:
        abort(400)
    locale = str(get_locale())
    definition = services.definition_of(survey)
    by_key = {q.key: q for q in definition.questions}
    with force_locale(lang):
        body = render_template(
            "consultations/_preview_questions.html",
            title=in_language(definition.title, lang),
            intro=in_language(definition.intro, lang),
            questions=[(q, describe_condition(q.condition, by_key, locale)) for q in definition.questions],
            band=band,
            lang=lang,
            staff_locale=locale,
        )
    return render_template(
        "consultations/preview.html",
        consultation=survey.consultation,
        survey=survey,
        bands=bands,
        band=band,
        band_label=label_of_key(band),
        lang=lang,
        body=Markup(body),  # noqa: S704 (our own template's output, escaped when it was rendered)
        is_draft=survey.status is SurveyStatus.DRAFT,
    ), 200
