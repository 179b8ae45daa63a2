from dataclasses import replace
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from forum.accounts import services as accounts
from forum.consultations import services as consultations
from forum.consultations.models import ConsultationStatus
from forum.extensions import db
from forum.surveys import services
from forum.surveys.conditions import DECLINED
from forum.surveys.definition import QuestionDefinition, QuestionType, from_json
from forum.surveys.models import Answer, Response, ResponseStatus, SurveyStatus, TextStatus
from tests.surveys.test_definition import BANDS, survey_json


@pytest.fixture
def consultation_id(app, world):
    with app.app_context():
        today = date.today()
        consultation = consultations.save_consultation(
            None,
            consultations.ConsultationInput(
                title={"vi": "Tham vấn"},
                policy_question={"vi": "Câu hỏi"},
                opens_on=today - timedelta(days=1),
                closes_on=today + timedelta(days=10),
            ),
            BANDS,
            None,
        )
        db.session.commit()
        return consultation.id


def _survey(app, consultation_id, data=None):
    consultation = consultations.get_consultation(consultation_id)
    return services.import_definition(consultation, from_json(data or survey_json()), None)


def test_definitions_round_trip_through_the_database(app, consultation_id):
    with app.app_context():
        survey = _survey(app, consultation_id)
        db.session.commit()
        assert services.definition_of(services.get_survey(survey.id)) == from_json(survey_json())


def test_builder_edits(app, consultation_id):
    with app.app_context():
        survey = _survey(app, consultation_id)
        extra = QuestionDefinition(key="stars", type=QuestionType.RATING, text={"vi": "Mấy sao?"})
        services.put_question(survey, extra)
        services.move_question(survey, "stars", -10)
        assert [q.key for q in survey.questions][:2] == ["stars", "play"]
        changed = replace(extra, text={"vi": "Em cho mấy sao?"}, settings={"stars": 10})
        services.put_question(survey, changed, replacing="stars")
        assert survey.questions[0].settings == {"stars": 10}
        with pytest.raises(services.SurveyError) as error:
            services.put_question(survey, replace(extra, key="play"))
        assert error.value.code == "duplicate_key"
        with pytest.raises(services.SurveyError) as error:
            services.delete_question(survey, "play")  # "why" shows only if play = street
        assert error.value.code == "question_in_use"
        services.delete_question(survey, "why")
        services.delete_question(survey, "play")
        db.session.commit()
        assert [q.key for q in services.get_survey(survey.id).questions] == ["stars", "happy", "age", "info"]


def test_scale_questions_get_their_fixed_options_in_the_builder(app, consultation_id):
    with app.app_context():
        survey = _survey(app, consultation_id)
        services.put_question(survey, QuestionDefinition(key="ok", type=QuestionType.YES_NO, text={"vi": "Đồng ý?"}))
        assert [o.key for o in survey.questions[-1].options] == ["yes", "no", "not_sure"]


def test_publish_and_unpublish(app, consultation_id, world):
    with app.app_context():
        broken = survey_json()
        broken["questions"][0]["options"][0]["label"] = {"en": "Park"}
        survey = _survey(app, consultation_id, broken)
        problems = services.publish(survey, BANDS)
        assert [p.code for p in problems] == ["option_unlabelled"]
        assert survey.status is SurveyStatus.DRAFT
        survey = _survey(app, consultation_id)
        assert services.publish(survey, BANDS) == []
        assert survey.status is SurveyStatus.PUBLISHED
        with pytest.raises(services.SurveyError):
            services.put_question(survey, QuestionDefinition(key="x", type=QuestionType.NOTE, text={"vi": "x"}))
        services.unpublish(survey)
        services.publish(survey, BANDS)
        services.start_response(survey, accounts.get_child(world.child.id))
        with pytest.raises(services.SurveyError) as error:
            services.unpublish(survey)
        assert error.value.code == "survey_has_responses"


def _open_survey(app, consultation_id):
    survey = _survey(app, consultation_id)
    services.publish(survey, BANDS)
    if survey.consultation.status is ConsultationStatus.DRAFT:
        consultations.change_status(survey.consultation, ConsultationStatus.OPEN)
    return survey


def test_submit_stores_answers_snapshot_and_is_idempotent(app, consultation_id, world):
    with app.app_context():
        survey = _open_survey(app, consultation_id)
        child = accounts.get_child(world.child.id)
        context = services.child_context(child, app.config["AGE_BANDS"], date.today())
        assert context.band == "9-11"
        assert services.is_available(survey, context, BANDS, date.today())
        response = services.start_response(survey, child)
        assert services.start_response(survey, child) is response  # a second tab resumes the same draft
        definition = services.definition_of(survey)
        services.save_draft(response, definition, {"play": "street", "happy": "5", "why": DECLINED, "age": 10}, 3)
        result = services.submit(response, survey, context)
        assert result.errors == {} and not result.already_submitted
        again = services.submit(response, survey, context)
        assert again.already_submitted
        db.session.commit()
        stored = db.session.execute(sa.select(Response).where(Response.survey_id == survey.id)).scalar_one()
        assert stored.status is ResponseStatus.SUBMITTED and stored.draft == {}
        assert (stored.age_band, stored.gender, stored.school_level) == ("9-11", "girl", "primary")
        assert stored.area_id == child.classroom.school.area_id
        rows = db.session.execute(sa.select(Answer).where(Answer.response_id == stored.id)).scalars().all()
        assert len(rows) == 4
        assert any(r.declined for r in rows)
        assert {r.number for r in rows if r.number is not None} == {10}


def test_submit_refuses_missing_required_answers(app, consultation_id, world):
    with app.app_context():
        data = survey_json()
        data["questions"][0]["required"] = True
        survey = _survey(app, consultation_id, data)
        services.publish(survey, BANDS)
        child = accounts.get_child(world.child.id)
        context = services.child_context(child, app.config["AGE_BANDS"], date.today())
        response = services.start_response(survey, child)
        result = services.submit(response, survey, context)
        assert set(result.errors) == {"play"}
        assert response.status is ResponseStatus.DRAFT


def test_text_answers_wait_for_moderation(app, consultation_id, world):
    with app.app_context():
        survey = _open_survey(app, consultation_id)
        child = accounts.get_child(world.child.id)
        context = services.child_context(child, app.config["AGE_BANDS"], date.today())
        response = services.start_response(survey, child)
        services.save_draft(response, services.definition_of(survey), {"play": "street", "why": "Xe chạy nhanh"}, 1)
        services.submit(response, survey, context)
        text = db.session.execute(sa.select(Answer).where(Answer.text.is_not(None))).scalar_one()
        assert text.text_status is TextStatus.PENDING


def test_save_draft_refuses_invalid_values(app, consultation_id, world):
    with app.app_context():
        survey = _open_survey(app, consultation_id)
        response = services.start_response(survey, accounts.get_child(world.child.id))
        definition = services.definition_of(survey)
        for updates in ({"play": "moon"}, {"ghost": "x"}, {"age": 99}):
            with pytest.raises(services.SurveyError):
                services.save_draft(response, definition, updates, 1)


def test_erasing_a_child_deletes_drafts_and_unlinks_submitted_responses(app, consultation_id, world):
    with app.app_context():
        survey = _open_survey(app, consultation_id)
        other = _open_survey(app, consultation_id)
        child = accounts.get_child(world.child.id)
        context = services.child_context(child, app.config["AGE_BANDS"], date.today())
        submitted = services.start_response(survey, child)
        services.save_draft(submitted, services.definition_of(survey), {"play": "park"}, 1)
        services.submit(submitted, survey, context)
        services.start_response(other, child)
        db.session.commit()
        accounts.erase_child(child, None, "test")
        db.session.commit()
        rows = db.session.execute(sa.select(Response.survey_id, Response.child_id, Response.status)).all()
        assert rows == [(survey.id, None, ResponseStatus.SUBMITTED)]
