"""Survey files: upload one (our JSON or an XLSForm) as a new draft, download one. Downloads are audited."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from forum.accounts.age_bands import label_of_key
from forum.audit.services import AuditAction, record_event
from forum.consultations.consultation_views import Page, configured_bands, consultation_or_404, consultation_page
from forum.consultations.forms import UploadForm
from forum.consultations.survey_views import survey_or_404
from forum.extensions import db
from forum.language.texts import in_language
from forum.security.access import require
from forum.security.permissions import can_run_consultations
from forum.surveys import importing, services
from forum.surveys.models import Survey

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require(can_run_consultations)
def upload(consultation_id: int) -> Page:
    """A whole new draft survey from the file, or every reason it cannot be read and nothing created."""
    consultation = consultation_or_404(consultation_id)
    form = UploadForm()
    if not form.validate_on_submit():
        return consultation_page(consultation, form)
    upload = form.file.data
    notices: list[str] = []
    try:
        definition = importing.read_definition(upload.filename or "", upload.read(), notices)
    except importing.ImportProblem as problem:
        return consultation_page(consultation, form, problem.messages)
    unknown = [band for band in definition.target_bands if band not in configured_bands()]
    if unknown:
        message = _(
            "The file is for age bands that are not configured here: %(bands)s.",
            bands=", ".join(map(label_of_key, unknown)),
        )
        return consultation_page(consultation, form, [message])
    survey = services.import_definition(consultation, definition, current_user._get_current_object())
    db.session.commit()
    flash(
        _(
            "The survey “%(title)s” is imported as a draft with %(count)d questions.",
            title=in_language(survey.title, str(get_locale())),
            count=len(survey.questions),
        ),
        "success",
    )
    for notice in notices:
        flash(notice, "info")
    return redirect(url_for("consultations.builder", consultation_id=consultation.id, survey_id=survey.id))


def _download(survey: Survey, body: bytes, kind: str, extension: str, content_type: str) -> Response:
    record_event(
        AuditAction.EXPORT,
        actor=current_user._get_current_object(),
        target=f"survey #{survey.id}",
        detail=f"survey definition as {kind}",
    )
    db.session.commit()
    response = Response(body, content_type=content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="survey-{survey.id}.{extension}"'
    return response


@require(can_run_consultations)
def export_json(consultation_id: int, survey_id: int) -> Response:
    survey = survey_or_404(consultation_id, survey_id)
    body = importing.export_json(services.definition_of(survey))
    return _download(survey, body, "JSON", "json", "application/json; charset=utf-8")


@require(can_run_consultations)
def export_xlsform(consultation_id: int, survey_id: int) -> Response:
    survey = survey_or_404(consultation_id, survey_id)
    body = importing.export_xlsform(services.definition_of(survey))
    return _download(survey, body, "XLSForm", "xlsx", XLSX_MIMETYPE)
