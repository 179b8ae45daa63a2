"""The OpenAPI document: a valid OpenAPI 3.1 document, public, covering exactly the API's routes,
with filter enums taken from the configuration."""

from __future__ import annotations

import re

import pytest
from openapi_spec_validator import validate

from forum.accounts.models import Gender
from forum.schools.models import SchoolLevel
from tests.conftest import sign_in_as


def test_the_document_is_valid_openapi_3_1(document):
    assert document["openapi"] == "3.1.0"
    validate(document)


@pytest.mark.parametrize("role", ["anonymous", "child", "teacher", "policy"])
def test_the_document_is_public(client, world, role):
    sign_in_as(client, world, role)
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"


def test_every_api_route_is_documented_and_nothing_else(app, document):
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("api."):
            assert rule.methods - {"HEAD", "OPTIONS"} == {"GET"}, rule.rule
            routes.add(re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule.removeprefix("/api/v1")))
    assert routes == set(document["paths"])
    assert document["servers"] == [{"url": "/api/v1"}]


def test_every_operation_but_the_document_needs_credentials(document):
    assert document["security"] == [{"bearerToken": []}, {"browserSession": []}]
    assert document["components"]["securitySchemes"]["bearerToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": document["components"]["securitySchemes"]["bearerToken"]["description"],
    }
    for path, item in document["paths"].items():
        operation = item["get"]
        if path == "/openapi.json":
            assert operation["security"] == []
        else:
            assert "security" not in operation
            assert {"401", "403", "429"} <= set(operation["responses"])


def test_filter_enums_come_from_the_code(document):
    parameters = document["components"]["parameters"]
    assert parameters["age_band"]["schema"]["enum"] == ["6-8", "9-11", "12-14", "15-17"]
    assert parameters["gender"]["schema"]["enum"] == [g.value for g in Gender]
    assert parameters["school_level"]["schema"]["enum"] == [s.value for s in SchoolLevel]
    assert parameters["area"]["schema"]["type"] == "integer"
    results = document["paths"]["/surveys/{survey_id}/results"]["get"]["parameters"]
    assert {p.get("name") or p["$ref"].rsplit("/", 1)[1] for p in results} == {
        "survey_id",
        "age_band",
        "gender",
        "area",
        "school_level",
    }


@pytest.mark.parametrize("app_config", [{"AGE_BANDS": [[5, 10], [11, 17]]}])
def test_bands_follow_the_configuration(document):
    assert document["components"]["parameters"]["age_band"]["schema"]["enum"] == ["5-10", "11-17"]
    validate(document)


def test_object_schemas_are_strict(document):
    """A field added to a response but not to the document (or the reverse) fails the shape tests."""
    for name, schema in document["components"]["schemas"].items():
        if schema.get("type") == "object" and "properties" in schema:
            assert schema["additionalProperties"] is False, name
