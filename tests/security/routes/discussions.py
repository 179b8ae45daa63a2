"""Route matrix entries for /discussions: children read, post, agree and report; policy staff and
moderators manage topics. A topic in the matrix's open consultation holds a published post by the
world's other child, so the signed-in child can open, reply to, agree with and report it."""

from __future__ import annotations

from forum.consultations.models import Consultation
from forum.database import utcnow
from forum.discussions import services
from forum.discussions.models import Post, PostStatus
from forum.extensions import db

TOPIC_STAFF = frozenset({"policy", "moderator"})

ALLOWED = {
    "discussions.": frozenset({"child"}),
    "discussions.manage_index": TOPIC_STAFF,
    "discussions.manage_consultation": TOPIC_STAFF,
    "discussions.new_topic": TOPIC_STAFF,
    "discussions.edit_topic": TOPIC_STAFF,
}


def arguments(app, world, consultation_arguments) -> dict[str, object]:  # type: ignore[no-untyped-def]
    with app.app_context():
        consultation = db.session.get(Consultation, consultation_arguments["consultation_id"])
        topic = services.save_topic(
            None, consultation, services.TopicInput(title={"vi": "Chủ đề"}), ["6-8", "9-11", "12-14", "15-17"], None
        )
        post = Post(
            topic=topic,
            author_id=world.other_child.id,
            body="Ý kiến",
            status=PostStatus.PUBLISHED,
            published_at=utcnow(),
        )
        db.session.add(post)
        db.session.commit()
        return {"topic_id": topic.id, "post_id": post.id}
