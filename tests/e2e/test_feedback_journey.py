"""“You said, we did” in a real browser: a policy officer writes feedback for a closed consultation
(two points, one refused at first for want of a reason), previews it, publishes it and opens the
poster; the child who answered the survey signs in with their card, sees it marked New on their home
page and reads it. axe finds nothing on the editor, the child's page or the poster."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from forum.consultations.models import Consultation
from forum.extensions import db
from forum.schools.models import School
from tests.feedback.builders import make_closed_consultation, make_survey_for, submit_response

TITLE = "Play and safety on the way to school"  # the browser reads English


@pytest.fixture
def closed_with_answer(app, world) -> int:  # type: ignore[no-untyped-def]
    """Closed, for ages 9-11 and 12-14 in the world's first school's area; the world's child (10) answered."""
    with app.app_context():
        area = db.session.get(School, world.school_id).area
        consultation = make_closed_consultation(bands=["9-11", "12-14"], areas=[area])
        submit_response(make_survey_for(consultation), world.child.id)
        db.session.commit()
        return consultation.id


def _staff_sign_in(page: Page, live_server: str, username: str, password: str) -> None:
    page.goto(live_server + "/accounts/sign-in")
    page.get_by_role("button", name="English").click()
    page.fill("#username", username)
    page.fill("#password", password)
    page.locator("main").get_by_role("button", name="Sign in").click()


def _add_point(page: Page, said: str, outcome: str, why: str = "") -> None:
    page.get_by_role("link", name="Add a point").click()
    page.get_by_label("What children said, in Vietnamese").fill(said)
    page.get_by_label(outcome, exact=True).check()
    page.get_by_label("What was done, or why not, in Vietnamese").fill(why)
    page.get_by_role("button", name="Save the point").click()


def test_policy_officer_publishes_feedback_and_the_child_reads_it(
    page: Page, live_server, app, world, closed_with_answer, a11y
):
    errors: list[str] = []  # a script error or a CSP violation; the refusals answered 400 on purpose are fine
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if message.type == "error" and "status of 400" not in message.text else None
        ),
    )
    _staff_sign_in(page, live_server, world.policy.username, world.policy.password)
    page.locator(".site-nav").get_by_role("link", name="Feedback to children").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Feedback to children"))
    a11y.check(page)
    page.get_by_role("button", name="Write feedback").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)

    # Publishing too early lists every missing piece.
    page.get_by_role("button", name="Publish the feedback").click()
    problems = page.locator("#problems")
    expect(problems).to_contain_text("Write the summary for children aged 9–11 in Vietnamese.")
    expect(problems).to_contain_text("Write the summary for children aged 12–14 in Vietnamese.")
    expect(problems).to_contain_text("Add at least one point")
    a11y.check(page)

    page.get_by_label("Overall summary in Vietnamese").fill("Cảm ơn các em! Thành phố đã đọc mọi ý kiến.")
    page.get_by_label("For children aged 9–11, in Vietnamese").fill("Sân trường sẽ mở cửa sau giờ học.")
    page.get_by_label("For children aged 9–11, in English").fill("School yards will open after lessons.")
    page.get_by_label("For children aged 12–14, in Vietnamese").fill("Thành phố sẽ mở sân thể thao của trường.")
    page.get_by_role("button", name="Save the summaries").click()
    expect(page.locator(".flash--success")).to_contain_text("The summaries are saved.")

    _add_point(page, "Mở cửa sân trường sau giờ học.", "Adopted", "Từ tháng Chín, sân mở đến 18 giờ.")
    expect(page.locator(".flash--success")).to_contain_text("Point 1 is saved.")
    _add_point(page, "Xây thêm bể bơi ở mỗi trường.", "Not adopted")
    expect(page.locator("#error-summary")).to_contain_text("Children deserve a reason")
    a11y.check(page)
    page.get_by_label("What was done, or why not, in Vietnamese").fill(
        "Năm nay chưa đủ kinh phí; thành phố sẽ xem xét lại vào năm sau."
    )
    page.get_by_role("button", name="Save the point").click()
    expect(page.locator("tbody tr")).to_have_count(2)
    a11y.check(page)

    page.get_by_role("link", name="Ages 9–11").click()
    expect(page.locator(".feedback-preview")).to_contain_text("Sân trường sẽ mở cửa sau giờ học.")
    a11y.check(page)
    page.get_by_role("link", name="Back to the feedback").click()

    page.get_by_role("button", name="Publish the feedback").click()
    expect(page.locator(".flash--success")).to_contain_text("The feedback is published")
    page.get_by_role("link", name="Printable version for schools").click()
    poster = page.locator(".feedback-poster")
    expect(poster).to_contain_text("Xây thêm bể bơi ở mỗi trường.")
    expect(poster).to_contain_text("111")
    expect(poster.locator(".feedback-poster__qr svg")).to_be_visible()
    expect(page.get_by_role("button", name="Print the poster")).to_be_visible()  # print.js shows it
    a11y.check(page)
    page.get_by_role("button", name="Sign out").click()

    # The child who answered the survey.
    page.goto(live_server + "/accounts/card")
    page.fill("#code", world.child.code)
    page.click("#card-submit")
    expect(page).to_have_url(live_server + "/children/")
    card = page.locator(".feedback-card")
    expect(card).to_contain_text(TITLE)
    expect(card.locator(".feedback-card__new")).to_be_visible()
    a11y.check(page)
    card.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    expect(page.locator(".feedback-summary")).to_contain_text("School yards will open after lessons.")
    points = page.locator(".feedback-point")
    expect(points).to_have_count(2)
    expect(points.nth(1)).to_contain_text("Năm nay chưa đủ kinh phí")
    a11y.check(page)
    page.get_by_role("link", name=re.compile("Back to my page|Về trang của em")).click()
    expect(page.locator(".feedback-card__new")).to_have_count(0)
    with app.app_context():
        assert db.session.get(Consultation, closed_with_answer).status.value == "feedback_published"
    assert errors == []
