"""Placeholder while the admin pages are written."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/")
def index() -> str:
    return ""
