"""Policy staff's pages: consultations, their surveys and the survey builder.

This file only wires the blueprint, so the whole of /consultations can be read in one screen; the
pages live in one module per purpose. Every page is for policy staff only.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint
from flask.blueprints import BlueprintSetupState
from flask_babel import get_locale

from forum.accounts.age_bands import label_of_key
from forum.consultations import consultation_views, file_views, question_views, survey_views
from forum.consultations.messages import (
    CONSULTATION_STATUS_NAMES,
    OPERATOR_NAMES,
    QUESTION_TYPE_NAMES,
    STATUS_ACTIONS,
    SURVEY_STATUS_NAMES,
)
from forum.language.texts import in_language

bp = Blueprint("consultations", __name__, url_prefix="/consultations")


def in_reader_language(texts: Any) -> str:
    """A {"vi": ..., "en": ...} text in the reader's language (templates: `texts|in_lang`)."""
    return in_language(texts, str(get_locale()))


@bp.record_once
def _template_names(state: BlueprintSetupState) -> None:
    env = state.app.jinja_env
    env.filters.update({"in_lang": in_reader_language, "band_label": label_of_key})
    env.globals.update(
        {
            "consultation_status_names": CONSULTATION_STATUS_NAMES,
            "survey_status_names": SURVEY_STATUS_NAMES,
            "status_actions": STATUS_ACTIONS,
            "question_type_names": QUESTION_TYPE_NAMES,
            "operator_names": OPERATOR_NAMES,
        }
    )


GET_POST = ["GET", "POST"]
SURVEY = "/<int:consultation_id>/surveys/<int:survey_id>"
QUESTION = SURVEY + "/questions/<key>"

bp.add_url_rule("/", view_func=consultation_views.index)
bp.add_url_rule("/new", view_func=consultation_views.new, methods=GET_POST)
bp.add_url_rule("/<int:consultation_id>", view_func=consultation_views.show)
bp.add_url_rule("/<int:consultation_id>/edit", view_func=consultation_views.edit, methods=GET_POST)
bp.add_url_rule("/<int:consultation_id>/status", view_func=consultation_views.change_status, methods=GET_POST)
bp.add_url_rule("/<int:consultation_id>/surveys/new", view_func=survey_views.new_survey, methods=GET_POST)
bp.add_url_rule("/<int:consultation_id>/surveys/upload", view_func=file_views.upload, methods=["POST"])
bp.add_url_rule(SURVEY, view_func=survey_views.builder)
bp.add_url_rule(SURVEY + "/edit", view_func=survey_views.edit_survey, methods=GET_POST)
bp.add_url_rule(SURVEY + "/preview", view_func=survey_views.preview)
bp.add_url_rule(SURVEY + "/publish", view_func=survey_views.publish, methods=["POST"])
bp.add_url_rule(SURVEY + "/unpublish", view_func=survey_views.unpublish, methods=["POST"])
bp.add_url_rule(SURVEY + "/export.json", view_func=file_views.export_json)
bp.add_url_rule(SURVEY + "/export.xlsx", view_func=file_views.export_xlsform)
bp.add_url_rule(SURVEY + "/questions/new", view_func=question_views.new_question, methods=GET_POST)
bp.add_url_rule(QUESTION + "/edit", view_func=question_views.edit_question, methods=GET_POST)
bp.add_url_rule(QUESTION + "/move", view_func=question_views.move_question, methods=["POST"])
bp.add_url_rule(QUESTION + "/delete", view_func=question_views.delete_question, methods=GET_POST)
