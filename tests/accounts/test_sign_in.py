from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.accounts.models import User
from forum.audit.models import AuditEvent
from forum.database import utcnow
from forum.extensions import db

GENERIC = "We could not sign you in with that username and password"


def _post(client, username, password):
    return client.post("/accounts/sign-in", data={"username": username, "password": password})


def _english(client):
    client.post("/language/en")


def test_staff_sign_in_and_out(client, world):
    response = _post(client, "teacher", world.teacher.password)
    assert response.status_code == 302
    assert client.get("/classrooms/").status_code == 200
    client.post("/accounts/sign-out")
    assert client.get("/classrooms/").status_code == 302


def test_username_is_case_insensitive(client, world):
    assert _post(client, "  TEACHER ", world.teacher.password).status_code == 302


@pytest.mark.parametrize("username,password", [("teacher", "wrong-password"), ("nobody", "wrong-password")])
def test_one_generic_message_for_unknown_user_and_wrong_password(client, world, username, password):
    _english(client)
    response = _post(client, username, password)
    assert response.status_code == 401
    assert GENERIC in response.get_data(as_text=True)


def test_failures_are_audited(app, client, world):
    _post(client, "teacher", "wrong-password")
    _post(client, "ghost", "wrong-password")
    with app.app_context():
        events = db.session.execute(sa.select(AuditEvent).where(AuditEvent.action == "sign_in_failed")).scalars().all()
        assert {e.target for e in events} == {"teacher", "ghost"}


def test_lockout_after_repeated_failures_refuses_even_the_right_password(app, client, world):
    for _ in range(app.config["SIGN_IN_MAX_FAILURES"]):
        assert _post(client, "teacher", "wrong-password").status_code == 401
    _english(client)
    response = _post(client, "teacher", world.teacher.password)
    assert response.status_code == 401
    assert GENERIC in response.get_data(as_text=True)
    with app.app_context():
        user = db.session.get(User, world.teacher.id)
        assert user.locked_until is not None and user.locked_until > utcnow()
        first_lock = user.locked_until - utcnow()
        user.locked_until = utcnow() - timedelta(seconds=1)  # the lock has passed
        db.session.commit()
    assert _post(client, "teacher", world.teacher.password).status_code == 302
    assert first_lock <= timedelta(seconds=app.config["SIGN_IN_LOCK_SECONDS"])


def test_the_lock_grows_with_each_lockout(app, client, world):
    locks = []
    for _ in range(2):
        for _ in range(app.config["SIGN_IN_MAX_FAILURES"]):
            _post(client, "teacher", "wrong-password")
        with app.app_context():
            user = db.session.get(User, world.teacher.id)
            locks.append(user.locked_until - utcnow())
            user.locked_until = utcnow() - timedelta(seconds=1)
            db.session.commit()
    assert locks[1] > locks[0] * 1.8


@pytest.mark.parametrize("app_config", [{"SIGN_IN_RATE_LIMIT": "3 per minute"}])
def test_failed_sign_ins_are_rate_limited_per_client(client, world, app_config):
    for _ in range(3):
        assert _post(client, "ghost", "wrong-password").status_code == 401
    _english(client)
    response = _post(client, "ghost", "wrong-password")
    assert response.status_code == 429
    assert "Too many tries" in response.get_data(as_text=True)


@pytest.mark.parametrize("app_config", [{"SIGN_IN_RATE_LIMIT": "3 per minute"}])
def test_successful_sign_ins_do_not_use_up_the_limit(client, world, app_config):
    for _ in range(6):
        assert _post(client, "teacher", world.teacher.password).status_code == 302
        client.post("/accounts/sign-out")


def test_over_long_username_is_a_clear_400(client, world):
    _english(client)
    response = _post(client, "x" * 500, "whatever-password")
    assert response.status_code == 400
    assert "too long" in response.get_data(as_text=True)


def test_empty_fields_are_a_clear_400(client, world):
    _english(client)
    response = _post(client, "", "")
    assert response.status_code == 400
    assert "Please enter your username." in response.get_data(as_text=True)


def test_non_utf8_form_bytes_are_a_4xx_not_a_500(client, world):
    response = client.post(
        "/accounts/sign-in",
        data=b"username=\xff\xfe&password=\xc3\x28",
        content_type="application/x-www-form-urlencoded",
    )
    assert 400 <= response.status_code < 500


def test_sign_in_starts_a_new_session(client, world):
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    _post(client, "teacher", world.teacher.password)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert "_user_id" in session


@pytest.mark.parametrize(
    "next_url,expected",
    [
        ("/admin/", "/admin/"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
    ],
)
def test_next_redirect_is_only_ever_local(client, world, next_url, expected):
    response = client.post(
        "/accounts/sign-in",
        query_string={"next": next_url},
        data={"username": "admin", "password": world.admin.password},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_password_change_signs_out_other_devices(app, world):
    phone, laptop = app.test_client(), app.test_client()
    for client in (phone, laptop):
        _post(client, "policy", world.policy.password)
    response = laptop.post(
        "/accounts/password",
        data={
            "current_password": world.policy.password,
            "new_password": "a-brand-new-pass",
            "confirm_password": "a-brand-new-pass",
        },
    )
    assert response.status_code == 302
    assert laptop.get("/accounts/password").status_code == 200  # this device stays signed in
    assert phone.get("/accounts/password").status_code == 302  # the other one is signed out
    laptop.post("/accounts/sign-out")
    assert _post(laptop, "policy", world.policy.password).status_code == 401
    assert _post(laptop, "policy", "a-brand-new-pass").status_code == 302


@pytest.mark.parametrize(
    "current,new,confirm,message",
    [
        ("wrong-current-pass", "a-brand-new-pass", "a-brand-new-pass", "The current password is not right."),
        (None, "short", "short", "must be 10 to 256 characters"),
        (None, "a-brand-new-pass", "another-new-pass", "The two new passwords are not the same."),
        (None, "policy-is-my-name", "policy-is-my-name", "must not contain the username"),
    ],
)
def test_bad_password_changes_are_refused_with_a_message(client, world, current, new, confirm, message):
    _english(client)
    _post(client, "policy", world.policy.password)
    response = client.post(
        "/accounts/password",
        data={"current_password": current or world.policy.password, "new_password": new, "confirm_password": confirm},
    )
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_sign_out_everywhere(app, world):
    first, second = app.test_client(), app.test_client()
    for client in (first, second):
        _post(client, "moderator", world.moderator.password)
    assert first.post("/accounts/sign-out-everywhere").status_code == 302
    assert second.get("/accounts/password").status_code == 302
    assert first.get("/accounts/password").status_code == 302


def test_deactivated_staff_cannot_sign_in(app, client, world):
    with app.app_context():
        db.session.get(User, world.policy.id).active = False
        db.session.commit()
    assert _post(client, "policy", world.policy.password).status_code == 401
