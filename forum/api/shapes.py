"""Consultations and surveys as the API's JSON: plain dicts whose shapes forum/api/openapi.py documents.

Texts are always {"vi"?: str, "en"?: str} (a language without a text is left out). Results are
shaped in forum/api/results_shapes.py, from the suppressed tables only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from forum.consultations.models import Consultation
from forum.schools.models import Area
from forum.surveys.models import Option, Question, Survey
from forum.surveys.services import survey_bands

LANGUAGES = ("vi", "en")


def texts(value: Any) -> dict[str, str]:
    """Only the languages we document, and only real strings."""
    if not isinstance(value, Mapping):
        return {}
    return {lang: value[lang] for lang in LANGUAGES if isinstance(value.get(lang), str) and value[lang]}


def band_texts(value: Any) -> dict[str, dict[str, str]]:
    """{"6-8": {"vi": ...}} with empty bands left out."""
    if not isinstance(value, Mapping):
        return {}
    return {str(band): shaped for band, raw in value.items() if (shaped := texts(raw))}


def area(area: Area) -> dict[str, Any]:
    return {"id": area.id, "code": area.code, "name": {"vi": area.name_vi, "en": area.name_en}}


def survey_summary(survey: Survey) -> dict[str, Any]:
    return {"id": survey.id, "title": texts(survey.title), "status": survey.status.value}


def consultation_summary(consultation: Consultation, surveys: Sequence[Survey]) -> dict[str, Any]:
    """What the list shows: enough to pick a consultation and its surveys."""
    return {
        "id": consultation.id,
        "title": texts(consultation.title),
        "status": consultation.status.value,
        "opens_on": consultation.opens_on.isoformat(),
        "closes_on": consultation.closes_on.isoformat(),
        "feedback_by": consultation.feedback_by.isoformat() if consultation.feedback_by else None,
        "target_bands": list(consultation.target_bands),
        "areas": [area(a) for a in consultation.areas],
        "surveys": [survey_summary(s) for s in surveys],
    }


def consultation(consultation: Consultation, surveys: Sequence[Survey]) -> dict[str, Any]:
    return {
        **consultation_summary(consultation, surveys),
        "policy_question": texts(consultation.policy_question),
        "purpose": texts(consultation.purpose),
        "audience": texts(consultation.audience),
        "summaries": band_texts(consultation.summaries),
    }


def option(option: Option) -> dict[str, Any]:
    return {"key": option.key, "label": texts(option.label), "band_label": band_texts(option.band_label)}


def question(question: Question) -> dict[str, Any]:
    return {
        "id": question.id,
        "key": question.key,
        "position": question.position,
        "type": question.type.value,
        "text": texts(question.text),
        "band_text": band_texts(question.band_text),
        "help": texts(question.help),
        "required": question.required,
        "allow_decline": question.allow_decline,
        "sensitive": question.sensitive,
        "settings": dict(question.settings or {}),
        "condition": question.condition or None,
        "options": [option(o) for o in question.options],
    }


def survey(survey: Survey, configured_bands: Sequence[str]) -> dict[str, Any]:
    """`target_bands` are the bands the survey is really for (its own, else its consultation's,
    else every configured band)."""
    return {
        **survey_summary(survey),
        "consultation_id": survey.consultation_id,
        "intro": texts(survey.intro),
        "target_bands": survey_bands(survey, configured_bands),
        "published_at": survey.published_at.isoformat() if survey.published_at else None,
        "questions": [question(q) for q in survey.questions],
    }
