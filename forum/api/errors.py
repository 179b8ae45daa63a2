"""The API answers every error with JSON, never an HTML page: {"error", "message", "status"}.

`error` is a short title, `message` says what to change, `status` repeats the HTTP status. Errors
raised before a request reaches the API blueprint (an unknown path, a method the path does not
take, an id beyond 32 bits) are answered by forum/errors/handlers.py in the same shape.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from forum.extensions import db

MESSAGES: dict[int, tuple[Any, Any]] = {
    400: (_l("Bad request"), _l("Something in the request was not right.")),
    401: (
        _l("Authentication needed"),
        _l("Send a valid personal API token in the header “Authorization: Bearer <token>”."),
    ),
    403: (_l("Not allowed"), _l("Your account cannot read results through the API.")),
    404: (_l("Not found"), _l("There is nothing with that id.")),
    405: (_l("Method not allowed"), _l("The API is read-only: use GET.")),
    429: (_l("Too many requests"), _l("Slow down: wait a minute, then try again.")),
    500: (_l("Server error"), _l("Something went wrong on our side. Please try again in a moment.")),
}
BEARER_CHALLENGE = 'Bearer realm="api"'


def json_body(body: dict[str, Any], status: int = 200) -> Response:
    """JSON in UTF-8 as it is (Vietnamese stays readable rather than \\u-escaped)."""
    text = current_app.json.dumps(body, ensure_ascii=False)
    return current_app.response_class(text + "\n", status=status, mimetype="application/json")


class ApiProblem(HTTPException):
    """An error the API explains itself: `message` (translated) and optional extra members (e.g.
    the query `parameter` a 400 is about)."""

    def __init__(self, status: int, message: Any = None, **extra: Any) -> None:
        super().__init__(description=str(message) if message is not None else None)
        self.code = status
        self.message = message
        self.extra = extra


def error_response(status: int, message: Any = None, **extra: Any) -> Response:
    title, default_message = MESSAGES.get(status, MESSAGES[400] if status < 500 else MESSAGES[500])
    body = {"error": str(title), "message": str(message or default_message), "status": status, **extra}
    response = json_body(body, status)
    if status == 401:
        response.headers["WWW-Authenticate"] = BEARER_CHALLENGE
    response.headers["Cache-Control"] = "no-store"
    return response


def handle_problem(error: ApiProblem) -> Response:
    return error_response(error.code or 400, error.message, **error.extra)


def handle_http_error(error: HTTPException) -> Response:
    status = error.code or 500
    if status >= 500:
        db.session.rollback()
    return error_response(status)


def handle_unexpected(error: Exception) -> Response:
    db.session.rollback()
    current_app.logger.exception("Unhandled error in the API")
    return error_response(500)


def register(bp: Blueprint) -> None:
    bp.register_error_handler(ApiProblem, handle_problem)
    bp.register_error_handler(HTTPException, handle_http_error)
    bp.register_error_handler(Exception, handle_unexpected)
