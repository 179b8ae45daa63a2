"""Discussion topics inside a consultation, children's posts and replies, agreements and reports.

A post keeps the text exactly as the child sent it (NFC) in `body`; when a moderator redacts
personal information before approving, what others see is `redacted_body` and `body` stays for
the audit. Children see only published posts (and their own pending ones).
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
from forum.extensions import db
from forum.schools.models import Area

BODY_MAX_LENGTH = 1000


class ModerationMode(str, enum.Enum):
    """Pre-moderation: every post waits for a moderator. Post-moderation: published unless held."""

    PRE = "pre"
    POST = "post"


class PostStatus(str, enum.Enum):
    PENDING = "pending"  # waiting for a moderator; only its author sees it
    PUBLISHED = "published"
    HIDDEN = "hidden"  # published, then hidden by reports until a moderator reviews it
    REJECTED = "rejected"  # refused by a moderator, with a reason the child sees
    REMOVED = "removed"  # taken down after publication


class ReportReason(str, enum.Enum):
    """A child's "Điều này làm em lo lắng", in words a child chooses."""

    UNKIND = "unkind"
    SCARY = "scary"
    PERSONAL = "personal"
    WORRIED_FOR_AUTHOR = "worried_for_author"
    OTHER = "other"


topic_area = sa.Table(
    "topic_area",
    db.metadata,
    sa.Column("topic_id", sa.ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("area_id", sa.ForeignKey("area.id", ondelete="RESTRICT"), primary_key=True),
)


class Topic(db.Model):
    """A discussion prompt. Texts are {"vi": ..., "en": ...}. No bands or areas means the
    consultation's."""

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(sa.ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    title: Mapped[dict[str, str]] = mapped_column(sa.JSON)
    prompt: Mapped[dict[str, str]] = mapped_column(sa.JSON, default=dict)
    target_bands: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    mode: Mapped[ModerationMode] = mapped_column(enum_type(ModerationMode, 8), default=ModerationMode.PRE)
    is_open: Mapped[bool] = mapped_column(default=True)
    # Slow mode: a child waits this many seconds between posts in this topic (0 = off).
    slow_mode_seconds: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    consultation: Mapped[Consultation] = relationship()
    areas: Mapped[list[Area]] = relationship(secondary=topic_area, order_by=Area.name_vi)
    created_by: Mapped[User | None] = relationship()

    __table_args__ = (sa.CheckConstraint("slow_mode_seconds >= 0", name="slow_mode_not_negative"),)


class Post(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(sa.ForeignKey("topic.id", ondelete="CASCADE"), index=True)
    # Erasing a child erases their posts (and the replies under them).
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), index=True)
    # One level of replies: a reply's parent is never itself a reply.
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("post.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(sa.Text)
    redacted_body: Mapped[str | None] = mapped_column(sa.Text)
    status: Mapped[PostStatus] = mapped_column(enum_type(PostStatus, 16), default=PostStatus.PENDING, index=True)
    # The rules' verdict when it was sent: reason codes and spans ({start, end, reason, text}).
    reasons: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    spans: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list)
    # The child was shown personal information in the post and chose to keep it.
    kept_personal_info: Mapped[bool] = mapped_column(default=False)
    # A reason from the child-friendly list, shown to the author when the post is rejected or removed.
    rejection_reason: Mapped[str | None] = mapped_column(sa.String(32))
    agree_count: Mapped[int] = mapped_column(default=0)
    report_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    topic: Mapped[Topic] = relationship()
    author: Mapped[User] = relationship()
    parent: Mapped[Post | None] = relationship(remote_side=[id])

    __table_args__ = (
        sa.CheckConstraint("agree_count >= 0 AND report_count >= 0", name="counts_not_negative"),
        sa.Index("ix_post_topic_id_status_created_at", "topic_id", "status", "created_at"),
    )

    @property
    def shown_body(self) -> str:
        """What readers see: the redacted text when a moderator redacted it."""
        return self.redacted_body if self.redacted_body is not None else self.body


class Agreement(db.Model):
    """A child's "I agree" on a post: one per child per post."""

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(sa.ForeignKey("post.id", ondelete="CASCADE"), index=True)
    child_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (sa.UniqueConstraint("post_id", "child_id", name="uq_agreement_post_id_child_id"),)


class Report(db.Model):
    """A child's "this worries me" on someone else's post: one per child per post."""

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(sa.ForeignKey("post.id", ondelete="CASCADE"), index=True)
    child_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), index=True)
    reason: Mapped[ReportReason] = mapped_column(enum_type(ReportReason, 24))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (sa.UniqueConstraint("post_id", "child_id", name="uq_report_post_id_child_id"),)
