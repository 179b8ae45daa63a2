"""Areas and schools: where children are. Areas are deactivated, never deleted, when units change."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from forum.admin.forms import AreaForm, SchoolForm, area_choices
from forum.admin.messages import SCHOOL_ERROR_FIELDS, SCHOOL_ERRORS
from forum.admin.services import list_areas_with_counts, list_schools_with_counts
from forum.extensions import db
from forum.schools import services
from forum.schools.models import Area, School
from forum.security.access import require
from forum.security.permissions import can_administer

Page = Response | tuple[str, int] | str


@require(can_administer)
def areas() -> str:
    return render_template("admin/areas.html", rows=list_areas_with_counts())


@require(can_administer)
def new_area() -> Page:
    return _area_page(None)


@require(can_administer)
def edit_area(area_id: int) -> Page:
    return _area_page(services.get_area(area_id) or abort(404))


def _area_page(area: Area | None) -> Page:
    form = AreaForm(obj=area)
    if form.validate_on_submit():
        try:
            saved = services.save_area(
                area,
                code=form.code.data or "",
                name_vi=form.name_vi.data or "",
                name_en=form.name_en.data or "",
                kind=form.kind.data or "",
                active=form.active.data,
                actor=current_user._get_current_object(),
            )
        except services.SchoolError as error:
            db.session.rollback()
            form.refuse(SCHOOL_ERROR_FIELDS.get(error.code), SCHOOL_ERRORS[error.code])
        else:
            db.session.commit()
            flash(_("The area %(code)s is saved.", code=saved.code), "success")
            return redirect(url_for("admin.areas"))
    status = 400 if form.errors else 200
    return render_template("admin/area_form.html", form=form, area=area), status


@require(can_administer)
def schools() -> str:
    return render_template("admin/schools.html", rows=list_schools_with_counts())


@require(can_administer)
def new_school() -> Page:
    return _school_page(None)


@require(can_administer)
def edit_school(school_id: int) -> Page:
    return _school_page(services.get_school(school_id) or abort(404))


def _school_page(school: School | None) -> Page:
    """New schools go in active areas; a school already in a deactivated area may stay there."""
    areas = services.list_areas(active_only=True)
    if school is not None and school.area not in areas:
        areas.append(school.area)
    data = None
    if school is not None:
        data = {"name": school.name, "level": school.level, "area": school.area_id, "active": school.active}
    form = SchoolForm(data=data)
    form.area.choices = area_choices(areas, str(get_locale()))
    if form.validate_on_submit():
        area = next(area for area in areas if area.id == form.area.data)
        try:
            saved = services.save_school(
                school,
                name=form.name.data or "",
                level=form.level.data,
                area=area,
                active=form.active.data,
                actor=current_user._get_current_object(),
            )
        except services.SchoolError as error:
            db.session.rollback()
            form.refuse(SCHOOL_ERROR_FIELDS.get(error.code), SCHOOL_ERRORS[error.code])
        else:
            db.session.commit()
            flash(_("The school “%(name)s” is saved.", name=saved.name), "success")
            return redirect(url_for("admin.schools"))
    status = 400 if form.errors else 200
    return render_template("admin/school_form.html", form=form, school=school, has_areas=bool(areas)), status
