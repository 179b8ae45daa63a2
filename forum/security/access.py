"""Route guards built on the predicates in `permissions`."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user

from forum.extensions import login_manager

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


def public(view: F) -> F:
    """Marks a view as open to everyone, so the route matrix knows it was meant to be."""
    view.is_public = True  # type: ignore[attr-defined]
    return view
