"""Suspending a child's posting (from an item, or by pseudonym), the current suspensions, lifting one."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response

from forum.accounts.models import User
from forum.extensions import db
from forum.review import services
from forum.review.decisions import DecisionError
from forum.review.forms import MAX_ID, LiftForm, SuspendForm
from forum.review.messages import DECISION_ERRORS
from forum.review.models import ReviewItem
from forum.security.access import require
from forum.security.permissions import can_moderate

Page = Response | tuple[str, int] | str
NO_SUCH_CHILD = _l("No child has that pseudonym. Copy it exactly as it is shown on their post.")


def _moderator() -> User:
    return current_user._get_current_object()  # type: ignore[no-any-return]


def _render(form: SuspendForm, status: int = 200, error: str | None = None) -> tuple[str, int]:
    return render_template(
        "review/suspensions.html",
        form=form,
        error=error,
        suspensions=services.list_current_suspensions(),
        lift_form=LiftForm(formdata=None),
    ), status


@require(can_moderate)
def suspensions() -> Page:
    return _render(SuspendForm(prefix="suspend", formdata=None))


def _number(value: str | None) -> int | None:
    text = (value or "").strip()
    return int(text) if text.isdigit() and 1 <= int(text) <= MAX_ID else None


def _child(form: SuspendForm) -> User | None:
    """The child named by the item's author id, else by pseudonym; a refusal is put on the form."""
    if form.child_id.data:
        child = db.session.get(User, _number(form.child_id.data) or 0)
        if child is None or not child.is_child:
            form.form_errors.append(DECISION_ERRORS["no_child"])
            return None
        form.pseudonym.data = child.pseudonym
        return child
    if not form.pseudonym.data:
        form.pseudonym.errors = [*form.pseudonym.errors, _l("Type the child's pseudonym.")]
        return None
    child = services.find_child_by_pseudonym(form.pseudonym.data)
    if child is None:
        form.pseudonym.errors = [*form.pseudonym.errors, NO_SUCH_CHILD]
    return child


@require(can_moderate)
def suspend() -> Page:
    form = SuspendForm(prefix="suspend")
    valid = form.validate_on_submit()
    child = _child(form)
    item = db.session.get(ReviewItem, _number(form.item_id.data) or 0) if form.item_id.data else None
    if not valid or child is None:
        return _render(form, 400)
    try:
        services.suspend(
            child, _moderator(), reason=form.reason.data, days=form.days.data, note=form.note.data or "", item=item
        )
    except DecisionError as error:
        db.session.rollback()
        form.form_errors.append(DECISION_ERRORS[error.code])
        return _render(form, 400)
    db.session.commit()
    flash(
        _l("%(name)s cannot post until the suspension ends. They will see the reason you chose.", name=child.pseudonym),
        "success",
    )
    if item is not None:
        return redirect(url_for("review.item", item_id=item.id))
    return redirect(url_for("review.suspensions"))


@require(can_moderate)
def lift(suspension_id: int) -> Page:
    suspension = services.get_suspension(suspension_id) or abort(404)
    if not LiftForm().validate_on_submit():
        flash(_l("Please reload the page and try again."), "error")
        return redirect(url_for("review.suspensions"))
    try:
        services.lift_suspension(suspension, _moderator())
    except DecisionError as error:
        db.session.rollback()
        return _render(SuspendForm(prefix="suspend", formdata=None), 409, str(DECISION_ERRORS[error.code]))
    db.session.commit()
    flash(_l("The suspension is lifted: the child can post again."), "success")
    return redirect(url_for("review.suspensions"))
