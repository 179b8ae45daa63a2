"""Fixtures for the discussions: an open consultation with a pre-moderated and a post-moderated
topic, children who can post, published posts by others, and clients signed in reading English
(assertions use the English msgids)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient

from forum.accounts.models import User
from forum.consultations.models import Consultation
from forum.database import utcnow
from forum.discussions import services
from forum.discussions.models import ModerationMode, Post, PostStatus, Topic
from forum.extensions import db
from tests.surveys.conftest_taking import BANDS, make_consultation


def make_topic(
    consultation: Consultation,
    title: str = "Sân chơi em mơ ước",
    title_en: str = "My dream playground",
    **fields: object,
) -> Topic:
    data = services.TopicInput(
        title={"vi": title, "en": title_en},
        prompt={"vi": "Ở gần nhà em cần thêm gì để vui chơi?", "en": "What does your area need for play?"},
        **fields,  # type: ignore[arg-type]
    )
    return services.save_topic(None, consultation, data, BANDS, None)


def make_post(
    topic: Topic, author_id: int, body: str, status: PostStatus = PostStatus.PUBLISHED, **fields: object
) -> Post:
    post = Post(
        topic=topic,
        author_id=author_id,
        body=body,
        status=status,
        published_at=utcnow() if status is PostStatus.PUBLISHED else None,
        **fields,
    )
    db.session.add(post)
    db.session.flush()
    return post


@dataclass
class Forum:
    consultation_id: int
    pre_topic_id: int
    post_topic_id: int
    # A published post by the world's other child in the pre-moderated topic.
    other_post_id: int


@pytest.fixture
def forum(app: Flask, world) -> Forum:  # type: ignore[no-untyped-def]
    with app.app_context():
        consultation = make_consultation()
        pre = make_topic(consultation)
        post_mode = make_topic(consultation, "Đường đến trường", "The way to school", mode=ModerationMode.POST)
        other = make_post(pre, world.other_child.id, "Em muốn có thêm cây xanh ở sân chơi.")
        db.session.commit()
        return Forum(consultation.id, pre.id, post_mode.id, other.id)


@pytest.fixture
def child_client(client: FlaskClient, world, auth) -> FlaskClient:  # type: ignore[no-untyped-def]
    client.set_cookie("lang", "en")
    auth.card(world.child)
    return client


def other_client(app: Flask, login) -> FlaskClient:  # type: ignore[no-untyped-def]
    """Another browser, signed in with a child's card, reading English."""
    client = app.test_client()
    client.set_cookie("lang", "en")
    response = client.post("/accounts/card", data={"code": login.code})
    assert response.status_code == 302
    return client


def send(client: FlaskClient, topic_id: int, body: str, **fields: str):  # type: ignore[no-untyped-def]
    return client.post(f"/discussions/topics/{topic_id}/posts", data={"body": body, **fields})


def posts_of(app: Flask, child_id: int) -> list[Post]:
    with app.app_context():
        posts = list(db.session.scalars(db.select(Post).where(Post.author_id == child_id).order_by(Post.id)))
        db.session.expunge_all()
        return posts


def child(app: Flask, child_id: int) -> User:
    with app.app_context():
        user = db.session.get(User, child_id)
        db.session.expunge_all()
        return user
