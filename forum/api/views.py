"""The read-only JSON API under /api/v1, for policy staff and their tools.

This file only wires the blueprint: who may call it is in auth.py, what it answers in openapi.py,
the views in definition_views.py (what was asked) and results_views.py (the suppressed answers).
Every answer is JSON, errors included (errors.py); requests are rate-limited per token.
"""

from __future__ import annotations

from flask import Blueprint, current_app
from flask_limiter.util import get_remote_address
from werkzeug.wrappers import Response

from forum.api import definition_views, errors, results_views
from forum.api.auth import rate_limit_key
from forum.extensions import limiter

bp = Blueprint("api", __name__, url_prefix="/api")
errors.register(bp)

# Requests per token (else per signed-in user, else per address); settable as FORUM_API_RATE_LIMIT.
DEFAULT_RATE_LIMIT = "120 per minute"
# Requests refused for bad credentials, per address: guessing a token is hopeless, and also slow.
DEFAULT_AUTH_FAILURE_LIMIT = "30 per minute"


def _rate_limit() -> str:
    return str(current_app.config.get("API_RATE_LIMIT", DEFAULT_RATE_LIMIT))


def _auth_failure_limit() -> str:
    return str(current_app.config.get("API_AUTH_FAILURE_LIMIT", DEFAULT_AUTH_FAILURE_LIMIT))


def _unauthorized(response: Response) -> bool:
    return response.status_code == 401


limiter.limit(_rate_limit, key_func=rate_limit_key)(bp)
limiter.limit(_auth_failure_limit, key_func=get_remote_address, deduct_when=_unauthorized)(bp)

V1 = "/v1"
SURVEY = V1 + "/surveys/<int:survey_id>"

bp.add_url_rule(V1 + "/openapi.json", view_func=definition_views.openapi_document)
bp.add_url_rule(V1 + "/consultations", view_func=definition_views.consultations)
bp.add_url_rule(V1 + "/consultations/<int:consultation_id>", view_func=definition_views.consultation)
bp.add_url_rule(V1 + "/consultations/<int:consultation_id>/reach", view_func=results_views.reach)
bp.add_url_rule(SURVEY, view_func=definition_views.survey)
bp.add_url_rule(SURVEY + "/results", view_func=results_views.results)
bp.add_url_rule(SURVEY + "/participation", view_func=results_views.participation)
bp.add_url_rule(SURVEY + "/questions/<key>/breakdown/<dimensions>", view_func=results_views.breakdown)
