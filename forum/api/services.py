"""Personal API tokens: created and revoked by their owner, stored only as a SHA-256 hash.

A token is `tnte_` followed by 43 URL-safe characters (256 random bits): far too long to guess, so a
fast unsalted hash is enough and lets a request find its token with one indexed lookup. The secret
is returned once, by `create_token`, and never stored or logged.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from forum.accounts.models import User
from forum.api.models import ApiToken
from forum.audit.services import AuditAction, record_event
from forum.consultations.models import Consultation
from forum.database import utcnow
from forum.extensions import db
from forum.security.permissions import can_view_results
from forum.surveys.models import Survey
from forum.text_input import has_invisible_characters

TOKEN_PREFIX = "tnte_"  # noqa: S105 (a label, not a secret)
# The characters kept in `ApiToken.prefix`: enough to tell tokens apart, far too few to use one.
SHOWN_PREFIX_LENGTH = len(TOKEN_PREFIX) + 6
TOKEN_BYTES = 32
# The longest text accepted as a token before hashing: real ones are 48 characters.
MAX_TOKEN_LENGTH = 128
MAX_NAME_LENGTH = 80
# A person needs a token per tool, not hundreds: beyond this, revoke old ones first.
MAX_ACTIVE_TOKENS = 20
# `last_used_at` is written at most this often, so reading the API is not a write per request.
LAST_USED_PRECISION = timedelta(minutes=1)


class TokenError(ValueError):
    """A refused token request; `code` keys a message in forum/api/token_views.py."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class NewToken:
    """A token just created, with its secret: show it to its owner once and then forget it."""

    token: ApiToken
    secret: str


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def looks_like_token(secret: str) -> bool:
    """Cheap shape check before hashing: our prefix, printable ASCII, not absurdly long."""
    return (
        secret.startswith(TOKEN_PREFIX)
        and len(secret) <= MAX_TOKEN_LENGTH
        and secret.isascii()
        and secret.isprintable()
    )


def list_tokens(user: User) -> list[ApiToken]:
    """The user's tokens that still work, newest first."""
    return list(
        db.session.execute(
            sa.select(ApiToken)
            .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
            .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
        ).scalars()
    )


def get_token(user: User, token_id: int) -> ApiToken | None:
    """One of the user's unrevoked tokens; someone else's token is None, as if it did not exist."""
    return db.session.execute(
        sa.select(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    ).scalar_one_or_none()


def create_token(user: User, name: str) -> NewToken:
    """A new token for `user` named `name` (trimmed, NFC-normalised by the form). Raises TokenError
    for a name that is empty, too long or already used by another of the user's tokens, when the user
    may not use the API, or when they already have MAX_ACTIVE_TOKENS."""
    name = name.strip()
    if not name:
        raise TokenError("name_missing")
    if len(name) > MAX_NAME_LENGTH or has_invisible_characters(name):
        raise TokenError("name_invalid")
    if not can_view_results(user) or not user.active:
        raise TokenError("not_allowed")
    active = list_tokens(user)
    if len(active) >= MAX_ACTIVE_TOKENS:
        raise TokenError("too_many")
    if any(token.name.casefold() == name.casefold() for token in active):
        raise TokenError("name_taken")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    token = ApiToken(user_id=user.id, name=name, token_hash=hash_token(secret), prefix=secret[:SHOWN_PREFIX_LENGTH])
    db.session.add(token)
    db.session.flush()
    record_event(AuditAction.API_TOKEN_CREATED, actor=user, target=f"api_token #{token.id}", detail=name)
    return NewToken(token, secret)


def revoke_token(token: ApiToken, actor: User) -> None:
    """Revoked tokens stop working at once; the row stays so the audit log's target keeps its meaning."""
    if token.revoked_at is not None:
        return
    token.revoked_at = utcnow()
    db.session.flush()
    record_event(AuditAction.API_TOKEN_REVOKED, actor=actor, target=f"api_token #{token.id}", detail=token.name)


def find_usable_token(secret: str) -> ApiToken | None:
    """The token `secret` proves, if it is unrevoked and its owner is active and may read results.
    Anything else (unknown, revoked, an owner since moved to another role or deactivated) is None:
    the caller answers 401 without saying which."""
    if not looks_like_token(secret):
        return None
    token = db.session.execute(
        sa.select(ApiToken).where(ApiToken.token_hash == hash_token(secret))
    ).scalar_one_or_none()
    if token is None or token.revoked_at is not None:
        return None
    user = token.user
    if not user.active or not can_view_results(user):
        return None
    return token


def mark_used(token: ApiToken, now: datetime | None = None) -> bool:
    """Note that `token` was used, unless that was noted less than a minute ago. True when the row
    changed (the caller commits)."""
    now = now or utcnow()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_PRECISION:
        return False
    token.last_used_at = now
    db.session.flush()
    return True


def surveys_by_consultation(consultations: list[Consultation]) -> dict[int, list[Survey]]:
    """Each consultation's surveys in creation order, in one query (the list endpoint shows them all)."""
    found: dict[int, list[Survey]] = {c.id: [] for c in consultations}
    if not found:
        return found
    rows = db.session.execute(
        sa.select(Survey).where(Survey.consultation_id.in_(list(found))).order_by(Survey.id)
    ).scalars()
    for survey in rows:
        found[survey.consultation_id].append(survey)
    return found
