"""Who may open the teacher's pages: the school's own teachers, and nobody else."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from forum.accounts.models import AccessCard, User
from forum.security.permissions import can_manage_classes
from tests.classrooms.conftest import count_rows
from tests.conftest import World, sign_in_as

CARDS = {"children": ["{child}"], "output": "print", "confirm_reissue": "y", "selected": "y"}
CONSENT = {"given_on": "2024-06-01", "method": "paper"}
# (method, path, form) for every page; {classroom} and {child} are filled in per test.
PAGES = [
    ("GET", "/classrooms/{classroom}", None),
    ("GET", "/classrooms/{classroom}/children/add", None),
    ("POST", "/classrooms/{classroom}/children/add", {"rows": "2016, girl"}),
    ("POST", "/classrooms/{classroom}/cards", CARDS),
    ("POST", "/classrooms/{classroom}/consent", {**CONSENT, "children": ["{child}"], "record": "y"}),
    ("GET", "/classrooms/{classroom}/children/{child}/consent", None),
    ("POST", "/classrooms/{classroom}/children/{child}/consent", CONSENT),
    ("GET", "/classrooms/{classroom}/children/{child}/withdraw", None),
    ("POST", "/classrooms/{classroom}/children/{child}/withdraw", {"confirm": "y"}),
]
NEW_CLASS = {"name": "9Z", "grade": "9", "school_year": "2026-2027"}
EVERY_URL = [("GET", "/classrooms/", None), ("POST", "/classrooms/", NEW_CLASS), *PAGES]


def call(client: FlaskClient, method: str, path: str, form: dict | None, classroom: int | str, child: int | str):  # type: ignore[no-untyped-def]
    url = path.format(classroom=classroom, child=child)
    data = {k: [v.format(child=child) for v in vs] if isinstance(vs, list) else vs for k, vs in (form or {}).items()}
    return client.open(url, method=method, data=data if method == "POST" else None)


def unchanged(app: Flask, world: World) -> bool:
    """The world's child still exists with one card, and no card was issued or revoked."""
    return (
        count_rows(app, User, User.id == world.child.id) == 1
        and count_rows(app, AccessCard) == 3
        and count_rows(app, AccessCard, AccessCard.revoked_at.is_not(None)) == 0
    )


@pytest.mark.parametrize(("method", "path", "form"), EVERY_URL)
@pytest.mark.parametrize("who", ["child", "moderator", "policy", "admin"])
def test_other_roles_are_forbidden(
    app: Flask, client: FlaskClient, world: World, who: str, method: str, path: str, form: dict | None
) -> None:
    sign_in_as(client, world, who)
    assert call(client, method, path, form, world.classroom_id, world.child.id).status_code == 403
    assert unchanged(app, world)


@pytest.mark.parametrize(("method", "path", "form"), EVERY_URL)
def test_anonymous_is_sent_to_sign_in(
    app: Flask, client: FlaskClient, world: World, method: str, path: str, form: dict | None
) -> None:
    response = call(client, method, path, form, world.classroom_id, world.child.id)
    assert response.status_code == 302
    assert "/accounts/sign-in?next=" in response.headers["Location"]
    assert unchanged(app, world)


@pytest.mark.parametrize(("method", "path", "form"), PAGES)
def test_another_schools_teacher_is_forbidden(
    app: Flask, client: FlaskClient, world: World, method: str, path: str, form: dict | None
) -> None:
    sign_in_as(client, world, "other_teacher")
    assert call(client, method, path, form, world.classroom_id, world.child.id).status_code == 403
    assert unchanged(app, world)


def test_another_schools_teacher_does_not_see_the_class_listed(client: FlaskClient, world: World) -> None:
    sign_in_as(client, world, "other_teacher")
    html = client.get("/classrooms/").get_data(as_text=True)
    assert f"/classrooms/{world.other_classroom_id}" in html
    assert f'/classrooms/{world.classroom_id}"' not in html


@pytest.mark.parametrize(("method", "path", "form"), PAGES)
def test_unknown_classroom_is_not_found(
    client: FlaskClient, world: World, method: str, path: str, form: dict | None
) -> None:
    sign_in_as(client, world, "teacher")
    assert call(client, method, path, form, 999999, world.child.id).status_code == 404


@pytest.mark.parametrize(("method", "path", "form"), [p for p in PAGES if "{child}" in p[1]])
@pytest.mark.parametrize("child", ["other", "unknown", "staff"])
def test_child_not_in_the_classroom_is_not_found(
    app: Flask, client: FlaskClient, world: World, method: str, path: str, form: dict | None, child: str
) -> None:
    sign_in_as(client, world, "teacher")
    child_id = {"other": world.other_child.id, "unknown": 999999, "staff": world.teacher.id}[child]
    assert call(client, method, path, form, world.classroom_id, child_id).status_code == 404
    assert count_rows(app, User, User.id == world.other_child.id) == 1


def test_non_numeric_ids_are_not_found(client: FlaskClient, world: World) -> None:
    sign_in_as(client, world, "teacher")
    assert client.get("/classrooms/abc").status_code == 404
    assert client.get(f"/classrooms/{world.classroom_id}/children/abc/withdraw").status_code == 404


def test_every_page_is_guarded(app: Flask) -> None:
    """A new route added to the blueprint without the guard fails here."""
    endpoints = [rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint.startswith("classrooms.")]
    assert len(endpoints) == 7
    for endpoint in endpoints:
        assert app.view_functions[endpoint].required_predicate is can_manage_classes
