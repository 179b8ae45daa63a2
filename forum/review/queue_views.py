"""The queue (most urgent, then oldest first; filtered; a page at a time), bulk approve, and the
read-only decision log."""

from __future__ import annotations

from collections.abc import Mapping
from math import ceil
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale, get_timezone, ngettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response

from forum.extensions import db
from forum.language.texts import in_language
from forum.review import decisions, queue
from forum.review.forms import MAX_ID, BulkApproveForm, LogFilterForm, QueueFilterForm
from forum.review.models import DecisionAction
from forum.safeguarding.highlighting import segments
from forum.security.access import require
from forum.security.permissions import can_moderate

PER_PAGE = 25
LOG_PER_PAGE = 50
# Far beyond any real queue, small enough that the row offset stays an ordinary integer in SQL.
MAX_PAGE = 100_000
# One bulk approval covers at most a few pages of ticked items.
MAX_BULK = 100


def _page() -> int:
    """A page that is not a number is the first page; one past the end is shown empty, politely."""
    return min(max(request.args.get("page", 1, type=int) or 1, 1), MAX_PAGE)


def _id_arg(value: Any) -> int | None:
    text = str(value or "")
    return int(text) if text.isdigit() and 1 <= int(text) <= MAX_ID else None


def queue_args(values: Mapping[str, Any]) -> dict[str, Any]:
    """The queue's filters and page from a query string or the bulk form, keeping only sound values."""
    args: dict[str, Any] = {
        "consultation": _id_arg(values.get("consultation")),
        "topic": _id_arg(values.get("topic")),
        "reason": values.get("reason") if values.get("reason") in queue.QUEUE_REASONS else None,
        "page": _id_arg(values.get("page")) if (_id_arg(values.get("page")) or 0) > 1 else None,
    }
    return {name: value for name, value in args.items() if value}


def _filter_form() -> QueueFilterForm:
    locale = str(get_locale())
    form = QueueFilterForm(request.args)
    consultations = queue.list_filter_consultations(_id_arg(request.args.get("consultation")))
    topics = queue.list_filter_topics(_id_arg(request.args.get("topic")))
    form.consultation.choices = [("", _l("Every consultation"))] + [
        (str(c.id), in_language(c.title, locale)) for c in consultations
    ]
    form.topic.choices = [("", _l("Every topic"))] + [(str(t.id), in_language(t.title, locale)) for t in topics]
    return form


@require(can_moderate)
def queue_page() -> tuple[str, int] | str:
    form = _filter_form()
    filters = queue.QueueFilter()
    items: list = []
    total = 0
    page = _page()
    status = 200
    if form.validate():
        filters = queue.QueueFilter(
            consultation_id=_id_arg(form.consultation.data),
            topic_id=_id_arg(form.topic.data),
            reason=form.reason.data or None,
        )
        items, total = queue.list_open_items(filters, page, PER_PAGE)
    else:
        status = 400
    post_ids = [item.post_id for item in items if item.post_id is not None]
    html = render_template(
        "review/queue.html",
        form=form,
        items=items,
        total=total,
        page=page,
        pages=max(1, ceil(total / PER_PAGE)),
        args={k: v for k, v in queue_args(request.args).items() if k != "page"},
        reports=queue.count_reports(post_ids),
        pieces={item.id: segments(decisions.original_text(item), item.spans or []) for item in items},
        bulk_form=BulkApproveForm(formdata=None),
        moderator=current_user,
        claimed_by_other=lambda item: decisions.is_claimed_by_other(item, current_user),
        is_safeguarding=decisions.is_safeguarding,
    )
    return (html, status) if status != 200 else html


@require(can_moderate)
def bulk_approve() -> Response:
    form = BulkApproveForm()
    back = url_for("review.queue", **queue_args(request.form))
    if not form.validate_on_submit():
        errors = form.item.errors or [_l("Please reload the page and try again.")]
        flash(str(errors[0]), "error")
        return redirect(back)
    if len(form.item.data) > MAX_BULK:
        flash(_l("Approve at most %(max)d items at once.", max=MAX_BULK), "error")
        return redirect(back)
    result = decisions.bulk_approve(form.item.data, current_user._get_current_object())
    db.session.commit()
    if result.approved:
        flash(ngettext("%(num)d item approved.", "%(num)d items approved.", result.approved), "success")
    if result.skipped:
        flash(
            ngettext(
                "%(num)d item was left for a closer look: it is about safeguarding, claimed by someone else"
                " or already decided.",
                "%(num)d items were left for a closer look: they are about safeguarding, claimed by someone else"
                " or already decided.",
                result.skipped,
            ),
            "warning",
        )
    return redirect(back)


@require(can_moderate)
def log() -> tuple[str, int] | str:
    form = LogFilterForm(request.args)
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), MAX_PAGE)
    if not form.validate():
        return render_template("review/log.html", form=form, decisions=[], total=0, page=1, pages=1, args={}), 400
    filters = queue.LogFilter(
        action=DecisionAction(form.action.data) if form.action.data else None,
        moderator=form.moderator.data or None,
        item_id=form.item.data,
        since=form.since.data,
        until=form.until.data,
        timezone=get_timezone(),
    )
    rows, total = queue.list_decisions(filters, page, LOG_PER_PAGE)
    args = {
        "action": form.action.data or None,
        "moderator": filters.moderator,
        "item": filters.item_id,
        "since": filters.since.isoformat() if filters.since else None,
        "until": filters.until.isoformat() if filters.until else None,
    }
    return render_template(
        "review/log.html",
        form=form,
        decisions=rows,
        total=total,
        page=page,
        pages=max(1, ceil(total / LOG_PER_PAGE)),
        args={name: value for name, value in args.items() if value},
    )
