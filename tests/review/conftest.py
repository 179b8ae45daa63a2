"""Fixtures for the moderation queue: a moderator's client reading English (assertions use the
English msgids), a second moderator, and helpers that read rows back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from forum.accounts.models import Role
from forum.extensions import db
from forum.review.models import ModerationDecision
from tests import builders
from tests.builders import StaffLogin
from tests.conftest import Auth


def english_staff_client(app: Flask, login: StaffLogin) -> FlaskClient:
    client = app.test_client()
    Auth(client).staff(login)
    client.post("/language/en")
    return client


@pytest.fixture
def moderator(app: Flask, world) -> FlaskClient:  # type: ignore[no-untyped-def]
    return english_staff_client(app, world.moderator)


@pytest.fixture
def second_moderator_login(app: Flask) -> StaffLogin:
    with app.app_context():
        user = builders.make_staff(Role.MODERATOR, "moderator2")
        db.session.commit()
        return StaffLogin(user.id, user.username or "")


@pytest.fixture
def second_moderator(app: Flask, second_moderator_login: StaffLogin) -> FlaskClient:
    return english_staff_client(app, second_moderator_login)


@pytest.fixture
def make(app: Flask) -> Callable[..., Any]:
    """Run a builder in an app context, commit, and return the new row's id."""

    def run(builder: Callable[..., Any], *args: Any, **kwargs: Any) -> int:
        with app.app_context():
            row = builder(*args, **kwargs)
            db.session.commit()
            return row.id

    return run


@pytest.fixture
def read(app: Flask) -> Callable[..., Any]:
    """Read a row by model and id, detached, with its columns loaded."""

    def get(model: Any, row_id: int) -> Any:
        with app.app_context():
            row = db.session.get(model, row_id)
            if row is not None:
                db.session.expunge(row)
            return row

    return get


def decisions_of(app: Flask, **where: Any) -> list[ModerationDecision]:
    with app.app_context():
        query = sa.select(ModerationDecision).order_by(ModerationDecision.id)
        for name, value in where.items():
            query = query.where(getattr(ModerationDecision, name) == value)
        rows = list(db.session.execute(query).scalars())
        db.session.expunge_all()
        return rows
