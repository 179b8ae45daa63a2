"""Children's posts, agreements and reports, and what happens to them when a child is erased.

A post's fate follows the rules' verdict: a possible disclosure is held privately and opens a
safeguarding case (never refused, whatever else is true); a blocked post is never saved; a
pre-moderated topic holds every post; a post-moderated one publishes what the rules allow.
Services flush but never commit: the view commits once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from forum.accounts.models import User
from forum.accounts.signals import child_erasing
from forum.database import utcnow
from forum.discussions.models import Agreement, ModerationMode, Post, PostStatus, Report, ReportReason, Topic
from forum.extensions import db
from forum.moderation import Verdict
from forum.moderation.normalize import normalize
from forum.moderation.safeguarding import find_disclosures
from forum.review.models import Urgency
from forum.review.services import enqueue_post
from forum.safeguarding.models import CaseSource
from forum.safeguarding.services import open_case

# A post with this many reports is hidden until a moderator looks at it.
HIDE_AFTER_REPORTS = 3
# The same words from the same child in the same place within this time are one post sent twice.
DUPLICATE_WINDOW = timedelta(minutes=2)


class PostingError(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def is_safeguarding(verdict: Verdict) -> bool:
    return "safeguarding" in verdict.reasons


def lock_child(child: User) -> None:
    """Serialise one child's submissions (a double click sends two requests at once): a no-op
    UPDATE takes the child's row lock on PostgreSQL and the write lock on SQLite, so the second
    request waits, then finds the first one's post."""
    db.session.execute(
        sa.update(User)
        .where(User.id == child.id)
        .values(session_token=User.session_token)
        .execution_options(synchronize_session=False)
    )


def find_duplicate(
    topic: Topic, child: User, body: str, parent: Post | None, now: datetime | None = None
) -> Post | None:
    """The child's post with exactly these words in the same place, sent a moment ago."""
    since = (now or utcnow()) - DUPLICATE_WINDOW
    parent_match = Post.parent_id.is_(None) if parent is None else Post.parent_id == parent.id
    return (
        db.session.execute(
            sa.select(Post)
            .where(
                Post.topic_id == topic.id,
                Post.author_id == child.id,
                parent_match,
                Post.body == body,
                Post.created_at >= since,
            )
            .order_by(Post.id.desc())
        )
        .scalars()
        .first()
    )


def seconds_to_wait(topic: Topic, child: User, now: datetime | None = None) -> int:
    """Slow mode: how long the child must still wait before posting again in this topic."""
    if topic.slow_mode_seconds <= 0:
        return 0
    last = db.session.execute(
        sa.select(Post.created_at)
        .where(Post.topic_id == topic.id, Post.author_id == child.id)
        .order_by(Post.created_at.desc())
        .limit(1)
    ).scalar()
    if last is None:
        return 0
    remaining = topic.slow_mode_seconds - ((now or utcnow()) - last).total_seconds()
    return max(0, math.ceil(remaining))


def top_level(post: Post) -> Post:
    """One level of replies: replying to a reply answers its post."""
    return post.parent if post.parent is not None else post


def disclosure_kinds(text: str) -> list[str]:
    """What kind of harm the child may be telling us about (violence, self_harm...), for the case."""
    return list(dict.fromkeys(disclosure.kind for disclosure in find_disclosures(normalize(text))))


def create_post(
    topic: Topic,
    child: User,
    body: str,
    verdict: Verdict,
    *,
    parent: Post | None = None,
    kept_personal_info: bool = False,
    now: datetime | None = None,
) -> Post:
    """Save a post as the verdict and the topic's mode say, and queue it for a moderator if held."""
    if verdict.action == "block" and not is_safeguarding(verdict):
        raise PostingError("blocked")
    reasons = list(verdict.reasons)
    spans: list[dict[str, Any]] = [span.to_json() for span in verdict.spans]
    kept = kept_personal_info and "personal_info" in reasons
    post = Post(
        topic=topic,
        author_id=child.id,
        parent_id=top_level(parent).id if parent is not None else None,
        body=body,
        reasons=reasons,
        spans=spans,
        kept_personal_info=kept,
        status=PostStatus.PENDING,
    )
    db.session.add(post)
    db.session.flush()
    if is_safeguarding(verdict):
        open_case(
            source=CaseSource.POST,
            text=body,
            child=child,
            reasons=disclosure_kinds(body) or reasons,
            spans=[span for span in spans if span["reason"] == "safeguarding"],
            post=post,
        )
        enqueue_post(post, reasons, spans, Urgency.SAFEGUARDING)
    elif topic.mode is ModerationMode.PRE:
        enqueue_post(post, ["pre_moderation", *reasons], spans)
    elif verdict.action == "allow":
        post.status = PostStatus.PUBLISHED
        post.published_at = now or utcnow()
    else:
        enqueue_post(post, reasons, spans)
    db.session.flush()
    return post


# Agreeing and reporting ---------------------------------------------------------------------


@dataclass(frozen=True)
class Marked:
    """The outcome of an agreement or a report: whether it was new, and the post's new count."""

    created: bool
    count: int


def _insert_once(row: Agreement | Report) -> bool:
    """Add the row unless the child already did (the unique constraint decides under a race)."""
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except sa.exc.IntegrityError:
        return False
    return True


def _exists(model: type[Agreement] | type[Report], post: Post, child: User) -> bool:
    return (
        db.session.execute(sa.select(model.id).where(model.post_id == post.id, model.child_id == child.id)).first()
        is not None
    )


def agree(post: Post, child: User) -> Marked:
    """One "I agree" per child per post, on a published post of someone else."""
    if post.author_id == child.id:
        raise PostingError("own_post")
    if post.status is not PostStatus.PUBLISHED:
        raise PostingError("not_published")
    if _exists(Agreement, post, child) or not _insert_once(Agreement(post_id=post.id, child_id=child.id)):
        return Marked(False, post.agree_count)
    db.session.execute(
        sa.update(Post)
        .where(Post.id == post.id)
        .values(agree_count=Post.agree_count + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(post)
    return Marked(True, post.agree_count)


def report(post: Post, child: User, reason: ReportReason) -> Marked:
    """A child's "this worries me": queued for a moderator; the third report hides the post."""
    if post.author_id == child.id:
        raise PostingError("own_post")
    if post.status not in (PostStatus.PUBLISHED, PostStatus.HIDDEN):
        raise PostingError("not_published")
    if _exists(Report, post, child) or not _insert_once(Report(post_id=post.id, child_id=child.id, reason=reason)):
        return Marked(False, post.report_count)
    db.session.execute(
        sa.update(Post)
        .where(Post.id == post.id)
        .values(report_count=Post.report_count + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(post)
    if post.report_count >= HIDE_AFTER_REPORTS and post.status is PostStatus.PUBLISHED:
        post.status = PostStatus.HIDDEN
    enqueue_post(post, ["reported"], [], Urgency.REPORTED)
    db.session.flush()
    return Marked(True, post.report_count)


@child_erasing.connect
def _forget_child(child: User, **_: Any) -> None:
    """The database deletes the child's posts, agreements and reports; the counts they added to
    other children's posts go down first."""
    for model, column in ((Agreement, Post.agree_count), (Report, Post.report_count)):
        marked = sa.select(model.post_id).where(model.child_id == child.id).scalar_subquery()
        db.session.execute(
            sa.update(Post)
            .where(Post.id.in_(marked), Post.author_id != child.id, column > 0)
            .values({column.key: column - 1})
            .execution_options(synchronize_session=False)
        )
