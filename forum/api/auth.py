"""Who is calling the API, and whether they may.

Two ways in, both for policy staff only (`can_view_results`):

1. A personal token: `Authorization: Bearer tnte_…`. A wrong or revoked token, or one whose owner
   has been deactivated or moved to another role, is a 401 that does not say which.
2. A policy officer's signed-in browser session, so the JSON can be opened in the browser that
   created the token. The API only answers GET and changes nothing, so a session needs no CSRF
   token, and other sites cannot read the answers (no CORS headers are ever sent).

A request that carries an Authorization header is judged by that header alone, session or not.
Without either, the answer is a 401 in JSON (never a redirect to the sign-in page); a signed-in
child, teacher, moderator or administrator gets a 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from flask import g, request
from flask_babel import lazy_gettext as _l
from flask_limiter.util import get_remote_address
from flask_login import current_user

from forum.accounts.models import User
from forum.api.errors import ApiProblem
from forum.api.models import ApiToken
from forum.api.services import find_usable_token, hash_token, mark_used
from forum.extensions import db

F = TypeVar("F", bound=Callable[..., Any])

BAD_TOKEN = _l(
    "That API token is not valid: it may be mistyped or revoked, or its owner may no longer read results. "
    "Create a new one on the “API tokens” page."
)
BAD_HEADER = _l("The Authorization header must read “Bearer ” followed by your API token.")


@dataclass(frozen=True)
class Caller:
    user: User
    token: ApiToken | None

    @property
    def via(self) -> str:
        """How the caller signed in, for the audit log."""
        return f"token #{self.token.id}" if self.token is not None else "browser session"


def bearer_secret(header: str) -> str | None:
    """The token in "Bearer <token>", or None when the header is not of that form."""
    scheme, _, value = header.strip().partition(" ")
    value = value.strip()
    if scheme.lower() != "bearer" or not value or " " in value:
        return None
    return value


def authenticate() -> Caller:
    """The caller of this request, or an ApiProblem(401)."""
    header = request.headers.get("Authorization")
    if header is not None:
        secret = bearer_secret(header)
        if secret is None:
            raise ApiProblem(401, BAD_HEADER)
        token = find_usable_token(secret)
        if token is None:
            raise ApiProblem(401, BAD_TOKEN)
        mark_used(token)
        return Caller(token.user, token)
    if current_user.is_authenticated:
        return Caller(current_user._get_current_object(), None)
    raise ApiProblem(401)


def current_caller() -> Caller:
    return g.api_caller  # type: ignore[no-any-return]


def api_require(predicate: Callable[[Any], bool]) -> Callable[[F], F]:
    """The API's `require`: 401 JSON without valid credentials, 403 JSON when `predicate` refuses.
    The view's writes (the audit record, a token's last use) are committed once, after it returns."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            caller = authenticate()
            if not predicate(caller.user):
                raise ApiProblem(403)
            g.api_caller = caller
            response = view(*args, **kwargs)
            db.session.commit()
            return response

        wrapped.required_predicate = predicate  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


def rate_limit_key() -> str:
    """Requests are counted per token (a hash of it, never the token), else per signed-in user,
    else per address."""
    header = request.headers.get("Authorization")
    secret = bearer_secret(header) if header else None
    if secret:
        return "api-token:" + hash_token(secret)
    if current_user.is_authenticated:
        return f"api-user:{current_user.id}"
    return "api-address:" + get_remote_address()
