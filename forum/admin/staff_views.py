"""Staff accounts: list, create, change, reset a password.

Children never appear here: they belong to their teachers, and a child's id in these URLs is a 404.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from forum.accounts import services
from forum.accounts.messages import ACCOUNT_ERRORS
from forum.accounts.models import Role, User
from forum.admin.forms import (
    NO_SCHOOL,
    PasswordResetForm,
    StaffCreateForm,
    StaffEditForm,
    StaffFilterForm,
    school_choices,
)
from forum.admin.messages import ACCOUNT_ERROR_FIELDS
from forum.admin.services import is_locked
from forum.database import utcnow
from forum.extensions import db
from forum.schools.models import School
from forum.schools.services import list_schools
from forum.security.access import require
from forum.security.permissions import can_administer

Page = Response | tuple[str, int] | str


def _school_options(current: School | None) -> list[School]:
    """Teachers join active schools; a teacher already at a deactivated school may stay there."""
    return [school for school in list_schools() if school.active or school is current]


def _picked(schools: list[School], school_id: int) -> School | None:
    return next((school for school in schools if school.id == school_id), None) if school_id != NO_SCHOOL else None


@require(can_administer)
def staff() -> tuple[str, int] | str:
    form = StaffFilterForm(request.args)
    if not form.validate():
        return render_template("admin/staff.html", form=form, users=[], now=utcnow(), is_locked=is_locked), 400
    users = services.list_staff(Role(form.role.data) if form.role.data else None, form.q.data or "")
    return render_template("admin/staff.html", form=form, users=users, now=utcnow(), is_locked=is_locked)


@require(can_administer)
def new_staff() -> Page:
    schools = _school_options(None)
    form = StaffCreateForm()
    form.school.choices = school_choices(schools, str(get_locale()))
    if form.validate_on_submit():
        try:
            user = services.create_staff(
                username=form.username.data or "",
                password=form.password.data or "",
                role=form.role.data,
                display_name=form.display_name.data or "",
                school=_picked(schools, form.school.data),
                is_safeguarding_lead=form.is_safeguarding_lead.data,
                created_by=current_user._get_current_object(),
            )
        except services.AccountError as error:
            db.session.rollback()
            form.refuse(ACCOUNT_ERROR_FIELDS.get(error.code), ACCOUNT_ERRORS[error.code])
        else:
            db.session.commit()
            flash(_("The account “%(username)s” is created.", username=user.username), "success")
            return redirect(url_for("admin.edit_staff", user_id=user.id))
    status = 400 if form.errors else 200
    return render_template("admin/staff_new.html", form=form, has_schools=bool(schools)), status


def _edit_form(user: User, schools: list[School], from_request: bool) -> StaffEditForm:
    data = {
        "display_name": user.display_name or "",
        "role": user.role,
        "school": user.school_id or NO_SCHOOL,
        "is_safeguarding_lead": user.is_safeguarding_lead,
        "active": user.active,
    }
    form = StaffEditForm(data=data) if from_request else StaffEditForm(formdata=None, data=data)
    form.school.choices = school_choices(schools, str(get_locale()))
    return form


def _account_page(user: User, edit_form: StaffEditForm, reset_form: PasswordResetForm, status: int) -> tuple[str, int]:
    return render_template(
        "admin/staff_edit.html",
        user=user,
        form=edit_form,
        reset_form=reset_form,
        locked=is_locked(user, utcnow()),
        is_me=user.id == current_user.id,
    ), status


@require(can_administer)
def edit_staff(user_id: int) -> Page:
    user = services.get_staff(user_id) or abort(404)
    schools = _school_options(user.school)
    form = _edit_form(user, schools, from_request=True)
    if form.validate_on_submit():
        try:
            services.update_staff(
                user,
                role=form.role.data,
                display_name=form.display_name.data or "",
                school=_picked(schools, form.school.data),
                is_safeguarding_lead=form.is_safeguarding_lead.data,
                active=form.active.data,
                changed_by=current_user._get_current_object(),
            )
        except services.AccountError as error:
            db.session.rollback()
            form.refuse(ACCOUNT_ERROR_FIELDS.get(error.code), ACCOUNT_ERRORS[error.code])
        else:
            db.session.commit()
            flash(_("The account “%(username)s” is saved.", username=user.username), "success")
            return redirect(url_for("admin.edit_staff", user_id=user.id))
    return _account_page(user, form, PasswordResetForm(formdata=None), 400 if form.errors else 200)


@require(can_administer)
def reset_staff_password(user_id: int) -> Page:
    """Also signs the person out everywhere and lifts a lockout. Your own password is changed elsewhere."""
    user = services.get_staff(user_id) or abort(404)
    if user.id == current_user.id:
        flash(_("To change your own password, use this page: it asks for your current one."), "info")
        return redirect(url_for("accounts.password"))
    form = PasswordResetForm()
    if form.validate_on_submit():
        try:
            services.reset_password(user, form.password.data or "", current_user._get_current_object())
        except services.AccountError as error:
            db.session.rollback()
            form.refuse(ACCOUNT_ERROR_FIELDS.get(error.code), ACCOUNT_ERRORS[error.code])
        else:
            db.session.commit()
            flash(
                _(
                    "The password of “%(username)s” is reset and they are signed out everywhere. "
                    "Give them the new password in person.",
                    username=user.username,
                ),
                "success",
            )
            return redirect(url_for("admin.edit_staff", user_id=user.id))
    return _account_page(user, _edit_form(user, _school_options(user.school), from_request=False), form, 400)
