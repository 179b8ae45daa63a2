"""One queue item: what was written and why it is held, its claim, and the decisions on it.

A refused decision re-renders the item as it now stands with the reason: 409 when someone else got
there first (decided it or claimed it), 400 for a mistake in the form.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from forum.accounts.models import User
from forum.discussions.models import PostStatus
from forum.extensions import db
from forum.language.texts import in_language
from forum.review import decisions, queue
from forum.review.decisions import DecisionError
from forum.review.forms import ApproveForm, ClaimForm, RedactForm, RejectForm, SuspendForm
from forum.review.messages import DECISION_ERRORS, HELD_REASON_NAMES
from forum.review.models import ReviewItem
from forum.safeguarding.highlighting import segments
from forum.security.access import require
from forum.security.permissions import can_moderate

Page = Response | tuple[str, int] | str
CONFLICTS = frozenset({"already_decided", "claimed"})
DONE = {
    "approve": _l("Approved. It is published."),
    "redact": _l("Redacted and approved. Others see the redacted text; the original is kept for the record."),
    "reject": _l("Rejected. The child will see the reason you chose."),
    "remove": _l("Removed. The child will see the reason you chose."),
}


def _item_or_404(item_id: int) -> ReviewItem:
    return decisions.get_item(item_id) or abort(404)


def _moderator() -> User:
    return current_user._get_current_object()  # type: ignore[no-any-return]


def _context(item: ReviewItem) -> dict[str, Any]:
    locale = str(get_locale())
    answer = item.answer
    post = item.post
    return {
        "item": item,
        "post": post,
        "answer": answer,
        "pieces": segments(decisions.original_text(item), item.spans or []),
        "topic_title": in_language(item.topic.title, locale) if item.topic else "",
        "consultation_title": in_language(item.consultation.title, locale) if item.consultation else "",
        "survey_title": in_language(answer.question.survey.title, locale) if answer is not None else "",
        "question_text": in_language(answer.question.text, locale) if answer is not None else "",
        "reports": queue.count_reports([post.id]).get(post.id, {}) if post is not None else {},
        "history": decisions.list_item_decisions(item),
        "claimed_by_other": decisions.is_claimed_by_other(item, _moderator()),
        "claim_is_fresh": decisions.claim_is_fresh(item),
        "is_safeguarding": decisions.is_safeguarding(item),
        "shown_text": decisions.shown_text(item),
        "may_remove": post is not None and post.status in (PostStatus.PUBLISHED, PostStatus.HIDDEN),
        "may_reject": post is None or post.status is PostStatus.PENDING,
        "author": post.author if post is not None else None,
    }


def span_choices(item: ReviewItem) -> list[tuple[int, str]]:
    """The highlighted words a moderator may tick to hide, each named with why it was flagged."""
    return [
        (index, f"“{span.get('text', '')}” ({HELD_REASON_NAMES.get(str(span.get('reason')), span.get('reason'))})")
        for index, span in enumerate(item.spans or [])
        if str(span.get("text", "")).strip()
    ]


def forms_for(item: ReviewItem, posted: bool = False) -> dict[str, FlaskForm]:
    """The item page's forms, each with its own prefix so their fields never share an id.
    `posted`: read from the request (the one being submitted); else empty, with defaults."""
    formdata: dict[str, Any] = {} if posted else {"formdata": None}
    original = decisions.original_text(item)
    redacted = (
        item.post.redacted_body if item.post is not None else (item.answer.redacted_text if item.answer else None)
    )
    redact_form = RedactForm(prefix="redact", **formdata, **({} if posted else {"text": redacted or original}))
    redact_form.spans.choices = span_choices(item)
    reason = "kept_private" if decisions.is_safeguarding(item) else None
    reject_form = RejectForm(prefix="reject", **formdata, **({} if posted else {"reason": reason}))
    if item.answer is not None:  # no child ever reads why an answer was rejected
        reject_form.reason.label.text = str(_l("Why (kept in the decision log)"))
    return {
        "claim_form": ClaimForm(prefix="claim", **formdata),
        "approve_form": ApproveForm(prefix="approve", **formdata),
        "redact_form": redact_form,
        "reject_form": reject_form,
        "suspend_form": SuspendForm(
            prefix="suspend",
            **formdata,
            **({} if posted else {"child_id": str(decisions.child_id_of(item) or ""), "item_id": str(item.id)}),
        ),
    }


def _render(item: ReviewItem, status: int = 200, error: str | None = None, **forms: FlaskForm) -> tuple[str, int]:
    shown = {**forms_for(item), **forms}
    return render_template(
        "review/item.html", error=error, redaction_mark=decisions.REDACTION_MARK, **shown, **_context(item)
    ), status


@require(can_moderate)
def item(item_id: int) -> Page:
    return _render(_item_or_404(item_id))


def _refused(item: ReviewItem, error: DecisionError, **forms: FlaskForm) -> tuple[str, int]:
    db.session.rollback()
    item = _item_or_404(item.id)
    return _render(item, 409 if error.code in CONFLICTS else 400, str(DECISION_ERRORS[error.code]), **forms)


@require(can_moderate)
def claim(item_id: int) -> Page:
    item = _item_or_404(item_id)
    form = forms_for(item, posted=True)["claim_form"]
    if not form.validate_on_submit():
        return _render(item, 400, str(_l("Please reload the page and try again.")))
    try:
        decisions.claim(item, _moderator(), take_over=bool(form.take_over.data))
    except DecisionError as error:
        return _refused(item, error)
    db.session.commit()
    flash(_l("You are working on this item. Other moderators see that it is yours."), "success")
    return redirect(url_for("review.item", item_id=item.id))


@require(can_moderate)
def release(item_id: int) -> Page:
    item = _item_or_404(item_id)
    if not forms_for(item, posted=True)["claim_form"].validate_on_submit():
        return _render(item, 400, str(_l("Please reload the page and try again.")))
    try:
        decisions.release(item, _moderator())
    except DecisionError as error:
        return _refused(item, error)
    db.session.commit()
    flash(_l("You let go of this item; another moderator can take it."), "info")
    return redirect(url_for("review.queue"))


def _decided(item: ReviewItem, action: str) -> Response:
    db.session.commit()
    flash(DONE[action], "success")
    return redirect(url_for("review.queue"))


@require(can_moderate)
def approve(item_id: int) -> Page:
    item = _item_or_404(item_id)
    form = forms_for(item, posted=True)["approve_form"]
    if not form.validate_on_submit():
        return _render(item, 400, approve_form=form)
    try:
        decisions.approve(item, _moderator(), form.note.data or "")
    except DecisionError as error:
        return _refused(item, error, approve_form=form)
    return _decided(item, "approve")


@require(can_moderate)
def redact(item_id: int) -> Page:
    item = _item_or_404(item_id)
    form = forms_for(item, posted=True)["redact_form"]
    if not form.validate_on_submit():
        return _render(item, 400, redact_form=form)
    text = decisions.redacted_text(form.text.data or "", list(item.spans or []), form.spans.data or [])
    try:
        decisions.redact(item, _moderator(), text, form.note.data or "")
    except DecisionError as error:
        return _refused(item, error, redact_form=form)
    return _decided(item, "redact")


@require(can_moderate)
def reject(item_id: int) -> Page:
    return _refuse_item(item_id, "reject")


@require(can_moderate)
def remove(item_id: int) -> Page:
    return _refuse_item(item_id, "remove")


def _refuse_item(item_id: int, action: str) -> Page:
    item = _item_or_404(item_id)
    form = forms_for(item, posted=True)["reject_form"]
    if not form.validate_on_submit():
        return _render(item, 400, reject_form=form)
    decide = decisions.reject if action == "reject" else decisions.remove
    try:
        decide(item, _moderator(), form.reason.data, form.note.data or "")
    except DecisionError as error:
        return _refused(item, error, reject_form=form)
    return _decided(item, action)
