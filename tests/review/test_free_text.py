"""Children's free-text survey answers go through the same rules and the same queue as posts:
every text answer waits for a moderator, a disclosure opens a case and the child is shown who can
help, rude words are refused at the question with a kind request to rephrase."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.review.models import ItemKind, ItemState, ReviewItem, Urgency
from forum.safeguarding.models import CaseSource, SafeguardingCase
from forum.surveys import services
from forum.surveys.models import Answer, Response, ResponseStatus, Survey, TextStatus
from tests.surveys.conftest_taking import Answering, make_consultation, make_survey, texts

QUESTIONS = [
    {
        "key": "fun",
        "type": "smiley",
        "text": texts("Giờ ra chơi thế nào?", "How is break time?"),
        "required": True,
        "settings": {"points": 5},
    },
    {
        "key": "ideas",
        "type": "long_text",
        "text": texts("Em có ý tưởng gì?", "What ideas do you have?"),
        "allow_decline": True,
    },
    {"key": "wish", "type": "short_text", "text": texts("Một điều em ước?", "One wish?")},
]
RUDE = "Sân chơi này chán vcl"
DISCLOSURE = "Bố em đánh em mỗi tối, em sợ lắm."
RUDE_DISCLOSURE = "đm bố em đánh em mỗi tối, em sợ lắm"


@pytest.fixture
def survey_id(app) -> int:  # type: ignore[no-untyped-def]
    with app.app_context():
        survey = make_survey(make_consultation(), QUESTIONS)
        db.session.commit()
        return survey.id


@pytest.fixture
def taking(client, auth, world, survey_id) -> Answering:  # type: ignore[no-untyped-def]
    auth.card(world.child)
    answering = Answering(client, survey_id).english()
    answering.start("steps")
    return answering


def _answer(taking: Answering, ideas: str, wish: str | None = None) -> None:
    taking.answer("fun", "4")
    taking.answer("ideas", ideas)
    taking.answer("wish", wish)


def _items(app) -> list[ReviewItem]:  # type: ignore[no-untyped-def]
    with app.app_context():
        rows = list(db.session.execute(sa.select(ReviewItem).order_by(ReviewItem.id)).scalars())
        for row in rows:
            _ = row.answer.text
        db.session.expunge_all()
        return rows


def _cases(app) -> list[SafeguardingCase]:  # type: ignore[no-untyped-def]
    with app.app_context():
        rows = list(db.session.execute(sa.select(SafeguardingCase)).scalars())
        db.session.expunge_all()
        return rows


def test_every_text_answer_waits_in_the_queue(app, world, taking, survey_id):
    _answer(taking, "Em muốn có thêm cây xanh.", "Gọi em 0912 345 678")
    key = taking.submission_key()
    assert taking.submit(key).status_code == 302
    ideas, wish = _items(app)
    with app.app_context():
        consultation_id = db.session.get(Survey, survey_id).consultation_id
    for item in (ideas, wish):
        assert item.kind is ItemKind.ANSWER and item.state is ItemState.OPEN
        assert item.consultation_id == consultation_id and item.topic_id is None
        assert item.answer.text_status is TextStatus.PENDING
    assert ideas.reasons == ["pre_moderation"] and ideas.urgency == Urgency.ROUTINE.value
    assert wish.reasons == ["personal_info"] and wish.spans[0]["text"] == "0912 345 678"
    assert _cases(app) == []
    thanks = taking.client.get(f"/surveys/{survey_id}/thanks").get_data(as_text=True)
    assert "You are not alone" not in thanks
    # Submitting again (a double click, another tab) queues nothing more.
    assert taking.submit(key).status_code == 302
    assert len(_items(app)) == 2


def test_a_declined_or_skipped_text_question_queues_nothing(app, taking):
    taking.answer("fun", "4")
    taking.answer("ideas", "__declined__")
    taking.answer("wish")
    assert taking.submit().status_code == 302
    assert _items(app) == []


def test_a_disclosure_opens_a_case_at_once_and_the_child_is_shown_who_can_help(app, world, taking, survey_id):
    _answer(taking, DISCLOSURE)
    assert taking.submit().status_code == 302
    [item] = _items(app)
    assert item.urgency == Urgency.SAFEGUARDING.value and "safeguarding" in item.reasons
    [case] = _cases(app)
    assert case.source is CaseSource.ANSWER and case.answer_id == item.answer_id
    assert case.source_text == DISCLOSURE and case.child_id == world.child.id
    assert case.classroom_id == world.classroom_id and case.school_id == world.school_id
    assert "safeguarding" in case.reasons and case.spans
    thanks = taking.client.get(f"/surveys/{survey_id}/thanks").get_data(as_text=True)
    assert "Thank you for telling us. You are not alone." in thanks
    assert 'href="tel:111"' in thanks


def test_rude_words_are_refused_at_the_question_keeping_what_was_typed(app, taking):
    taking.answer("fun", "4")
    response = taking.post("ideas", {"q-ideas": RUDE})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Please say it again in kinder words." in html
    assert RUDE in html  # what the child typed is still in the box
    with app.app_context():
        draft = db.session.execute(sa.select(Response.draft)).scalar_one()
    assert "ideas" not in draft
    assert taking.answer("ideas", "Sân chơi này hơi chán, cần thêm đồ chơi.").endswith("q=wish")


def test_rude_words_are_refused_on_the_whole_page_and_by_autosave(app, taking, survey_id):
    response = taking.post_page(["fun", "ideas"], {"q-fun": "4", "q-ideas": RUDE})
    assert response.status_code == 400
    assert "Please say it again in kinder words." in response.get_data(as_text=True)
    saved = taking.client.post(f"/surveys/{survey_id}/draft", data={"question": "ideas", "q-ideas": RUDE})
    assert saved.status_code == 422
    assert (
        saved.get_json()["message"]
        == "Some words in your answer could hurt others. Please say it again in kinder words."
    )


def test_a_disclosure_with_rude_words_is_never_refused(app, taking):
    taking.answer("fun", "4")
    assert taking.answer("ideas", RUDE_DISCLOSURE).endswith("q=wish")
    taking.answer("wish")
    assert taking.submit().status_code == 302
    [item] = _items(app)
    assert item.urgency == Urgency.SAFEGUARDING.value and {"safeguarding", "profanity"} <= set(item.reasons)
    assert len(_cases(app)) == 1


def test_text_the_rules_refuse_since_the_draft_was_saved_stops_the_submit(app, world, taking, survey_id):
    _answer(taking, "Em muốn có thêm cây xanh.")
    with app.app_context():  # as if an admin added a word rule after the child typed
        response = db.session.execute(sa.select(Response)).scalar_one()
        response.draft = {**response.draft, "ideas": RUDE}
        db.session.commit()
    result = taking.submit()
    assert result.status_code == 400
    assert "Please say it again in kinder words." in result.get_data(as_text=True)
    with app.app_context():
        response = db.session.execute(sa.select(Response)).scalar_one()
        assert response.status is ResponseStatus.DRAFT
        assert db.session.execute(sa.select(sa.func.count()).select_from(Answer)).scalar_one() == 0
        assert db.session.execute(sa.select(sa.func.count()).select_from(ReviewItem)).scalar_one() == 0
        outcome = services.submit(
            response,
            db.session.get(Survey, survey_id),
            services.ChildContext(band="9-11", gender=None, area_id=None, school_level=None),
        )
        assert outcome.errors["ideas"].code == "rephrase"
        db.session.rollback()
