"""Only administrators reach /admin: every other role gets 403, visitors are sent to sign in."""

from __future__ import annotations

import re

import pytest
from flask import Flask

from forum.extensions import db
from forum.schools.models import School
from forum.security.permissions import can_administer
from tests.conftest import World, sign_in_as

# Every admin URL, by rule: {area}, {school} and {staff} are filled from the world.
URLS = [
    ("GET", "/admin/"),
    ("GET", "/admin/areas"),
    ("GET", "/admin/areas/new"),
    ("POST", "/admin/areas/new"),
    ("GET", "/admin/areas/{area}"),
    ("POST", "/admin/areas/{area}"),
    ("GET", "/admin/schools"),
    ("GET", "/admin/schools/new"),
    ("POST", "/admin/schools/new"),
    ("GET", "/admin/schools/{school}"),
    ("POST", "/admin/schools/{school}"),
    ("GET", "/admin/staff"),
    ("GET", "/admin/staff/new"),
    ("POST", "/admin/staff/new"),
    ("GET", "/admin/staff/{staff}"),
    ("POST", "/admin/staff/{staff}"),
    ("POST", "/admin/staff/{staff}/password"),
    ("GET", "/admin/audit"),
]


def _fill(app: Flask, world: World) -> list[tuple[str, str]]:
    with app.app_context():
        area_id = db.session.get(School, world.school_id).area_id
    return [(method, url.format(area=area_id, school=world.school_id, staff=world.policy.id)) for method, url in URLS]


def test_every_admin_view_requires_can_administer(app: Flask) -> None:
    endpoints = [rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint.startswith("admin.")]
    assert endpoints
    for endpoint in endpoints:
        assert getattr(app.view_functions[endpoint], "required_predicate", None) is can_administer, endpoint


def test_the_matrix_lists_every_admin_route(app: Flask) -> None:
    names = {"area_id": "{area}", "school_id": "{school}", "user_id": "{staff}"}
    routes = {
        (method, re.sub(r"<[^>]*:(\w+)>", lambda match: names[match.group(1)], rule.rule))
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("admin.")
        for method in rule.methods or ()
        if method in ("GET", "POST")
    }
    assert routes == set(URLS)


@pytest.mark.parametrize("role", ["child", "teacher", "moderator", "policy"])
def test_other_roles_are_refused(app: Flask, client, world: World, role: str) -> None:
    sign_in_as(client, world, role)
    for method, url in _fill(app, world):
        response = client.open(url, method=method, data={"code": "ZZ", "name": "x"})
        assert response.status_code == 403, (role, method, url)


def test_visitors_are_sent_to_sign_in(app: Flask, client, world: World) -> None:
    for method, url in _fill(app, world):
        response = client.open(url, method=method)
        assert response.status_code == 302, (method, url)
        assert response.headers["Location"].startswith("/accounts/sign-in?next=")


def test_administrators_can_open_every_page(app: Flask, admin_client, world: World) -> None:
    for method, url in _fill(app, world):
        if method == "GET":
            response = admin_client.get(url)
            assert response.status_code == 200, (url, response.get_data(as_text=True)[:500])


@pytest.mark.parametrize(
    "url",
    [
        "/admin/areas/999999",
        "/admin/schools/999999",
        "/admin/staff/999999",
        "/admin/areas/abc",
        "/admin/schools/1.5",
        "/admin/staff/-1",
        "/admin/staff/x/password",
        "/admin/staff/2147483648",
        "/admin/areas/99999999999999999999",
        "/admin/schools/99999999999999999999",
        "/admin/staff/99999999999999999999/password",
    ],
)
def test_unknown_or_malformed_ids_are_not_found(admin_client, url: str) -> None:
    assert admin_client.get(url).status_code in (404, 405)
    assert admin_client.post(url, data={}).status_code == 404


def test_a_childs_id_is_not_a_staff_account(admin_client, world: World) -> None:
    assert admin_client.get(f"/admin/staff/{world.child.id}").status_code == 404
    assert admin_client.post(f"/admin/staff/{world.child.id}", data={"role": "teacher"}).status_code == 404
    data = {"password": "long-enough-pw-1", "confirm_password": "long-enough-pw-1"}
    assert admin_client.post(f"/admin/staff/{world.child.id}/password", data=data).status_code == 404


def test_the_navigation_shows_administration_only_to_admins(client, world: World, auth) -> None:
    auth.staff(world.teacher)
    assert "/admin/" not in client.get("/").get_data(as_text=True)
    auth.sign_out()
    auth.staff(world.admin)
    assert "/admin/" in client.get("/").get_data(as_text=True)
