"""Fixtures for the administrators' pages: an admin's client and a whole-database snapshot."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from forum.extensions import db

Snapshot = dict[str, list[tuple[object, ...]]]


@pytest.fixture
def admin_client(client: FlaskClient, world, auth) -> FlaskClient:  # type: ignore[no-untyped-def]
    """Signed in as the administrator, reading English: assertions use the English msgids."""
    client.set_cookie("lang", "en")
    auth.staff(world.admin)
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
