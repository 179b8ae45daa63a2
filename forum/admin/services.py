"""What the administrators' pages show: counts across areas, schools, classes and accounts.

Read-only; every count is done by the database (GROUP BY and subqueries), never by loading rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager

from forum.accounts.models import STAFF_ROLES, Role, User
from forum.database import Base
from forum.extensions import db
from forum.schools.models import Area, Classroom, School


@dataclass(frozen=True)
class Overview:
    areas: int
    active_areas: int
    schools: int
    classrooms: int
    children: int
    staff_by_role: dict[Role, int]


@dataclass(frozen=True)
class AreaRow:
    area: Area
    schools: int


@dataclass(frozen=True)
class SchoolRow:
    school: School
    classrooms: int
    children: int


def _count(model: type[Base], *where: sa.ColumnExpressionArgument[bool]) -> sa.ScalarSelect[int]:
    return sa.select(sa.func.count()).select_from(model).where(*where).scalar_subquery()


def get_overview() -> Overview:
    """Every total on the overview in two queries: one row of scalar subqueries, one GROUP BY role."""
    totals = db.session.execute(
        sa.select(
            _count(Area),
            _count(Area, Area.active),
            _count(School),
            _count(Classroom),
            _count(User, User.role == Role.CHILD),
        )
    ).one()
    by_role = dict(
        db.session.execute(
            sa.select(User.role, sa.func.count()).where(User.role != Role.CHILD).group_by(User.role)
        ).all()
    )
    return Overview(
        areas=totals[0],
        active_areas=totals[1],
        schools=totals[2],
        classrooms=totals[3],
        children=totals[4],
        staff_by_role={role: by_role.get(role, 0) for role in STAFF_ROLES},
    )


def list_areas_with_counts() -> list[AreaRow]:
    """Areas, active first, each with how many schools it holds (an area in use is never deleted)."""
    schools = sa.func.count(School.id)
    rows = db.session.execute(
        sa.select(Area, schools)
        .outerjoin(School, School.area_id == Area.id)
        .group_by(Area.id)
        .order_by(Area.active.desc(), Area.name_vi, Area.id)
    ).all()
    return [AreaRow(area, count) for area, count in rows]


def list_schools_with_counts() -> list[SchoolRow]:
    """Schools with their area, how many classes they have and how many children are in those classes."""
    classes = sa.select(Classroom.school_id, sa.func.count().label("n")).group_by(Classroom.school_id).subquery()
    children = (
        sa.select(Classroom.school_id, sa.func.count(User.id).label("n"))
        .join(User, User.classroom_id == Classroom.id)
        .where(User.role == Role.CHILD)
        .group_by(Classroom.school_id)
        .subquery()
    )
    rows = db.session.execute(
        sa.select(School, sa.func.coalesce(classes.c.n, 0), sa.func.coalesce(children.c.n, 0))
        .join(School.area)
        .outerjoin(classes, classes.c.school_id == School.id)
        .outerjoin(children, children.c.school_id == School.id)
        .options(contains_eager(School.area))
        .order_by(School.active.desc(), School.name, School.id)
    ).all()
    return [SchoolRow(school, n_classes, n_children) for school, n_classes, n_children in rows]


def is_locked(user: User, now: datetime) -> bool:
    """Locked out by failed sign-ins: a password reset opens the account again."""
    return user.locked_until is not None and user.locked_until > now
