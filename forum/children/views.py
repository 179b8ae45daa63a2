"""Children's pages: home, their own yes/no to taking part, privacy notice, their data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import get_locale, get_timezone
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from forum.accounts import services
from forum.accounts.age_bands import age_in_year, band_for_age, band_keys, band_label
from forum.accounts.models import ConsentKind, User
from forum.children.forms import AssentForm, EraseForm
from forum.consultations.services import list_open_for
from forum.extensions import db
from forum.language.texts import in_language
from forum.security.access import ConsentMissing, require
from forum.security.permissions import can_participate, has_consent, is_child, needs_assent
from forum.security.sessions import end_session
from forum.surveys import services as surveys
from forum.surveys.models import ResponseStatus

bp = Blueprint("children", __name__, url_prefix="/children")


def _today() -> date:
    """Today in the app's timezone (Asia/Ho_Chi_Minh), not the server's."""
    return datetime.now(get_timezone()).date()


def _profile(child: User) -> dict[str, object]:
    age = age_in_year(child.birth_year or 0, _today())
    band = band_for_age(age, current_app.config["AGE_BANDS"])
    assent_age = current_app.config["ASSENT_FROM_AGE"]
    return {
        "child": child,
        "age": age,
        "band": band,
        "band_label": band_label(band),
        "youngest": band == tuple(current_app.config["AGE_BANDS"][0]),
        "guardian_consent": has_consent(child, ConsentKind.GUARDIAN),
        "assent": has_consent(child, ConsentKind.ASSENT),
        "assent_needed": age >= assent_age,
        "can_participate": can_participate(child, age, assent_age),
    }


@bp.get("/")
@require(is_child)
def home() -> Response | str:
    profile = _profile(current_user)
    if needs_assent(current_user, int(profile["age"]), current_app.config["ASSENT_FROM_AGE"]):  # type: ignore[call-overload]
        return redirect(url_for("children.assent"))
    return render_template("children/home.html", open_items=_open_surveys(current_user), **profile)


@dataclass(frozen=True)
class OpenSurvey:
    """A card on the child's home page: what is asked, who reads it, until when, and how far they got."""

    survey_id: int
    title: str
    survey_title: str
    summary: str
    audience: str
    closes_on: date
    state: str  # "new", "started" or "done"


def _open_surveys(child: User) -> list[OpenSurvey]:
    today = _today()
    locale = str(get_locale())
    context = surveys.child_context(child, current_app.config["AGE_BANDS"], today)
    consultations = list_open_for(context.band, context.area_id, today)
    configured = band_keys(current_app.config["AGE_BANDS"])
    items = []
    for survey in surveys.list_available(consultations, context, configured, today):
        consultation = survey.consultation
        response = surveys.get_response(survey, child)
        if response is None:
            state = "new"
        else:
            state = "done" if response.status is ResponseStatus.SUBMITTED else "started"
        items.append(
            OpenSurvey(
                survey_id=survey.id,
                title=in_language(consultation.title, locale),
                survey_title=in_language(survey.title, locale),
                summary=in_language(consultation.summaries.get(context.band), locale)
                or in_language(consultation.policy_question, locale),
                audience=in_language(consultation.audience, locale),
                closes_on=consultation.closes_on,
                state=state,
            )
        )
    return items


@bp.route("/assent", methods=["GET", "POST"])
@require(is_child)
def assent() -> Response | tuple[str, int] | str:
    form = AssentForm()
    if form.validate_on_submit():
        services.record_assent(current_user, granted=bool(form.yes.data))
        db.session.commit()
        if form.yes.data:
            flash(_("Thank you! You can change your mind at any time on the “My data” page."), "success")
        else:
            flash(_("That is fine. Nobody will ask you questions. You can change your mind at any time."), "info")
        return redirect(url_for("children.home"))
    status = 400 if form.errors else 200
    return render_template("children/assent.html", form=form, **_profile(current_user)), status


@bp.get("/privacy")
@require(is_child)
def privacy() -> str:
    return render_template("children/privacy.html", **_profile(current_user))


@bp.get("/my-data")
@require(is_child)
def my_data() -> str:
    return render_template(
        "children/my_data.html", form=EraseForm(), assent_form=AssentForm(), **_profile(current_user)
    )


@bp.post("/my-data/erase")
@require(is_child)
def erase() -> Response | tuple[str, int]:
    form = EraseForm()
    if not form.validate_on_submit():
        return render_template(
            "children/my_data.html", form=form, assent_form=AssentForm(), **_profile(current_user)
        ), 400
    child = current_user._get_current_object()
    end_session()
    services.erase_child(child, child, "child's own request")
    db.session.commit()
    flash(_("Your account has been deleted. Thank you for the time you gave us."), "success")
    return redirect(url_for("pages.index"))


@bp.app_errorhandler(ConsentMissing)
def consent_missing(error: ConsentMissing) -> tuple[str, int]:
    """A survey or discussion page asked of a child who may not take part yet, anywhere in the app."""
    return render_template("children/not_yet.html", heading=error.heading, **_profile(current_user)), 403
