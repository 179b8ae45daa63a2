"""Recording and reading the audit log."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

import sqlalchemy as sa

from forum.accounts.models import User
from forum.audit.models import AuditEvent
from forum.extensions import db


class AuditAction(str, enum.Enum):
    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    SIGN_IN_LOCKED = "sign_in_locked"
    CARD_SIGN_IN = "card_sign_in"
    CARD_SIGN_IN_FAILED = "card_sign_in_failed"
    SIGN_OUT_EVERYWHERE = "sign_out_everywhere"
    PASSWORD_CHANGED = "password_changed"  # noqa: S105
    PASSWORD_RESET = "password_reset"  # noqa: S105
    STAFF_CREATED = "staff_created"
    ROLE_CHANGED = "role_changed"
    ACCOUNT_CHANGED = "account_changed"
    CHILDREN_ADDED = "children_added"
    CARDS_ISSUED = "cards_issued"
    CONSENT_RECORDED = "consent_recorded"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    ASSENT_RECORDED = "assent_recorded"
    CHILD_ERASED = "child_erased"
    AREA_CHANGED = "area_changed"
    SCHOOL_CHANGED = "school_changed"
    EXPORT = "export"
    TOPIC_CHANGED = "topic_changed"
    WORD_RULE_ADDED = "word_rule_added"
    WORD_RULE_CHANGED = "word_rule_changed"
    WORD_RULE_DELETED = "word_rule_deleted"
    CASE_OPENED = "case_opened"
    CASE_STATUS_CHANGED = "case_status_changed"
    CASE_ASSIGNED = "case_assigned"
    FEEDBACK_PUBLISHED = "feedback_published"
    FEEDBACK_CHANGED = "feedback_changed"
    API_TOKEN_CREATED = "api_token_created"  # noqa: S105
    API_TOKEN_REVOKED = "api_token_revoked"  # noqa: S105
    API_RESULTS = "api_results"


def actor_label(user: User | None) -> str:
    """Children appear by record number only, so the log never repeats a pseudonym."""
    if user is None:
        return ""
    if user.is_child:
        return f"child #{user.id}"
    return user.username or f"user #{user.id}"


def record_event(action: AuditAction, *, actor: User | None, target: str = "", detail: str = "") -> AuditEvent:
    event = AuditEvent(
        action=action.value,
        actor_id=actor.id if actor is not None else None,
        actor_label=actor_label(actor)[:64],
        target=target[:64],
        detail=detail[:500],
    )
    db.session.add(event)
    db.session.flush()
    return event


@dataclass(frozen=True)
class AuditFilter:
    """Dates are calendar days in `timezone` (the reader's), as the log shows its times."""

    action: str | None = None
    actor: str | None = None
    since: date | None = None
    until: date | None = None
    timezone: tzinfo = UTC


def list_events(filters: AuditFilter, page: int, per_page: int = 50) -> tuple[list[AuditEvent], int]:
    """One page of events, newest first, and the total that match."""
    query = sa.select(AuditEvent)
    if filters.action:
        query = query.where(AuditEvent.action == filters.action)
    if filters.actor:
        query = query.where(sa.func.lower(AuditEvent.actor_label) == filters.actor.lower())
    if filters.since:
        query = query.where(AuditEvent.created_at >= datetime.combine(filters.since, time.min, filters.timezone))
    if filters.until:
        end = datetime.combine(filters.until + timedelta(days=1), time.min, filters.timezone)
        query = query.where(AuditEvent.created_at < end)
    total = db.session.execute(sa.select(sa.func.count()).select_from(query.subquery())).scalar_one()
    rows = db.session.execute(
        query.order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
        .limit(per_page)
        .offset((max(page, 1) - 1) * per_page)
    ).scalars()
    return list(rows), total
