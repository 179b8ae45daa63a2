"""The queue: most urgent then oldest first, filters, what each row says, pages, the menu count."""

from __future__ import annotations

import re
from datetime import timedelta

from forum.accounts.models import User
from forum.database import utcnow
from forum.discussions.models import PostStatus, ReportReason
from forum.extensions import db
from forum.review import decisions
from forum.review.models import ReviewItem, Urgency
from forum.review.queue_views import PER_PAGE
from tests.review.builders import (
    CLEAN_POST,
    DISCLOSURE,
    PHONE_POST,
    make_answer_item,
    make_consultation,
    make_post_item,
    make_topic,
    report,
)


def _item_ids(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'href="/review/items/(\d+)"', html)]


def test_items_come_most_urgent_then_oldest_first(app, world, moderator, make):
    child = world.child.id
    old_routine = make(make_post_item, child, CLEAN_POST, age=timedelta(hours=5))
    new_routine = make(make_post_item, child, CLEAN_POST, age=timedelta(minutes=3))
    reported = make(make_post_item, child, CLEAN_POST, reasons=["reported"], urgency=Urgency.REPORTED)
    old_reported = make(
        make_post_item, child, CLEAN_POST, reasons=["reported"], urgency=Urgency.REPORTED, age=timedelta(days=1)
    )
    safeguarding = make(make_post_item, child, DISCLOSURE)
    answer = make(make_answer_item, child, CLEAN_POST)
    with app.app_context():
        db.session.get(ReviewItem, answer).created_at = utcnow() - timedelta(hours=1)
        db.session.commit()
    html = moderator.get("/review/").get_data(as_text=True)
    assert _item_ids(html) == [safeguarding, old_reported, reported, old_routine, answer, new_routine]


def test_a_row_shows_the_text_why_it_is_held_how_long_and_who_claimed_it(app, world, moderator, make):
    item_id = make(make_post_item, world.child.id, PHONE_POST, age=timedelta(minutes=12))
    with app.app_context():
        item = db.session.get(ReviewItem, item_id)
        decisions.claim(item, db.session.get(User, world.moderator.id))
        db.session.commit()
    html = moderator.get("/review/").get_data(as_text=True)
    assert "Em muốn sân chơi có thêm cây xanh. Gọi em nhé" in html
    assert '<mark class="flag flag--personal_info">0912 345 678' in html  # highlighted, named in words
    assert '<span class="badge">Personal information</span>' in html
    assert '<span class="badge">Pre-moderation</span>' not in html
    assert "12 minutes" in html
    assert "Claimed by you" in html
    assert "My dream playground" in html  # the topic, in the reader's language


def test_a_reported_post_shows_how_many_children_reported_it_and_why(app, world, moderator, make):
    with app.app_context():
        item = make_post_item(
            world.child.id, CLEAN_POST, status=PostStatus.PUBLISHED, reasons=["reported"], urgency=Urgency.REPORTED
        )
        report(item.post, world.other_child.id, ReportReason.UNKIND)
        report(item.post, world.young_child.id, ReportReason.SCARY)
        db.session.commit()
    html = moderator.get("/review/").get_data(as_text=True)
    assert "Reported by children" in html
    assert "2 reports" in html
    assert "It is unkind or mean (1)" in html and "It is scary or upsetting (1)" in html


def test_a_safeguarding_item_says_the_case_is_with_the_leads_and_cannot_be_ticked(app, world, moderator, make):
    sg = make(make_post_item, world.child.id, DISCLOSURE)
    routine = make(make_post_item, world.child.id, CLEAN_POST)
    html = moderator.get("/review/").get_data(as_text=True)
    assert "A safeguarding case is with the safeguarding leads" in html
    assert f'name="item" value="{routine}"' in html
    assert f'name="item" value="{sg}"' not in html


def test_an_item_claimed_by_someone_else_says_who_and_cannot_be_ticked(
    app, world, moderator, second_moderator_login, make
):
    item_id = make(make_post_item, world.child.id, CLEAN_POST)
    with app.app_context():
        decisions.claim(db.session.get(ReviewItem, item_id), db.session.get(User, second_moderator_login.id))
        db.session.commit()
    html = moderator.get("/review/").get_data(as_text=True)
    assert "Claimed by Moderator Test" in html
    assert f'name="item" value="{item_id}"' not in html


def test_a_survey_answer_shows_its_survey_and_question(app, world, moderator, make):
    make(make_answer_item, world.child.id, "Mỗi tuần nên có một ngày không có bài tập về nhà.")
    html = moderator.get("/review/").get_data(as_text=True)
    assert "Survey answer" in html
    assert "Khảo sát ý tưởng" in html and "Em có ý tưởng gì?" in html
    assert "Mỗi tuần nên có một ngày không có bài tập về nhà." in html


def test_filters_by_consultation_topic_and_reason(app, world, moderator):
    with app.app_context():
        first = make_consultation("Tham vấn một")
        second = make_consultation("Tham vấn hai")
        topic_a = make_topic(first, "Chủ đề A")
        topic_b = make_topic(second, "Chủ đề B")
        a = make_post_item(world.child.id, CLEAN_POST, topic=topic_a).id
        b = make_post_item(world.child.id, PHONE_POST, topic=topic_b).id
        answer = make_answer_item(world.child.id, CLEAN_POST, consultation=first).id
        reported = make_post_item(
            world.child.id, CLEAN_POST, topic=topic_a, reasons=["reported"], urgency=Urgency.REPORTED
        ).id
        db.session.commit()
        ids = (first.id, second.id, topic_a.id, topic_b.id)
    html = moderator.get(f"/review/?consultation={ids[0]}").get_data(as_text=True)
    assert sorted(_item_ids(html)) == sorted([a, answer, reported])
    assert _item_ids(moderator.get(f"/review/?topic={ids[3]}").get_data(as_text=True)) == [b]
    assert _item_ids(moderator.get("/review/?reason=personal_info").get_data(as_text=True)) == [b]
    assert _item_ids(moderator.get("/review/?reason=reported").get_data(as_text=True)) == [reported]
    both = moderator.get(f"/review/?consultation={ids[0]}&reason=pre_moderation").get_data(as_text=True)
    assert sorted(_item_ids(both)) == sorted([a, answer])


def test_bad_filters_are_a_400_with_a_message_never_a_500(moderator, world, make):
    make(make_post_item, world.child.id, CLEAN_POST)
    for query in ("consultation=abc", "topic=99999999999999999999", "reason=<script>", "consultation=0"):
        response = moderator.get(f"/review/?{query}")
        assert response.status_code == 400, query
        assert "Choose one of the options in the list." in response.get_data(as_text=True)


def test_pages_of_the_queue(app, world, moderator):
    with app.app_context():
        topic = make_topic()
        ids = [make_post_item(world.child.id, CLEAN_POST, topic=topic).id for _ in range(PER_PAGE + 3)]
        db.session.commit()
    first = moderator.get("/review/").get_data(as_text=True)
    assert _item_ids(first) == ids[:PER_PAGE]
    assert f"{PER_PAGE + 3} items waiting" in first and "page 1 of 2" in first
    second = moderator.get("/review/?page=2").get_data(as_text=True)
    assert _item_ids(second) == ids[PER_PAGE:]
    past = moderator.get("/review/?page=9")
    assert past.status_code == 200 and "past the end of the queue" in past.get_data(as_text=True)
    assert moderator.get("/review/?page=abc").status_code == 200
    assert moderator.get("/review/?page=99999999999999999999").status_code == 200


def test_the_menu_shows_moderators_how_many_items_wait(app, world, moderator, make, client, auth):
    make(make_post_item, world.child.id, CLEAN_POST)
    make(make_answer_item, world.child.id, CLEAN_POST)
    html = moderator.get("/review/log").get_data(as_text=True)
    assert re.search(r'href="/review/">.*Moderation.*\(2<span class="visually-hidden"> items waiting', html)
    auth.staff(world.admin)
    assert 'href="/review/"' not in client.get("/admin/").get_data(as_text=True)


def test_an_empty_queue_says_so(moderator):
    assert "The queue is empty" in moderator.get("/review/").get_data(as_text=True)
