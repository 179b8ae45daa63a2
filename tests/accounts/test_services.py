from datetime import date

import pytest

from forum.accounts import pseudonyms
from forum.accounts.age_bands import age_in_year, allowed_birth_years, band_for_age, band_label
from forum.accounts.services import AccountError, NewChild, add_children, check_new_password, erase_child
from forum.extensions import db
from tests import builders

BANDS = [[6, 8], [9, 11], [12, 14], [15, 17]]


@pytest.mark.parametrize(
    "age,band", [(6, (6, 8)), (8, (6, 8)), (9, (9, 11)), (14, (12, 14)), (17, (15, 17)), (5, (6, 8)), (18, (15, 17))]
)
def test_age_bands(age, band):
    assert band_for_age(age, BANDS) == band


def test_band_with_a_gap_falls_in_the_lower_band():
    assert band_for_age(9, [[6, 8], [10, 12]]) == (6, 8)


def test_age_in_year_and_labels():
    assert age_in_year(2016, date(2026, 3, 1)) == 10
    assert band_label((9, 11)) == "9–11"
    assert allowed_birth_years(BANDS, date(2026, 1, 1)) == range(2008, 2022)


def test_pseudonyms_are_unique_and_friendly(app):
    with app.app_context():
        names = pseudonyms.generate_pseudonyms(300)
    assert len(set(names)) == 300
    for name in names:
        *words, number = name.split(" ")
        assert number.isdigit() and len(words) >= 2


def test_pseudonyms_never_repeat_an_existing_one(app, world, monkeypatch):
    monkeypatch.setattr(pseudonyms, "ANIMALS", ("Cá heo",))
    monkeypatch.setattr(pseudonyms, "QUALITIES", ("xanh",))
    with app.app_context():
        classroom = builders.schools.get_classroom(world.classroom_id)
        children = add_children(classroom, [NewChild(2016, None)] * 120, None)
        db.session.commit()
        assert len({c.pseudonym for c in children}) == 120
        assert any(len(c.pseudonym.split(" ")[-1]) >= 3 for c in children)  # crowded: longer numbers


@pytest.mark.parametrize("password,code", [("short", "password_too_short"), ("x" * 300, "password_too_long")])
def test_password_rules(password, code):
    with pytest.raises(AccountError) as error:
        check_new_password(password)
    assert error.value.code == code


def test_erase_refuses_staff(app, world):
    with app.app_context():
        staff = builders.accounts.get_staff(world.teacher.id)
        with pytest.raises(AccountError):
            erase_child(staff, None, "test")
