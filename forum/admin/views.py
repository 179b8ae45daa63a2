"""The administrators' pages: the blueprint, its URL map and the overview.

The pages themselves live in one module per purpose (places, staff, audit log); this file only
wires them, so the whole of /admin can be read in one screen.
"""

from __future__ import annotations

from flask import Blueprint, render_template

from forum.admin import audit_views, places_views, staff_views
from forum.admin.services import get_overview
from forum.security.access import require
from forum.security.permissions import can_administer

bp = Blueprint("admin", __name__, url_prefix="/admin")

GET_POST = ["GET", "POST"]


@bp.get("/")
@require(can_administer)
def index() -> str:
    return render_template("admin/index.html", overview=get_overview())


bp.add_url_rule("/areas", view_func=places_views.areas)
bp.add_url_rule("/areas/new", view_func=places_views.new_area, methods=GET_POST)
bp.add_url_rule("/areas/<int:area_id>", view_func=places_views.edit_area, methods=GET_POST)
bp.add_url_rule("/schools", view_func=places_views.schools)
bp.add_url_rule("/schools/new", view_func=places_views.new_school, methods=GET_POST)
bp.add_url_rule("/schools/<int:school_id>", view_func=places_views.edit_school, methods=GET_POST)
bp.add_url_rule("/staff", view_func=staff_views.staff)
bp.add_url_rule("/staff/new", view_func=staff_views.new_staff, methods=GET_POST)
bp.add_url_rule("/staff/<int:user_id>", view_func=staff_views.edit_staff, methods=GET_POST)
bp.add_url_rule("/staff/<int:user_id>/password", view_func=staff_views.reset_staff_password, methods=["POST"])
bp.add_url_rule("/audit", view_func=audit_views.audit)
