"""Results for policy staff: the pages, the downloads and the printable report.

This file only wires the blueprint, so all of /results can be read in one screen; the pages live in
one module per purpose. Everything here is for policy staff (`can_view_results`), and every number
on it comes from the suppressed tables of `services`.
"""

from __future__ import annotations

from flask import Blueprint
from flask.blueprints import BlueprintSetupState

from forum.results import download_views, page_views, report_views
from forum.results.presentation import TEMPLATE_FILTERS, TEMPLATE_GLOBALS

bp = Blueprint("results", __name__, url_prefix="/results")


@bp.record_once
def _template_names(state: BlueprintSetupState) -> None:
    state.app.jinja_env.filters.update(TEMPLATE_FILTERS)
    state.app.jinja_env.globals.update(TEMPLATE_GLOBALS)


SURVEY = "/surveys/<int:survey_id>"
CHART = SURVEY + "/charts/<int:question_id>"
PARTICIPATION = SURVEY + "/charts/participation"

bp.add_url_rule("/", view_func=page_views.index)
bp.add_url_rule(SURVEY, view_func=page_views.survey)
bp.add_url_rule(CHART + ".png", "question_png", download_views.question_chart, defaults={"kind": "png"})
bp.add_url_rule(CHART + ".svg", "question_svg", download_views.question_chart, defaults={"kind": "svg"})
bp.add_url_rule(
    PARTICIPATION + ".png", "participation_png", download_views.participation_chart, defaults={"kind": "png"}
)
bp.add_url_rule(
    PARTICIPATION + ".svg", "participation_svg", download_views.participation_chart, defaults={"kind": "svg"}
)
bp.add_url_rule(SURVEY + "/export.csv", "export_csv", download_views.export, defaults={"kind": "csv"})
bp.add_url_rule(SURVEY + "/export.xlsx", "export_xlsx", download_views.export, defaults={"kind": "xlsx"})
bp.add_url_rule("/consultations/<int:consultation_id>/report", view_func=report_views.report)
