"""Fixtures for the teacher's pages: a signed-in teacher reading English, and small builders."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from forum.accounts.models import AccessCard, Consent, Role, User
from forum.config import DEFAULTS
from forum.extensions import db
from tests.conftest import Auth, World


@pytest.fixture
def teacher(client: FlaskClient, world: World) -> FlaskClient:
    """The world's teacher, signed in, pages in English (the msgids) whatever the catalogue holds."""
    client.set_cookie("lang", "en")
    Auth(client).staff(world.teacher)
    return client


def school_today() -> date:
    """Today in the app's time zone (Viet Nam), which is what the pages use."""
    return datetime.now(ZoneInfo(DEFAULTS["BABEL_DEFAULT_TIMEZONE"])).date()


def class_url(world: World, tail: str = "") -> str:
    return f"/classrooms/{world.classroom_id}{tail}"


def children_of(app: Flask, classroom_id: int) -> list[User]:
    with app.app_context():
        children = db.session.execute(
            sa.select(User).where(User.classroom_id == classroom_id, User.role == Role.CHILD).order_by(User.id)
        ).scalars()
        result = list(children)
        db.session.expunge_all()
        return result


def count_rows(app: Flask, model: type, *conditions: sa.ColumnElement[bool]) -> int:
    with app.app_context():
        return db.session.execute(sa.select(sa.func.count()).select_from(model).where(*conditions)).scalar_one()


def active_cards(app: Flask, child_id: int) -> int:
    return count_rows(app, AccessCard, AccessCard.child_id == child_id, AccessCard.revoked_at.is_(None))


def consents(app: Flask, child_id: int) -> int:
    return count_rows(app, Consent, Consent.child_id == child_id)
