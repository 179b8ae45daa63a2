"""The word rules in force: the database's rows, compiled once per revision in each process.

Every change to a rule bumps `RuleRevision.revision` in the same transaction, so each process
sees the new number on its next check and rebuilds: an admin's change applies at once, on every
worker, without a restart. Only the compiled rules are kept in memory, never data.
"""

from __future__ import annotations

import threading

import sqlalchemy as sa

from forum.extensions import db
from forum.moderation import RuleSet, Verdict, check
from forum.review.models import RuleRevision, WordRule

_REVISION_ID = 1
_lock = threading.Lock()
_compiled: dict[str, tuple[int, RuleSet]] = {}


def current_revision() -> int:
    revision = db.session.execute(sa.select(RuleRevision.revision).where(RuleRevision.id == _REVISION_ID)).scalar()
    return revision if revision is not None else 0


def bump_revision() -> int:
    """Call in the transaction that changes a rule (flushes, never commits)."""
    row = db.session.get(RuleRevision, _REVISION_ID)
    if row is None:
        row = RuleRevision(id=_REVISION_ID, revision=0)
        db.session.add(row)
    row.revision += 1
    db.session.flush()
    return row.revision


def current_rule_set() -> RuleSet:
    """The database's rules, recompiled only when the revision has moved (per database URL)."""
    revision = current_revision()
    key = db.engine.url.render_as_string(hide_password=True)
    cached = _compiled.get(key)
    if cached is not None and cached[0] == revision:
        return cached[1]
    rules = RuleSet.from_rules(db.session.execute(sa.select(WordRule).order_by(WordRule.id)).scalars())
    with _lock:
        _compiled[key] = (revision, rules)
    return rules


def check_text(text: str) -> Verdict:
    """The verdict on a child's text under the rules in force."""
    return check(text, current_rule_set())
