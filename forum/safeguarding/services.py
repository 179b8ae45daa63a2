"""Opening and counting safeguarding cases. Services flush; the caller commits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from forum.accounts.models import User
from forum.discussions.models import Post
from forum.extensions import db
from forum.safeguarding.models import OPEN_STATUSES, CaseSource, CaseUrgency, SafeguardingCase
from forum.surveys.models import Answer

# Disclosure kinds (forum.moderation.safeguarding) of immediate danger go to the top of the list.
_IMMEDIATE_REASONS = frozenset({"self_harm", "sexual"})


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
        urgency = CaseUrgency.IMMEDIATE if _IMMEDIATE_REASONS & set(reasons) else CaseUrgency.HIGH
    case = SafeguardingCase(
        source=source,
        post_id=post.id if post is not None else None,
        answer_id=answer.id if answer is not None else None,
        source_text=text,
        reasons=list(reasons),
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
