"""Children take a survey in a real browser: a 7-year-old one question per screen (read-aloud,
keyboard, a reload and a return from the home page), a double-clicked submit that stores one
response, a 14-year-old on one page; axe finds nothing on any survey screen."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from forum.extensions import db
from forum.surveys.models import Answer, Response, ResponseStatus
from tests.surveys.conftest_taking import ALL_TYPES, FIVE, make_child_login, make_consultation, make_survey

NEXT = 'main button[name="action"][value="next"]'
BACK = 'main button[name="action"][value="back"]'
FLAT = [{key: value for key, value in q.items() if key != "condition"} for q in ALL_TYPES]


@pytest.fixture
def five(app, world):  # type: ignore[no-untyped-def]
    with app.app_context():
        seven = make_child_login(app, 7, world.classroom_id)
        teen = make_child_login(app, 14, world.classroom_id)
        survey = make_survey(make_consultation(), FIVE)
        db.session.commit()
        return seven, teen, survey.id


@pytest.fixture
def no_script_errors(page: Page):  # type: ignore[no-untyped-def]
    """Fails the test on any script error or console error (a CSP violation, a missing file...); a page
    answered with 400 on purpose (an answer to look at again) is logged by Chromium and is fine."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if message.type == "error" and "status of 400" not in message.text else None
        ),
    )
    yield errors
    assert errors == []


def _sign_in(page: Page, live_server: str, code: str) -> None:
    page.goto(live_server + "/accounts/card")
    page.fill("#code", code)
    page.click("#card-submit")
    expect(page).to_have_url(live_server + "/children/")


def _stored(app, survey_id: int) -> tuple[list[Response], int]:  # type: ignore[no-untyped-def]
    with app.app_context():
        responses = list(db.session.execute(sa.select(Response).where(Response.survey_id == survey_id)).scalars())
        answers = db.session.execute(sa.select(sa.func.count()).select_from(Answer)).scalar_one()
        db.session.expunge_all()
        return responses, answers


def _read_aloud_is_graceful(page: Page) -> None:
    """Buttons on the question and every answer are in the page; without a voice they stay hidden."""
    buttons = page.locator("button.read-aloud")
    assert buttons.count() >= 2
    has_voice = page.evaluate(
        """() => !!window.speechSynthesis && speechSynthesis.getVoices()
            .some(v => v.lang.toLowerCase().startsWith(document.documentElement.lang))"""
    )
    for index in range(buttons.count()):
        if has_voice:
            expect(buttons.nth(index)).to_be_visible()
        else:
            expect(buttons.nth(index)).to_be_hidden()
    assert page.locator('button.read-aloud[aria-pressed="false"]').count() == buttons.count()


def test_a_seven_year_old_answers_one_question_per_screen(page: Page, live_server, app, five, a11y, no_script_errors):
    seven, _, survey_id = five
    _sign_in(page, live_server, seven.code)
    card = page.locator(".survey-card")
    expect(card).to_contain_text("Sân chơi và an toàn trên đường đến trường")
    expect(card).to_contain_text("Người lớn muốn biết em thích chơi ở đâu.")  # the 6-8 summary
    expect(card).to_contain_text("Ủy ban nhân dân thành phố")
    a11y.check(page)

    card.locator(f'a[href="/surveys/{survey_id}"]').click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sân chơi của em")
    expect(page.locator("input[name=layout]")).to_have_count(0)  # the youngest: always one per screen
    a11y.check(page)
    page.locator("main form button[type=submit]").click()

    # 1. Smiley scale: focus is on the question; read-aloud is there; answering needs a face.
    expect(page).to_have_url(f"{live_server}/surveys/{survey_id}/answer?q=fun")
    heading = page.locator("h1[data-question-heading]")
    expect(heading).to_have_text("Em thấy sân chơi ở trường thế nào?")
    expect(heading).to_be_focused()
    expect(page.locator(".survey-progress__label")).to_contain_text("1")
    expect(page.locator("progress")).to_have_attribute("value", "1")
    expect(page.locator("img.smiley")).to_have_count(3)
    _read_aloud_is_graceful(page)
    a11y.check(page)
    page.locator(NEXT).click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    a11y.check(page)

    # Keyboard only: Tab to the faces, arrow to the second, Enter sends the form (Next is the default button).
    page.locator("#q-fun-1").focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#q-fun-2")).to_be_checked()
    page.keyboard.press("Enter")

    # 2. Single choice: "street" shows the conditional question.
    expect(page).to_have_url(re.compile(r"\?q=where$"))
    expect(page.locator("h1[data-question-heading]")).to_be_focused()
    a11y.check(page)
    page.get_by_text("Ngoài đường", exact=True).click()
    page.locator(NEXT).click()

    # 3. Yes / no / not sure, shown because of the answer before; Back keeps answers.
    expect(page).to_have_url(re.compile(r"\?q=safe$"))
    expect(page.locator(".survey-progress__label")).to_contain_text("3")
    expect(page.locator("progress")).to_have_attribute("max", "5")
    a11y.check(page)
    page.get_by_text("Chưa chắc", exact=True).click()
    page.locator(BACK).click()
    expect(page).to_have_url(re.compile(r"\?q=where$"))
    expect(page.locator("#q-where-street")).to_be_checked()
    page.locator(NEXT).click()
    expect(page.locator("#q-safe-not_sure")).to_be_checked()
    page.locator(NEXT).click()

    # 4. Stars. A reload keeps the child on this screen; leaving and coming back resumes here.
    expect(page).to_have_url(re.compile(r"\?q=stars$"))
    page.reload()
    expect(page).to_have_url(re.compile(r"\?q=stars$"))
    a11y.check(page)
    page.goto(live_server + "/children/")
    expect(page.locator(".survey-card--started")).to_have_count(1)
    page.locator(f'.survey-card a[href="/surveys/{survey_id}"]').click()
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"\?q=stars$"))
    page.locator('label[for="q-stars-4"]').click()
    page.locator(NEXT).click()

    # 5. Long text: the moderator note, a counter, and an autosave when leaving the field.
    expect(page).to_have_url(re.compile(r"\?q=ideas$"))
    expect(page.locator(".text-note")).to_be_visible()
    textarea = page.locator("textarea")
    textarea.fill("Thêm cây xanh và cầu trượt")
    expect(page.locator(".char-count")).to_contain_text("26")
    expect(page.locator(".char-count")).to_contain_text("2000")
    page.locator("h1").click()  # leave the field
    expect(page.locator("[data-save-status]")).not_to_be_empty(timeout=15_000)  # a loaded CI machine
    responses, _ = _stored(app, survey_id)
    assert responses[0].draft["ideas"] == "Thêm cây xanh và cầu trượt"
    a11y.check(page)
    page.locator(NEXT).click()

    # Review, then a double click on "Send": one response, the same thank-you.
    expect(page).to_have_url(f"{live_server}/surveys/{survey_id}/review")
    expect(page.locator(".review-list__item")).to_have_count(5)
    expect(page.locator(".review-list")).to_contain_text("Thêm cây xanh và cầu trượt")
    a11y.check(page)
    page.locator("[data-submit-answers]").dblclick()
    expect(page).to_have_url(f"{live_server}/surveys/{survey_id}/thanks")
    expect(page.locator("main")).to_contain_text("Ủy ban nhân dân thành phố")
    a11y.check(page)
    responses, answers = _stored(app, survey_id)
    assert len(responses) == 1 and responses[0].status is ResponseStatus.SUBMITTED
    assert responses[0].age_band == "6-8"
    assert answers == 5
    page.goto(f"{live_server}/surveys/{survey_id}/review")  # a retry from an old tab
    expect(page).to_have_url(f"{live_server}/surveys/{survey_id}/thanks")
    page.goto(live_server + "/children/")
    expect(page.locator(".survey-card--done")).to_have_count(1)
    assert _stored(app, survey_id)[1] == 5


def test_a_child_still_waiting_for_a_parents_yes_is_told_kindly(page: Page, live_server, app, world, five, a11y):
    _, _, survey_id = five
    with app.app_context():
        waiting = make_child_login(app, 10, world.classroom_id, guardian_consent=False)
    _sign_in(page, live_server, waiting.code)
    response = page.goto(f"{live_server}/surveys/{survey_id}")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_contain_text("Em chưa thể trả lời")
    expect(page.get_by_role("link", name=re.compile("Về trang của em"))).to_be_visible()
    a11y.check(page)


def test_a_fourteen_year_old_answers_on_one_page(page: Page, live_server, app, five, a11y, no_script_errors):
    _, teen, survey_id = five
    _sign_in(page, live_server, teen.code)
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator(f'.survey-card a[href="/surveys/{survey_id}"]').click()
    page.get_by_text("All questions on one page", exact=True).click()
    a11y.check(page)
    page.get_by_role("button", name=re.compile("Start")).click()
    expect(page).to_have_url(f"{live_server}/surveys/{survey_id}/answer")
    expect(page.locator("fieldset.survey-question")).to_have_count(4)  # "safe" waits for its condition
    a11y.check(page)

    page.get_by_text("Very happy", exact=True).click()
    page.get_by_text("Street", exact=True).click()
    page.get_by_text("5 of 5 stars", exact=True).click()
    page.locator("textarea").fill("A zebra crossing by the school gate")
    page.get_by_role("button", name=re.compile("Check my answers")).click()
    expect(page).to_have_url(f"{live_server}/surveys/{survey_id}/answer#q-safe")
    expect(page.locator(".flash")).to_contain_text("Some more questions appeared")
    expect(page.locator("#q-safe")).to_be_visible()
    expect(page.locator("textarea")).to_have_value("A zebra crossing by the school gate")
    a11y.check(page)
    page.locator("#q-safe").get_by_text("No", exact=True).click()
    page.get_by_role("button", name=re.compile("Check my answers")).click()

    expect(page).to_have_url(f"{live_server}/surveys/{survey_id}/review")
    a11y.check(page)
    page.get_by_role("button", name=re.compile("Send my answers")).click()
    expect(page).to_have_url(f"{live_server}/surveys/{survey_id}/thanks")
    a11y.check(page)
    responses, answers = _stored(app, survey_id)
    assert len(responses) == 1 and responses[0].age_band == "12-14" and answers == 5


def test_every_question_type_passes_axe_and_ranking_moves_with_buttons(
    page: Page, live_server, app, world, a11y, no_script_errors
):
    with app.app_context():
        teen = make_child_login(app, 15, world.classroom_id)
        survey = make_survey(make_consultation(), FLAT)
        db.session.commit()
        survey_id = survey.id
    _sign_in(page, live_server, teen.code)
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto(f"{live_server}/surveys/{survey_id}")
    page.get_by_text("All questions on one page", exact=True).click()
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".survey-question")).to_have_count(len(FLAT))
    a11y.check(page)

    ranking = page.locator("#q-rank")
    benches = ranking.locator(".ranking-item", has_text="Benches")
    benches.get_by_role("button", name="Move up").click()
    benches.get_by_role("button", name="Move up").click()
    expect(page.locator("#q-rank-benches")).to_have_value("1")
    expect(page.locator("#q-rank-slides")).to_have_value("2")
    expect(page.locator("#q-rank-trees")).to_have_value("")
    expect(benches.get_by_role("button", name="Move up")).to_be_focused()
    expect(page.locator("[data-ranking-status]")).to_contain_text("Benches")

    page.get_by_role("button", name=re.compile("Check my answers")).click()
    expect(page.locator("[data-error-summary]")).to_be_focused()  # "fun" needs an answer
    expect(page.locator("#q-rank-benches")).to_have_value("1")
    a11y.check(page)
    page.locator("#q-fun").get_by_text("Happy", exact=True).click()
    page.get_by_role("button", name=re.compile("Check my answers")).click()
    expect(page).to_have_url(f"{live_server}/surveys/{survey_id}/review")
    expect(page.locator(".answer-ranking li")).to_have_text(["Benches", "Slides"])
    a11y.check(page)


# A stand-in for the browser's speech synthesis: no voice at first, a Vietnamese one after "voiceschanged".
FAKE_SPEECH = """
(() => {
  const voices = [];
  const listeners = [];
  window.spoken = [];
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
  const synth = {
    speaking: false,
    getVoices: () => voices.slice(),
    addEventListener: (type, listener) => { if (type === "voiceschanged") listeners.push(listener); },
    speak: (utterance) => { window.spoken.push([utterance.text, utterance.lang]); window.current = utterance; },
    cancel: () => { window.cancelled = (window.cancelled || 0) + 1; },
  };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  window.addVoice = (lang) => {
    voices.push({ lang: lang, name: "Test " + lang, localService: true, default: true });
    listeners.forEach((listener) => listener());
  };
})();
"""


def test_read_aloud_appears_with_a_voice_and_reads_in_the_page_language(page: Page, live_server, app, five):
    seven, _, survey_id = five
    page.add_init_script(FAKE_SPEECH)
    _sign_in(page, live_server, seven.code)
    page.goto(f"{live_server}/surveys/{survey_id}")
    page.locator("main form button[type=submit]").click()
    buttons = page.locator("button.read-aloud")
    expect(buttons.first).to_be_hidden()
    page.evaluate("addVoice('en-US')")  # not the page's language: still hidden
    expect(buttons.first).to_be_hidden()
    page.evaluate("addVoice('vi-VN')")
    expect(buttons.first).to_be_visible()
    question = page.get_by_role("button", name="Đọc to câu hỏi").or_(
        page.get_by_role("button", name="Read the question aloud")
    )
    question.click()
    expect(question).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("spoken") == [["Em thấy sân chơi ở trường thế nào?", "vi-VN"]]
    page.evaluate("current.onend()")
    expect(question).to_have_attribute("aria-pressed", "false")
    answer = page.locator('button.read-aloud[data-read-aloud="q-fun-2-label"]')
    answer.click()
    assert page.evaluate("spoken")[-1] == ["Vui", "vi-VN"]
    answer.click()  # pressing again stops
    expect(answer).to_have_attribute("aria-pressed", "false")
    assert not page.locator("#q-fun-2").is_checked()  # the button is not part of the answer's label
    page.locator('label[for="q-fun-3"]').click()
    page.locator(NEXT).click()
    expect(page).to_have_url(re.compile(r"\?q=where$"))
