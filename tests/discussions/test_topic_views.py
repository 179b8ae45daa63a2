"""Staff's topic pages: policy staff and moderators list consultations and topics, create and edit
topics (targets within the consultation, moderation mode, open or closed, slow mode); changes are
audited; others are refused."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from forum.audit.models import AuditEvent
from forum.discussions.models import ModerationMode, Topic
from forum.extensions import db
from tests import builders
from tests.conftest import sign_in_as
from tests.surveys.conftest_taking import make_consultation

FORM = {
    "title_vi": "Sân chơi em mơ ước",
    "title_en": "My dream playground",
    "prompt_vi": "Ở gần nhà em cần thêm gì để vui chơi?",
    "prompt_en": "",
    "target_bands": ["9-11"],
    "mode": "pre",
    "is_open": "y",
    "slow_mode_seconds": "30",
}


@pytest.fixture
def consultation_id(app) -> int:  # type: ignore[no-untyped-def]
    with app.app_context():
        consultation = make_consultation(bands=["9-11", "12-14"])
        db.session.commit()
        return consultation.id


def _topics(app) -> list[Topic]:  # type: ignore[no-untyped-def]
    with app.app_context():
        topics = list(db.session.scalars(sa.select(Topic).order_by(Topic.id)))
        for topic in topics:
            _ = topic.areas
        db.session.expunge_all()
        return topics


@pytest.mark.parametrize("role", ["policy", "moderator"])
def test_policy_staff_and_moderators_create_and_edit_topics(app, client, world, consultation_id, role):
    client.set_cookie("lang", "en")
    sign_in_as(client, world, role)
    assert "Discussion topics" in client.get("/discussions/manage/").get_data(as_text=True)
    new_url = f"/discussions/manage/consultations/{consultation_id}/topics/new"
    assert client.get(new_url).status_code == 200
    response = client.post(new_url, data=FORM)
    assert response.status_code == 302
    [topic] = _topics(app)
    assert topic.title == {"vi": "Sân chơi em mơ ước", "en": "My dream playground"}
    assert topic.target_bands == ["9-11"] and topic.mode is ModerationMode.PRE and topic.is_open
    assert topic.slow_mode_seconds == 30 and topic.created_by_id == getattr(world, role).id
    listing = client.get(f"/discussions/manage/consultations/{consultation_id}").get_data(as_text=True)
    assert "Sân chơi em mơ ước" in listing or "My dream playground" in listing
    edit_url = f"/discussions/manage/topics/{topic.id}/edit"
    assert 'value="Sân chơi em mơ ước"' in client.get(edit_url).get_data(as_text=True)
    changed = {**FORM, "mode": "post", "slow_mode_seconds": "0"}
    changed.pop("is_open")
    assert client.post(edit_url, data=changed).status_code == 302
    [topic] = _topics(app)
    assert topic.mode is ModerationMode.POST and not topic.is_open and topic.slow_mode_seconds == 0
    with app.app_context():
        events = list(db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "topic_changed")))
        assert [event.target for event in events] == [f"topic #{topic.id}"] * 2
        assert "mode post; closed" in events[1].detail


@pytest.mark.parametrize(
    "change,message",
    [
        ({"title_vi": "  "}, "Please give the topic a title in Vietnamese."),
        ({"target_bands": ["6-8"]}, "Choose from the list."),
        ({"mode": "none"}, "Not a valid choice"),
        ({"slow_mode_seconds": "-5"}, "Enter a number of seconds from 0 to 86400."),
        ({"slow_mode_seconds": "abc"}, "Enter a whole number of seconds"),
        ({"slow_mode_seconds": "1" * 40}, "Enter a number of seconds from 0 to 86400."),
        ({"title_vi": "a" * 201}, "Use at most 200 characters."),
    ],
)
def test_bad_topic_input_is_refused_without_saving(app, client, world, consultation_id, change, message):
    client.set_cookie("lang", "en")
    sign_in_as(client, world, "moderator")
    response = client.post(f"/discussions/manage/consultations/{consultation_id}/topics/new", data={**FORM, **change})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _topics(app) == []


def test_areas_outside_the_consultation_are_refused(app, client, world):
    with app.app_context():
        inside, outside = builders.make_area(), builders.make_area()
        consultation = make_consultation(areas=[inside])
        db.session.commit()
        ids = (consultation.id, inside.id, outside.id)
    client.set_cookie("lang", "en")
    sign_in_as(client, world, "policy")
    url = f"/discussions/manage/consultations/{ids[0]}/topics/new"
    assert client.post(url, data={**FORM, "areas": [str(ids[2])]}).status_code == 400
    assert client.post(url, data={**FORM, "areas": [str(ids[1])]}).status_code == 302
    assert [area.id for area in _topics(app)[0].areas] == [ids[1]]


@pytest.mark.parametrize("role", ["teacher", "admin", "child"])
def test_other_roles_cannot_manage_topics(app, client, world, consultation_id, role):
    sign_in_as(client, world, role)
    assert client.get("/discussions/manage/").status_code == 403
    assert client.post(f"/discussions/manage/consultations/{consultation_id}/topics/new", data=FORM).status_code == 403
    assert _topics(app) == []


def test_the_consultation_page_and_the_menu_link_to_the_topics(app, client, world, consultation_id):
    client.set_cookie("lang", "en")
    sign_in_as(client, world, "policy")
    html = client.get(f"/consultations/{consultation_id}").get_data(as_text=True)
    assert f"/discussions/manage/consultations/{consultation_id}" in html
    assert 'href="/discussions/manage/"' in html
