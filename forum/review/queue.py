"""Reading the moderation queue and the decision log: pages, filters and counts, all in SQL.

The queue is ordered by urgency (safeguarding, reported, routine), then oldest first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from forum.consultations.models import Consultation
from forum.discussions.models import Post, Report, Topic
from forum.extensions import db
from forum.review.models import DecisionAction, ItemState, ModerationDecision, ReviewItem
from forum.surveys.models import Answer, Question

# The reason codes a queue item can carry (the rules' codes, "reported" and "pre_moderation").
QUEUE_REASONS = (
    "safeguarding",
    "reported",
    "pre_moderation",
    "personal_info",
    "profanity",
    "insult",
    "link",
    "invisible_characters",
    "custom",
)


@dataclass(frozen=True)
class QueueFilter:
    consultation_id: int | None = None
    topic_id: int | None = None
    reason: str | None = None


def _open_items(filters: QueueFilter) -> sa.Select[tuple[ReviewItem]]:
    query = sa.select(ReviewItem).where(ReviewItem.state == ItemState.OPEN)
    if filters.consultation_id is not None:
        query = query.where(ReviewItem.consultation_id == filters.consultation_id)
    if filters.topic_id is not None:
        query = query.where(ReviewItem.topic_id == filters.topic_id)
    if filters.reason in QUEUE_REASONS:
        # The JSON list as text holds each code in double quotes, on SQLite and PostgreSQL alike;
        # the code comes from the fixed list above, so it holds no LIKE wildcard.
        query = query.where(sa.cast(ReviewItem.reasons, sa.Text).like(f'%"{filters.reason}"%'))
    return query


def list_open_items(filters: QueueFilter, page: int, per_page: int) -> tuple[list[ReviewItem], int]:
    """One page of open items, most urgent then oldest first, and how many match in all."""
    query = _open_items(filters)
    total = db.session.execute(sa.select(sa.func.count()).select_from(query.subquery())).scalar_one()
    items = db.session.execute(
        query.options(
            selectinload(ReviewItem.post).selectinload(Post.author),
            selectinload(ReviewItem.answer).selectinload(Answer.question).selectinload(Question.survey),
            selectinload(ReviewItem.topic),
            selectinload(ReviewItem.consultation),
            selectinload(ReviewItem.claimed_by),
        )
        .order_by(ReviewItem.urgency, ReviewItem.created_at, ReviewItem.id)
        .limit(per_page)
        .offset((max(page, 1) - 1) * per_page)
    ).scalars()
    return list(items), total


def count_open_items() -> int:
    """For the "Moderation" link in the staff menu."""
    return db.session.execute(
        sa.select(sa.func.count()).select_from(ReviewItem).where(ReviewItem.state == ItemState.OPEN)
    ).scalar_one()


def list_filter_consultations(selected: int | None = None) -> list[Consultation]:
    """Consultations with something waiting (and the one already chosen), for the queue's filter."""
    ids = sa.select(ReviewItem.consultation_id).where(ReviewItem.state == ItemState.OPEN).distinct()
    return list(
        db.session.execute(
            sa.select(Consultation)
            .where(sa.or_(Consultation.id.in_(ids), Consultation.id == selected))
            .order_by(Consultation.id)
        ).scalars()
    )


def list_filter_topics(selected: int | None = None) -> list[Topic]:
    ids = sa.select(ReviewItem.topic_id).where(ReviewItem.state == ItemState.OPEN).distinct()
    return list(
        db.session.execute(
            sa.select(Topic).where(sa.or_(Topic.id.in_(ids), Topic.id == selected)).order_by(Topic.id)
        ).scalars()
    )


def count_reports(post_ids: Sequence[int]) -> dict[int, dict[str, int]]:
    """For each post, how many children reported it, by reason."""
    if not post_ids:
        return {}
    rows = db.session.execute(
        sa.select(Report.post_id, Report.reason, sa.func.count())
        .where(Report.post_id.in_(post_ids))
        .group_by(Report.post_id, Report.reason)
    ).all()
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for post_id, reason, count in rows:
        counts[post_id][reason.value] = count
    return dict(counts)


# The decision log ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LogFilter:
    """Dates are calendar days in `timezone` (the reader's), as the log shows its times."""

    action: DecisionAction | None = None
    moderator: str | None = None
    item_id: int | None = None
    since: date | None = None
    until: date | None = None
    timezone: tzinfo = UTC


def list_decisions(filters: LogFilter, page: int, per_page: int) -> tuple[list[ModerationDecision], int]:
    """One page of decisions, newest first, and the total that match."""
    query = sa.select(ModerationDecision)
    if filters.action is not None:
        query = query.where(ModerationDecision.action == filters.action)
    if filters.moderator:
        query = query.where(sa.func.lower(ModerationDecision.moderator_label) == filters.moderator.lower())
    if filters.item_id is not None:
        query = query.where(ModerationDecision.item_id == filters.item_id)
    if filters.since:
        query = query.where(
            ModerationDecision.created_at >= datetime.combine(filters.since, time.min, filters.timezone)
        )
    if filters.until:
        end = datetime.combine(filters.until + timedelta(days=1), time.min, filters.timezone)
        query = query.where(ModerationDecision.created_at < end)
    total = db.session.execute(sa.select(sa.func.count()).select_from(query.subquery())).scalar_one()
    rows = db.session.execute(
        query.order_by(ModerationDecision.created_at.desc(), ModerationDecision.id.desc())
        .limit(per_page)
        .offset((max(page, 1) - 1) * per_page)
    ).scalars()
    return list(rows), total
