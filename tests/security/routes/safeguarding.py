"""Safeguarding cases are for safeguarding leads only (the world's moderator is one; admins,
policy staff and teachers are not); opening a case from a queue item is for moderators."""

from __future__ import annotations

from forum.extensions import db
from tests.safeguarding.builders import make_case, make_post_item

ALLOWED = {
    "safeguarding.": frozenset({"moderator"}),
    "safeguarding.open_from_item": frozenset({"moderator"}),
}


def arguments(app, world, consultation_arguments) -> dict:  # type: ignore[no-untyped-def]
    """An open case on a child's disclosure, and a queue item to open a case from."""
    with app.app_context():
        case = make_case(world.child.id)
        item = make_post_item(world.other_child.id)
        db.session.commit()
        return {"case_id": case.id, "item_id": item.id}
