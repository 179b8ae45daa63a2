"""Safeguarding cases, seen only by safeguarding leads.

A case copies what the child wrote and where the child is (pseudonym, class, school) when it
opens, so the school can act even if the post is later removed or the account erased: protecting
a child at risk outlives the data-minimisation rule that erases the rest.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.accounts.models import User
from forum.database import UTCDateTime, enum_type, utcnow
from forum.discussions.models import Post
from forum.extensions import db
from forum.schools.models import Classroom, School
from forum.surveys.models import Answer


class CaseSource(str, enum.Enum):
    POST = "post"
    ANSWER = "answer"


class CaseUrgency(int, enum.Enum):
    """Lower is more urgent (ORDER BY)."""

    IMMEDIATE = 0  # self-harm, suicidal thoughts, ongoing sexual abuse
    HIGH = 1
    NORMAL = 2


class CaseStatus(str, enum.Enum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    REFERRED_111 = "referred_111"
    REFERRED_SCHOOL = "referred_school"
    REFERRED_POLICE = "referred_police"
    CLOSED = "closed"


OPEN_STATUSES = (
    CaseStatus.NEW,
    CaseStatus.IN_PROGRESS,
    CaseStatus.REFERRED_111,
    CaseStatus.REFERRED_SCHOOL,
    CaseStatus.REFERRED_POLICE,
)


class SafeguardingCase(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[CaseSource] = mapped_column(enum_type(CaseSource, 8))
    post_id: Mapped[int | None] = mapped_column(sa.ForeignKey("post.id", ondelete="SET NULL"), index=True)
    answer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("answer.id", ondelete="SET NULL"), index=True)
    source_text: Mapped[str] = mapped_column(sa.Text)
    # The rules' reason codes and spans, or empty when a moderator opened the case by hand.
    reasons: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    spans: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list)
    child_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"), index=True)
    child_label: Mapped[str] = mapped_column(sa.String(64), default="")
    classroom_id: Mapped[int | None] = mapped_column(sa.ForeignKey("classroom.id", ondelete="SET NULL"))
    school_id: Mapped[int | None] = mapped_column(sa.ForeignKey("school.id", ondelete="SET NULL"))
    urgency: Mapped[int] = mapped_column(default=CaseUrgency.HIGH.value)
    status: Mapped[CaseStatus] = mapped_column(enum_type(CaseStatus, 24), default=CaseStatus.NEW, index=True)
    assignee_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    # None when the rules opened it.
    opened_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    post: Mapped[Post | None] = relationship()
    answer: Mapped[Answer | None] = relationship()
    child: Mapped[User | None] = relationship(foreign_keys=[child_id])
    classroom: Mapped[Classroom | None] = relationship()
    school: Mapped[School | None] = relationship()
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    opened_by: Mapped[User | None] = relationship(foreign_keys=[opened_by_id])
    notes: Mapped[list[CaseNote]] = relationship(
        back_populates="case", order_by="CaseNote.created_at", cascade="all, delete-orphan", passive_deletes=True
    )


class CaseNote(db.Model):
    """A lead's note on a case, or a status change ("new → referred to 111")."""

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("safeguarding_case.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    author_label: Mapped[str] = mapped_column(sa.String(64), default="")
    body: Mapped[str] = mapped_column(sa.Text, default="")
    old_status: Mapped[CaseStatus | None] = mapped_column(enum_type(CaseStatus, 24))
    new_status: Mapped[CaseStatus | None] = mapped_column(enum_type(CaseStatus, 24))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    case: Mapped[SafeguardingCase] = relationship(back_populates="notes")
