"""The printable consultation report: every section, the services' numbers, the print stylesheet,
the feedback (or that it is not published yet), both languages, and an audit record per opening."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from forum.audit.models import AuditEvent
from forum.extensions import db
from forum.results.tables import ResultStatus
from tests import builders
from tests.results.conftest import QUESTIONS, Spec, add_responses
from tests.results.results_pages import (
    APPROVED_IDEA,
    PENDING_IDEA,
    PUBLISHED_POST,
    REDACTED_IDEA,
    PageWorld,
    add_discussion,
    add_feedback,
    assert_question_table,
    expected_results,
    make_page_world,
    page,
    respondents_on_page,
)
from tests.surveys.conftest_taking import make_consultation, make_survey


@pytest.fixture
def page_world(app: Flask, world) -> PageWorld:  # type: ignore[no-untyped-def]
    with app.app_context():
        built = make_page_world()
        add_discussion(built.consultation_id, [builders.make_child(age=12)])
        db.session.commit()
        return built


@pytest.fixture
def policy_client(client: FlaskClient, world, auth) -> FlaskClient:  # type: ignore[no-untyped-def]
    client.set_cookie("lang", "en")
    auth.staff(world.policy)
    return client


def report_url(world: PageWorld) -> str:
    return f"/results/consultations/{world.consultation_id}/report"


def exports_of(app: Flask) -> list[AuditEvent]:
    with app.app_context():
        return list(db.session.execute(sa.select(AuditEvent).where(AuditEvent.action == "export")).scalars())


def test_report_has_every_section_and_the_print_layout(app, page_world, policy_client):
    html = page(policy_client, report_url(page_world))
    for heading in (
        "Consultation report",
        "The question and its purpose",
        "What should the city do so children play safely?",
        "The city People&#39;s Committee",
        "Method",
        "Participation",
        "National target: the share of children aged 7 and over consulted",
        "Survey results: Your playground",
        "Discussions",
        "You said, we did: feedback to children",
    ):
        assert heading in html, heading
    assert 'href="/static/css/print.css" media="print"' in html
    assert '<script src="/static/js/print.js"></script>' in html
    assert "data-print hidden" in html and "Print the report" in html
    assert "No number about fewer than 10 children is shown anywhere" in html
    assert "<script>" not in html  # no inline script: the CSP forbids it


def test_report_numbers_are_the_services(app, page_world, policy_client):
    html = page(policy_client, report_url(page_world))
    expected = expected_results(app, page_world.survey_id)
    assert respondents_on_page(html) == expected.respondents
    for result in expected.questions:
        assert_question_table(html, result)
    assert APPROVED_IDEA in html and REDACTED_IDEA[1] in html
    assert REDACTED_IDEA[0] not in html and PENDING_IDEA not in html
    assert PUBLISHED_POST in html
    assert html.count('role="img" aria-labelledby="chart-') >= len(expected.questions) - 1


def test_report_says_when_feedback_is_not_published(app, page_world, policy_client):
    with app.app_context():
        add_feedback(page_world.consultation_id, published=False)
        db.session.commit()
    html = page(policy_client, report_url(page_world))
    assert "Feedback to children is not yet published." in html
    assert "More trees" not in html


def test_report_shows_published_feedback(app, page_world, policy_client):
    with app.app_context():
        add_feedback(page_world.consultation_id, published=True)
        db.session.commit()
    html = page(policy_client, report_url(page_world))
    assert "More trees" in html and "Adopted" in html and "We will plant 100 trees." in html
    assert "Feedback to children is not yet published." not in html


def test_opening_the_report_is_audited_as_an_export(app, page_world, policy_client):
    assert exports_of(app) == []
    page(policy_client, report_url(page_world))
    events = exports_of(app)
    assert len(events) == 1
    assert events[0].target == f"consultation #{page_world.consultation_id}"
    assert events[0].actor_label == "policy"
    assert "report" in events[0].detail


def test_a_survey_with_too_few_answers_is_reported_without_numbers(app, world, policy_client):
    with app.app_context():
        survey = make_survey(make_consultation(), QUESTIONS[:1])
        add_responses(survey, [Spec("9-11", "girl", None, "primary", {"where": "park"}) for _ in range(4)])
        consultation_id = survey.consultation_id
        db.session.commit()
    html = page(policy_client, f"/results/consultations/{consultation_id}/report")
    assert "Fewer than 10 children answered with these filters" in html or "Fewer than 10 children" in html
    assert respondents_on_page(html) is None
    assert "Answers to “" not in html


def test_unknown_consultation_is_404(app, world, policy_client):
    page(policy_client, "/results/consultations/999999/report", 404)
    assert exports_of(app) == []


def test_report_in_both_languages(app, page_world, client, world, auth):
    auth.staff(world.policy)
    client.post("/language/vi", data={"next": "/"})
    html = page(client, report_url(page_world))
    assert '<html lang="vi">' in html and "Sân chơi và an toàn trên đường đến trường" in html
    client.post("/language/en", data={"next": "/"})
    html = page(client, report_url(page_world))
    assert '<html lang="en">' in html and "Play and safety on the way to school" in html
    assert expected_results(app, page_world.survey_id).status is ResultStatus.SHOWN
