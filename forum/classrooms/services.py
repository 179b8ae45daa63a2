"""What a teacher sees and records about a class: counts, each child's status, consent.

Counts only, never answers. Functions flush but never commit: the calling view commits once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, tzinfo

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from forum.accounts import services as accounts
from forum.accounts.age_bands import age_in_year, band_for_age, band_label
from forum.accounts.models import AccessCard, Consent, ConsentKind, ConsentMethod, Role, User
from forum.extensions import db
from forum.schools.models import Classroom, School
from forum.schools.services import current_school_year, list_classrooms
from forum.surveys.services import count_submitted_by_child

# How far from the current school year a new class may be (a typo like 2062-2063 is refused).
SCHOOL_YEAR_REACH = 1


class ClassroomError(ValueError):
    """A request that cannot be carried out; `code` names the reason for the message shown."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def nearby_school_years(today: date) -> list[str]:
    """The school years a teacher may create a class in: the current one and its neighbours."""
    start = int(current_school_year(today)[:4])
    return [f"{year}-{year + 1}" for year in range(start - SCHOOL_YEAR_REACH, start + SCHOOL_YEAR_REACH + 1)]


# The class list ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ClassroomCounts:
    classroom: Classroom
    children: int
    guardian_consent: int
    active_cards: int


def _has_guardian_consent() -> sa.ColumnElement[bool]:
    return sa.exists().where(
        Consent.child_id == User.id,
        Consent.kind == ConsentKind.GUARDIAN,
        Consent.granted.is_(True),
        Consent.withdrawn_at.is_(None),
    )


def _has_active_card() -> sa.ColumnElement[bool]:
    return sa.exists().where(AccessCard.child_id == User.id, AccessCard.revoked_at.is_(None))


def _count_where(condition: sa.ColumnElement[bool]) -> sa.ColumnElement[int]:
    return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)


def list_classroom_counts(school: School) -> list[ClassroomCounts]:
    """The school's classes with their head counts, counted in the database in one query."""
    classrooms = list_classrooms(school)
    rows = db.session.execute(
        sa.select(
            User.classroom_id,
            sa.func.count(User.id),
            _count_where(_has_guardian_consent()),
            _count_where(_has_active_card()),
        )
        .where(User.role == Role.CHILD, User.classroom_id.in_([c.id for c in classrooms]))
        .group_by(User.classroom_id)
    ).all()
    counts = {row[0]: (int(row[1]), int(row[2]), int(row[3])) for row in rows}
    return [ClassroomCounts(classroom, *counts.get(classroom.id, (0, 0, 0))) for classroom in classrooms]


# One class --------------------------------------------------------------------------------


def current_consent(child: User, kind: ConsentKind) -> Consent | None:
    """The consent record that decides `kind` now (the latest not withdrawn), as in has_consent."""
    current = [c for c in child.consents if c.kind is kind and c.withdrawn_at is None]
    return max(current, key=lambda c: (c.recorded_at, c.id)) if current else None


@dataclass(frozen=True)
class ChildStatus:
    """One row of the class table: who the child is on paper, and where their paperwork stands."""

    child: User
    band: str
    guardian: Consent | None
    assent_asked: bool  # old enough to be asked for their own yes (ASSENT_FROM_AGE)
    assent: bool | None
    card_since: datetime | None
    surveys_answered: int  # submitted surveys: a count, never the answers

    @property
    def has_consent(self) -> bool:
        return self.guardian is not None and self.guardian.granted


def list_child_statuses(
    classroom: Classroom, today: date, bands: Sequence[Sequence[int]], assent_from_age: int
) -> list[ChildStatus]:
    """Every child of the class with cards and consents loaded in two extra queries, not one per child."""
    children = db.session.execute(
        sa.select(User)
        .where(User.classroom_id == classroom.id, User.role == Role.CHILD)
        .options(selectinload(User.cards), selectinload(User.consents))
        .order_by(User.pseudonym)
    ).scalars()
    children = list(children)
    answered = count_submitted_by_child([child.id for child in children])
    statuses = []
    for child in children:
        age = age_in_year(child.birth_year or today.year, today)
        assent = current_consent(child, ConsentKind.ASSENT)
        active = [card.issued_at for card in child.cards if card.revoked_at is None]
        statuses.append(
            ChildStatus(
                child=child,
                band=band_label(band_for_age(age, bands)),
                guardian=current_consent(child, ConsentKind.GUARDIAN),
                assent_asked=age >= assent_from_age,
                assent=assent.granted if assent is not None else None,
                card_since=max(active) if active else None,
                surveys_answered=answered.get(child.id, 0),
            )
        )
    return statuses


@dataclass(frozen=True)
class ClassSummary:
    children: int
    guardian_consent: int
    assent_given: int
    active_cards: int
    signed_in: int
    took_part: int


def summarise(statuses: Sequence[ChildStatus]) -> ClassSummary:
    """The counts above the class table, from the same rows the table shows."""
    return ClassSummary(
        children=len(statuses),
        guardian_consent=sum(s.has_consent for s in statuses),
        assent_given=sum(s.assent is True for s in statuses),
        active_cards=sum(s.card_since is not None for s in statuses),
        signed_in=sum(s.child.last_sign_in_at is not None for s in statuses),
        took_part=sum(s.surveys_answered > 0 for s in statuses),
    )


# Consent ----------------------------------------------------------------------------------


def record_consents(
    children: Sequence[User], method: ConsentMethod, given_on: date, recorded_by: User, zone: tzinfo
) -> list[Consent]:
    """Guardian consent given on the calendar day `given_on` where the school is (`zone`), for each
    child; all or none are recorded. The day is stored as the UTC moment it began there."""
    if given_on > datetime.now(zone).date():
        raise ClassroomError("consent_in_future")
    if any(given_on.year < (child.birth_year or 0) for child in children):
        raise ClassroomError("consent_before_birth")
    moment = datetime.combine(given_on, time.min, zone).astimezone(UTC)
    return [accounts.record_guardian_consent(child, method, moment, recorded_by) for child in children]
