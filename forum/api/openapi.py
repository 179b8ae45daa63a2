"""The OpenAPI 3.1 document of /api/v1, built in code from the same enums and configuration the
endpoints use (age bands, genders, school levels), so it cannot drift from them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from forum.api.openapi_schemas import ID, STRING, Schema, band_enum, gender_enum, level_enum, ref, schemas
from forum.results.filters import DIMENSIONS

VERSION = "1.0.0"
_ONE_DIMENSION = "(" + "|".join(d.value for d in DIMENSIONS) + ")"
DIMENSIONS_PATTERN = f"^{_ONE_DIMENSION}(,{_ONE_DIMENSION})?$"
JSON = "application/json"

DESCRIPTION = """Read-only access to consultations, surveys and their **suppressed** results, for policy staff
and their tools.

Authenticate with a personal API token (created on the “API tokens” page) in the header
`Authorization: Bearer <token>`. A policy officer's signed-in browser session also works.

Results follow the same rules as the results page: no number for a group of fewer than
`min_group_size` children, filters that would single out a few children are refused
(`status: isolating`), and withheld cells are `null`. Requests are rate-limited per token.
Every results request is recorded in the audit log."""


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"schema": ref("Error")}}}


RESPONSES = {
    "BadRequest": _error("A query parameter is not valid; `parameter` names it."),
    "Unauthorized": _error("No credentials, or a wrong, revoked or no longer valid token."),
    "Forbidden": _error("Signed in, but not as policy staff."),
    "NotFound": _error("No such consultation, survey or question."),
    "TooManyRequests": _error("Rate limit reached: wait, then try again."),
    "OtherError": _error("Any other error (405 for a method other than GET, 500), in the same shape."),
}


def _ok(schema: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"schema": ref(schema)}}}


def _operation(
    operation_id: str,
    summary: str,
    schema: str,
    parameters: Sequence[dict[str, Any]] = (),
    not_found: bool = True,
    bad_request: bool = False,
) -> dict[str, Any]:
    responses: dict[str, Any] = {"200": _ok(schema, summary)}
    if bad_request:
        responses["400"] = {"$ref": "#/components/responses/BadRequest"}
    responses["401"] = {"$ref": "#/components/responses/Unauthorized"}
    responses["403"] = {"$ref": "#/components/responses/Forbidden"}
    if not_found:
        responses["404"] = {"$ref": "#/components/responses/NotFound"}
    responses["429"] = {"$ref": "#/components/responses/TooManyRequests"}
    responses["default"] = {"$ref": "#/components/responses/OtherError"}
    operation: dict[str, Any] = {"operationId": operation_id, "summary": summary, "responses": responses}
    if parameters:
        operation["parameters"] = list(parameters)
    return {"get": operation}


def _path_id(name: str, description: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "description": description, "schema": ID}


def _query(name: str, schema: Schema, description: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema, **extra}


def filter_parameters(bands: Sequence[str]) -> dict[str, dict[str, Any]]:
    return {
        "age_band": _query("age_band", band_enum(bands), "Only children in this age band."),
        "gender": _query("gender", gender_enum(), "Only children of this gender."),
        "area": _query("area", ID, "Only children in this area (an area id)."),
        "school_level": _query("school_level", level_enum(), "Only children at this school level."),
    }


def document(bands: Sequence[str]) -> dict[str, Any]:
    """The whole document; `bands` are the configured band keys ("6-8", …)."""
    filters = [{"$ref": f"#/components/parameters/{name}"} for name in ("age_band", "gender", "area", "school_level")]
    survey_id = _path_id("survey_id", "A survey id.")
    dimensions = {
        "name": "dimensions",
        "in": "path",
        "required": True,
        "description": "One or two of age_band, gender, area, school_level, separated by a comma.",
        "schema": {"type": "string", "pattern": DIMENSIONS_PATTERN},
    }
    paths = {
        "/consultations": _operation(
            "listConsultations", "Every consultation, newest first.", "ConsultationList", not_found=False
        ),
        "/consultations/{consultation_id}": _operation(
            "getConsultation",
            "One consultation.",
            "Consultation",
            [_path_id("consultation_id", "A consultation id.")],
        ),
        "/consultations/{consultation_id}/reach": _operation(
            "getReach",
            "Children reached against children registered in the consultation's target.",
            "Reach",
            [_path_id("consultation_id", "A consultation id.")],
        ),
        "/surveys/{survey_id}": _operation("getSurvey", "One survey with its questions.", "Survey", [survey_id]),
        "/surveys/{survey_id}/results": _operation(
            "getSurveyResults",
            "A survey's suppressed results under the filters.",
            "SurveyResults",
            [survey_id, *filters],
            bad_request=True,
        ),
        "/surveys/{survey_id}/participation": _operation(
            "getParticipation",
            "Submissions over time under the filters.",
            "Participation",
            [survey_id, *filters],
            bad_request=True,
        ),
        "/surveys/{survey_id}/questions/{key}/breakdown/{dimensions}": _operation(
            "getBreakdown",
            "One question broken down by one or two dimensions under the filters.",
            "Breakdown",
            [
                survey_id,
                {"name": "key", "in": "path", "required": True, "description": "A question key.", "schema": STRING},
                dimensions,
                *filters,
            ],
            bad_request=True,
        ),
        "/openapi.json": {
            "get": {
                "operationId": "getOpenApiDocument",
                "summary": "This document.",
                "security": [],
                "responses": {
                    "200": {"description": "This document.", "content": {JSON: {"schema": {"type": "object"}}}},
                    "429": {"$ref": "#/components/responses/TooManyRequests"},
                },
            }
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Children's Voice results API",
            "version": VERSION,
            "description": DESCRIPTION,
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearerToken": []}, {"browserSession": []}],
        "paths": paths,
        "components": {
            "schemas": schemas(bands),
            "parameters": filter_parameters(bands),
            "responses": RESPONSES,
            "securitySchemes": {
                "bearerToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A personal API token (tnte_…), created and revoked on the “API tokens” page.",
                },
                "browserSession": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": "session",
                    "description": "A policy officer's signed-in browser session (GET only).",
                },
            },
        },
    }
