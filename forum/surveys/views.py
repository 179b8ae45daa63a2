"""Placeholder while the surveys pages are written."""

from __future__ import annotations

from flask import Blueprint

from forum.surveys import services  # noqa: F401 (models and signal handlers)
from forum.security.access import require
from forum.security.permissions import can_take_surveys

bp = Blueprint("surveys", __name__, url_prefix="/surveys")


@bp.get("/")
@require(can_take_surveys)
def index() -> str:
    return ""
