"""Every question type as a child sees it, every answer check with its kind message (a 400 that
keeps what the child typed and changes nothing), and the JSON autosave used by survey.js."""

from __future__ import annotations

import re
from typing import Any

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.surveys.models import Response
from tests.surveys.conftest_taking import ALL_TYPES, Answering, make_consultation, make_survey

# The same questions without conditions: every one can be opened and answered directly.
FLAT = [{key: value for key, value in q.items() if key != "condition"} for q in ALL_TYPES]


@pytest.fixture
def survey_id(app, world) -> int:
    with app.app_context():
        survey = make_survey(make_consultation(), FLAT)
        db.session.commit()
        return survey.id


@pytest.fixture
def taking(client, world, auth, survey_id) -> Answering:
    auth.card(world.child)
    answering = Answering(client, survey_id).english()
    answering.start()
    return answering


def _draft(app, survey_id: int) -> dict[str, Any]:
    with app.app_context():
        return dict(db.session.execute(sa.select(Response.draft).where(Response.survey_id == survey_id)).scalar_one())


def _screen(taking: Answering, key: str) -> str:
    response = taking.get(key)
    assert response.status_code == 200
    return response.get_data(as_text=True)


# Rendering ---------------------------------------------------------------------------------------


def test_every_question_is_a_fieldset_with_a_legend_heading_and_a_read_aloud_button(taking):
    for question in FLAT:
        html = _screen(taking, question["key"])
        key = question["key"]
        if question["type"] == "note":
            assert f'<section class="survey-question survey-question--note" id="q-{key}"' in html
            assert "Read this aloud" in html
        else:
            assert re.search(rf'<fieldset class="fieldset survey-question [^"]*" id="q-{key}"', html)
            assert f'<legend>\n    <h1 class="survey-question__text" id="q-{key}-text" tabindex="-1"' in html
            assert "Read the question aloud" in html
        assert question["text"]["en"] in html
        # Read-aloud buttons are hidden until read-aloud.js finds a voice; never inline script or style.
        buttons = re.findall(r"<button type=\"button\" class=\"read-aloud\"[^>]*>", html)
        assert buttons and all(" hidden" in b for b in buttons)
        assert "<script>" not in html and " style=" not in html and " onclick=" not in html


def test_smiley_scale_shows_faces_with_their_words(taking):
    html = _screen(taking, "fun")
    faces = re.findall(r'src="/static/img/(smiley-[a-z-]+\.svg)" alt=""', html)
    assert faces == [f"smiley-{n}.svg" for n in ("not-so-happy", "okay", "quite-happy", "happy", "very-happy")]
    for word in ("Not so happy", "It&#39;s okay", "Quite happy", "Happy", "Very happy"):
        assert f">{word}</span>" in html
    assert html.count('type="radio" id="q-fun-') == 5
    assert "Pick one face." in html and "Needs an answer" in html
    assert "Read this answer aloud" in html


def test_smiley_scale_with_three_faces(app, client, world, auth):
    with app.app_context():
        survey = make_survey(make_consultation(), [{**FLAT[0], "settings": {"points": 3}}])
        db.session.commit()
        survey_id = survey.id
    auth.card(world.young_child)
    taking = Answering(client, survey_id).english()
    taking.start()
    html = _screen(taking, "fun")
    assert re.findall(r"img/smiley-([a-z-]+)\.svg", html) == ["okay", "happy", "very-happy"]
    assert "Is break time fun?" in html  # the youngest band's own wording


def test_choice_questions_are_big_radio_cards_with_an_optional_decline(taking):
    html = _screen(taking, "where")
    assert 'class="radio-group choice-list choice-list--single_choice"' in html
    assert html.count('type="radio"') == 5
    assert 'value="__declined__"' in html and "I'd rather not say" in html
    assert "You can skip this" in html
    yes_no = _screen(taking, "safe")
    assert 'value="__declined__"' not in yes_no
    assert ">Yes</span>" in yes_no and ">No</span>" in yes_no and ">Not sure</span>" in yes_no
    agree = _screen(taking, "agree_park")
    assert ">Strongly disagree</span>" in agree and ">Strongly agree</span>" in agree


def test_multiple_choice_says_how_many_may_be_chosen(taking):
    html = _screen(taking, "activities")
    assert html.count('type="checkbox" id="q-activities-') == 4
    assert "Choose up to 2 answers." in html


def test_rating_is_stars_labelled_in_words(taking):
    html = _screen(taking, "stars")
    for n in range(1, 6):
        assert f">{n} of 5 stars</span>" in html
    assert html.count("star--filled") == 15  # 1 + 2 + 3 + 4 + 5, drawn beside the words


def test_number_input_states_its_range_in_words(taking):
    html = _screen(taking, "drawing_hours")
    assert 'inputmode="numeric"' in html and 'type="text" class="survey-answer__number"' in html
    assert "Write a number from 0 to 40. Use a whole number." in html
    assert '<label class="field__label" for="q-drawing_hours-input">Your answer</label>' in html


def test_text_questions_warn_that_a_moderator_reads_them_first(taking):
    short = _screen(taking, "more_drawing")
    assert 'maxlength="200"' in short and "data-autosave" in short
    assert "Please do not write names, addresses or phone numbers." in short
    long = _screen(taking, "ideas")
    assert "<textarea" in long and 'maxlength="500"' in long
    assert 'data-counter="q-ideas-count"' in long and "You can write up to 500 characters." in long
    assert "reads what you write before anyone else sees it" in long


def test_ranking_is_a_number_box_per_answer(taking):
    html = _screen(taking, "rank")
    assert html.count('<select id="q-rank-') == 3
    assert 'name="q-rank-slides"' in html and '<option value="2">2</option>' in html
    assert '<option value="3">' not in html  # up to 2 places
    assert "up to 2" in html and "data-ranking" in html


def test_questions_are_in_vietnamese_by_default(client, world, auth, survey_id):
    auth.card(world.child)
    taking = Answering(client, survey_id)
    taking.start()
    html = _screen(taking, "where")
    assert "Em thường chơi ở đâu?" in html and ">Công viên</span>" in html
    assert '<html lang="vi">' in html


# Keeping answers -----------------------------------------------------------------------------------

VALID = [
    ("fun", {"q-fun": "5"}, "5"),
    ("where", {"q-where": "__declined__"}, {"declined": True}),
    ("safe", {"q-safe": "not_sure"}, "not_sure"),
    ("activities", {"q-activities": ["music", "football"]}, ["football", "music"]),
    ("drawing_hours", {"q-drawing_hours": " 12 "}, 12),
    ("drawing_hours", {"q-drawing_hours": ["7", "__declined__"]}, {"declined": True}),
    ("more_drawing", {"q-more_drawing": "Con  mèo\nvà cây"}, "Con mèo và cây"),
    ("agree_park", {"q-agree_park": "1"}, "1"),
    ("stars", {"q-stars": "5"}, 5),
    ("rank", {"q-rank-trees": "1", "q-rank-benches": "2", "q-rank-slides": ""}, ["trees", "benches"]),
    ("ideas", {"q-ideas": "Cu\u0300ng nhau\r\nchơi"}, "Cùng nhau\nchơi"),
]


@pytest.mark.parametrize("key,data,stored", VALID)
def test_valid_answers_are_saved_in_the_draft(app, taking, survey_id, key, data, stored):
    assert taking.post(key, data).status_code == 302
    assert _draft(app, survey_id)[key] == stored


def test_the_saved_answer_is_shown_again(taking):
    taking.answer("activities", ["reading", "music"])
    taking.answer("rank", {"q-rank-benches": "1", "q-rank-slides": "2"})
    taking.answer("ideas", "<b>Xin chào</b>")
    html = _screen(taking, "activities")
    assert 'value="reading" checked' in html and 'value="music" checked' in html
    assert 'value="football" checked' not in html
    html = _screen(taking, "rank")
    assert re.search(r'name="q-rank-benches".*?<option value="1" selected>', html, re.S)
    ideas = _screen(taking, "ideas")
    assert "&lt;b&gt;Xin chào&lt;/b&gt;</textarea>" in ideas and "<b>Xin chào</b>" not in ideas


# Refusing answers -----------------------------------------------------------------------------------

INVALID = [
    ("fun", {}, "This question needs an answer."),
    ("fun", {"q-fun": "9"}, "Please choose one of the answers shown"),
    ("where", {"q-where": "football"}, "Please choose one of the answers shown"),  # another question's option
    ("where", {"q-where": ["park", "home"]}, "Please choose one of the answers shown"),
    ("safe", {"q-safe": "__declined__"}, "That choice is not possible for this question."),
    ("stars", {"q-stars": "__declined__"}, "That choice is not possible for this question."),
    ("activities", {"q-activities": ["football", "reading", "music"]}, "Please choose at most 2."),
    ("activities", {"q-activities": ["slides"]}, "Please choose one of the answers shown"),
    ("drawing_hours", {"q-drawing_hours": "1e999"}, "Please write a number with digits"),
    ("drawing_hours", {"q-drawing_hours": "NaN"}, "Please write a number with digits"),
    ("drawing_hours", {"q-drawing_hours": "mười"}, "Please write a number with digits"),
    ("drawing_hours", {"q-drawing_hours": "9" * 60}, "Please write a number with digits"),
    ("drawing_hours", {"q-drawing_hours": "2.5"}, "Please write a whole number"),
    ("drawing_hours", {"q-drawing_hours": "-1"}, "The number must be 0 or more."),
    ("drawing_hours", {"q-drawing_hours": "41"}, "The number must be 40 or less."),
    ("stars", {"q-stars": "6"}, "The number must be 5 or less."),
    ("stars", {"q-stars": "0"}, "The number must be 1 or more."),
    ("more_drawing", {"q-more_drawing": "x" * 201}, "Please use at most 200 characters."),
    ("ideas", {"q-ideas": "a" * 100_000}, "Please use at most 500 characters."),
    ("ideas", {"q-ideas": "xin\u200bchào"}, "Some invisible characters slipped into your text."),
    ("ideas", {"q-ideas": "xin\x00chào"}, "Some invisible characters slipped into your text."),
    ("rank", {"q-rank-trees": "1", "q-rank-slides": "1"}, "Give each number (1, 2, 3 …) to only one answer"),
    ("rank", {"q-rank-trees": "2"}, "Give each number (1, 2, 3 …) to only one answer"),
    ("rank", {"q-rank-trees": "x"}, "Give each number (1, 2, 3 …) to only one answer"),
    ("rank", {"q-rank-trees": "1", "q-rank-slides": "2", "q-rank-benches": "3"}, "Please choose at most 2."),
]


@pytest.mark.parametrize("key,data,message", INVALID)
def test_bad_answers_get_a_kind_400_and_change_nothing(app, taking, survey_id, key, data, message):
    taking.answer("more_drawing", "Đã lưu")
    before = _draft(app, survey_id)
    response = taking.post(key, data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html
    assert 'class="error-summary" role="alert"' in html and f'href="#q-{key}"' in html
    assert f'id="q-{key}-error"' in html
    assert _draft(app, survey_id) == before


def test_a_refused_answer_keeps_what_the_child_typed(taking):
    html = taking.post("more_drawing", {"q-more_drawing": "ồ" * 201}).get_data(as_text=True)
    assert 'value="' + "ồ" * 201 + '"' in html
    html = taking.post("drawing_hours", {"q-drawing_hours": "2.5"}).get_data(as_text=True)
    assert 'value="2.5"' in html and 'aria-invalid="true"' in html
    html = taking.post("rank", {"q-rank-trees": "1", "q-rank-slides": "1"}).get_data(as_text=True)
    assert html.count('<option value="1" selected>') == 2


def test_bad_input_is_refused_in_vietnamese_too(client, world, auth, survey_id):
    auth.card(world.child)
    taking = Answering(client, survey_id)
    taking.start()
    response = taking.post("drawing_hours", {"q-drawing_hours": "1e999"})
    assert response.status_code == 400 and '<html lang="vi">' in response.get_data(as_text=True)


# Autosave (survey.js) --------------------------------------------------------------------------------


def test_autosave_saves_one_text_answer_and_keeps_the_step(app, client, taking, survey_id):
    taking.answer("fun", "2")
    url = f"/surveys/{survey_id}/draft"
    response = client.post(url, data={"question": "ideas", "q-ideas": "Thêm ghế đá"})
    assert response.status_code == 200 and response.get_json() == {"ok": True, "message": "Saved"}
    draft = _draft(app, survey_id)
    assert draft == {"fun": "2", "ideas": "Thêm ghế đá"}
    with app.app_context():
        assert db.session.execute(sa.select(Response.step)).scalar_one() == 1
    refused = client.post(url, data={"question": "ideas", "q-ideas": "a" * 100_000})
    assert refused.status_code == 422 and "at most 500 characters" in refused.get_json()["message"]
    assert client.post(url, data={"question": "nope", "q-nope": "x"}).status_code == 400
    assert client.post(url, data={"question": "bye"}).status_code == 400
    assert _draft(app, survey_id) == draft


def test_autosave_before_starting_saves_nothing(app, client, world, auth, survey_id):
    auth.card(world.child)
    response = client.post(f"/surveys/{survey_id}/draft", data={"question": "ideas", "q-ideas": "x"})
    assert response.status_code == 409 and response.get_json()["ok"] is False


@pytest.mark.parametrize("app_config", [{"WTF_CSRF_ENABLED": True}])
def test_autosave_needs_the_csrf_token_header(app, client, world, survey_id):
    page = client.get("/accounts/card").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    assert client.post("/accounts/card", data={"code": world.child.code, "csrf_token": token}).status_code == 302
    intro = client.get(f"/surveys/{survey_id}").get_data(as_text=True)
    token = re.search(r'<meta name="csrf-token" content="([^"]+)">', intro).group(1)  # type: ignore[union-attr]
    assert client.post(f"/surveys/{survey_id}/start").status_code == 400
    assert client.post(f"/surveys/{survey_id}/start", data={"csrf_token": token}).status_code == 302
    url = f"/surveys/{survey_id}/draft"
    assert client.post(url, data={"question": "ideas", "q-ideas": "x"}).status_code == 400
    saved = client.post(url, data={"question": "ideas", "q-ideas": "x"}, headers={"X-CSRFToken": token})
    assert saved.status_code == 200 and saved.get_json()["ok"] is True
    assert _draft(app, survey_id) == {"ideas": "x"}
