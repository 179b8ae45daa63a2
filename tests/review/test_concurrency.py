"""Two moderators (or two tabs) at once: claims, exactly one decision per item, the append-only log."""

from __future__ import annotations

import os
import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.accounts.models import User
from forum.database import utcnow
from forum.discussions.models import PostStatus
from forum.extensions import db
from forum.review import decisions
from forum.review.decisions import DecisionError
from forum.review.models import DecisionAction, ItemState, ModerationDecision, ReviewItem
from tests.review.builders import CLEAN_POST, make_post_item
from tests.review.conftest import decisions_of


def test_deciding_an_item_twice_decides_it_once(app, world, moderator, make, read):
    """The second tab still shows the forms; its decision is refused with a clear 409."""
    item_id = make(make_post_item, world.child.id, CLEAN_POST)
    assert moderator.post(f"/review/items/{item_id}/approve").status_code == 302
    second = moderator.post(f"/review/items/{item_id}/reject", data={"reject-reason": "unkind"})
    assert second.status_code == 409
    assert "Someone already decided this" in second.get_data(as_text=True)
    again = moderator.post(f"/review/items/{item_id}/approve")
    assert again.status_code == 409
    assert [d.action for d in decisions_of(app)] == [DecisionAction.APPROVE]
    assert read(ReviewItem, item_id).state is ItemState.DECIDED


def test_two_moderators_deciding_at_once_make_one_decision(app, world, moderator, second_moderator, make, read):
    item_id = make(make_post_item, world.child.id, CLEAN_POST)
    assert moderator.get(f"/review/items/{item_id}").status_code == 200
    assert second_moderator.get(f"/review/items/{item_id}").status_code == 200
    first = second_moderator.post(f"/review/items/{item_id}/reject", data={"reject-reason": "off_topic"})
    late = moderator.post(f"/review/items/{item_id}/approve")
    assert first.status_code == 302 and late.status_code == 409
    [decision] = decisions_of(app)
    assert decision.action is DecisionAction.REJECT and decision.moderator_label == "moderator2"
    with app.app_context():
        assert db.session.get(ReviewItem, item_id).post.status is PostStatus.REJECTED


def test_two_sessions_racing_on_the_conditional_update(app, world, make):
    """Two database sessions: the first closes the item but has not committed when the second
    tries; the second must wait for it and then find the item decided."""
    item_id = make(make_post_item, world.child.id, CLEAN_POST)
    first_closed = threading.Event()
    outcomes: dict[str, object] = {}

    def decide(name: str, action: str, wait: threading.Event | None) -> None:
        try:
            with app.app_context():
                item = db.session.get(ReviewItem, item_id)
                moderator = db.session.get(User, world.moderator.id)
                if wait is not None:
                    assert wait.wait(10)
                if action == "approve":
                    decisions.approve(item, moderator)
                    first_closed.set()
                    threading.Event().wait(0.5)  # hold the row lock a moment before committing
                else:
                    decisions.reject(item, moderator, "unkind")
                db.session.commit()
                outcomes[name] = "decided"
        except DecisionError as error:
            outcomes[name] = error.code
        except BaseException as error:  # reported by the main thread
            outcomes[name] = error

    first = threading.Thread(target=decide, args=("first", "approve", None))
    second = threading.Thread(target=decide, args=("second", "reject", first_closed))
    first.start()
    second.start()
    first.join(30)
    second.join(30)
    assert outcomes == {"first": "decided", "second": "already_decided"}
    assert [d.action for d in decisions_of(app)] == [DecisionAction.APPROVE]


@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"), reason="row locks need PostgreSQL"
)
def test_simultaneous_decisions_on_postgresql_write_exactly_one(app, world, make):
    item_id = make(make_post_item, world.child.id, CLEAN_POST)
    barrier = threading.Barrier(4, timeout=10)
    outcomes: list[object] = []

    def decide(index: int) -> None:
        try:
            with app.app_context():
                item = db.session.get(ReviewItem, item_id)
                moderator = db.session.get(User, world.moderator.id)
                barrier.wait()
                if index % 2:
                    decisions.approve(item, moderator)
                else:
                    decisions.reject(item, moderator, "unkind")
                db.session.commit()
                outcomes.append("decided")
        except DecisionError as error:
            outcomes.append(error.code)
        except BaseException as error:
            outcomes.append(error)

    threads = [threading.Thread(target=decide, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(map(str, outcomes)) == ["already_decided"] * 3 + ["decided"]
    assert len(decisions_of(app)) == 1


# Claims -------------------------------------------------------------------------------------------


def test_a_claim_shows_who_works_on_an_item_and_holds_off_others(
    app, world, moderator, second_moderator, second_moderator_login, make, read
):
    item_id = make(make_post_item, world.child.id, CLEAN_POST)
    assert moderator.post(f"/review/items/{item_id}/claim").status_code == 302
    item = read(ReviewItem, item_id)
    assert item.claimed_by_id == world.moderator.id and item.claimed_at is not None
    page = second_moderator.get(f"/review/items/{item_id}").get_data(as_text=True)
    assert "Claimed by Moderator Test" in page and "Take it over" in page
    assert f'action="/review/items/{item_id}/approve"' not in page
    refused = second_moderator.post(f"/review/items/{item_id}/approve")
    assert refused.status_code == 409 and "Another moderator is working on this item" in refused.get_data(as_text=True)
    assert second_moderator.post(f"/review/items/{item_id}/claim").status_code == 409
    assert decisions_of(app) == []
    # An explicit take-over, then the first moderator is the one held off.
    assert second_moderator.post(f"/review/items/{item_id}/claim", data={"claim-take_over": "y"}).status_code == 302
    assert read(ReviewItem, item_id).claimed_by_id == second_moderator_login.id
    assert moderator.post(f"/review/items/{item_id}/approve").status_code == 409
    assert second_moderator.post(f"/review/items/{item_id}/approve").status_code == 302


def test_a_claim_older_than_half_an_hour_can_be_taken_without_asking(
    app, world, second_moderator, second_moderator_login, make, read
):
    item_id = make(make_post_item, world.child.id, CLEAN_POST)
    with app.app_context():
        item = db.session.get(ReviewItem, item_id)
        item.claimed_by_id = world.moderator.id
        item.claimed_at = utcnow() - timedelta(minutes=31)
        db.session.commit()
    page = second_moderator.get(f"/review/items/{item_id}").get_data(as_text=True)
    assert f'action="/review/items/{item_id}/approve"' in page
    assert second_moderator.post(f"/review/items/{item_id}/claim").status_code == 302
    assert read(ReviewItem, item_id).claimed_by_id == second_moderator_login.id


def test_letting_go_of_a_claim(app, world, moderator, second_moderator, make, read):
    item_id = make(make_post_item, world.child.id, CLEAN_POST)
    moderator.post(f"/review/items/{item_id}/claim")
    assert second_moderator.post(f"/review/items/{item_id}/release").status_code == 409  # not theirs
    assert read(ReviewItem, item_id).claimed_by_id == world.moderator.id
    assert moderator.post(f"/review/items/{item_id}/release").status_code == 302
    item = read(ReviewItem, item_id)
    assert item.claimed_by_id is None and item.claimed_at is None


def test_claiming_a_decided_item_is_refused(app, world, moderator, make):
    item_id = make(make_post_item, world.child.id, CLEAN_POST)
    moderator.post(f"/review/items/{item_id}/approve")
    response = moderator.post(f"/review/items/{item_id}/claim")
    assert response.status_code == 409 and "Someone already decided this" in response.get_data(as_text=True)


# The log ------------------------------------------------------------------------------------------


def test_the_database_refuses_to_change_a_logged_decision(app, world, moderator, make):
    item_id = make(make_post_item, world.child.id, CLEAN_POST)
    moderator.post(f"/review/items/{item_id}/approve")
    with app.app_context():
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):
            db.session.execute(sa.update(ModerationDecision).values(note="changed afterwards"))
            db.session.flush()
        db.session.rollback()
        decision = db.session.execute(sa.select(ModerationDecision)).scalar_one()
        decision.action = DecisionAction.REJECT
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):
            db.session.commit()
        db.session.rollback()
    [decision] = decisions_of(app)
    assert decision.action is DecisionAction.APPROVE and decision.note == ""
