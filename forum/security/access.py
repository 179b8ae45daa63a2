"""Route guards built on the predicates in `permissions`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any, TypeVar

from flask import abort, current_app
from flask_login import current_user
from werkzeug.exceptions import Forbidden

from forum.accounts.age_bands import age_in_year
from forum.accounts.models import User
from forum.extensions import login_manager
from forum.security.permissions import can_participate

F = TypeVar("F", bound=Callable[..., Any])


def require(predicate: Callable[[Any], bool]) -> Callable[[F], F]:
    """Signed-out visitors are sent to sign in; signed-in users who fail `predicate` get 403."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not predicate(current_user):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_predicate = predicate  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


def ensure(allowed: bool) -> None:
    """Object-level check inside a view: 403 unless `allowed`."""
    if not allowed:
        abort(403)


class ConsentMissing(Forbidden):
    """A child whose guardian (or who themself) has not said yes: told kindly, not just refused
    (forum/children renders the page). `heading` says what the child cannot do yet."""

    def __init__(self, heading: str) -> None:
        super().__init__()
        self.heading = heading


def ensure_can_take_part(child: User, today: date, heading: str) -> None:
    """Surveys and discussions: ConsentMissing unless the child may take part (`can_participate`)."""
    age = age_in_year(child.birth_year or 0, today)
    if not can_participate(child, age, current_app.config["ASSENT_FROM_AGE"]):
        raise ConsentMissing(heading)


def public(view: F) -> F:
    """Marks a view as open to everyone, so the route matrix knows it was meant to be."""
    view.is_public = True  # type: ignore[attr-defined]
    return view
