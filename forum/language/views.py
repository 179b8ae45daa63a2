"""The language switch: remembered in a cookie for a year and in the session."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, request, session, url_for
from werkzeug.wrappers import Response

from forum.language.selection import COOKIE_MAX_AGE, COOKIE_NAME
from forum.security.access import public
from forum.security.redirects import safe_path

bp = Blueprint("language", __name__, url_prefix="/language")


@bp.post("/<code>")
@public
def switch(code: str) -> Response:
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    session["lang"] = code
    response = redirect(safe_path(request.form.get("next"), url_for("pages.index")))
    response.set_cookie(
        COOKIE_NAME,
        code,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )
    return response
