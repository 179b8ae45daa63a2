"""Pausing a child's posting: from an item or by pseudonym, the list in force, lifting, ending."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from forum.accounts.models import User
from forum.database import utcnow
from forum.extensions import db
from forum.review.models import DecisionAction, ReviewItem, Suspension
from forum.review.services import active_suspension, list_current_suspensions, suspend
from tests.review.builders import PHONE_POST, make_post_item
from tests.review.conftest import decisions_of


def _suspensions(app) -> list[Suspension]:
    with app.app_context():
        rows = list(db.session.execute(sa.select(Suspension).order_by(Suspension.id)).scalars())
        db.session.expunge_all()
        return rows


def _suspend_direct(app, child_id: int, moderator_id: int, **fields) -> int:  # type: ignore[no-untyped-def]
    with app.app_context():
        suspension = suspend(
            db.session.get(User, child_id), db.session.get(User, moderator_id), reason="spam", days=1, **fields
        )
        db.session.commit()
        return suspension.id


def test_suspending_the_author_from_an_item(app, world, moderator, make, auth, client):
    item_id = make(make_post_item, world.child.id, PHONE_POST)
    response = moderator.post(
        "/review/suspensions/new",
        data={
            "suspend-child_id": str(world.child.id),
            "suspend-item_id": str(item_id),
            "suspend-days": "3",
            "suspend-reason": "sharing_personal_info",
            "suspend-note": "Lần thứ ba.",
        },
    )
    assert response.status_code == 302 and response.headers["Location"] == f"/review/items/{item_id}"
    [suspension] = _suspensions(app)
    assert suspension.child_id == world.child.id and suspension.reason == "sharing_personal_info"
    assert timedelta(days=3) - timedelta(minutes=1) < suspension.ends_at - utcnow() <= timedelta(days=3)
    assert suspension.created_by_id == world.moderator.id and suspension.note == "Lần thứ ba."
    [decision] = decisions_of(app)
    assert decision.action is DecisionAction.SUSPEND
    assert (decision.item_id, decision.child_id, decision.reason) == (item_id, world.child.id, "sharing_personal_info")
    with app.app_context():
        assert active_suspension(db.session.get(User, world.child.id)).id == suspension.id
    # The child is told why when they go to post (the discussions pages show it).
    with app.app_context():
        topic_id = db.session.get(ReviewItem, item_id).post.topic_id
    auth.card(world.child)
    client.post("/language/en")
    page = client.get(f"/discussions/topics/{topic_id}").get_data(as_text=True)
    assert "You shared personal information several times, so posting is paused for a while." in page


def test_suspending_by_pseudonym_and_listing_and_lifting(app, world, moderator):
    page = moderator.get("/review/suspensions")
    assert page.status_code == 200 and "No child is suspended." in page.get_data(as_text=True)
    response = moderator.post(
        "/review/suspensions/new",
        data={"suspend-pseudonym": f"  {world.other_child.pseudonym} ", "suspend-days": "7", "suspend-reason": "spam"},
    )
    assert response.status_code == 302 and response.headers["Location"] == "/review/suspensions"
    listing = moderator.get("/review/suspensions").get_data(as_text=True)
    assert world.other_child.pseudonym in listing and "Spam" in listing
    assert "cannot post until the suspension ends" in listing
    [suspension] = _suspensions(app)
    assert moderator.post(f"/review/suspensions/{suspension.id}/lift").status_code == 302
    [lifted] = _suspensions(app)
    assert lifted.lifted_at is not None and lifted.lifted_by_id == world.moderator.id
    assert "No child is suspended." in moderator.get("/review/suspensions").get_data(as_text=True)
    again = moderator.post(f"/review/suspensions/{suspension.id}/lift")
    assert again.status_code == 409 and "already ended or been lifted" in again.get_data(as_text=True)
    assert [d.action for d in decisions_of(app)] == [DecisionAction.SUSPEND, DecisionAction.LIFT_SUSPENSION]


def test_a_suspension_ends_by_itself(app, world):
    _suspend_direct(app, world.child.id, world.moderator.id)
    with app.app_context():
        child = db.session.get(User, world.child.id)
        now = utcnow()
        assert active_suspension(child, now) is not None
        assert active_suspension(child, now + timedelta(days=1, seconds=1)) is None
        assert list_current_suspensions(now + timedelta(days=1, seconds=1)) == []
        assert len(list_current_suspensions(now)) == 1


def test_an_ended_suspension_cannot_be_lifted(app, world, moderator):
    suspension_id = _suspend_direct(app, world.child.id, world.moderator.id)
    with app.app_context():
        suspension = db.session.get(Suspension, suspension_id)
        suspension.starts_at = utcnow() - timedelta(days=3)
        suspension.ends_at = utcnow() - timedelta(days=2)
        db.session.commit()
    assert moderator.post(f"/review/suspensions/{suspension_id}/lift").status_code == 409
    assert moderator.post("/review/suspensions/999999/lift").status_code == 404


def test_bad_suspension_requests_are_refused_with_a_message(app, world, moderator):
    cases = [
        ({"suspend-pseudonym": "Không có ai 99", "suspend-days": "1", "suspend-reason": "spam"}, "No child has that"),
        ({"suspend-days": "1", "suspend-reason": "spam"}, "Type the child"),
        ({"suspend-pseudonym": world.child.pseudonym, "suspend-days": "2", "suspend-reason": "spam"}, "Choose one"),
        (
            {"suspend-pseudonym": world.child.pseudonym, "suspend-days": "1", "suspend-reason": "mean"},
            "Choose the reason",
        ),
        ({"suspend-child_id": str(world.teacher.id), "suspend-days": "1", "suspend-reason": "spam"}, "no longer"),
        ({"suspend-child_id": "abc", "suspend-days": "1", "suspend-reason": "spam"}, "no longer"),
        ({"suspend-child_id": "9" * 30, "suspend-days": "1", "suspend-reason": "spam"}, "no longer"),
    ]
    for data, message in cases:
        response = moderator.post("/review/suspensions/new", data=data)
        assert response.status_code == 400, data
        assert message in response.get_data(as_text=True), data
    assert _suspensions(app) == [] and decisions_of(app) == []
