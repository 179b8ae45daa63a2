"""The token forms, with CSRF protection on as in production."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from forum.api.models import ApiToken
from forum.extensions import db


@pytest.fixture
def app_config():  # type: ignore[no-untyped-def]
    return {"WTF_CSRF_ENABLED": True}


def _csrf(page: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def _tokens(app) -> list[ApiToken]:  # type: ignore[no-untyped-def]
    with app.app_context():
        return list(db.session.execute(sa.select(ApiToken)).scalars())


def test_creating_and_revoking_need_the_csrf_token(app, client, world):
    csrf = _csrf(client.get("/accounts/sign-in").get_data(as_text=True))
    data = {"username": world.policy.username, "password": world.policy.password, "csrf_token": csrf}
    assert client.post("/accounts/sign-in", data=data).status_code == 302
    assert client.post("/api-tokens/", data={"name": "No CSRF"}).status_code == 400
    assert _tokens(app) == []
    csrf = _csrf(client.get("/api-tokens/").get_data(as_text=True))
    assert client.post("/api-tokens/", data={"name": "With CSRF", "csrf_token": csrf}).status_code == 200
    [token] = _tokens(app)
    assert client.post(f"/api-tokens/{token.id}/revoke").status_code == 400
    assert _tokens(app)[0].revoked_at is None
    csrf = _csrf(client.get(f"/api-tokens/{token.id}/revoke").get_data(as_text=True))
    assert client.post(f"/api-tokens/{token.id}/revoke", data={"csrf_token": csrf}).status_code == 302
    assert _tokens(app)[0].revoked_at is not None
