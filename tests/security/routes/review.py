"""The moderation queue, its decisions, the decision log and suspensions are for moderators only
(admins do not moderate). The word rules' own entries are in review_rules.py."""

from __future__ import annotations

from forum.accounts.models import User
from forum.extensions import db
from forum.review.services import suspend
from tests.review.builders import PHONE_POST, make_post_item

ALLOWED = {"review.": frozenset({"moderator"})}


def arguments(app, world, consultation_arguments) -> dict:  # type: ignore[no-untyped-def]
    """An open queue item (a child's post with a phone number) and a current suspension."""
    with app.app_context():
        item = make_post_item(world.child.id, PHONE_POST)
        suspension = suspend(
            db.session.get(User, world.other_child.id),
            db.session.get(User, world.moderator.id),
            reason="spam",
            days=1,
        )
        db.session.commit()
        return {"item_id": item.id, "suspension_id": suspension.id}
