"""Taking a survey: who may open it, the child's home page, one question per screen forwards and
back, every condition operator, the whole-survey page for older children, and resuming."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from forum.accounts import services as accounts
from forum.accounts.models import ConsentKind
from forum.consultations.models import ConsultationStatus
from forum.extensions import db
from forum.schools import services as schools
from forum.surveys.models import Response
from tests.surveys.conftest_taking import (
    ALL_TYPES,
    Answering,
    local_today,
    make_child_login,
    make_consultation,
    make_open_survey,
    make_survey,
    next_key,
    option,
    texts,
)


@pytest.fixture
def survey_id(app, world) -> int:
    with app.app_context():
        survey = make_open_survey()
        db.session.commit()
        return survey.id


@pytest.fixture
def teen(app, world):
    with app.app_context():
        return make_child_login(app, 14, world.classroom_id)


def _draft(app, survey_id: int, child_id: int) -> tuple[dict[str, Any], int]:
    with app.app_context():
        response = db.session.execute(
            sa.select(Response).where(Response.survey_id == survey_id, Response.child_id == child_id)
        ).scalar_one()
        return dict(response.draft), response.step


# Home page -----------------------------------------------------------------------------------


def test_home_lists_the_open_survey_with_audience_closing_date_and_state(client, world, auth, survey_id):
    auth.card(world.child)
    taking = Answering(client, survey_id).english()
    html = client.get("/children/").get_data(as_text=True)
    assert "Play and safety on the way to school" in html
    assert "What should the city do so children play safely?" in html  # no 9-11 summary: the policy question
    assert "The city People&#39;s Committee" in html
    assert "Not started" in html and f'href="/surveys/{survey_id}"' in html
    assert "Nothing is open for you right now" not in html

    taking.start()
    taking.answer("fun", "4")
    html = client.get("/children/").get_data(as_text=True)
    assert "You can continue where you stopped." in html and "Continue where you stopped" in html


def test_the_youngest_see_their_own_summary(app, client, world, auth, survey_id):
    auth.card(world.young_child)
    Answering(client, survey_id).english()
    assert "Grown-ups want to know where you play." in client.get("/children/").get_data(as_text=True)


def test_a_child_without_consent_sees_the_survey_and_why_they_cannot_start(app, client, world, survey_id):
    with app.app_context():
        waiting = make_child_login(app, 10, world.classroom_id, guardian_consent=False)
    client.post("/language/en")
    client.post("/accounts/card", data={"code": waiting.code})
    html = client.get("/children/").get_data(as_text=True)
    assert "Play and safety on the way to school" in html
    assert "You can start when your parent or carer has said yes." in html
    assert f'href="/surveys/{survey_id}"' not in html


def test_home_leaves_out_surveys_not_meant_for_the_child(app, client, world, auth):
    with app.app_context():
        other_area = schools.get_school(world.other_school_id).area
        make_survey(make_consultation(bands=["12-14"]))
        make_survey(make_consultation(areas=[other_area]))
        make_survey(make_consultation(), publish=False)
        make_survey(make_consultation(status=ConsultationStatus.CLOSED))
        make_survey(make_consultation(status=ConsultationStatus.DRAFT))
        db.session.commit()
    auth.card(world.child)
    client.post("/language/en")
    assert "Nothing is open for you right now" in client.get("/children/").get_data(as_text=True)


# Who may open a survey -------------------------------------------------------------------------


@pytest.mark.parametrize("case", ["band", "area", "unpublished", "closed", "draft", "future", "missing"])
def test_a_survey_not_for_the_child_is_not_found(app, client, world, auth, case):
    with app.app_context():
        other_area = schools.get_school(world.other_school_id).area
        today = local_today()
        consultation = {
            "band": lambda: make_consultation(bands=["12-14"]),
            "area": lambda: make_consultation(areas=[other_area]),
            "unpublished": make_consultation,
            "closed": lambda: make_consultation(status=ConsultationStatus.CLOSED),
            "draft": lambda: make_consultation(status=ConsultationStatus.DRAFT),
            "future": lambda: make_consultation(
                opens_on=today + timedelta(days=5), closes_on=today + timedelta(days=9)
            ),
            "missing": make_consultation,
        }[case]()
        survey = make_survey(consultation, publish=case != "unpublished")
        db.session.commit()
        survey_id = survey.id if case != "missing" else survey.id + 1000
    auth.card(world.child)
    for method, path in [("GET", ""), ("POST", "/start"), ("GET", "/answer"), ("POST", "/answer"), ("GET", "/review")]:
        response = client.open(f"/surveys/{survey_id}{path}", method=method, data={"shown": "fun"})
        assert response.status_code == 404, (method, path)
    with app.app_context():
        assert db.session.execute(sa.select(sa.func.count()).select_from(Response)).scalar_one() == 0


def test_a_child_without_guardian_consent_is_told_kindly(app, client, world, survey_id):
    with app.app_context():
        waiting = make_child_login(app, 10, world.classroom_id, guardian_consent=False)
    client.post("/language/en")
    client.post("/accounts/card", data={"code": waiting.code})
    for method, path in [("GET", ""), ("POST", "/start"), ("GET", "/answer")]:
        response = client.open(f"/surveys/{survey_id}{path}", method=method)
        assert response.status_code == 403
        html = response.get_data(as_text=True)
        assert "We are waiting for your parent or carer to say yes." in html
        assert "<h1" in html and "You cannot answer yet</h1>" in html
    with app.app_context():
        assert db.session.execute(sa.select(sa.func.count()).select_from(Response)).scalar_one() == 0


def test_a_child_who_said_no_is_told_they_can_change_their_mind(app, client, world, survey_id):
    with app.app_context():
        no = make_child_login(app, 12, world.classroom_id, assent=False)
    client.post("/language/en")
    client.post("/accounts/card", data={"code": no.code})
    response = client.get(f"/surveys/{survey_id}")
    assert response.status_code == 403
    assert "You said you do not want to take part for now." in response.get_data(as_text=True)
    assert 'href="/children/assent"' in response.get_data(as_text=True)


def test_withdrawn_consent_stops_a_child_in_the_middle(app, client, world, auth, survey_id):
    auth.card(world.child)
    taking = Answering(client, survey_id).english()
    taking.start()
    taking.answer("fun", "3")
    with app.app_context():
        child = accounts.get_child(world.child.id)
        assert child is not None
        for consent in child.consents:
            if consent.kind is ConsentKind.GUARDIAN:
                consent.granted = False
        db.session.commit()
    assert taking.post("where", {"q-where": "park"}).status_code == 403
    assert _draft(app, survey_id, world.child.id)[0] == {"fun": "3"}


def test_staff_cannot_take_surveys(client, world, auth, survey_id):
    auth.staff(world.policy)
    assert client.get(f"/surveys/{survey_id}").status_code == 403


# Intro and start -----------------------------------------------------------------------------


def test_intro_says_what_it_is_about_who_reads_it_and_when_feedback_comes(client, world, auth, survey_id):
    auth.card(world.child)
    Answering(client, survey_id).english()
    html = client.get(f"/surveys/{survey_id}").get_data(as_text=True)
    assert "Your playground" in html and "Tell us what you think." in html
    assert "Who will read your answers" in html and "The city People&#39;s Committee" in html
    assert "When you will hear back" in html and "we will tell you here what was decided" in html
    assert ">Start" in html
    assert "How do you want to answer?" not in html  # 9-11: always one question at a time


def test_intro_is_in_vietnamese_by_default(client, world, auth, survey_id):
    auth.card(world.child)
    html = client.get(f"/surveys/{survey_id}").get_data(as_text=True)
    assert "Sân chơi của em" in html and "Ủy ban nhân dân thành phố" in html


def test_starting_twice_keeps_one_response(app, client, world, auth, survey_id):
    auth.card(world.child)
    taking = Answering(client, survey_id)
    first = taking.start()
    second = taking.start()
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"] == f"/surveys/{survey_id}/answer?q=fun"
    with app.app_context():
        assert db.session.execute(sa.select(sa.func.count()).select_from(Response)).scalar_one() == 1


def test_answer_pages_before_starting_go_to_the_intro(client, world, auth, survey_id):
    auth.card(world.child)
    for path in ("/answer", "/review", "/thanks"):
        response = client.get(f"/surveys/{survey_id}{path}")
        assert response.status_code == 302 and response.headers["Location"] == f"/surveys/{survey_id}"


# One question per screen -----------------------------------------------------------------------


def test_one_question_per_screen_forwards_with_conditions_and_progress(client, world, auth, survey_id):
    auth.card(world.child)
    taking = Answering(client, survey_id).english()
    taking.start()
    page = taking.get("fun").get_data(as_text=True)
    # fun, where, activities, agree_park, stars, rank, ideas, bye (safe, drawing_hours, more_drawing hidden)
    assert "Question 1 of 8" in page and 'max="8" value="1"' in page
    assert next_key(taking.answer("fun", "5")) == "where"
    assert next_key(taking.answer("where", "park")) == "safe"  # one_of: park
    page = taking.get("safe").get_data(as_text=True)
    assert "Question 3 of 9" in page  # the newly shown question counts
    assert next_key(taking.answer("safe", "yes")) == "activities"
    assert next_key(taking.answer("activities", ["drawing", "music"])) == "drawing_hours"  # selected
    assert next_key(taking.answer("drawing_hours", "7")) == "more_drawing"  # gt 5
    assert next_key(taking.answer("more_drawing", "Cây và mèo")) == "agree_park"  # not equals home
    assert next_key(taking.answer("agree_park", "4")) == "stars"
    assert next_key(taking.answer("stars", "4")) == "rank"
    assert next_key(taking.answer("rank", {"q-rank-trees": "1", "q-rank-slides": "2"})) == "ideas"
    assert next_key(taking.answer("ideas", "Thêm cây xanh")) == "bye"
    assert taking.answer("bye") == f"/surveys/{survey_id}/review"


def test_back_goes_to_the_previous_visible_question_keeping_answers(app, client, world, auth, survey_id):
    auth.card(world.child)
    taking = Answering(client, survey_id).english()
    taking.start()
    taking.answer("fun", "2")
    taking.answer("where", "school")  # safe is hidden
    assert next_key(taking.answer("activities", ["reading"], action="back")) == "where"
    assert 'value="school" checked' in taking.get("where").get_data(as_text=True)
    assert next_key(taking.answer("where", "school", action="back")) == "fun"
    assert 'value="2" checked' in taking.get("fun").get_data(as_text=True)
    assert taking.answer("fun", "2", action="back") == f"/surveys/{survey_id}"
    draft, step = _draft(app, survey_id, world.child.id)
    assert draft == {"fun": "2", "where": "school", "activities": ["reading"]}
    assert step == 0


def test_back_does_not_insist_on_a_required_answer(client, world, auth, survey_id):
    auth.card(world.child)
    taking = Answering(client, survey_id)
    taking.start()
    assert taking.post("fun", {}, action="back").status_code == 302
    assert taking.post("fun", {}).status_code == 400


def test_clearing_an_answer_removes_it_from_the_draft(app, client, world, auth, survey_id):
    auth.card(world.child)
    taking = Answering(client, survey_id)
    taking.start()
    taking.answer("fun", "1")
    taking.answer("where", "home")
    taking.answer("where", None, action="back")
    assert _draft(app, survey_id, world.child.id)[0] == {"fun": "1"}


def test_a_hidden_or_unknown_question_in_the_address_goes_to_where_the_child_stopped(client, world, auth, survey_id):
    auth.card(world.child)
    taking = Answering(client, survey_id)
    taking.start()
    taking.answer("fun", "1")
    for key in ("safe", "nope", None):
        response = taking.get(key)
        assert response.status_code == 302 and next_key(response.headers["Location"]) == "where"


def test_a_question_not_in_the_survey_is_refused(app, client, world, auth, survey_id):
    auth.card(world.child)
    taking = Answering(client, survey_id)
    taking.start()
    assert taking.post("nope", {"q-nope": "1"}).status_code == 400
    assert client.post(f"/surveys/{survey_id}/answer", data={"q-fun": "1"}).status_code == 400
    assert _draft(app, survey_id, world.child.id)[0] == {}


# Every condition operator ------------------------------------------------------------------------

CHOICE = {
    "key": "a",
    "type": "single_choice",
    "text": texts("A?", "A?"),
    "allow_decline": True,
    "options": [option("x", "X", "X"), option("y", "Y", "Y"), option("z", "Z", "Z")],
}
MANY = {**CHOICE, "type": "multiple_choice"}
NUMBER = {"key": "a", "type": "number", "text": texts("Bao nhiêu?", "How many?"), "allow_decline": True}
LAST = {"key": "c", "type": "yes_no", "text": texts("C?", "C?")}


def _when(condition: dict[str, Any]) -> dict[str, Any]:
    return {"key": "b", "type": "yes_no", "text": texts("B?", "B?"), "condition": condition}


OPERATOR_CASES = [
    # (first question, condition on it, answer, shown?)
    (CHOICE, {"op": "equals", "question": "a", "value": "x"}, "x", True),
    (CHOICE, {"op": "equals", "question": "a", "value": "x"}, "y", False),
    (CHOICE, {"op": "not_equals", "question": "a", "value": "x"}, "y", True),
    (CHOICE, {"op": "not_equals", "question": "a", "value": "x"}, "x", False),
    (CHOICE, {"op": "not_equals", "question": "a", "value": "x"}, "__declined__", False),
    (CHOICE, {"op": "one_of", "question": "a", "values": ["x", "z"]}, "z", True),
    (CHOICE, {"op": "one_of", "question": "a", "values": ["x", "z"]}, "y", False),
    (MANY, {"op": "selected", "question": "a", "value": "y"}, ["x", "y"], True),
    (MANY, {"op": "selected", "question": "a", "value": "y"}, ["x", "z"], False),
    (NUMBER, {"op": "equals", "question": "a", "value": 3}, "3", True),
    (NUMBER, {"op": "lt", "question": "a", "value": 3}, "2", True),
    (NUMBER, {"op": "lt", "question": "a", "value": 3}, "3", False),
    (NUMBER, {"op": "le", "question": "a", "value": 3}, "3", True),
    (NUMBER, {"op": "le", "question": "a", "value": 3}, "3.5", False),
    (NUMBER, {"op": "gt", "question": "a", "value": 3}, "4", True),
    (NUMBER, {"op": "gt", "question": "a", "value": 3}, "3", False),
    (NUMBER, {"op": "ge", "question": "a", "value": 3}, "3", True),
    (NUMBER, {"op": "ge", "question": "a", "value": 3}, "2,5", False),
    (NUMBER, {"op": "gt", "question": "a", "value": 3}, "__declined__", False),
    (NUMBER, {"op": "lt", "question": "a", "value": 3}, "", False),
    (
        NUMBER,
        {"op": "and", "args": [{"op": "gt", "question": "a", "value": 1}, {"op": "lt", "question": "a", "value": 5}]},
        "3",
        True,
    ),
    (
        NUMBER,
        {"op": "and", "args": [{"op": "gt", "question": "a", "value": 1}, {"op": "lt", "question": "a", "value": 5}]},
        "6",
        False,
    ),
    (
        CHOICE,
        {
            "op": "or",
            "args": [{"op": "equals", "question": "a", "value": "x"}, {"op": "equals", "question": "a", "value": "z"}],
        },
        "z",
        True,
    ),
    (
        CHOICE,
        {
            "op": "or",
            "args": [{"op": "equals", "question": "a", "value": "x"}, {"op": "equals", "question": "a", "value": "z"}],
        },
        "y",
        False,
    ),
    (CHOICE, {"op": "not", "arg": {"op": "equals", "question": "a", "value": "x"}}, "y", True),
    (CHOICE, {"op": "not", "arg": {"op": "equals", "question": "a", "value": "x"}}, "x", False),
    (CHOICE, {"op": "not", "arg": {"op": "equals", "question": "a", "value": "x"}}, "", True),
]


@pytest.mark.parametrize("first,condition,answer,shown", OPERATOR_CASES)
def test_every_condition_operator_shows_or_hides_the_next_question(
    app, client, world, auth, first, condition, answer, shown
):
    with app.app_context():
        survey = make_survey(make_consultation(), [first, _when(condition), LAST])
        db.session.commit()
        survey_id = survey.id
    auth.card(world.child)
    taking = Answering(client, survey_id)
    taking.start()
    assert next_key(taking.answer("a", answer)) == ("b" if shown else "c")
    total = 3 if shown else 2
    assert f'max="{total}" value="2"' in taking.get("b" if shown else "c").get_data(as_text=True)


# The whole survey on one page (older children) -----------------------------------------------------


def test_a_teenager_can_take_the_whole_survey_on_one_page(app, client, world, teen, survey_id):
    client.post("/language/en")
    client.post("/accounts/card", data={"code": teen.code})
    intro = client.get(f"/surveys/{survey_id}").get_data(as_text=True)
    assert "How do you want to answer?" in intro and "All questions on one page" in intro
    taking = Answering(client, survey_id)
    assert taking.start("page").headers["Location"] == f"/surveys/{survey_id}/answer"
    page = taking.get().get_data(as_text=True)
    for key in ("fun", "where", "activities", "agree_park", "stars", "rank", "ideas", "bye"):
        assert f'id="q-{key}"' in page
    assert 'id="q-safe"' not in page and "Show one question at a time" in page
    shown = ["fun", "where", "activities", "agree_park", "stars", "rank", "ideas", "bye"]
    answers = {
        "q-fun": "5",
        "q-where": "street",
        "q-activities": ["football"],
        "q-agree_park": "5",
        "q-stars": "3",
        "q-rank-benches": "1",
        "q-ideas": "Đèn giao thông gần trường",
    }
    response = taking.post_page(shown, answers)
    assert response.status_code == 302 and response.headers["Location"] == f"/surveys/{survey_id}/answer#q-safe"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Some more questions appeared" in page and 'id="q-safe"' in page
    assert 'value="Đèn giao thông gần trường"' not in page and "Đèn giao thông gần trường</textarea>" in page
    response = taking.post_page([*shown, "safe"], {**answers, "q-safe": "no"})
    assert response.headers["Location"] == f"/surveys/{survey_id}/review"
    draft, _ = _draft(app, survey_id, teen.id)
    assert draft["safe"] == "no" and draft["rank"] == ["benches"] and draft["ideas"] == "Đèn giao thông gần trường"


def test_one_page_errors_come_back_with_everything_typed_and_nothing_saved(app, client, world, teen, survey_id):
    client.post("/language/en")
    client.post("/accounts/card", data={"code": teen.code})
    taking = Answering(client, survey_id)
    taking.start("page")
    response = taking.post_page(["fun", "where", "ideas"], {"q-where": "park", "q-ideas": "Ý tưởng của em"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "This question needs an answer." in html and 'href="#q-fun"' in html
    assert 'value="park" checked' in html and "Ý tưởng của em</textarea>" in html
    assert _draft(app, survey_id, teen.id)[0] == {}


def test_the_layout_choice_is_remembered_and_can_be_switched(client, world, teen, survey_id):
    client.post("/accounts/card", data={"code": teen.code})
    taking = Answering(client, survey_id)
    taking.start("page")
    assert 'id="q-stars"' in taking.get().get_data(as_text=True)
    client.post(f"/surveys/{survey_id}/layout", data={"layout": "steps"})
    assert taking.get().headers["Location"] == f"/surveys/{survey_id}/answer?q=fun"
    client.post(f"/surveys/{survey_id}/layout", data={"layout": "nonsense"})
    assert taking.get().status_code == 302


def test_younger_children_always_get_one_question_per_screen(client, world, auth, survey_id):
    auth.card(world.child)
    taking = Answering(client, survey_id)
    assert taking.start("page").headers["Location"] == f"/surveys/{survey_id}/answer?q=fun"
    client.post(f"/surveys/{survey_id}/layout", data={"layout": "page"})
    assert taking.get().status_code == 302
    assert taking.post_page(["fun", "where"], {"q-fun": "1"}).headers["Location"].endswith("?q=where")


# Resuming -------------------------------------------------------------------------------------------


def test_signing_out_and_back_in_resumes_where_the_child_stopped(app, client, world, auth, survey_id):
    auth.card(world.child)
    taking = Answering(client, survey_id).english()
    taking.start()
    taking.answer("fun", "4")
    taking.answer("where", "park")
    auth.sign_out()
    auth.card(world.child)
    client.post("/language/en")
    home = client.get("/children/").get_data(as_text=True)
    assert "Continue where you stopped" in home
    assert "Continue where you stopped" in client.get(f"/surveys/{survey_id}").get_data(as_text=True)
    resumed = taking.start()
    assert next_key(resumed.headers["Location"]) == "safe"
    taking.answer("safe", "yes", action="back")
    assert 'value="park" checked' in taking.get("where").get_data(as_text=True)
    assert _draft(app, survey_id, world.child.id)[0] == {"fun": "4", "where": "park", "safe": "yes"}


def test_resuming_after_the_last_question_goes_to_the_review(client, world, auth):
    with client.application.app_context():
        survey = make_survey(make_consultation(), [ALL_TYPES[0]])
        db.session.commit()
        survey_id = survey.id
    auth.card(world.child)
    taking = Answering(client, survey_id)
    taking.start()
    taking.answer("fun", "3")
    assert taking.start().headers["Location"] == f"/surveys/{survey_id}/review"


def test_progress_bar_is_accessible(client, world, auth, survey_id):
    auth.card(world.young_child)
    taking = Answering(client, survey_id).english()
    taking.start()
    html = taking.get("fun").get_data(as_text=True)
    assert '<progress class="survey-progress__bar" max="8" value="1" aria-labelledby="survey-progress-label">' in html
    assert '<meta name="csrf-token"' in html
    assert "Is break time fun?" in html  # band wording for 6-8


def test_a_signed_out_child_is_sent_to_the_card_page_and_back(client, world, survey_id):
    response = client.get(f"/surveys/{survey_id}/answer?q=where")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/card?next=")
    signed_in = client.post(response.headers["Location"], data={"code": world.child.code})
    assert signed_in.headers["Location"] == f"/surveys/{survey_id}/answer?q=where"
