"""What was asked: consultations, surveys and their questions, and the OpenAPI document."""

from __future__ import annotations

from werkzeug.wrappers import Response

from forum.api import openapi, shapes
from forum.api.auth import api_require
from forum.api.errors import json_body
from forum.api.replies import configured_bands, consultation_or_404, json_reply, survey_or_404
from forum.api.services import surveys_by_consultation
from forum.consultations.services import list_consultations
from forum.security.access import public
from forum.security.permissions import can_view_results
from forum.surveys.services import list_surveys


@public
def openapi_document() -> Response:
    """Public: it describes the API and holds no data."""
    response = json_body(openapi.document(configured_bands()))
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


@api_require(can_view_results)
def consultations() -> Response:
    listed = list_consultations()
    surveys = surveys_by_consultation(listed)
    return json_reply({"consultations": [shapes.consultation_summary(c, surveys[c.id]) for c in listed]})


@api_require(can_view_results)
def consultation(consultation_id: int) -> Response:
    found = consultation_or_404(consultation_id)
    return json_reply(shapes.consultation(found, list_surveys(found)))


@api_require(can_view_results)
def survey(survey_id: int) -> Response:
    return json_reply(shapes.survey(survey_or_404(survey_id), configured_bands()))
