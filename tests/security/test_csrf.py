import re

import pytest


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True}


def _token(html):
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"', html)


def test_forms_without_a_token_are_refused(client, world):
    client.set_cookie("lang", "en")
    response = client.post("/accounts/sign-in", data={"username": "admin", "password": world.admin.password})
    assert response.status_code == 400
    assert "This form had expired" in response.get_data(as_text=True)


def test_forms_with_the_token_work(client, world):
    match = _token(client.get("/accounts/sign-in").get_data(as_text=True))
    token = match.group(1) or match.group(2)
    response = client.post(
        "/accounts/sign-in", data={"username": "admin", "password": world.admin.password, "csrf_token": token}
    )
    assert response.status_code == 302


@pytest.mark.parametrize("path", ["/language/en", "/accounts/sign-out", "/accounts/card", "/children/my-data/erase"])
def test_every_post_needs_the_token(client, path):
    assert client.post(path).status_code == 400


def test_a_token_from_another_session_is_refused(app, client, world):
    other = app.test_client()
    match = _token(other.get("/accounts/sign-in").get_data(as_text=True))
    token = match.group(1) or match.group(2)
    response = client.post(
        "/accounts/sign-in", data={"username": "admin", "password": world.admin.password, "csrf_token": token}
    )
    assert response.status_code == 400
