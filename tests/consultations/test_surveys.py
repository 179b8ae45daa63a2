"""Surveys in a consultation: creating and editing one, publishing, unpublishing, previewing."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask

from forum.accounts.models import User
from forum.extensions import db
from forum.surveys import services as surveys
from forum.surveys.definition import OptionDefinition, QuestionDefinition, QuestionType
from forum.surveys.models import Survey, SurveyStatus
from tests.consultations.conftest import BANDS, load_survey, make_consultation, make_survey, text_of, yes_no
from tests.consultations.test_builder import base


def _surveys(app: Flask) -> list[Survey]:
    with app.app_context():
        rows = list(db.session.execute(sa.select(Survey).order_by(Survey.id)).scalars())
        db.session.expunge_all()
        return rows


def _status(app: Flask, sid: int) -> SurveyStatus:
    with app.app_context():
        survey = db.session.get(Survey, sid)
        assert survey is not None
        return survey.status


def test_create_a_survey(app: Flask, policy_client, consultation_id: int) -> None:
    url = f"/consultations/{consultation_id}/surveys/new"
    assert policy_client.get(url).status_code == 200
    data = {
        "title_vi": "Đường đến trường",
        "title_en": "The way to school",
        "intro_vi": "5 phút",
        "target_bands": ["6-8", "9-11"],
    }
    response = policy_client.post(url, data=data)
    assert response.status_code == 302
    (survey,) = _surveys(app)
    assert response.headers["Location"] == base(survey.id, consultation_id)
    assert (survey.title, survey.intro, survey.target_bands) == (
        {"vi": "Đường đến trường", "en": "The way to school"},
        {"vi": "5 phút"},
        ["6-8", "9-11"],
    )
    assert survey.status is SurveyStatus.DRAFT
    page = text_of(policy_client.get(f"/consultations/{consultation_id}"))
    assert "The way to school" in page and "Draft" in page


@pytest.mark.parametrize(
    "data, message",
    [
        ({"title_vi": ""}, "Please give the survey a title in Vietnamese."),
        ({"title_vi": "x" * 201}, "Use at most 200 characters."),
        ({"title_vi": "Khảo sát", "target_bands": ["18-99"]}, "Choose from the list."),
        ({"title_vi": "Khảo sát", "intro_vi": "\x07"}, "invisible control characters"),
    ],
)
def test_bad_survey_input_is_refused(policy_client, consultation_id: int, snapshot, data, message) -> None:
    before = snapshot()
    response = policy_client.post(f"/consultations/{consultation_id}/surveys/new", data=data)
    assert response.status_code == 400
    assert message in text_of(response)
    assert snapshot() == before


def test_a_survey_offers_only_its_consultations_bands(app: Flask, policy_client) -> None:
    with app.app_context():
        cid = make_consultation(target_bands=["12-14"])
        db.session.commit()
    form = text_of(policy_client.get(f"/consultations/{cid}/surveys/new"))
    assert 'value="12-14"' in form and 'value="6-8"' not in form
    response = policy_client.post(f"/consultations/{cid}/surveys/new", data={"title_vi": "A", "target_bands": ["6-8"]})
    assert response.status_code == 400


def test_edit_a_survey_keeps_its_questions(app: Flask, policy_client, consultation_id: int, survey_id: int) -> None:
    url = base(survey_id, consultation_id) + "/edit"
    assert "Khảo sát" in text_of(policy_client.get(url))
    assert policy_client.post(url, data={"title_vi": "Tên mới", "target_bands": ["15-17"]}).status_code == 302
    definition = load_survey(app, survey_id)
    assert definition.title == {"vi": "Tên mới"}
    assert definition.target_bands == ("15-17",)
    assert [q.key for q in definition.questions] == ["q1"]


def test_a_published_survey_cannot_be_edited(app: Flask, policy_client, consultation_id: int, survey_id: int) -> None:
    assert policy_client.post(base(survey_id, consultation_id) + "/publish").status_code == 302
    response = policy_client.post(base(survey_id, consultation_id) + "/edit", data={"title_vi": "Tên mới"})
    assert response.status_code == 400
    assert "unpublish it before changing it" in text_of(response)
    assert load_survey(app, survey_id).title["vi"] == "Khảo sát"


# Publishing ------------------------------------------------------------------------------

OPTIONS = (OptionDefinition("a", {"vi": "A"}), OptionDefinition("b", {"vi": "B"}))


def _q(key: str, **changes) -> QuestionDefinition:  # type: ignore[no-untyped-def]
    fields = {
        "key": key,
        "type": QuestionType.SINGLE_CHOICE,
        "text": {"vi": f"Câu {key}"},
        "options": OPTIONS,
    } | changes
    return QuestionDefinition(**fields)


PROBLEMS = [
    ({"title": {"en": "English only"}}, (_q("q1"),), "The survey has no title in Vietnamese.", None),
    ({}, (), "The survey has no question to answer yet.", None),
    ({}, (_q("n1", type=QuestionType.NOTE, options=()),), "The survey has no question to answer yet.", None),
    (
        {},
        (_q("q1", text={"en": "Only English"}),),
        "Question q1 has no Vietnamese wording for children aged 6–8.",
        "q1",
    ),
    (
        {"target_bands": ("12-14",)},
        (_q("q1", text={"en": "Only English"}, band_text={"12-14": {"en": "Still English"}}),),
        "Question q1 has no Vietnamese wording for children aged 12–14.",
        "q1",
    ),
    (
        {},
        (_q("q1", options=(OptionDefinition("a", {"en": "A"}), OPTIONS[1])),),
        "the option “a” has no Vietnamese label",
        "q1",
    ),
    ({}, (_q("q1", options=OPTIONS[:1]),), "Question q1 needs at least two options.", "q1"),
    (
        {},
        (_q("q1", condition={"op": "equals", "question": "q2", "value": "a"}), _q("q2")),
        "The condition of question q1 refers to q2, which is not before it",
        "q1",
    ),
    (
        {},
        (_q("q1"), _q("q2", condition={"op": "equals", "question": "zz", "value": "a"})),
        "refers to zz, which does not exist",
        "q2",
    ),
    (
        {},
        (_q("q1"), _q("q2", condition={"op": "equals", "question": "q1", "value": "zz"})),
        "uses an option that question q1 does not have",
        "q2",
    ),
    (
        {},
        (_q("q1"), _q("q2", condition={"op": "gt", "question": "q1", "value": 3})),
        "does not fit the kind of question q1",
        "q2",
    ),
    ({}, (_q("q1"), _q("q2", condition={"op": "and", "args": []})), "The condition of question q2 is incomplete", "q2"),
    ({}, (_q("q1"), _q("q2", condition={"op": "xor", "question": "q1"})), "uses an operator we do not know", "q2"),
]


@pytest.mark.parametrize("survey_fields, questions, message, linked", PROBLEMS)
def test_publishing_is_refused_with_every_problem(
    app: Flask, policy_client, consultation_id: int, snapshot, survey_fields, questions, message, linked
) -> None:
    with app.app_context():
        sid = make_survey(consultation_id, questions, **survey_fields)
        db.session.commit()
    before = snapshot()
    response = policy_client.post(base(sid, consultation_id) + "/publish")
    assert response.status_code == 400
    text = text_of(response)
    assert "The survey cannot be published yet" in text
    assert message in text
    if linked:
        assert f'href="{base(sid, consultation_id)}/questions/{linked}/edit"' in text
    assert snapshot() == before
    assert _status(app, sid) is SurveyStatus.DRAFT


def test_every_band_without_wording_is_listed(app: Flask, policy_client, consultation_id: int) -> None:
    with app.app_context():
        sid = make_survey(consultation_id, (_q("q1", text={"en": "Only English"}, band_text={"9-11": {"vi": "Câu"}}),))
        db.session.commit()
    text = text_of(policy_client.post(base(sid, consultation_id) + "/publish"))
    for band in ("6–8", "12–14", "15–17"):
        assert f"no Vietnamese wording for children aged {band}" in text
    assert "aged 9–11" not in text


def test_publishing_works_once_fixed(app: Flask, policy_client, consultation_id: int) -> None:
    with app.app_context():
        sid = make_survey(consultation_id, (_q("q1", options=OPTIONS[:1]),))
        db.session.commit()
    url = base(sid, consultation_id)
    assert policy_client.post(url + "/publish").status_code == 400
    fixed = {
        "type": "single_choice", "key": "q1", "text_vi": "Câu q1", "decline": "auto", "join": "and",
        "options-0-key": "a", "options-0-label_vi": "A", "options-1-key": "b", "options-1-label_vi": "B",
    }  # fmt: skip
    assert policy_client.post(url + "/questions/q1/edit", data=fixed).status_code == 302
    response = policy_client.post(url + "/publish")
    assert response.status_code == 302
    assert _status(app, sid) is SurveyStatus.PUBLISHED
    assert "The survey is published" in text_of(policy_client.get(response.headers["Location"]))
    assert policy_client.post(url + "/publish").status_code == 400  # already published


def test_unpublish_while_no_child_has_started(app: Flask, policy_client, consultation_id: int, survey_id: int) -> None:
    url = base(survey_id, consultation_id)
    policy_client.post(url + "/publish")
    response = policy_client.post(url + "/unpublish")
    assert response.status_code == 302
    assert _status(app, survey_id) is SurveyStatus.DRAFT
    assert "/questions/new" in text_of(policy_client.get(url))


def test_unpublish_is_refused_once_a_child_has_started(
    app: Flask, world, policy_client, consultation_id: int, survey_id: int, snapshot
) -> None:
    url = base(survey_id, consultation_id)
    policy_client.post(url + "/publish")
    with app.app_context():
        survey = surveys.get_survey(survey_id)
        child = db.session.get(User, world.child.id)
        assert survey is not None and child is not None
        surveys.start_response(survey, child)
        db.session.commit()
    before = snapshot()
    response = policy_client.post(url + "/unpublish")
    assert response.status_code == 400
    assert "Children have already started this survey" in text_of(response)
    assert snapshot() == before
    assert _status(app, survey_id) is SurveyStatus.PUBLISHED


# Preview ---------------------------------------------------------------------------------


@pytest.fixture
def preview_survey(app: Flask, consultation_id: int) -> int:
    with app.app_context():
        sid = make_survey(
            consultation_id,
            (
                _q(
                    "q1",
                    text={"vi": "Em thích chơi ở đâu?", "en": "Where do you like to play?"},
                    band_text={"6-8": {"vi": "Em hay chơi ở đâu?", "en": "Where do you play?"}},
                    help={"vi": "Chọn một", "en": "Choose one"},
                    options=(
                        OptionDefinition("park", {"vi": "Công viên", "en": "Park"}),
                        OptionDefinition("yard", {"vi": "Sân", "en": "Yard"}),
                    ),
                ),
                surveys.with_fixed_options(
                    QuestionDefinition(
                        key="q2",
                        type=QuestionType.SMILEY,
                        text={"vi": "Em thấy thế nào?", "en": "How do you feel?"},
                        settings={"points": 5},
                        allow_decline=True,
                        sensitive=True,
                        condition={"op": "equals", "question": "q1", "value": "park"},
                    )
                ),  # fmt: skip
                QuestionDefinition(key="q3", type=QuestionType.RATING, text={"vi": "Cho sao"}, settings={"stars": 4}),
                QuestionDefinition(key="q4", type=QuestionType.NOTE, text={"vi": "Cảm ơn em!"}),
            ),
        )
        db.session.commit()
        return sid


def test_preview_shows_each_bands_wording(policy_client, consultation_id: int, preview_survey: int) -> None:
    url = base(preview_survey, consultation_id) + "/preview"
    young = text_of(policy_client.get(url + "?band=6-8&lang=vi"))
    assert "Em hay chơi ở đâu?" in young and "Em thích chơi ở đâu?" not in young
    assert "Công viên" in young and "Chọn một" in young
    assert "Rất vui" in young and "Chưa vui lắm" in young  # the five smiley faces' words
    assert "Cảm ơn em!" in young
    older = text_of(policy_client.get(url + "?band=12-14&lang=vi"))
    assert "Em thích chơi ở đâu?" in older and "Em hay chơi ở đâu?" not in older
    english = text_of(policy_client.get(url + "?band=6-8&lang=en"))
    assert "Where do you play?" in english and "Park" in english and "Very happy" in english
    assert "I'd rather not say" in english
    assert "Shown if q1 is “Park”" in english  # the staff note, in the staff's language
    assert english.count('name="q-q3"') == 4  # four stars
    for band in BANDS:
        assert f"band={band}" in young
    assert 'aria-current="page">Ages 6–8' in young


def test_preview_defaults_and_bad_bands(policy_client, consultation_id: int, preview_survey: int) -> None:
    url = base(preview_survey, consultation_id) + "/preview"
    assert "Em hay chơi ở đâu?" in text_of(policy_client.get(url))  # the first band, in Vietnamese
    assert policy_client.get(url + "?band=99-100").status_code == 400
    assert policy_client.get(url + "?band=6-8&lang=fr").status_code == 400


def test_preview_only_offers_the_surveys_bands(app: Flask, policy_client, consultation_id: int) -> None:
    with app.app_context():
        sid = make_survey(consultation_id, (yes_no("q1"),), target_bands=("12-14",))
        db.session.commit()
    url = base(sid, consultation_id) + "/preview"
    assert policy_client.get(url).status_code == 200
    assert policy_client.get(url + "?band=6-8").status_code == 400
