"""Areas, schools and classrooms."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from forum.accounts.models import Role, User
from forum.audit.services import AuditAction, record_event
from forum.extensions import db
from forum.schools.models import Area, Classroom, School, SchoolLevel

SCHOOL_YEAR_PATTERN = re.compile(r"^(\d{4})-(\d{4})$")
AREA_CODE_PATTERN = re.compile(r"^[A-Z0-9_-]{1,16}$")


class SchoolError(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def get_area(area_id: int) -> Area | None:
    return db.session.get(Area, area_id)


def get_school(school_id: int) -> School | None:
    return db.session.get(School, school_id)


def get_classroom(classroom_id: int) -> Classroom | None:
    return db.session.get(Classroom, classroom_id)


def list_areas(active_only: bool = False) -> list[Area]:
    query = sa.select(Area).order_by(Area.name_vi)
    if active_only:
        query = query.where(Area.active)
    return list(db.session.execute(query).scalars())


def list_schools() -> list[School]:
    return list(db.session.execute(sa.select(School).order_by(School.name)).scalars())


def save_area(
    area: Area | None, *, code: str, name_vi: str, name_en: str, kind: str, active: bool, actor: User | None
) -> Area:
    code = code.strip().upper()
    if not AREA_CODE_PATTERN.match(code):
        raise SchoolError("area_code_invalid")
    clash = db.session.execute(sa.select(Area).where(Area.code == code)).scalar_one_or_none()
    if clash is not None and clash is not area:
        raise SchoolError("area_code_taken")
    if area is None:
        area = Area()
        db.session.add(area)
    area.code, area.name_vi, area.name_en, area.kind, area.active = (
        code,
        name_vi.strip(),
        name_en.strip(),
        kind.strip(),
        active,
    )
    db.session.flush()
    record_event(AuditAction.AREA_CHANGED, actor=actor, target=f"area {code}", detail=f"active={active}")
    return area


def save_school(
    school: School | None, *, name: str, level: SchoolLevel, area: Area, active: bool, actor: User | None
) -> School:
    name = name.strip()
    clash = db.session.execute(
        sa.select(School).where(School.area_id == area.id, School.name == name)
    ).scalar_one_or_none()
    if clash is not None and clash is not school:
        raise SchoolError("school_name_taken")
    if school is None:
        school = School()
        db.session.add(school)
    school.name, school.level, school.area, school.active = name, level, area, active
    db.session.flush()
    record_event(AuditAction.SCHOOL_CHANGED, actor=actor, target=f"school #{school.id}", detail=name[:200])
    return school


def current_school_year(today: date) -> str:
    """Vietnamese school years start in September; from August on, the coming one is current."""
    start = today.year if today.month >= 8 else today.year - 1
    return f"{start}-{start + 1}"


def check_school_year(value: str) -> str:
    match = SCHOOL_YEAR_PATTERN.match(value.strip())
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise SchoolError("school_year_invalid")
    return value.strip()


def create_classroom(school: School, *, name: str, grade: int, school_year: str, actor: User | None) -> Classroom:
    name = name.strip()
    school_year = check_school_year(school_year)
    clash = db.session.execute(
        sa.select(Classroom).where(
            Classroom.school_id == school.id, Classroom.school_year == school_year, Classroom.name == name
        )
    ).scalar_one_or_none()
    if clash is not None:
        raise SchoolError("classroom_name_taken")
    classroom = Classroom(school=school, name=name, grade=grade, school_year=school_year)
    db.session.add(classroom)
    db.session.flush()
    return classroom


def list_classrooms(school: School) -> list[Classroom]:
    return list(
        db.session.execute(
            sa.select(Classroom)
            .where(Classroom.school_id == school.id)
            .order_by(Classroom.school_year.desc(), Classroom.grade, Classroom.name)
        ).scalars()
    )


def list_children(classroom: Classroom) -> list[User]:
    return list(
        db.session.execute(
            sa.select(User).where(User.classroom_id == classroom.id, User.role == Role.CHILD).order_by(User.pseudonym)
        ).scalars()
    )


def load_areas_csv(path: Path) -> int:
    """Add or update areas from a CSV with columns code,name_vi,name_en,kind; returns how many rows."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows: Iterable[dict[str, str]] = list(csv.DictReader(handle))
    count = 0
    for row in rows:
        existing = db.session.execute(
            sa.select(Area).where(Area.code == row["code"].strip().upper())
        ).scalar_one_or_none()
        save_area(
            existing,
            code=row["code"],
            name_vi=row["name_vi"],
            name_en=row["name_en"],
            kind=row.get("kind", ""),
            active=True,
            actor=None,
        )
        count += 1
    return count
