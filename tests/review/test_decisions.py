"""Deciding items: approve, redact, reject, remove, bulk approve, for posts and survey answers;
each decision appended to the log; bad input refused with a message and nothing written."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa

from forum.accounts.models import User
from forum.database import utcnow
from forum.discussions.models import Post, PostStatus
from forum.extensions import db
from forum.review import decisions
from forum.review.decisions import REDACTION_MARK
from forum.review.models import DecisionAction, ItemState, ReviewItem, Urgency
from forum.surveys.models import Answer, TextStatus
from tests.review.builders import CLEAN_POST, DISCLOSURE, PHONE_POST, make_answer_item, make_post_item
from tests.review.conftest import decisions_of


def _item(read, item_id: int) -> ReviewItem:
    return read(ReviewItem, item_id)


def _post_of(app, item_id: int) -> Post:
    with app.app_context():
        post = db.session.get(ReviewItem, item_id).post
        db.session.expunge(post)
        return post


def _answer_of(app, item_id: int) -> Answer:
    with app.app_context():
        answer = db.session.get(ReviewItem, item_id).answer
        db.session.expunge(answer)
        return answer


# Posts --------------------------------------------------------------------------------------------


def test_approving_a_waiting_post_publishes_it_and_logs_one_decision(app, world, moderator, make, read):
    item_id = make(make_post_item, world.child.id, CLEAN_POST)
    response = moderator.post(f"/review/items/{item_id}/approve", data={"approve-note": "Ổn."})
    assert response.status_code == 302 and response.headers["Location"] == "/review/"
    assert "Approved. It is published." in moderator.get("/review/").get_data(as_text=True)
    post = _post_of(app, item_id)
    assert post.status is PostStatus.PUBLISHED and post.published_at is not None
    item = _item(read, item_id)
    assert item.state is ItemState.DECIDED and item.decided_at is not None
    [decision] = decisions_of(app)
    assert decision.action is DecisionAction.APPROVE
    assert (decision.item_id, decision.post_id, decision.answer_id) == (item_id, post.id, None)
    assert (decision.child_id, decision.moderator_id, decision.moderator_label) == (
        world.child.id,
        world.moderator.id,
        "moderator",
    )
    assert decision.note == "Ổn."


def test_approving_a_post_hidden_by_reports_publishes_it_again_with_the_count_reset(app, world, moderator, make):
    item_id = make(
        make_post_item,
        world.child.id,
        CLEAN_POST,
        status=PostStatus.HIDDEN,
        reasons=["reported"],
        urgency=Urgency.REPORTED,
    )
    with app.app_context():
        post = db.session.get(ReviewItem, item_id).post
        post.report_count = 3
        published_at = post.published_at
        db.session.commit()
    assert moderator.post(f"/review/items/{item_id}/approve").status_code == 302
    post = _post_of(app, item_id)
    assert post.status is PostStatus.PUBLISHED and post.report_count == 0
    assert post.published_at == published_at  # first published then, not now


def test_rejecting_a_post_gives_the_child_the_reason(app, world, moderator, make, auth, client):
    item_id = make(make_post_item, world.child.id, CLEAN_POST)
    response = moderator.post(f"/review/items/{item_id}/reject", data={"reject-reason": "off_topic"})
    assert response.status_code == 302
    post = _post_of(app, item_id)
    assert post.status is PostStatus.REJECTED and post.rejection_reason == "off_topic"
    [decision] = decisions_of(app)
    assert decision.action is DecisionAction.REJECT and decision.reason == "off_topic"
    # The child reads it on the topic page (built by the discussions pages).
    auth.card(world.child)
    client.post("/language/en")
    page = client.get(f"/discussions/topics/{post.topic_id}").get_data(as_text=True)
    assert "It is not about this topic. Try again with your ideas about the question." in page


def test_a_safeguarding_post_is_kept_private_by_default_with_a_caring_reason(app, world, moderator, make):
    item_id = make(make_post_item, world.child.id, DISCLOSURE)
    page = moderator.get(f"/review/items/{item_id}").get_data(as_text=True)
    assert "A safeguarding case is with the safeguarding leads" in page
    assert re.search(
        r'<input checked id="reject-reason-\d+" name="reject-reason" type="radio" value="kept_private">', page
    )
    assert "Open a safeguarding case" in page
    moderator.post(f"/review/items/{item_id}/reject", data={"reject-reason": "kept_private"})
    post = _post_of(app, item_id)
    assert post.status is PostStatus.REJECTED and post.rejection_reason == "kept_private"


def test_redacting_ticked_words_publishes_the_redacted_text_and_keeps_the_original(app, world, moderator, make):
    item_id = make(make_post_item, world.child.id, PHONE_POST)
    page = moderator.get(f"/review/items/{item_id}").get_data(as_text=True)
    assert "“0912 345 678” (Personal information)" in page
    response = moderator.post(f"/review/items/{item_id}/redact", data={"redact-text": PHONE_POST, "redact-spans": "0"})
    assert response.status_code == 302
    post = _post_of(app, item_id)
    assert post.body == PHONE_POST
    assert post.redacted_body == f"Em muốn sân chơi có thêm cây xanh. Gọi em nhé {REDACTION_MARK}."
    assert post.status is PostStatus.PUBLISHED
    assert [d.action for d in decisions_of(app)] == [DecisionAction.REDACT]


def test_redacting_by_editing_the_text(app, world, moderator, make):
    item_id = make(make_post_item, world.child.id, PHONE_POST)
    edited = "Em muốn sân chơi có thêm cây xanh."
    assert moderator.post(f"/review/items/{item_id}/redact", data={"redact-text": edited}).status_code == 302
    assert _post_of(app, item_id).redacted_body == edited


def test_a_redaction_that_changes_nothing_or_leaves_nothing_is_refused(app, world, moderator, make, read):
    item_id = make(make_post_item, world.child.id, PHONE_POST)
    unchanged = moderator.post(f"/review/items/{item_id}/redact", data={"redact-text": f"  {PHONE_POST} "})
    assert unchanged.status_code == 400
    assert "The text is the same as the child" in unchanged.get_data(as_text=True)
    empty = moderator.post(f"/review/items/{item_id}/redact", data={"redact-text": "   "})
    assert empty.status_code == 400 and "cannot be empty" in empty.get_data(as_text=True)
    hidden = moderator.post(f"/review/items/{item_id}/redact", data={"redact-text": "Em muốn\u202e sân chơi"})
    assert hidden.status_code == 400 and "invisible control characters" in hidden.get_data(as_text=True)
    bad_span = moderator.post(f"/review/items/{item_id}/redact", data={"redact-text": "x", "redact-spans": "abc"})
    assert bad_span.status_code == 400
    assert _item(read, item_id).state is ItemState.OPEN
    assert _post_of(app, item_id).status is PostStatus.PENDING
    assert decisions_of(app) == []


def test_removing_a_published_reported_post(app, world, moderator, make):
    item_id = make(
        make_post_item,
        world.child.id,
        CLEAN_POST,
        status=PostStatus.PUBLISHED,
        reasons=["reported"],
        urgency=Urgency.REPORTED,
    )
    page = moderator.get(f"/review/items/{item_id}").get_data(as_text=True)
    assert "Remove it" in page and "Keep it published" in page
    assert moderator.post(f"/review/items/{item_id}/remove", data={"reject-reason": "unkind"}).status_code == 302
    post = _post_of(app, item_id)
    assert post.status is PostStatus.REMOVED and post.rejection_reason == "unkind"
    assert [d.action for d in decisions_of(app)] == [DecisionAction.REMOVE]


def test_remove_and_reject_are_each_for_their_own_kind_of_post(app, world, moderator, make, read):
    waiting = make(make_post_item, world.child.id, CLEAN_POST)
    published = make(make_post_item, world.child.id, CLEAN_POST, status=PostStatus.PUBLISHED, reasons=["reported"])
    answer = make(make_answer_item, world.child.id, CLEAN_POST)
    response = moderator.post(f"/review/items/{waiting}/remove", data={"reject-reason": "unkind"})
    assert response.status_code == 400 and "Only a published post can be removed" in response.get_data(as_text=True)
    response = moderator.post(f"/review/items/{published}/reject", data={"reject-reason": "unkind"})
    assert response.status_code == 400 and "remove it instead" in response.get_data(as_text=True)
    response = moderator.post(f"/review/items/{answer}/remove", data={"reject-reason": "unkind"})
    assert response.status_code == 400
    assert all(_item(read, i).state is ItemState.OPEN for i in (waiting, published, answer))
    assert decisions_of(app) == []


def test_a_reason_not_in_the_list_is_refused(app, world, moderator, make, read):
    item_id = make(make_post_item, world.child.id, CLEAN_POST)
    for data in ({}, {"reject-reason": "because"}, {"reject-reason": "unkind", "reject-note": "x" * 501}):
        assert moderator.post(f"/review/items/{item_id}/reject", data=data).status_code == 400
    assert _item(read, item_id).state is ItemState.OPEN and decisions_of(app) == []


# Survey answers -----------------------------------------------------------------------------------


def test_deciding_survey_answers(app, world, moderator, make):
    approved = make(make_answer_item, world.child.id, CLEAN_POST)
    rejected = make(make_answer_item, world.child.id, CLEAN_POST)
    redacted = make(make_answer_item, world.child.id, PHONE_POST)
    page = moderator.get(f"/review/items/{approved}").get_data(as_text=True)
    assert "Pause" not in page  # a survey answer never names its child
    assert "Survey answers that are rejected are never shown to anyone." in page
    moderator.post(f"/review/items/{approved}/approve")
    moderator.post(f"/review/items/{rejected}/reject", data={"reject-reason": "unclear"})
    moderator.post(f"/review/items/{redacted}/redact", data={"redact-text": PHONE_POST, "redact-spans": "0"})
    assert _answer_of(app, approved).text_status is TextStatus.APPROVED
    assert _answer_of(app, rejected).text_status is TextStatus.REJECTED
    answer = _answer_of(app, redacted)
    assert answer.text_status is TextStatus.REDACTED and answer.text == PHONE_POST
    assert answer.redacted_text.endswith(f"Gọi em nhé {REDACTION_MARK}.")
    log = decisions_of(app)
    assert [(d.action, d.answer_id is not None, d.post_id) for d in log] == [
        (DecisionAction.APPROVE, True, None),
        (DecisionAction.REJECT, True, None),
        (DecisionAction.REDACT, True, None),
    ]
    assert all(d.child_id == world.child.id for d in log)


# Bulk approve -------------------------------------------------------------------------------------


def test_bulk_approve_skips_safeguarding_claimed_and_decided_items(app, world, moderator, second_moderator_login, make):
    routine = [make(make_post_item, world.child.id, CLEAN_POST) for _ in range(2)]
    answer = make(make_answer_item, world.child.id, CLEAN_POST)
    safeguarding = make(make_post_item, world.child.id, DISCLOSURE)
    claimed = make(make_post_item, world.child.id, CLEAN_POST)
    decided = make(make_post_item, world.child.id, CLEAN_POST)
    with app.app_context():
        other = db.session.get(User, second_moderator_login.id)
        decisions.claim(db.session.get(ReviewItem, claimed), other)
        decisions.approve(db.session.get(ReviewItem, decided), other)
        db.session.commit()
    ticked = [*routine, answer, safeguarding, claimed, decided]
    response = moderator.post("/review/bulk-approve", data={"item": ticked, "reason": "pre_moderation"})
    assert response.status_code == 302 and response.headers["Location"] == "/review/?reason=pre_moderation"
    html = moderator.get("/review/").get_data(as_text=True)
    assert "3 items approved." in html and "3 items were left for a closer look" in html
    approved = {d.item_id for d in decisions_of(app, moderator_id=world.moderator.id)}
    assert approved == {*routine, answer}
    assert _post_of(app, safeguarding).status is PostStatus.PENDING
    assert _post_of(app, claimed).status is PostStatus.PENDING
    assert _answer_of(app, answer).text_status is TextStatus.APPROVED


def test_bulk_approve_with_nothing_or_nonsense_ticked_changes_nothing(app, world, moderator, make):
    item_id = make(make_post_item, world.child.id, CLEAN_POST)
    for data in ({}, {"item": "abc"}, {"item": [str(item_id), "-1"]}, {"item": [str(n) for n in range(1, 102)]}):
        response = moderator.post("/review/bulk-approve", data=data)
        assert response.status_code == 302
    assert decisions_of(app) == []
    assert _post_of(app, item_id).status is PostStatus.PENDING
    assert moderator.post("/review/bulk-approve", data={"item": "999999"}).status_code == 302  # an unknown id: skipped


# The item page ------------------------------------------------------------------------------------


def test_unknown_items_are_404(moderator):
    assert moderator.get("/review/items/999999").status_code == 404
    for action in ("approve", "reject", "redact", "remove", "claim", "release"):
        assert moderator.post(f"/review/items/999999/{action}").status_code == 404


def test_a_decided_item_shows_its_decisions_and_no_forms(app, world, moderator, make):
    item_id = make(make_post_item, world.child.id, CLEAN_POST)
    moderator.post(f"/review/items/{item_id}/approve", data={"approve-note": "Không sao."})
    page = moderator.get(f"/review/items/{item_id}").get_data(as_text=True)
    assert "This item is no longer waiting." in page
    assert "Decisions on this item" in page and "Không sao." in page
    assert f'action="/review/items/{item_id}/approve"' not in page


def test_the_item_page_offers_to_pause_the_authors_posting(app, world, moderator, make):
    item_id = make(make_post_item, world.child.id, PHONE_POST)
    page = moderator.get(f"/review/items/{item_id}").get_data(as_text=True)
    assert f"Pause {world.child.pseudonym}&#39;s posting" in page or f"Pause {world.child.pseudonym}'s posting" in page
    assert f'name="suspend-child_id" type="hidden" value="{world.child.id}"' in page


def test_old_items_say_how_long_they_waited(app, world, moderator, make):
    item_id = make(make_post_item, world.child.id, CLEAN_POST, age=timedelta(hours=3))
    assert "(3 hours)" in moderator.get(f"/review/items/{item_id}").get_data(as_text=True)
    with app.app_context():
        assert utcnow() - db.session.get(ReviewItem, item_id).created_at >= timedelta(hours=3)
        assert db.session.execute(sa.select(sa.func.count()).select_from(ReviewItem)).scalar_one() == 1
