"""The token pages: create (shown once, stored hashed), list, revoke with confirmation, refusals, audit."""

from __future__ import annotations

import hashlib
import re

import pytest
import sqlalchemy as sa

from forum.accounts.models import Role, User
from forum.api import services
from forum.api.models import ApiToken
from forum.audit.models import AuditEvent
from forum.extensions import db
from tests import builders
from tests.api.conftest import bearer, make_token
from tests.conftest import sign_in_as

SECRET = re.compile(r"tnte_[A-Za-z0-9_-]{43}")


@pytest.fixture
def policy_client(client, world):  # type: ignore[no-untyped-def]
    client.set_cookie("lang", "en")
    sign_in_as(client, world, "policy")
    return client


def tokens(app) -> list[ApiToken]:  # type: ignore[no-untyped-def]
    with app.app_context():
        return list(db.session.execute(sa.select(ApiToken).order_by(ApiToken.id)).scalars())


def events(app, action: str) -> list[AuditEvent]:  # type: ignore[no-untyped-def]
    with app.app_context():
        return list(db.session.execute(sa.select(AuditEvent).where(AuditEvent.action == action)).scalars())


def test_a_new_token_is_shown_once_and_stored_only_as_a_hash(app, policy_client, world):
    response = policy_client.post("/api-tokens/", data={"name": "  Báo cáo tháng 6  "})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "shown only this once" in page
    secret = SECRET.search(page).group(0)
    assert response.headers["Cache-Control"] == "no-store"
    [token] = tokens(app)
    assert token.name == "Báo cáo tháng 6"
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert token.prefix == secret[:11] and token.user_id == world.policy.id
    with app.app_context():
        stored = repr(db.session.execute(sa.select(ApiToken.__table__)).all())
        logged = repr(db.session.execute(sa.select(AuditEvent.__table__)).all())
    assert secret not in stored and secret not in logged
    listing = policy_client.get("/api-tokens/").get_data(as_text=True)
    assert "Báo cáo tháng 6" in listing and token.prefix in listing and secret not in listing
    assert "Never" in listing
    assert policy_client.get("/api/v1/consultations", headers=bearer(secret)).status_code == 200


def test_two_tokens_differ_and_each_works(app, world, client):
    first, second = make_token(app, world.policy.id, "one"), make_token(app, world.policy.id, "two")
    assert first != second and SECRET.fullmatch(first) and SECRET.fullmatch(second)
    for secret in (first, second):
        assert client.get("/api/v1/consultations", headers=bearer(secret)).status_code == 200


def test_revoking_asks_first_then_the_token_stops_working(app, policy_client, token):
    [row] = tokens(app)
    confirm = policy_client.get(f"/api-tokens/{row.id}/revoke")
    assert confirm.status_code == 200
    assert "Yes, revoke the token" in confirm.get_data(as_text=True)
    assert tokens(app)[0].revoked_at is None
    response = policy_client.post(f"/api-tokens/{row.id}/revoke")
    assert response.status_code == 302 and response.headers["Location"] == "/api-tokens/"
    assert tokens(app)[0].revoked_at is not None
    listing = policy_client.get("/api-tokens/").get_data(as_text=True)
    assert "“Report spreadsheet” is revoked" in listing and "You have no API token yet." in listing
    refused = policy_client.get("/api/v1/consultations", headers=bearer(token))
    assert refused.status_code == 401
    # Revoked tokens are gone for their owner too: a second revoke is a 404.
    assert policy_client.post(f"/api-tokens/{row.id}/revoke").status_code == 404


def test_someone_elses_token_cannot_be_seen_or_revoked(app, world, client):
    with app.app_context():
        other = builders.make_staff(Role.POLICY, "policy2")
        db.session.commit()
        other_id = other.id
    make_token(app, other_id, "Their token")
    [theirs] = tokens(app)
    sign_in_as(client, world, "policy")
    assert client.get(f"/api-tokens/{theirs.id}/revoke").status_code == 404
    assert client.post(f"/api-tokens/{theirs.id}/revoke").status_code == 404
    assert "Their token" not in client.get("/api-tokens/").get_data(as_text=True)
    assert tokens(app)[0].revoked_at is None


@pytest.mark.parametrize(
    "name,message",
    [
        ("", "Give the token a name"),
        ("   ", "Give the token a name"),
        ("x" * 81, "at most 80 characters"),
        ("bad\u200bname", "invisible control characters"),
    ],
)
def test_bad_names_are_refused_and_nothing_is_written(app, policy_client, name, message):
    response = policy_client.post("/api-tokens/", data={"name": name})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert tokens(app) == []
    assert events(app, "api_token_created") == []


def test_a_name_already_in_use_is_refused(app, policy_client):
    assert policy_client.post("/api-tokens/", data={"name": "Excel"}).status_code == 200
    response = policy_client.post("/api-tokens/", data={"name": "excel"})
    assert response.status_code == 400
    assert "already have a token with that name" in response.get_data(as_text=True)
    assert len(tokens(app)) == 1


def test_the_number_of_tokens_is_capped(app, policy_client, world):
    for n in range(services.MAX_ACTIVE_TOKENS):
        make_token(app, world.policy.id, f"tool {n}")
    page = policy_client.get("/api-tokens/").get_data(as_text=True)
    assert "Revoke one you no longer use" in page
    response = policy_client.post("/api-tokens/", data={"name": "one more"})
    assert response.status_code == 400
    assert len(tokens(app)) == services.MAX_ACTIVE_TOKENS


def test_only_policy_staff_may_hold_tokens(app, world):
    with app.app_context():
        teacher = db.session.get(User, world.teacher.id)
        with pytest.raises(services.TokenError) as refused:
            services.create_token(teacher, "mine")
        assert refused.value.code == "not_allowed"


def test_creating_and_revoking_are_audited(app, policy_client, world):
    policy_client.post("/api-tokens/", data={"name": "Dashboard"})
    [token] = tokens(app)
    policy_client.post(f"/api-tokens/{token.id}/revoke")
    [created] = events(app, "api_token_created")
    [revoked] = events(app, "api_token_revoked")
    for event in (created, revoked):
        assert event.actor_id == world.policy.id
        assert event.target == f"api_token #{token.id}"
        assert event.detail == "Dashboard"
