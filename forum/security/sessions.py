"""Who is signed in: loading users from the session, sign-in redirects, children's idle expiry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask import Flask, current_app, flash, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user
from werkzeug.wrappers import Response

from forum.accounts.models import User
from forum.extensions import db, login_manager

LAST_SEEN_KEY = "last_seen"


@login_manager.user_loader
def load_user(identity: str) -> User | None:
    user_id, _, token = identity.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.execute(sa.select(User).where(User.id == int(user_id))).scalar_one_or_none()
    if user is None or user.session_token != token or not user.active:
        return None
    return user


# Pages outside the children's blueprints that children reach from a link or a printed QR code.
_CHILDREN_PAGES = frozenset(
    {
        "discussions.index",
        "discussions.topic",
        "discussions.submit",
        "discussions.reply",
        "discussions.agree",
        "discussions.report",
        "feedback.show",
    }
)


@login_manager.unauthorized_handler
def unauthorized() -> Response:
    flash(_l("Please sign in to see that page."), "info")
    endpoint = (
        "accounts.card_sign_in"
        if request.endpoint in _CHILDREN_PAGES
        or request.blueprint
        in (
            "children",
            "surveys",
        )
        else "accounts.sign_in"
    )
    return redirect(url_for(endpoint, next=request.full_path.rstrip("?")))


def start_session(user: User) -> None:
    """A fresh session for a fresh sign-in (no fixation), keeping only the language choice."""
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language
    session.permanent = True
    session[LAST_SEEN_KEY] = datetime.now(UTC).timestamp()


def end_session() -> None:
    language = session.get("lang")
    logout_user()
    session.clear()
    if language:
        session["lang"] = language


def expire_idle_child() -> Response | None:
    """Children share school computers: an idle child's session ends after CHILD_IDLE_MINUTES."""
    if request.endpoint == "static" or not current_user.is_authenticated or not current_user.is_child:
        return None
    now = datetime.now(UTC).timestamp()
    last_seen = session.get(LAST_SEEN_KEY)
    limit = timedelta(minutes=current_app.config["CHILD_IDLE_MINUTES"]).total_seconds()
    if not isinstance(last_seen, (int, float)) or now - last_seen > limit:
        end_session()
        flash(_l("You were signed out because nobody used this computer for a while. Please sign in again."), "info")
        return redirect(url_for("accounts.card_sign_in"))
    session[LAST_SEEN_KEY] = now
    return None


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.session_protection = "strong"
    app.before_request(expire_idle_child)
