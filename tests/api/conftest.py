"""Fixtures for the API: tokens for the world's people, the OpenAPI document, and a check that a
response body is exactly what the document says the endpoint answers."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator

from forum.accounts.models import User
from forum.api import services
from forum.extensions import db


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def make_token(app: Flask, user_id: int, name: str = "Report spreadsheet") -> str:
    """A token for `user_id` made by the service (whatever the user's role now is), its secret returned."""
    with app.app_context():
        user = db.session.get(User, user_id)
        token = services.create_token(user, name)
        db.session.commit()
        return token.secret


@pytest.fixture
def token(app: Flask, world) -> str:  # type: ignore[no-untyped-def]
    """The world's policy officer's token."""
    return make_token(app, world.policy.id)


@pytest.fixture
def api(client: FlaskClient, token: str) -> FlaskClient:
    """A client that sends the policy officer's token with every request."""
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


@pytest.fixture
def document(client: FlaskClient) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def response_schema(document: dict[str, Any], path: str, status: int) -> dict[str, Any]:
    """The schema the document gives for `path` (as written there, e.g. "/surveys/{survey_id}") and
    `status`, else for its `default` response."""
    responses = document["paths"][path]["get"]["responses"]
    answer = responses.get(str(status)) or responses["default"]
    if "$ref" in answer:
        answer = document["components"]["responses"][answer["$ref"].rsplit("/", 1)[1]]
    return answer["content"]["application/json"]["schema"]


def assert_documented(document: dict[str, Any], path: str, response: Any) -> Any:
    """The response is JSON and its body validates against the document's schema for its status
    (JSON Schema 2020-12, formats checked); returns the body."""
    assert response.mimetype == "application/json", response.get_data(as_text=True)[:200]
    body = response.get_json()
    schema = {**response_schema(document, path, response.status_code), "components": document["components"]}
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    problems = sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path))
    assert not problems, "\n".join(f"{list(p.absolute_path)}: {p.message}" for p in problems[:10])
    return body
