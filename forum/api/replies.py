"""What every API view answers with: JSON that no cache keeps, or an ApiProblem(404) for an id that
does not exist (or, for a question key, is not in the survey)."""

from __future__ import annotations

from typing import Any

from flask import current_app
from werkzeug.wrappers import Response

from forum.accounts.age_bands import band_keys
from forum.api.errors import ApiProblem, json_body
from forum.consultations.models import Consultation
from forum.consultations.services import get_consultation
from forum.surveys.models import Question, Survey
from forum.surveys.services import get_survey


def json_reply(body: dict[str, Any]) -> Response:
    """Answers hold policy data: no cache keeps them."""
    response = json_body(body)
    response.headers["Cache-Control"] = "no-store"
    return response


def configured_bands() -> list[str]:
    return band_keys(current_app.config["AGE_BANDS"])


def consultation_or_404(consultation_id: int) -> Consultation:
    consultation = get_consultation(consultation_id)
    if consultation is None:
        raise ApiProblem(404)
    return consultation


def survey_or_404(survey_id: int) -> Survey:
    survey = get_survey(survey_id)
    if survey is None:
        raise ApiProblem(404)
    return survey


def question_or_404(survey: Survey, key: str) -> Question:
    for question in survey.questions:
        if question.key == key:
            return question
    raise ApiProblem(404)
