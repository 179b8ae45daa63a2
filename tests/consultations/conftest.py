"""Fixtures for policy staff's pages: a signed-in policy officer, a consultation, surveys to build on."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from forum.accounts.age_bands import band_keys
from forum.consultations import services as consultations
from forum.extensions import db
from forum.surveys import services as surveys
from forum.surveys.definition import QuestionDefinition, QuestionType, SurveyDefinition, from_json
from forum.surveys.models import Survey

Snapshot = dict[str, list[tuple[object, ...]]]
BANDS = ["6-8", "9-11", "12-14", "15-17"]


@pytest.fixture
def policy_client(client: FlaskClient, world, auth) -> FlaskClient:  # type: ignore[no-untyped-def]
    """Signed in as the policy officer, reading English: assertions use the English msgids."""
    client.set_cookie("lang", "en")
    auth.staff(world.policy)
    return client


@pytest.fixture
def snapshot(app: Flask) -> Callable[[], Snapshot]:
    """Every row of every table, so a refused request can be shown to have written nothing."""

    def take() -> Snapshot:
        with app.app_context():
            return {
                table.name: sorted(db.session.execute(sa.select(table)).all(), key=repr)
                for table in db.metadata.sorted_tables
            }

    return take


def make_consultation(**changes: Any) -> int:
    data = consultations.ConsultationInput(
        title={"vi": "Sân chơi an toàn", "en": "Safe playgrounds"},
        policy_question={"vi": "Thành phố nên làm gì?", "en": "What should the city do?"},
        opens_on=date(2026, 6, 1),
        closes_on=date(2026, 6, 30),
        **changes,
    )
    return consultations.save_consultation(None, data, BANDS, None).id


def yes_no(key: str, vi: str = "Em có đi bộ không?") -> QuestionDefinition:
    return surveys.with_fixed_options(
        QuestionDefinition(key=key, type=QuestionType.YES_NO, text={"vi": vi, "en": "Do you walk?"})
    )


def make_survey(consultation_id: int, questions: tuple[QuestionDefinition, ...] = (), **changes: Any) -> int:
    consultation = consultations.get_consultation(consultation_id)
    assert consultation is not None
    fields: dict[str, Any] = {"title": {"vi": "Khảo sát", "en": "Survey"}, "questions": questions} | changes
    definition = SurveyDefinition(**fields)
    return surveys.import_definition(consultation, definition, None).id


@pytest.fixture
def consultation_id(app: Flask, world) -> int:  # type: ignore[no-untyped-def]
    with app.app_context():
        cid = make_consultation()
        db.session.commit()
        return cid


@pytest.fixture
def survey_id(app: Flask, consultation_id: int) -> int:
    """A draft survey with one yes/no question, q1."""
    with app.app_context():
        sid = make_survey(consultation_id, (yes_no("q1"),))
        db.session.commit()
        return sid


def survey_json(sample: dict[str, Any]) -> dict[str, Any]:
    """A survey in our JSON format with the given changes, checked to parse."""
    data = {
        "format": "tieng-noi-tre-em/survey",
        "version": 1,
        "title": {"vi": "Đường đến trường", "en": "The way to school"},
        "questions": [
            {"key": "walk", "type": "yes_no", "text": {"vi": "Em có đi bộ không?", "en": "Do you walk?"}},
            {
                "key": "how",
                "type": "single_choice",
                "text": {"vi": "Em đi bằng gì?", "en": "How do you travel?"},
                "options": [
                    {"key": "bike", "label": {"vi": "Xe đạp", "en": "Bike"}},
                    {"key": "bus", "label": {"vi": "Xe buýt", "en": "Bus"}},
                ],
                "condition": {"op": "equals", "question": "walk", "value": "no"},
            },
        ],
    } | sample
    from_json(data)
    return data


def load_survey(app: Flask, sid: int) -> SurveyDefinition:
    with app.app_context():
        survey = db.session.get(Survey, sid)
        assert survey is not None
        return surveys.definition_of(survey)


def configured(app: Flask) -> list[str]:
    return band_keys(app.config["AGE_BANDS"])


def text_of(response: Any) -> str:
    """A page's text with HTML entities decoded, so messages can be compared as written."""
    return html.unescape(response.get_data(as_text=True))
