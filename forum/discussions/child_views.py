"""Children's discussion pages: the topics open to them, a topic with its posts, a reply page,
"I agree" and "This worries me".

A topic that is not for this child (another band or area, a draft consultation) is a 404: its
existence is not revealed. A child without consent gets a kind 403. Everything works without
JavaScript: every button is a form.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, get_timezone
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from forum.accounts.age_bands import age_in_year
from forum.accounts.models import User
from forum.discussions import posting, services
from forum.discussions.forms import AgreeForm, PostForm, ReportForm
from forum.discussions.messages import POSTING_REFUSALS
from forum.discussions.models import Post, ReportReason, Topic
from forum.discussions.text import Piece
from forum.extensions import db
from forum.language.texts import in_language
from forum.review.services import active_suspension
from forum.security.access import ensure_can_take_part, require
from forum.security.permissions import can_discuss, can_participate
from forum.surveys.services import child_context

Page = Response | tuple[str, int] | str


@dataclass
class Place:
    """A topic as one child meets it."""

    topic: Topic
    child: User
    band: str
    today: date

    @property
    def accepting(self) -> bool:
        return services.accepts_posts(self.topic, self.today)


def local_today() -> date:
    """Today in the app's timezone: consultations open and close on local dates."""
    return datetime.now(get_timezone()).date()


def _child() -> User:
    return current_user._get_current_object()  # type: ignore[attr-defined,no-any-return]


def load_topic(topic_id: int) -> Place:
    topic = services.get_topic(topic_id)
    if topic is None:
        abort(404)
    child = _child()
    today = local_today()
    context = child_context(child, current_app.config["AGE_BANDS"], today)
    if not services.is_visible_to(topic, context.band, context.area_id, today):
        abort(404)
    ensure_can_take_part(child, today, _("You cannot join yet"))
    return Place(topic, child, context.band, today)


def load_post(post_id: int) -> tuple[Place, Post]:
    """A post this child may see (published, or their own) in a topic meant for them."""
    post = services.get_post(post_id)
    if post is None:
        abort(404)
    place = load_topic(post.topic_id)
    if not services.is_readable_by(post, place.child):
        abort(404)
    return place, post


def refused(place: Place, code: str, status: int, post: Post | None = None) -> tuple[str, int]:
    return render_template(
        "discussions/refused.html", topic=place.topic, message=POSTING_REFUSALS[code], post=post
    ), status


def _page_number() -> int:
    return request.args.get("page", 1, type=int) or 1


def topic_page(
    place: Place,
    form: PostForm | None = None,
    *,
    problem: str | None = None,
    pieces: list[Piece] | None = None,
    status: int = 200,
    page: int | None = None,
) -> tuple[str, int]:
    """The topic with its posts and the form for a new post (filled in again after a refusal)."""
    reading = services.read_topic(place.topic, place.child, page or _page_number())
    return render_template(
        "discussions/topic.html",
        reading=reading,
        form=form or PostForm(formdata=None),
        problem=problem,
        pieces=pieces,
        **_topic_context(place),
    ), status


def reply_page(
    place: Place,
    parent: Post,
    form: PostForm | None = None,
    *,
    problem: str | None = None,
    pieces: list[Piece] | None = None,
    status: int = 200,
) -> tuple[str, int]:
    form = form or PostForm(formdata=None, parent_id=str(parent.id))
    form.parent_id.data = str(parent.id)
    return render_template(
        "discussions/reply.html", parent=parent, form=form, problem=problem, pieces=pieces, **_topic_context(place)
    ), status


def _topic_context(place: Place) -> dict[str, object]:
    locale = str(get_locale())
    consultation = place.topic.consultation
    return {
        "topic": place.topic,
        "place": place,
        "title": in_language(place.topic.title, locale),
        "prompt": in_language(place.topic.prompt, locale),
        "consultation_title": in_language(consultation.title, locale),
        "audience": in_language(consultation.audience, locale),
        "accepting": place.accepting,
        "suspension": active_suspension(place.child),
        "agree_form": AgreeForm(formdata=None),
    }


@require(can_discuss)
def index() -> str:
    child = _child()
    today = local_today()
    context = child_context(child, current_app.config["AGE_BANDS"], today)
    topics = services.list_topics_for(context.band, context.area_id, today)
    age = age_in_year(child.birth_year or 0, today)
    return render_template(
        "discussions/index.html",
        topics=topics,
        published=services.count_published(topics),
        can_take_part=can_participate(child, age, current_app.config["ASSENT_FROM_AGE"]),
    )


@require(can_discuss)
def topic(topic_id: int) -> tuple[str, int]:
    return topic_page(load_topic(topic_id))


@require(can_discuss)
def reply(post_id: int) -> Page:
    place, post = load_post(post_id)
    parent = posting.top_level(post)
    if parent.id != post.id:
        return redirect(url_for("discussions.reply", post_id=parent.id))
    return reply_page(place, parent)


def _back_to(post: Post) -> str:
    page = request.args.get("page", type=int)
    return url_for("discussions.topic", topic_id=post.topic_id, page=page if page and page > 1 else None) + (
        f"#post-{post.id}"
    )


@require(can_discuss)
def agree(post_id: int) -> Page:
    place, post = load_post(post_id)
    form = AgreeForm()
    if not form.validate_on_submit():
        abort(400)
    if not place.accepting:
        return refused(place, "closed", 410, post)
    try:
        marked = posting.agree(post, place.child)
    except posting.PostingError as error:
        db.session.rollback()
        return refused(place, error.code, 403 if error.code == "own_post" else 409, post)
    db.session.commit()
    if marked.created:
        flash(_("Thank you! You agree with this post."), "success")
    else:
        flash(_("You already agree with this post."), "info")
    return redirect(_back_to(post))


@require(can_discuss)
def report(post_id: int) -> Page:
    place, post = load_post(post_id)
    if post.author_id == place.child.id:
        return refused(place, "own_post", 403, post)
    form = ReportForm()
    if request.method == "POST" and form.validate_on_submit():
        try:
            marked = posting.report(post, place.child, ReportReason(form.reason.data))
        except posting.PostingError as error:
            db.session.rollback()
            return refused(place, error.code, 409, post)
        db.session.commit()
        if marked.created:
            flash(_("Thank you for telling us. A grown-up will look at this post."), "success")
        else:
            flash(_("You already told us about this post. Thank you, a grown-up will look at it."), "info")
        return redirect(url_for("discussions.topic", topic_id=post.topic_id))
    status = 400 if form.errors else 200
    return render_template("discussions/report.html", post=post, form=form, **_topic_context(place)), status
