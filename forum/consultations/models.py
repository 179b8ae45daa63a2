"""A consultation: the policy question children are asked about, and who will read their views."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.accounts.models import User
from forum.database import UTCDateTime, enum_type, utcnow
from forum.extensions import db
from forum.schools.models import Area


class ConsultationStatus(str, enum.Enum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"
    FEEDBACK_PUBLISHED = "feedback_published"


consultation_area = sa.Table(
    "consultation_area",
    db.metadata,
    sa.Column("consultation_id", sa.ForeignKey("consultation.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("area_id", sa.ForeignKey("area.id", ondelete="RESTRICT"), primary_key=True),
)


class Consultation(db.Model):
    """Texts are {"vi": ..., "en": ...}; `summaries` holds a child-friendly summary per age band
    ({"6-8": {"vi": ...}}). No target areas means every area."""

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[dict[str, str]] = mapped_column(sa.JSON)
    policy_question: Mapped[dict[str, str]] = mapped_column(sa.JSON)
    purpose: Mapped[dict[str, str]] = mapped_column(sa.JSON, default=dict)
    audience: Mapped[dict[str, str]] = mapped_column(sa.JSON, default=dict)
    summaries: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    target_bands: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    opens_on: Mapped[date]
    closes_on: Mapped[date]
    feedback_by: Mapped[date | None]
    status: Mapped[ConsultationStatus] = mapped_column(
        enum_type(ConsultationStatus, 24),
        default=ConsultationStatus.DRAFT,
        index=True,
    )
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    areas: Mapped[list[Area]] = relationship(secondary=consultation_area, order_by=Area.name_vi)
    created_by: Mapped[User | None] = relationship()

    __table_args__ = (sa.CheckConstraint("opens_on <= closes_on", name="dates_in_order"),)
