import csv
from datetime import date

import pytest
import sqlalchemy as sa

from forum.accounts.models import Role, User
from forum.extensions import db
from forum.schools.models import Area, Classroom, School


def _counts(app):
    with app.app_context():
        count = lambda model: db.session.execute(sa.select(sa.func.count()).select_from(model)).scalar_one()  # noqa: E731
        children = db.session.execute(sa.select(sa.func.count()).where(User.role == Role.CHILD)).scalar_one()
        return count(Area), count(School), count(Classroom), children


def test_seed_demo_loads_hai_phong_and_is_idempotent(app, runner, cards_file):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    areas, schools, classrooms, children = _counts(app)
    assert areas == 15 and schools == 3 and classrooms >= 3
    assert 100 <= children <= 140
    with app.app_context():
        levels = set(db.session.execute(sa.select(School.level)).scalars())
        assert {level.value for level in levels} == {"primary", "lower_secondary", "upper_secondary"}
        for username in ("admin", "teacher", "moderator", "policy"):
            assert db.session.execute(sa.select(User).where(User.username == username)).scalar_one()
        birth_years = db.session.execute(sa.select(User.birth_year).where(User.role == Role.CHILD)).scalars()
        ages = {date.today().year - y for y in birth_years}
    assert len(ages) >= 8

    rows = list(csv.DictReader(cards_file.open(encoding="utf-8")))
    assert list(rows[0].keys()) == ["pseudonym", "classroom", "age_band", "code"]
    assert len(rows) == children

    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code == 0, again.output
    assert _counts(app) == (areas, schools, classrooms, children)
    assert list(csv.DictReader(cards_file.open(encoding="utf-8"))) == rows  # codes unchanged


def test_demo_logins_work(app, runner, cards_file):
    runner.invoke(args=["seed-demo"])
    client = app.test_client()
    for username in ("admin", "teacher", "moderator", "policy"):
        response = client.post("/accounts/sign-in", data={"username": username, "password": "tre-em-111"})
        assert response.status_code == 302, username
        client.post("/accounts/sign-out")
    first = next(csv.DictReader(cards_file.open(encoding="utf-8")))
    assert client.post("/accounts/card", data={"code": first["code"]}).status_code == 302


def test_if_empty_skips_a_database_with_accounts(app, runner, world, cards_file):
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert "already has accounts" in result.output
    assert _counts(app)[0] == 2


@pytest.mark.parametrize("app_config", [{"ENVIRONMENT": "production"}])
def test_the_demo_is_refused_in_production(runner, app_config):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code != 0
    assert "public passwords" in result.output
