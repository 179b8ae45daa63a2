"""Sending posts and replies in the browser's way (plain form posts): every bad input the issue
names, the personal-information check step, the safeguarding path in one request, blocked words,
pre vs post moderation, suspensions, closed topics, slow mode, the rate limit and double clicks."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.consultations.models import Consultation, ConsultationStatus
from forum.database import utcnow
from forum.discussions.models import Post, PostStatus, Topic
from forum.extensions import db
from forum.review.models import ReviewItem, Suspension, Urgency
from forum.safeguarding.models import SafeguardingCase
from tests.discussions.conftest import make_post, other_client, posts_of, send

PHONE_POST = "Em muốn có thêm sân chơi, gọi em 0912 345 678"


def _count(app, model) -> int:  # type: ignore[no-untyped-def]
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def _set_topic(app, topic_id: int, **fields: object) -> None:  # type: ignore[no-untyped-def]
    with app.app_context():
        topic = db.session.get(Topic, topic_id)
        for name, value in fields.items():
            setattr(topic, name, value)
        db.session.commit()


# Bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body,message",
    [
        ("", "Please write something before sending."),
        ("   \n\t  ", "Please write something before sending."),
        ("a" * 1001, "Your post is 1001 characters long. Please make it at most 1000 characters."),
        ("Xin chào\x00bạn", "special control characters"),
    ],
)
def test_bad_text_comes_back_with_a_message_and_nothing_is_saved(app, world, forum, child_client, body, message):
    response = send(child_client, forum.pre_topic_id, body)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert posts_of(app, world.child.id) == []


def test_exactly_1000_characters_is_fine(app, world, forum, child_client):
    assert send(child_client, forum.pre_topic_id, "a" * 1000).status_code == 302
    assert len(posts_of(app, world.child.id)[0].body) == 1000


def test_text_is_stored_nfc_and_trimmed(app, world, forum, child_client):
    send(child_client, forum.pre_topic_id, "  Cu\u0300ng chơi\r\nnhé  ")
    assert posts_of(app, world.child.id)[0].body == "Cùng chơi\nnhé"


def test_zero_width_and_bidi_characters_are_held_and_never_hide_words(app, world, forum, child_client):
    body = "sân\u200bchơi \u202eđẹp"
    assert send(child_client, forum.post_topic_id, body).status_code == 302
    [post] = posts_of(app, world.child.id)
    assert post.status is PostStatus.PENDING and "invisible_characters" in post.reasons
    page = child_client.get(f"/discussions/topics/{forum.post_topic_id}").get_data(as_text=True)
    assert "sânchơi đẹp" in page
    assert "\u200b" not in page and "\u202e" not in page


def test_html_and_links_are_shown_as_text(app, world, forum, child_client):
    body = '<script>alert("x")</script> <b>đậm</b> www.example.com'
    send(child_client, forum.pre_topic_id, body)
    page = child_client.get(f"/discussions/topics/{forum.pre_topic_id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "<script>alert" not in page and "<b>đậm</b>" not in page
    assert 'href="http://www.example.com' not in page and 'href="www.example.com' not in page


def test_a_reply_to_someone_elses_pending_post_or_another_topic_is_a_404(app, world, forum, child_client):
    with app.app_context():
        topic = db.session.get(Topic, forum.pre_topic_id)
        pending = make_post(topic, world.other_child.id, "chờ", PostStatus.PENDING)
        db.session.commit()
        pending_id = pending.id
    assert send(child_client, forum.pre_topic_id, "Đồng ý", parent_id=str(pending_id)).status_code == 404
    assert send(child_client, forum.post_topic_id, "Đồng ý", parent_id=str(forum.other_post_id)).status_code == 404
    assert send(child_client, forum.pre_topic_id, "Đồng ý", parent_id="abc").status_code == 404
    assert send(child_client, forum.pre_topic_id, "Đồng ý", parent_id="²").status_code == 404
    assert send(child_client, forum.pre_topic_id, "Đồng ý", parent_id=str(10**12)).status_code == 404
    assert posts_of(app, world.child.id) == []


# Moderation modes ---------------------------------------------------------------------------


def test_pre_moderation_keeps_the_post_waiting_and_shows_it_to_its_author_only(app, world, forum, child_client):
    response = send(child_client, forum.pre_topic_id, "Em muốn có thêm cây xanh.")
    assert response.status_code == 302 and response.headers["Location"].endswith(
        f"#post-{posts_of(app, world.child.id)[0].id}"
    )
    [post] = posts_of(app, world.child.id)
    assert post.status is PostStatus.PENDING
    page = child_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Waiting for a moderator" in page and "Em muốn có thêm cây xanh." in page
    assert "A grown-up will read your post soon" in page
    other = other_client(app, world.other_child).get(f"/discussions/topics/{forum.pre_topic_id}")
    assert "Em muốn có thêm cây xanh." not in other.get_data(as_text=True)


def test_post_moderation_publishes_a_clean_post_at_once(app, world, forum, child_client):
    send(child_client, forum.post_topic_id, "Em muốn có thêm cây xanh.")
    [post] = posts_of(app, world.child.id)
    assert post.status is PostStatus.PUBLISHED and post.published_at is not None
    assert _count(app, ReviewItem) == 0


# Profanity ----------------------------------------------------------------------------------


def test_rude_words_send_the_text_back_highlighted_and_save_nothing(app, world, forum, child_client):
    response = send(child_client, forum.post_topic_id, "đm bạn, sân chơi chán quá")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Please say it again in a kinder way" in html
    assert '<mark class="post-mark">đm</mark><span class="post-mark__label"> (rude word)</span>' in html
    assert "đm bạn, sân chơi chán quá</textarea>" in html  # the text is kept in the box
    assert posts_of(app, world.child.id) == []


# Personal information -----------------------------------------------------------------------


def test_personal_information_is_shown_before_anything_is_saved(app, world, forum, child_client):
    response = send(child_client, forum.pre_topic_id, PHONE_POST)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<mark class="post-mark">0912 345 678</mark><span class="post-mark__label"> (phone number)</span>' in html
    for label in ("Remove it and send", "Change my words", "Send it as it is"):
        assert label in html
    assert f'name="body" value="{PHONE_POST}"' in html
    assert posts_of(app, world.child.id) == []


def test_remove_it_and_send_stores_the_text_without_the_number(app, world, forum, child_client):
    response = send(child_client, forum.pre_topic_id, PHONE_POST, choice="remove")
    assert response.status_code == 302
    [post] = posts_of(app, world.child.id)
    assert post.body == "Em muốn có thêm sân chơi, gọi em"
    assert "0912" not in post.body and not re.search(r"\d{3}", post.body)
    assert post.status is PostStatus.PENDING and not post.kept_personal_info and post.reasons == []


def test_change_my_words_goes_back_to_the_form_with_the_text(app, world, forum, child_client):
    response = send(child_client, forum.pre_topic_id, PHONE_POST, choice="edit")
    assert response.status_code == 200
    assert f"{PHONE_POST}</textarea>" in response.get_data(as_text=True)
    assert posts_of(app, world.child.id) == []


def test_send_it_as_it_is_holds_the_post_with_the_reason(app, world, forum, child_client):
    response = send(child_client, forum.post_topic_id, PHONE_POST, choice="keep")
    assert response.status_code == 302
    [post] = posts_of(app, world.child.id)
    assert post.status is PostStatus.PENDING and post.kept_personal_info and post.reasons == ["personal_info"]
    with app.app_context():
        item = db.session.scalars(sa.select(ReviewItem)).one()
        assert item.reasons == ["personal_info"] and item.spans[0]["text"] == "0912 345 678"


def test_the_check_step_checks_the_text_again(app, world, forum, child_client):
    """A tampered hidden field is checked like a new post: rude words are still refused."""
    response = send(child_client, forum.post_topic_id, "đm 0912 345 678", choice="keep")
    assert response.status_code == 422
    assert posts_of(app, world.child.id) == []


def test_removing_everything_asks_for_new_words(app, world, forum, child_client):
    response = send(child_client, forum.pre_topic_id, "0912 345 678", choice="remove")
    assert response.status_code == 400
    assert "Nothing was left" in response.get_data(as_text=True)
    assert posts_of(app, world.child.id) == []


# Safeguarding -------------------------------------------------------------------------------


def test_a_disclosure_shows_111_and_opens_a_case_in_the_same_request(app, world, forum, child_client):
    response = send(child_client, forum.post_topic_id, "bố em hay đánh em")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Thank you for telling us. You are not alone." in html
    assert 'href="tel:111"' in html
    [post] = posts_of(app, world.child.id)
    assert post.status is PostStatus.PENDING and post.reasons == ["safeguarding"]
    with app.app_context():
        case = db.session.scalars(sa.select(SafeguardingCase)).one()
        assert case.post_id == post.id and case.child_id == world.child.id and case.reasons == ["violence"]
        item = db.session.scalars(sa.select(ReviewItem)).one()
        assert item.urgency == Urgency.SAFEGUARDING.value


def test_a_disclosure_is_never_refused_even_when_posting_is_not_allowed(app, world, forum, child_client):
    _set_topic(app, forum.pre_topic_id, is_open=False)
    with app.app_context():
        db.session.add(Suspension(child_id=world.child.id, reason="spam", ends_at=utcnow() + timedelta(days=1)))
        db.session.commit()
    response = send(child_client, forum.pre_topic_id, "em muốn tự tử")
    assert response.status_code == 200 and 'href="tel:111"' in response.get_data(as_text=True)
    assert _count(app, SafeguardingCase) == 1


def test_a_double_click_on_a_disclosure_opens_one_case(app, world, forum, child_client):
    for _ in range(2):
        response = send(child_client, forum.pre_topic_id, "bố em hay đánh em")
        assert 'href="tel:111"' in response.get_data(as_text=True)
    assert len(posts_of(app, world.child.id)) == 1
    assert _count(app, SafeguardingCase) == 1


# Who may post, and when ---------------------------------------------------------------------


def test_a_suspended_child_is_told_why_and_until_when(app, world, forum, child_client):
    with app.app_context():
        db.session.add(
            Suspension(child_id=world.child.id, reason="repeated_unkind", ends_at=utcnow() + timedelta(days=2))
        )
        db.session.commit()
    response = send(child_client, forum.pre_topic_id, "Em muốn có thêm cây xanh.")
    html = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "Some of your posts were unkind to others" in html and "You can post again from" in html
    assert "Em muốn có thêm cây xanh." in html  # what they typed is not lost
    assert posts_of(app, world.child.id) == []


def test_a_closed_topic_refuses_new_posts_kindly(app, world, forum, child_client):
    _set_topic(app, forum.pre_topic_id, is_open=False)
    response = send(child_client, forum.pre_topic_id, "Em muốn có thêm cây xanh.")
    assert response.status_code == 410
    assert "This discussion is closed" in response.get_data(as_text=True)
    assert posts_of(app, world.child.id) == []


def test_a_closed_consultation_refuses_new_posts(app, world, forum, child_client):
    with app.app_context():
        db.session.get(Consultation, forum.consultation_id).status = ConsultationStatus.CLOSED
        db.session.commit()
    assert send(child_client, forum.pre_topic_id, "Em muốn có thêm cây xanh.").status_code == 410
    assert child_client.get(f"/discussions/topics/{forum.pre_topic_id}").status_code == 200


def test_slow_mode_says_how_long_to_wait(app, world, forum, child_client):
    _set_topic(app, forum.pre_topic_id, slow_mode_seconds=120)
    assert send(child_client, forum.pre_topic_id, "Ý kiến thứ nhất").status_code == 302
    response = send(child_client, forum.pre_topic_id, "Ý kiến thứ hai")
    assert response.status_code == 429
    assert re.search(r"Please wait 1[12]\d seconds before posting again", response.get_data(as_text=True))
    assert len(posts_of(app, world.child.id)) == 1


def test_a_double_click_makes_one_post(app, world, forum, child_client):
    first = send(child_client, forum.pre_topic_id, "Em muốn có thêm cây xanh.")
    second = send(child_client, forum.pre_topic_id, "Em muốn có thêm cây xanh.")
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert len(posts_of(app, world.child.id)) == 1
    assert _count(app, ReviewItem) == 1


def test_a_reply_to_a_reply_attaches_to_the_post(app, world, forum, child_client):
    send(child_client, forum.pre_topic_id, "Trả lời", parent_id=str(forum.other_post_id))
    with app.app_context():
        topic = db.session.get(Topic, forum.pre_topic_id)
        reply = make_post(topic, world.other_child.id, "Trả lời của bạn", parent_id=forum.other_post_id)
        db.session.commit()
        reply_id = reply.id
    send(child_client, forum.pre_topic_id, "Trả lời trả lời", parent_id=str(reply_id))
    assert [post.parent_id for post in posts_of(app, world.child.id)] == [forum.other_post_id] * 2
    assert (
        child_client.get(f"/discussions/posts/{reply_id}/reply")
        .headers["Location"]
        .endswith(f"/discussions/posts/{forum.other_post_id}/reply")
    )


def test_errors_on_a_reply_come_back_on_the_reply_page(app, world, forum, child_client):
    response = send(child_client, forum.pre_topic_id, "", parent_id=str(forum.other_post_id))
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "Your reply" in html and "Please write something" in html
    assert f'name="parent_id" value="{forum.other_post_id}"' in html
    assert _count(app, Post) == 1
