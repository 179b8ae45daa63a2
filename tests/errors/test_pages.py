import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.schools.models import Area
from tests.conftest import make_test_app


def test_404_in_the_visitors_language(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    client.post("/language/en")
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "We could not find that page" in response.get_data(as_text=True)


def test_405_is_a_page_not_a_crash(client):
    assert client.get("/accounts/sign-out").status_code == 405


def test_413_for_an_oversized_request(client):
    response = client.post("/accounts/card", data={"code": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413


@pytest.fixture
def failing_app(migrated):
    """An app with one extra route that writes a row and then fails."""
    app = make_test_app(migrated)

    @app.get("/boom")
    def boom():  # type: ignore[no-untyped-def]
        db.session.add(Area(code="BOOM", name_vi="Nổ", name_en="Boom"))
        db.session.flush()
        raise RuntimeError("unexpected")

    yield app
    with app.app_context():
        db.session.execute(sa.delete(Area))
        db.session.commit()
        db.engine.dispose()


def test_500_rolls_back_and_shows_a_calm_page(failing_app):
    client = failing_app.test_client()
    client.post("/language/en")
    response = client.get("/boom")
    assert response.status_code == 500
    assert "Nothing you sent was half-saved" in response.get_data(as_text=True)
    with failing_app.app_context():
        assert db.session.execute(sa.select(Area).where(Area.code == "BOOM")).first() is None


@pytest.fixture
def conflicting_app(migrated):
    """An app with one extra route that inserts a duplicate, as a second request racing the first would."""
    app = make_test_app(migrated)

    @app.post("/race")
    def race():  # type: ignore[no-untyped-def]
        db.session.add(Area(code="RACE", name_vi="Một", name_en="One"))
        db.session.commit()
        db.session.add(Area(code="RACE", name_vi="Hai", name_en="Two"))
        db.session.commit()

    yield app
    with app.app_context():
        db.session.execute(sa.delete(Area))
        db.session.commit()
        db.engine.dispose()


def test_a_unique_constraint_race_is_a_409_not_a_500(conflicting_app):
    client = conflicting_app.test_client()
    client.post("/language/en")
    response = client.post("/race")
    assert response.status_code == 409
    assert "Someone else saved this at the same moment" in response.get_data(as_text=True)
