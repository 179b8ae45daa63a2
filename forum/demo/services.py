"""The demo: Hai Phong's 15 districts of 2020, three schools, ~120 children, four staff accounts,
and two consultations (forum/demo/consultations.py: one open, one closed with generated responses).

Idempotent: running it again adds only what is missing. Card codes exist only when issued, so the
codes file is written when cards are issued; if it is lost, every demo card is reissued.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from forum.accounts import services as accounts
from forum.accounts.age_bands import age_in_year, band_for_age, band_keys, band_label
from forum.accounts.cards import format_code
from forum.accounts.models import ConsentMethod, Gender, Role, User
from forum.database import utcnow
from forum.demo.consultations import ConsultationSummary, seed_consultations
from forum.demo.discussions import seed_demo_discussions
from forum.demo.feedback import seed_feedback
from forum.extensions import db
from forum.schools import services as schools
from forum.schools.models import Area, Classroom, School, SchoolLevel

DISTRICTS_CSV = Path(__file__).parent / "data" / "haiphong_districts_2020.csv"
DEMO_PASSWORD = "tre-em-111"  # noqa: S105 (public on purpose; refused in production)
STAFF = (
    ("admin", Role.ADMIN, "Quản trị viên", None, False),
    ("teacher", Role.TEACHER, "Cô Nguyễn Thu Hà", 0, False),
    ("teacher-thcs", Role.TEACHER, "Thầy Trần Minh Đức", 1, False),
    ("teacher-thpt", Role.TEACHER, "Cô Lê Phương Anh", 2, False),
    ("moderator", Role.MODERATOR, "Phạm Hoàng Nam", None, True),
    ("policy", Role.POLICY, "Vũ Thị Mai", None, False),
)
SCHOOLS = (
    ("Trường Tiểu học Lê Văn Tám", SchoolLevel.PRIMARY, "HB", (("1A", 1), ("3A", 3), ("5A", 5))),
    ("Trường THCS Chu Văn An", SchoolLevel.LOWER_SECONDARY, "NQ", (("6A", 6), ("8A", 8))),
    ("Trường THPT Trần Phú", SchoolLevel.UPPER_SECONDARY, "LC", (("10A", 10), ("12A", 12))),
)
CHILDREN_PER_CLASS = 17
# Seeds the generated survey responses: every demo database holds the same answers.
RANDOM_SEED = 2020
GENDER_CYCLE = (
    Gender.GIRL,
    Gender.BOY,
    Gender.GIRL,
    Gender.BOY,
    None,
    Gender.GIRL,
    Gender.BOY,
    Gender.ANOTHER,
    Gender.UNSAID,
)


@dataclass(frozen=True)
class DemoSummary:
    areas: int
    schools: int
    classrooms: int
    children_added: int
    cards_written: int
    staff_added: list[str]
    consultations: ConsultationSummary


def _school(name: str, level: SchoolLevel, area: Area) -> School:
    school = db.session.execute(sa.select(School).where(School.name == name)).scalar_one_or_none()
    return school or schools.save_school(None, name=name, level=level, area=area, active=True, actor=None)


def _classroom(school: School, name: str, grade: int, year: str) -> Classroom:
    existing = db.session.execute(
        sa.select(Classroom).where(
            Classroom.school_id == school.id, Classroom.name == name, Classroom.school_year == year
        )
    ).scalar_one_or_none()
    return existing or schools.create_classroom(school, name=name, grade=grade, school_year=year, actor=None)


def seed_demo(
    cards_path: Path, card_key: str, age_bands: list[list[int]], today: date, assent_from_age: int = 7
) -> DemoSummary:
    areas = schools.load_areas_csv(DISTRICTS_CSV)
    codes = {area.code: area for area in schools.list_areas()}
    year = schools.current_school_year(today)
    demo_schools = [_school(name, level, codes[area_code]) for name, level, area_code, _ in SCHOOLS]
    staff_added = []
    for username, role, display_name, school_index, lead in STAFF:
        if accounts.get_staff_by_username(username) is None:
            accounts.create_staff(
                username=username,
                password=DEMO_PASSWORD,
                role=role,
                display_name=display_name,
                school=demo_schools[school_index] if school_index is not None else None,
                is_safeguarding_lead=lead,
            )
            staff_added.append(username)
    classrooms: list[Classroom] = []
    children_added = 0
    for school, (_, _, _, classes) in zip(demo_schools, SCHOOLS, strict=True):
        for class_name, grade in classes:
            classroom = _classroom(school, class_name, grade, year)
            classrooms.append(classroom)
            if schools.list_children(classroom):
                continue
            # Age in the calendar year is grade + 5; a few pupils are a year older.
            rows = [
                accounts.NewChild(
                    today.year - (grade + 5) - (1 if i % 7 == 6 else 0), GENDER_CYCLE[i % len(GENDER_CYCLE)]
                )
                for i in range(CHILDREN_PER_CLASS)
            ]
            children = accounts.add_children(classroom, rows, None)
            children_added += len(children)
            recorder = _recorder(school)
            for child in children[:-2]:  # two per class still wait for their guardian's consent
                accounts.record_guardian_consent(child, ConsentMethod.PAPER, utcnow(), recorder)
    cards_written = 0
    if children_added or not cards_path.exists():
        children = [child for classroom in classrooms for child in schools.list_children(classroom)]
        issued = accounts.issue_cards(children, None, card_key)
        _write_cards(cards_path, issued, age_bands, today)
        cards_written = len(issued)
    rng = random.Random(RANDOM_SEED)  # noqa: S311 (demo data, not secrets)
    consultations = seed_consultations(
        accounts.get_staff_by_username("policy"), band_keys(age_bands), today, rng, assent_from_age=assent_from_age
    )
    seed_demo_discussions(assent_from_age, today)
    seed_feedback(band_keys(age_bands))  # a complete draft, for the policy officer to review and publish
    return DemoSummary(
        areas, len(demo_schools), len(classrooms), children_added, cards_written, staff_added, consultations
    )


def _recorder(school: School) -> User | None:
    return db.session.execute(
        sa.select(User).where(User.role == Role.TEACHER, User.school_id == school.id).order_by(User.id).limit(1)
    ).scalar_one_or_none()


def _write_cards(path: Path, issued: list[tuple[User, str]], age_bands: list[list[int]], today: date) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["pseudonym", "classroom", "age_band", "code"])
        for child, code in issued:
            band = band_label(band_for_age(age_in_year(child.birth_year or 0, today), age_bands))
            classroom = child.classroom
            writer.writerow(
                [
                    child.pseudonym,
                    f"{classroom.name} – {classroom.school.name}" if classroom else "",
                    band,
                    format_code(code),
                ]
            )
