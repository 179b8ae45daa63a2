"""Feedback to children: policy staff write and publish it; children read it; teachers (with a
school) and policy staff print it. The arguments are a published feedback with two points, for a
closed consultation meant for every band and area, so every allowed role can open every page."""

from __future__ import annotations

from forum.extensions import db
from tests.feedback.builders import make_closed_consultation, make_feedback

ALLOWED = {
    "feedback.": frozenset({"policy"}),
    "feedback.index": frozenset({"policy", "teacher"}),
    "feedback.print_page": frozenset({"policy", "teacher"}),
    "feedback.show": frozenset({"policy", "teacher", "child"}),
}


def arguments(app, world, consultation_arguments) -> dict:  # type: ignore[no-untyped-def]
    with app.app_context():
        feedback = make_feedback(make_closed_consultation(), publish=True)
        db.session.commit()
        return {"feedback_id": feedback.id, "point_id": feedback.points[0].id}
