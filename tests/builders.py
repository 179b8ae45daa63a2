"""Builders for test data: plain functions that add rows and flush (callers commit)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from forum.accounts import services as accounts
from forum.accounts.models import ConsentMethod, Gender, Role, User
from forum.database import utcnow
from forum.extensions import db
from forum.moderation import default_rules
from forum.review.models import RuleAction, RuleCategory, RuleLanguage, RuleRevision, WordRule
from forum.schools import services as schools
from forum.schools.models import Area, Classroom, School, SchoolLevel

PASSWORD = "correct-horse-42"
_counter = {"n": 0}


def _next() -> int:
    _counter["n"] += 1
    return _counter["n"]


def make_area(code: str | None = None) -> Area:
    n = _next()
    return schools.save_area(
        None,
        code=code or f"A{n}",
        name_vi=f"Quận Thử {n}",
        name_en=f"Test District {n}",
        kind="urban",
        active=True,
        actor=None,
    )


def make_school(area: Area | None = None, level: SchoolLevel = SchoolLevel.PRIMARY, name: str | None = None) -> School:
    return schools.save_school(
        None, name=name or f"Trường Thử {_next()}", level=level, area=area or make_area(), active=True, actor=None
    )


def make_classroom(school: School | None = None, name: str = "5A", grade: int = 5) -> Classroom:
    year = date.today().year
    return schools.create_classroom(
        school or make_school(), name=name, grade=grade, school_year=f"{year}-{year + 1}", actor=None
    )


def make_staff(role: Role, username: str | None = None, school: School | None = None, lead: bool = False) -> User:
    return accounts.create_staff(
        username=username or f"{role.value}{_next()}",
        password=PASSWORD,
        role=role,
        display_name=f"{role.value.title()} Test",
        school=school,
        is_safeguarding_lead=lead,
    )


def make_child(
    classroom: Classroom | None = None,
    age: int = 10,
    gender: Gender | None = Gender.GIRL,
    guardian_consent: bool = True,
    assent: bool | None = True,
) -> User:
    child = accounts.add_children(
        classroom or make_classroom(), [accounts.NewChild(date.today().year - age, gender)], None
    )[0]
    if guardian_consent:
        accounts.record_guardian_consent(child, ConsentMethod.PAPER, utcnow(), None)  # type: ignore[arg-type]
    if assent is not None:
        accounts.record_assent(child, assent)
    return child


def issue_card(child: User, key: str) -> str:
    return accounts.issue_cards([child], None, key)[0][1]


@dataclass(frozen=True)
class StaffLogin:
    id: int
    username: str
    password: str = PASSWORD


@dataclass(frozen=True)
class ChildLogin:
    id: int
    pseudonym: str
    code: str
    classroom_id: int


def commit() -> None:
    db.session.commit()


_word_rules_revision = {"restored": 0}


def restore_shipped_word_rules() -> None:
    """Put back the word rules the migration seeded if a test changed them (every change moves
    the revision). The revision only ever grows, so no process keeps a stale compiled rule set."""
    revision = db.session.get(RuleRevision, 1)
    if revision is not None and revision.revision == _word_rules_revision["restored"]:
        return
    db.session.execute(sa.delete(WordRule))
    db.session.add_all(
        WordRule(
            pattern=rule.pattern,
            category=RuleCategory(rule.category),
            action=RuleAction(rule.action),
            language=RuleLanguage(rule.language),
            whole_word=rule.whole_word,
        )
        for rule in default_rules()
    )
    if revision is None:
        revision = RuleRevision(id=1, revision=_word_rules_revision["restored"])
        db.session.add(revision)
    revision.revision = max(revision.revision, _word_rules_revision["restored"]) + 1
    _word_rules_revision["restored"] = revision.revision
    db.session.flush()
