"""Builders for the safeguarding tests: a post or a free-text answer with its queue item, a case.
Plain functions that add rows and flush (callers commit); built from the models only, so these
tests do not depend on how children post."""

from __future__ import annotations

from datetime import date, timedelta

from forum.accounts.models import Role, User
from forum.consultations.models import Consultation
from forum.consultations.services import ConsultationInput, save_consultation
from forum.discussions.models import Post, Topic
from forum.extensions import db
from forum.moderation import check
from forum.review.models import ReviewItem, Urgency
from forum.review.services import enqueue_answer, enqueue_post
from forum.safeguarding.models import CaseSource, SafeguardingCase
from forum.safeguarding.services import open_case
from forum.surveys.definition import QuestionDefinition, QuestionType, SurveyDefinition
from forum.surveys.models import Answer, Response, ResponseStatus
from forum.surveys.services import import_definition
from tests import builders

DISCLOSURE = "Bố em đánh em mỗi tối, em sợ lắm."
SELF_HARM = "Em muốn tự tử vì không ai thương em."


def make_consultation() -> Consultation:
    today = date.today()
    return save_consultation(
        None,
        ConsultationInput(
            title={"vi": "Tham vấn an toàn"},
            policy_question={"vi": "Em thấy an toàn không?"},
            opens_on=today - timedelta(days=1),
            closes_on=today + timedelta(days=30),
        ),
        [],
        None,
    )


def make_post(child_id: int, body: str = DISCLOSURE, consultation: Consultation | None = None) -> Post:
    consultation = consultation or make_consultation()
    topic = Topic(consultation=consultation, title={"vi": "Đi học an toàn", "en": "Safe at school"})
    db.session.add(topic)
    db.session.flush()
    post = Post(topic=topic, author_id=child_id, body=body)
    db.session.add(post)
    db.session.flush()
    return post


def make_post_item(child_id: int, body: str = DISCLOSURE, reasons: list[str] | None = None) -> ReviewItem:
    post = make_post(child_id, body)
    verdict = check(body)
    spans = [span.to_json() for span in verdict.spans]
    return enqueue_post(post, reasons if reasons is not None else list(verdict.reasons), spans, Urgency.ROUTINE)


def make_answer(child_id: int, text: str = DISCLOSURE) -> tuple[Answer, int]:
    """A submitted free-text answer, and its consultation's id."""
    consultation = make_consultation()
    question = QuestionDefinition(key="q1", type=QuestionType.LONG_TEXT, text={"vi": "Em muốn nói gì?"})
    survey = import_definition(consultation, SurveyDefinition(title={"vi": "Khảo sát"}, questions=(question,)), None)
    response = Response(survey_id=survey.id, child_id=child_id, status=ResponseStatus.SUBMITTED, draft={})
    db.session.add(response)
    db.session.flush()
    answer = Answer(response_id=response.id, question_id=survey.questions[0].id, text=text)
    db.session.add(answer)
    db.session.flush()
    return answer, consultation.id


def make_answer_item(child_id: int, text: str = DISCLOSURE) -> ReviewItem:
    answer, consultation_id = make_answer(child_id, text)
    verdict = check(text)
    return enqueue_answer(answer, consultation_id, list(verdict.reasons), [s.to_json() for s in verdict.spans])


def make_case(child_id: int, text: str = DISCLOSURE, reasons: tuple[str, ...] = ("violence",)) -> SafeguardingCase:
    """A case as the rules open it when a child posts a disclosure."""
    post = make_post(child_id, text)
    verdict = check(text)
    return open_case(
        source=CaseSource.POST,
        text=text,
        child=db.session.get(User, child_id),
        reasons=reasons,
        spans=[span.to_json() for span in verdict.spans],
        post=post,
    )


def make_moderator(lead: bool = False) -> User:
    return builders.make_staff(Role.MODERATOR, lead=lead)
