"""Placeholder while the classrooms pages are written."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("classrooms", __name__, url_prefix="/classrooms")


@bp.get("/")
def index() -> str:
    return ""
