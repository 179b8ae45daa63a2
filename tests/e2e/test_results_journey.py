"""A policy officer reads a survey's results: filters by area and age band, opens a breakdown,
downloads a chart as PNG and the workbook as XLSX, then opens the consultation report and prints it.
The results page (with a breakdown open) and the report pass axe."""

from __future__ import annotations

import io
import re
import zipfile

from flask import Flask
from playwright.sync_api import Page, expect

from forum.extensions import db
from forum.schools.models import Area
from tests import builders
from tests.results.results_pages import add_discussion, make_page_world

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _sign_in(page: Page, live_server: str, username: str, password: str) -> None:
    page.goto(live_server + "/accounts/sign-in")
    page.get_by_role("button", name="English").click()
    page.fill("#username", username)
    page.fill("#password", password)
    page.locator("main").get_by_role("button", name="Sign in").click()


def _downloaded(page: Page, link) -> tuple[str, bytes]:  # type: ignore[no-untyped-def]
    with page.expect_download() as info:
        link.click()
    download = info.value
    path = download.path()
    with open(path, "rb") as file:
        return download.suggested_filename, file.read()


def test_policy_officer_filters_downloads_and_prints(page: Page, live_server, app: Flask, world, a11y):
    with app.app_context():
        built = make_page_world()
        add_discussion(built.consultation_id, [builders.make_child(age=12)])
        area_name = db.session.get(Area, built.area_ids[0]).name("en")
        db.session.commit()

    _sign_in(page, live_server, world.policy.username, world.policy.password)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Results").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Results")
    page.get_by_role("link", name="Your playground").click()
    expect(page.locator(".respondents")).to_contain_text("43")

    # Filter by area and age band: 20 children, said in words above the results.
    page.select_option("#area", str(built.area_ids[0]))
    page.select_option("#age_band", "9-11")
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page.locator("#shown-for")).to_contain_text(f"Ages 9–11, {area_name}")
    expect(page.locator(".respondents")).to_contain_text("20")

    # A breakdown of the first question by gender, then axe with it open.
    question = page.locator(f"#q-{built.question_ids['agree']}")
    question.locator("summary").click()
    question.get_by_label("Break down by").select_option("gender")
    question.get_by_role("button", name="Show the breakdown").click()
    expect(page.locator(f"#breakdown-{built.question_ids['agree']} table caption")).to_contain_text("by gender")
    expect(page.locator(f"#breakdown-{built.question_ids['agree']} svg[role=img]")).to_have_count(1)
    a11y.check(page)

    # Downloads keep the filters: a PNG chart and the XLSX workbook.
    name, body = _downloaded(page, page.get_by_role("link", name=re.compile("Chart as PNG")).first)
    assert body.startswith(PNG_MAGIC) and name.endswith("-q1.png")
    name, body = _downloaded(page, page.get_by_role("link", name="Excel workbook (XLSX)"))
    assert name.endswith(".xlsx") and body.startswith(b"PK\x03\x04")
    assert zipfile.ZipFile(io.BytesIO(body)).testzip() is None

    # The report, then as it prints: site chrome and the print button gone, sections kept.
    page.get_by_role("link", name="The consultation report (printable)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Play and safety on the way to school")
    expect(page.get_by_role("button", name="Print the report")).to_be_visible()
    a11y.check(page)
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("button", name="Print the report")).to_be_hidden()
    expect(page.locator("#report-method")).to_be_visible()
    breaks = page.evaluate(
        "() => [...document.querySelectorAll('.report-section')].map(s => getComputedStyle(s).breakBefore)"
    )
    assert breaks[0] != "page" and set(breaks[1:]) == {"page"}
    assert page.evaluate("() => getComputedStyle(document.querySelector('.result-chart')).breakInside") == "avoid"
    assert page.pdf(format="A4").startswith(b"%PDF")
