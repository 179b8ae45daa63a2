"""The audit log: newest first, filtered by action, actor and days, 50 events a page."""

from __future__ import annotations

from math import ceil

from flask import render_template, request
from flask_babel import get_timezone

from forum.admin.forms import AuditFilterForm
from forum.admin.labels import AUDIT_ACTION_NAMES
from forum.audit.services import AuditFilter, list_events
from forum.security.access import require
from forum.security.permissions import can_administer

PER_PAGE = 50
# Far beyond any real log, small enough that the row offset stays an ordinary integer in SQL.
MAX_PAGE = 100_000


@require(can_administer)
def audit() -> tuple[str, int] | str:
    form = AuditFilterForm(request.args)
    if not form.validate():
        return render_template(
            "admin/audit.html", form=form, events=[], total=0, page=1, pages=1, args={}, action_names=AUDIT_ACTION_NAMES
        ), 400
    filters = AuditFilter(
        action=form.action.data or None,
        actor=form.actor.data or None,
        since=form.since.data,
        until=form.until.data,
        timezone=get_timezone(),
    )
    # A page that is not a number is the first page; one past the end is shown empty, politely.
    page = min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)
    events, total = list_events(filters, page, PER_PAGE)
    args = {
        "action": filters.action,
        "actor": filters.actor,
        "since": filters.since.isoformat() if filters.since else None,
        "until": filters.until.isoformat() if filters.until else None,
    }
    return render_template(
        "admin/audit.html",
        form=form,
        events=events,
        total=total,
        page=page,
        pages=max(1, ceil(total / PER_PAGE)),
        args={name: value for name, value in args.items() if value},
        action_names=AUDIT_ACTION_NAMES,
    )
