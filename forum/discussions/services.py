"""Discussion topics: creating and editing them, which children see them, and reading posts.

Posting, agreeing and reporting are in `posting`. Services flush but never commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from forum.accounts.models import User
from forum.consultations.models import Consultation, ConsultationStatus
from forum.consultations.services import is_for, is_open, list_open_for
from forum.discussions.models import Agreement, ModerationMode, Post, PostStatus, Report, Topic
from forum.extensions import db
from forum.schools.models import Area

MAX_SLOW_MODE_SECONDS = 24 * 3600
POSTS_PER_PAGE = 20


class TopicError(ValueError):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


@dataclass
class TopicInput:
    """What staff type: texts by language ({"vi": ..., "en": ...}), targets, mode and pace."""

    title: dict[str, str]
    prompt: dict[str, str] = field(default_factory=dict)
    target_bands: list[str] = field(default_factory=list)
    areas: Sequence[Area] = ()
    mode: ModerationMode = ModerationMode.PRE
    is_open: bool = True
    slow_mode_seconds: int = 0


def get_topic(topic_id: int) -> Topic | None:
    return db.session.get(Topic, topic_id)


def get_post(post_id: int) -> Post | None:
    return db.session.get(Post, post_id)


def list_topics(consultation: Consultation) -> list[Topic]:
    return list(
        db.session.execute(
            sa.select(Topic).where(Topic.consultation_id == consultation.id).order_by(Topic.created_at, Topic.id)
        ).scalars()
    )


def bands_for_topics(consultation: Consultation, configured: Sequence[str]) -> list[str]:
    """The bands a topic may target: the consultation's, or every configured band when it has none."""
    return [band for band in configured if not consultation.target_bands or band in consultation.target_bands]


def areas_for_topics(consultation: Consultation, active: Sequence[Area]) -> list[Area]:
    """The areas a topic may target: the consultation's, or every active area when it has none."""
    return list(consultation.areas) if consultation.areas else list(active)


def _texts(value: dict[str, str]) -> dict[str, str]:
    return {lang: text.strip() for lang, text in value.items() if lang in ("vi", "en") and text and text.strip()}


def save_topic(
    topic: Topic | None,
    consultation: Consultation,
    data: TopicInput,
    configured_bands: Sequence[str],
    actor: User | None,
) -> Topic:
    """Create or update a topic; its bands and areas must lie within the consultation's."""
    if not _texts(data.title).get("vi"):
        raise TopicError("title_missing")
    allowed_bands = bands_for_topics(consultation, configured_bands)
    unknown = [band for band in data.target_bands if band not in allowed_bands]
    if unknown:
        raise TopicError("band_outside", unknown[0])
    if consultation.areas:
        allowed_ids = {area.id for area in consultation.areas}
        outside = [area for area in data.areas if area.id not in allowed_ids]
        if outside:
            raise TopicError("area_outside", outside[0].name_vi)
    if not 0 <= data.slow_mode_seconds <= MAX_SLOW_MODE_SECONDS:
        raise TopicError("slow_mode_range")
    if topic is None:
        topic = Topic(consultation=consultation, created_by=actor)
        db.session.add(topic)
    topic.title = _texts(data.title)
    topic.prompt = _texts(data.prompt)
    topic.target_bands = [band for band in allowed_bands if band in data.target_bands]
    topic.areas = list(data.areas)
    topic.mode = data.mode
    topic.is_open = data.is_open
    topic.slow_mode_seconds = data.slow_mode_seconds
    db.session.flush()
    return topic


def count_posts(topics: Sequence[Topic]) -> dict[int, dict[PostStatus, int]]:
    """Posts per topic and status, counted in the database."""
    ids = [topic.id for topic in topics]
    counts: dict[int, dict[PostStatus, int]] = {topic_id: {} for topic_id in ids}
    if not ids:
        return counts
    rows = db.session.execute(
        sa.select(Post.topic_id, Post.status, sa.func.count())
        .where(Post.topic_id.in_(ids))
        .group_by(Post.topic_id, Post.status)
    )
    for topic_id, status, count in rows:
        counts[topic_id][status] = count
    return counts


def count_topics(consultations: Sequence[Consultation]) -> dict[int, int]:
    ids = [c.id for c in consultations]
    if not ids:
        return {}
    rows = db.session.execute(
        sa.select(Topic.consultation_id, sa.func.count())
        .where(Topic.consultation_id.in_(ids))
        .group_by(Topic.consultation_id)
    )
    return {consultation_id: count for consultation_id, count in rows}


# Which children see a topic -----------------------------------------------------------------


def is_topic_for(topic: Topic, band: str, area_id: int | None) -> bool:
    """The topic's own targets, within its consultation's (none means all)."""
    if topic.target_bands and band not in topic.target_bands:
        return False
    return not topic.areas or any(area.id == area_id for area in topic.areas)


def is_visible_to(topic: Topic, band: str, area_id: int | None, today: date) -> bool:
    """A child may read a topic of a consultation that has opened (and may since have closed)
    and is meant for their band and area. Anything else does not exist for them."""
    consultation = topic.consultation
    return (
        consultation.status is not ConsultationStatus.DRAFT
        and consultation.opens_on <= today
        and is_for(consultation, band, area_id)
        and is_topic_for(topic, band, area_id)
    )


def accepts_posts(topic: Topic, today: date) -> bool:
    """Open topic in an open consultation."""
    return topic.is_open and is_open(topic.consultation, today)


def list_topics_for(band: str, area_id: int | None, today: date, *, open_only: bool = False) -> list[Topic]:
    """Topics of the open consultations meant for a child of this band and area."""
    consultations = list_open_for(band, area_id, today)
    if not consultations:
        return []
    query = (
        sa.select(Topic)
        .where(Topic.consultation_id.in_([c.id for c in consultations]))
        .options(selectinload(Topic.areas))
        .order_by(Topic.is_open.desc(), Topic.created_at.desc(), Topic.id.desc())
    )
    if open_only:
        query = query.where(Topic.is_open.is_(True))
    return [topic for topic in db.session.execute(query).scalars() if is_topic_for(topic, band, area_id)]


def count_published(topics: Sequence[Topic]) -> dict[int, int]:
    counts = count_posts(topics)
    return {topic_id: by_status.get(PostStatus.PUBLISHED, 0) for topic_id, by_status in counts.items()}


# Reading a topic ----------------------------------------------------------------------------


@dataclass
class Thread:
    """A top-level post and the replies this reader may see."""

    post: Post
    replies: list[Post]


@dataclass
class TopicPage:
    threads: list[Thread]
    page: int
    pages: int
    published: int
    agreed: set[int]
    reported: set[int]


def _seen_by(reader: User) -> sa.ColumnElement[bool]:
    """Published posts, and the reader's own whatever their state."""
    return sa.or_(Post.status == PostStatus.PUBLISHED, Post.author_id == reader.id)


def read_topic(topic: Topic, reader: User, page: int = 1, per_page: int = POSTS_PER_PAGE) -> TopicPage:
    """One page of threads, newest first; replies oldest first under their post."""
    top = sa.and_(Post.topic_id == topic.id, Post.parent_id.is_(None), _seen_by(reader))
    total = db.session.execute(sa.select(sa.func.count()).select_from(Post).where(top)).scalar_one()
    published = db.session.execute(
        sa.select(sa.func.count())
        .select_from(Post)
        .where(Post.topic_id == topic.id, Post.status == PostStatus.PUBLISHED)
    ).scalar_one()
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    posts = list(
        db.session.execute(
            sa.select(Post)
            .where(top)
            .options(selectinload(Post.author))
            .order_by(Post.created_at.desc(), Post.id.desc())
            .limit(per_page)
            .offset((page - 1) * per_page)
        ).scalars()
    )
    ids = [post.id for post in posts]
    replies: dict[int, list[Post]] = {post_id: [] for post_id in ids}
    if ids:
        for reply in db.session.execute(
            sa.select(Post)
            .where(Post.parent_id.in_(ids), _seen_by(reader))
            .options(selectinload(Post.author))
            .order_by(Post.created_at, Post.id)
        ).scalars():
            replies[reply.parent_id or 0].append(reply)
    shown = ids + [reply.id for group in replies.values() for reply in group]
    return TopicPage(
        threads=[Thread(post, replies[post.id]) for post in posts],
        page=page,
        pages=pages,
        published=published,
        agreed=_marked(Agreement, reader, shown),
        reported=_marked(Report, reader, shown),
    )


def _marked(model: type[Agreement] | type[Report], reader: User, post_ids: Sequence[int]) -> set[int]:
    if not post_ids:
        return set()
    return set(
        db.session.execute(
            sa.select(model.post_id).where(model.child_id == reader.id, model.post_id.in_(post_ids))
        ).scalars()
    )


def is_readable_by(post: Post, reader: User) -> bool:
    """A post a child may see: published, or their own."""
    return post.status is PostStatus.PUBLISHED or post.author_id == reader.id
