"""Discussions in a real browser: a moderator creates a topic; a child opens it, types a post with
a phone number, sees the number highlighted before anything is sent, taps "Remove it and send" and
sees the post waiting; a disclosure shows the 111 message and opens a case in the same request.
axe finds nothing on the staff topic pages, the topic page, the check step, the report page and the
caring page. (A moderator approving the post is the queue's journey.)"""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from forum.discussions.models import Post, PostStatus
from forum.extensions import db
from forum.safeguarding.models import SafeguardingCase
from tests.discussions.conftest import make_post, make_topic
from tests.surveys.conftest_taking import make_consultation

PHONE_POST = "Em muốn có thêm sân chơi, gọi em 0912 345 678"
DISCLOSURE = "bố em hay đánh em"


@pytest.fixture
def consultation_id(app, world) -> int:  # type: ignore[no-untyped-def]
    with app.app_context():
        consultation = make_consultation()
        other = make_topic(consultation, "Đường đến trường", "The way to school")
        make_post(other, world.other_child.id, "Em muốn có vạch kẻ đường trước cổng trường.")
        db.session.commit()
        return consultation.id


@pytest.fixture
def no_script_errors(page: Page):  # type: ignore[no-untyped-def]
    """Fails on any script or console error (a CSP violation, a missing file...); pages answered
    with a 4xx on purpose are logged by Chromium and are fine."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and not re.search(r"status of 4\d\d", message.text)
            else None
        ),
    )
    yield errors
    assert errors == []


def _english(page: Page, live_server: str, path: str) -> None:
    page.goto(live_server + path)
    page.get_by_role("button", name="English").click()


def _staff_sign_in(page: Page, live_server: str, login) -> None:  # type: ignore[no-untyped-def]
    _english(page, live_server, "/accounts/sign-in")
    page.fill("#username", login.username)
    page.fill("#password", login.password)
    page.locator("main").get_by_role("button", name="Sign in").click()


def _child_sign_in(page: Page, live_server: str, code: str) -> None:
    _english(page, live_server, "/accounts/card")
    page.fill("#code", code)
    page.click("#card-submit")
    expect(page).to_have_url(live_server + "/children/")


def _posts(app, child_id: int) -> list[Post]:  # type: ignore[no-untyped-def]
    with app.app_context():
        posts = list(db.session.scalars(sa.select(Post).where(Post.author_id == child_id).order_by(Post.id)))
        db.session.expunge_all()
        return posts


def test_a_moderator_creates_a_topic_and_a_child_posts_safely(
    page: Page, live_server, app, world, consultation_id, a11y, no_script_errors
):
    # The moderator's topic pages.
    _staff_sign_in(page, live_server, world.moderator)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Discussion topics").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Discussion topics")
    a11y.check(page)
    page.locator(f'a[href="/discussions/manage/consultations/{consultation_id}"]').click()
    a11y.check(page)
    page.get_by_role("link", name="New topic").click()
    a11y.check(page)
    page.get_by_role("button", name="Save the topic").click()
    expect(page.locator(".notice[role=alert]")).to_contain_text("Please give the topic a title in Vietnamese.")
    a11y.check(page)
    page.fill("#title_vi", "Sân chơi em mơ ước")
    page.fill("#title_en", "My dream playground")
    page.fill("#prompt_vi", "Ở gần nhà em cần thêm gì để vui chơi?")
    expect(page.locator("#mode-0")).to_be_checked()  # pre-moderation by default
    page.get_by_role("button", name="Save the topic").click()
    expect(page.locator(".flash--success")).to_contain_text("The topic is saved.")
    expect(page.locator("table")).to_contain_text("My dream playground")
    a11y.check(page)
    page.get_by_role("button", name="Sign out").click()

    # The child finds the topic on their page and opens it.
    _child_sign_in(page, live_server, world.child.code)
    section = page.locator(".home-discussions")
    expect(section).to_contain_text("My dream playground")
    a11y.check(page)
    section.locator(".topic-card", has_text="My dream playground").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("My dream playground")
    a11y.check(page)

    # A post with a phone number: shown highlighted before anything is saved.
    page.get_by_role("textbox", name="Your idea").fill(PHONE_POST)
    expect(page.locator("[data-counter]")).to_contain_text(f"{len(PHONE_POST)} of 1000 characters used")
    page.get_by_role("button", name="Send my idea").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Before you send")
    mark = page.locator("mark.post-mark")
    expect(mark).to_have_text("0912 345 678")
    expect(page.locator(".post-mark__label")).to_have_text(" (phone number)")
    assert _posts(app, world.child.id) == []
    a11y.check(page)
    page.get_by_role("button", name="Remove it and send").click()

    # The post waits for a moderator, without the number.
    expect(page.locator(".flash--success")).to_contain_text("A grown-up will read your post soon")
    own = page.locator("article.post--own")
    expect(own).to_contain_text("Waiting for a moderator")
    expect(own.locator(".post__body")).to_have_text("Em muốn có thêm sân chơi, gọi em")
    [post] = _posts(app, world.child.id)
    assert post.status is PostStatus.PENDING and "0912" not in post.body
    a11y.check(page)

    # A disclosure: the caring page with 111, and a case for the safeguarding lead, at once.
    page.get_by_role("textbox", name="Your idea").fill(DISCLOSURE)
    page.get_by_role("button", name="Send my idea").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you for telling us. You are not alone.")
    expect(page.locator("main a.hotline")).to_have_attribute("href", "tel:111")
    a11y.check(page)
    with app.app_context():
        case = db.session.scalars(sa.select(SafeguardingCase)).one()
        assert case.source_text == DISCLOSURE and case.child_id == world.child.id


def test_a_child_agrees_and_reports_in_another_topic(
    page: Page, live_server, app, world, consultation_id, a11y, no_script_errors
):
    _child_sign_in(page, live_server, world.child.code)
    page.locator(".topic-card", has_text="The way to school").get_by_role("link").click()
    post = page.locator("article.post", has_text="vạch kẻ đường")
    post.get_by_role("button", name=re.compile("I agree")).click()
    expect(page.locator(".flash--success")).to_contain_text("You agree with this post")
    expect(post).to_contain_text("1 child agrees")
    a11y.check(page)
    post.get_by_role("link", name=re.compile("This worries me")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("This worries me")
    a11y.check(page)
    page.get_by_role("button", name="Tell a grown-up").click()
    expect(page.locator(".notice[role=alert], .field__error").first).to_be_visible()
    page.get_by_text("It is unkind or mean").click()
    page.get_by_role("button", name="Tell a grown-up").click()
    expect(page.locator(".flash--success")).to_contain_text("Thank you for telling us")
    expect(page.locator("article.post", has_text="vạch kẻ đường")).to_contain_text("You told us this worries you.")

    # Rude words come back highlighted, with the text kept.
    page.get_by_role("textbox", name="Your idea").fill("đm sân chơi chán quá")
    page.get_by_role("button", name="Send my idea").click()
    expect(page.locator("#post-problem")).to_contain_text("Please say it again in a kinder way")
    expect(page.locator("#post-problem mark")).to_have_text("đm")
    expect(page.get_by_role("textbox", name="Your idea")).to_have_value("đm sân chơi chán quá")
    a11y.check(page)
