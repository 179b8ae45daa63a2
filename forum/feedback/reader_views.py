"""Reading feedback: the child's page (opening it once stops it being new), the poster teachers and
policy staff print for schools, and the list on the child's home page. Who may read is decided in
services; anyone else gets a 404, as if the feedback did not exist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlencode

from flask import abort, current_app, render_template, request, url_for
from flask_babel import force_locale, get_locale, get_timezone
from markupsafe import Markup

from forum.accounts.cards import qr_svg
from forum.accounts.models import User
from forum.classrooms.card_sheet import short_sign_in_address, sign_in_url
from forum.extensions import db
from forum.feedback import services
from forum.feedback.manage_views import actor, configured_bands, feedback_or_404
from forum.feedback.models import Feedback
from forum.feedback.reading import Text, localized, reader_page, summary_for
from forum.security.access import require
from forum.security.permissions import can_print_feedback, can_publish_feedback, can_read_feedback, is_child
from forum.surveys.services import ChildContext, child_context


def _today() -> date:
    """Today in the app's timezone, as the child's age band is counted."""
    return datetime.now(get_timezone()).date()


def _context(child: User) -> ChildContext:
    return child_context(child, current_app.config["AGE_BANDS"], _today())


def _staff_may_read(feedback: Feedback, user: User) -> bool:
    return services.may_staff_read(feedback, user, may_publish=can_publish_feedback(user))


@require(can_read_feedback)
def show(feedback_id: int) -> tuple[str, int]:
    """A child reads it for their age band (and it stops being new); staff read the overall version."""
    feedback = feedback_or_404(feedback_id)
    user = actor()
    locale = str(get_locale())
    took_part = False
    if is_child(user):
        context = _context(user)
        if not services.may_child_read(feedback, user.id, context.band, context.area_id):
            abort(404)
        took_part = services.took_part(feedback.consultation_id, user.id)
        services.record_view(feedback, user.id)
        db.session.commit()
        page = reader_page(feedback, context.band, locale)
    else:
        if not _staff_may_read(feedback, user):
            abort(404)
        page = reader_page(feedback, None, locale)
    return render_template(
        "feedback/show.html",
        page=page,
        feedback=feedback,
        took_part=took_part,
        published=services.is_published(feedback),
    ), 200


def poster_link(feedback: Feedback) -> tuple[str, str]:
    """(The QR code's address, the address printed for typing): the card sign-in page, which then
    opens this feedback."""
    base = current_app.config["PUBLIC_BASE_URL"] or request.url_root
    target = url_for("feedback.show", feedback_id=feedback.id)
    return f"{sign_in_url(base)}?{urlencode({'next': target})}", short_sign_in_address(base)


@require(can_print_feedback)
def print_page(feedback_id: int) -> tuple[str, int]:
    """An A4 poster for a school: `band` picks the summary (default: the overall one), `lang` the language."""
    feedback = feedback_or_404(feedback_id)
    if not _staff_may_read(feedback, actor()):
        abort(404)
    bands = services.feedback_bands(feedback.consultation, configured_bands())
    band = request.args.get("band") or None
    lang = request.args.get("lang") or str(get_locale())
    if (band is not None and band not in bands) or lang not in services.LANGUAGES:
        abort(400)
    page = reader_page(feedback, band, lang)
    link, address = poster_link(feedback)
    with force_locale(lang):
        poster = render_template(
            "feedback/_poster.html",
            page=page,
            qr=Markup(qr_svg(link)),  # noqa: S704 (segno's SVG of our own URL)
            address=address,
            published=services.is_published(feedback),
        )
    return render_template(
        "feedback/print.html",
        feedback=feedback,
        consultation=feedback.consultation,
        bands=bands,
        band=band,
        lang=lang,
        poster=Markup(poster),  # noqa: S704 (our own template's output, escaped when it was rendered)
    ), 200


@dataclass(frozen=True)
class HomeItem:
    """A card on the child's home page."""

    feedback_id: int
    title: Text
    summary: Text
    is_new: bool
    took_part: bool
    published_at: datetime | None


def child_feedback(child: User) -> list[HomeItem]:
    """Published feedback `child` may read, newest unread first (a template global for children/home.html)."""
    if not is_child(child):
        return []
    context = _context(child)
    locale = str(get_locale())
    return [
        HomeItem(
            feedback_id=item.feedback.id,
            title=localized(item.feedback.consultation.title, locale),
            summary=localized(summary_for(item.feedback, context.band)[0], locale),
            is_new=item.is_new,
            took_part=item.took_part,
            published_at=item.feedback.published_at,
        )
        for item in services.list_for_child(child.id, context.band, context.area_id)
    ]
