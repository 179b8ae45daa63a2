"""Moderators' pages: the queue, an item and its decisions, the decision log, suspensions.

This file only wires the blueprint, so the whole of /review can be read in one screen; the pages
live in one module per purpose. Every page is for moderators (`can_moderate`); admins do not
moderate.
"""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, current_app
from flask.blueprints import BlueprintSetupState
from flask_babel import format_timedelta

from forum.database import utcnow
from forum.review import item_views, queue_views, suspension_views
from forum.review.messages import (
    ACTION_NAMES,
    HELD_REASON_NAMES,
    KIND_NAMES,
    POST_STATUS_NAMES,
    REASON_NAMES,
    TEXT_STATUS_NAMES,
)
from forum.review.queue import count_open_items
from forum.review.reasons import REJECTION_REASONS, REPORT_REASONS, SUSPENSION_REASONS

bp = Blueprint("review", __name__, url_prefix="/review")


def waited(since: datetime) -> str:
    """How long something has waited, in words: "12 minutes", "3 hours"."""
    return format_timedelta(utcnow() - since, threshold=1.0)


def has_endpoint(endpoint: str) -> bool:
    """Whether another blueprint's page exists (the safeguarding button waits for its page)."""
    return endpoint in current_app.view_functions


@bp.record_once
def _template_names(state: BlueprintSetupState) -> None:
    env = state.app.jinja_env
    env.filters["review_waited"] = waited
    env.globals.update(
        {
            "open_review_count": count_open_items,
            "review_has_endpoint": has_endpoint,
            "review_held_reason_names": HELD_REASON_NAMES,
            "review_action_names": ACTION_NAMES,
            "review_kind_names": KIND_NAMES,
            "review_post_status_names": POST_STATUS_NAMES,
            "review_text_status_names": TEXT_STATUS_NAMES,
            "review_reason_names": REASON_NAMES,
            "review_rejection_reasons": REJECTION_REASONS,
            "review_suspension_reasons": SUSPENSION_REASONS,
            "review_report_reasons": REPORT_REASONS,
        }
    )


ITEM = "/items/<int:item_id>"

bp.add_url_rule("/", "queue", view_func=queue_views.queue_page)
bp.add_url_rule("/bulk-approve", view_func=queue_views.bulk_approve, methods=["POST"])
bp.add_url_rule("/log", view_func=queue_views.log)
bp.add_url_rule(ITEM, view_func=item_views.item)
bp.add_url_rule(ITEM + "/claim", view_func=item_views.claim, methods=["POST"])
bp.add_url_rule(ITEM + "/release", view_func=item_views.release, methods=["POST"])
bp.add_url_rule(ITEM + "/approve", view_func=item_views.approve, methods=["POST"])
bp.add_url_rule(ITEM + "/redact", view_func=item_views.redact, methods=["POST"])
bp.add_url_rule(ITEM + "/reject", view_func=item_views.reject, methods=["POST"])
bp.add_url_rule(ITEM + "/remove", view_func=item_views.remove, methods=["POST"])
bp.add_url_rule("/suspensions", view_func=suspension_views.suspensions)
bp.add_url_rule("/suspensions/new", view_func=suspension_views.suspend, methods=["POST"])
bp.add_url_rule("/suspensions/<int:suspension_id>/lift", view_func=suspension_views.lift, methods=["POST"])
