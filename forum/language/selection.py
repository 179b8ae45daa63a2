"""Which language a page is in: the visitor's choice (cookie), else Vietnamese."""

from __future__ import annotations

from flask import current_app, request, session

COOKIE_NAME = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    for choice in (session.get("lang"), request.cookies.get(COOKIE_NAME)):
        if choice in languages:
            return choice
    return current_app.config["BABEL_DEFAULT_LOCALE"]
