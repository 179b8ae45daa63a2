"""Feedback to children for a closed consultation: the points they raised and what became of each."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.consultations.models import Consultation
from forum.database import UTCDateTime, enum_type, utcnow
from forum.extensions import db


class Outcome(str, enum.Enum):
    ADOPTED = "adopted"
    PARTLY_ADOPTED = "partly_adopted"
    NOT_ADOPTED = "not_adopted"
    UNDER_CONSIDERATION = "under_consideration"


class Feedback(db.Model):
    """One per consultation. Texts are {"vi": ..., "en": ...}; `band_summaries` holds the
    child-friendly summary per age band ({"6-8": {"vi": ...}})."""

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(sa.ForeignKey("consultation.id", ondelete="CASCADE"), unique=True)
    summary: Mapped[dict[str, str]] = mapped_column(sa.JSON, default=dict)
    band_summaries: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    consultation: Mapped[Consultation] = relationship()
    points: Mapped[list[FeedbackPoint]] = relationship(
        back_populates="feedback", order_by="FeedbackPoint.position", cascade="all, delete-orphan", passive_deletes=True
    )


class FeedbackPoint(db.Model):
    """A point the children raised ("you said"), what was decided and why ("we did")."""

    id: Mapped[int] = mapped_column(primary_key=True)
    feedback_id: Mapped[int] = mapped_column(sa.ForeignKey("feedback.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    raised: Mapped[dict[str, str]] = mapped_column(sa.JSON, default=dict)
    outcome: Mapped[Outcome] = mapped_column(enum_type(Outcome, 24))
    explanation: Mapped[dict[str, str]] = mapped_column(sa.JSON, default=dict)

    feedback: Mapped[Feedback] = relationship(back_populates="points")


class FeedbackView(db.Model):
    """A child has opened the feedback: it is no longer marked new on their home page."""

    feedback_id: Mapped[int] = mapped_column(sa.ForeignKey("feedback.id", ondelete="CASCADE"), primary_key=True)
    child_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
