"""Staff accounts: listing and filtering, creating, changing (audited), resetting passwords, bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from forum.accounts.models import Role, User
from forum.audit.models import AuditEvent
from forum.database import utcnow
from forum.extensions import db
from tests.builders import PASSWORD
from tests.conftest import Auth

NEW_PASSWORD = "a-brand-new-secret-9"


def _user(app: Flask, user_id: int) -> User:
    with app.app_context():
        user = db.session.get(User, user_id)
        db.session.expunge(user)
        return user


def _by_username(app: Flask, username: str) -> User | None:
    with app.app_context():
        user = db.session.execute(sa.select(User).where(User.username == username)).scalar_one_or_none()
        if user is not None:
            db.session.expunge(user)
        return user


def _events(app: Flask, action: str) -> list[tuple[str, str, str]]:
    with app.app_context():
        return [
            (e.actor_label, e.target, e.detail)
            for e in db.session.execute(sa.select(AuditEvent).where(AuditEvent.action == action)).scalars()
        ]


def _signs_in(app: Flask, username: str, password: str) -> bool:
    response = app.test_client().post("/accounts/sign-in", data={"username": username, "password": password})
    return response.status_code == 302


def _edit_data(**change: str) -> dict[str, str]:
    return {"display_name": "Vũ Thị Mai", "role": "policy", "school": "0", "active": "y"} | change


# Listing ------------------------------------------------------------------------------------


def test_the_list_shows_staff_and_never_children(app: Flask, admin_client, world) -> None:
    page = admin_client.get("/admin/staff").get_data(as_text=True)
    for username in ("admin", "teacher", "teacher2", "moderator", "policy"):
        assert f">{username}</a>" in page
    assert world.child.pseudonym not in page and world.other_child.pseudonym not in page
    assert "<caption>5 staff accounts</caption>" in page
    assert "safeguarding lead" in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"role": "teacher"}, ["teacher", "teacher2"], ["policy", "moderator", "admin"]),
        ({"role": "moderator"}, ["moderator"], ["teacher", "policy"]),
        ({"q": "TEACH"}, ["teacher", "teacher2"], ["policy"]),
        ({"q": "policy test"}, ["policy"], ["teacher", "admin"]),  # the display name, any case
        ({"role": "admin", "q": "teach"}, [], ["teacher", "admin"]),
    ],
)
def test_filters_by_role_and_search(admin_client, world, query, shown, hidden) -> None:
    response = admin_client.get("/admin/staff", query_string=query)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for username in shown:
        assert f">{username}</a>" in page
    for username in hidden:
        assert f">{username}</a>" not in page
    if not shown:
        assert "No staff account matches these filters." in page


@pytest.mark.parametrize("query", [{"role": "child"}, {"role": "king"}, {"q": "x" * 65}, {"q": "a\x01b"}])
def test_bad_filters_are_refused(admin_client, world, query) -> None:
    response = admin_client.get("/admin/staff", query_string=query)
    assert response.status_code == 400
    assert "Please check what you typed" in response.get_data(as_text=True)


def test_locked_accounts_and_last_sign_in_are_shown(app: Flask, admin_client, world) -> None:
    with app.app_context():
        db.session.get(User, world.policy.id).locked_until = utcnow() + timedelta(minutes=5)
        db.session.get(User, world.moderator.id).locked_until = utcnow() - timedelta(minutes=5)  # lock is over
        db.session.commit()
    page = admin_client.get("/admin/staff").get_data(as_text=True)
    assert page.count(" Locked</span>") == 1
    assert page.count("Never") == 4  # only the administrator has signed in
    detail = admin_client.get(f"/admin/staff/{world.policy.id}").get_data(as_text=True)
    assert "Locked until" in detail and "This account is locked" in detail
    assert "Locked until" not in admin_client.get(f"/admin/staff/{world.moderator.id}").get_data(as_text=True)


# Creating -----------------------------------------------------------------------------------


def _new(**change: str) -> dict[str, str]:
    return {
        "username": "co.lan",
        "display_name": "Cô Lan",
        "role": "teacher",
        "school": "0",
        "password": NEW_PASSWORD,
        "confirm_password": NEW_PASSWORD,
    } | change


def test_creating_a_teacher(app: Flask, admin_client, world) -> None:
    response = admin_client.post("/admin/staff/new", data=_new(school=str(world.school_id)))
    assert response.status_code == 302
    user = _by_username(app, "co.lan")
    assert user is not None
    assert response.headers["Location"] == f"/admin/staff/{user.id}"
    assert (user.role, user.display_name, user.school_id, user.is_safeguarding_lead) == (
        Role.TEACHER,
        "Cô Lan",
        world.school_id,
        False,
    )
    assert _events(app, "staff_created")[-1] == ("admin", "co.lan", "role=teacher")
    assert _signs_in(app, "co.lan", NEW_PASSWORD)


def test_creating_a_moderator_who_is_a_safeguarding_lead(app: Flask, admin_client, world) -> None:
    data = _new(username="Mod.Two", role="moderator", school=str(world.school_id), is_safeguarding_lead="y")
    assert admin_client.post("/admin/staff/new", data=data).status_code == 302
    user = _by_username(app, "mod.two")
    assert user is not None and user.is_safeguarding_lead and user.school_id is None


def test_safeguarding_lead_means_nothing_for_policy_staff(app: Flask, admin_client, world) -> None:
    assert admin_client.post("/admin/staff/new", data=_new(role="policy", is_safeguarding_lead="y")).status_code == 302
    assert not _by_username(app, "co.lan").is_safeguarding_lead  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"username": ""}, "Please choose a username."),
        ({"username": "x" * 65}, "Use at most 64 characters."),
        ({"username": "co lan"}, "Usernames are 3 to 64 characters"),
        ({"username": "TEACHER"}, "That username is already in use."),
        ({"display_name": "x" * 121}, "Use at most 120 characters."),
        ({"role": "child"}, "Choose one of the options in the list."),
        ({"role": ""}, "Choose one of the options in the list."),
        ({"school": "0"}, "A teacher must belong to a school."),
        ({"school": "999999"}, "Choose one of the options in the list."),
        ({"school": "abc"}, "Choose one of the options in the list."),
        ({"password": "short-9", "confirm_password": "short-9"}, "The password must be 10 to 256 characters long."),
        ({"confirm_password": NEW_PASSWORD + "x"}, "The two passwords are not the same."),
        ({"confirm_password": ""}, "Please type the password again."),
        ({"password": "co.lan-is-my-name", "confirm_password": "co.lan-is-my-name"}, "must not contain the username"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(admin_client, world, snapshot, change, message) -> None:
    before = snapshot()
    data = _new(school=str(world.school_id)) | change
    response = admin_client.post("/admin/staff/new", data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert NEW_PASSWORD not in page  # passwords are never sent back
    assert snapshot() == before


def test_every_mistake_in_the_form_is_shown_at_once(admin_client, world) -> None:
    data = _new(username="cô lan", school="0", password="short", confirm_password="other")
    page = admin_client.post("/admin/staff/new", data=data).get_data(as_text=True)
    for message in (
        "Usernames are 3 to 64 characters",
        "The password must be 10 to 256 characters long.",
        "The two passwords are not the same.",
    ):
        assert message in page
    assert 'value="cô lan"' in page  # what was typed is kept, except the passwords


# Changing -----------------------------------------------------------------------------------


def test_a_role_change_is_saved_and_audited(app: Flask, admin_client, world) -> None:
    data = _edit_data(display_name="Thầy Minh", role="moderator", is_safeguarding_lead="y")
    response = admin_client.post(f"/admin/staff/{world.teacher.id}", data=data)
    assert response.status_code == 302 and response.headers["Location"] == f"/admin/staff/{world.teacher.id}"
    user = _user(app, world.teacher.id)
    assert (user.role, user.display_name, user.school_id, user.is_safeguarding_lead) == (
        Role.MODERATOR,
        "Thầy Minh",
        None,
        True,
    )
    assert _events(app, "role_changed") == [("admin", "teacher", "teacher -> moderator")]


def test_saving_without_a_role_change_writes_no_role_event(app: Flask, admin_client, world) -> None:
    assert admin_client.post(f"/admin/staff/{world.policy.id}", data=_edit_data()).status_code == 302
    assert _events(app, "role_changed") == []
    assert _events(app, "account_changed")[-1][:2] == ("admin", "policy")


def test_the_edit_form_shows_the_current_values(admin_client, world) -> None:
    page = admin_client.get(f"/admin/staff/{world.teacher.id}").get_data(as_text=True)
    assert '<option selected value="teacher">' in page
    assert f'<option selected value="{world.school_id}">' in page
    assert 'value="Teacher Test"' in page


def test_deactivating_signs_the_person_out(app: Flask, admin_client, world) -> None:
    other = app.test_client()
    Auth(other).staff(world.policy)
    assert other.get("/accounts/password").status_code == 200
    assert admin_client.post(f"/admin/staff/{world.policy.id}", data=_edit_data(active="")).status_code == 302
    assert not _user(app, world.policy.id).active
    assert other.get("/accounts/password").status_code == 302
    assert not _signs_in(app, "policy", PASSWORD)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"role": "teacher", "school": "0"}, "A teacher must belong to a school."),
        ({"role": "child"}, "Choose one of the options in the list."),
        ({"display_name": "x" * 121}, "Use at most 120 characters."),
        ({"school": "999999"}, "Choose one of the options in the list."),
    ],
)
def test_bad_changes_are_refused_and_nothing_is_written(admin_client, world, snapshot, change, message) -> None:
    before = snapshot()
    response = admin_client.post(f"/admin/staff/{world.policy.id}", data=_edit_data(**change))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert snapshot() == before


@pytest.mark.parametrize("change", [{"role": "policy"}, {"role": "admin", "active": ""}])
def test_administrators_cannot_demote_or_deactivate_themselves(admin_client, world, snapshot, change) -> None:
    before = snapshot()
    response = admin_client.post(f"/admin/staff/{world.admin.id}", data=_edit_data(**change))
    assert response.status_code == 400
    assert "You cannot remove your own administrator role or deactivate yourself." in response.get_data(as_text=True)
    assert snapshot() == before
    assert admin_client.get("/admin/").status_code == 200  # still an administrator, still signed in


# Resetting a password -----------------------------------------------------------------------


def test_a_password_reset_replaces_the_old_password_and_signs_out_everywhere(app: Flask, admin_client, world) -> None:
    other = app.test_client()
    Auth(other).staff(world.policy)
    data = {"password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD}
    response = admin_client.post(f"/admin/staff/{world.policy.id}/password", data=data)
    assert response.status_code == 302 and response.headers["Location"] == f"/admin/staff/{world.policy.id}"
    assert other.get("/accounts/password").status_code == 302  # the old session has ended
    assert not _signs_in(app, "policy", PASSWORD)
    assert _signs_in(app, "policy", NEW_PASSWORD)
    assert _events(app, "password_reset") == [("admin", "policy", "")]


def test_a_password_reset_lifts_a_lockout(app: Flask, admin_client, world) -> None:
    with app.app_context():
        user = db.session.get(User, world.teacher.id)
        user.locked_until, user.lock_count, user.failed_sign_ins = utcnow() + timedelta(hours=1), 3, 2
        db.session.commit()
    assert not _signs_in(app, "teacher", PASSWORD)
    data = {"password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD}
    assert admin_client.post(f"/admin/staff/{world.teacher.id}/password", data=data).status_code == 302
    user = _user(app, world.teacher.id)
    assert (user.locked_until, user.lock_count, user.failed_sign_ins) == (None, 0, 0)
    assert _signs_in(app, "teacher", NEW_PASSWORD)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"password": "too-short", "confirm_password": "too-short"}, "The password must be 10 to 256 characters long."),
        ({"password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD[:-1]}, "The two passwords are not the same."),
        ({"password": "", "confirm_password": ""}, "Please type a password."),
        ({"password": "x" * 257, "confirm_password": "x" * 257}, "The password must be 10 to 256 characters long."),
        ({"password": "my-policy-pass", "confirm_password": "my-policy-pass"}, "must not contain the username"),
    ],
)
def test_bad_new_passwords_are_refused(app: Flask, admin_client, world, snapshot, data, message) -> None:
    before = snapshot()
    response = admin_client.post(f"/admin/staff/{world.policy.id}/password", data=data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert snapshot() == before
    assert _signs_in(app, "policy", PASSWORD)


def test_your_own_password_is_changed_on_the_password_page(admin_client: FlaskClient, world, snapshot) -> None:
    before = snapshot()
    data = {"password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD}
    response = admin_client.post(f"/admin/staff/{world.admin.id}/password", data=data)
    assert response.status_code == 302 and response.headers["Location"] == "/accounts/password"
    assert snapshot() == before
