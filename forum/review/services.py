"""Putting posts and answers in front of moderators; suspending a child's posting and reading who may not post.

Services flush but never commit: the view or command that called them commits once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from forum.accounts.models import User
from forum.database import utcnow
from forum.discussions.models import Post
from forum.extensions import db
from forum.review.decisions import DecisionError, log_decision
from forum.review.models import DecisionAction, ItemKind, ItemState, ReviewItem, Suspension, Urgency
from forum.review.reasons import SUSPENSION_REASONS
from forum.surveys.models import Answer


def _merge(item: ReviewItem, reasons: Sequence[str], spans: Sequence[dict[str, Any]], urgency: Urgency) -> None:
    item.reasons = list(dict.fromkeys([*item.reasons, *reasons]))
    item.spans = [*item.spans, *(span for span in spans if span not in item.spans)]
    item.urgency = min(item.urgency, urgency.value)


def get_open_item(*, post: Post | None = None, answer: Answer | None = None) -> ReviewItem | None:
    query = sa.select(ReviewItem).where(ReviewItem.state == ItemState.OPEN)
    if post is not None:
        query = query.where(ReviewItem.post_id == post.id)
    elif answer is not None:
        query = query.where(ReviewItem.answer_id == answer.id)
    else:
        raise ValueError("get_open_item needs a post or an answer")
    return db.session.execute(query).scalars().first()


def enqueue_post(
    post: Post, reasons: Sequence[str], spans: Sequence[dict[str, Any]], urgency: Urgency = Urgency.ROUTINE
) -> ReviewItem:
    """The post's open queue item, created or with these reasons added (the most urgent wins)."""
    item = get_open_item(post=post)
    if item is None:
        item = ReviewItem(
            kind=ItemKind.POST,
            post_id=post.id,
            topic_id=post.topic_id,
            consultation_id=post.topic.consultation_id,
            urgency=urgency.value,
            reasons=list(dict.fromkeys(reasons)),
            spans=list(spans),
        )
        db.session.add(item)
    else:
        _merge(item, reasons, spans, urgency)
    db.session.flush()
    return item


def enqueue_answer(
    answer: Answer,
    consultation_id: int,
    reasons: Sequence[str],
    spans: Sequence[dict[str, Any]],
    urgency: Urgency = Urgency.ROUTINE,
) -> ReviewItem:
    """A free-text survey answer waits in the same queue as posts."""
    item = get_open_item(answer=answer)
    if item is None:
        item = ReviewItem(
            kind=ItemKind.ANSWER,
            answer_id=answer.id,
            consultation_id=consultation_id,
            urgency=urgency.value,
            reasons=list(dict.fromkeys(reasons)),
            spans=list(spans),
        )
        db.session.add(item)
    else:
        _merge(item, reasons, spans, urgency)
    db.session.flush()
    return item


def active_suspension(child: User, now: datetime | None = None) -> Suspension | None:
    """The suspension stopping `child` from posting now, if any (the one that ends last)."""
    now = now or utcnow()
    return (
        db.session.execute(
            sa.select(Suspension)
            .where(
                Suspension.child_id == child.id,
                Suspension.lifted_at.is_(None),
                Suspension.starts_at <= now,
                Suspension.ends_at > now,
            )
            .order_by(Suspension.ends_at.desc())
        )
        .scalars()
        .first()
    )


# Suspensions ------------------------------------------------------------------------------

SUSPENSION_DAYS = (1, 3, 7)


def suspend(
    child: User,
    moderator: User,
    *,
    reason: str,
    days: int,
    note: str = "",
    item: ReviewItem | None = None,
    now: datetime | None = None,
) -> Suspension:
    """Pause `child`'s posting for `days` days; the child sees `reason` when they try to post."""
    if not child.is_child:
        raise DecisionError("no_child")
    if reason not in SUSPENSION_REASONS or days not in SUSPENSION_DAYS:
        raise DecisionError("bad_reason")
    now = now or utcnow()
    suspension = Suspension(
        child_id=child.id,
        reason=reason,
        note=note,
        starts_at=now,
        ends_at=now + timedelta(days=days),
        created_by_id=moderator.id,
    )
    db.session.add(suspension)
    db.session.flush()
    log_decision(DecisionAction.SUSPEND, moderator, item=item, child_id=child.id, reason=reason, note=note)
    return suspension


def lift_suspension(suspension: Suspension, moderator: User, now: datetime | None = None) -> None:
    """End a suspension early. One conditional UPDATE: lifting twice (two tabs) lifts once."""
    now = now or utcnow()
    lifted = db.session.execute(
        sa.update(Suspension)
        .where(Suspension.id == suspension.id, Suspension.lifted_at.is_(None), Suspension.ends_at > now)
        .values(lifted_at=now, lifted_by_id=moderator.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    if lifted != 1:
        raise DecisionError("already_lifted")
    db.session.refresh(suspension)
    log_decision(DecisionAction.LIFT_SUSPENSION, moderator, child_id=suspension.child_id, reason=suspension.reason)


def get_suspension(suspension_id: int) -> Suspension | None:
    return db.session.get(Suspension, suspension_id)


def list_current_suspensions(now: datetime | None = None) -> list[Suspension]:
    """Suspensions in force now, the soonest to end first."""
    now = now or utcnow()
    return list(
        db.session.execute(
            sa.select(Suspension)
            .where(Suspension.lifted_at.is_(None), Suspension.starts_at <= now, Suspension.ends_at > now)
            .order_by(Suspension.ends_at, Suspension.id)
        ).scalars()
    )


def find_child_by_pseudonym(pseudonym: str) -> User | None:
    return db.session.execute(sa.select(User).where(User.pseudonym == pseudonym)).scalar_one_or_none()
