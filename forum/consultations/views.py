"""Placeholder while the consultations pages are written."""

from __future__ import annotations

from flask import Blueprint

from forum.consultations import services  # noqa: F401 (models and signal handlers)
from forum.security.access import require
from forum.security.permissions import can_run_consultations

bp = Blueprint("consultations", __name__, url_prefix="/consultations")


@bp.get("/")
@require(can_run_consultations)
def index() -> str:
    return ""
