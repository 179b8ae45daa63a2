"""The discussion summary on the results pages: published posts only, in the words readers see,
counts under k withheld (with a complement so the total cannot give them away)."""

from __future__ import annotations

from flask import Flask

from forum.consultations.models import Consultation
from forum.database import utcnow
from forum.discussions.models import Post, PostStatus, Topic
from forum.extensions import db
from forum.results.discussion_summary import TOP_POSTS, get_discussion_summary
from forum.results.tables import WITHHELD, Cell
from tests import builders
from tests.surveys.conftest_taking import make_consultation, texts


def _topic(consultation: Consultation, name: str) -> Topic:
    topic = Topic(consultation_id=consultation.id, title=texts(name, name))
    db.session.add(topic)
    db.session.flush()
    return topic


def _post(topic: Topic, author_id: int, body: str, status: PostStatus, agrees: int = 0, redacted: str | None = None):  # type: ignore[no-untyped-def]
    post = Post(
        topic_id=topic.id,
        author_id=author_id,
        body=body,
        redacted_body=redacted,
        status=status,
        agree_count=agrees,
        published_at=utcnow() if status is PostStatus.PUBLISHED else None,
    )
    db.session.add(post)
    return post


def test_counts_under_k_are_withheld_with_a_complement(app: Flask, world):  # type: ignore[no-untyped-def]
    with app.app_context():
        consultation = make_consultation()
        author = builders.make_child(age=12).id
        busy, quiet = _topic(consultation, "busy"), _topic(consultation, "quiet")
        _topic(consultation, "empty")
        for n in range(12):
            _post(busy, author, f"ý kiến {n}", PostStatus.PUBLISHED, agrees=n)
        for n in range(3):
            _post(quiet, author, f"ít {n}", PostStatus.PUBLISHED)
        for status in (PostStatus.PENDING, PostStatus.REJECTED, PostStatus.HIDDEN, PostStatus.REMOVED):
            _post(quiet, author, f"không hiện {status.value}", status, agrees=50)
        db.session.commit()
        summary = get_discussion_summary(consultation, 10)
        by_title = {topic.title["en"]: topic for topic in summary.topics}
        assert summary.total == Cell(15, None)
        assert by_title["quiet"].posts == WITHHELD  # 3 < k
        assert by_title["busy"].posts == WITHHELD  # else 15 − 12 would give the 3 away
        assert by_title["empty"].posts.count == 0 and by_title["empty"].top_posts == ()
        busy_posts = by_title["busy"].top_posts
        assert len(busy_posts) == TOP_POSTS
        assert [p.text for p in busy_posts] == ["ý kiến 11", "ý kiến 10", "ý kiến 9", "ý kiến 8", "ý kiến 7"]
        assert busy_posts[0].agrees == Cell(11, None) and busy_posts[-1].agrees == WITHHELD  # 7 < k
        assert all(not p.text.startswith("không hiện") for p in by_title["quiet"].top_posts)
        assert by_title["quiet"].top_posts[0].agrees == Cell(0, None)


def test_large_counts_are_shown_and_redacted_posts_read_redacted(app: Flask, world):  # type: ignore[no-untyped-def]
    with app.app_context():
        consultation = make_consultation()
        other = make_consultation()
        author = builders.make_child(age=12).id
        first, second = _topic(consultation, "first"), _topic(consultation, "second")
        for n in range(10):
            _post(first, author, f"một {n}", PostStatus.PUBLISHED)
            _post(second, author, f"hai {n}", PostStatus.PUBLISHED)
        _post(first, author, "Số nhà em là 12", PostStatus.PUBLISHED, agrees=30, redacted="Số nhà em là [đã che]")
        _post(_topic(other, "elsewhere"), author, "nơi khác", PostStatus.PUBLISHED, agrees=99)
        db.session.commit()
        summary = get_discussion_summary(consultation, 10)
        by_title = {topic.title["en"]: topic for topic in summary.topics}
        assert summary.total.count == 21
        assert by_title["first"].posts.count == 11 and by_title["second"].posts.count == 10
        assert by_title["first"].posts.share == 11 / 21
        assert by_title["first"].top_posts[0].text == "Số nhà em là [đã che]"
        assert by_title["first"].top_posts[0].agrees == Cell(30, None)
        assert "elsewhere" not in by_title
