"""Error pages in the visitor's language; a 500 rolls back whatever the request had started."""

from __future__ import annotations

from flask import Flask, current_app, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException, InternalServerError

from forum.extensions import db

MESSAGES = {
    400: (_l("Something in that request was not right"), _l("Please go back and try again.")),
    403: (
        _l("This page is not for you"),
        _l("Your account cannot open this page. If you think it should, ask your teacher or the administrator."),
    ),
    404: (_l("We could not find that page"), _l("The link may be old or mistyped.")),
    405: (_l("That cannot be done here"), _l("Please go back and use the buttons on the page.")),
    409: (
        _l("Someone else saved this at the same moment"),
        _l("Nothing was changed by your request. Please reload the page and check before trying again."),
    ),
    413: (_l("That was too big to send"), _l("Please send something smaller.")),
    429: (_l("Too many tries"), _l("Please wait a minute, then try again.")),
    500: (_l("Something went wrong on our side"), _l("Nothing you sent was half-saved. Please try again in a moment.")),
}


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def render_error(status: int, detail: str | None = None) -> tuple[object, int]:
    title, message = MESSAGES.get(status, MESSAGES[400] if status < 500 else MESSAGES[500])
    if _wants_json():
        return {"error": str(title), "message": str(detail or message), "status": status}, status
    return render_template("errors/error.html", status=status, title=title, message=detail or message), status


def handle_http_error(error: HTTPException) -> tuple[object, int]:
    status = error.code or 500
    if status >= 500:
        db.session.rollback()
    return render_error(status)


def handle_csrf_error(error: CSRFError) -> tuple[object, int]:
    return render_error(
        400,
        str(
            _l("This form had expired or was sent from somewhere else. Please go back, reload the page and try again.")
        ),
    )


def handle_conflict(error: IntegrityError) -> tuple[object, int]:
    """Two people saved the same thing at once: the database kept one, the other is told."""
    db.session.rollback()
    current_app.logger.warning("Integrity error answered with 409: %s", error.orig)
    return render_error(409)


def handle_unexpected(error: Exception) -> tuple[object, int]:
    db.session.rollback()
    if not isinstance(error, HTTPException):
        current_app.logger.exception("Unhandled error on %s %s", request.method, request.path)
    if isinstance(error, HTTPException):
        return handle_http_error(error)
    return render_error(InternalServerError.code)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(IntegrityError, handle_conflict)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
