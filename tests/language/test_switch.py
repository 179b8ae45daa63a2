import pytest


def test_vietnamese_is_the_default(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="vi">' in html
    assert "Đăng nhập" in html


def test_switching_to_english_persists_in_a_cookie(app, client):
    response = client.post("/language/en", data={"next": "/help"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/help"
    cookie = client.get_cookie("lang")
    assert cookie is not None and cookie.value == "en" and cookie.http_only
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)
    # A new session (the browser was closed) still remembers the choice through the cookie.
    other = app.test_client()
    other.set_cookie("lang", "en")
    assert '<html lang="en">' in other.get("/").get_data(as_text=True)


def test_the_choice_survives_signing_in_and_out(client, world, auth):
    client.post("/language/en")
    auth.staff(world.policy)
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)
    client.post("/accounts/sign-out")
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)


def test_switching_back_to_vietnamese(client):
    client.post("/language/en")
    client.post("/language/vi")
    assert '<html lang="vi">' in client.get("/").get_data(as_text=True)


def test_unknown_language_is_404(client):
    assert client.post("/language/fr").status_code == 404


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example", "javascript:alert(1)"])
def test_language_switch_never_redirects_off_site(client, next_url):
    assert client.post("/language/en", data={"next": next_url}).headers["Location"] == "/"


def test_a_forged_cookie_value_is_ignored(app):
    client = app.test_client()
    client.set_cookie("lang", "<script>")
    assert '<html lang="vi">' in client.get("/").get_data(as_text=True)
