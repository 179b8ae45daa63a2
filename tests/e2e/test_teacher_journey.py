"""A teacher adds children, records consent and prints cards; every page passes axe."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from forum.accounts.cards import ALPHABET

CODE = re.compile(rf"^[{ALPHABET}]{{3}}-[{ALPHABET}]{{3}}-[{ALPHABET}]{{3}}$")


def _sign_in(page: Page, live_server: str, username: str, password: str) -> None:
    page.goto(live_server + "/accounts/sign-in")
    page.get_by_role("button", name="English").click()
    page.fill("#username", username)
    page.fill("#password", password)
    page.locator("main").get_by_role("button", name="Sign in").click()


def test_teacher_adds_children_records_consent_and_prints_cards(page: Page, live_server, world, a11y):
    _sign_in(page, live_server, world.teacher.username, world.teacher.password)
    expect(page).to_have_url(live_server + "/classrooms/")
    a11y.check(page)

    page.get_by_role("link", name=re.compile("5A")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("5A")
    a11y.check(page)

    page.get_by_role("link", name=re.compile("Add children")).first.click()
    page.fill("textarea", "2016, girl\n2015 nam\nnot a year\n")
    page.get_by_role("button", name="Add these children").click()
    expect(page.locator(".field__error")).to_contain_text("3")
    a11y.check(page)
    page.fill("textarea", "2016, girl\n2015 nam\n2016\n")
    page.get_by_role("button", name="Add these children").click()
    expect(page.locator(".flash--success")).to_contain_text("3")
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(5)  # the world's two children and three new ones
    a11y.check(page)

    # Consent for everyone ticked (all boxes start unticked: tick the three new children).
    boxes = page.locator('tbody input[type="checkbox"]')
    for index in range(boxes.count()):
        boxes.nth(index).check()
    page.fill("#consent-actions input[type=date]", "2026-05-30")
    page.locator("#consent-actions select").select_option("paper")
    page.get_by_role("button", name="Record consent for the ticked children").click()
    expect(page.locator(".flash--success")).to_be_visible()
    a11y.check(page)

    # Print cards for the whole class: the world's children already have cards, so confirm the reissue.
    page.get_by_label("I understand that the old cards of these children will stop working.").check()
    page.get_by_role("button", name="Issue cards for the whole class").click()
    cards = page.locator(".access-card")
    expect(cards).to_have_count(5)
    codes = page.locator(".access-card__code").all_inner_texts()
    assert all(CODE.match(code.strip()) for code in codes), codes
    expect(page.locator(".access-card__qr svg")).to_have_count(5)
    expect(page.get_by_role("button", name="Print the cards")).to_be_visible()
    a11y.check(page)

    # A printed card works: sign out and sign in as that child.
    page.get_by_role("button", name="Sign out").click()
    page.goto(live_server + "/accounts/card")
    page.fill("#code", codes[0].strip())
    page.click("#card-submit")
    expect(page).to_have_url(re.compile(r"/children/"))


def test_admin_pages_pass_axe(page: Page, live_server, world, a11y):
    _sign_in(page, live_server, world.admin.username, world.admin.password)
    for link in ("Areas", "Schools", "Staff", "Audit log"):
        page.goto(live_server + "/admin/")
        page.locator("main").get_by_role("link", name=re.compile(link)).first.click()
        a11y.check(page)


def test_staff_account_pages_and_errors_pass_axe(page: Page, live_server, world, a11y):
    page.goto(live_server + "/accounts/sign-in")
    a11y.check(page)
    page.fill("#username", world.policy.username)
    page.fill("#password", "not-the-password")
    page.locator("main").get_by_role("button").first.click()
    expect(page.locator(".flash--error")).to_be_visible()
    a11y.check(page)
    _sign_in(page, live_server, world.policy.username, world.policy.password)
    a11y.check(page)  # the staff start page
    page.goto(live_server + "/accounts/password")
    a11y.check(page)
    page.goto(live_server + "/no-such-page")
    a11y.check(page)
    page.goto(live_server + "/admin/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("not for you")
    a11y.check(page)
