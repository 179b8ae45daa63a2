"""What children said in a consultation's discussions, for policy staff: how many posts each topic
has and its most-agreed posts. Published posts only, in the words readers see (the redacted text
where a moderator redacted it), never with an author, class or school.

Counts go through the same suppression as results (`suppression.protect`): a topic with 1..k-1
published posts is withheld, and with it one more so the total cannot give it away. Agree counts of
1..k-1 are withheld too. Counted in the database; only the few posts shown are read.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from forum.consultations.models import Consultation
from forum.discussions.models import Post, PostStatus, Topic
from forum.extensions import db
from forum.results.suppression import Line, protect
from forum.results.tables import WITHHELD, Cell

TOP_POSTS = 5
TOTAL = ("total",)


@dataclass(frozen=True)
class PostSummary:
    text: str
    agrees: Cell
    published_at: datetime | None


@dataclass(frozen=True)
class TopicSummary:
    topic_id: int
    title: dict[str, str]
    prompt: dict[str, str]
    is_open: bool
    posts: Cell
    top_posts: tuple[PostSummary, ...] = ()


@dataclass(frozen=True)
class DiscussionSummary:
    consultation_id: int
    min_group_size: int
    total: Cell
    topics: tuple[TopicSummary, ...] = ()


def _topic_key(topic_id: int) -> tuple[str, int]:
    return ("topic", topic_id)


def count_published(consultation: Consultation) -> dict[int, int]:
    """Published posts (replies included) per topic of the consultation."""
    rows = db.session.execute(
        sa.select(Post.topic_id, sa.func.count(Post.id))
        .join(Topic, Topic.id == Post.topic_id)
        .where(Topic.consultation_id == consultation.id, Post.status == PostStatus.PUBLISHED)
        .group_by(Post.topic_id)
    ).all()
    return {int(topic_id): int(count) for topic_id, count in rows}


def list_top_posts(consultation: Consultation, limit: int = TOP_POSTS) -> dict[int, list[Post]]:
    """The `limit` most-agreed published posts of each topic (earliest first among equals)."""
    place = (
        sa.func.row_number()
        .over(
            partition_by=Post.topic_id,
            order_by=(Post.agree_count.desc(), Post.published_at.asc(), Post.id.asc()),
        )
        .label("place")
    )
    ranked = (
        sa.select(Post.id, place)
        .join(Topic, Topic.id == Post.topic_id)
        .where(Topic.consultation_id == consultation.id, Post.status == PostStatus.PUBLISHED)
        .subquery()
    )
    posts = db.session.execute(
        sa.select(Post)
        .join(ranked, ranked.c.id == Post.id)
        .where(ranked.c.place <= limit)
        .order_by(Post.topic_id, ranked.c.place)
    ).scalars()
    found: dict[int, list[Post]] = {}
    for post in posts:
        found.setdefault(post.topic_id, []).append(post)
    return found


def get_discussion_summary(consultation: Consultation, min_group_size: int) -> DiscussionSummary:
    """Every topic of the consultation with its suppressed post count and most-agreed posts."""
    k = min_group_size
    topics = list(
        db.session.execute(
            sa.select(Topic).where(Topic.consultation_id == consultation.id).order_by(Topic.created_at, Topic.id)
        ).scalars()
    )
    published = count_published(consultation)
    counts: dict[Hashable, int] = {_topic_key(topic_id): n for topic_id, n in published.items() if n}
    counts[TOTAL] = sum(published.values())
    withheld = protect(counts, [Line(TOTAL, tuple(key for key in counts if key != TOTAL))], k)
    top = list_top_posts(consultation)

    def cell(key: Hashable) -> Cell:
        if key in withheld:
            return WITHHELD
        count = counts.get(key, 0)
        total = counts[TOTAL]
        return Cell(count, count / total if total and TOTAL not in withheld else None)

    def agrees(count: int) -> Cell:
        return WITHHELD if 0 < count < k else Cell(count, None)

    return DiscussionSummary(
        consultation_id=consultation.id,
        min_group_size=k,
        total=WITHHELD if TOTAL in withheld else Cell(counts[TOTAL], None),
        topics=tuple(
            TopicSummary(
                topic_id=topic.id,
                title=dict(topic.title),
                prompt=dict(topic.prompt or {}),
                is_open=topic.is_open,
                posts=cell(_topic_key(topic.id)),
                top_posts=tuple(
                    PostSummary(post.shown_body, agrees(post.agree_count), post.published_at)
                    for post in top.get(topic.id, [])
                ),
            )
            for topic in topics
        ),
    )
