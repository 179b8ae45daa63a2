"""The demo's consultations: an open one with a survey per age band, a closed one with generated responses."""

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

import pytest
import sqlalchemy as sa

from forum.accounts.age_bands import age_in_year, band_for_age, band_key, band_keys
from forum.accounts.models import Consent, Gender, User
from forum.consultations.models import Consultation, ConsultationStatus
from forum.demo.consultations import HAI_PHONG, PLAYGROUNDS, STUDY_AND_PLAY
from forum.extensions import db
from forum.schools.models import Area, SchoolLevel
from forum.surveys import services as surveys
from forum.surveys.answers import check_value, final_answers
from forum.surveys.conditions import DECLINED
from forum.surveys.definition import QuestionType, publish_problems
from forum.surveys.models import Answer, Option, Question, Response, ResponseStatus, Survey, SurveyStatus, TextStatus


@pytest.fixture
def seeded(app, runner, cards_file):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "Consultations added: 2 (" in result.output
    assert cards_file.exists()
    return result.output


def _consultation(title: dict[str, str]) -> Consultation:
    found = [c for c in db.session.execute(sa.select(Consultation)).scalars() if c.title.get("vi") == title["vi"]]
    assert len(found) == 1
    return found[0]


def _operators(condition) -> set[str]:
    if not condition:
        return set()
    found = {condition["op"]}
    for arg in condition.get("args", []):
        found |= _operators(arg)
    return found | _operators(condition.get("arg"))


def test_the_open_consultation_has_a_survey_per_band_using_every_question_type(app, seeded):
    with app.app_context():
        bands = band_keys(app.config["AGE_BANDS"])
        consultation = _consultation(PLAYGROUNDS.title)
        today = date.today()
        assert consultation.status is ConsultationStatus.OPEN
        assert consultation.opens_on == today - timedelta(days=14)
        assert consultation.closes_on == today + timedelta(days=30)
        assert consultation.feedback_by == today + timedelta(days=60)
        assert consultation.target_bands == bands
        assert consultation.audience["vi"].startswith("Sở Lao động – Thương binh và Xã hội")
        assert all(consultation.summaries[band].keys() == {"vi", "en"} for band in bands)

        published = surveys.list_surveys(consultation)
        assert all(s.status is SurveyStatus.PUBLISHED for s in published)
        assert sorted(band for s in published for band in s.target_bands) == sorted(bands)
        types, operators = set(), set()
        smiley_points = set()
        for survey in published:
            definition = surveys.definition_of(survey)
            assert publish_problems(definition, surveys.survey_bands(survey, bands)) == []
            assert any(q.condition for q in definition.questions), survey.target_bands
            assert survey.title.keys() == {"vi", "en"}
            for question in definition.questions:
                types.add(question.type)
                operators |= _operators(question.condition)
                assert question.text.keys() == {"vi", "en"}, question.key
                assert all(option.label.keys() == {"vi", "en"} for option in question.options)
                if question.type is QuestionType.SMILEY:
                    smiley_points.add(question.settings.get("points"))
                if question.type is QuestionType.MULTIPLE_CHOICE:
                    assert question.settings.get("max_choices")
                if question.type is QuestionType.NUMBER:
                    assert {"min", "max"} <= question.settings.keys()
                if question.sensitive:
                    assert question.allow_decline
            unsafe = next(q for q in definition.questions if q.key == "unsafe")
            assert unsafe.sensitive and unsafe.allow_decline
        assert types == set(QuestionType)
        assert smiley_points == {3, 5}
        assert "or" in operators
        assert operators & {"lt", "le", "gt", "ge"}


def test_a_few_children_hold_a_draft_of_their_bands_survey(app, seeded):
    with app.app_context():
        numeric = app.config["AGE_BANDS"]
        drafts = list(db.session.execute(sa.select(Response).where(Response.status == ResponseStatus.DRAFT)).scalars())
        assert len(drafts) >= len(numeric)
        for response in drafts:
            child = db.session.get(User, response.child_id)
            assert child is not None and child.classroom_id is not None
            band = band_key(band_for_age(age_in_year(child.birth_year, date.today()), numeric))
            assert response.survey.target_bands == [band]
            context = surveys.child_context(child, numeric, date.today())
            assert surveys.is_available(response.survey, context, band_keys(numeric), date.today())
            definition = surveys.definition_of(response.survey)
            questions = {q.key: q for q in definition.questions}
            assert response.draft and 0 < response.step < len(definition.questions)
            assert all(check_value(questions[key], value) is None for key, value in response.draft.items())
        assert {band for r in drafts for band in r.survey.target_bands} == set(band_keys(numeric))


def _stored_answers(survey: Survey) -> dict[int, dict[str, object]]:
    """Each response's answers read back from the rows into the form `final_answers` checks."""
    questions = {q.id: q for q in survey.questions}
    options = {o.id: o for q in survey.questions for o in q.options}
    rows = db.session.execute(
        sa.select(Answer).join(Response).where(Response.survey_id == survey.id).order_by(Answer.id)
    ).scalars()
    grouped: dict[int, dict[int, list[Answer]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        grouped[row.response_id][row.question_id].append(row)
    result: dict[int, dict[str, object]] = {}
    for response_id, by_question in grouped.items():
        answers: dict[str, object] = {}
        for question_id, found in by_question.items():
            question = questions[question_id]
            if any(a.declined for a in found):
                assert len(found) == 1
                answers[question.key] = DECLINED
            elif question.type is QuestionType.RANKING:
                ranked = sorted(found, key=lambda a: a.rank)
                assert [a.rank for a in ranked] == list(range(1, len(ranked) + 1))
                answers[question.key] = [options[a.option_id].key for a in ranked]
            elif question.type is QuestionType.MULTIPLE_CHOICE:
                chosen = sorted((options[a.option_id] for a in found), key=lambda o: o.position)
                answers[question.key] = [o.key for o in chosen]
            elif question.type in (QuestionType.NUMBER, QuestionType.RATING):
                (number,) = (a.number for a in found)
                whole = question.type is QuestionType.RATING or question.settings.get("integer")
                answers[question.key] = int(number) if whole else float(number)
            elif question.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
                (answer,) = found
                assert answer.text_status is not None
                answers[question.key] = answer.text
            else:
                (answer,) = found
                answers[question.key] = options[answer.option_id].key
        result[response_id] = answers
    return result


def test_the_closed_consultation_has_enough_varied_responses_for_the_results(app, seeded):
    with app.app_context():
        bands = band_keys(app.config["AGE_BANDS"])
        consultation = _consultation(STUDY_AND_PLAY.title)
        today = date.today()
        assert consultation.status is ConsultationStatus.CLOSED
        assert consultation.opens_on == today - timedelta(days=90)
        assert consultation.closes_on == today - timedelta(days=30)
        assert consultation.feedback_by == today + timedelta(days=10)
        (survey,) = surveys.list_surveys(consultation)
        assert survey.status is SurveyStatus.PUBLISHED
        definition = surveys.definition_of(survey)
        assert 8 <= len(definition.questions) <= 10
        assert publish_problems(definition, surveys.survey_bands(survey, bands)) == []
        required_types = {
            QuestionType.SINGLE_CHOICE,
            QuestionType.MULTIPLE_CHOICE,
            QuestionType.AGREE,
            QuestionType.SMILEY,
            QuestionType.YES_NO,
            QuestionType.RATING,
            QuestionType.NUMBER,
            QuestionType.RANKING,
            QuestionType.SHORT_TEXT,
        }
        assert required_types <= {q.type for q in definition.questions}

        responses = list(db.session.execute(sa.select(Response).where(Response.survey_id == survey.id)).scalars())
        assert len(responses) >= 300
        assert all(r.status is ResponseStatus.SUBMITTED and r.child_id is None for r in responses)
        assert {r.age_band for r in responses} == set(bands)
        genders = {r.gender for r in responses}
        assert len(genders) >= 4 and {g.value for g in Gender} <= genders
        areas = db.session.execute(sa.select(Area.id)).scalars().all()
        assert len(areas) == 15 and {r.area_id for r in responses} == set(areas)
        assert {r.school_level for r in responses} == {level.value for level in SchoolLevel}
        opened = datetime.combine(consultation.opens_on, time.min, HAI_PHONG).astimezone(UTC)
        closed = datetime.combine(consultation.closes_on + timedelta(days=1), time.min, HAI_PHONG).astimezone(UTC)
        assert all(opened <= r.submitted_at < closed for r in responses)
        assert len({r.submitted_at.date() for r in responses}) >= 40  # spread over the weeks it was open

        # Every option belongs to its answer's question.
        stray = db.session.execute(
            sa.select(sa.func.count())
            .select_from(Answer)
            .join(Option, Option.id == Answer.option_id)
            .where(Option.question_id != Answer.question_id)
        ).scalar_one()
        assert stray == 0
        # Every response's answers are what a submit would have stored: no hidden question answered.
        stored = _stored_answers(survey)
        assert len(stored) == len(responses)
        conditional = {q.key for q in definition.questions if q.condition}
        assert conditional and any(conditional & answers.keys() for answers in stored.values())
        assert any(conditional - answers.keys() for answers in stored.values())
        for answers in stored.values():
            checked, errors = final_answers(definition, answers)
            assert errors == {} and checked == answers  # required ones answered, hidden ones not
        statuses = (
            db.session.execute(
                sa.select(Answer.text_status)
                .where(Answer.text.is_not(None))
                .join(Response)
                .where(Response.survey_id == survey.id)
            )
            .scalars()
            .all()
        )
        assert statuses.count(TextStatus.APPROVED) >= 10
        assert db.session.execute(sa.select(sa.func.count()).where(Answer.declined)).scalar_one() > 0


def _counts(app) -> tuple[int, ...]:
    with app.app_context():
        count = lambda model: db.session.execute(sa.select(sa.func.count()).select_from(model)).scalar_one()  # noqa: E731
        return tuple(count(model) for model in (Consultation, Survey, Question, Option, Response, Answer, Consent))


def test_a_second_run_adds_nothing(app, runner, seeded, cards_file):
    before, codes = _counts(app), cards_file.read_bytes()
    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code == 0, again.output
    assert "Consultations: already loaded, nothing added." in again.output
    assert _counts(app) == before
    assert cards_file.read_bytes() == codes


@pytest.mark.parametrize("app_config", [{"AGE_BANDS": [[6, 10], [11, 14], [15, 17]]}])
def test_other_configured_bands_get_their_own_surveys(app, seeded):
    with app.app_context():
        bands = band_keys(app.config["AGE_BANDS"])
        open_surveys = surveys.list_surveys(_consultation(PLAYGROUNDS.title))
        assert sorted(band for s in open_surveys for band in s.target_bands) == sorted(bands)
        (closed,) = surveys.list_surveys(_consultation(STUDY_AND_PLAY.title))
        for survey in [*open_surveys, closed]:
            assert publish_problems(surveys.definition_of(survey), surveys.survey_bands(survey, bands)) == []
        snapshot_bands = db.session.execute(
            sa.select(Response.age_band).where(Response.survey_id == closed.id).distinct()
        ).scalars()
        assert set(snapshot_bands) == set(bands)
