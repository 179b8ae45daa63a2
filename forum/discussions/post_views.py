"""Sending a post or a reply: one endpoint, every step re-checked on the server.

1. The text is read and normalised (NFC, trimmed); empty, too long or control characters: the
   form comes back with a message.
2. The rules look at it. A possible disclosure is saved privately at once, opens a safeguarding
   case and the child sees who can help (111), in this same request: nothing refuses it, not a
   closed topic, a suspension, slow mode or the rate limit.
3. Otherwise: a suspension, a closed topic, slow mode and the rate limit are explained; rude words
   send the text back highlighted; personal information is shown highlighted BEFORE anything is
   saved, with "Remove it and send", "Change my words" and "Send it as it is" (the text travels
   in a hidden field and is checked again on every step).
4. Saved: pending (pre-moderation, or held) or published (post-moderation, allowed).

A double click is one post: the child's submissions are serialised and the same words in the same
place a moment later return the first post.
"""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from limits import parse_many

from forum.discussions import posting, services
from forum.discussions.child_views import Page, Place, load_topic, reply_page, topic_page
from forum.discussions.forms import EDIT, KEEP, REMOVE, PostForm
from forum.discussions.messages import POSTING_REFUSALS
from forum.discussions.models import Post, PostStatus
from forum.discussions.text import highlighted, remove_spans
from forum.extensions import db, limiter
from forum.moderation import Verdict
from forum.review.reasons import SUSPENSION_REASONS
from forum.review.rulesets import check_text
from forum.review.services import active_suspension
from forum.routing import MAX_ID
from forum.security.access import require
from forum.security.permissions import can_discuss

BLOCK_REASONS = ("profanity", "insult", "custom")


def _rate_key(place: Place) -> str:
    return f"discussion-post:{place.child.id}"


def _rate_limited(place: Place) -> bool:
    if not limiter.enabled:
        return False
    strategy = limiter.limiter
    limits = parse_many(current_app.config["POST_RATE_LIMIT"])
    return not all(strategy.test(limit, _rate_key(place)) for limit in limits)


def _count_post(place: Place) -> None:
    if limiter.enabled:
        for limit in parse_many(current_app.config["POST_RATE_LIMIT"]):
            limiter.limiter.hit(limit, _rate_key(place))


def _parent(place: Place, form: PostForm) -> Post | None:
    """The post being answered: published (or the child's own) and in this topic; a reply's
    post when it is itself a reply."""
    raw = (form.parent_id.data or "").strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()) or int(raw) > MAX_ID:
        abort(404)
    number = int(raw)
    post = services.get_post(number)
    if post is None or post.topic_id != place.topic.id or not services.is_readable_by(post, place.child):
        abort(404)
    if post.status is not PostStatus.PUBLISHED:
        abort(404)
    return posting.top_level(post)


def _compose(place: Place, parent: Post | None, form: PostForm, status: int, **extra: object) -> tuple[str, int]:
    if parent is not None:
        return reply_page(place, parent, form, status=status, **extra)  # type: ignore[arg-type]
    return topic_page(place, form, status=status, **extra)  # type: ignore[arg-type]


def _caring_page(place: Place, post: Post) -> tuple[str, int]:
    return render_template("discussions/safeguarding.html", topic=place.topic, post=post), 200


def _after_saving(place: Place, post: Post) -> Page:
    if "safeguarding" in post.reasons:
        return _caring_page(place, post)
    if post.status is PostStatus.PUBLISHED:
        flash(_("Thank you! Your post is on the page now."), "success")
    else:
        flash(_("Thank you! A grown-up will read your post soon, then other children can see it."), "success")
    anchor = f"#post-{post.id}"
    return redirect(url_for("discussions.topic", topic_id=place.topic.id) + anchor)


def _suspended_message(place: Place) -> str | None:
    suspension = active_suspension(place.child)
    if suspension is None:
        return None
    reason = SUSPENSION_REASONS.get(suspension.reason, "")
    return _(
        "You cannot post for a while. %(reason)s You can post again from %(time)s.",
        reason=reason,
        time=format_datetime(suspension.ends_at, "short"),
    )


def _refusal(place: Place) -> tuple[str, int] | None:
    """Why this child cannot post here now, with the status to answer, or None."""
    message = _suspended_message(place)
    if message is not None:
        return message, 403
    if not place.accepting:
        return str(POSTING_REFUSALS["closed"]), 410
    wait = posting.seconds_to_wait(place.topic, place.child)
    if wait:
        return _(
            "This discussion goes slowly so everyone can think. Please wait %(seconds)d seconds before posting again.",
            seconds=wait,
        ), 429
    if _rate_limited(place):
        return _("You have sent many posts. Please take a break and try again a little later."), 429
    return None


@require(can_discuss)
def submit(topic_id: int) -> Page:
    place = load_topic(topic_id)
    form = PostForm()
    parent = _parent(place, form)
    if not form.validate_on_submit():
        return _compose(place, parent, form, 400)
    body: str = form.body.data
    choice = form.choice.data or ""
    if choice == EDIT:
        return _compose(place, parent, form, 200)
    verdict = check_text(body)
    if choice == REMOVE and "personal_info" in verdict.reasons:
        body = remove_spans(body, [span.to_json() for span in verdict.spans])
        form.body.data = body
        if not body:
            return _compose(place, parent, form, 400, problem=POSTING_REFUSALS["nothing_left"])
        verdict = check_text(body)
    posting.lock_child(place.child)
    duplicate = posting.find_duplicate(place.topic, place.child, body, parent)
    if duplicate is not None:
        db.session.rollback()
        return _after_saving(place, duplicate)
    if posting.is_safeguarding(verdict):
        return _save(place, parent, body, verdict, kept=False)
    refusal = _refusal(place)
    if refusal is not None:
        db.session.rollback()
        return _compose(place, parent, form, refusal[1], problem=refusal[0])
    if verdict.action == "block":
        db.session.rollback()
        pieces = highlighted(body, [span.to_json() for span in verdict.spans], BLOCK_REASONS)
        return _compose(place, parent, form, 422, problem=POSTING_REFUSALS["blocked"], pieces=pieces)
    if "personal_info" in verdict.reasons and choice != KEEP:
        db.session.rollback()
        return _check_step(place, parent, body, verdict)
    return _save(place, parent, body, verdict, kept=choice == KEEP)


def _save(place: Place, parent: Post | None, body: str, verdict: Verdict, kept: bool) -> Page:
    post = posting.create_post(place.topic, place.child, body, verdict, parent=parent, kept_personal_info=kept)
    db.session.commit()
    _count_post(place)
    return _after_saving(place, post)


def _check_step(place: Place, parent: Post | None, body: str, verdict: Verdict) -> tuple[str, int]:
    """Personal information found: shown highlighted, nothing saved yet; the child decides."""
    spans = [span.to_json() for span in verdict.spans]
    form = PostForm(formdata=None, body=body, parent_id=str(parent.id) if parent else "")
    return render_template(
        "discussions/check.html",
        topic=place.topic,
        parent=parent,
        form=form,
        pieces=highlighted(body, spans, ("personal_info",)),
    ), 200
