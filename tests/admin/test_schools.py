"""Schools: listed with classes and pupils counted, added and changed in active areas, bad input refused."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask

from forum.audit.models import AuditEvent
from forum.extensions import db
from forum.schools import services as schools
from forum.schools.models import Area, School, SchoolLevel
from tests import builders


def _area_ids(app: Flask, world) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    with app.app_context():
        return db.session.get(School, world.school_id).area_id, db.session.get(School, world.other_school_id).area_id


def _school(app: Flask, name: str) -> School | None:
    with app.app_context():
        school = db.session.execute(sa.select(School).where(School.name == name)).scalar_one_or_none()
        if school is not None:
            db.session.expunge(school)
        return school


def test_the_list_shows_level_area_classes_and_pupils(app: Flask, admin_client, world) -> None:
    with app.app_context():
        builders.make_school(level=SchoolLevel.UPPER_SECONDARY, name="Trường THPT Trống")
        db.session.commit()
    page = admin_client.get("/admin/schools").get_data(as_text=True)
    assert "<caption>3 schools</caption>" in page
    assert "Trường THPT Trống" in page and "Upper secondary" in page and "Primary" in page
    # The world: one class with two pupils, one class with one pupil, and the new empty school.
    assert '<td class="num">1</td>\n          <td class="num">2</td>' in page
    assert '<td class="num">1</td>\n          <td class="num">1</td>' in page
    assert '<td class="num">0</td>\n          <td class="num">0</td>' in page


def test_adding_a_school(app: Flask, admin_client, world) -> None:
    area_id, _ = _area_ids(app, world)
    data = {"name": "Trường THCS Mới", "level": "lower_secondary", "area": str(area_id), "active": "y"}
    response = admin_client.post("/admin/schools/new", data=data)
    assert response.status_code == 302 and response.headers["Location"] == "/admin/schools"
    school = _school(app, "Trường THCS Mới")
    assert school is not None
    assert (school.level, school.area_id, school.active) == (SchoolLevel.LOWER_SECONDARY, area_id, True)
    with app.app_context():
        assert (
            db.session.execute(
                sa.select(sa.func.count())
                .select_from(AuditEvent)
                .where(AuditEvent.action == "school_changed", AuditEvent.actor_label == "admin")
            ).scalar_one()
            == 1
        )


def test_the_same_name_may_be_used_in_another_area(app: Flask, admin_client, world) -> None:
    _, other_area = _area_ids(app, world)
    with app.app_context():
        name = db.session.get(School, world.school_id).name
    response = admin_client.post("/admin/schools/new", data={"name": name, "level": "primary", "area": str(other_area)})
    assert response.status_code == 302


def test_editing_a_school(app: Flask, admin_client, world) -> None:
    _, other_area = _area_ids(app, world)
    assert admin_client.get(f"/admin/schools/{world.school_id}").status_code == 200
    data = {"name": "Trường Đổi Tên", "level": "upper_secondary", "area": str(other_area)}  # "active" unticked
    assert admin_client.post(f"/admin/schools/{world.school_id}", data=data).status_code == 302
    with app.app_context():
        school = db.session.get(School, world.school_id)
        assert (school.name, school.level, school.area_id, school.active) == (
            "Trường Đổi Tên",
            SchoolLevel.UPPER_SECONDARY,
            other_area,
            False,
        )


def test_only_active_areas_are_offered_but_a_school_keeps_its_own(app: Flask, admin_client, world) -> None:
    area_id, _ = _area_ids(app, world)
    with app.app_context():
        area = db.session.get(Area, area_id)
        schools.save_area(
            area, code=area.code, name_vi=area.name_vi, name_en=area.name_en, kind="", active=False, actor=None
        )
        db.session.commit()
    new_form = admin_client.get("/admin/schools/new").get_data(as_text=True)
    assert f'<option value="{area_id}"' not in new_form
    data = {"name": "Trường X", "level": "primary", "area": str(area_id), "active": "y"}
    refused = admin_client.post("/admin/schools/new", data=data)
    assert refused.status_code == 400
    edit_form = admin_client.get(f"/admin/schools/{world.school_id}").get_data(as_text=True)
    assert f'<option selected value="{area_id}"' in edit_form or f'<option value="{area_id}" selected' in edit_form
    kept = admin_client.post(f"/admin/schools/{world.school_id}", data=data | {"name": "Trường Giữ"})
    assert kept.status_code == 302


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": ""}, "Please give the school's name."),
        ({"name": "   "}, "Please give the school's name."),
        ({"name": "Trường " + "x" * 194}, "Use at most 200 characters."),
        ({"name": "Trường\x07"}, "Remove the invisible control characters"),
        ({"name": "DUPLICATE"}, "That area already has a school with this name."),
        ({"level": "university"}, "Choose one of the options in the list."),
        ({"level": ""}, "Choose one of the options in the list."),
        ({"area": "999999"}, "Choose one of the options in the list."),
        ({"area": "abc"}, "Choose one of the options in the list."),
        ({"area": ""}, "Choose one of the options in the list."),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    app: Flask, admin_client, world, snapshot, change: dict[str, str], message: str
) -> None:
    area_id, _ = _area_ids(app, world)
    with app.app_context():
        builders.make_school(db.session.get(Area, area_id), name="DUPLICATE")
        db.session.commit()
    before = snapshot()
    data = {"name": "Trường Tiểu học Mới", "level": "primary", "area": str(area_id), "active": "y"} | change
    response = admin_client.post("/admin/schools/new", data=data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert snapshot() == before


def test_renaming_to_a_neighbours_name_is_refused(app: Flask, admin_client, world, snapshot) -> None:
    area_id, _ = _area_ids(app, world)
    with app.app_context():
        builders.make_school(db.session.get(Area, area_id), name="Trường Hàng Xóm")
        db.session.commit()
    before = snapshot()
    data = {"name": "Trường Hàng Xóm", "level": "primary", "area": str(area_id), "active": "y"}
    response = admin_client.post(f"/admin/schools/{world.school_id}", data=data)
    assert response.status_code == 400
    assert snapshot() == before
