"""Children reading a topic, agreeing and reporting: who sees what (pseudonyms only, never a school
or class), another band's topic is a 404, consent, agreeing twice, reporting one's own post, three
reports hiding a post, a rejected post's reason, the home page section, and CSRF."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from forum.consultations.models import ConsultationStatus
from forum.discussions.models import Agreement, Post, PostStatus, Report, Topic
from forum.extensions import db
from forum.schools.models import Classroom, School
from tests import builders
from tests.discussions.conftest import make_post, make_topic, other_client
from tests.surveys.conftest_taking import make_child_login, make_consultation


def _post(app, post_id: int) -> Post:  # type: ignore[no-untyped-def]
    with app.app_context():
        post = db.session.get(Post, post_id)
        db.session.expunge_all()
        return post


def test_the_topic_page_shows_pseudonyms_never_school_or_class(app, world, forum, child_client):
    html = child_client.get(f"/discussions/topics/{forum.pre_topic_id}").get_data(as_text=True)
    assert "Em muốn có thêm cây xanh ở sân chơi." in html
    assert world.other_child.pseudonym in html
    with app.app_context():
        for school in db.session.scalars(sa.select(School)):
            assert school.name not in html
        for classroom in db.session.scalars(sa.select(Classroom)):
            assert f">{classroom.name}<" not in html and f" {classroom.name} " not in html
    assert "I agree" in html and "This worries me" in html and "Reply" in html


def test_another_bands_or_areas_topic_and_a_draft_are_404(app, world, child_client):
    with app.app_context():
        teens = make_topic(make_consultation(), target_bands=["12-14"])
        elsewhere = make_topic(make_consultation(), areas=[builders.make_area()])
        draft = make_topic(make_consultation(status=ConsultationStatus.DRAFT))
        db.session.commit()
        ids = [teens.id, elsewhere.id, draft.id]
    for topic_id in ids:
        assert child_client.get(f"/discussions/topics/{topic_id}").status_code == 404
        assert child_client.post(f"/discussions/topics/{topic_id}/posts", data={"body": "Xin chào"}).status_code == 404
    assert child_client.get("/discussions/topics/999999").status_code == 404


def test_a_child_without_consent_is_told_kindly(app, world, forum, client):
    with app.app_context():
        login = make_child_login(app, 10, world.classroom_id, guardian_consent=False)
    reader = other_client(app, login)
    response = reader.get(f"/discussions/topics/{forum.pre_topic_id}")
    assert response.status_code == 403
    assert "waiting for your parent or carer" in response.get_data(as_text=True)
    assert "You cannot join yet</h1>" in response.get_data(as_text=True)
    posted = reader.post(f"/discussions/topics/{forum.pre_topic_id}/posts", data={"body": "Xin chào"})
    assert posted.status_code == 403
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Post)) == 1
    assert "Discussions" in reader.get("/children/").get_data(as_text=True)
    assert "Read and share your ideas" not in reader.get("/children/").get_data(as_text=True)


def test_home_and_index_list_the_open_topics(app, world, forum, child_client):
    home = child_client.get("/children/").get_data(as_text=True)
    assert "Discussions" in home and "My dream playground" in home
    assert f"/discussions/topics/{forum.pre_topic_id}" in home
    index = child_client.get("/discussions/")
    assert index.status_code == 200 and "My dream playground" in index.get_data(as_text=True)


def test_agreeing_twice_is_a_friendly_no_op(app, world, forum, child_client):
    first = child_client.post(f"/discussions/posts/{forum.other_post_id}/agree")
    assert first.status_code == 302 and first.headers["Location"].endswith(f"#post-{forum.other_post_id}")
    second = child_client.post(f"/discussions/posts/{forum.other_post_id}/agree", follow_redirects=True)
    assert second.status_code == 200
    html = second.get_data(as_text=True)
    assert "You already agree with this post." in html and "1 child agrees" in html and "You agree" in html
    assert _post(app, forum.other_post_id).agree_count == 1
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Agreement)) == 1


def test_agreeing_with_or_reporting_ones_own_post_is_refused_kindly(app, world, forum):
    author = other_client(app, world.other_child)
    agreed = author.post(f"/discussions/posts/{forum.other_post_id}/agree")
    assert agreed.status_code == 403 and "This is your own post." in agreed.get_data(as_text=True)
    reported = author.post(f"/discussions/posts/{forum.other_post_id}/report", data={"reason": "unkind"})
    assert reported.status_code == 403 and "This is your own post." in reported.get_data(as_text=True)
    assert author.get(f"/discussions/posts/{forum.other_post_id}/report").status_code == 403
    post = _post(app, forum.other_post_id)
    assert post.agree_count == 0 and post.report_count == 0


def test_agreeing_in_a_closed_topic_is_refused(app, world, forum, child_client):
    with app.app_context():
        db.session.get(Topic, forum.pre_topic_id).is_open = False
        db.session.commit()
    assert child_client.post(f"/discussions/posts/{forum.other_post_id}/agree").status_code == 410
    html = child_client.get(f"/discussions/topics/{forum.pre_topic_id}").get_data(as_text=True)
    assert "This discussion is closed" in html and "Send my idea" not in html


def test_a_pending_post_of_someone_else_cannot_be_seen_agreed_or_reported(app, world, forum, child_client):
    with app.app_context():
        pending = make_post(db.session.get(Topic, forum.pre_topic_id), world.other_child.id, "chờ", PostStatus.PENDING)
        db.session.commit()
        pending_id = pending.id
    assert child_client.post(f"/discussions/posts/{pending_id}/agree").status_code == 404
    assert child_client.get(f"/discussions/posts/{pending_id}/report").status_code == 404
    assert child_client.get(f"/discussions/posts/{pending_id}/reply").status_code == 404


def test_reporting_needs_a_reason_and_happens_once(app, world, forum, child_client):
    page = child_client.get(f"/discussions/posts/{forum.other_post_id}/report").get_data(as_text=True)
    assert "It is unkind or mean" in page and "I am worried about the person who wrote it" in page
    missing = child_client.post(f"/discussions/posts/{forum.other_post_id}/report", data={})
    assert missing.status_code == 400 and "Please choose what worries you." in missing.get_data(as_text=True)
    bogus = child_client.post(f"/discussions/posts/{forum.other_post_id}/report", data={"reason": "nope"})
    assert bogus.status_code == 400
    done = child_client.post(f"/discussions/posts/{forum.other_post_id}/report", data={"reason": "scary"})
    assert done.status_code == 302
    again = child_client.post(
        f"/discussions/posts/{forum.other_post_id}/report", data={"reason": "unkind"}, follow_redirects=True
    )
    assert "You already told us about this post" in again.get_data(as_text=True)
    assert _post(app, forum.other_post_id).report_count == 1
    with app.app_context():
        assert db.session.scalars(sa.select(Report.reason)).one().value == "scary"


def test_three_reports_hide_the_post_from_everyone_but_its_author(app, world, forum, child_client):
    reporters = [child_client]
    with app.app_context():
        logins = [make_child_login(app, age, world.classroom_id) for age in (10, 11)]
    reporters += [other_client(app, login) for login in logins]
    for reporter in reporters:
        assert (
            reporter.post(f"/discussions/posts/{forum.other_post_id}/report", data={"reason": "unkind"}).status_code
            == 302
        )
    assert _post(app, forum.other_post_id).status is PostStatus.HIDDEN
    assert "Em muốn có thêm cây xanh ở sân chơi." not in child_client.get(
        f"/discussions/topics/{forum.pre_topic_id}"
    ).get_data(as_text=True)
    author_page = other_client(app, world.other_child).get(f"/discussions/topics/{forum.pre_topic_id}")
    html = author_page.get_data(as_text=True)
    assert "Em muốn có thêm cây xanh ở sân chơi." in html and "Hidden for now" in html


def test_own_rejected_post_shows_the_child_friendly_reason(app, world, forum, child_client):
    with app.app_context():
        topic = db.session.get(Topic, forum.pre_topic_id)
        make_post(topic, world.child.id, "Bài bị từ chối", PostStatus.REJECTED, rejection_reason="off_topic")
        make_post(topic, world.other_child.id, "Bài của bạn bị từ chối", PostStatus.REJECTED, rejection_reason="unkind")
        db.session.commit()
    html = child_client.get(f"/discussions/topics/{forum.pre_topic_id}").get_data(as_text=True)
    assert "Bài bị từ chối" in html and "Not shown" in html
    assert "It is not about this topic." in html
    assert "Bài của bạn bị từ chối" not in html


def test_the_topic_page_pages_through_many_posts(app, world, forum, child_client):
    with app.app_context():
        topic = db.session.get(Topic, forum.pre_topic_id)
        for number in range(25):
            make_post(topic, world.other_child.id, f"Ý kiến số {number}")
        db.session.commit()
    first = child_client.get(f"/discussions/topics/{forum.pre_topic_id}").get_data(as_text=True)
    assert "Page 1 of 2" in first and "Ý kiến số 24" in first
    second = child_client.get(f"/discussions/topics/{forum.pre_topic_id}?page=2").get_data(as_text=True)
    assert "Page 2 of 2" in second and "Ý kiến số 0<" in second
    assert child_client.get(f"/discussions/topics/{forum.pre_topic_id}?page=999").status_code == 200


class TestWithCsrf:
    @pytest.fixture
    def app_config(self):  # type: ignore[no-untyped-def]
        return {"WTF_CSRF_ENABLED": True}

    def test_posting_agreeing_and_reporting_need_the_token(self, app, world, forum, client):
        card_page = client.get("/accounts/card").get_data(as_text=True)
        client.post("/accounts/card", data={"code": world.child.code, "csrf_token": _token(card_page)})
        topic_url = f"/discussions/topics/{forum.pre_topic_id}"
        assert client.post(topic_url + "/posts", data={"body": "Xin chào"}).status_code == 400
        assert client.post(f"/discussions/posts/{forum.other_post_id}/agree").status_code == 400
        report_url = f"/discussions/posts/{forum.other_post_id}/report"
        assert client.post(report_url, data={"reason": "unkind"}).status_code == 400
        token = _token(client.get(topic_url).get_data(as_text=True))
        sent = client.post(topic_url + "/posts", data={"body": "Xin chào", "csrf_token": token})
        assert sent.status_code == 302
        with app.app_context():
            assert db.session.scalar(sa.select(sa.func.count()).select_from(Post)) == 2


def _token(html: str) -> str:
    match = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html)
    assert match is not None
    return match.group(1)
