"""Pages open to everyone: the front door, the help page, the health check."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import Blueprint, current_app, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from forum.accounts.age_bands import age_in_year, band_for_age, band_label
from forum.extensions import db, limiter
from forum.security.access import public
from forum.security.permissions import can_administer, can_manage_classes, is_child

bp = Blueprint("pages", __name__)


@bp.get("/")
@public
def index() -> Response | str:
    """Signed-in people go to their own start page; visitors choose how to sign in."""
    if is_child(current_user):
        return redirect(url_for("children.home"))
    if can_manage_classes(current_user):
        return redirect(url_for("classrooms.index"))
    if can_administer(current_user):
        return redirect(url_for("admin.index"))
    return render_template("pages/index.html")


@bp.get("/help")
@public
def help() -> str:
    """The help lines and self-protection tips; a signed-in child's own age band is marked."""
    child_band = None
    if is_child(current_user):
        age = age_in_year(current_user.birth_year, date.today())
        child_band = band_label(band_for_age(age, current_app.config["AGE_BANDS"]))
    return render_template("pages/help.html", child_band=child_band)


@bp.get("/healthz")
@public
@limiter.exempt
def healthz() -> tuple[dict[str, str], int]:
    try:
        db.session.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        return {"status": "error", "database": "unreachable"}, 503
    return {"status": "ok", "database": "ok"}, 200
