"""Accounts: staff passwords and lockout, children, cards, consent and erasure.

Functions flush but never commit: the calling view or command commits once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

import sqlalchemy as sa
from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from forum.accounts import cards
from forum.accounts.models import (
    STAFF_ROLES,
    AccessCard,
    Consent,
    ConsentKind,
    ConsentMethod,
    Gender,
    Role,
    User,
    new_session_token,
)
from forum.accounts.pseudonyms import generate_pseudonyms
from forum.accounts.signals import child_erasing
from forum.audit.models import AuditEvent
from forum.audit.services import AuditAction, record_event
from forum.database import utcnow
from forum.extensions import db
from forum.schools.models import Classroom, School

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256
MAX_LOCK = timedelta(hours=24)


@cache
def _dummy_hash(method: str) -> str:
    """Checked against when the username is unknown or locked, so every failure takes the same time."""
    return generate_password_hash("not-a-real-password", method=method)


class AccountError(ValueError):
    """A request that cannot be carried out; `code` names the reason for the message shown."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _hash_method() -> str:
    return current_app.config["PASSWORD_HASH_METHOD"]


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=_hash_method())


def check_new_password(password: str, username: str | None = None) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError("password_too_short")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError("password_too_long")
    if username and username.lower() in password.lower():
        raise AccountError("password_contains_username")


def normalise_username(username: str) -> str:
    return username.strip().lower()


def get_staff_by_username(username: str) -> User | None:
    return db.session.execute(
        sa.select(User).where(User.username == normalise_username(username), User.role != Role.CHILD)
    ).scalar_one_or_none()


def create_staff(
    *,
    username: str,
    password: str,
    role: Role,
    display_name: str = "",
    school: School | None = None,
    is_safeguarding_lead: bool = False,
    created_by: User | None = None,
) -> User:
    username = normalise_username(username)
    if not USERNAME_PATTERN.match(username):
        raise AccountError("username_invalid")
    if role not in STAFF_ROLES:
        raise AccountError("role_invalid")
    if role is Role.TEACHER and school is None:
        raise AccountError("teacher_needs_school")
    if get_staff_by_username(username) is not None:
        raise AccountError("username_taken")
    check_new_password(password, username)
    user = User(
        role=role,
        username=username,
        display_name=display_name.strip() or None,
        password_hash=hash_password(password),
        school=school if role is Role.TEACHER else None,
        is_safeguarding_lead=is_safeguarding_lead and role is Role.MODERATOR,
    )
    db.session.add(user)
    db.session.flush()
    record_event(AuditAction.STAFF_CREATED, actor=created_by, target=username, detail=f"role={role.value}")
    return user


def update_staff(
    user: User,
    *,
    role: Role,
    display_name: str,
    school: School | None,
    is_safeguarding_lead: bool,
    active: bool,
    changed_by: User,
) -> None:
    if role not in STAFF_ROLES or user.is_child:
        raise AccountError("role_invalid")
    if role is Role.TEACHER and school is None:
        raise AccountError("teacher_needs_school")
    if user.id == changed_by.id and (role is not Role.ADMIN or not active):
        raise AccountError("cannot_demote_self")
    if user.role is not role:
        record_event(
            AuditAction.ROLE_CHANGED,
            actor=changed_by,
            target=user.username or "",
            detail=f"{user.role.value} -> {role.value}",
        )
    was_active = user.active
    user.role = role
    user.display_name = display_name.strip() or None
    user.school = school if role is Role.TEACHER else None
    user.is_safeguarding_lead = is_safeguarding_lead and role is Role.MODERATOR
    user.active = active
    if was_active and not active:
        user.session_token = new_session_token()
    record_event(
        AuditAction.ACCOUNT_CHANGED,
        actor=changed_by,
        target=user.username or "",
        detail=f"active={active} safeguarding_lead={user.is_safeguarding_lead}",
    )
    db.session.flush()


@dataclass(frozen=True)
class SignInPolicy:
    max_failures: int
    lock_seconds: int


def authenticate_staff(username: str, password: str, policy: SignInPolicy) -> User | None:
    """The user when the password is right and the account is open; None otherwise.

    Every failure is audited; after `max_failures` wrong passwords the account locks for
    `lock_seconds`, doubling with each further lock (up to a day). Callers show one generic message.
    """
    now = utcnow()
    user = get_staff_by_username(username) if len(username) <= 64 else None
    if user is None or user.password_hash is None:
        check_password_hash(_dummy_hash(_hash_method()), password)
        record_event(AuditAction.SIGN_IN_FAILED, actor=None, target=username.strip()[:64], detail="unknown user")
        return None
    if user.locked_until is not None and user.locked_until > now:
        check_password_hash(_dummy_hash(_hash_method()), password)
        record_event(AuditAction.SIGN_IN_FAILED, actor=None, target=user.username or "", detail="locked")
        return None
    if not check_password_hash(user.password_hash, password) or not user.active:
        user.failed_sign_ins += 1
        detail = "wrong password" if user.active else "inactive account"
        if user.failed_sign_ins >= policy.max_failures:
            user.lock_count += 1
            lock = min(timedelta(seconds=policy.lock_seconds * 2 ** (user.lock_count - 1)), MAX_LOCK)
            user.locked_until = now + lock
            user.failed_sign_ins = 0
            record_event(
                AuditAction.SIGN_IN_LOCKED,
                actor=None,
                target=user.username or "",
                detail=f"locked for {int(lock.total_seconds())} s",
            )
        record_event(AuditAction.SIGN_IN_FAILED, actor=None, target=user.username or "", detail=detail)
        db.session.flush()
        return None
    user.failed_sign_ins = 0
    user.lock_count = 0
    user.locked_until = None
    user.last_sign_in_at = now
    record_event(AuditAction.SIGN_IN, actor=user, target=user.username or "")
    return user


def change_password(user: User, current: str, new: str) -> None:
    """Also signs the user out on every other device."""
    if user.password_hash is None or not check_password_hash(user.password_hash, current):
        raise AccountError("current_password_wrong")
    check_new_password(new, user.username)
    user.password_hash = hash_password(new)
    user.session_token = new_session_token()
    record_event(AuditAction.PASSWORD_CHANGED, actor=user, target=user.username or "")
    db.session.flush()


def reset_password(user: User, new: str, reset_by: User) -> None:
    check_new_password(new, user.username)
    user.password_hash = hash_password(new)
    user.session_token = new_session_token()
    user.failed_sign_ins = 0
    user.lock_count = 0
    user.locked_until = None
    record_event(AuditAction.PASSWORD_RESET, actor=reset_by, target=user.username or "")
    db.session.flush()


def sign_out_everywhere(user: User) -> None:
    user.session_token = new_session_token()
    record_event(AuditAction.SIGN_OUT_EVERYWHERE, actor=user, target=user.username or f"child #{user.id}")
    db.session.flush()


# Children ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewChild:
    birth_year: int
    gender: Gender | None


def add_children(classroom: Classroom, rows: Sequence[NewChild], added_by: User | None) -> list[User]:
    names = generate_pseudonyms(len(rows))
    children = [
        User(role=Role.CHILD, pseudonym=name, birth_year=row.birth_year, gender=row.gender, classroom=classroom)
        for name, row in zip(names, rows, strict=True)
    ]
    db.session.add_all(children)
    db.session.flush()
    record_event(
        AuditAction.CHILDREN_ADDED,
        actor=added_by,
        target=f"classroom #{classroom.id}",
        detail=f"{len(children)} children",
    )
    return children


def issue_cards(children: Sequence[User], issued_by: User | None, key: str) -> list[tuple[User, str]]:
    """New cards for `children`, revoking their old ones. Returns the codes: the only time they exist."""
    now = utcnow()
    ids = [child.id for child in children]
    db.session.execute(
        sa.update(AccessCard)
        .where(AccessCard.child_id.in_(ids), AccessCard.revoked_at.is_(None))
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    )
    issued: list[tuple[User, str]] = []
    for child in children:
        code = cards.new_code()
        db.session.add(
            AccessCard(
                child_id=child.id,
                code_hash=cards.hash_code(code, key),
                issued_by_id=issued_by.id if issued_by else None,
            )
        )
        issued.append((child, code))
    db.session.flush()
    classrooms = sorted({child.classroom_id for child in children if child.classroom_id})
    record_event(
        AuditAction.CARDS_ISSUED,
        actor=issued_by,
        target=",".join(f"classroom #{c}" for c in classrooms),
        detail=f"{len(issued)} cards for children " + ",".join(str(i) for i in ids),
    )
    return issued


def find_child_by_code(text: str, key: str) -> User | None:
    """The child holding an active card with this code, or None (also for malformed codes)."""
    try:
        code = cards.normalise_code(text)
    except cards.InvalidCode:
        return None
    return db.session.execute(
        sa.select(User)
        .join(AccessCard, AccessCard.child_id == User.id)
        .where(AccessCard.code_hash == cards.hash_code(code, key), AccessCard.revoked_at.is_(None), User.active)
    ).scalar_one_or_none()


def record_child_sign_in(child: User) -> None:
    child.last_sign_in_at = utcnow()
    record_event(AuditAction.CARD_SIGN_IN, actor=child, target=f"classroom #{child.classroom_id}")


def has_active_card(child: User) -> bool:
    return any(card.revoked_at is None for card in child.cards)


# Consent ----------------------------------------------------------------------------------


def record_guardian_consent(child: User, method: ConsentMethod, given_on: datetime, recorded_by: User) -> Consent:
    consent = Consent(
        child=child, kind=ConsentKind.GUARDIAN, granted=True, method=method, given_on=given_on, recorded_by=recorded_by
    )
    db.session.add(consent)
    db.session.flush()
    record_event(
        AuditAction.CONSENT_RECORDED, actor=recorded_by, target=f"child #{child.id}", detail=f"guardian, {method.value}"
    )
    return consent


def record_assent(child: User, granted: bool) -> Consent:
    for previous in child.consents:
        if previous.kind is ConsentKind.ASSENT and previous.withdrawn_at is None:
            previous.withdrawn_at = utcnow()
    consent = Consent(child=child, kind=ConsentKind.ASSENT, granted=granted, method=ConsentMethod.ONLINE)
    db.session.add(consent)
    db.session.flush()
    record_event(AuditAction.ASSENT_RECORDED, actor=child, target=f"child #{child.id}", detail=f"granted={granted}")
    return consent


def erase_child(child: User, erased_by: User | None, reason: str) -> None:
    """Withdrawal or the child's own request: the child's record, cards and consents are deleted."""
    if not child.is_child:
        raise AccountError("not_a_child")
    child_id, classroom_id = child.id, child.classroom_id
    child_erasing.send(child)
    record_event(
        AuditAction.CHILD_ERASED,
        actor=erased_by if erased_by is not child else None,
        target=f"child #{child_id}",
        detail=f"{reason}; classroom #{classroom_id}",
    )
    db.session.execute(sa.delete(AccessCard).where(AccessCard.child_id == child_id))
    db.session.execute(sa.delete(Consent).where(Consent.child_id == child_id))
    db.session.execute(sa.update(AuditEvent).where(AuditEvent.actor_id == child_id).values(actor_id=None))
    db.session.delete(child)
    db.session.flush()


def withdraw_guardian_consent(child: User, withdrawn_by: User) -> None:
    """Withdrawal stops participation and erases the child's personal data."""
    record_event(AuditAction.CONSENT_WITHDRAWN, actor=withdrawn_by, target=f"child #{child.id}", detail="guardian")
    erase_child(child, withdrawn_by, "guardian consent withdrawn")


def get_child(child_id: int) -> User | None:
    return db.session.execute(sa.select(User).where(User.id == child_id, User.role == Role.CHILD)).scalar_one_or_none()


def get_child_by_pseudonym(pseudonym: str) -> User | None:
    return db.session.execute(
        sa.select(User).where(User.pseudonym == pseudonym, User.role == Role.CHILD)
    ).scalar_one_or_none()


def list_staff(role: Role | None = None, search: str = "") -> list[User]:
    query = sa.select(User).where(User.role != Role.CHILD).order_by(User.username)
    if role is not None:
        query = query.where(User.role == role)
    if search:
        escaped = search.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        query = query.where(
            sa.or_(
                User.username.like(pattern, escape="\\"),
                sa.func.lower(User.display_name).like(pattern, escape="\\"),
            )
        )
    return list(db.session.execute(query).scalars())


def get_staff(user_id: int) -> User | None:
    return db.session.execute(sa.select(User).where(User.id == user_id, User.role != Role.CHILD)).scalar_one_or_none()
