"""The decision log: read-only, newest first, filtered by decision, moderator, item and days."""

from __future__ import annotations

from datetime import timedelta

from forum.accounts.models import User
from forum.database import utcnow
from forum.extensions import db
from forum.review import decisions
from forum.review.models import DecisionAction, ModerationDecision, ReviewItem
from tests.review.builders import CLEAN_POST, make_post_item


def _decide(app, world, second_moderator_login) -> list[int]:  # type: ignore[no-untyped-def]
    """Three decisions today by two moderators, and one made forty days ago."""
    with app.app_context():
        first = db.session.get(User, world.moderator.id)
        second = db.session.get(User, second_moderator_login.id)
        items = [make_post_item(world.child.id, CLEAN_POST) for _ in range(3)]
        decisions.approve(items[0], first, "đầu tiên")
        decisions.reject(items[1], second, "unkind")
        decisions.approve(items[2], second)
        # Rows are never changed, so an old decision is made by inserting one with an old time.
        db.session.add(
            ModerationDecision(
                item_id=items[2].id,
                moderator_id=first.id,
                moderator_label="moderator",
                action=DecisionAction.APPROVE,
                created_at=utcnow() - timedelta(days=40),
            )
        )
        db.session.commit()
        return [item.id for item in items]


def test_the_log_lists_every_decision_newest_first(app, world, moderator, second_moderator_login):
    items = _decide(app, world, second_moderator_login)
    html = moderator.get("/review/log").get_data(as_text=True)
    assert "4 decisions" in html
    assert html.index(f"Item #{items[2]}") < html.index(f"Item #{items[1]}") < html.index(f"Item #{items[0]}")
    assert "Rejected" in html and "Unkind" in html and "đầu tiên" in html
    assert f"child #{world.child.id}" in html
    assert world.child.pseudonym not in html and CLEAN_POST not in html  # ids only, never words or names


def test_the_log_filters(app, world, moderator, second_moderator_login):
    items = _decide(app, world, second_moderator_login)
    assert "1 decision" in moderator.get("/review/log?action=reject").get_data(as_text=True)
    assert "2 decisions" in moderator.get("/review/log?moderator=MODERATOR2").get_data(as_text=True)
    assert "2 decisions" in moderator.get(f"/review/log?item={items[2]}").get_data(as_text=True)
    today = utcnow().date().isoformat()
    assert "3 decisions" in moderator.get(f"/review/log?since={today}").get_data(as_text=True)
    long_ago = (utcnow() - timedelta(days=30)).date().isoformat()
    assert "1 decision" in moderator.get(f"/review/log?until={long_ago}").get_data(as_text=True)
    assert "No decision matches these filters." in moderator.get("/review/log?moderator=nobody").get_data(as_text=True)


def test_bad_log_filters_are_a_400_with_a_message(moderator):
    for query, message in (
        ("action=delete", "Choose one of the options"),
        ("item=abc", "Enter a whole number"),
        ("item=99999999999999999999", "Enter a whole number"),
        ("since=yesterday", "Enter a date"),
        ("since=2025-06-02&until=2025-06-01", "must not be before"),
        ("since=1000-01-01", "between the years 2000 and 2999"),
    ):
        response = moderator.get(f"/review/log?{query}")
        assert response.status_code == 400, query
        assert message in response.get_data(as_text=True), query
    assert moderator.get("/review/log?page=abc").status_code == 200


def test_the_log_cannot_be_changed_through_the_web(app, moderator):
    for method in ("post", "put", "delete"):
        assert getattr(moderator, method)("/review/log").status_code == 405
    with app.app_context():
        assert all(rule.methods <= {"GET", "HEAD", "OPTIONS"} for rule in app.url_map.iter_rules("review.log"))
        assert db.session.query(ReviewItem).count() == 0
