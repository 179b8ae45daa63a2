"""The teacher's pages: their school's classes, the children in a class, cards and consent.

Teachers see where each child's paperwork stands, never what a child answered.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import get_timezone, ngettext
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from forum.accounts import services as accounts
from forum.accounts.age_bands import allowed_birth_years
from forum.accounts.models import ConsentKind, User
from forum.classrooms import card_sheet, services
from forum.classrooms.forms import (
    AddChildrenForm,
    BulkConsentForm,
    CardsForm,
    ClassroomForm,
    ConsentForm,
    WithdrawForm,
    child_choices,
)
from forum.classrooms.messages import CLASSROOM_ERRORS, REISSUE_NOT_CONFIRMED, SCHOOL_ERRORS, describe_roster
from forum.classrooms.roster import MAX_CHILDREN, parse_roster
from forum.extensions import db
from forum.schools.models import Classroom
from forum.schools.services import SchoolError, create_classroom, current_school_year, get_classroom, list_children
from forum.security.access import ensure, require
from forum.security.permissions import can_manage_child, can_manage_classes, can_manage_classroom

bp = Blueprint("classrooms", __name__, url_prefix="/classrooms")

Page = Response | str | tuple[str, int]


def _zone() -> ZoneInfo:
    """Where the school is (the app's time zone), not where the server is."""
    return ZoneInfo(str(get_timezone()))


def _today() -> date:
    return datetime.now(_zone()).date()


def _teacher() -> User:
    return current_user._get_current_object()  # type: ignore[no-any-return]


def _classroom(classroom_id: int) -> Classroom:
    classroom = get_classroom(classroom_id)
    if classroom is None:
        abort(404)
    ensure(can_manage_classroom(current_user, classroom))
    return classroom


def _child(classroom: Classroom, child_id: int) -> User:
    """A child of this classroom; another class's child is "not found" here, whoever teaches it."""
    child = accounts.get_child(child_id)
    if child is None or child.classroom_id != classroom.id:
        abort(404)
    ensure(can_manage_child(current_user, child))
    return child


def _base_url() -> str:
    """Where children sign in, as printed on the cards."""
    return current_app.config["PUBLIC_BASE_URL"] or request.url_root


def _allowed_years() -> range:
    return allowed_birth_years(current_app.config["AGE_BANDS"], _today())


# The class list ---------------------------------------------------------------------------


@bp.route("/", methods=["GET", "POST"])
@require(can_manage_classes)
def index() -> Page:
    teacher = _teacher()
    today = _today()
    current_year = current_school_year(today)
    form = ClassroomForm(services.nearby_school_years(today), school_year=current_year)
    if form.validate_on_submit():
        try:
            classroom = create_classroom(
                teacher.school,  # type: ignore[arg-type]
                name=form.name.data or "",
                grade=int(form.grade.data),
                school_year=form.school_year.data or "",
                actor=teacher,
            )
            db.session.commit()
        except (SchoolError, sa.exc.IntegrityError) as error:
            db.session.rollback()
            code = error.code if isinstance(error, SchoolError) else "classroom_name_taken"
            target = form.school_year if code == "school_year_invalid" else form.name
            target.errors.append(SCHOOL_ERRORS[code])  # type: ignore[attr-defined]
        else:
            flash(_("Class %(name)s is created. Now add the children.", name=classroom.name), "success")
            return redirect(url_for("classrooms.show", classroom_id=classroom.id))
    counts = services.list_classroom_counts(teacher.school)  # type: ignore[arg-type]
    status = 400 if form.errors else 200
    return render_template(
        "classrooms/index.html", form=form, counts=counts, school=teacher.school, current_year=current_year
    ), status


# One class --------------------------------------------------------------------------------


def _render_classroom(
    classroom: Classroom, cards_form: CardsForm | None = None, consent_form: BulkConsentForm | None = None
) -> tuple[str, int]:
    """The class page; after a refused action it shows that action's form with its errors (400)."""
    statuses = services.list_child_statuses(
        classroom, _today(), current_app.config["AGE_BANDS"], current_app.config["ASSENT_FROM_AGE"]
    )
    failed = cards_form or consent_form
    ticked = set(failed.children.data or []) if failed is not None else set()
    return render_template(
        "classrooms/classroom.html",
        classroom=classroom,
        statuses=statuses,
        summary=services.summarise(statuses),
        cards_form=cards_form or CardsForm(formdata=None),
        consent_form=consent_form or BulkConsentForm(formdata=None, given_on=_today()),
        ticked=ticked,
        assent_from_age=current_app.config["ASSENT_FROM_AGE"],
    ), 400 if failed is not None else 200


@bp.get("/<int:classroom_id>")
@require(can_manage_classes)
def show(classroom_id: int) -> Page:
    return _render_classroom(_classroom(classroom_id))


@bp.route("/<int:classroom_id>/children/add", methods=["GET", "POST"])
@require(can_manage_classes)
def add_children(classroom_id: int) -> Page:
    classroom = _classroom(classroom_id)
    form = AddChildrenForm()
    allowed = _allowed_years()
    problems: list[str] = []
    if form.validate_on_submit():
        roster = parse_roster(form.rows.data or "", allowed)
        if roster.ok:
            added = accounts.add_children(classroom, roster.children, _teacher())
            db.session.commit()
            flash(ngettext("%(num)d child added.", "%(num)d children added.", len(added)), "success")
            return redirect(url_for("classrooms.show", classroom_id=classroom.id))
        problems = describe_roster(roster, allowed)
    status = 400 if form.errors or problems else 200
    return render_template(
        "classrooms/add_children.html",
        classroom=classroom,
        form=form,
        problems=problems,
        allowed=allowed,
        max_children=MAX_CHILDREN,
    ), status


# Cards ------------------------------------------------------------------------------------


@bp.post("/<int:classroom_id>/cards")
@require(can_manage_classes)
def issue_cards(classroom_id: int) -> Page:
    """The answer to this POST is the only place the new codes ever appear."""
    classroom = _classroom(classroom_id)
    children = list_children(classroom)
    form = CardsForm()
    form.children.choices = child_choices(children)
    if not form.validate_on_submit():
        return _render_classroom(classroom, cards_form=form)
    chosen_ids = form.chosen_ids()
    chosen = [child for child in children if child.id in chosen_ids]
    if any(accounts.has_active_card(child) for child in chosen) and not form.confirm_reissue.data:
        form.confirm_reissue.errors.append(REISSUE_NOT_CONFIRMED)  # type: ignore[attr-defined]
        return _render_classroom(classroom, cards_form=form)
    issued = accounts.issue_cards(chosen, _teacher(), current_app.config["CARD_HASH_KEY"])
    cards = card_sheet.build_cards(issued, classroom, _base_url(), current_app.config["AGE_BANDS"], _today())
    db.session.commit()
    if form.output.data == "csv":
        response = send_file(
            io.BytesIO(card_sheet.cards_csv(cards)),
            mimetype="text/csv; charset=utf-8",
            as_attachment=True,
            download_name=card_sheet.csv_filename(classroom),
        )
        response.headers["Cache-Control"] = "no-store"
        return response
    return render_template(
        "classrooms/cards.html",
        classroom=classroom,
        cards=cards,
        sign_in_address=card_sheet.short_sign_in_address(_base_url()),
    )


# Consent ----------------------------------------------------------------------------------


@bp.post("/<int:classroom_id>/consent")
@require(can_manage_classes)
def record_bulk_consent(classroom_id: int) -> Page:
    classroom = _classroom(classroom_id)
    children = list_children(classroom)
    form = BulkConsentForm()
    form.children.choices = child_choices(children)
    if not form.validate_on_submit():
        return _render_classroom(classroom, consent_form=form)
    ticked = set(form.children.data or [])
    chosen = [child for child in children if child.id in ticked]
    try:
        services.record_consents(chosen, form.consent_method, form.given_on.data, _teacher(), _zone())
    except services.ClassroomError as error:
        db.session.rollback()
        form.given_on.errors.append(CLASSROOM_ERRORS[error.code])  # type: ignore[attr-defined]
        return _render_classroom(classroom, consent_form=form)
    db.session.commit()
    message = ngettext("Consent recorded for %(num)d child.", "Consent recorded for %(num)d children.", len(chosen))
    flash(message, "success")
    return redirect(url_for("classrooms.show", classroom_id=classroom.id))


@bp.route("/<int:classroom_id>/children/<int:child_id>/consent", methods=["GET", "POST"])
@require(can_manage_classes)
def record_consent(classroom_id: int, child_id: int) -> Page:
    classroom = _classroom(classroom_id)
    child = _child(classroom, child_id)
    form = ConsentForm(given_on=_today())
    if form.validate_on_submit():
        try:
            services.record_consents([child], form.consent_method, form.given_on.data, _teacher(), _zone())
        except services.ClassroomError as error:
            db.session.rollback()
            form.given_on.errors.append(CLASSROOM_ERRORS[error.code])  # type: ignore[attr-defined]
        else:
            db.session.commit()
            flash(_("Consent recorded for %(name)s.", name=child.pseudonym), "success")
            return redirect(url_for("classrooms.show", classroom_id=classroom.id))
    status = 400 if form.errors else 200
    guardian = services.current_consent(child, ConsentKind.GUARDIAN)
    return render_template(
        "classrooms/consent.html", classroom=classroom, child=child, form=form, guardian=guardian
    ), status


@bp.route("/<int:classroom_id>/children/<int:child_id>/withdraw", methods=["GET", "POST"])
@require(can_manage_classes)
def withdraw(classroom_id: int, child_id: int) -> Page:
    """Withdrawal erases the child for good, so it asks first and needs a ticked box."""
    classroom = _classroom(classroom_id)
    child = _child(classroom, child_id)
    form = WithdrawForm()
    if form.validate_on_submit():
        accounts.withdraw_guardian_consent(child, _teacher())
        db.session.commit()
        flash(_("Consent withdrawn. The child's data is erased and their card no longer works."), "success")
        return redirect(url_for("classrooms.show", classroom_id=classroom.id))
    status = 400 if form.errors else 200
    return render_template("classrooms/withdraw.html", classroom=classroom, child=child, form=form), status
