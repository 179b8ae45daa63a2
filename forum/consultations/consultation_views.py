"""Consultations: the list, creating and editing one, its page, and moving it draft → open → closed."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from forum.accounts.age_bands import band_keys
from forum.consultations import services
from forum.consultations.forms import (
    ConfirmForm,
    ConsultationForm,
    StatusForm,
    UploadForm,
    band_field_name,
    consultation_form,
    texts_data,
    texts_of,
)
from forum.consultations.messages import CONSULTATION_ERROR_FIELDS, CONSULTATION_ERRORS
from forum.consultations.models import Consultation, ConsultationStatus
from forum.extensions import db
from forum.schools.models import Area
from forum.schools.services import list_areas
from forum.security.access import require
from forum.security.permissions import can_run_consultations
from forum.surveys.models import SurveyStatus
from forum.surveys.services import count_responses, count_surveys_and_responses, list_surveys

Page = Response | tuple[str, int] | str


def configured_bands() -> list[str]:
    return band_keys(current_app.config["AGE_BANDS"])


def consultation_or_404(consultation_id: int) -> Consultation:
    return services.get_consultation(consultation_id) or abort(404)


@require(can_run_consultations)
def index() -> str:
    consultations = services.list_consultations()
    return render_template(
        "consultations/index.html", consultations=consultations, counts=count_surveys_and_responses(consultations)
    )


@require(can_run_consultations)
def new() -> Page:
    return _form_page(None)


@require(can_run_consultations)
def edit(consultation_id: int) -> Page:
    return _form_page(consultation_or_404(consultation_id))


def _form_data(consultation: Consultation, bands: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        **texts_data("title", consultation.title),
        **texts_data("question", consultation.policy_question),
        **texts_data("purpose", consultation.purpose),
        **texts_data("audience", consultation.audience),
        "target_bands": list(consultation.target_bands),
        "areas": [area.id for area in consultation.areas],
        "opens_on": consultation.opens_on,
        "closes_on": consultation.closes_on,
        "feedback_by": consultation.feedback_by,
    }
    for band in bands:
        for lang in ("vi", "en"):
            data[band_field_name("summary", band, lang)] = consultation.summaries.get(band, {}).get(lang, "")
    return data


def _input(form: ConsultationForm, areas: list[Area]) -> services.ConsultationInput:
    chosen = set(form.areas.data or [])
    return services.ConsultationInput(
        title=texts_of(form, "title"),
        policy_question=texts_of(form, "question"),
        purpose=texts_of(form, "purpose"),
        audience=texts_of(form, "audience"),
        summaries=form.summaries(),
        target_bands=list(form.target_bands.data or []),
        opens_on=form.opens_on.data,
        closes_on=form.closes_on.data,
        feedback_by=form.feedback_by.data,
        areas=[area for area in areas if area.id in chosen],
    )


def _form_page(consultation: Consultation | None) -> Page:
    """Areas offered are the active ones, and any the consultation already targets."""
    bands = configured_bands()
    areas = list_areas(active_only=True)
    if consultation is not None:
        areas += [area for area in consultation.areas if area not in areas]
    data = _form_data(consultation, bands) if consultation is not None else None
    form = consultation_form(bands, areas, str(get_locale()), data)
    if form.validate_on_submit():
        try:
            saved = services.save_consultation(
                consultation, _input(form, areas), bands, current_user._get_current_object()
            )
        except services.ConsultationError as error:
            db.session.rollback()
            form.refuse(CONSULTATION_ERROR_FIELDS.get(error.code), CONSULTATION_ERRORS[error.code])
        else:
            db.session.commit()
            flash(_("The consultation is saved."), "success")
            return redirect(url_for("consultations.show", consultation_id=saved.id))
    status = 400 if form.errors else 200
    return render_template("consultations/form.html", form=form, consultation=consultation), status


def next_statuses(consultation: Consultation) -> list[ConsultationStatus]:
    """What staff may move a consultation to here; feedback is published from the results pages."""
    allowed = services.TRANSITIONS[consultation.status] - {ConsultationStatus.FEEDBACK_PUBLISHED}
    return [status for status in ConsultationStatus if status in allowed]


def consultation_page(
    consultation: Consultation, upload_form: UploadForm | None = None, upload_problems: list[str] | None = None
) -> tuple[str, int]:
    surveys = list_surveys(consultation)
    refused = upload_form is not None and (upload_form.errors or upload_problems)
    return render_template(
        "consultations/show.html",
        consultation=consultation,
        surveys=surveys,
        responses={survey.id: count_responses(survey) for survey in surveys},
        next_statuses=next_statuses(consultation),
        upload_form=upload_form or UploadForm(formdata=None),
        upload_problems=upload_problems or [],
    ), 400 if refused else 200


@require(can_run_consultations)
def show(consultation_id: int) -> tuple[str, int]:
    return consultation_page(consultation_or_404(consultation_id))


def _status_problem(consultation: Consultation, target: ConsultationStatus) -> str | None:
    if target not in next_statuses(consultation):
        return CONSULTATION_ERRORS["status_not_allowed"]
    if target is ConsultationStatus.OPEN and not any(
        survey.status is SurveyStatus.PUBLISHED for survey in list_surveys(consultation)
    ):
        return _("Publish at least one survey before opening the consultation: children would find nothing to answer.")
    return None


@require(can_run_consultations)
def change_status(consultation_id: int) -> Page:
    """GET asks for confirmation; POST moves the consultation. A refusal is shown on the same page."""
    consultation = consultation_or_404(consultation_id)
    form = StatusForm()
    raw = form.to.data if request.method == "POST" else request.args.get("to", "")
    try:
        target = ConsultationStatus(raw)
    except ValueError:
        if request.method == "GET":
            return redirect(url_for("consultations.show", consultation_id=consultation.id))
        return _status_page(consultation, None, CONSULTATION_ERRORS["status_not_allowed"], 400)
    problem = _status_problem(consultation, target)
    if problem is not None:  # explained on the confirmation page; refused when sent anyway
        return _status_page(consultation, target, problem, 400 if request.method == "POST" else 200)
    if form.validate_on_submit():
        try:
            services.change_status(consultation, target)
        except services.ConsultationError as error:
            db.session.rollback()
            return _status_page(consultation, target, CONSULTATION_ERRORS[error.code], 400)
        db.session.commit()
        flash(
            _("The consultation is open: children it is meant for can now answer its surveys.")
            if target is ConsultationStatus.OPEN
            else _("The consultation is closed: children can no longer answer."),
            "success",
        )
        return redirect(url_for("consultations.show", consultation_id=consultation.id))
    return _status_page(consultation, target, None, 400 if form.errors else 200)


def _status_page(
    consultation: Consultation, target: ConsultationStatus | None, problem: str | None, status: int
) -> tuple[str, int]:
    return render_template(
        "consultations/status.html",
        consultation=consultation,
        target=target,
        problem=problem,
        form=ConfirmForm(formdata=None),
    ), status
