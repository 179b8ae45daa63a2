"""Surveys: storing definitions, the builder's edits, publishing, and children's responses.

Functions flush but never commit; the calling view or command commits once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from forum.accounts.age_bands import age_in_year, band_for_age, band_key
from forum.accounts.models import User
from forum.accounts.signals import child_erasing
from forum.consultations.models import Consultation
from forum.consultations.services import is_for, is_open
from forum.database import utcnow
from forum.extensions import db
from forum.moderation import Verdict
from forum.review.free_text import hold_text_answers, must_rephrase
from forum.review.rulesets import check_text
from forum.surveys.answers import AnswerError, check_value, final_answers
from forum.surveys.conditions import DECLINED, referenced_questions
from forum.surveys.definition import (
    AUTHORED_OPTIONS,
    TEXT_TYPES,
    OptionDefinition,
    Problem,
    QuestionDefinition,
    QuestionType,
    SurveyDefinition,
    publish_problems,
    scale_options,
)
from forum.surveys.models import Answer, Option, Question, Response, ResponseStatus, Survey, SurveyStatus, TextStatus


class SurveyError(ValueError):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


# Reading ----------------------------------------------------------------------------------


def get_survey(survey_id: int) -> Survey | None:
    return db.session.get(Survey, survey_id)


def list_surveys(consultation: Consultation) -> list[Survey]:
    return list(
        db.session.execute(
            sa.select(Survey).where(Survey.consultation_id == consultation.id).order_by(Survey.id)
        ).scalars()
    )


def definition_of(survey: Survey) -> SurveyDefinition:
    return SurveyDefinition(
        title=dict(survey.title),
        intro=dict(survey.intro or {}),
        target_bands=tuple(survey.target_bands or ()),
        questions=tuple(
            QuestionDefinition(
                key=q.key,
                type=q.type,
                text=dict(q.text or {}),
                band_text=dict(q.band_text or {}),
                help=dict(q.help or {}),
                required=q.required,
                allow_decline=q.allow_decline,
                sensitive=q.sensitive,
                settings=dict(q.settings or {}),
                condition=q.condition,
                options=tuple(
                    OptionDefinition(o.key, dict(o.label or {}), dict(o.band_label or {})) for o in q.options
                ),
            )
            for q in survey.questions
        ),
    )


def survey_bands(survey: Survey, configured: Sequence[str]) -> list[str]:
    """The bands a survey is for: its own, else its consultation's, else every configured band."""
    return list(survey.target_bands or survey.consultation.target_bands or configured)


def count_responses(survey: Survey, status: ResponseStatus | None = ResponseStatus.SUBMITTED) -> int:
    query = sa.select(sa.func.count()).select_from(Response).where(Response.survey_id == survey.id)
    if status is not None:
        query = query.where(Response.status == status)
    return db.session.execute(query).scalar_one()


# Writing definitions ----------------------------------------------------------------------


def import_definition(consultation: Consultation, definition: SurveyDefinition, actor: User | None) -> Survey:
    """A new draft survey in `consultation` holding `definition`."""
    survey = Survey(
        consultation=consultation,
        title=definition.title,
        intro=definition.intro,
        target_bands=list(definition.target_bands),
        status=SurveyStatus.DRAFT,
    )
    db.session.add(survey)
    _write_questions(survey, definition.questions)
    db.session.flush()
    return survey


def _write_questions(survey: Survey, questions: Sequence[QuestionDefinition]) -> None:
    survey.questions = [
        Question(
            position=position,
            key=q.key,
            type=q.type,
            text=q.text,
            band_text=q.band_text,
            help=q.help,
            required=q.required,
            allow_decline=q.allow_decline,
            sensitive=q.sensitive,
            settings=q.settings,
            condition=q.condition,
            options=[
                Option(position=index, key=o.key, label=o.label, band_label=o.band_label)
                for index, o in enumerate(q.options)
            ],
        )
        for position, q in enumerate(questions)
    ]


def _ensure_editable(survey: Survey) -> None:
    if survey.status is not SurveyStatus.DRAFT:
        raise SurveyError("survey_published")


def replace_definition(survey: Survey, definition: SurveyDefinition) -> None:
    """The builder's edits: a draft survey takes the whole new definition (question keys must be unique)."""
    _ensure_editable(survey)
    keys = [q.key for q in definition.questions]
    if len(keys) != len(set(keys)):
        raise SurveyError("duplicate_key")
    survey.title = definition.title
    survey.intro = definition.intro
    survey.target_bands = list(definition.target_bands)
    survey.questions = []
    db.session.flush()  # old rows go before new ones reuse their keys
    _write_questions(survey, definition.questions)
    db.session.flush()


def with_fixed_options(question: QuestionDefinition) -> QuestionDefinition:
    """Scales carry their fixed options; other non-choice types carry none."""
    fixed = scale_options(question.type, question.settings)
    if fixed is not None:
        return replace(question, options=fixed)
    if question.type not in AUTHORED_OPTIONS:
        return replace(question, options=())
    return question


def put_question(survey: Survey, question: QuestionDefinition, replacing: str | None = None) -> None:
    """Add a question at the end, or replace the one with key `replacing` in place."""
    definition = definition_of(survey)
    question = with_fixed_options(question)
    others = [q for q in definition.questions if q.key != replacing]
    if any(q.key == question.key for q in others):
        raise SurveyError("duplicate_key", question.key)
    if replacing is None:
        questions = [*definition.questions, question]
    else:
        if replacing not in {q.key for q in definition.questions}:
            raise SurveyError("unknown_question", replacing)
        questions = [question if q.key == replacing else q for q in definition.questions]
        if question.key != replacing and any(replacing in referenced_questions(q.condition) for q in questions):
            raise SurveyError("question_in_use", replacing)
    replace_definition(survey, replace(definition, questions=tuple(questions)))


def move_question(survey: Survey, key: str, offset: int) -> None:
    definition = definition_of(survey)
    keys = [q.key for q in definition.questions]
    if key not in keys:
        raise SurveyError("unknown_question", key)
    index = keys.index(key)
    target = min(max(index + offset, 0), len(keys) - 1)
    questions = list(definition.questions)
    questions.insert(target, questions.pop(index))
    replace_definition(survey, replace(definition, questions=tuple(questions)))


def delete_question(survey: Survey, key: str) -> None:
    """Refused while a later question's condition still points at it."""
    definition = definition_of(survey)
    if key not in {q.key for q in definition.questions}:
        raise SurveyError("unknown_question", key)
    users = [q.key for q in definition.questions if key in referenced_questions(q.condition)]
    if users:
        raise SurveyError("question_in_use", users[0])
    questions = tuple(q for q in definition.questions if q.key != key)
    replace_definition(survey, replace(definition, questions=questions))


def publish(survey: Survey, configured_bands: Sequence[str]) -> list[Problem]:
    """Publishes when the check passes; otherwise returns the problems and changes nothing."""
    _ensure_editable(survey)
    problems = publish_problems(definition_of(survey), survey_bands(survey, configured_bands))
    if not problems:
        survey.status = SurveyStatus.PUBLISHED
        survey.published_at = utcnow()
        db.session.flush()
    return problems


def unpublish(survey: Survey) -> None:
    """Back to draft for editing, only while no child has started it."""
    if count_responses(survey, status=None):
        raise SurveyError("survey_has_responses")
    survey.status = SurveyStatus.DRAFT
    survey.published_at = None
    db.session.flush()


# Children ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChildContext:
    """What decides which surveys a child sees and the snapshot stored with their answers."""

    band: str
    gender: str | None
    area_id: int | None
    school_level: str | None


def child_context(child: User, bands: Sequence[Sequence[int]], today: date) -> ChildContext:
    classroom = child.classroom
    school = classroom.school if classroom else None
    return ChildContext(
        band=band_key(band_for_age(age_in_year(child.birth_year or 0, today), bands)),
        gender=child.gender.value if child.gender else None,
        area_id=school.area_id if school else None,
        school_level=school.level.value if school else None,
    )


def is_available(survey: Survey, context: ChildContext, configured: Sequence[str], today: date) -> bool:
    """Published, in an open consultation, meant for the child's band and area."""
    return (
        survey.status is SurveyStatus.PUBLISHED
        and is_open(survey.consultation, today)
        and is_for(survey.consultation, context.band, context.area_id)
        and context.band in survey_bands(survey, configured)
    )


def list_available(
    consultations: Sequence[Consultation], context: ChildContext, configured: Sequence[str], today: date
) -> list[Survey]:
    if not consultations:
        return []
    surveys = db.session.execute(
        sa.select(Survey)
        .where(Survey.consultation_id.in_([c.id for c in consultations]), Survey.status == SurveyStatus.PUBLISHED)
        .order_by(Survey.consultation_id, Survey.id)
    ).scalars()
    return [s for s in surveys if is_available(s, context, configured, today)]


def get_response(survey: Survey, child: User) -> Response | None:
    return db.session.execute(
        sa.select(Response).where(Response.survey_id == survey.id, Response.child_id == child.id)
    ).scalar_one_or_none()


def start_response(survey: Survey, child: User) -> Response:
    """The child's response to `survey`, created as a draft the first time (safe against a second tab)."""
    existing = get_response(survey, child)
    if existing is not None:
        return existing
    try:
        with db.session.begin_nested():
            response = Response(survey=survey, child_id=child.id, status=ResponseStatus.DRAFT, draft={})
            db.session.add(response)
    except sa.exc.IntegrityError:
        found = get_response(survey, child)
        if found is None:
            raise
        return found
    return response


def save_draft(response: Response, survey: SurveyDefinition, updates: dict[str, Any], step: int) -> None:
    """Merge answers into the draft (None removes one). Values must already be clean."""
    if response.status is not ResponseStatus.DRAFT:
        raise SurveyError("already_submitted")
    questions = {q.key: q for q in survey.questions}
    draft = dict(response.draft or {})
    for key, value in updates.items():
        if key not in questions:
            raise SurveyError("unknown_question", key)
        if check_value(questions[key], value) is not None:
            raise SurveyError("invalid_answer", key)
        if value is None:
            draft.pop(key, None)
        else:
            draft[key] = value
    response.draft = draft
    response.step = max(step, 0)
    response.updated_at = utcnow()
    db.session.flush()


@dataclass(frozen=True)
class SubmitResult:
    response: Response
    errors: dict[str, AnswerError]
    already_submitted: bool = False


def submit(response: Response, survey: Survey, context: ChildContext) -> SubmitResult:
    """Every answer or none. A second submit (double click, retry, other tab) changes nothing and
    reports `already_submitted`: the status flips with one conditional UPDATE, so of two racing
    submits exactly one writes answers, on SQLite and PostgreSQL alike."""
    if response.status is ResponseStatus.SUBMITTED:
        return SubmitResult(response, {}, already_submitted=True)
    definition = definition_of(survey)
    answers, errors = final_answers(definition, response.draft or {})
    if errors:
        return SubmitResult(response, errors)
    verdicts = _text_verdicts(definition, answers)
    refused = {key: AnswerError("rephrase") for key, verdict in verdicts.items() if must_rephrase(verdict)}
    if refused:  # the rules changed since the draft was saved: nothing is written
        return SubmitResult(response, refused)
    flipped = db.session.execute(
        sa.update(Response)
        .where(Response.id == response.id, Response.status == ResponseStatus.DRAFT)
        .values(
            status=ResponseStatus.SUBMITTED,
            submitted_at=utcnow(),
            draft={},
            age_band=context.band,
            gender=context.gender,
            area_id=context.area_id,
            school_level=context.school_level,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if flipped != 1:
        db.session.expire(response)
        return SubmitResult(response, {}, already_submitted=True)
    questions = {q.key: q for q in survey.questions}
    texts: dict[str, Answer] = {}
    for key, value in answers.items():
        rows = _answer_rows(response.id, questions[key], value)
        db.session.add_all(rows)
        if key in verdicts:
            texts[key] = rows[0]
    db.session.flush()
    # Every free-text answer waits for a moderator; a disclosure opens a case in this transaction.
    child = db.session.get(User, response.child_id) if response.child_id is not None else None
    hold_text_answers(texts, verdicts, survey.consultation_id, child)
    db.session.expire(response)
    return SubmitResult(response, {})


def _text_verdicts(definition: SurveyDefinition, answers: dict[str, Any]) -> dict[str, Verdict]:
    """The rules' verdict on each free-text answer (not on "I'd rather not say")."""
    types = {q.key: q.type for q in definition.questions}
    return {
        key: check_text(value)
        for key, value in answers.items()
        if types[key] in TEXT_TYPES and isinstance(value, str) and value != DECLINED
    }


def text_refusal(question: QuestionDefinition, value: Any) -> AnswerError | None:
    """A text answer the rules would block (rude words) is refused with a kind request to say it
    another way, keeping what the child typed; a disclosure is never refused."""
    if question.type not in TEXT_TYPES or not isinstance(value, str) or value == DECLINED:
        return None
    return AnswerError("rephrase") if must_rephrase(check_text(value)) else None


def _answer_rows(response_id: int, question: Question, value: Any) -> list[Answer]:
    options = {option.key: option.id for option in question.options}
    if value == DECLINED:
        return [Answer(response_id=response_id, question_id=question.id, declined=True)]
    if question.type is QuestionType.RANKING:
        return [
            Answer(response_id=response_id, question_id=question.id, option_id=options[key], rank=rank)
            for rank, key in enumerate(value, start=1)
        ]
    if question.type is QuestionType.MULTIPLE_CHOICE:
        return [Answer(response_id=response_id, question_id=question.id, option_id=options[key]) for key in value]
    if question.type in (QuestionType.NUMBER, QuestionType.RATING):
        return [Answer(response_id=response_id, question_id=question.id, number=Decimal(str(value)))]
    if question.type in TEXT_TYPES:
        return [Answer(response_id=response_id, question_id=question.id, text=value, text_status=TextStatus.PENDING)]
    return [Answer(response_id=response_id, question_id=question.id, option_id=options[value])]


@child_erasing.connect
def _forget_child(child: User, **_: Any) -> None:
    """Drafts are deleted; submitted responses stay in the totals without the child."""
    db.session.execute(
        sa.delete(Response).where(Response.child_id == child.id, Response.status == ResponseStatus.DRAFT)
    )
    db.session.execute(
        sa.update(Response)
        .where(Response.child_id == child.id)
        .values(child_id=None)
        .execution_options(synchronize_session=False)
    )


def count_surveys_and_responses(consultations: Sequence[Consultation]) -> dict[int, tuple[int, int]]:
    """(surveys, submitted responses) for each consultation id, counted in the database."""
    ids = [c.id for c in consultations]
    if not ids:
        return {}
    submitted = (
        sa.select(Response.survey_id, sa.func.count().label("n"))
        .where(Response.status == ResponseStatus.SUBMITTED)
        .group_by(Response.survey_id)
        .subquery()
    )
    rows = db.session.execute(
        sa.select(Survey.consultation_id, sa.func.count(Survey.id), sa.func.coalesce(sa.func.sum(submitted.c.n), 0))
        .outerjoin(submitted, submitted.c.survey_id == Survey.id)
        .where(Survey.consultation_id.in_(ids))
        .group_by(Survey.consultation_id)
    ).all()
    counts = {consultation_id: (int(surveys), int(responses)) for consultation_id, surveys, responses in rows}
    return {i: counts.get(i, (0, 0)) for i in ids}


def count_submitted_by_child(child_ids: Sequence[int]) -> dict[int, int]:
    """How many surveys each child has submitted (for teachers: counts, never answers)."""
    if not child_ids:
        return {}
    rows = db.session.execute(
        sa.select(Response.child_id, sa.func.count())
        .where(Response.child_id.in_(child_ids), Response.status == ResponseStatus.SUBMITTED)
        .group_by(Response.child_id)
    ).all()
    return {child_id: count for child_id, count in rows}
