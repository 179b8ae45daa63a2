"""Fixtures: a migrated database per test worker, a fresh app per test, people in every role.

The app is yielded outside any app context (Flask 3.1 reuses a pushed context for test requests,
which would share the database session between the test and the request).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade

from forum import create_app
from forum.accounts.models import Role
from forum.extensions import db, limiter
from forum.results import chart_cache
from forum.results import services as results_services
from tests import builders
from tests.builders import ChildLogin, StaffLogin

TEST_SECRET = "test-secret-key-that-is-long-enough"


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """SQLite in a temporary folder, or a fresh PostgreSQL database per worker (TEST_DATABASE_URL)."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield "sqlite:///" + str(tmp_path_factory.mktemp("db") / "forum.db")
        return
    url = sa.engine.make_url(base)
    name = f"{url.database}_forum_{_worker()}_{os.getpid()}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def make_test_app(database_url: str, **overrides: object) -> Flask:
    config: dict[str, object] = {
        "ENVIRONMENT": "test",
        "SECRET_KEY": TEST_SECRET,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_STORAGE_URI": "memory://",
        # A cheap scrypt keeps the suite fast; production's cost is checked in test_config.
        "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
    }
    config.update(overrides)
    return create_app(config)


@pytest.fixture(scope="session")
def migrated(database_url: str) -> str:
    """The schema comes from the migrations, as in production."""
    app = make_test_app(database_url)
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return database_url


# Seeded by the migrations and restored after each test rather than emptied.
_SEEDED_TABLES = frozenset({"word_rule", "rule_revision"})


def _empty_all_tables() -> None:
    for table in reversed(db.metadata.sorted_tables):
        if table.name not in _SEEDED_TABLES:
            db.session.execute(table.delete())
    builders.restore_shipped_word_rules()
    db.session.commit()


@pytest.fixture
def app_config() -> dict[str, object]:
    """Override in a test module (or parametrize) to change the app's configuration."""
    return {}


# One app per configuration and worker: building one compiles ~130 URL rules (~0.1 s), which
# per test was minutes of every run. Each test still starts from the same app state: the config
# is restored, the per-app chart and results caches dropped, rate limits reset and every table emptied.
_apps: dict[tuple[str, str], Flask] = {}


@pytest.fixture
def app(migrated: str, app_config: dict[str, object]) -> Iterator[Flask]:
    key = (migrated, repr(sorted(app_config.items())))
    if key not in _apps:
        _apps[key] = make_test_app(migrated, **app_config)
    app = _apps[key]
    config = dict(app.config)
    yield app
    with app.app_context():
        db.session.rollback()
        _empty_all_tables()
        db.engine.dispose()
    app.config.clear()
    app.config.update(config)
    app.extensions.pop(chart_cache.EXTENSION, None)
    app.extensions.pop(results_services.SUPPRESSED_CACHE, None)
    limiter.reset()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):  # type: ignore[no-untyped-def]
    return app.test_cli_runner()


@dataclass
class World:
    """A small, complete world: two schools in two areas, a class each, staff in every role, children."""

    admin: StaffLogin
    teacher: StaffLogin
    other_teacher: StaffLogin
    moderator: StaffLogin
    policy: StaffLogin
    child: ChildLogin
    young_child: ChildLogin
    other_child: ChildLogin
    school_id: int
    other_school_id: int
    classroom_id: int
    other_classroom_id: int


@pytest.fixture
def world(app: Flask) -> World:
    key = app.config["CARD_HASH_KEY"]
    with app.app_context():
        school = builders.make_school()
        other_school = builders.make_school()
        classroom = builders.make_classroom(school, "5A", 5)
        other_classroom = builders.make_classroom(other_school, "4B", 4)
        staff = {
            "admin": builders.make_staff(Role.ADMIN, "admin"),
            "teacher": builders.make_staff(Role.TEACHER, "teacher", school=school),
            "other_teacher": builders.make_staff(Role.TEACHER, "teacher2", school=other_school),
            "moderator": builders.make_staff(Role.MODERATOR, "moderator", lead=True),
            "policy": builders.make_staff(Role.POLICY, "policy"),
        }
        child = builders.make_child(classroom, age=10)
        young = builders.make_child(classroom, age=6, assent=None)
        other = builders.make_child(other_classroom, age=9)
        codes = {c.id: builders.issue_card(c, key) for c in (child, young, other)}
        db.session.commit()

        def child_login(c):  # type: ignore[no-untyped-def]
            return ChildLogin(c.id, c.pseudonym, codes[c.id], c.classroom_id)

        return World(
            **{name: StaffLogin(user.id, user.username) for name, user in staff.items()},
            child=child_login(child),
            young_child=child_login(young),
            other_child=child_login(other),
            school_id=school.id,
            other_school_id=other_school.id,
            classroom_id=classroom.id,
            other_classroom_id=other_classroom.id,
        )


class Auth:
    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def staff(self, login: StaffLogin):  # type: ignore[no-untyped-def]
        response = self.client.post("/accounts/sign-in", data={"username": login.username, "password": login.password})
        assert response.status_code == 302, response.get_data(as_text=True)
        return response

    def card(self, login: ChildLogin):  # type: ignore[no-untyped-def]
        response = self.client.post("/accounts/card", data={"code": login.code})
        assert response.status_code == 302, response.get_data(as_text=True)
        return response

    def sign_out(self):  # type: ignore[no-untyped-def]
        return self.client.post("/accounts/sign-out")


@pytest.fixture
def auth(client: FlaskClient) -> Auth:
    return Auth(client)


def sign_in_as(client: FlaskClient, world: World, who: str) -> None:
    """Sign `client` in as one of the world's people: anonymous, child, teacher, moderator, policy, admin."""
    if who == "anonymous":
        return
    auth = Auth(client)
    if who == "child":
        auth.card(world.child)
    else:
        auth.staff(getattr(world, who))


ROLES = ("anonymous", "child", "teacher", "moderator", "policy", "admin")
PROJECT_ROOT = Path(__file__).resolve().parent.parent
