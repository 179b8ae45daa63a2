"""Signing in and out: staff with a password, children with an access card."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user
from limits import parse_many
from werkzeug.wrappers import Response

from forum.accounts import services
from forum.accounts.age_bands import age_in_year
from forum.accounts.forms import CardSignInForm, EmptyForm, PasswordChangeForm, StaffSignInForm
from forum.accounts.messages import ACCOUNT_ERRORS, CARD_SIGN_IN_ERROR, GENERIC_SIGN_IN_ERROR
from forum.accounts.models import User
from forum.audit.services import AuditAction, record_event
from forum.extensions import db, limiter
from forum.security.access import public, require
from forum.security.permissions import can_change_password, needs_assent
from forum.security.redirects import safe_path
from forum.security.sessions import end_session, start_session

bp = Blueprint("accounts", __name__, url_prefix="/accounts")


def _failed(response: Response) -> bool:
    """Only failed attempts count against a client's limit: a whole class signs in from one address."""
    return response.status_code == 401


@bp.route("/sign-in", methods=["GET", "POST"])
@public
@limiter.limit(lambda: current_app.config["SIGN_IN_RATE_LIMIT"], methods=["POST"], deduct_when=_failed)
def sign_in() -> Response | tuple[str, int] | str:
    form = StaffSignInForm()
    if form.validate_on_submit():
        policy = services.SignInPolicy(
            current_app.config["SIGN_IN_MAX_FAILURES"], current_app.config["SIGN_IN_LOCK_SECONDS"]
        )
        user = services.authenticate_staff(form.username.data or "", form.password.data or "", policy)
        db.session.commit()
        if user is not None:
            start_session(user)
            login_user(user)
            return redirect(safe_path(request.args.get("next"), url_for("pages.index")))
        flash(GENERIC_SIGN_IN_ERROR, "error")
        return render_template("accounts/sign_in.html", form=form), 401
    status = 400 if form.errors else 200
    return render_template("accounts/sign_in.html", form=form), status


def _classroom_limit_exceeded(child: User) -> bool:
    """Per-classroom budget of card sign-ins: a leaked class list cannot be used wholesale."""
    strategy = limiter.limiter
    limits = parse_many(current_app.config["CARD_CLASSROOM_RATE_LIMIT"])
    key = f"card-classroom-{child.classroom_id}"
    return not all(strategy.hit(limit, key) for limit in limits)


@bp.route("/card", methods=["GET", "POST"])
@public
@limiter.limit(lambda: current_app.config["CARD_RATE_LIMIT"], methods=["POST"], deduct_when=_failed)
def card_sign_in() -> Response | tuple[str, int] | str:
    form = CardSignInForm()
    if form.validate_on_submit():
        child = services.find_child_by_code(form.code.data or "", current_app.config["CARD_HASH_KEY"])
        if child is None:
            record_event(AuditAction.CARD_SIGN_IN_FAILED, actor=None, detail="unknown or revoked code")
            db.session.commit()
            form.code.errors.append(CARD_SIGN_IN_ERROR)
            return render_template("accounts/card.html", form=form), 401
        if _classroom_limit_exceeded(child):
            abort(429)
        services.record_child_sign_in(child)
        db.session.commit()
        start_session(child)
        login_user(child)
        age = age_in_year(child.birth_year or 0, date.today())
        if needs_assent(child, age, current_app.config["ASSENT_FROM_AGE"]):
            return redirect(url_for("children.assent"))
        return redirect(safe_path(request.args.get("next"), url_for("children.home")))
    status = 400 if form.errors else 200
    return render_template("accounts/card.html", form=form), status


@bp.post("/sign-out")
@public
def sign_out() -> Response:
    form = EmptyForm()
    if form.validate_on_submit() and current_user.is_authenticated:
        end_session()
        flash(_("You are signed out. See you soon!"), "success")
    return redirect(url_for("pages.index"))


@bp.post("/sign-out-everywhere")
@require(lambda user: user.is_authenticated)
def sign_out_everywhere() -> Response:
    form = EmptyForm()
    if not form.validate_on_submit():
        return redirect(url_for("pages.index"))
    services.sign_out_everywhere(current_user)
    db.session.commit()
    end_session()
    flash(_("You are signed out on every device."), "success")
    return redirect(url_for("pages.index"))


@bp.route("/password", methods=["GET", "POST"])
@require(can_change_password)
def password() -> Response | tuple[str, int] | str:
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current_password.data or "", form.new_password.data or "")
        except services.AccountError as error:
            db.session.rollback()
            flash(ACCOUNT_ERRORS[error.code], "error")
            return render_template("accounts/password.html", form=form), 400
        user = current_user._get_current_object()
        db.session.commit()
        start_session(user)
        login_user(user)
        flash(_("Your password is changed. Other devices have been signed out."), "success")
        return redirect(url_for("pages.index"))
    status = 400 if form.errors else 200
    return render_template("accounts/password.html", form=form), status
