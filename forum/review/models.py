"""The moderation queue, its append-only decision log, word rules kept in the database, sanctions.

`forum.moderation` is the pure rules engine; this package stores what people do with its verdicts.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.accounts.models import User
from forum.consultations.models import Consultation
from forum.database import UTCDateTime, enum_type, utcnow
from forum.discussions.models import Post, Topic
from forum.extensions import db
from forum.surveys.models import Answer


class ItemKind(str, enum.Enum):
    POST = "post"
    ANSWER = "answer"  # a free-text survey answer


class ItemState(str, enum.Enum):
    OPEN = "open"
    DECIDED = "decided"


class Urgency(int, enum.Enum):
    """Queue order: lower first. Stored as an integer so ORDER BY sorts by urgency."""

    SAFEGUARDING = 0
    REPORTED = 1
    ROUTINE = 2


class ReviewItem(db.Model):
    """Something a moderator must look at: a held or pre-moderated post, a reported post, or a
    free-text survey answer. One open item per post or answer at a time."""

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ItemKind] = mapped_column(enum_type(ItemKind, 8))
    post_id: Mapped[int | None] = mapped_column(sa.ForeignKey("post.id", ondelete="CASCADE"), index=True)
    answer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("answer.id", ondelete="CASCADE"), index=True)
    # For the queue's filters (a survey answer has no topic).
    consultation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("consultation.id", ondelete="CASCADE"), index=True
    )
    topic_id: Mapped[int | None] = mapped_column(sa.ForeignKey("topic.id", ondelete="CASCADE"), index=True)
    urgency: Mapped[int] = mapped_column(default=Urgency.ROUTINE.value)
    # Why it is here: the rules' reason codes, plus "reported" and "pre_moderation".
    reasons: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    spans: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list)
    state: Mapped[ItemState] = mapped_column(enum_type(ItemState, 8), default=ItemState.OPEN)
    claimed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    post: Mapped[Post | None] = relationship()
    answer: Mapped[Answer | None] = relationship()
    consultation: Mapped[Consultation | None] = relationship()
    topic: Mapped[Topic | None] = relationship()
    claimed_by: Mapped[User | None] = relationship()

    __table_args__ = (
        sa.CheckConstraint(
            "(kind = 'post' AND post_id IS NOT NULL AND answer_id IS NULL)"
            " OR (kind = 'answer' AND answer_id IS NOT NULL AND post_id IS NULL)",
            name="one_subject",
        ),
        sa.Index("ix_review_item_state_urgency_created_at", "state", "urgency", "created_at"),
    )


class DecisionAction(str, enum.Enum):
    APPROVE = "approve"
    REDACT = "redact"  # approve with personal information removed
    REJECT = "reject"
    REMOVE = "remove"  # take down a published post
    OPEN_CASE = "open_case"
    SUSPEND = "suspend"
    LIFT_SUSPENSION = "lift_suspension"


class ModerationDecision(db.Model):
    """The append-only log of moderators' decisions. It holds ids, never a child's words, so
    erasing a child needs no change here; a database trigger refuses every UPDATE."""

    id: Mapped[int] = mapped_column(primary_key=True)
    # Plain ids, not foreign keys: the log outlives what it describes.
    item_id: Mapped[int | None] = mapped_column(index=True)
    post_id: Mapped[int | None] = mapped_column(index=True)
    answer_id: Mapped[int | None]
    child_id: Mapped[int | None]
    moderator_id: Mapped[int | None] = mapped_column(index=True)
    moderator_label: Mapped[str] = mapped_column(sa.String(64), default="")
    action: Mapped[DecisionAction] = mapped_column(enum_type(DecisionAction, 24))
    reason: Mapped[str | None] = mapped_column(sa.String(32))
    note: Mapped[str] = mapped_column(sa.String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class RuleCategory(str, enum.Enum):
    PROFANITY = "profanity"
    INSULT = "insult"
    SAFEGUARDING = "safeguarding"
    PERSONAL_INFO = "personal_info"
    LINK = "link"
    CUSTOM = "custom"


class RuleAction(str, enum.Enum):
    ALLOW = "allow"
    HOLD = "hold"
    BLOCK = "block"


class RuleLanguage(str, enum.Enum):
    VI = "vi"
    EN = "en"


class WordRule(db.Model):
    """A word rule as admins edit it; the engine reads these rows through `forum.moderation.RuleSet`."""

    id: Mapped[int] = mapped_column(primary_key=True)
    pattern: Mapped[str] = mapped_column(sa.String(120))
    category: Mapped[RuleCategory] = mapped_column(enum_type(RuleCategory, 16))
    action: Mapped[RuleAction] = mapped_column(enum_type(RuleAction, 8))
    language: Mapped[RuleLanguage] = mapped_column(enum_type(RuleLanguage, 4), default=RuleLanguage.VI)
    whole_word: Mapped[bool] = mapped_column(default=True)
    note: Mapped[str] = mapped_column(sa.String(200), default="")
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    __table_args__ = (sa.UniqueConstraint("pattern", "language", "whole_word", name="uq_word_rule_pattern"),)


class RuleRevision(db.Model):
    """One row counting changes to the word rules: every process rebuilds its rule set when the
    number moves, so an admin's change applies at once without a restart."""

    id: Mapped[int] = mapped_column(primary_key=True)
    revision: Mapped[int] = mapped_column(default=0)


class Suspension(db.Model):
    """A child may not post until `ends_at` (unless lifted); the child sees `reason`."""

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(sa.String(32))
    note: Mapped[str] = mapped_column(sa.String(500), default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    lifted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lifted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))

    child: Mapped[User] = relationship(foreign_keys=[child_id])

    __table_args__ = (sa.CheckConstraint("starts_at < ends_at", name="ends_after_start"),)
