"""People and how they prove who they are: users, access cards, consent records."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.database import UTCDateTime, enum_type, utcnow
from forum.extensions import db
from forum.schools.models import Classroom, School


class Role(str, enum.Enum):
    CHILD = "child"
    TEACHER = "teacher"
    MODERATOR = "moderator"
    POLICY = "policy"
    ADMIN = "admin"


STAFF_ROLES = (Role.TEACHER, Role.MODERATOR, Role.POLICY, Role.ADMIN)


class Gender(str, enum.Enum):
    GIRL = "girl"
    BOY = "boy"
    ANOTHER = "another"
    UNSAID = "unsaid"


class ConsentKind(str, enum.Enum):
    GUARDIAN = "guardian"
    ASSENT = "assent"


class ConsentMethod(str, enum.Enum):
    PAPER = "paper"
    IN_PERSON = "in_person"
    PHONE = "phone"
    ONLINE = "online"


def new_session_token() -> str:
    return secrets.token_hex(16)


class User(UserMixin, db.Model):
    """A child (pseudonym, birth year, class) or a staff member (username, password)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[Role] = mapped_column(enum_type(Role, 16), index=True)
    username: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    display_name: Mapped[str | None] = mapped_column(sa.String(120))
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    pseudonym: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    birth_year: Mapped[int | None]
    gender: Mapped[Gender | None] = mapped_column(enum_type(Gender, 16))
    classroom_id: Mapped[int | None] = mapped_column(sa.ForeignKey("classroom.id", ondelete="RESTRICT"), index=True)
    school_id: Mapped[int | None] = mapped_column(sa.ForeignKey("school.id", ondelete="RESTRICT"), index=True)
    is_safeguarding_lead: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    # Part of the session identity: rotating it signs the user out on every device.
    session_token: Mapped[str] = mapped_column(sa.String(32), default=new_session_token)
    failed_sign_ins: Mapped[int] = mapped_column(default=0)
    lock_count: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    classroom: Mapped[Classroom | None] = relationship()
    school: Mapped[School | None] = relationship()
    cards: Mapped[list[AccessCard]] = relationship(
        back_populates="child", foreign_keys="AccessCard.child_id", cascade="all, delete-orphan", passive_deletes=True
    )
    consents: Mapped[list[Consent]] = relationship(
        back_populates="child", foreign_keys="Consent.child_id", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (
        sa.CheckConstraint(
            "(role = 'child' AND pseudonym IS NOT NULL AND username IS NULL AND classroom_id IS NOT NULL"
            " AND birth_year IS NOT NULL AND password_hash IS NULL)"
            " OR (role <> 'child' AND username IS NOT NULL AND pseudonym IS NULL)",
            name="identity_by_role",
        ),
    )

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def is_child(self) -> bool:
        return self.role is Role.CHILD

    @property
    def label(self) -> str:
        """How this person is named on screen: a pseudonym for children, a name for staff."""
        if self.is_child:
            return self.pseudonym or ""
        return self.display_name or self.username or ""


class AccessCard(db.Model):
    """A child's sign-in card. Only a keyed hash of the code is stored; the code is shown once."""

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    issued_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    child: Mapped[User] = relationship(back_populates="cards", foreign_keys=[child_id])


class Consent(db.Model):
    """Guardian consent (recorded by a teacher) or the child's own assent; withdrawable."""

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ConsentKind] = mapped_column(enum_type(ConsentKind, 16))
    granted: Mapped[bool]
    method: Mapped[ConsentMethod] = mapped_column(enum_type(ConsentMethod, 16))
    given_on: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    child: Mapped[User] = relationship(back_populates="consents", foreign_keys=[child_id])
    recorded_by: Mapped[User | None] = relationship(foreign_keys=[recorded_by_id])
