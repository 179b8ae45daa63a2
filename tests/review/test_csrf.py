"""With CSRF on (as in production), every moderation form needs its own token."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.review.models import ItemState, ReviewItem, Suspension
from tests.review.builders import CLEAN_POST, make_post_item


@pytest.fixture
def app_config():  # type: ignore[no-untyped-def]
    return {"WTF_CSRF_ENABLED": True}


def _token(html: str, name: str = "csrf_token") -> str:
    match = re.search(rf'name="{name}" type="hidden" value="([^"]+)"|name="{name}" value="([^"]+)"', html)
    assert match is not None, name
    return match.group(1) or match.group(2)


def test_decisions_bulk_approve_and_suspensions_need_their_token(app, client, world):
    with app.app_context():
        item_id = make_post_item(world.child.id, CLEAN_POST).id
        db.session.commit()
    token = _token(client.get("/accounts/sign-in").get_data(as_text=True))
    data = {"username": world.moderator.username, "password": world.moderator.password, "csrf_token": token}
    assert client.post("/accounts/sign-in", data=data).status_code == 302
    for path, form in (
        (f"/review/items/{item_id}/approve", {}),
        (f"/review/items/{item_id}/claim", {}),
        ("/review/bulk-approve", {"item": str(item_id)}),
        ("/review/suspensions/new", {"suspend-pseudonym": world.child.pseudonym, "suspend-reason": "spam"}),
    ):
        assert client.post(path, data=form).status_code == 400, path
    with app.app_context():
        item = db.session.get(ReviewItem, item_id)
        assert item.state is ItemState.OPEN and item.claimed_by_id is None
        assert db.session.execute(sa.select(sa.func.count()).select_from(Suspension)).scalar_one() == 0
    page = client.get(f"/review/items/{item_id}").get_data(as_text=True)
    approve = {"approve-csrf_token": _token(page, "approve-csrf_token")}
    assert client.post(f"/review/items/{item_id}/approve", data=approve).status_code == 302
    with app.app_context():
        assert db.session.get(ReviewItem, item_id).state is ItemState.DECIDED
