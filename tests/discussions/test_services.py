"""Topic and posting services: targets, visibility, what the verdict does to a post, agreeing,
reporting (three reports hide a post), duplicates, slow mode, and erasure keeping counts right."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.accounts import services as accounts
from forum.accounts.models import User
from forum.consultations.models import ConsultationStatus
from forum.database import utcnow
from forum.discussions import posting, services
from forum.discussions.models import Agreement, ModerationMode, Post, PostStatus, Report, ReportReason
from forum.extensions import db
from forum.moderation import check
from forum.review.models import ItemState, ReviewItem, Urgency
from forum.safeguarding.models import SafeguardingCase
from tests import builders
from tests.discussions.conftest import make_post, make_topic
from tests.surveys.conftest_taking import BANDS, local_today, make_consultation


@pytest.fixture
def ctx(app, world):  # type: ignore[no-untyped-def]
    with app.app_context():
        yield world


def _child(login) -> User:  # type: ignore[no-untyped-def]
    return db.session.get(User, login.id)


def _items(post: Post) -> list[ReviewItem]:
    return list(db.session.scalars(sa.select(ReviewItem).where(ReviewItem.post_id == post.id)))


# Topics -------------------------------------------------------------------------------------


def test_a_topic_needs_a_vietnamese_title(ctx):
    consultation = make_consultation()
    with pytest.raises(services.TopicError) as error:
        services.save_topic(None, consultation, services.TopicInput(title={"en": "Only English"}), BANDS, None)
    assert error.value.code == "title_missing"


def test_topic_bands_and_areas_stay_within_the_consultation(ctx):
    inside, outside = builders.make_area(), builders.make_area()
    consultation = make_consultation(bands=["9-11", "12-14"], areas=[inside])
    with pytest.raises(services.TopicError, match="band_outside"):
        make_topic(consultation, target_bands=["6-8"])
    with pytest.raises(services.TopicError, match="area_outside"):
        make_topic(consultation, areas=[outside])
    topic = make_topic(consultation, target_bands=["12-14", "9-11"], areas=[inside])
    assert topic.target_bands == ["9-11", "12-14"]  # in configured order
    assert topic.mode is ModerationMode.PRE and topic.is_open and topic.slow_mode_seconds == 0
    assert services.bands_for_topics(consultation, BANDS) == ["9-11", "12-14"]


def test_slow_mode_must_be_in_range(ctx):
    with pytest.raises(services.TopicError, match="slow_mode_range"):
        make_topic(make_consultation(), slow_mode_seconds=-1)


def test_visibility_follows_the_consultation_and_the_topic_targets(ctx):
    today = local_today()
    area = builders.make_area()
    consultation = make_consultation()
    topic = make_topic(consultation, target_bands=["12-14"], areas=[area])
    assert services.is_visible_to(topic, "12-14", area.id, today)
    assert not services.is_visible_to(topic, "9-11", area.id, today)
    assert not services.is_visible_to(topic, "12-14", area.id + 1000, today)
    draft = make_topic(make_consultation(status=ConsultationStatus.DRAFT))
    assert not services.is_visible_to(draft, "12-14", area.id, today)
    closed = make_topic(make_consultation(status=ConsultationStatus.CLOSED))
    assert services.is_visible_to(closed, "9-11", None, today) and not services.accepts_posts(closed, today)
    assert services.list_topics_for("12-14", area.id, today) == [topic]
    assert services.list_topics_for("9-11", area.id, today) == []


# Posting ------------------------------------------------------------------------------------


def test_pre_moderation_holds_every_post(ctx):
    topic = make_topic(make_consultation())
    post = posting.create_post(topic, _child(ctx.child), "Em muốn có sân chơi.", check("Em muốn có sân chơi."))
    assert post.status is PostStatus.PENDING and post.published_at is None
    [item] = _items(post)
    assert item.reasons == ["pre_moderation"] and item.urgency == Urgency.ROUTINE.value


def test_post_moderation_publishes_what_the_rules_allow_and_holds_the_rest(ctx):
    topic = make_topic(make_consultation(), mode=ModerationMode.POST)
    child = _child(ctx.child)
    allowed = posting.create_post(topic, child, "Em muốn có sân chơi.", check("Em muốn có sân chơi."))
    assert allowed.status is PostStatus.PUBLISHED and allowed.published_at is not None
    assert _items(allowed) == []
    text = "xem https://example.com nhé"
    held = posting.create_post(topic, child, text, check(text))
    assert held.status is PostStatus.PENDING and held.reasons == ["link"]
    assert held.spans[0]["text"] == "https://example.com"
    assert _items(held)[0].reasons == ["link"]


def test_a_blocked_verdict_is_never_saved(ctx):
    topic = make_topic(make_consultation(), mode=ModerationMode.POST)
    with pytest.raises(posting.PostingError, match="blocked"):
        posting.create_post(topic, _child(ctx.child), "đm bạn", check("đm bạn"))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Post)) == 0


def test_a_disclosure_is_held_and_opens_a_case_even_in_post_moderation(ctx):
    topic = make_topic(make_consultation(), mode=ModerationMode.POST)
    text = "bố em hay đánh em"
    post = posting.create_post(topic, _child(ctx.child), text, check(text))
    assert post.status is PostStatus.PENDING
    [case] = db.session.scalars(sa.select(SafeguardingCase)).all()
    assert case.post_id == post.id and case.source_text == text and case.child_id == ctx.child.id
    assert case.reasons == ["violence"] and case.classroom_id == ctx.classroom_id
    [item] = _items(post)
    assert item.urgency == Urgency.SAFEGUARDING.value and "safeguarding" in item.reasons


def test_kept_personal_info_is_recorded_and_held(ctx):
    topic = make_topic(make_consultation(), mode=ModerationMode.POST)
    text = "gọi em 0912 345 678"
    post = posting.create_post(topic, _child(ctx.child), text, check(text), kept_personal_info=True)
    assert post.status is PostStatus.PENDING and post.kept_personal_info and post.reasons == ["personal_info"]
    clean = posting.create_post(topic, _child(ctx.child), "sân chơi", check("sân chơi"), kept_personal_info=True)
    assert not clean.kept_personal_info  # nothing was there to keep


def test_a_reply_to_a_reply_answers_its_post(ctx):
    topic = make_topic(make_consultation())
    parent = make_post(topic, ctx.other_child.id, "Ý kiến")
    reply = make_post(topic, ctx.other_child.id, "Trả lời", parent_id=parent.id)
    db.session.refresh(reply)
    post = posting.create_post(topic, _child(ctx.child), "Em đồng ý", check("Em đồng ý"), parent=reply)
    assert post.parent_id == parent.id


def test_duplicates_are_found_only_for_the_same_words_place_and_moment(ctx):
    topic = make_topic(make_consultation())
    child = _child(ctx.child)
    post = posting.create_post(topic, child, "Em muốn có sân chơi.", check("Em muốn có sân chơi."))
    assert posting.find_duplicate(topic, child, "Em muốn có sân chơi.", None) == post
    assert posting.find_duplicate(topic, child, "Khác", None) is None
    assert posting.find_duplicate(topic, child, "Em muốn có sân chơi.", post) is None
    later = utcnow() + posting.DUPLICATE_WINDOW + timedelta(seconds=1)
    assert posting.find_duplicate(topic, child, "Em muốn có sân chơi.", None, now=later) is None


def test_slow_mode_counts_from_the_childs_last_post_in_the_topic(ctx):
    topic = make_topic(make_consultation(), slow_mode_seconds=60)
    child = _child(ctx.child)
    assert posting.seconds_to_wait(topic, child) == 0
    posting.create_post(topic, child, "Một", check("Một"))
    assert 55 <= posting.seconds_to_wait(topic, child) <= 60
    assert posting.seconds_to_wait(topic, child, now=utcnow() + timedelta(seconds=61)) == 0
    assert posting.seconds_to_wait(topic, _child(ctx.other_child)) == 0


# Agreeing and reporting ---------------------------------------------------------------------


def test_agreeing_once_per_child_and_never_on_ones_own_post(ctx):
    topic = make_topic(make_consultation())
    post = make_post(topic, ctx.other_child.id, "Ý kiến hay")
    first = posting.agree(post, _child(ctx.child))
    again = posting.agree(post, _child(ctx.child))
    assert first.created and first.count == 1
    assert not again.created and again.count == 1
    with pytest.raises(posting.PostingError, match="own_post"):
        posting.agree(post, _child(ctx.other_child))
    pending = make_post(topic, ctx.other_child.id, "Chờ", PostStatus.PENDING)
    with pytest.raises(posting.PostingError, match="not_published"):
        posting.agree(pending, _child(ctx.child))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Agreement)) == 1


def test_three_reports_hide_a_post_until_a_moderator_looks(ctx):
    topic = make_topic(make_consultation())
    post = make_post(topic, ctx.other_child.id, "Ý kiến")
    reporters = [_child(ctx.child), _child(ctx.young_child), builders.make_child(age=11)]
    for number, reporter in enumerate(reporters, start=1):
        marked = posting.report(post, reporter, ReportReason.UNKIND)
        assert marked.created and marked.count == number
        assert post.status is (PostStatus.HIDDEN if number == 3 else PostStatus.PUBLISHED)
    [item] = _items(post)
    assert item.reasons == ["reported"] and item.urgency == Urgency.REPORTED.value and item.state is ItemState.OPEN
    assert not posting.report(post, reporters[0], ReportReason.SCARY).created
    with pytest.raises(posting.PostingError, match="own_post"):
        posting.report(post, _child(ctx.other_child), ReportReason.OTHER)


def test_a_report_adds_to_an_open_queue_item(ctx):
    topic = make_topic(make_consultation(), mode=ModerationMode.POST)
    text = "xem https://example.com"
    post = posting.create_post(topic, _child(ctx.other_child), text, check(text))
    post.status = PostStatus.PUBLISHED  # say a moderator approved it, leaving the item open
    posting.report(post, _child(ctx.child), ReportReason.SCARY)
    [item] = _items(post)
    assert item.reasons == ["link", "reported"] and item.urgency == Urgency.REPORTED.value


# Erasure ------------------------------------------------------------------------------------


def test_erasing_a_child_removes_their_posts_and_takes_back_their_agreements_and_reports(ctx):
    topic = make_topic(make_consultation())
    child, other = _child(ctx.child), _child(ctx.other_child)
    others_post = make_post(topic, other.id, "Ý kiến của bạn")
    own_post = make_post(topic, child.id, "Ý kiến của em")
    posting.agree(others_post, child)
    posting.report(others_post, child, ReportReason.UNKIND)
    posting.agree(own_post, other)
    own_id, others_id = own_post.id, others_post.id
    db.session.commit()
    accounts.erase_child(child, None, "test")
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Post, own_id) is None
    kept = db.session.get(Post, others_id)
    assert kept.agree_count == 0 and kept.report_count == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Agreement)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Report)) == 0


def test_reading_a_topic_shows_published_posts_and_the_readers_own(ctx):
    topic = make_topic(make_consultation())
    child, other = _child(ctx.child), _child(ctx.other_child)
    published = make_post(topic, other.id, "Công khai")
    make_post(topic, other.id, "Của bạn, đang chờ", PostStatus.PENDING)
    mine = make_post(topic, child.id, "Của em, đang chờ", PostStatus.PENDING)
    reply = make_post(topic, child.id, "Trả lời", parent_id=published.id)
    make_post(topic, other.id, "Trả lời chờ", PostStatus.PENDING, parent_id=published.id)
    posting.agree(published, child)
    reading = services.read_topic(topic, child)
    assert [thread.post.id for thread in reading.threads] == [mine.id, published.id]
    assert [r.id for r in reading.threads[1].replies] == [reply.id]
    assert reading.published == 2 and reading.agreed == {published.id}
    assert [t.post.id for t in services.read_topic(topic, other).threads][-1] == published.id
