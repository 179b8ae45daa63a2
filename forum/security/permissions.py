"""Every permission predicate, in one place; views, templates and the API all ask these.

Predicates take the user (which may be anonymous) and the object explicitly, and answer
True or False; they never abort or read request state.
"""

from __future__ import annotations

from typing import Any

from forum.accounts.models import ConsentKind, Role, User
from forum.schools.models import Classroom, School


def _role(user: Any) -> Role | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user.role


def is_child(user: Any) -> bool:
    return _role(user) is Role.CHILD


def is_staff(user: Any) -> bool:
    return _role(user) in (Role.TEACHER, Role.MODERATOR, Role.POLICY, Role.ADMIN)


def is_teacher(user: Any) -> bool:
    return _role(user) is Role.TEACHER


def is_admin(user: Any) -> bool:
    return _role(user) is Role.ADMIN


def can_administer(user: Any) -> bool:
    """Areas, schools, staff accounts and the audit log."""
    return is_admin(user)


def can_manage_classes(user: Any) -> bool:
    """Teachers with a school manage that school's classes."""
    return is_teacher(user) and user.school_id is not None


def can_manage_school(user: Any, school: School) -> bool:
    return can_manage_classes(user) and user.school_id == school.id


def can_manage_classroom(user: Any, classroom: Classroom) -> bool:
    return can_manage_school(user, classroom.school)


def can_manage_child(user: Any, child: User) -> bool:
    return child.role is Role.CHILD and child.classroom is not None and can_manage_classroom(user, child.classroom)


def can_run_consultations(user: Any) -> bool:
    """Policy staff create consultations, build and publish surveys."""
    return _role(user) is Role.POLICY


def can_take_surveys(user: Any) -> bool:
    return is_child(user)


def can_discuss(user: Any) -> bool:
    """Children post, reply, agree and report in discussions (consent is checked separately)."""
    return is_child(user)


def can_manage_topics(user: Any) -> bool:
    """Policy staff and moderators create discussion topics and open or close them."""
    return _role(user) in (Role.POLICY, Role.MODERATOR)


def can_moderate(user: Any) -> bool:
    """Moderators work the queue, decide posts and answers, open cases and suspend posting."""
    return _role(user) is Role.MODERATOR


def can_handle_safeguarding(user: Any) -> bool:
    """Safeguarding cases are seen only by staff marked as safeguarding leads."""
    return is_staff(user) and bool(user.is_safeguarding_lead)


def can_edit_word_rules(user: Any) -> bool:
    return is_admin(user)


def can_view_results(user: Any) -> bool:
    """Aggregated, suppressed results, their exports and the API are for policy staff."""
    return _role(user) is Role.POLICY


def can_publish_feedback(user: Any) -> bool:
    return _role(user) is Role.POLICY


def can_print_feedback(user: Any) -> bool:
    """Policy staff, and teachers with a school (to post published feedback in it)."""
    return can_publish_feedback(user) or can_manage_classes(user)


def can_read_feedback(user: Any) -> bool:
    """Children read published feedback meant for them; staff who print it read it too."""
    return is_child(user) or can_print_feedback(user)


def can_change_password(user: Any) -> bool:
    return is_staff(user)


def has_consent(child: User, kind: ConsentKind) -> bool | None:
    """The child's current answer for `kind`: True, False, or None when nothing is on record."""
    current = [c for c in child.consents if c.kind is kind and c.withdrawn_at is None]
    if not current:
        return None
    return max(current, key=lambda c: (c.recorded_at, c.id)).granted


def needs_assent(child: User, age: int, assent_from_age: int) -> bool:
    """A child old enough to give assent who has not yet answered."""
    return age >= assent_from_age and has_consent(child, ConsentKind.ASSENT) is None


def can_participate(child: User, age: int, assent_from_age: int) -> bool:
    """Surveys and discussions need a guardian's consent and, from `assent_from_age`, the child's own yes."""
    if not is_child(child) or has_consent(child, ConsentKind.GUARDIAN) is not True:
        return False
    return age < assent_from_age or has_consent(child, ConsentKind.ASSENT) is True


TEMPLATE_PREDICATES = {
    "is_child": is_child,
    "is_staff": is_staff,
    "is_teacher": is_teacher,
    "is_admin": is_admin,
    "can_administer": can_administer,
    "can_manage_classes": can_manage_classes,
    "can_manage_classroom": can_manage_classroom,
    "can_change_password": can_change_password,
    "can_run_consultations": can_run_consultations,
    "can_take_surveys": can_take_surveys,
    "can_discuss": can_discuss,
    "can_manage_topics": can_manage_topics,
    "can_moderate": can_moderate,
    "can_handle_safeguarding": can_handle_safeguarding,
    "can_edit_word_rules": can_edit_word_rules,
    "can_view_results": can_view_results,
    "can_publish_feedback": can_publish_feedback,
    "can_print_feedback": can_print_feedback,
    "can_read_feedback": can_read_feedback,
}
