"""Staff's topic pages under /discussions/manage: policy staff and moderators list consultations
and their topics, and create or edit a topic (texts, targets, moderation mode, open or closed,
slow mode). Moderators cannot open the consultation builder, so these pages stand on their own."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from forum.accounts.age_bands import band_keys
from forum.audit.services import AuditAction, record_event
from forum.consultations.forms import texts_data, texts_of
from forum.consultations.models import Consultation
from forum.consultations.services import get_consultation, list_consultations
from forum.discussions import services
from forum.discussions.forms import TopicForm, topic_form
from forum.discussions.messages import TOPIC_ERROR_FIELDS, TOPIC_ERRORS
from forum.discussions.models import ModerationMode, Topic
from forum.extensions import db
from forum.schools.models import Area
from forum.schools.services import list_areas
from forum.security.access import require
from forum.security.permissions import can_manage_topics

Page = Response | tuple[str, int] | str


def _consultation_or_404(consultation_id: int) -> Consultation:
    return get_consultation(consultation_id) or abort(404)


def _topic_or_404(topic_id: int) -> Topic:
    return services.get_topic(topic_id) or abort(404)


@require(can_manage_topics)
def manage_index() -> str:
    consultations = list_consultations()
    return render_template(
        "discussions/manage_index.html", consultations=consultations, counts=services.count_topics(consultations)
    )


@require(can_manage_topics)
def manage_consultation(consultation_id: int) -> str:
    consultation = _consultation_or_404(consultation_id)
    topics = services.list_topics(consultation)
    return render_template(
        "discussions/manage_consultation.html",
        consultation=consultation,
        topics=topics,
        counts=services.count_posts(topics),
    )


@require(can_manage_topics)
def new_topic(consultation_id: int) -> Page:
    return _form_page(_consultation_or_404(consultation_id), None)


@require(can_manage_topics)
def edit_topic(topic_id: int) -> Page:
    topic = _topic_or_404(topic_id)
    return _form_page(topic.consultation, topic)


def _form_data(topic: Topic) -> dict[str, Any]:
    return {
        **texts_data("title", topic.title),
        **texts_data("prompt", topic.prompt),
        "target_bands": list(topic.target_bands),
        "areas": [area.id for area in topic.areas],
        "mode": topic.mode.value,
        "is_open": topic.is_open,
        "slow_mode_seconds": topic.slow_mode_seconds,
    }


def _input(form: TopicForm, areas: list[Area]) -> services.TopicInput:
    chosen = set(form.areas.data or [])
    return services.TopicInput(
        title=texts_of(form, "title"),
        prompt=texts_of(form, "prompt"),
        target_bands=list(form.target_bands.data or []),
        areas=[area for area in areas if area.id in chosen],
        mode=ModerationMode(form.mode.data),
        is_open=bool(form.is_open.data),
        slow_mode_seconds=form.slow_mode_seconds.data or 0,
    )


def _describe(topic: Topic, created: bool) -> str:
    state = "open" if topic.is_open else "closed"
    action = "created" if created else "changed"
    return (
        f"{action}; consultation #{topic.consultation_id}; mode {topic.mode.value}; {state};"
        f" slow mode {topic.slow_mode_seconds}s"
    )


def _form_page(consultation: Consultation, topic: Topic | None) -> Page:
    configured = band_keys(current_app.config["AGE_BANDS"])
    bands = services.bands_for_topics(consultation, configured)
    areas = services.areas_for_topics(consultation, list_areas(active_only=True))
    if topic is not None:
        areas += [area for area in topic.areas if area not in areas]
    form = topic_form(bands, areas, str(get_locale()), _form_data(topic) if topic is not None else None)
    if form.validate_on_submit():
        try:
            saved = services.save_topic(
                topic, consultation, _input(form, areas), configured, current_user._get_current_object()
            )
        except services.TopicError as error:
            db.session.rollback()
            form.refuse(TOPIC_ERROR_FIELDS.get(error.code), TOPIC_ERRORS[error.code])
        else:
            record_event(
                AuditAction.TOPIC_CHANGED,
                actor=current_user._get_current_object(),
                target=f"topic #{saved.id}",
                detail=_describe(saved, topic is None),
            )
            db.session.commit()
            flash(_("The topic is saved."), "success")
            return redirect(url_for("discussions.manage_consultation", consultation_id=consultation.id))
    status = 400 if form.errors or form.form_errors else 200
    return render_template("discussions/topic_form.html", form=form, consultation=consultation, topic=topic), status
