"""A policy officer creates a consultation, builds a five-question survey with a condition, previews it
for the youngest and an older age band, publishes it and opens the consultation; every page passes axe."""

from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import Page, expect


def _sign_in(page: Page, live_server: str, username: str, password: str) -> None:
    page.goto(live_server + "/accounts/sign-in")
    page.get_by_role("button", name="English").click()
    page.fill("#username", username)
    page.fill("#password", password)
    page.locator("main").get_by_role("button", name="Sign in").click()


def _add_question(page: Page, a11y, kind: str, key: str, text_vi: str, text_en: str, **extra) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("link", name="Add a question").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Add a question")
    page.select_option("#type", kind)
    page.fill("#key", key)
    page.fill("#text_vi", text_vi)
    page.fill("#text_en", text_en)
    for selector, value in extra.get("fill", {}).items():
        page.fill(selector, value)
    for selector, value in extra.get("select", {}).items():
        page.select_option(selector, value)
    for label in extra.get("check", []):
        page.get_by_label(label).check()
    if extra.get("axe"):
        a11y.check(page)
    page.get_by_role("button", name="Save the question").click()
    expect(page.locator(".flash--success")).to_contain_text(f"Question {key} is saved.")


def test_policy_officer_builds_previews_and_publishes_a_survey(page: Page, live_server, world, a11y):
    _sign_in(page, live_server, world.policy.username, world.policy.password)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Consultations").click()
    expect(page).to_have_url(live_server + "/consultations/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Consultations")
    a11y.check(page)

    # A consultation: first sent empty (the error state passes axe too), then filled in.
    page.get_by_role("link", name="New consultation").click()
    a11y.check(page)
    page.get_by_role("button", name="Save the consultation").click()
    expect(page.locator(".notice[role=alert]")).to_contain_text("Please give the consultation a title in Vietnamese.")
    a11y.check(page)
    today = date.today()
    page.fill("#title_vi", "Sân chơi và an toàn trên đường đến trường")
    page.fill("#title_en", "Playgrounds and safety on the way to school")
    page.fill("#question_vi", "Thành phố nên làm gì để đường đến trường an toàn hơn?")
    page.fill("#audience_vi", "Ủy ban nhân dân thành phố")
    page.fill("#summary_6_8_vi", "Em thích chơi ở đâu? Đường đến trường có an toàn không?")
    page.get_by_label("6–8", exact=True).check()
    page.get_by_label("12–14", exact=True).check()
    page.fill("#opens_on", today.isoformat())
    page.fill("#closes_on", (today + timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Save the consultation").click()
    expect(page.locator(".flash--success")).to_contain_text("The consultation is saved.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Playgrounds and safety")
    a11y.check(page)

    # A survey for both bands.
    page.get_by_role("link", name="New survey").click()
    a11y.check(page)
    page.fill("#title_vi", "Con đường đến trường của em")
    page.fill("#title_en", "Your way to school")
    page.get_by_role("button", name="Create the survey").click()
    expect(page.locator(".flash--success")).to_contain_text("The survey is created.")
    a11y.check(page)

    # Five questions; the second is shown only to children who do not walk.
    _add_question(page, a11y, "yes_no", "walk", "Em có đi bộ đến trường không?", "Do you walk to school?", axe=True)
    page.get_by_role("link", name="Add a question").click()
    page.select_option("#type", "single_choice")
    page.fill("#key", "how")
    page.fill("#text_vi", "Em đến trường bằng gì?")
    page.fill("#text_en", "How do you get to school?")
    page.fill("#band_6_8_vi", "Em đi học bằng gì?")
    for index, (key, vi, en) in enumerate(
        (("bike", "Xe đạp", "Bike"), ("bus", "Xe buýt", "Bus"), ("car", "Ô tô", "Car"))
    ):
        page.fill(f"#options-{index}-key", key)
        page.fill(f"#options-{index}-label_vi", vi)
        page.fill(f"#options-{index}-label_en", en)
    expect(page.locator("#max_choices")).to_be_hidden()  # builder.js shows only this type's settings
    page.get_by_role("button", name="Add another option").click()
    expect(page.locator("#options-8-key")).to_be_focused()
    page.select_option("#clauses-0-question", "walk")
    page.select_option("#clauses-0-op", "equals")
    page.fill("#clauses-0-value", "maybe")  # not an option of "walk": refused with a message
    page.get_by_role("button", name="Save the question").click()
    expect(page.locator(".notice[role=alert]")).to_contain_text("uses an option that question walk does not have")
    expect(page.locator("#options-0-key")).to_have_value("bike")  # what was typed is kept
    a11y.check(page)
    page.fill("#clauses-0-value", "no")
    page.get_by_role("button", name="Save the question").click()
    expect(page.locator(".flash--success")).to_contain_text("Question how is saved.")
    _add_question(
        page,
        a11y,
        "smiley",
        "feel",
        "Em thấy sân chơi ở trường thế nào?",
        "How do you feel about the school playground?",
        select={"#points": "5"},
    )
    _add_question(
        page,
        a11y,
        "number",
        "minutes",
        "Em đi mất bao nhiêu phút?",
        "How many minutes does it take?",
        fill={"#number_min": "0", "#number_max": "120"},
        check=["Number: whole numbers only"],
    )
    _add_question(
        page,
        a11y,
        "long_text",
        "ideas",
        "Em muốn thành phố làm gì?",
        "What would you like the city to do?",
        check=["Sensitive: a personal or difficult question"],
    )

    rows = page.locator("tbody tr")
    expect(rows).to_have_count(5)
    expect(page.locator("#question-how")).to_contain_text("Shown if walk is “No”")
    a11y.check(page)

    # Move the smiley question to the top and back.
    page.locator("#question-feel").get_by_role("button", name=re.compile("Up")).click()
    expect(page.locator("tbody tr").nth(1)).to_contain_text("feel")
    page.locator("#question-feel").get_by_role("button", name=re.compile("Down")).click()
    expect(page.locator("tbody tr").nth(2)).to_contain_text("feel")

    # Edit and delete pages pass axe too.
    page.locator("#question-how").get_by_role("link", name=re.compile("Edit")).click()
    expect(page.locator("#clauses-0-value")).to_have_value("no")
    a11y.check(page)
    page.go_back()
    page.locator("#question-ideas").get_by_role("link", name=re.compile("Delete")).click()
    a11y.check(page)
    page.get_by_role("link", name="Cancel").click()

    # Preview as a 6-8-year-old (the simpler wording) and as a 12-14-year-old.
    page.get_by_role("link", name="Ages 6–8").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("6–8")
    expect(page.locator("#preview-survey-title")).to_contain_text("Con đường đến trường của em")
    expect(page.locator("main")).to_contain_text("Em đi học bằng gì?")
    a11y.check(page)
    page.get_by_role("link", name="Ages 12–14").click()
    expect(page.locator("main")).to_contain_text("Em đến trường bằng gì?")
    expect(page.locator("main")).not_to_contain_text("Em đi học bằng gì?")
    a11y.check(page)
    page.get_by_role("link", name="English", exact=True).click()
    expect(page.locator("main")).to_contain_text("How do you get to school?")
    a11y.check(page)
    page.get_by_role("link", name="Back to the survey").click()

    # Publish, then open the consultation after confirming.
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".flash--success")).to_contain_text("The survey is published.")
    expect(page.get_by_role("button", name="Unpublish to edit")).to_be_visible()
    a11y.check(page)
    page.locator("main nav").first.get_by_role("link", name=re.compile("Playgrounds")).click()
    page.get_by_role("link", name="Open the consultation").click()
    a11y.check(page)
    page.get_by_role("button", name="Yes, open the consultation").click()
    expect(page.locator(".flash--success")).to_contain_text("children it is meant for can now answer")
    expect(page.locator("main")).to_contain_text("Open")
    a11y.check(page)
    assert len(a11y.pages) >= 17  # every page above was checked
