"""The demo seed brings the forum to life: topics in the open demo consultation with published
posts, replies and agreements, and posts waiting in the moderation queue; seeding again adds none."""

from __future__ import annotations

import sqlalchemy as sa

from forum.discussions.models import Agreement, ModerationMode, Post, PostStatus, Topic
from forum.extensions import db
from forum.review.models import ReviewItem


def _counts() -> tuple[int, ...]:
    count = lambda model: db.session.scalar(sa.select(sa.func.count()).select_from(model))  # noqa: E731
    return count(Topic), count(Post), count(Agreement), count(ReviewItem)


def test_the_demo_has_a_living_forum(app, runner, tmp_path, monkeypatch):
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    with app.app_context():
        topics = list(db.session.scalars(sa.select(Topic).order_by(Topic.id)))
        assert [topic.mode for topic in topics] == [ModerationMode.PRE, ModerationMode.POST]
        published = list(db.session.scalars(sa.select(Post).where(Post.status == PostStatus.PUBLISHED)))
        assert len(published) >= 8 and any(post.parent_id for post in published)
        agreed = sum(post.agree_count for post in published)
        assert agreed == db.session.scalar(sa.select(sa.func.count()).select_from(Agreement)) > 0
        pending = list(db.session.scalars(sa.select(Post).where(Post.status == PostStatus.PENDING)))
        assert len(pending) == 3
        assert any(post.kept_personal_info for post in pending)
        queued = set(db.session.scalars(sa.select(ReviewItem.post_id).where(ReviewItem.post_id.is_not(None))))
        assert queued == {post.id for post in pending}
        before = _counts()
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    with app.app_context():
        assert _counts() == before
