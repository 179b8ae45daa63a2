"""Moderators' decisions on queue items: claim, approve, redact, reject, remove, bulk approve.

Each decision closes its item with one conditional UPDATE (`WHERE id = ? AND state = 'open'`) before
it writes anything else, so of two moderators (or two tabs) deciding at once exactly one decision
is written and the other is told `already_decided`, on SQLite and PostgreSQL alike. Every decision
appends one `ModerationDecision` row; nothing here updates or deletes one. Services flush, never
commit.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NoReturn

import sqlalchemy as sa

from forum.accounts.models import User
from forum.audit.services import actor_label
from forum.database import utcnow
from forum.discussions.models import Post, PostStatus
from forum.extensions import db
from forum.review.models import DecisionAction, ItemKind, ItemState, ModerationDecision, ReviewItem, Urgency
from forum.review.reasons import REJECTION_REASONS
from forum.surveys.models import TextStatus
from forum.text_input import has_invisible_characters

# A claim older than this may be taken by anyone; before then only by an explicit take-over.
CLAIM_EXPIRES = timedelta(minutes=30)
# What replaces a hidden span; the original stays in `Post.body` / `Answer.text` for the audit.
REDACTION_MARK = "[đã ẩn]"
REDACTED_MAX_LENGTH = 5000
NOTE_MAX_LENGTH = 500
# Published posts that a moderator may keep or take down; pending ones are approved or rejected.
_SHOWN = (PostStatus.PUBLISHED, PostStatus.HIDDEN)
_DECIDABLE = (PostStatus.PENDING, *_SHOWN)


class DecisionError(ValueError):
    """A decision refused; `code` picks the moderator's message (messages.DECISION_ERRORS)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


# Reading ----------------------------------------------------------------------------------


def get_item(item_id: int) -> ReviewItem | None:
    return db.session.get(ReviewItem, item_id)


def original_text(item: ReviewItem) -> str:
    """What the child wrote, exactly as sent."""
    if item.post is not None:
        return item.post.body
    return item.answer.text or "" if item.answer is not None else ""


def shown_text(item: ReviewItem) -> str:
    """What others see (or will see): the redacted text when there is one."""
    if item.post is not None:
        return item.post.shown_body
    if item.answer is not None:
        return item.answer.redacted_text if item.answer.redacted_text is not None else item.answer.text or ""
    return ""


def child_id_of(item: ReviewItem) -> int | None:
    """The author: a post's child, or the child who gave the answer (None once erased)."""
    if item.post is not None:
        return item.post.author_id
    if item.answer is not None:
        return item.answer.response.child_id
    return None


def is_safeguarding(item: ReviewItem) -> bool:
    """Held for safeguarding by the rules, or escalated to a case by a moderator."""
    return "safeguarding" in (item.reasons or []) or item.urgency == Urgency.SAFEGUARDING.value


def claim_is_fresh(item: ReviewItem, now: datetime | None = None) -> bool:
    now = now or utcnow()
    return item.claimed_by_id is not None and item.claimed_at is not None and item.claimed_at > now - CLAIM_EXPIRES


def is_claimed_by_other(item: ReviewItem, moderator: User, now: datetime | None = None) -> bool:
    return claim_is_fresh(item, now) and item.claimed_by_id != moderator.id


def list_item_decisions(item: ReviewItem) -> list[ModerationDecision]:
    return list(
        db.session.execute(
            sa.select(ModerationDecision)
            .where(ModerationDecision.item_id == item.id)
            .order_by(ModerationDecision.created_at, ModerationDecision.id)
        ).scalars()
    )


# Claims -----------------------------------------------------------------------------------


def _not_claimed_by_other(moderator: User, now: datetime) -> sa.ColumnElement[bool]:
    return sa.or_(
        ReviewItem.claimed_by_id.is_(None),
        ReviewItem.claimed_by_id == moderator.id,
        ReviewItem.claimed_at.is_(None),
        ReviewItem.claimed_at <= now - CLAIM_EXPIRES,
    )


def _refused(item: ReviewItem) -> NoReturn:
    """Why a conditional UPDATE matched nothing, read afresh."""
    db.session.refresh(item)
    if item.state is not ItemState.OPEN:
        raise DecisionError("already_decided")
    raise DecisionError("claimed")


def _update_open_item(item: ReviewItem, conditions: Sequence[sa.ColumnElement[bool]], **values: Any) -> None:
    changed = db.session.execute(
        sa.update(ReviewItem)
        .where(ReviewItem.id == item.id, ReviewItem.state == ItemState.OPEN, *conditions)
        .values(**values)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        _refused(item)
    db.session.refresh(item)


def claim(item: ReviewItem, moderator: User, *, take_over: bool = False) -> None:
    """Mark the item as `moderator`'s. Someone else's claim younger than CLAIM_EXPIRES stands
    unless `take_over` is asked for explicitly."""
    now = utcnow()
    conditions = [] if take_over else [_not_claimed_by_other(moderator, now)]
    _update_open_item(item, conditions, claimed_by_id=moderator.id, claimed_at=now)


def release(item: ReviewItem, moderator: User) -> None:
    """Give up one's own claim (someone else's is left alone)."""
    _update_open_item(item, [ReviewItem.claimed_by_id == moderator.id], claimed_by_id=None, claimed_at=None)


# Deciding ---------------------------------------------------------------------------------


def log_decision(
    action: DecisionAction,
    moderator: User | None,
    *,
    item: ReviewItem | None = None,
    child_id: int | None = None,
    reason: str | None = None,
    note: str = "",
) -> ModerationDecision:
    """Append one row to the decision log (ids only, never a child's words)."""
    decision = ModerationDecision(
        item_id=item.id if item is not None else None,
        post_id=item.post_id if item is not None else None,
        answer_id=item.answer_id if item is not None else None,
        child_id=child_id if child_id is not None else (child_id_of(item) if item is not None else None),
        moderator_id=moderator.id if moderator is not None else None,
        moderator_label=actor_label(moderator)[:64],
        action=action,
        reason=reason,
        note=note[:NOTE_MAX_LENGTH],
    )
    db.session.add(decision)
    db.session.flush()
    return decision


def _check_open(item: ReviewItem) -> None:
    if item.state is not ItemState.OPEN:
        raise DecisionError("already_decided")


def _close(item: ReviewItem, moderator: User) -> None:
    """The gate every decision passes first: exactly one of two racing decisions gets through."""
    now = utcnow()
    _update_open_item(item, [_not_claimed_by_other(moderator, now)], state=ItemState.DECIDED, decided_at=now)


def _publish(post: Post, redacted: str | None = None) -> None:
    if redacted is not None:
        post.redacted_body = redacted
    if post.status is PostStatus.HIDDEN:
        post.report_count = 0  # reviewed: only new reports can hide it again
    post.status = PostStatus.PUBLISHED
    post.published_at = post.published_at or utcnow()
    post.rejection_reason = None


def _check_post(item: ReviewItem, allowed: Iterable[PostStatus], code: str) -> Post:
    post = item.post
    if post is None:
        raise DecisionError("wrong_kind")
    if post.status not in allowed:
        raise DecisionError(code)
    return post


def approve(item: ReviewItem, moderator: User, note: str = "") -> ModerationDecision:
    """Publish the post (or keep a reported one), or approve the answer's text."""
    _check_open(item)
    if item.kind is ItemKind.POST:
        post = _check_post(item, _DECIDABLE, "already_decided")
        _close(item, moderator)
        if post.status is PostStatus.PUBLISHED and post.report_count:
            post.report_count = 0
        _publish(post)
    else:
        _close(item, moderator)
        item.answer.text_status = TextStatus.APPROVED
    return log_decision(DecisionAction.APPROVE, moderator, item=item, note=note)


def redacted_text(text: str, spans: Sequence[dict[str, Any]], chosen: Iterable[int]) -> str:
    """`text` (as the moderator edited it) with every occurrence of each chosen span's words hidden."""
    words = {str(spans[i].get("text", "")) for i in chosen if 0 <= i < len(spans)}
    for word in sorted((w for w in words if w.strip()), key=len, reverse=True):
        text = text.replace(word, REDACTION_MARK)
    return text


def redact(item: ReviewItem, moderator: User, text: str, note: str = "") -> ModerationDecision:
    """Approve with what others see replaced by `text`; the child's original is kept."""
    _check_open(item)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").strip())
    if not text:
        raise DecisionError("empty")
    if text == original_text(item).strip():
        raise DecisionError("unchanged")
    if len(text) > REDACTED_MAX_LENGTH:
        raise DecisionError("too_long")
    if has_invisible_characters(text.replace("\n", "").replace("\t", "")):
        raise DecisionError("invisible")
    if item.kind is ItemKind.POST:
        post = _check_post(item, _DECIDABLE, "already_decided")
        _close(item, moderator)
        _publish(post, redacted=text)
    else:
        _close(item, moderator)
        item.answer.redacted_text = text
        item.answer.text_status = TextStatus.REDACTED
    return log_decision(DecisionAction.REDACT, moderator, item=item, note=note)


def _check_reason(reason: str) -> None:
    if reason not in REJECTION_REASONS:
        raise DecisionError("bad_reason")


def reject(item: ReviewItem, moderator: User, reason: str, note: str = "") -> ModerationDecision:
    """Refuse a waiting post (the child sees `reason`) or an answer's text (never shown)."""
    _check_open(item)
    _check_reason(reason)
    if item.kind is ItemKind.POST:
        post = _check_post(item, (PostStatus.PENDING,), "not_pending")
        _close(item, moderator)
        post.status = PostStatus.REJECTED
        post.rejection_reason = reason
    else:
        _close(item, moderator)
        item.answer.text_status = TextStatus.REJECTED
    return log_decision(DecisionAction.REJECT, moderator, item=item, reason=reason, note=note)


def remove(item: ReviewItem, moderator: User, reason: str, note: str = "") -> ModerationDecision:
    """Take down a published (or report-hidden) post; its author sees `reason`."""
    _check_open(item)
    _check_reason(reason)
    post = _check_post(item, _SHOWN, "not_published")
    _close(item, moderator)
    post.status = PostStatus.REMOVED
    post.rejection_reason = reason
    return log_decision(DecisionAction.REMOVE, moderator, item=item, reason=reason, note=note)


@dataclass(frozen=True)
class BulkResult:
    approved: int
    skipped: int


def bulk_approve(item_ids: Iterable[int], moderator: User) -> BulkResult:
    """Approve each item, skipping safeguarding items, items someone else has claimed and items
    already decided: those need a closer look."""
    approved = skipped = 0
    for item_id in dict.fromkeys(item_ids):
        item = get_item(item_id)
        if item is None or is_safeguarding(item) or is_claimed_by_other(item, moderator):
            skipped += 1
            continue
        try:
            approve(item, moderator)
        except DecisionError:
            skipped += 1
        else:
            approved += 1
    return BulkResult(approved, skipped)
