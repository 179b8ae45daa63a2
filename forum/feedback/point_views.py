"""The feedback's points: add, edit, move up or down, delete; no JavaScript needed. Another
feedback's point id is "not found" here."""

from __future__ import annotations

from flask import abort, flash, render_template
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from forum.consultations.forms import ConfirmForm, MoveForm
from forum.extensions import db
from forum.feedback import services
from forum.feedback.forms import PointForm, point_data, point_form
from forum.feedback.manage_views import (
    Page,
    actor,
    bands_of,
    editor_page,
    error_status,
    feedback_or_404,
    has_errors,
    to_editor,
)
from forum.feedback.messages import FEEDBACK_ERROR_FIELDS, FEEDBACK_ERRORS, problem_message
from forum.feedback.models import Feedback, FeedbackPoint
from forum.security.access import require
from forum.security.permissions import can_publish_feedback


def _point_or_404(feedback: Feedback, point_id: int) -> FeedbackPoint:
    try:
        return services.get_point(feedback, point_id)
    except services.FeedbackError:
        abort(404)


@require(can_publish_feedback)
def new_point(feedback_id: int) -> Page:
    return _save(feedback_or_404(feedback_id), point_form(), None)


@require(can_publish_feedback)
def edit_point(feedback_id: int, point_id: int) -> Page:
    feedback = feedback_or_404(feedback_id)
    point = _point_or_404(feedback, point_id)
    return _save(feedback, point_form(point_data(point.raised, point.outcome, point.explanation)), point)


def _save(feedback: Feedback, form: PointForm, point: FeedbackPoint | None) -> Page:
    """Adds the point at the end, or changes `point` in place."""
    status = 200
    problems: list[str] = []
    if form.validate_on_submit():
        try:
            if point is None:
                saved = services.add_point(feedback, form.point(), bands_of(feedback), actor())
            else:
                saved = services.update_point(feedback, point.id, form.point(), bands_of(feedback), actor())
        except services.FeedbackError as error:
            db.session.rollback()
            form.refuse(FEEDBACK_ERROR_FIELDS.get(error.code), FEEDBACK_ERRORS[error.code])
            problems = [problem_message(problem) for problem in error.problems]
            status = error_status(error)
        else:
            db.session.commit()
            flash(_("Point %(number)d is saved.", number=saved.position + 1), "success")
            return to_editor(feedback, f"point-{saved.id}")
    elif form.is_submitted() and has_errors(form):
        status = 400
    return render_template(
        "feedback/point_form.html",
        feedback=feedback,
        consultation=feedback.consultation,
        form=form,
        point=point,
        problems=problems,
        writable=services.is_writable(feedback),
    ), status


@require(can_publish_feedback)
def move_point(feedback_id: int, point_id: int) -> Page:
    feedback = feedback_or_404(feedback_id)
    point = _point_or_404(feedback, point_id)
    form = MoveForm()
    if not form.validate_on_submit():
        return editor_page(feedback, error=_("Choose up or down with the buttons beside the point."), status=400)
    try:
        services.move_point(feedback, point.id, form.offset, bands_of(feedback), actor())
    except services.FeedbackError as error:
        db.session.rollback()
        return editor_page(feedback, error=FEEDBACK_ERRORS[error.code], status=error_status(error))
    db.session.commit()
    return to_editor(feedback, f"point-{point_id}")


@require(can_publish_feedback)
def delete_point(feedback_id: int, point_id: int) -> Page | Response:
    """GET asks for confirmation; POST deletes (refused when it would leave published feedback empty)."""
    feedback = feedback_or_404(feedback_id)
    point = _point_or_404(feedback, point_id)
    form = ConfirmForm()
    error = None
    status = 200
    if form.validate_on_submit():
        number = point.position + 1
        try:
            services.delete_point(feedback, point.id, bands_of(feedback), actor())
        except services.FeedbackError as refused:
            db.session.rollback()
            error = FEEDBACK_ERRORS[refused.code]
            status = error_status(refused)
        else:
            db.session.commit()
            flash(_("Point %(number)d is deleted.", number=number), "success")
            return to_editor(feedback, "points")
    elif form.is_submitted():
        status = 400
    return render_template(
        "feedback/point_delete.html",
        feedback=feedback,
        consultation=feedback.consultation,
        point=point,
        error=error,
        form=form,
        writable=services.is_writable(feedback),
    ), status
