"""“You said, we did”: feedback to children for a closed consultation.

This file only wires the blueprint, so the whole of /feedback can be read in one screen. Policy
staff write and publish (manage_views, point_views); children, teachers who print it for their
school and policy staff read it (reader_views). Who may read what is decided in services.
"""

from __future__ import annotations

from flask import Blueprint
from flask.blueprints import BlueprintSetupState

from forum.feedback import manage_views, point_views, reader_views
from forum.feedback.messages import FEEDBACK_STATE_NAMES, OUTCOME_NAMES, OUTCOME_WORDS

bp = Blueprint("feedback", __name__, url_prefix="/feedback")


@bp.record_once
def _template_names(state: BlueprintSetupState) -> None:
    state.app.jinja_env.globals.update(
        {
            "outcome_names": OUTCOME_NAMES,
            "outcome_words": OUTCOME_WORDS,
            "feedback_state_names": FEEDBACK_STATE_NAMES,
            # The child's home page lists the feedback they may read (templates/children/home.html).
            "child_feedback": reader_views.child_feedback,
        }
    )


GET_POST = ["GET", "POST"]
FEEDBACK = "/<int:feedback_id>"
POINT = FEEDBACK + "/points/<int:point_id>"

bp.add_url_rule("/", view_func=manage_views.index)
bp.add_url_rule("/consultations/<int:consultation_id>/start", view_func=manage_views.start, methods=["POST"])
bp.add_url_rule(FEEDBACK + "/edit", view_func=manage_views.edit, methods=GET_POST)
bp.add_url_rule(FEEDBACK + "/preview", view_func=manage_views.preview)
bp.add_url_rule(FEEDBACK + "/publish", view_func=manage_views.publish, methods=["POST"])
bp.add_url_rule(FEEDBACK + "/points/new", view_func=point_views.new_point, methods=GET_POST)
bp.add_url_rule(POINT + "/edit", view_func=point_views.edit_point, methods=GET_POST)
bp.add_url_rule(POINT + "/move", view_func=point_views.move_point, methods=["POST"])
bp.add_url_rule(POINT + "/delete", view_func=point_views.delete_point, methods=GET_POST)
bp.add_url_rule(FEEDBACK, view_func=reader_views.show)
bp.add_url_rule(FEEDBACK + "/print", view_func=reader_views.print_page)
