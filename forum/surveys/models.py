"""Surveys, their questions and options, and children's responses.

A response keeps its child only to allow one response per child and to resume a draft; results
read the snapshot taken at submit (age band, gender, area, school level), never the child.
"""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.consultations.models import Consultation
from forum.database import UTCDateTime, enum_type, utcnow
from forum.extensions import db
from forum.surveys.definition import QuestionType


class SurveyStatus(str, enum.Enum):
    DRAFT = "draft"
    PUBLISHED = "published"


class ResponseStatus(str, enum.Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


class TextStatus(str, enum.Enum):
    """Free text waits for moderation before anyone but its author sees it."""

    PENDING = "pending"
    APPROVED = "approved"
    REDACTED = "redacted"
    REJECTED = "rejected"


class Survey(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(sa.ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    title: Mapped[dict[str, str]] = mapped_column(sa.JSON)
    intro: Mapped[dict[str, str]] = mapped_column(sa.JSON, default=dict)
    # Age bands ("6-8") this survey is for; empty means the consultation's bands.
    target_bands: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    status: Mapped[SurveyStatus] = mapped_column(enum_type(SurveyStatus, 16), default=SurveyStatus.DRAFT)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    consultation: Mapped[Consultation] = relationship()
    questions: Mapped[list[Question]] = relationship(
        back_populates="survey", order_by="Question.position", cascade="all, delete-orphan", passive_deletes=True
    )


class Question(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(sa.ForeignKey("survey.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    key: Mapped[str] = mapped_column(sa.String(64))
    type: Mapped[QuestionType] = mapped_column(enum_type(QuestionType, 24))
    text: Mapped[dict[str, str]] = mapped_column(sa.JSON, default=dict)
    band_text: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    help: Mapped[dict[str, str]] = mapped_column(sa.JSON, default=dict)
    required: Mapped[bool] = mapped_column(default=False)
    allow_decline: Mapped[bool] = mapped_column(default=False)
    sensitive: Mapped[bool] = mapped_column(default=False)
    settings: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    condition: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)

    survey: Mapped[Survey] = relationship(back_populates="questions")
    options: Mapped[list[Option]] = relationship(
        back_populates="question", order_by="Option.position", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (sa.UniqueConstraint("survey_id", "key", name="uq_question_survey_id_key"),)


class Option(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(sa.ForeignKey("question.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    key: Mapped[str] = mapped_column(sa.String(64))
    label: Mapped[dict[str, str]] = mapped_column(sa.JSON, default=dict)
    band_label: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)

    question: Mapped[Question] = relationship(back_populates="options")

    __table_args__ = (sa.UniqueConstraint("question_id", "key", name="uq_option_question_id_key"),)


class Response(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(sa.ForeignKey("survey.id", ondelete="CASCADE"), index=True)
    # Cleared when the child's account is erased; submitted answers stay in the totals.
    child_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"), index=True)
    status: Mapped[ResponseStatus] = mapped_column(enum_type(ResponseStatus, 16), default=ResponseStatus.DRAFT)
    # The draft's answers by question key, autosaved at every step; emptied at submit.
    draft: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    step: Mapped[int] = mapped_column(default=0)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    # Snapshot at submit: what results are broken down by.
    age_band: Mapped[str | None] = mapped_column(sa.String(8))
    gender: Mapped[str | None] = mapped_column(sa.String(16))
    area_id: Mapped[int | None] = mapped_column(sa.ForeignKey("area.id", ondelete="SET NULL"), index=True)
    school_level: Mapped[str | None] = mapped_column(sa.String(24))

    survey: Mapped[Survey] = relationship()
    answers: Mapped[list[Answer]] = relationship(
        back_populates="response", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (sa.UniqueConstraint("survey_id", "child_id", name="uq_response_survey_id_child_id"),)


class Answer(db.Model):
    """One row per chosen option (several for multiple choice and ranking), number or text."""

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(sa.ForeignKey("response.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(sa.ForeignKey("question.id", ondelete="CASCADE"))
    option_id: Mapped[int | None] = mapped_column(sa.ForeignKey("option.id", ondelete="CASCADE"))
    number: Mapped[Decimal | None] = mapped_column(sa.Numeric(18, 6))
    rank: Mapped[int | None]
    text: Mapped[str | None] = mapped_column(sa.Text)
    declined: Mapped[bool] = mapped_column(default=False)
    text_status: Mapped[TextStatus | None] = mapped_column(enum_type(TextStatus, 16))
    redacted_text: Mapped[str | None] = mapped_column(sa.Text)

    response: Mapped[Response] = relationship(back_populates="answers")
    question: Mapped[Question] = relationship()
    option: Mapped[Option | None] = relationship()

    __table_args__ = (
        sa.Index("ix_answer_question_id_option_id", "question_id", "option_id"),
        sa.CheckConstraint("rank IS NULL OR rank >= 1", name="rank_positive"),
    )
