"""Children taking a survey: intro, one question per screen or the whole survey on one page,
review, an idempotent submit and the thank-you page.

Everything works with plain forms: every answer is checked by `answers.read_answer` and saved to
the draft at every step, so signing out and back in resumes where the child stopped. survey.js
only adds autosave on blur (the JSON `autosave` endpoint) and niceties.
A survey that is not for this child is a 404 (its existence is not revealed); a child without
consent gets a kind 403; a survey that closed while the child was answering gets a kind 410 that
shows what they typed.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, session, url_for
from flask_babel import get_locale, get_timezone
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as HttpResponse

from forum.accounts.age_bands import band_keys
from forum.accounts.models import User
from forum.extensions import db
from forum.language.texts import in_language
from forum.review.free_text import told_of_harm
from forum.security.access import ensure_can_take_part, require
from forum.security.permissions import can_take_surveys
from forum.surveys import services
from forum.surveys.answers import AnswerError, field_name, final_answers, read_answer, visible_questions
from forum.surveys.definition import QuestionDefinition, QuestionType, SurveyDefinition
from forum.surveys.forms import (
    PAGE,
    STEPS,
    LayoutForm,
    StartForm,
    SubmitForm,
    draft_fields,
    has_typed,
    posted_fields,
    submission_key,
)
from forum.surveys.messages import ANSWERS_CHANGED, MORE_QUESTIONS, NOT_SAVED, SAVED, UNKNOWN_QUESTION, describe
from forum.surveys.models import Response, ResponseStatus, Survey

bp = Blueprint("surveys", __name__, url_prefix="/surveys")
bp.add_app_template_global(in_language, "in_language")

LAYOUT_KEY = "survey_layout"
STEP_BANDS = 2  # the first two configured bands (6-8, 9-11) always see one question per screen


@dataclass
class Taking:
    """Everything a survey page needs about the survey and the child answering it."""

    survey: Survey
    definition: SurveyDefinition
    child: User
    context: services.ChildContext
    response: Response | None
    available: bool

    @property
    def draft(self) -> dict[str, Any]:
        return dict(self.response.draft or {}) if self.response is not None else {}

    def position(self, key: str) -> int:
        return next(i for i, q in enumerate(self.definition.questions) if q.key == key)


def local_today() -> date:
    """Today in the app's timezone (Asia/Ho_Chi_Minh): consultations open and close on local dates."""
    return datetime.now(get_timezone()).date()


def _configured_bands() -> list[str]:
    return band_keys(current_app.config["AGE_BANDS"])


def _load(survey_id: int) -> Taking:
    survey = services.get_survey(survey_id)
    if survey is None:
        abort(404)
    child: User = current_user._get_current_object()  # type: ignore[attr-defined]
    today = local_today()
    context = services.child_context(child, current_app.config["AGE_BANDS"], today)
    available = services.is_available(survey, context, _configured_bands(), today)
    response = services.get_response(survey, child)
    if not available and response is None:
        abort(404)  # another band or area, unpublished or closed: never reveal it exists
    ensure_can_take_part(child, today, _("You cannot answer yet"))
    return Taking(survey, services.definition_of(survey), child, context, response, available)


def _layout(taking: Taking) -> str:
    if not may_choose_layout(taking.context.band):
        return STEPS
    return PAGE if session.get(LAYOUT_KEY) == PAGE else STEPS


def may_choose_layout(band: str) -> bool:
    return band not in _configured_bands()[:STEP_BANDS]


def _page_context(taking: Taking) -> dict[str, Any]:
    locale = str(get_locale())
    consultation = taking.survey.consultation
    return {
        "survey": taking.survey,
        "consultation": consultation,
        "title": in_language(taking.survey.title, locale) or in_language(consultation.title, locale),
        "band": taking.context.band,
        "locale": locale,
        "layout": _layout(taking),
        "may_choose_layout": may_choose_layout(taking.context.band),
        "response": taking.response,
        "audience": in_language(consultation.audience, locale),
    }


def _closed(taking: Taking, posted: Mapping[str, list[str]] | None = None) -> tuple[str, int]:
    """Kind words and everything the child typed, read-only; the draft is left as it was."""
    posted = posted or {}
    values = {**draft_fields(taking.definition, taking.draft), **posted}
    visible = [q.key for q in visible_questions(taking.definition, taking.draft)]
    shown = [
        q
        for q in taking.definition.questions
        if q.type is not QuestionType.NOTE and (has_typed(q, posted) or (q.key in visible and has_typed(q, values)))
    ]
    return render_template("surveys/closed.html", questions=shown, values=values, **_page_context(taking)), 410


def _resume_url(taking: Taking) -> str:
    """Where the child stopped: the first visible question at or after the saved step, else the review."""
    if _layout(taking) == PAGE:
        return url_for("surveys.answer", survey_id=taking.survey.id)
    step = taking.response.step if taking.response is not None else 0
    for question in visible_questions(taking.definition, taking.draft):
        if taking.position(question.key) >= step:
            return url_for("surveys.answer", survey_id=taking.survey.id, q=question.key)
    return url_for("surveys.review", survey_id=taking.survey.id)


def _guard_response(taking: Taking) -> HttpResponse | tuple[str, int] | None:
    """The common redirects of the answering pages: not started, already sent, closed."""
    if taking.response is None:
        return redirect(url_for("surveys.intro", survey_id=taking.survey.id))
    if taking.response.status is ResponseStatus.SUBMITTED:
        return redirect(url_for("surveys.thanks", survey_id=taking.survey.id))
    if not taking.available:
        return _closed(
            taking, posted_fields(taking.definition.questions, request.form) if request.method == "POST" else None
        )
    return None


@bp.get("/")
@require(can_take_surveys)
def index() -> HttpResponse:
    return redirect(url_for("children.home"))


@bp.get("/<int:survey_id>")
@require(can_take_surveys)
def intro(survey_id: int) -> HttpResponse | tuple[str, int] | str:
    taking = _load(survey_id)
    if not taking.available and taking.response is not None:
        if taking.response.status is ResponseStatus.SUBMITTED:
            return redirect(url_for("surveys.thanks", survey_id=survey_id))
        return _closed(taking)
    form = StartForm(layout=session.get(LAYOUT_KEY, STEPS))
    locale = str(get_locale())
    return render_template(
        "surveys/intro.html",
        form=form,
        intro_text=in_language(taking.survey.intro, locale),
        summary=in_language(taking.survey.consultation.summaries.get(taking.context.band), locale)
        or in_language(taking.survey.consultation.policy_question, locale),
        question_count=len(visible_questions(taking.definition, taking.draft)),
        **_page_context(taking),
    )


@bp.post("/<int:survey_id>/start")
@require(can_take_surveys)
def start(survey_id: int) -> HttpResponse | tuple[str, int]:
    taking = _load(survey_id)
    if taking.response is not None and taking.response.status is ResponseStatus.SUBMITTED:
        return redirect(url_for("surveys.thanks", survey_id=survey_id))
    if not taking.available:
        return _closed(taking)
    form = StartForm()
    if not form.validate_on_submit():
        abort(400)
    if may_choose_layout(taking.context.band) and form.layout.raw_data:
        session[LAYOUT_KEY] = form.layout.data
    taking.response = services.start_response(taking.survey, taking.child)
    db.session.commit()
    return redirect(_resume_url(taking))


@bp.post("/<int:survey_id>/layout")
@require(can_take_surveys)
def layout(survey_id: int) -> HttpResponse:
    taking = _load(survey_id)
    form = LayoutForm()
    if form.validate_on_submit() and may_choose_layout(taking.context.band):
        session[LAYOUT_KEY] = form.layout.data
    return redirect(url_for("surveys.answer", survey_id=survey_id))


@bp.get("/<int:survey_id>/answer")
@require(can_take_surveys)
def answer(survey_id: int) -> HttpResponse | tuple[str, int] | str:
    taking = _load(survey_id)
    stop = _guard_response(taking)
    if stop is not None:
        return stop
    values = draft_fields(taking.definition, taking.draft)
    if _layout(taking) == PAGE:
        return _render_page(taking, values, {})
    visible = visible_questions(taking.definition, taking.draft)
    question = next((q for q in visible if q.key == request.args.get("q")), None)
    if question is None:
        return redirect(_resume_url(taking))
    return _render_step(taking, question, values, None)


def _render_step(
    taking: Taking, question: QuestionDefinition, values: Mapping[str, list[str]], error: AnswerError | None
) -> str:
    visible = visible_questions(taking.definition, taking.draft)
    keys = [q.key for q in visible]
    number = keys.index(question.key) + 1 if question.key in keys else len(keys)
    return render_template(
        "surveys/step.html",
        question=question,
        values=values,
        error=describe(error) if error else None,
        number=number,
        total=max(len(keys), number),
        **_page_context(taking),
    )


def _render_page(taking: Taking, values: Mapping[str, list[str]], errors: Mapping[str, AnswerError]) -> str:
    return render_template(
        "surveys/page.html",
        questions=visible_questions(taking.definition, taking.draft),
        values=values,
        errors={key: describe(error) for key, error in errors.items()},
        **_page_context(taking),
    )


@bp.post("/<int:survey_id>/answer")
@require(can_take_surveys)
def save(survey_id: int) -> HttpResponse | tuple[str, int]:
    taking = _load(survey_id)
    stop = _guard_response(taking)
    if stop is not None:
        return stop
    known = {q.key: q for q in taking.definition.questions}
    shown_keys = list(dict.fromkeys(request.form.getlist("shown")))
    if not shown_keys or any(key not in known for key in shown_keys):
        abort(400, UNKNOWN_QUESTION)
    shown = [known[key] for key in shown_keys]
    whole_page = request.form.get("screen") == PAGE and may_choose_layout(taking.context.band)
    going_back = request.form.get("action") == "back" and not whole_page
    updates: dict[str, Any] = {}
    errors: dict[str, AnswerError] = {}
    for question in shown:
        if question.type is not QuestionType.NOTE:
            updates[question.key], error = read_answer(question, request.form)
            error = error or services.text_refusal(question, updates[question.key])
            if error is not None:
                errors[question.key] = error
    merged = {**taking.draft, **updates}
    visible_after = visible_questions(taking.definition, {k: v for k, v in merged.items() if v is not None})
    if not going_back:
        for question in shown:
            if question.required and updates.get(question.key) is None and question in visible_after:
                errors.setdefault(question.key, AnswerError("required"))
    if errors:  # nothing is saved: the child's input comes back with a kind message
        values = {**draft_fields(taking.definition, taking.draft), **posted_fields(shown, request.form)}
        if whole_page:
            return _render_page(taking, values, errors), 400
        return _render_step(taking, shown[0], values, next(iter(errors.values()))), 400
    response = taking.response
    assert response is not None
    if whole_page:
        new = [q for q in visible_after if q not in shown]
        step = taking.position(new[0].key) if new else len(known)
        services.save_draft(response, taking.definition, updates, step)
        db.session.commit()
        if new:
            flash(MORE_QUESTIONS, "info")
            return redirect(url_for("surveys.answer", survey_id=survey_id, _anchor=field_name(new[0])))
        return redirect(url_for("surveys.review", survey_id=survey_id))
    target, step = _next_step(taking, shown[0], visible_after, going_back)
    services.save_draft(response, taking.definition, updates, step)
    db.session.commit()
    return redirect(target)


def _next_step(
    taking: Taking, current: QuestionDefinition, visible: Sequence[QuestionDefinition], going_back: bool
) -> tuple[str, int]:
    """The screen after `current` (or before it), and the step to remember: its position in the survey."""
    survey_id = taking.survey.id
    here = taking.position(current.key)
    if going_back:
        earlier = [q for q in visible if taking.position(q.key) < here]
        if not earlier:
            return url_for("surveys.intro", survey_id=survey_id), 0
        return url_for("surveys.answer", survey_id=survey_id, q=earlier[-1].key), taking.position(earlier[-1].key)
    later = [q for q in visible if taking.position(q.key) > here]
    if not later:
        return url_for("surveys.review", survey_id=survey_id), len(taking.definition.questions)
    return url_for("surveys.answer", survey_id=survey_id, q=later[0].key), taking.position(later[0].key)


@bp.post("/<int:survey_id>/draft")
@require(can_take_surveys)
def autosave(survey_id: int) -> tuple[HttpResponse, int]:
    """survey.js saves a text answer when the child leaves the field; never needed for correctness."""
    taking = _load(survey_id)
    response = taking.response
    if response is None or response.status is not ResponseStatus.DRAFT:
        return jsonify(ok=False, message=str(NOT_SAVED)), 409
    if not taking.available:
        return jsonify(ok=False, message=_("This survey has closed. Your answers were not sent.")), 410
    question = next((q for q in taking.definition.questions if q.key == request.form.get("question")), None)
    if question is None or question.type is QuestionType.NOTE:
        return jsonify(ok=False, message=str(UNKNOWN_QUESTION)), 400
    value, error = read_answer(question, request.form)
    error = error or services.text_refusal(question, value)
    if error is not None:
        return jsonify(ok=False, message=describe(error)), 422
    services.save_draft(response, taking.definition, {question.key: value}, response.step)
    db.session.commit()
    return jsonify(ok=True, message=str(SAVED)), 200


@bp.get("/<int:survey_id>/review")
@require(can_take_surveys)
def review(survey_id: int) -> HttpResponse | tuple[str, int] | str:
    taking = _load(survey_id)
    stop = _guard_response(taking)
    if stop is not None:
        return stop
    return _render_review(taking, final_answers(taking.definition, taking.draft)[1])


def _render_review(taking: Taking, errors: Mapping[str, AnswerError]) -> str:
    response = taking.response
    assert response is not None
    questions = [q for q in visible_questions(taking.definition, taking.draft) if q.type is not QuestionType.NOTE]
    form = SubmitForm(submission_key=submission_key(response, str(current_app.config["SECRET_KEY"])))
    return render_template(
        "surveys/review.html",
        questions=questions,
        draft=taking.draft,
        errors={key: describe(error) for key, error in errors.items()},
        form=form,
        **_page_context(taking),
    )


@bp.post("/<int:survey_id>/submit")
@require(can_take_surveys)
def submit(survey_id: int) -> HttpResponse | tuple[str, int]:
    taking = _load(survey_id)
    stop = _guard_response(taking)  # a second click or tab after success lands on the thank-you page
    if stop is not None:
        return stop
    response = taking.response
    assert response is not None
    form = SubmitForm()
    key = form.submission_key.data or ""
    if not form.validate_on_submit() or not hmac.compare_digest(
        key, submission_key(response, str(current_app.config["SECRET_KEY"]))
    ):
        flash(ANSWERS_CHANGED, "info")
        return redirect(url_for("surveys.review", survey_id=survey_id))
    result = services.submit(response, taking.survey, taking.context)
    if result.errors:
        db.session.rollback()
        return _render_review(taking, result.errors), 400
    db.session.commit()
    return redirect(url_for("surveys.thanks", survey_id=survey_id))


@bp.get("/<int:survey_id>/thanks")
@require(can_take_surveys)
def thanks(survey_id: int) -> HttpResponse | str:
    taking = _load(survey_id)
    if taking.response is None or taking.response.status is not ResponseStatus.SUBMITTED:
        return redirect(url_for("surveys.intro", survey_id=survey_id))
    return render_template(
        "surveys/thanks.html", told_of_harm=told_of_harm(taking.response.id), **_page_context(taking)
    )
