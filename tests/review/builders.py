"""Builders for the moderation queue's tests: a topic with a child's post and its queue item, a
free-text survey answer with its item, a suspension. Plain functions that add rows and flush
(callers commit); built from the models and the queue's own services, so these tests do not
depend on how children post."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from forum.consultations.models import Consultation, ConsultationStatus
from forum.consultations.services import ConsultationInput, change_status, save_consultation
from forum.database import utcnow
from forum.discussions.models import ModerationMode, Post, PostStatus, Report, ReportReason, Topic
from forum.extensions import db
from forum.moderation import check
from forum.review.models import ReviewItem, Urgency
from forum.review.services import enqueue_answer, enqueue_post
from forum.surveys.definition import QuestionDefinition, QuestionType, SurveyDefinition
from forum.surveys.models import Answer, Response, ResponseStatus, TextStatus
from forum.surveys.services import import_definition

PHONE_POST = "Em muốn sân chơi có thêm cây xanh. Gọi em nhé 0912 345 678."
CLEAN_POST = "Em muốn sân chơi có thêm cây xanh và ghế ngồi."
DISCLOSURE = "Bố em đánh em mỗi tối, em sợ lắm."


def make_consultation(title: str = "Sân chơi an toàn") -> Consultation:
    """An open consultation for every band and area."""
    today = date.today()
    consultation = save_consultation(
        None,
        ConsultationInput(
            title={"vi": title, "en": "Safe playgrounds"},
            policy_question={"vi": "Thành phố nên làm gì?"},
            opens_on=today - timedelta(days=1),
            closes_on=today + timedelta(days=30),
        ),
        [],
        None,
    )
    change_status(consultation, ConsultationStatus.OPEN)
    return consultation


def make_topic(consultation: Consultation | None = None, title: str = "Sân chơi em mơ ước") -> Topic:
    topic = Topic(
        consultation=consultation or make_consultation(),
        title={"vi": title, "en": "My dream playground"},
        prompt={"vi": "Ở gần nhà em cần thêm gì?"},
        mode=ModerationMode.PRE,
    )
    db.session.add(topic)
    db.session.flush()
    return topic


def make_post(topic: Topic, author_id: int, body: str = CLEAN_POST, status: PostStatus = PostStatus.PENDING) -> Post:
    post = Post(
        topic=topic,
        author_id=author_id,
        body=body,
        status=status,
        published_at=utcnow() if status in (PostStatus.PUBLISHED, PostStatus.HIDDEN) else None,
    )
    db.session.add(post)
    db.session.flush()
    return post


def make_post_item(
    author_id: int,
    body: str = CLEAN_POST,
    *,
    topic: Topic | None = None,
    status: PostStatus = PostStatus.PENDING,
    reasons: list[str] | None = None,
    urgency: Urgency | None = None,
    age: timedelta | None = None,
) -> ReviewItem:
    """A child's post held in the queue with the rules' verdict (or the given reasons)."""
    post = make_post(topic or make_topic(), author_id, body, status)
    verdict = check(body)
    found = list(verdict.reasons) or ["pre_moderation"]
    if urgency is None:
        urgency = Urgency.SAFEGUARDING if "safeguarding" in found else Urgency.ROUTINE
    item = enqueue_post(post, reasons if reasons is not None else found, [s.to_json() for s in verdict.spans], urgency)
    if age is not None:
        item.created_at = utcnow() - age
        db.session.flush()
    return item


def report(post: Post, child_id: int, reason: ReportReason = ReportReason.UNKIND) -> Report:
    row = Report(post_id=post.id, child_id=child_id, reason=reason)
    post.report_count += 1
    db.session.add(row)
    db.session.flush()
    return row


def make_answer(child_id: int | None, text: str = CLEAN_POST, consultation: Consultation | None = None) -> Answer:
    consultation = consultation or make_consultation("Thời gian học và chơi")
    question = QuestionDefinition(key="idea", type=QuestionType.LONG_TEXT, text={"vi": "Em có ý tưởng gì?"})
    survey = import_definition(
        consultation, SurveyDefinition(title={"vi": "Khảo sát ý tưởng"}, questions=(question,)), None
    )
    response = Response(survey_id=survey.id, child_id=child_id, status=ResponseStatus.SUBMITTED, draft={})
    db.session.add(response)
    db.session.flush()
    answer = Answer(
        response_id=response.id, question_id=survey.questions[0].id, text=text, text_status=TextStatus.PENDING
    )
    db.session.add(answer)
    db.session.flush()
    return answer


def make_answer_item(child_id: int | None, text: str = CLEAN_POST, **kwargs: Any) -> ReviewItem:
    answer = make_answer(child_id, text, **kwargs)
    verdict = check(text)
    return enqueue_answer(
        answer,
        answer.question.survey.consultation_id,
        list(verdict.reasons) or ["pre_moderation"],
        [s.to_json() for s in verdict.spans],
    )
