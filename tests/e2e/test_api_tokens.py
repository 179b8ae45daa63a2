"""A policy officer creates an API token, copies it (shown once), uses it, and revokes it; every
token page passes axe."""

from __future__ import annotations

import re
import urllib.request
from urllib.error import HTTPError

from playwright.sync_api import Page, expect


def _get(url: str, token: str) -> int:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})  # noqa: S310 (loopback only)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return int(response.status)
    except HTTPError as error:
        return error.code


def test_policy_officer_creates_uses_and_revokes_a_token(page: Page, live_server, world, a11y):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    page.goto(live_server + "/accounts/sign-in")
    page.get_by_role("button", name="English").click()
    page.fill("#username", world.policy.username)
    page.fill("#password", world.policy.password)
    page.locator("main").get_by_role("button", name="Sign in").click()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="API").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("API tokens")
    a11y.check(page)

    # Sent without a name first: the error state passes axe too.
    page.get_by_role("button", name="Create the token").click()
    expect(page.locator(".field__error")).to_contain_text("Give the token a name")
    a11y.check(page)

    page.fill("#name", "Bảng tính báo cáo")
    page.get_by_role("button", name="Create the token").click()
    expect(page.get_by_role("alert")).to_contain_text("shown only this once")
    secret = page.input_value("#api-token-secret")
    assert re.fullmatch(r"tnte_[A-Za-z0-9_-]{43}", secret)
    page.get_by_role("button", name="Copy the token").click()
    expect(page.get_by_role("status")).to_contain_text("Copied.")
    assert page.evaluate("() => navigator.clipboard.readText()") == secret
    a11y.check(page)

    assert _get(live_server + "/api/v1/consultations", secret) == 200

    page.get_by_role("link", name="I have copied it").click()
    row = page.get_by_role("row", name=re.compile("Bảng tính báo cáo"))
    expect(row).to_contain_text(secret[:11])
    assert secret not in page.content()
    row.get_by_role("link", name=re.compile("Revoke")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Revoke the token")
    a11y.check(page)
    page.get_by_role("button", name="Yes, revoke the token").click()
    expect(page.locator(".flash--success")).to_contain_text("is revoked")
    expect(page.locator(".empty-state")).to_contain_text("You have no API token yet.")
    a11y.check(page)

    assert _get(live_server + "/api/v1/consultations", secret) == 401
