"""Policy staff's feedback pages: the list of consultations, starting feedback, the editor of its
summaries, the preview as a child of each band sees it, and publishing. Teachers get the list of
published feedback they can print for their school."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from werkzeug.wrappers import Response

from forum.accounts.age_bands import band_keys
from forum.accounts.models import User
from forum.consultations.forms import ConfirmForm
from forum.consultations.models import Consultation
from forum.consultations.services import get_consultation
from forum.extensions import db
from forum.feedback import services
from forum.feedback.forms import SummariesForm, summaries_data, summaries_form
from forum.feedback.messages import FEEDBACK_ERRORS, problem_message
from forum.feedback.models import Feedback
from forum.feedback.reading import reader_page
from forum.security.access import require
from forum.security.permissions import can_print_feedback, can_publish_feedback

Page = Response | tuple[str, int] | str
# A refusal because of where the consultation is (not closed, already published) is a conflict.
CONFLICTS = frozenset({"consultation_not_closed", "already_published"})


def configured_bands() -> list[str]:
    return band_keys(current_app.config["AGE_BANDS"])


def feedback_or_404(feedback_id: int) -> Feedback:
    return services.get_feedback(feedback_id) or abort(404)


def bands_of(feedback: Feedback) -> list[str]:
    return services.feedback_bands(feedback.consultation, configured_bands())


def actor() -> User:
    return current_user._get_current_object()  # type: ignore[no-any-return]


def has_errors(form: Any) -> bool:
    return bool(form.form_errors) or any(f.errors for f in form)


def error_status(error: services.FeedbackError) -> int:
    if error.code == "unknown_point":
        return 404
    return 409 if error.code in CONFLICTS else 400


def refused_page(consultation: Consultation, message: str, status: int) -> tuple[str, int]:
    return render_template("feedback/refused.html", consultation=consultation, message=message), status


def to_editor(feedback: Feedback, anchor: str = "") -> Response:
    url = url_for("feedback.edit", feedback_id=feedback.id)
    return redirect(f"{url}#{anchor}" if anchor else url)


def editor_page(
    feedback: Feedback,
    form: SummariesForm | None = None,
    problems: Sequence[services.Problem] = (),
    error: Any = None,
    status: int = 200,
) -> tuple[str, int]:
    bands = bands_of(feedback)
    if form is None:
        form = summaries_form(bands, summaries_data(feedback.summary, feedback.band_summaries, bands))
    publisher = db.session.get(User, feedback.published_by_id) if feedback.published_by_id else None
    return render_template(
        "feedback/editor.html",
        feedback=feedback,
        consultation=feedback.consultation,
        bands=bands,
        form=form,
        problems=[problem_message(problem) for problem in problems],
        error=error,
        writable=services.is_writable(feedback),
        published=services.is_published(feedback),
        publisher=publisher,
    ), status


@require(can_print_feedback)
def index() -> str:
    """Policy staff: every consultation and where its feedback stands. Teachers: what they can print."""
    if can_publish_feedback(current_user):
        return render_template("feedback/index.html", rows=services.list_overview())
    feedback = services.list_for_teacher(actor())
    return render_template("feedback/school.html", feedback=feedback, configured=configured_bands())


@require(can_publish_feedback)
def start(consultation_id: int) -> Page:
    """Creates the consultation's (empty) feedback, or opens the one that exists."""
    consultation = get_consultation(consultation_id) or abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        feedback = services.start_feedback(consultation)
    except services.FeedbackError as error:
        db.session.rollback()
        return refused_page(consultation, str(FEEDBACK_ERRORS[error.code]), error_status(error))
    db.session.commit()
    return to_editor(feedback)


@require(can_publish_feedback)
def edit(feedback_id: int) -> Page:
    """The summaries form, with the points, the previews and publishing on the same page."""
    feedback = feedback_or_404(feedback_id)
    bands = bands_of(feedback)
    form = summaries_form(bands, summaries_data(feedback.summary, feedback.band_summaries, bands))
    if form.validate_on_submit():
        try:
            services.save_summaries(feedback, form.summaries(), bands, actor())
        except services.FeedbackError as error:
            db.session.rollback()
            return editor_page(feedback, form, error.problems, FEEDBACK_ERRORS[error.code], error_status(error))
        db.session.commit()
        flash(_("The summaries are saved."), "success")
        return to_editor(feedback, "summaries")
    return editor_page(feedback, form, status=400 if form.is_submitted() and has_errors(form) else 200)


@require(can_publish_feedback)
def publish(feedback_id: int) -> Page:
    """Publishes when nothing is missing; otherwise lists every problem and changes nothing."""
    feedback = feedback_or_404(feedback_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        problems = services.publish_feedback(feedback, bands_of(feedback), actor())
    except services.FeedbackError as error:
        db.session.rollback()
        return editor_page(feedback, error=FEEDBACK_ERRORS[error.code], status=error_status(error))
    if problems:
        db.session.rollback()
        return editor_page(feedback, problems=problems, status=400)
    db.session.commit()
    flash(
        _("The feedback is published: children see it on their home page, marked new until they open it."),
        "success",
    )
    return to_editor(feedback)


@require(can_publish_feedback)
def preview(feedback_id: int) -> tuple[str, int]:
    """Read-only: the feedback as a child of `band` reads it, in `lang` (default: the first band, Vietnamese)."""
    feedback = feedback_or_404(feedback_id)
    bands = bands_of(feedback)
    band = request.args.get("band") or bands[0]
    lang = request.args.get("lang") or "vi"
    if band not in bands or lang not in services.LANGUAGES:
        abort(400)
    page = reader_page(feedback, band, lang)
    with force_locale(lang):
        body = render_template("feedback/_reader.html", page=page, heading_level=2, id_prefix="preview-")
    return render_template(
        "feedback/preview.html",
        feedback=feedback,
        consultation=feedback.consultation,
        bands=bands,
        band=band,
        lang=lang,
        body=Markup(body),  # noqa: S704 (our own template's output, escaped when it was rendered)
        published=services.is_published(feedback),
    ), 200
