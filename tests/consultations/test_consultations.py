"""Consultations: the list, creating and editing one, bad input, and draft → open → closed."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from flask import Flask

from forum.consultations import services as consultations
from forum.consultations.models import Consultation, ConsultationStatus
from forum.extensions import db
from forum.schools.models import Area
from forum.surveys import services as surveys
from forum.surveys.models import Response, ResponseStatus, Survey
from tests.consultations.conftest import make_consultation, make_survey, yes_no


def _areas(app: Flask) -> list[int]:
    with app.app_context():
        return list(db.session.execute(sa.select(Area.id).order_by(Area.id)).scalars())


def _form(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title_vi": "Sân chơi và an toàn trên đường đến trường",
        "title_en": "Playgrounds and safety on the way to school",
        "question_vi": "Thành phố nên làm gì để đường đến trường an toàn hơn?",
        "question_en": "What should the city do to make the way to school safer?",
        "purpose_vi": "Để Ủy ban biết trẻ em nghĩ gì.",
        "audience_vi": "Ủy ban nhân dân thành phố",
        "audience_en": "The city People's Committee",
        "summary_6_8_vi": "Em thích chơi ở đâu?",
        "summary_12_14_en": "Where do you play, and is the way to school safe?",
        "target_bands": ["6-8", "12-14"],
        "opens_on": "2026-06-01",
        "closes_on": "2026-06-30",
        "feedback_by": "2026-08-01",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _consultations(app: Flask) -> list[Consultation]:
    with app.app_context():
        rows = list(db.session.execute(sa.select(Consultation).order_by(Consultation.id)).scalars())
        for row in rows:
            _ = row.areas
        db.session.expunge_all()
        return rows


def test_the_list_starts_empty_and_offers_a_new_consultation(policy_client) -> None:
    page = policy_client.get("/consultations/")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "There is no consultation yet" in text
    assert 'href="/consultations/new"' in text


def test_create_a_consultation(app: Flask, policy_client) -> None:
    areas = _areas(app)
    response = policy_client.post("/consultations/new", data=_form(areas=[str(areas[1])]))
    assert response.status_code == 302, response.get_data(as_text=True)
    (saved,) = _consultations(app)
    assert response.headers["Location"] == f"/consultations/{saved.id}"
    assert saved.title == {
        "vi": "Sân chơi và an toàn trên đường đến trường",
        "en": "Playgrounds and safety on the way to school",
    }
    assert saved.purpose == {"vi": "Để Ủy ban biết trẻ em nghĩ gì."}
    assert saved.audience["en"] == "The city People's Committee"
    assert saved.summaries == {
        "6-8": {"vi": "Em thích chơi ở đâu?"},
        "12-14": {"en": "Where do you play, and is the way to school safe?"},
    }
    assert saved.target_bands == ["6-8", "12-14"]
    assert [area.id for area in saved.areas] == [areas[1]]
    assert (saved.opens_on, saved.closes_on, saved.feedback_by) == (
        date(2026, 6, 1),
        date(2026, 6, 30),
        date(2026, 8, 1),
    )
    assert saved.status is ConsultationStatus.DRAFT

    page = policy_client.get(f"/consultations/{saved.id}").get_data(as_text=True)
    assert "Playgrounds and safety on the way to school" in page
    assert "6–8, 12–14" in page
    listing = policy_client.get("/consultations/").get_data(as_text=True)
    assert "Playgrounds and safety" in listing and "Draft" in listing


def test_the_list_counts_surveys_and_submitted_responses(app: Flask, world, policy_client) -> None:
    with app.app_context():
        cid = make_consultation()
        sid = make_survey(cid, (yes_no("q1"),))
        make_survey(cid)
        make_consultation()
        db.session.add_all(
            [
                Response(survey_id=sid, child_id=world.child.id, status=ResponseStatus.SUBMITTED),
                Response(survey_id=sid, child_id=world.other_child.id, status=ResponseStatus.SUBMITTED),
                Response(survey_id=sid, child_id=world.young_child.id, status=ResponseStatus.DRAFT),
            ]
        )
        db.session.commit()
        assert surveys.count_surveys_and_responses(consultations.list_consultations()) == {cid: (2, 2), cid + 1: (0, 0)}
    text = policy_client.get("/consultations/").get_data(as_text=True)
    assert '<td class="num">2</td>\n          <td class="num">2</td>' in text


def test_vietnamese_text_is_stored_nfc(app: Flask, policy_client) -> None:
    decomposed = "Tie\u0302\u0301ng nói"  # "Tiếng" typed with combining marks
    assert policy_client.post("/consultations/new", data=_form(title_vi=decomposed)).status_code == 302
    assert _consultations(app)[0].title["vi"] == "Tiếng nói"


def test_multiline_texts_keep_their_line_breaks(app: Flask, policy_client) -> None:
    purpose = "Để Ủy ban biết trẻ em nghĩ gì.\r\n\r\nVà để sửa kế hoạch."
    assert policy_client.post("/consultations/new", data=_form(purpose_vi=purpose)).status_code == 302
    (saved,) = _consultations(app)
    assert saved.purpose["vi"] == "Để Ủy ban biết trẻ em nghĩ gì.\n\nVà để sửa kế hoạch."
    page = policy_client.get(f"/consultations/{saved.id}").get_data(as_text=True)
    assert '<dd class="keep-lines">Để Ủy ban biết trẻ em nghĩ gì.\n\nVà để sửa kế hoạch.</dd>' in page


def test_edit_a_consultation(app: Flask, policy_client, consultation_id: int) -> None:
    form = policy_client.get(f"/consultations/{consultation_id}/edit").get_data(as_text=True)
    assert 'value="Sân chơi an toàn"' in form
    response = policy_client.post(
        f"/consultations/{consultation_id}/edit", data=_form(title_vi="Tên mới", target_bands=[], feedback_by="")
    )
    assert response.status_code == 302
    (saved,) = _consultations(app)
    assert saved.title["vi"] == "Tên mới"
    assert saved.target_bands == []
    assert saved.feedback_by is None


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"title_vi": ""}, "Please give the consultation a title in Vietnamese."),
        ({"title_vi": "   "}, "Please give the consultation a title in Vietnamese."),
        ({"question_vi": ""}, "Please write the policy question in Vietnamese."),
        ({"opens_on": "2026-07-01"}, "The closing date must not be before the opening date."),
        ({"feedback_by": "2026-06-01"}, "Feedback cannot be promised before the consultation closes."),
        ({"opens_on": "not a date"}, "Enter a date as year-month-day"),
        ({"opens_on": ""}, "Please give the opening date."),
        ({"closes_on": "1999-12-31", "opens_on": "1999-12-01"}, "between the years 2000 and 2999"),
        ({"target_bands": ["6-8", "99-100"]}, "Choose from the list."),
        ({"areas": ["999999"]}, "Choose from the list."),
        ({"areas": ["x"]}, "Choose from the list."),
        ({"title_vi": "x" * 201}, "Use at most 200 characters."),
        ({"purpose_vi": "x" * 2001}, "Use at most 2000 characters."),
        ({"title_vi": "Sân\u0000chơi"}, "invisible control characters"),
        ({"summary_6_8_vi": "x" * 100_000}, "Use at most 2000 characters."),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(app: Flask, policy_client, snapshot, changes, message) -> None:
    before = snapshot()
    response = policy_client.post("/consultations/new", data=_form(**changes))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert snapshot() == before


def test_html_is_shown_as_text(app: Flask, policy_client) -> None:
    policy_client.post("/consultations/new", data=_form(title_en="<script>alert(1)</script>"))
    (saved,) = _consultations(app)
    page = policy_client.get(f"/consultations/{saved.id}", headers={"Cookie": "lang=en"}).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_unknown_consultation_is_404(policy_client) -> None:
    assert policy_client.get("/consultations/999999").status_code == 404
    assert policy_client.get("/consultations/999999/edit").status_code == 404
    assert policy_client.post("/consultations/999999/status", data={"to": "open"}).status_code == 404


def _status(app: Flask, cid: int) -> ConsultationStatus:
    with app.app_context():
        consultation = db.session.get(Consultation, cid)
        assert consultation is not None
        return consultation.status


def _publish_a_survey(app: Flask, cid: int) -> None:
    with app.app_context():
        sid = make_survey(cid, (yes_no("q1"),))
        survey = db.session.get(Survey, sid)
        assert survey is not None
        assert surveys.publish(survey, ["6-8", "9-11", "12-14", "15-17"]) == []
        db.session.commit()


def test_opening_needs_a_published_survey(app: Flask, policy_client, consultation_id: int, snapshot) -> None:
    page = policy_client.get(f"/consultations/{consultation_id}")
    assert f"/consultations/{consultation_id}/status?to=open" in page.get_data(as_text=True)
    confirm = policy_client.get(f"/consultations/{consultation_id}/status?to=open")
    assert confirm.status_code == 200
    assert "Publish at least one survey before opening" in confirm.get_data(as_text=True)
    assert "Yes, open the consultation" not in confirm.get_data(as_text=True)
    before = snapshot()
    response = policy_client.post(f"/consultations/{consultation_id}/status", data={"to": "open"})
    assert response.status_code == 400
    assert "Publish at least one survey before opening" in response.get_data(as_text=True)
    assert snapshot() == before
    with app.app_context():  # a draft survey is not enough either
        make_survey(consultation_id, (yes_no("q1"),))
        db.session.commit()
    assert policy_client.post(f"/consultations/{consultation_id}/status", data={"to": "open"}).status_code == 400
    assert _status(app, consultation_id) is ConsultationStatus.DRAFT


def test_open_then_close_with_a_confirmation(app: Flask, policy_client, consultation_id: int) -> None:
    _publish_a_survey(app, consultation_id)
    confirm = policy_client.get(f"/consultations/{consultation_id}/status?to=open")
    assert confirm.status_code == 200
    text = confirm.get_data(as_text=True)
    assert "Yes, open the consultation" in text and 'name="to" value="open"' in text
    assert _status(app, consultation_id) is ConsultationStatus.DRAFT  # asking changes nothing
    response = policy_client.post(f"/consultations/{consultation_id}/status", data={"to": "open"})
    assert response.status_code == 302
    assert _status(app, consultation_id) is ConsultationStatus.OPEN
    assert "children it is meant for can now answer" in policy_client.get(response.headers["Location"]).get_data(
        as_text=True
    )

    assert policy_client.post(f"/consultations/{consultation_id}/status", data={"to": "open"}).status_code == 400
    assert policy_client.post(f"/consultations/{consultation_id}/status", data={"to": "closed"}).status_code == 302
    assert _status(app, consultation_id) is ConsultationStatus.CLOSED
    # Closed may open again; feedback is published elsewhere, never from here.
    refused = policy_client.post(f"/consultations/{consultation_id}/status", data={"to": "feedback_published"})
    assert refused.status_code == 400
    assert _status(app, consultation_id) is ConsultationStatus.CLOSED
    assert policy_client.post(f"/consultations/{consultation_id}/status", data={"to": "open"}).status_code == 302


@pytest.mark.parametrize("to", ["", "published", "DROP TABLE consultation", "draft"])
def test_tampered_status_is_refused(app: Flask, policy_client, consultation_id: int, to: str, snapshot) -> None:
    _publish_a_survey(app, consultation_id)
    before = snapshot()
    response = policy_client.post(f"/consultations/{consultation_id}/status", data={"to": to})
    assert response.status_code == 400
    assert snapshot() == before


def test_a_status_link_without_a_target_goes_back(policy_client, consultation_id: int) -> None:
    response = policy_client.get(f"/consultations/{consultation_id}/status?to=nonsense")
    assert response.status_code == 302


@pytest.mark.parametrize("who", ["admin", "teacher", "moderator"])
def test_other_staff_are_refused(client, world, auth, who: str, consultation_id: int) -> None:
    auth.staff(getattr(world, who))
    for url in ("/consultations/", "/consultations/new", f"/consultations/{consultation_id}"):
        assert client.get(url).status_code == 403
    assert client.post("/consultations/new", data=_form()).status_code == 403
    assert client.post(f"/consultations/{consultation_id}/status", data={"to": "open"}).status_code == 403


def test_children_are_refused(client, world, auth, consultation_id: int) -> None:
    auth.card(world.child)
    assert client.get(f"/consultations/{consultation_id}").status_code == 403


def test_visitors_are_sent_to_sign_in(client, consultation_id: int) -> None:
    response = client.get(f"/consultations/{consultation_id}")
    assert response.status_code == 302 and response.headers["Location"].startswith("/accounts/")
