"""A moderator works the queue in a real browser: sees a child's waiting post, approves it, and the
child sees it published on the topic page; the decision log and suspensions pages, and a survey
answer and a safeguarding item in the queue. axe finds nothing on any moderation page."""

from __future__ import annotations

import re

import sqlalchemy as sa
from playwright.sync_api import Page, expect

from forum.accounts.models import User
from forum.discussions.models import Post, PostStatus
from forum.discussions.posting import create_post
from forum.extensions import db
from forum.review.rulesets import check_text
from forum.review.services import suspend
from tests.review.builders import DISCLOSURE, make_answer_item, make_post_item, make_topic

WAITING = "Em muốn sân chơi có thêm cây xanh và một cái xích đu."


def _sign_in(page: Page, live_server: str, username: str, password: str) -> None:
    page.goto(live_server + "/accounts/sign-in")
    page.get_by_role("button", name="English").click()
    page.fill("#username", username)
    page.fill("#password", password)
    page.locator("main").get_by_role("button", name="Sign in").click()


def test_a_moderator_approves_a_post_and_the_child_sees_it(page: Page, app, live_server, world, a11y):
    with app.app_context():
        topic = make_topic()
        child = db.session.get(User, world.child.id)
        post = create_post(topic, child, WAITING, check_text(WAITING))
        assert post.status is PostStatus.PENDING
        make_post_item(world.other_child.id, DISCLOSURE, topic=topic)
        make_answer_item(world.child.id, "Mỗi tuần nên có một ngày không có bài tập. Gọi em 0912 345 678.")
        suspend(
            db.session.get(User, world.young_child.id),
            db.session.get(User, world.moderator.id),
            reason="repeated_unkind",
            days=1,
        )
        db.session.commit()
        post_id, topic_id = post.id, topic.id

    _sign_in(page, live_server, world.moderator.username, world.moderator.password)
    moderation = page.locator(".site-nav").get_by_role("link", name=re.compile("Moderation"))
    expect(moderation).to_contain_text("(3")
    moderation.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Moderation queue"))
    cards = page.locator(".review-item")
    expect(cards).to_have_count(3)
    expect(cards.first).to_contain_text("A safeguarding case is with the safeguarding leads")
    expect(page.locator(".review-item", has_text=WAITING)).to_contain_text("Pre-moderation")
    a11y.check(page)

    page.locator(".review-item", has_text=WAITING).get_by_role("link", name=re.compile("Item #")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Discussion post")
    page.get_by_role("button", name="Claim it: I am working on this").click()
    expect(page.locator(".flash--success")).to_contain_text("You are working on this item")
    a11y.check(page)
    page.locator("#approve-title").locator("xpath=..").get_by_role("button", name="Approve").click()
    expect(page.locator(".flash--success")).to_contain_text("Approved. It is published.")
    expect(page.locator(".review-item")).to_have_count(2)
    expect(moderation).to_contain_text("(2")

    with app.app_context():
        stored = db.session.get(Post, post_id)
        assert stored.status is PostStatus.PUBLISHED and stored.published_at is not None

    page.locator(".review-item", has_text="0912 345 678").get_by_role("link", name=re.compile("Item #")).click()
    expect(page.locator(".flag--personal_info")).to_contain_text("0912 345 678")
    a11y.check(page)

    page.get_by_role("link", name="Decision log").click()
    expect(page.locator("tbody tr")).to_have_count(2)  # the suspension and the approval
    a11y.check(page)

    page.get_by_role("link", name="Suspensions").click()
    expect(page.locator("tbody tr")).to_have_count(1)
    a11y.check(page)
    page.get_by_role("button", name=re.compile("Lift")).click()
    expect(page.locator(".flash--success")).to_contain_text("The suspension is lifted")
    a11y.check(page)

    # The child sees the post published on the topic page.
    page.locator(".site-nav").get_by_role("button", name="Sign out").click()
    page.goto(live_server + "/accounts/card")
    page.fill("#code", world.child.code)
    page.click("#card-submit")
    page.goto(live_server + f"/discussions/topics/{topic_id}")
    expect(page.locator("main")).to_contain_text(WAITING)
    expect(page.locator("main")).not_to_contain_text("Waiting for a moderator")
    with app.app_context():
        assert db.session.execute(sa.select(sa.func.count()).select_from(Post)).scalar_one() == 2
