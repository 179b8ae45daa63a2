"""Areas: listed with their schools, added, changed and deactivated (never deleted), bad input refused."""

from __future__ import annotations

import unicodedata

import pytest
import sqlalchemy as sa
from flask import Flask

from forum.audit.models import AuditEvent
from forum.extensions import db
from forum.schools.models import Area, School
from tests import builders

GOOD = {"code": "tk", "name_vi": "Quận Thử Khác", "name_en": "Other Test District", "kind": "urban", "active": "y"}


def _area(app: Flask, code: str) -> Area | None:
    with app.app_context():
        area = db.session.execute(sa.select(Area).where(Area.code == code)).scalar_one_or_none()
        if area is not None:
            db.session.expunge(area)
        return area


def _area_id_of_school(app: Flask, school_id: int) -> int:
    with app.app_context():
        return db.session.get(School, school_id).area_id


def test_the_list_shows_each_area_with_its_schools(app: Flask, admin_client, world) -> None:
    with app.app_context():
        builders.make_area("EMPTY")
        db.session.commit()
    page = admin_client.get("/admin/areas").get_data(as_text=True)
    assert "<caption>3 areas</caption>" in page
    assert "EMPTY" in page and "Quận Thử" in page and "Test District" in page
    assert page.count('<td class="num">1</td>') == 2
    assert page.count('<td class="num">0</td>') == 1


def test_adding_an_area(app: Flask, admin_client, world) -> None:
    response = admin_client.post("/admin/areas/new", data=GOOD)
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/areas"
    area = _area(app, "TK")
    assert area is not None
    assert (area.name_vi, area.name_en, area.kind, area.active) == (
        "Quận Thử Khác",
        "Other Test District",
        "urban",
        True,
    )
    with app.app_context():
        event = (
            db.session.execute(
                sa.select(AuditEvent).where(AuditEvent.action == "area_changed").order_by(AuditEvent.id.desc())
            )
            .scalars()
            .first()
        )
        assert (event.actor_label, event.target) == ("admin", "area TK")
    assert "TK" in admin_client.get("/admin/areas").get_data(as_text=True)


def test_vietnamese_names_are_stored_nfc(app: Flask, admin_client, world) -> None:
    decomposed = unicodedata.normalize("NFD", "  Huyện Thủy Nguyên  ")
    response = admin_client.post("/admin/areas/new", data=GOOD | {"code": "TN", "name_vi": decomposed})
    assert response.status_code == 302
    assert _area(app, "TN").name_vi == "Huyện Thủy Nguyên"  # type: ignore[union-attr]


def test_editing_and_deactivating_an_area_keeps_its_schools(app: Flask, admin_client, world) -> None:
    area_id = _area_id_of_school(app, world.school_id)
    assert admin_client.get(f"/admin/areas/{area_id}").status_code == 200
    # "active" left unticked: the area is deactivated.
    data = {"code": "OLD-1", "name_vi": "Quận Cũ", "name_en": "Old District", "kind": "merged 2025"}
    response = admin_client.post(f"/admin/areas/{area_id}", data=data)
    assert response.status_code == 302
    with app.app_context():
        area = db.session.get(Area, area_id)
        assert (area.code, area.name_vi, area.active) == ("OLD-1", "Quận Cũ", False)
        assert db.session.get(School, world.school_id).area_id == area_id
    page = admin_client.get("/admin/areas").get_data(as_text=True)
    assert "OLD-1" in page and "Inactive" in page


def test_an_area_may_keep_its_own_code(app: Flask, admin_client, world) -> None:
    area_id = _area_id_of_school(app, world.school_id)
    with app.app_context():
        code = db.session.get(Area, area_id).code
    response = admin_client.post(f"/admin/areas/{area_id}", data=GOOD | {"code": code.lower(), "name_en": "Renamed"})
    assert response.status_code == 302
    assert _area(app, code).name_en == "Renamed"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"code": ""}, "Please give the area a short code."),
        ({"code": "   "}, "Please give the area a short code."),
        ({"name_vi": ""}, "Please give the Vietnamese name."),
        ({"name_en": " \t "}, "Please give the English name."),
        ({"code": "A" * 17}, "Use at most 16 characters."),
        ({"name_vi": "Quận " + "x" * 116}, "Use at most 120 characters."),
        ({"name_en": "x" * 121}, "Use at most 120 characters."),
        ({"kind": "x" * 33}, "Use at most 32 characters."),
        ({"code": "H B"}, "Area codes are 1 to 16 characters"),
        ({"code": "QUẬN"}, "Area codes are 1 to 16 characters"),
        ({"name_vi": "Quận\x00Một"}, "Remove the invisible control characters"),
        ({"code": "DUP"}, "Another area already has that code."),
        ({"code": "dup"}, "Another area already has that code."),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    app: Flask, admin_client, world, snapshot, change: dict[str, str], message: str
) -> None:
    with app.app_context():
        builders.make_area("DUP")
        db.session.commit()
    before = snapshot()
    response = admin_client.post("/admin/areas/new", data=GOOD | change)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert 'value="Other Test District"' in page or "name_en" in change  # what was typed is kept
    assert snapshot() == before


def test_editing_to_another_areas_code_is_refused(app: Flask, admin_client, world, snapshot) -> None:
    area_id = _area_id_of_school(app, world.school_id)
    with app.app_context():
        other_code = db.session.get(School, world.other_school_id).area.code
    before = snapshot()
    response = admin_client.post(f"/admin/areas/{area_id}", data=GOOD | {"code": other_code})
    assert response.status_code == 400
    assert "Another area already has that code." in response.get_data(as_text=True)
    assert snapshot() == before
