"""Safeguarding leads' pages: the list of cases and a case's page, where a lead moves the case
along, assigns it and writes notes; and the moderators' "open a case" from a queue item.

Every case page is for safeguarding leads only (`can_handle_safeguarding`); opening a case from a
queue item is for every moderator (`can_moderate`), lead or not.
"""

from __future__ import annotations

from math import ceil

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from forum.extensions import db
from forum.review.models import ReviewItem
from forum.safeguarding import services
from forum.safeguarding.forms import (
    NOBODY,
    AssignForm,
    CaseFilterForm,
    NoteForm,
    OpenCaseForm,
    StatusForm,
    lead_choices,
    status_choices,
)
from forum.safeguarding.highlighting import segments
from forum.safeguarding.labels import REASON_NAMES, STATUS_NAMES, URGENCY_NAMES
from forum.safeguarding.messages import case_error_message
from forum.safeguarding.models import CaseStatus, SafeguardingCase
from forum.security.access import require
from forum.security.permissions import can_handle_safeguarding, can_moderate

bp = Blueprint("safeguarding", __name__, url_prefix="/safeguarding")

Page = Response | tuple[str, int] | str
# Far beyond any real list, small enough that the row offset stays an ordinary integer in SQL.
MAX_PAGE = 100_000


def case_or_404(case_id: int) -> SafeguardingCase:
    return services.get_case(case_id) or abort(404)


@bp.get("/")
@require(can_handle_safeguarding)
def index() -> Page:
    form = CaseFilterForm(request.args)
    if not form.validate():
        return render_template("safeguarding/index.html", form=form, cases=[], total=0, page=1, pages=1, args={}), 400
    page = min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)
    cases, total = services.list_cases(form.status.data, page)
    args = {"status": form.status.data} if form.status.data != "open" else {}
    return render_template(
        "safeguarding/index.html",
        form=form,
        cases=cases,
        total=total,
        page=page,
        pages=max(1, ceil(total / services.CASES_PER_PAGE)),
        args=args,
        status_names=STATUS_NAMES,
        urgency_names=URGENCY_NAMES,
    )


def _status_form(case: SafeguardingCase, formdata: bool = False) -> StatusForm:
    """Shown: the statuses the case may move to now. Sent: any but "new", as the page may be stale
    (the service then says so, rather than the form calling the choice invalid)."""
    if formdata:
        form = StatusForm()
        form.status.choices = status_choices(status for status in CaseStatus if status is not CaseStatus.NEW)
    else:
        form = StatusForm(formdata=None, expected=case.status.value)
        form.status.choices = status_choices(services.next_statuses(case))
    return form


def _assign_form(case: SafeguardingCase, formdata: bool = False) -> AssignForm:
    form = AssignForm() if formdata else AssignForm(formdata=None, assignee=case.assignee_id or NOBODY)
    form.assignee.choices = lead_choices(services.list_leads())
    return form


def case_page(
    case: SafeguardingCase,
    status_form: StatusForm | None = None,
    note_form: NoteForm | None = None,
    assign_form: AssignForm | None = None,
    error: str | None = None,
) -> tuple[str, int]:
    refused = error is not None or any(f is not None and f.errors for f in (status_form, note_form, assign_form))
    return render_template(
        "safeguarding/case.html",
        case=case,
        pieces=segments(case.source_text, case.spans),
        status_form=status_form or _status_form(case),
        note_form=note_form or NoteForm(formdata=None),
        assign_form=assign_form or _assign_form(case),
        error=error,
        status_names=STATUS_NAMES,
        urgency_names=URGENCY_NAMES,
        reason_names=REASON_NAMES,
    ), 400 if refused else 200


@bp.get("/cases/<int:case_id>")
@require(can_handle_safeguarding)
def case(case_id: int) -> Page:
    return case_page(case_or_404(case_id))


def _back_to(case: SafeguardingCase) -> Response:
    return redirect(url_for("safeguarding.case", case_id=case.id))


@bp.post("/cases/<int:case_id>/status")
@require(can_handle_safeguarding)
def change_status(case_id: int) -> Page:
    """A stale page (someone moved the case meanwhile) changes nothing but keeps the lead's note."""
    case = case_or_404(case_id)
    form = _status_form(case, formdata=True)
    if not form.validate_on_submit():
        return case_page(case, status_form=form)
    actor = current_user._get_current_object()
    try:
        services.change_status(
            case,
            CaseStatus(form.status.data),
            expected=CaseStatus(form.expected.data),
            note=form.note.data or "",
            actor=actor,
        )
    except services.StaleCaseError as stale:
        db.session.rollback()
        if form.note.data:
            services.add_note(case, form.note.data, actor)
            db.session.commit()
        flash(case_error_message(stale), "warning")
        return _back_to(case)
    except services.CaseError as error:
        db.session.rollback()
        return case_page(case, status_form=form, error=case_error_message(error))
    db.session.commit()
    flash(_("The case is now: %(status)s.", status=STATUS_NAMES[case.status.value]), "success")
    return _back_to(case)


@bp.post("/cases/<int:case_id>/notes")
@require(can_handle_safeguarding)
def add_note(case_id: int) -> Page:
    case = case_or_404(case_id)
    form = NoteForm()
    if not form.validate_on_submit():
        return case_page(case, note_form=form)
    try:
        services.add_note(case, form.body.data, current_user._get_current_object())
    except services.CaseError as error:
        db.session.rollback()
        return case_page(case, note_form=form, error=case_error_message(error))
    db.session.commit()
    flash(_("Your note is added to the case."), "success")
    return _back_to(case)


@bp.post("/cases/<int:case_id>/assign")
@require(can_handle_safeguarding)
def assign(case_id: int) -> Page:
    case = case_or_404(case_id)
    form = _assign_form(case, formdata=True)
    if not form.validate_on_submit():
        return case_page(case, assign_form=form)
    assignee = next((lead for lead in services.list_leads() if lead.id == form.assignee.data), None)
    try:
        services.assign(case, assignee, current_user._get_current_object())
    except services.CaseError as error:
        db.session.rollback()
        return case_page(case, assign_form=form, error=case_error_message(error))
    db.session.commit()
    if assignee is None:
        flash(_("The case is not assigned to anyone now."), "success")
    else:
        flash(_("The case is assigned to %(name)s.", name=assignee.label), "success")
    return _back_to(case)


@bp.post("/cases/from-item/<int:item_id>")
@require(can_moderate)
def open_from_item(item_id: int) -> Page:
    """A moderator escalates a post or an answer in the queue; back to the queue item after."""
    item = db.session.get(ReviewItem, item_id) or abort(404)
    form = OpenCaseForm()
    if not form.validate_on_submit():
        return render_template("safeguarding/open_case.html", item=item, form=form), 400
    try:
        case = services.open_case_from_item(item, current_user._get_current_object(), form.note.data or "")
    except services.CaseError as error:
        db.session.rollback()
        flash(case_error_message(error), "info" if error.code == "already_open" else "error")
    else:
        db.session.commit()
        flash(_("Safeguarding case #%(id)d is open: the safeguarding leads can see it now.", id=case.id), "success")
    return redirect(url_for("review.item", item_id=item.id))
