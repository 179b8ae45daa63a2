"""The API is rate-limited per token, and refused credentials are limited per address."""

from __future__ import annotations

import pytest

from tests.api.conftest import assert_documented, bearer, make_token

LIST = "/api/v1/consultations"


@pytest.fixture
def app_config():  # type: ignore[no-untyped-def]
    return {"API_RATE_LIMIT": "3 per minute", "API_AUTH_FAILURE_LIMIT": "2 per minute"}


def test_each_token_has_its_own_budget(app, client, world, document):
    first, second = make_token(app, world.policy.id, "one"), make_token(app, world.policy.id, "two")
    for _ in range(3):
        assert client.get(LIST, headers=bearer(first)).status_code == 200
    response = client.get(LIST, headers=bearer(first))
    assert response.status_code == 429
    body = assert_documented(document, "/consultations", response)
    assert body["status"] == 429 and body["message"]
    assert "Retry-After" in response.headers
    assert client.get(LIST, headers=bearer(second)).status_code == 200


def test_refused_credentials_are_limited_per_address(app, client, world):
    secret = make_token(app, world.policy.id)
    for _ in range(2):
        assert client.get(LIST, headers=bearer("tnte_guess")).status_code == 401
    assert client.get(LIST, headers=bearer("tnte_guess2")).status_code == 429
    # The address is now held back whatever it sends, until the minute is over.
    assert client.get(LIST, headers=bearer(secret)).status_code == 429
