"""The class list and creating a class."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from forum.classrooms.services import nearby_school_years
from forum.extensions import db
from forum.schools.models import Classroom
from forum.schools.services import current_school_year
from tests import builders
from tests.classrooms.conftest import school_today
from tests.conftest import World

YEAR = current_school_year(school_today())


def classrooms_named(app: Flask, name: str) -> list[Classroom]:
    with app.app_context():
        return list(db.session.execute(sa.select(Classroom).where(Classroom.name == name)).scalars())


@pytest.mark.parametrize(
    ("today", "year"),
    [(date(2026, 7, 31), "2025-2026"), (date(2026, 8, 1), "2026-2027"), (date(2027, 1, 15), "2026-2027")],
)
def test_school_year_turns_over_in_august(today: date, year: str) -> None:
    assert current_school_year(today) == year


def test_nearby_school_years() -> None:
    assert nearby_school_years(date(2026, 9, 5)) == ["2025-2026", "2026-2027", "2027-2028"]


def test_lists_only_own_school_with_counts(app: Flask, teacher: FlaskClient, world: World) -> None:
    with app.app_context():
        classroom = db.session.get(Classroom, world.classroom_id)
        builders.make_child(classroom, guardian_consent=False)  # no consent, no card
        db.session.commit()
    page = teacher.get("/classrooms/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f'href="/classrooms/{world.classroom_id}"' in html
    assert f'href="/classrooms/{world.other_classroom_id}"' not in html
    # 5A: three children, two with consent, two with an active card.
    assert '<td class="num">3</td>\n            <td class="num">2</td>\n            <td class="num">2</td>' in html
    assert f'value="{YEAR}"' in html  # the current school year is the default


def test_empty_school_shows_an_empty_state(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        login = builders.make_staff(builders.Role.TEACHER, "lonely", school=builders.make_school())
        db.session.commit()
        username = login.username
    client.set_cookie("lang", "en")
    client.post("/accounts/sign-in", data={"username": username, "password": builders.PASSWORD})
    page = client.get("/classrooms/")
    assert page.status_code == 200
    assert "no classes yet" in page.get_data(as_text=True)


def test_creates_a_class(app: Flask, teacher: FlaskClient, world: World) -> None:
    response = teacher.post("/classrooms/", data={"name": "  Lớp 3B ", "grade": "3", "school_year": YEAR})
    [created] = classrooms_named(app, "Lớp 3B")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/classrooms/{created.id}")
    assert (created.grade, created.school_year, created.school_id) == (3, YEAR, world.school_id)
    assert "Class Lớp 3B is created" in teacher.get(response.headers["Location"]).get_data(as_text=True)


def test_class_names_are_stored_nfc(app: Flask, teacher: FlaskClient) -> None:
    teacher.post("/classrooms/", data={"name": "Lo\u031b\u0301p 1", "grade": "1", "school_year": YEAR})
    assert len(classrooms_named(app, "Lớp 1")) == 1


def test_duplicate_name_in_the_same_year_is_refused(app: Flask, teacher: FlaskClient) -> None:
    response = teacher.post("/classrooms/", data={"name": "5A", "grade": "5", "school_year": YEAR})
    assert response.status_code == 400
    assert "already has a class with this name" in response.get_data(as_text=True)
    assert len(classrooms_named(app, "5A")) == 1  # the world's, nothing new


def test_same_name_in_another_school_or_year_is_fine(app: Flask, teacher: FlaskClient) -> None:
    next_year = nearby_school_years(school_today())[2]
    assert teacher.post("/classrooms/", data={"name": "4B", "grade": "4", "school_year": YEAR}).status_code == 302
    assert teacher.post("/classrooms/", data={"name": "5A", "grade": "5", "school_year": next_year}).status_code == 302


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "grade": "5"}, "Give the class a name"),
        ({"name": "   ", "grade": "5"}, "Give the class a name"),
        ({"name": "x" * 33, "grade": "5"}, "at most 32 characters"),
        ({"name": "5\x00A", "grade": "5"}, "cannot be shown"),
        ({"name": "5C", "grade": "13"}, "Choose a grade from 1 to 12"),
        ({"name": "5C", "grade": "0"}, "Choose a grade from 1 to 12"),
        ({"name": "5C", "grade": "five"}, "Choose a grade from 1 to 12"),
        ({"name": "5C", "grade": "9" * 400}, "Choose a grade from 1 to 12"),
        ({"name": "5C", "grade": "5", "school_year": "2026-2028"}, "two years in a row"),
        ({"name": "5C", "grade": "5", "school_year": "2026/2027"}, "two years in a row"),
        ({"name": "5C", "grade": "5", "school_year": "2026-2027-2028"}, "two years in a row"),
        ({"name": "5C", "grade": "5", "school_year": ""}, "two years in a row"),
        ({"name": "5C", "grade": "5", "school_year": "1990-1991"}, "Classes can be created for these school years"),
    ],
)
def test_bad_input_is_refused_with_a_message(
    app: Flask, teacher: FlaskClient, data: dict[str, str], message: str
) -> None:
    response = teacher.post("/classrooms/", data={"school_year": YEAR, **data})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html
    assert 'class="field__error"' in html
    assert classrooms_named(app, "5C") == []


def test_what_was_typed_is_kept(teacher: FlaskClient) -> None:
    html = teacher.post("/classrooms/", data={"name": "5A", "grade": "5", "school_year": YEAR}).get_data(as_text=True)
    assert 'value="5A"' in html and f'value="{YEAR}"' in html
