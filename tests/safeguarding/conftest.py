"""Fixtures for the safeguarding tests: a lead's client (the world's moderator is a lead), a
moderator who is not a lead, and a case on the world's child's disclosure."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from forum.extensions import db
from tests.builders import StaffLogin
from tests.safeguarding.builders import make_case, make_moderator


@pytest.fixture
def lead_client(client: FlaskClient, world, auth) -> FlaskClient:  # type: ignore[no-untyped-def]
    """Signed in as the world's moderator (a safeguarding lead), reading English."""
    client.set_cookie("lang", "en")
    auth.staff(world.moderator)
    return client


@pytest.fixture
def plain_moderator(app: Flask) -> StaffLogin:
    """A moderator who is not a safeguarding lead."""
    with app.app_context():
        user = make_moderator(lead=False)
        db.session.commit()
        return StaffLogin(user.id, str(user.username))


@pytest.fixture
def other_lead(app: Flask) -> StaffLogin:
    with app.app_context():
        user = make_moderator(lead=True)
        db.session.commit()
        return StaffLogin(user.id, str(user.username))


@pytest.fixture
def case_id(app: Flask, world) -> int:  # type: ignore[no-untyped-def]
    with app.app_context():
        case = make_case(world.child.id)
        db.session.commit()
        return case.id
