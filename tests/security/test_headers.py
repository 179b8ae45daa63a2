import pytest


@pytest.mark.parametrize("path", ["/", "/help", "/accounts/card", "/no-such-page"])
def test_security_headers_on_every_page(client, path):
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cache-Control"] == "no-store"
    assert "Strict-Transport-Security" not in headers


def test_hsts_only_over_https(client):
    headers = client.get("/", base_url="https://localhost").headers
    assert headers["Strict-Transport-Security"].startswith("max-age=")


def test_session_cookie_is_httponly_and_samesite(client, world):
    response = client.post("/accounts/sign-in", data={"username": "admin", "password": world.admin.password})
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize("app_config", [{"SESSION_COOKIE_SECURE": True}])
def test_session_cookie_is_secure_when_configured(client, world, app_config):
    response = client.post(
        "/accounts/sign-in", data={"username": "admin", "password": world.admin.password}, base_url="https://localhost"
    )
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "Secure" in cookie


def test_no_inline_script_or_style_in_pages(client, world, auth):
    auth.card(world.child)
    for path in ("/children/", "/children/my-data", "/children/privacy", "/help"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>" not in html and " style=" not in html and "onclick" not in html
