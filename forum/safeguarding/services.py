"""Opening, reading and working safeguarding cases. Services flush; the caller commits.

A case opens from the rules (a disclosure in a post or an answer) or by hand from a moderation
queue item; safeguarding leads then move it along (new → in progress → referred to 111 / the
school / the police → closed), assign it and write notes. Every status change is also a note,
and status changes, assignments and hand-opened cases are in the audit log.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from forum.accounts.models import STAFF_ROLES, User
from forum.audit.services import AuditAction, actor_label, record_event
from forum.database import utcnow
from forum.discussions.models import Post
from forum.extensions import db
from forum.moderation.normalize import normalize
from forum.moderation.safeguarding import find_disclosures
from forum.review.models import DecisionAction, ItemKind, ModerationDecision, ReviewItem, Urgency
from forum.safeguarding.models import (
    OPEN_STATUSES,
    CaseNote,
    CaseSource,
    CaseStatus,
    CaseUrgency,
    SafeguardingCase,
)
from forum.schools.models import School
from forum.surveys.models import Answer

# Disclosure kinds (forum.moderation.safeguarding) of immediate danger go to the top of the list.
_IMMEDIATE_REASONS = frozenset({"self_harm", "sexual"})
# Kinds that are serious but rarely an emergency on their own: the case is urgent, not immediate.
_NORMAL_REASONS = frozenset({"bullying"})
DISCLOSURE_KINDS = frozenset({"violence", "sexual", "self_harm", "labour", "bullying", "neglect", "unspecified"})
MAX_NOTE_LENGTH = 2000
CASES_PER_PAGE = 50


class CaseError(ValueError):
    """A request the case cannot take; `code` names it for the message (see views)."""

    def __init__(self, code: str, case: SafeguardingCase | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.case = case


class StaleCaseError(CaseError):
    """Someone changed the case's status after the page was shown; `current` is what it is now."""

    def __init__(self, case: SafeguardingCase) -> None:
        super().__init__("stale", case)
        self.current = case.status


def case_urgency(reasons: Sequence[str]) -> CaseUrgency:
    """Self-harm and sexual abuse are immediate; bullying alone is normal; anything else (a
    disclosure of another kind, a reason we cannot read, a case opened by hand) is high."""
    kinds = DISCLOSURE_KINDS.intersection(reasons)
    if _IMMEDIATE_REASONS & kinds:
        return CaseUrgency.IMMEDIATE
    if kinds and kinds <= _NORMAL_REASONS:
        return CaseUrgency.NORMAL
    return CaseUrgency.HIGH


def open_case(
    *,
    source: CaseSource,
    text: str,
    child: User | None,
    reasons: Sequence[str] = (),
    spans: Sequence[dict[str, Any]] = (),
    post: Post | None = None,
    answer: Answer | None = None,
    opened_by: User | None = None,
    urgency: CaseUrgency | None = None,
) -> SafeguardingCase:
    """A new case with a copy of the child's words and where the child is (class, school)."""
    classroom = child.classroom if child is not None else None
    if urgency is None:
        urgency = case_urgency(reasons)
    case = SafeguardingCase(
        source=source,
        post_id=post.id if post is not None else None,
        answer_id=answer.id if answer is not None else None,
        source_text=text,
        reasons=list(dict.fromkeys(reasons)),
        spans=list(spans),
        child_id=child.id if child is not None else None,
        child_label=(child.pseudonym or "") if child is not None else "",
        classroom_id=classroom.id if classroom is not None else None,
        school_id=classroom.school_id if classroom is not None else None,
        urgency=urgency.value,
        opened_by_id=opened_by.id if opened_by is not None else None,
    )
    db.session.add(case)
    db.session.flush()
    return case


def count_open_cases() -> int:
    """For the badge on every staff page of a safeguarding lead."""
    return db.session.execute(
        sa.select(sa.func.count()).select_from(SafeguardingCase).where(SafeguardingCase.status.in_(OPEN_STATUSES))
    ).scalar_one()


def get_case(case_id: int) -> SafeguardingCase | None:
    return db.session.get(SafeguardingCase, case_id)


def get_open_case(*, post: Post | None = None, answer: Answer | None = None) -> SafeguardingCase | None:
    """The case still open for this post or answer, if any (one at a time)."""
    query = sa.select(SafeguardingCase).where(SafeguardingCase.status.in_(OPEN_STATUSES))
    if post is not None:
        query = query.where(SafeguardingCase.post_id == post.id)
    elif answer is not None:
        query = query.where(SafeguardingCase.answer_id == answer.id)
    else:
        raise ValueError("get_open_case needs a post or an answer")
    return db.session.execute(query.order_by(SafeguardingCase.id)).scalars().first()


def list_cases(
    status: str = "open", page: int = 1, per_page: int = CASES_PER_PAGE
) -> tuple[list[SafeguardingCase], int]:
    """Cases for the leads' list: open ones first, then by urgency, then the oldest first.

    `status` is "open", "all" or a CaseStatus value."""
    query = sa.select(SafeguardingCase)
    if status == "open":
        query = query.where(SafeguardingCase.status.in_(OPEN_STATUSES))
    elif status != "all":
        query = query.where(SafeguardingCase.status == CaseStatus(status))
    total = db.session.execute(sa.select(sa.func.count()).select_from(query.subquery())).scalar_one()
    closed_last = sa.case((SafeguardingCase.status == CaseStatus.CLOSED, 1), else_=0)
    rows = db.session.execute(
        query.options(
            selectinload(SafeguardingCase.school).selectinload(School.area),
            selectinload(SafeguardingCase.classroom),
            selectinload(SafeguardingCase.assignee),
        )
        .order_by(closed_last, SafeguardingCase.urgency, SafeguardingCase.created_at, SafeguardingCase.id)
        .limit(per_page)
        .offset((max(page, 1) - 1) * per_page)
    ).scalars()
    return list(rows), total


def list_leads() -> list[User]:
    """Staff who may be given a case: active safeguarding leads."""
    return list(
        db.session.execute(
            sa.select(User)
            .where(User.role.in_(STAFF_ROLES), User.is_safeguarding_lead, User.active)
            .order_by(User.display_name, User.username)
        ).scalars()
    )


def next_statuses(case: SafeguardingCase) -> list[CaseStatus]:
    """Where a lead may move the case: anywhere but back to "new" or where it already is
    (a closed case may be reopened)."""
    return [status for status in CaseStatus if status not in (CaseStatus.NEW, case.status)]


def add_note(case: SafeguardingCase, body: str, actor: User) -> CaseNote:
    body = body.strip()
    if not body:
        raise CaseError("note_empty", case)
    if len(body) > MAX_NOTE_LENGTH:
        raise CaseError("note_too_long", case)
    note = CaseNote(case=case, author_id=actor.id, author_label=actor.label[:64], body=body)
    db.session.add(note)
    case.updated_at = utcnow()
    db.session.flush()
    return note


def change_status(
    case: SafeguardingCase, target: CaseStatus, *, expected: CaseStatus, note: str, actor: User
) -> CaseNote:
    """Move the case from `expected` to `target`, with the lead's note (may be empty) written as a
    status-change note. The UPDATE only applies if the status is still `expected`, so two leads
    cannot both move a case from the same page: the second gets StaleCaseError and nothing changes."""
    if target in (CaseStatus.NEW, expected):
        raise CaseError("status_not_allowed", case)
    if len(note.strip()) > MAX_NOTE_LENGTH:
        raise CaseError("note_too_long", case)
    now = utcnow()
    result = db.session.execute(
        sa.update(SafeguardingCase)
        .where(SafeguardingCase.id == case.id, SafeguardingCase.status == expected)
        .values(status=target, updated_at=now, closed_at=now if target is CaseStatus.CLOSED else None)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(case)
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise StaleCaseError(case)
    entry = CaseNote(
        case=case,
        author_id=actor.id,
        author_label=actor.label[:64],
        body=note.strip(),
        old_status=expected,
        new_status=target,
    )
    db.session.add(entry)
    db.session.flush()
    record_event(
        AuditAction.CASE_STATUS_CHANGED,
        actor=actor,
        target=f"case #{case.id}",
        detail=f"{expected.value} → {target.value}",
    )
    return entry


def assign(case: SafeguardingCase, assignee: User | None, actor: User) -> None:
    """Give the case to a safeguarding lead (or to nobody)."""
    if assignee is not None and not (
        assignee.role in STAFF_ROLES and assignee.is_safeguarding_lead and assignee.active
    ):
        raise CaseError("not_a_lead", case)
    case.assignee_id = assignee.id if assignee is not None else None
    case.updated_at = utcnow()
    db.session.flush()
    record_event(
        AuditAction.CASE_ASSIGNED,
        actor=actor,
        target=f"case #{case.id}",
        detail=f"assigned to {actor_label(assignee)}" if assignee is not None else "unassigned",
    )


def _item_source(item: ReviewItem) -> tuple[str, User | None]:
    """The child's words as they sent them, and the child (None once erased)."""
    if item.kind is ItemKind.POST and item.post is not None:
        return item.post.body, item.post.author
    if item.kind is ItemKind.ANSWER and item.answer is not None:
        child_id = item.answer.response.child_id
        return item.answer.text or "", db.session.get(User, child_id) if child_id is not None else None
    raise CaseError("no_source")


def open_case_from_item(item: ReviewItem, moderator: User, note: str = "") -> SafeguardingCase:
    """A moderator escalates a queue item: a case opens with the item's text, child, reasons and
    spans (plus the disclosure kinds the rules find in the text), the item moves to the top of the
    queue, and the decision goes in the moderation log. Refused (CaseError "already_open", with
    that case) while a case for the same post or answer is open."""
    db.session.execute(sa.select(ReviewItem.id).where(ReviewItem.id == item.id).with_for_update())
    existing = get_open_case(post=item.post) if item.kind is ItemKind.POST else get_open_case(answer=item.answer)
    if existing is not None:
        raise CaseError("already_open", existing)
    if len(note.strip()) > MAX_NOTE_LENGTH:
        raise CaseError("note_too_long")
    text, child = _item_source(item)
    kinds = [disclosure.kind for disclosure in find_disclosures(normalize(text))]
    case = open_case(
        source=CaseSource.POST if item.kind is ItemKind.POST else CaseSource.ANSWER,
        text=text,
        child=child,
        reasons=[*item.reasons, *kinds],
        spans=item.spans,
        post=item.post,
        answer=item.answer,
        opened_by=moderator,
    )
    if note.strip():
        add_note(case, note, moderator)
    item.urgency = min(item.urgency, Urgency.SAFEGUARDING.value)
    db.session.add(
        ModerationDecision(
            item_id=item.id,
            post_id=item.post_id,
            answer_id=item.answer_id,
            child_id=child.id if child is not None else None,
            moderator_id=moderator.id,
            moderator_label=actor_label(moderator)[:64],
            action=DecisionAction.OPEN_CASE,
        )
    )
    db.session.flush()
    record_event(AuditAction.CASE_OPENED, actor=moderator, target=f"case #{case.id}", detail=f"queue item #{item.id}")
    return case
