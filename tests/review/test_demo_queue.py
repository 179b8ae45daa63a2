"""The demo's free text still waiting for a moderator is in the moderation queue."""

from __future__ import annotations

import sqlalchemy as sa

from forum.extensions import db
from forum.review.models import ItemKind, ItemState, ReviewItem
from forum.surveys.models import Answer, TextStatus


def test_every_pending_demo_answer_has_one_open_queue_item(app, runner, tmp_path, monkeypatch):
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        pending = set(
            db.session.execute(
                sa.select(Answer.id).where(Answer.text_status == TextStatus.PENDING, Answer.text.is_not(None))
            ).scalars()
        )
        items = list(db.session.execute(sa.select(ReviewItem).where(ReviewItem.kind == ItemKind.ANSWER)).scalars())
        assert {item.answer_id for item in items} == pending
        assert all(item.state is ItemState.OPEN for item in items)
        total = db.session.execute(sa.select(sa.func.count()).select_from(ReviewItem)).scalar_one()
        assert all(item.reasons and item.consultation_id for item in items)
        assert 10 <= len(items) <= 80, len(items)  # enough to page through, few enough to read
    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code == 0, again.output
    with app.app_context():
        assert db.session.execute(sa.select(sa.func.count()).select_from(ReviewItem)).scalar_one() == total
