"""A child's disclosure opens a case; a safeguarding lead sees the badge, opens the case and
refers it to 111 with a note; an admin tries the word rules. Every page passes axe."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from forum.accounts.models import User
from forum.discussions.models import Topic
from forum.discussions.posting import create_post
from forum.extensions import db
from forum.review.rulesets import check_text
from tests.safeguarding.builders import DISCLOSURE, make_consultation


def _sign_in(page: Page, live_server: str, username: str, password: str) -> None:
    page.goto(live_server + "/accounts/sign-in")
    page.get_by_role("button", name="English").click()
    page.fill("#username", username)
    page.fill("#password", password)
    page.locator("main").get_by_role("button", name="Sign in").click()


def test_a_lead_refers_a_disclosure_to_111(page: Page, app, live_server, world, a11y):
    with app.app_context():
        topic = Topic(consultation=make_consultation(), title={"vi": "Đi học an toàn", "en": "Safe at school"})
        db.session.add(topic)
        db.session.flush()
        create_post(topic, db.session.get(User, world.child.id), DISCLOSURE, check_text(DISCLOSURE))
        db.session.commit()

    _sign_in(page, live_server, world.moderator.username, world.moderator.password)
    badge = page.locator(".site-nav").get_by_role("link", name=re.compile("Safeguarding"))
    expect(badge).to_contain_text("(1")
    badge.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Safeguarding cases"))
    expect(page.locator("tbody tr")).to_have_count(1)
    a11y.check(page)

    page.locator("tbody").get_by_role("link", name=re.compile("Case #")).click()
    expect(page.locator(".flag--safeguarding")).to_contain_text("Bố em đánh em")
    expect(page.locator('a[href="tel:111"]').first).to_be_visible()
    a11y.check(page)

    page.get_by_label("New status").select_option("referred_111")
    page.get_by_label("Note (optional): what was done, who was told").fill("Đã gọi 111, tổng đài viên tiếp nhận.")
    page.get_by_role("button", name="Change the status").click()
    expect(page.locator(".flash--success")).to_contain_text("Referred to 111")
    expect(page.locator(".case-note").last).to_contain_text("Đã gọi 111, tổng đài viên tiếp nhận.")
    expect(page.locator(".case-note").last).to_contain_text("New → Referred to 111")
    expect(badge).to_contain_text("(1")  # referred is still open until a lead closes it
    a11y.check(page)


def test_an_admin_tests_the_word_rules(page: Page, live_server, world, a11y):
    _sign_in(page, live_server, world.admin.username, world.admin.password)
    page.locator(".site-nav").get_by_role("link", name="Word rules").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Word rules"))
    page.get_by_label("Posts to try, one a line").fill("đm bạn\ncác bạn ơi\nsố em là 0912 345 678")
    page.get_by_role("button", name="Check these posts").click()
    expect(page.locator(".verdict")).to_have_count(3)
    expect(page.locator(".verdict").first).to_contain_text("Blocked")
    expect(page.locator(".verdict-json")).to_contain_text('"action": "hold"')
    a11y.check(page)

    page.get_by_role("link", name="Add a rule").click()
    a11y.check(page)
    page.get_by_role("button", name="Save the rule").click()  # empty: the errors are shown
    expect(page.locator(".field__error")).to_contain_text("Please type the word or phrase.")
    a11y.check(page)
