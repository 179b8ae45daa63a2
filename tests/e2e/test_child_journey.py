"""A child signs in with a card, finds help, switches language, and every page passes axe."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from forum.accounts.cards import format_code


def test_child_signs_in_with_a_dashed_code_and_finds_help(page: Page, live_server, world, a11y):
    page.goto(live_server + "/")
    a11y.check(page)
    page.get_by_role("link", name=re.compile("Đăng nhập bằng thẻ")).first.click()
    expect(page).to_have_url(live_server + "/accounts/card")
    a11y.check(page)
    page.fill("#code", format_code(world.child.code))
    page.click("#card-submit")
    expect(page).to_have_url(live_server + "/children/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(world.child.pseudonym)
    a11y.check(page)

    help_button = page.locator(".help-button")
    expect(help_button).to_contain_text("Cần giúp đỡ? Gọi 111")
    help_button.click()
    expect(page).to_have_url(live_server + "/help")
    expect(page.locator('a[href="tel:111"]').first).to_be_visible()
    a11y.check(page)

    for path in ("/children/my-data", "/children/privacy"):
        page.goto(live_server + path)
        a11y.check(page)


def test_child_types_the_code_in_lower_case_without_dashes(page: Page, live_server, world, a11y):
    page.goto(live_server + "/accounts/card")
    page.locator("#code").press_sequentially(world.young_child.code.lower())
    page.click("#card-submit")
    expect(page).to_have_url(live_server + "/children/")
    a11y.check(page)


def test_a_wrong_code_is_explained(page: Page, live_server, world, a11y):
    page.goto(live_server + "/accounts/card")
    page.fill("#code", "ZZZ-ZZZ-ZZZ")
    page.click("#card-submit")
    expect(page.locator(".field__error")).to_be_visible()
    a11y.check(page)


def test_the_qr_link_fills_in_the_code_and_hides_it(page: Page, live_server, world):
    page.goto(live_server + "/accounts/card#code=" + format_code(world.child.code))
    expect(page.locator("#code")).to_have_value(format_code(world.child.code))
    assert "#code" not in page.url
    page.click("#card-submit")
    expect(page).to_have_url(live_server + "/children/")


def test_switching_language_persists(page: Page, live_server, world, a11y):
    page.goto(live_server + "/help")
    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(live_server + "/help")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".help-button")).to_contain_text("Need help? Call 111")
    a11y.check(page)
    page.goto(live_server + "/accounts/card")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.fill("#code", format_code(world.child.code))
    page.click("#card-submit")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    a11y.check(page)
    page.get_by_role("button", name="Tiếng Việt").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")


def test_a_child_can_use_the_site_with_the_keyboard(page: Page, live_server, world):
    page.goto(live_server + "/accounts/card")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.locator("#code").focus()
    page.keyboard.type(world.child.code)
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server + "/children/")
