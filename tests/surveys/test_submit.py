"""Review and submit: one response per child, every answer or none, idempotent under double
clicks, retries, second tabs and truly concurrent submits; the snapshot stored at submit; free
text kept pending and private; a survey that closes while a child answers."""

from __future__ import annotations

import os
import threading
from decimal import Decimal

import pytest
import sqlalchemy as sa

from forum.accounts import services as accounts
from forum.accounts.models import User
from forum.consultations import services as consultations
from forum.consultations.models import ConsultationStatus
from forum.extensions import db
from forum.schools import services as schools
from forum.surveys import services
from forum.surveys.models import Answer, Question, Response, ResponseStatus, Survey, TextStatus
from tests.surveys.conftest_taking import (
    Answering,
    local_today,
    make_child_login,
    make_consultation,
    make_open_survey,
    make_survey,
)


@pytest.fixture
def survey_id(app, world) -> int:
    with app.app_context():
        survey = make_open_survey()
        db.session.commit()
        return survey.id


@pytest.fixture
def taking(client, world, auth, survey_id) -> Answering:
    auth.card(world.child)
    answering = Answering(client, survey_id).english()
    answering.start()
    return answering


def _answer_all(taking: Answering) -> None:
    """fun, where=park (shows safe), safe, activities without drawing, agree, stars, rank, ideas, note."""
    taking.answer("fun", "5")
    taking.answer("where", "park")
    taking.answer("safe", "not_sure")
    taking.answer("activities", ["football", "reading"])
    taking.answer("agree_park", "4")
    taking.answer("stars", "3")
    taking.answer("rank", {"q-rank-trees": "1", "q-rank-slides": "2"})
    taking.answer("ideas", "Thêm cây xanh và ghế đá")
    taking.answer("bye")


def _rows(app, survey_id: int) -> list[tuple[str, str | None, Decimal | None, int | None, str | None, bool]]:
    with app.app_context():
        rows = db.session.execute(
            sa.select(
                Question.key,
                Answer.option_id,
                Answer.number,
                Answer.rank,
                Answer.text,
                Answer.declined,
            )
            .join(Answer.question)
            .where(Question.survey_id == survey_id)
            .order_by(Question.position, Answer.rank, Answer.option_id)
        ).all()
        options = {o.id: o.key for q in db.session.get(Survey, survey_id).questions for o in q.options}
        return [
            (key, options.get(option_id), number, rank, text, declined)
            for key, option_id, number, rank, text, declined in rows
        ]


def _responses(app) -> list[Response]:
    with app.app_context():
        responses = list(db.session.execute(sa.select(Response)).scalars())
        db.session.expunge_all()
        return responses


# Review ----------------------------------------------------------------------------------------------


def test_review_lists_every_answer_with_a_change_link(taking, survey_id):
    _answer_all(taking)
    html = taking.review().get_data(as_text=True)
    assert "Check your answers" in html
    for text in ("Very happy", "Park", "Not sure", "Football, Reading", "Agree", "3 of 5 stars"):
        assert text in html
    assert "<li>Trees</li><li>Slides</li>" in html
    assert "Thêm cây xanh và ghế đá" in html  # the author sees their own text
    assert f'href="/surveys/{survey_id}/answer?q=ideas"' in html
    assert "Thank you! Nearly done." not in html  # notes are not answers
    assert 'name="submission_key"' in html and "Send my answers" in html


def test_review_marks_what_is_still_needed_and_submit_refuses_it(app, taking, survey_id):
    response = taking.review()
    html = response.get_data(as_text=True)
    assert "This question needs an answer." in html and 'href="#review-fun"' in html
    refused = taking.submit()
    assert refused.status_code == 400 and "This question needs an answer." in refused.get_data(as_text=True)
    assert _responses(app)[0].status is ResponseStatus.DRAFT
    assert _rows(app, survey_id) == []


# Submitting -------------------------------------------------------------------------------------------


def test_submit_stores_every_answer_the_snapshot_and_keeps_text_pending(app, client, world, taking, survey_id):
    _answer_all(taking)
    response = taking.submit()
    assert response.status_code == 302 and response.headers["Location"] == f"/surveys/{survey_id}/thanks"
    assert _rows(app, survey_id) == [
        ("fun", "5", None, None, None, False),
        ("where", "park", None, None, None, False),
        ("safe", "not_sure", None, None, None, False),
        ("activities", "football", None, None, None, False),
        ("activities", "reading", None, None, None, False),
        ("agree_park", "4", None, None, None, False),
        ("stars", None, Decimal("3"), None, None, False),
        ("rank", "trees", None, 1, None, False),
        ("rank", "slides", None, 2, None, False),
        ("ideas", None, None, None, "Thêm cây xanh và ghế đá", False),
    ]
    [stored] = _responses(app)
    with app.app_context():
        child = db.session.get(User, world.child.id)
        school = schools.get_school(world.school_id)
        assert stored.child_id == child.id  # kept only for "one response per child" and resuming
        assert (stored.age_band, stored.gender, stored.area_id, stored.school_level) == (
            "9-11",
            "girl",
            school.area_id,
            "primary",
        )
        assert stored.status is ResponseStatus.SUBMITTED and stored.submitted_at is not None
        assert stored.draft == {}
        statuses = db.session.execute(sa.select(Answer.text_status).where(Answer.text.is_not(None))).scalars().all()
        assert statuses == [TextStatus.PENDING]


def test_thank_you_page_says_who_reads_and_when_feedback_comes(taking, survey_id):
    _answer_all(taking)
    taking.submit()
    html = taking.client.get(f"/surveys/{survey_id}/thanks").get_data(as_text=True)
    assert "Thank you! Your answers were sent." in html
    assert "The city People&#39;s Committee" in html
    assert "we will tell you here what was decided" in html
    assert "call 111" in html and 'href="/help"' in html
    assert "Thêm cây xanh" not in html


def test_answers_to_questions_hidden_later_are_dropped(app, taking, survey_id):
    taking.answer("fun", "3")
    taking.answer("where", "street")
    taking.answer("safe", "no")  # shown because where = street
    taking.answer("activities", ["drawing"])
    taking.answer("drawing_hours", "9")
    taking.answer("more_drawing", "Mèo")  # shown because drawing_hours > 5
    taking.answer("drawing_hours", "2", action="back")  # now more_drawing is hidden
    taking.answer("activities", ["drawing"], action="back")
    taking.answer("where", "home", action="back")  # safe and agree_park hidden
    html = taking.review().get_data(as_text=True)
    assert "Mèo" not in html and "Is it safe there?" not in html
    assert taking.submit().status_code == 302
    keys = [row[0] for row in _rows(app, survey_id)]
    assert keys == ["fun", "where", "activities", "drawing_hours"]


def test_a_declined_answer_is_stored_as_declined(app, taking, survey_id):
    taking.answer("fun", "1")
    taking.answer("where", "__declined__")
    taking.answer("ideas", {"q-ideas": ["Không", "__declined__"]})
    taking.submit()
    rows = _rows(app, survey_id)
    assert ("where", None, None, None, None, True) in rows
    assert ("ideas", None, None, None, None, True) in rows


def test_a_second_submit_shows_the_same_thanks_and_stores_nothing_more(app, taking, survey_id):
    _answer_all(taking)
    key = taking.submission_key()
    first = taking.submit(key)
    second = taking.submit(key)  # double click or retry
    third = taking.submit("stale-or-other-tab")
    assert first.headers["Location"] == second.headers["Location"] == third.headers["Location"]
    assert second.headers["Location"] == f"/surveys/{survey_id}/thanks"
    assert len(_rows(app, survey_id)) == 10
    for path in ("/answer", "/review"):
        assert taking.client.get(f"/surveys/{survey_id}{path}").headers["Location"].endswith("/thanks")
    refused = taking.post("fun", {"q-fun": "1"})
    assert refused.status_code == 302 and refused.headers["Location"].endswith("/thanks")
    assert taking.client.post(f"/surveys/{survey_id}/draft", data={"question": "ideas"}).status_code == 409
    assert taking.start().headers["Location"].endswith("/thanks")


def test_two_clients_submitting_the_same_response_store_one_set_of_answers(app, world, taking, survey_id):
    _answer_all(taking)
    other_tab = Answering(app.test_client(), survey_id)
    other_tab.client.post("/accounts/card", data={"code": world.child.code})
    key_one, key_two = taking.submission_key(), other_tab.submission_key()
    assert key_one == key_two
    results = [taking.submit(key_one), other_tab.submit(key_two)]
    assert [r.status_code for r in results] == [302, 302]
    assert all(r.headers["Location"].endswith("/thanks") for r in results)
    assert len(_rows(app, survey_id)) == 10
    assert len(_responses(app)) == 1


def test_a_review_page_older_than_the_answers_cannot_send_them(app, world, taking, survey_id):
    _answer_all(taking)
    old_key = taking.submission_key()
    other_tab = Answering(app.test_client(), survey_id)
    other_tab.client.post("/accounts/card", data={"code": world.child.code})
    other_tab.answer("stars", "1")
    response = taking.submit(old_key)
    assert response.status_code == 302 and response.headers["Location"] == f"/surveys/{survey_id}/review"
    assert "Your answers changed since this page was shown" in taking.review().get_data(as_text=True)
    assert _rows(app, survey_id) == []
    assert taking.submit().status_code == 302
    assert ("stars", None, Decimal("1"), None, None, False) in _rows(app, survey_id)


def test_a_child_cannot_submit_another_childs_survey_response(app, client, world, taking, survey_id):
    _answer_all(taking)
    key = taking.submission_key()
    other = Answering(app.test_client(), survey_id)
    other.client.post("/accounts/card", data={"code": world.young_child.code})
    response = other.submit(key)
    assert response.status_code == 302 and response.headers["Location"] == f"/surveys/{survey_id}"
    assert _rows(app, survey_id) == []


def test_another_child_never_sees_a_text_answer(app, world, taking, survey_id):
    _answer_all(taking)
    taking.submit()
    other = Answering(app.test_client(), survey_id)
    other.client.post("/accounts/card", data={"code": world.young_child.code})
    other.start()
    for path in ("", "/answer?q=ideas", "/review"):
        assert "Thêm cây xanh" not in other.client.get(f"/surveys/{survey_id}{path}").get_data(as_text=True)


def test_erasing_a_child_keeps_submitted_answers_without_the_child(app, world, taking, survey_id):
    _answer_all(taking)
    taking.submit()
    with app.app_context():
        accounts.erase_child(db.session.get(User, world.child.id), None, "test")
        db.session.commit()
    [stored] = _responses(app)
    assert stored.child_id is None and stored.age_band == "9-11"
    assert len(_rows(app, survey_id)) == 10


@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"), reason="row locks need PostgreSQL"
)
def test_concurrent_submits_on_postgresql_store_exactly_one_set(app, taking, survey_id, world):
    """Two threads, each with its own app context and session, submit the same draft at once."""
    _answer_all(taking)
    barrier = threading.Barrier(2, timeout=10)
    outcomes: list[bool] = []
    failures: list[BaseException] = []

    def submit_in_thread() -> None:
        try:
            with app.app_context():
                survey = db.session.get(Survey, survey_id)
                child = db.session.get(User, world.child.id)
                response = services.get_response(survey, child)
                context = services.child_context(child, app.config["AGE_BANDS"], local_today())
                assert response.status is ResponseStatus.DRAFT
                barrier.wait()  # both have read the draft before either writes
                result = services.submit(response, survey, context)
                db.session.commit()
                outcomes.append(result.already_submitted)
        except BaseException as error:  # reported by the main thread
            failures.append(error)

    threads = [threading.Thread(target=submit_in_thread) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert failures == []
    assert sorted(outcomes) == [False, True]
    assert len(_rows(app, survey_id)) == 10
    with app.app_context():
        assert db.session.execute(sa.select(sa.func.count()).select_from(Answer)).scalar_one() == 10


# Closed while answering --------------------------------------------------------------------------------


def _close(app, survey_id: int, *, by_date: bool = False) -> None:
    with app.app_context():
        consultation = db.session.get(Survey, survey_id).consultation
        if by_date:
            yesterday = local_today().toordinal() - 1
            consultation.opens_on = consultation.opens_on.fromordinal(yesterday - 5)
            consultation.closes_on = consultation.closes_on.fromordinal(yesterday)
            consultation.feedback_by = None
        else:
            consultations.change_status(consultation, ConsultationStatus.CLOSED)
        db.session.commit()


@pytest.mark.parametrize("by_date", [False, True])
def test_closed_while_answering_is_explained_and_keeps_what_was_typed(app, taking, survey_id, by_date):
    taking.answer("fun", "4")
    taking.answer("where", "home")
    before = _responses(app)[0].draft
    _close(app, survey_id, by_date=by_date)
    response = taking.post("activities", {"q-activities": ["music"], "q-ideas": "ignored"})
    assert response.status_code == 410
    html = response.get_data(as_text=True)
    assert "This survey has closed" in html
    assert "Nothing you wrote is lost" in html
    assert 'value="music" checked disabled' in html  # what was just typed, read-only
    assert 'value="4" checked disabled' in html  # and the draft
    typed = taking.post("ideas", {"q-ideas": "Ý tưởng chưa gửi"})
    assert typed.status_code == 410 and "Ý tưởng chưa gửi</textarea>" in typed.get_data(as_text=True)
    assert taking.submit("any").status_code == 410
    for path in ("", "/answer?q=fun", "/review"):
        assert taking.client.get(f"/surveys/{survey_id}{path}").status_code == 410
    autosave = taking.client.post(f"/surveys/{survey_id}/draft", data={"question": "ideas", "q-ideas": "x"})
    assert autosave.status_code == 410
    [stored] = _responses(app)
    assert stored.draft == before and stored.status is ResponseStatus.DRAFT
    assert _rows(app, survey_id) == []


def test_closed_survey_without_a_response_is_not_found(app, client, world, auth, survey_id):
    _close(app, survey_id)
    auth.card(world.child)
    assert client.get(f"/surveys/{survey_id}").status_code == 404


def test_a_submitted_survey_still_thanks_after_closing(app, taking, survey_id):
    _answer_all(taking)
    taking.submit()
    _close(app, survey_id)
    assert taking.client.get(f"/surveys/{survey_id}/thanks").status_code == 200
    assert taking.client.get(f"/surveys/{survey_id}").headers["Location"].endswith("/thanks")


def test_a_seven_year_olds_snapshot_has_their_band(app, client, world):
    with app.app_context():
        child = make_child_login(app, 7, world.classroom_id)
        survey = make_survey(make_consultation(bands=["6-8"]), None)
        db.session.commit()
        survey_id = survey.id
    client.post("/accounts/card", data={"code": child.code})
    taking = Answering(client, survey_id)
    taking.start()
    _answer_all(taking)
    assert taking.submit().status_code == 302
    assert _responses(app)[0].age_band == "6-8"
