"""/discussions: children's topics, posts, replies, agreements and reports; staff's topic pages.

This file only wires the blueprint; the pages live in one module per purpose: `child_views`
(reading, agreeing, reporting), `post_views` (sending a post) and `topic_views` (staff).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, current_app
from flask.blueprints import BlueprintSetupState
from flask_babel import get_locale

from forum.accounts.age_bands import age_in_year
from forum.accounts.models import User
from forum.discussions import child_views, post_views, services, topic_views
from forum.discussions.messages import MODE_NAMES, SPAN_LABELS
from forum.discussions.models import PostStatus
from forum.discussions.text import shown_text, span_kind
from forum.language.texts import in_language
from forum.review.reasons import REJECTION_REASONS, REPORT_REASONS, SUSPENSION_REASONS
from forum.security.permissions import can_discuss, can_participate
from forum.surveys.services import child_context

bp = Blueprint("discussions", __name__, url_prefix="/discussions")


@dataclass(frozen=True)
class TopicCard:
    """A topic on the child's home page."""

    topic_id: int
    title: str
    prompt: str
    consultation_title: str
    published: int


def open_topics_for(child: User) -> list[TopicCard]:
    """The open topics a child may join (none without consent): for children/home.html."""
    if not can_discuss(child):
        return []
    today = child_views.local_today()
    age = age_in_year(child.birth_year or 0, today)
    if not can_participate(child, age, current_app.config["ASSENT_FROM_AGE"]):
        return []
    context = child_context(child, current_app.config["AGE_BANDS"], today)
    topics = services.list_topics_for(context.band, context.area_id, today, open_only=True)
    counts = services.count_published(topics)
    locale = str(get_locale())
    return [
        TopicCard(
            topic_id=topic.id,
            title=in_language(topic.title, locale),
            prompt=in_language(topic.prompt, locale),
            consultation_title=in_language(topic.consultation.title, locale),
            published=counts.get(topic.id, 0),
        )
        for topic in topics
    ]


def span_label(text: str, reason: str) -> str:
    return str(SPAN_LABELS.get(span_kind(text, reason), SPAN_LABELS["personal_info"]))


@bp.record_once
def _template_names(state: BlueprintSetupState) -> None:
    env = state.app.jinja_env
    env.filters.update({"post_text": shown_text})
    env.globals.update(
        {
            "discussion_topics_for": open_topics_for,
            "moderation_mode_names": MODE_NAMES,
            "rejection_reasons": REJECTION_REASONS,
            "report_reasons": REPORT_REASONS,
            "suspension_reasons": SUSPENSION_REASONS,
            "post_statuses": PostStatus,
            "span_label": span_label,
        }
    )


GET_POST = ["GET", "POST"]

bp.add_url_rule("/", view_func=child_views.index)
bp.add_url_rule("/topics/<int:topic_id>", view_func=child_views.topic)
bp.add_url_rule("/topics/<int:topic_id>/posts", view_func=post_views.submit, methods=["POST"])
bp.add_url_rule("/posts/<int:post_id>/reply", view_func=child_views.reply)
bp.add_url_rule("/posts/<int:post_id>/agree", view_func=child_views.agree, methods=["POST"])
bp.add_url_rule("/posts/<int:post_id>/report", view_func=child_views.report, methods=GET_POST)

bp.add_url_rule("/manage/", view_func=topic_views.manage_index)
bp.add_url_rule("/manage/consultations/<int:consultation_id>", view_func=topic_views.manage_consultation)
bp.add_url_rule(
    "/manage/consultations/<int:consultation_id>/topics/new", view_func=topic_views.new_topic, methods=GET_POST
)
bp.add_url_rule("/manage/topics/<int:topic_id>/edit", view_func=topic_views.edit_topic, methods=GET_POST)
