"""Fixtures for the feedback tests: signed-in clients reading English, and a closed consultation in
which the world's child (aged 10, band 9-11) submitted a survey response."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from forum.extensions import db
from forum.schools.models import School
from tests.feedback.builders import make_closed_consultation, make_survey_for, submit_response

Snapshot = dict[str, list[tuple[object, ...]]]


@dataclass(frozen=True)
class Closed:
    consultation_id: int
    survey_id: int


@pytest.fixture
def english(client: FlaskClient) -> FlaskClient:
    client.set_cookie("lang", "en")
    return client


@pytest.fixture
def policy_client(english: FlaskClient, world, auth) -> FlaskClient:  # type: ignore[no-untyped-def]
    auth.staff(world.policy)
    return english


@pytest.fixture
def closed(app: Flask, world) -> Closed:  # type: ignore[no-untyped-def]
    """Closed, for ages 9-11 and the world's first school's area; the world's child took part."""
    with app.app_context():
        area = db.session.get(School, world.school_id).area
        consultation = make_closed_consultation(bands=["9-11"], areas=[area])
        survey = make_survey_for(consultation)
        submit_response(survey, world.child.id)
        db.session.commit()
        return Closed(consultation.id, survey.id)


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
