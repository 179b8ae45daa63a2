"""Policy staff's feedback pages: the list, starting, the summaries, points, preview and publishing,
and bad input answered with a clear 4xx that writes nothing."""

from __future__ import annotations

import html

import pytest
import sqlalchemy as sa

from forum.audit.models import AuditEvent
from forum.consultations.models import Consultation, ConsultationStatus
from forum.extensions import db
from forum.feedback.models import Feedback, FeedbackPoint
from tests.conftest import make_test_app
from tests.feedback.builders import make_closed_consultation, make_feedback

GOOD_POINT = {
    "raised_vi": "Giờ ra chơi dài hơn.",
    "raised_en": "Longer breaks.",
    "outcome": "adopted",
    "explanation_vi": "Giờ ra chơi tăng lên 20 phút.",
    "explanation_en": "",
}


def text(response) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(response.get_data(as_text=True))


@pytest.fixture
def draft(app, closed) -> int:  # type: ignore[no-untyped-def]
    """Draft feedback for the closed consultation (ages 9-11), two points."""
    with app.app_context():
        feedback = make_feedback(db.session.get(Consultation, closed.consultation_id))
        db.session.commit()
        return feedback.id


def _feedback(app, feedback_id: int) -> Feedback:  # type: ignore[no-untyped-def]
    with app.app_context():
        feedback = db.session.get(Feedback, feedback_id)
        assert feedback is not None
        feedback.points  # noqa: B018 (loaded before the session closes)
        db.session.expunge_all()
        return feedback


def test_the_list_shows_where_each_consultations_feedback_stands(app, policy_client, closed):
    with app.app_context():
        open_one = make_closed_consultation(status=ConsultationStatus.OPEN)
        make_feedback(make_closed_consultation(), publish=True)
        db.session.commit()
        open_id = open_one.id
    page = text(policy_client.get("/feedback/"))
    assert "Not started" in page and "Published" in page and "After it closes" in page
    assert f'action="/feedback/consultations/{closed.consultation_id}/start"' in page
    assert f"/feedback/consultations/{open_id}/start" not in page


@pytest.mark.parametrize("status", [ConsultationStatus.DRAFT, ConsultationStatus.OPEN])
def test_starting_for_an_unclosed_consultation_is_refused_with_a_reason(app, policy_client, snapshot, status):
    with app.app_context():
        consultation_id = make_closed_consultation(status=status).id
        db.session.commit()
    before = snapshot()
    response = policy_client.post(f"/feedback/consultations/{consultation_id}/start")
    assert response.status_code == 409
    assert "Feedback can be written only for a closed consultation" in text(response)
    assert snapshot() == before


def test_starting_opens_the_editor_and_a_second_start_opens_the_same(app, policy_client, closed):
    first = policy_client.post(f"/feedback/consultations/{closed.consultation_id}/start")
    second = policy_client.post(f"/feedback/consultations/{closed.consultation_id}/start")
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    page = text(policy_client.get(first.headers["Location"]))
    assert "For children aged 9–11" in page and "No point yet" in page
    assert "For children aged 6–8" not in page  # only the consultation's bands


def test_unknown_ids_are_404(policy_client, draft):
    assert policy_client.post("/feedback/consultations/999999/start").status_code == 404
    for url in (
        "/feedback/999999/edit",
        f"/feedback/{draft}/points/999999/edit",
        f"/feedback/{draft}/points/999999/delete",
    ):
        assert policy_client.get(url).status_code == 404, url


def test_saving_summaries(app, policy_client, draft):
    response = policy_client.post(
        f"/feedback/{draft}/edit",
        data={
            "summary_vi": "Cảm ơn\r\ncác em!",
            "summary_en": "",
            "band_9_11_vi": "Ít bài hơn",
            "band_9_11_en": "Less",
        },
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("#summaries")
    feedback = _feedback(app, draft)
    assert feedback.summary == {"vi": "Cảm ơn\ncác em!"}
    assert feedback.band_summaries == {"9-11": {"vi": "Ít bài hơn", "en": "Less"}}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"band_9_11_en": "English only"}, "Write it in Vietnamese too"),
        ({"summary_vi": "a" * 2001}, "Use at most 2000 characters."),
        ({"summary_vi": "Bell\x07"}, "invisible control characters"),
    ],
)
def test_bad_summaries_are_refused_and_nothing_is_written(policy_client, draft, snapshot, data, message):
    before = snapshot()
    response = policy_client.post(f"/feedback/{draft}/edit", data=data)
    assert response.status_code == 400
    assert message in text(response)
    assert snapshot() == before


def test_adding_editing_moving_and_deleting_points(app, policy_client, draft):
    added = policy_client.post(f"/feedback/{draft}/points/new", data=GOOD_POINT)
    assert added.status_code == 302
    first, second, third = _feedback(app, draft).points
    assert third.raised == {"vi": "Giờ ra chơi dài hơn.", "en": "Longer breaks."}
    edited = policy_client.post(
        f"/feedback/{draft}/points/{first.id}/edit", data={**GOOD_POINT, "outcome": "under_consideration"}
    )
    assert edited.status_code == 302 and edited.headers["Location"].endswith(f"#point-{first.id}")
    assert policy_client.post(f"/feedback/{draft}/points/{third.id}/move", data={"direction": "up"}).status_code == 302
    assert [p.id for p in _feedback(app, draft).points] == [first.id, third.id, second.id]
    assert "Delete point 1?" in text(policy_client.get(f"/feedback/{draft}/points/{first.id}/delete"))
    assert policy_client.post(f"/feedback/{draft}/points/{first.id}/delete").status_code == 302
    points = _feedback(app, draft).points
    assert [(p.id, p.position) for p in points] == [(third.id, 0), (second.id, 1)]


def test_the_edit_form_shows_the_point(app, policy_client, draft):
    point = _feedback(app, draft).points[1]
    page = text(policy_client.get(f"/feedback/{draft}/points/{point.id}/edit"))
    assert "Edit point 2" in page and "Không có bài tập về nhà." in page
    assert 'value="not_adopted" id="outcome-2" checked' in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**GOOD_POINT, "raised_vi": "   "}, "Write what children said, in Vietnamese."),
        ({**GOOD_POINT, "outcome": "not_adopted", "explanation_vi": ""}, "Children deserve a reason"),
        ({**GOOD_POINT, "outcome": "partly_adopted", "explanation_vi": ""}, "Children deserve a reason"),
        ({**GOOD_POINT, "outcome": ""}, "Choose what became of it."),
        ({**GOOD_POINT, "outcome": "maybe"}, "Choose from the list."),
        ({**GOOD_POINT, "raised_vi": "x" * 501}, "Use at most 500 characters."),
        ({**GOOD_POINT, "explanation_vi": "", "explanation_en": "Why"}, "Write it in Vietnamese too"),
    ],
)
def test_bad_points_are_refused_and_nothing_is_written(policy_client, draft, snapshot, data, message):
    before = snapshot()
    response = policy_client.post(f"/feedback/{draft}/points/new", data=data)
    assert response.status_code == 400
    assert message in text(response)
    assert snapshot() == before


def test_another_consultations_point_is_not_found_here(app, policy_client, draft, snapshot):
    with app.app_context():
        other = make_feedback(make_closed_consultation())
        db.session.commit()
        stranger = other.points[0].id
    before = snapshot()
    assert policy_client.get(f"/feedback/{draft}/points/{stranger}/edit").status_code == 404
    assert policy_client.post(f"/feedback/{draft}/points/{stranger}/edit", data=GOOD_POINT).status_code == 404
    assert policy_client.post(f"/feedback/{draft}/points/{stranger}/move", data={"direction": "up"}).status_code == 404
    assert policy_client.post(f"/feedback/{draft}/points/{stranger}/delete").status_code == 404
    assert snapshot() == before


def test_a_bad_move_is_400(policy_client, draft, app):
    point = _feedback(app, draft).points[0]
    response = policy_client.post(f"/feedback/{draft}/points/{point.id}/move", data={"direction": "sideways"})
    assert response.status_code == 400 and "Choose up or down" in text(response)


def test_publishing_lists_every_problem_and_changes_nothing(app, policy_client, closed, snapshot):
    with app.app_context():
        consultation = db.session.get(Consultation, closed.consultation_id)
        consultation.target_bands = ["6-8", "9-11"]
        feedback = make_feedback(consultation, bands=[], points=())
        db.session.commit()
        feedback_id = feedback.id
    before = snapshot()
    response = policy_client.post(f"/feedback/{feedback_id}/publish")
    assert response.status_code == 400
    page = text(response)
    assert "The feedback cannot be published yet" in page
    assert "Write the summary for children aged 6–8 in Vietnamese." in page
    assert "Write the summary for children aged 9–11 in Vietnamese." in page
    assert "Add at least one point" in page
    assert snapshot() == before


def test_publishing(app, policy_client, draft, closed, world):
    response = policy_client.post(f"/feedback/{draft}/publish")
    assert response.status_code == 302
    page = text(policy_client.get(response.headers["Location"]))
    assert "The feedback is published" in page and "Published on" in page
    assert "Publish the feedback" not in page
    with app.app_context():
        assert db.session.get(Consultation, closed.consultation_id).status is ConsultationStatus.FEEDBACK_PUBLISHED
        assert db.session.get(Feedback, draft).published_by_id == world.policy.id
    again = policy_client.post(f"/feedback/{draft}/publish")
    assert again.status_code == 409 and "already published" in text(again)


def test_corrections_after_publication_are_allowed_and_audited(app, policy_client, draft):
    policy_client.post(f"/feedback/{draft}/publish")
    point = _feedback(app, draft).points[0]
    assert policy_client.post(f"/feedback/{draft}/points/{point.id}/edit", data=GOOD_POINT).status_code == 302
    with app.app_context():
        actions = db.session.execute(sa.select(AuditEvent.action).order_by(AuditEvent.id)).scalars().all()
    assert actions[-2:] == ["feedback_published", "feedback_changed"]


def test_emptying_published_feedback_is_refused(app, policy_client, closed, snapshot):
    with app.app_context():
        consultation = db.session.get(Consultation, closed.consultation_id)
        feedback = make_feedback(consultation, publish=True)
        db.session.commit()
        feedback_id, first, second = feedback.id, feedback.points[0].id, feedback.points[1].id
    assert policy_client.post(f"/feedback/{feedback_id}/points/{first}/delete").status_code == 302
    before = snapshot()
    response = policy_client.post(f"/feedback/{feedback_id}/points/{second}/delete")
    assert response.status_code == 400 and "must stay complete" in text(response)
    cleared = policy_client.post(f"/feedback/{feedback_id}/edit", data={"summary_vi": "Chung"})
    assert cleared.status_code == 400 and "Write the summary for children aged 9–11" in text(cleared)
    assert snapshot() == before


def test_a_reopened_consultations_feedback_cannot_change(app, policy_client, draft, closed, snapshot):
    with app.app_context():
        db.session.get(Consultation, closed.consultation_id).status = ConsultationStatus.OPEN
        db.session.commit()
    assert "is not closed" in text(policy_client.get(f"/feedback/{draft}/edit"))
    before = snapshot()
    assert policy_client.post(f"/feedback/{draft}/points/new", data=GOOD_POINT).status_code == 409
    assert policy_client.post(f"/feedback/{draft}/edit", data={"band_9_11_vi": "Mới"}).status_code == 409
    assert policy_client.post(f"/feedback/{draft}/publish").status_code == 400
    assert snapshot() == before


def test_preview_as_each_band_in_each_language(app, policy_client, draft):
    vi = text(policy_client.get(f"/feedback/{draft}/preview?band=9-11&lang=vi"))
    assert "Trường sẽ giao ít bài tập hơn vào cuối tuần." in vi and "Giờ ra chơi dài hơn." in vi
    en = text(policy_client.get(f"/feedback/{draft}/preview?band=9-11&lang=en"))
    assert "Schools will give less weekend homework." in en and "Yes, this will be done" in en
    assert "No, not this time" in en
    page = policy_client.get(f"/feedback/{draft}/preview?band=9-11&lang=en").get_data(as_text=True)
    assert f'href="/feedback/{draft}/preview?band=9-11&amp;lang=vi"' in page  # the other language
    assert 'aria-current="page">Ages 9–11' in page
    assert policy_client.get(f"/feedback/{draft}/preview?band=6-8").status_code == 400  # not a target band
    assert policy_client.get(f"/feedback/{draft}/preview?lang=fr").status_code == 400


def test_the_consultation_page_links_to_feedback_once_closed(policy_client, closed):
    page = text(policy_client.get(f"/consultations/{closed.consultation_id}"))
    assert f'action="/feedback/consultations/{closed.consultation_id}/start"' in page


def test_feedback_forms_need_the_csrf_token(app, world, draft, migrated, snapshot):
    protected = make_test_app(migrated, WTF_CSRF_ENABLED=True)
    client = protected.test_client()
    page = client.get("/accounts/sign-in").get_data(as_text=True)
    marker = 'name="csrf_token" type="hidden" value="'
    token = page[page.index(marker) + len(marker) :].split('"', 1)[0]
    signed_in = client.post(
        "/accounts/sign-in",
        data={"username": world.policy.username, "password": world.policy.password, "csrf_token": token},
    )
    assert signed_in.status_code == 302
    before = snapshot()
    refused = client.post(f"/feedback/{draft}/points/new", data=GOOD_POINT)
    assert refused.status_code == 400
    assert snapshot() == before
    form = client.get(f"/feedback/{draft}/points/new").get_data(as_text=True)
    token = form[form.index(marker) + len(marker) :].split('"', 1)[0]
    assert client.post(f"/feedback/{draft}/points/new", data={**GOOD_POINT, "csrf_token": token}).status_code == 302
    with app.app_context():
        assert db.session.execute(sa.select(sa.func.count()).select_from(FeedbackPoint)).scalar_one() == 3


def test_html_in_a_point_is_shown_as_text(app, policy_client, draft):
    script = "<script>alert('xin chào')</script> O'Brien; DROP TABLE feedback;--"
    assert (
        policy_client.post(
            f"/feedback/{draft}/points/new", data={**GOOD_POINT, "raised_vi": script, "raised_en": script}
        ).status_code
        == 302
    )
    for url in (f"/feedback/{draft}/edit", f"/feedback/{draft}/preview?band=9-11", f"/feedback/{draft}/print"):
        page = policy_client.get(url).get_data(as_text=True)
        assert "<script>alert" not in page and "&lt;script&gt;alert" in page, url
