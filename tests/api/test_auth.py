"""Who may call the API: a policy officer's token or browser session; everyone else gets a JSON 401 or 403."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.accounts.models import Role, User
from forum.api.models import ApiToken
from forum.audit.models import AuditEvent
from forum.database import utcnow
from forum.extensions import db
from tests.api.conftest import assert_documented, bearer, make_token
from tests.conftest import sign_in_as

LIST = "/api/v1/consultations"


def refused(document, response, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.get_data(as_text=True)
    body = assert_documented(document, "/consultations", response)
    assert body["status"] == status and body["error"] and body["message"]
    assert "<html" not in response.get_data(as_text=True).lower()
    return body


def test_no_credentials_is_a_json_401_not_a_redirect(client, document):
    response = client.get(LIST)
    refused(document, response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert "Location" not in response.headers


def test_a_valid_token_is_let_in(client, token, document):
    response = client.get(LIST, headers=bearer(token))
    assert response.status_code == 200
    assert_documented(document, "/consultations", response)
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "header",
    [
        "Bearer tnte_" + "A" * 43,  # well-formed, unknown
        "Bearer nottnte_token",
        "Bearer",
        "Bearer ",
        "Bearer tnte_a tnte_b",
        "Basic dXNlcjpwYXNz",
        "tnte_" + "A" * 43,
        "Bearer tnte_" + "A" * 10_000,
        "Bearer tnte_\u00e9\u00e8",
        "Bearer tnte_\x01\x02",
    ],
)
def test_wrong_or_malformed_tokens_are_401(client, document, token, header):
    refused(document, client.get(LIST, headers={"Authorization": header}), 401)


def test_a_token_with_a_changed_letter_is_refused(client, document, token):
    changed = token[:-1] + ("A" if token[-1] != "A" else "B")
    refused(document, client.get(LIST, headers=bearer(changed)), 401)


def test_a_revoked_token_is_401(app, client, document, token):
    with app.app_context():
        db.session.execute(sa.update(ApiToken).values(revoked_at=utcnow()))
        db.session.commit()
    refused(document, client.get(LIST, headers=bearer(token)), 401)


@pytest.mark.parametrize("change", ["deactivated", "teacher", "admin", "moderator"])
def test_a_token_whose_owner_can_no_longer_read_results_is_401(app, client, world, document, token, change):
    with app.app_context():
        user = db.session.get(User, world.policy.id)
        if change == "deactivated":
            user.active = False
        else:
            user.role = Role(change)
        db.session.commit()
    refused(document, client.get(LIST, headers=bearer(token)), 401)


@pytest.mark.parametrize("role", ["child", "teacher", "moderator", "admin"])
def test_other_roles_signed_in_are_403(client, world, document, role):
    sign_in_as(client, world, role)
    refused(document, client.get(LIST), 403)


def test_a_policy_officers_browser_session_may_read(client, world, document):
    sign_in_as(client, world, "policy")
    response = client.get(LIST)
    assert response.status_code == 200
    assert_documented(document, "/consultations", response)


def test_the_authorization_header_decides_over_the_session(client, world, document, token):
    sign_in_as(client, world, "teacher")
    assert client.get(LIST, headers=bearer(token)).status_code == 200
    client.post("/accounts/sign-out")
    sign_in_as(client, world, "policy")
    refused(document, client.get(LIST, headers={"Authorization": "Bearer tnte_wrong"}), 401)


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_the_api_is_read_only(client, document, token, method):
    response = client.open(LIST, method=method, headers=bearer(token))
    assert response.status_code == 405
    assert_documented(document, "/consultations", response)


def test_unknown_api_paths_are_json_404(client, document, token):
    response = client.get("/api/v1/nothing-here", headers=bearer(token))
    assert response.status_code == 404
    # Any documented 404 schema will do: they are all the Error schema.
    assert_documented(document, "/surveys/{survey_id}", response)


def _last_used(app):  # type: ignore[no-untyped-def]
    with app.app_context():
        return db.session.execute(sa.select(ApiToken.last_used_at)).scalar_one()


def test_last_use_is_written_at_most_once_a_minute(app, client, token):
    assert _last_used(app) is None
    client.get(LIST, headers=bearer(token))
    first = _last_used(app)
    assert first is not None
    client.get(LIST, headers=bearer(token))
    assert _last_used(app) == first
    with app.app_context():
        db.session.execute(sa.update(ApiToken).values(last_used_at=first - timedelta(minutes=2)))
        db.session.commit()
    client.get(LIST, headers=bearer(token))
    assert _last_used(app) > first - timedelta(minutes=2)


def test_a_refused_token_is_not_marked_used(app, client, world):
    secret = make_token(app, world.policy.id)
    with app.app_context():
        db.session.get(User, world.policy.id).active = False
        db.session.commit()
    client.get(LIST, headers=bearer(secret))
    assert _last_used(app) is None


def test_reading_definitions_writes_no_audit_event(app, client, token):
    with app.app_context():
        before = db.session.execute(sa.select(sa.func.count()).select_from(AuditEvent)).scalar_one()
    client.get(LIST, headers=bearer(token))
    with app.app_context():
        assert db.session.execute(sa.select(sa.func.count()).select_from(AuditEvent)).scalar_one() == before
