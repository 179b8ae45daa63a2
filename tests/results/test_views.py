"""The results pages: the numbers are the services' (never recomputed here), withheld cells show a
word and no number, quotes and posts are moderated ones only, and bad filters are refused clearly."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from forum.extensions import db
from forum.results import services
from forum.results.chart_style import format_count, format_share
from forum.results.filters import Dimension, Filters
from forum.results.tables import ResultStatus
from forum.schools.models import Area
from forum.surveys.definition import TEXT_TYPES
from forum.surveys.models import Survey
from tests import builders
from tests.results.results_pages import (
    APPROVED_IDEA,
    PENDING_IDEA,
    PENDING_POST,
    PUBLISHED_POST,
    REDACTED_IDEA,
    REDACTED_POST,
    REJECTED_IDEA,
    PageWorld,
    add_discussion,
    assert_question_table,
    expected_results,
    in_english,
    make_page_world,
    page,
    respondents_on_page,
    table,
)

K = 10


@pytest.fixture
def page_world(app: Flask, world) -> PageWorld:  # type: ignore[no-untyped-def]
    with app.app_context():
        built = make_page_world()
        children = [builders.make_child(age=11) for _ in range(2)]
        add_discussion(built.consultation_id, children)
        db.session.commit()
        return built


@pytest.fixture
def policy_client(client: FlaskClient, world, auth) -> FlaskClient:  # type: ignore[no-untyped-def]
    """Signed in as the policy officer, reading English: assertions use the English msgids."""
    client.set_cookie("lang", "en")
    auth.staff(world.policy)
    return client


def test_index_lists_consultations_with_answers(app, page_world, policy_client):
    html = page(policy_client, "/results/")
    assert "Play and safety on the way to school" in html
    assert f"/results/surveys/{page_world.survey_id}" in html
    assert f"/results/surveys/{page_world.other_survey_id}" not in html  # no answer yet
    assert f"/results/consultations/{page_world.consultation_id}/report" in html
    expected = expected_results(app, page_world.survey_id)
    assert table(html, "Surveys of this consultation").row("Your playground")[1] == str(expected.respondents)


def test_index_without_answers_says_so(app, world, policy_client):
    assert "No child has submitted an answer to any survey yet." in page(policy_client, "/results/")


def test_survey_page_shows_the_services_numbers(app, page_world, policy_client):
    html = page(policy_client, f"/results/surveys/{page_world.survey_id}")
    expected = expected_results(app, page_world.survey_id)
    assert expected.status is ResultStatus.SHOWN
    assert respondents_on_page(html) == expected.respondents == 43
    withheld_cells = 0
    for result in expected.questions:
        assert_question_table(html, result)
        withheld_cells += sum(1 for option in result.options if option.cell.withheld)
    assert withheld_cells > 0, "the world is built so that some cells are withheld"
    assert "Shown for:</strong> all children who answered" in html


def test_charts_are_inline_svg_with_a_title_and_no_withheld_number(app, page_world, policy_client):
    html = page(policy_client, f"/results/surveys/{page_world.survey_id}")
    expected = expected_results(app, page_world.survey_id)
    charted = [r for r in expected.questions if r.type not in TEXT_TYPES]
    assert html.count('role="img" aria-labelledby="chart-q') == len(charted)
    for result in charted:
        assert f'<svg id="chart-q{result.question_id}"' in html or f'id="chart-q{result.question_id}"' in html
        assert f'id="chart-q{result.question_id}-title"' in html
        assert f'id="chart-q{result.question_id}-desc"' in html
    where = next(r for r in expected.questions if r.key == "where")
    street = next(o for o in where.options if o.key == "street")
    assert street.cell.withheld
    start = html.index(f'id="chart-q{where.question_id}-desc"')
    description = html[start : html.index("</desc>", start)]
    assert "Street" not in description or "Street: withheld" in description


def test_quotes_are_approved_or_redacted_only(app, page_world, policy_client):
    html = page(policy_client, f"/results/surveys/{page_world.survey_id}")
    assert APPROVED_IDEA in html
    assert REDACTED_IDEA[1] in html
    for hidden in (REDACTED_IDEA[0], PENDING_IDEA, REJECTED_IDEA):
        assert hidden not in html


def test_discussion_summary_shows_published_posts_without_small_counts(app, page_world, policy_client):
    html = page(policy_client, f"/results/surveys/{page_world.survey_id}")
    assert "Playgrounds near home" in html
    assert PUBLISHED_POST in html and "Agreed by 14 children" in html
    assert REDACTED_POST[1] in html and "Agreed by fewer than 10 children" in html
    assert REDACTED_POST[0] not in html and PENDING_POST not in html
    # Two published posts: fewer than k, so the count is withheld (and the total with it).
    assert 'Published posts: <span class="withheld">withheld</span>' in html


def test_representativeness_panel_shows_the_national_target(app, page_world, policy_client):
    html = page(policy_client, f"/results/surveys/{page_world.survey_id}")
    assert "National target: the share of children aged 7 and over consulted" in html
    reach_table = table(html, "Children reached against children registered")
    assert reach_table.rows[0][0] == "Group"


def test_filters_narrow_the_results_and_say_for_whom(app, page_world, policy_client):
    area_a = page_world.area_ids[0]
    html = page(policy_client, f"/results/surveys/{page_world.survey_id}?age_band=9-11&area={area_a}")
    filters = Filters(age_band="9-11", area_id=area_a)
    expected = expected_results(app, page_world.survey_id, filters)
    assert expected.status is ResultStatus.SHOWN
    assert respondents_on_page(html) == expected.respondents == 20
    for result in expected.questions:
        assert_question_table(html, result)
    with app.app_context():
        name = db.session.get(Area, area_a).name("en")
    assert f"Shown for:</strong> Ages 9–11, {name}" in html
    assert f'href="/results/surveys/{page_world.survey_id}"' in html  # reset
    assert f"/results/surveys/{page_world.survey_id}/export.csv?age_band=9-11&amp;area={area_a}" in html


def test_too_few_children_shows_no_number(app, page_world, policy_client):
    area_b = page_world.area_ids[1]
    url = f"/results/surveys/{page_world.survey_id}?area={area_b}&gender=another"
    assert expected_results(app, page_world.survey_id, Filters(gender="another", area_id=area_b)).status is (
        ResultStatus.TOO_FEW
    )
    html = page(policy_client, url)
    assert "Fewer than 10 children answered with these filters" in html
    assert respondents_on_page(html) is None
    assert "<table" not in html and "<svg" not in html.split("<main", 1)[1].replace('<svg class="icon', "")


def test_an_isolating_combination_is_refused_in_words(app, page_world, policy_client):
    area_b = page_world.area_ids[1]
    filters = Filters(age_band="12-14", area_id=area_b)
    assert expected_results(app, page_world.survey_id, filters).status is ResultStatus.ISOLATING
    html = page(policy_client, f"/results/surveys/{page_world.survey_id}?age_band=12-14&area={area_b}")
    assert "This combination would single out a few children, so it is not shown." in html
    assert respondents_on_page(html) is None
    assert "<table" not in html


@pytest.mark.parametrize(
    "query,message",
    [
        ("age_band=3-5", "Choose one of the options in the list."),
        ("gender=robot", "Choose one of the options in the list."),
        ("school_level=university", "Choose one of the options in the list."),
        ("area=abc", "Choose one of the areas in the list"),
        ("area=99999999999999999999", "Choose one of the areas in the list"),
    ],
)
def test_an_invalid_filter_is_a_400_with_the_message(app, page_world, policy_client, query, message):
    html = page(policy_client, f"/results/surveys/{page_world.survey_id}?{query}", 400)
    assert message in html
    assert 'role="alert"' in html
    assert respondents_on_page(html) is None


def test_an_area_of_another_consultation_is_refused(app, page_world, policy_client):
    html = page(policy_client, f"/results/surveys/{page_world.survey_id}?area={page_world.other_area_id}", 400)
    assert "this consultation asked children in those only" in html


def test_unknown_survey_is_404(app, page_world, policy_client):
    page(policy_client, "/results/surveys/999999", 404)


def test_a_breakdown_by_area_shows_the_services_groups(app, page_world, policy_client):
    qid = page_world.question_ids["where"]
    html = page(policy_client, f"/results/surveys/{page_world.survey_id}?q={qid}&by=area")
    with in_english(app):
        survey = db.session.get(Survey, page_world.survey_id)
        question = next(q for q in survey.questions if q.id == qid)
        breakdown = services.get_breakdown(survey, question, [Dimension.AREA], Filters(), K)
    found = table(html, "“Where do you usually play?” by area")
    assert len(found.rows) == 1 + len(breakdown.groups) + 1
    for group in breakdown.groups:
        row = found.row(group.values[0].label)
        given = group.question.given
        assert row[1] == ("withheld" if given.withheld else format_count(given.count or 0, "en"))
        for cell_text, option in zip(row[2:], group.question.options, strict=True):
            if option.cell.withheld:
                assert cell_text == "withheld"
            else:
                assert (
                    cell_text
                    == f"{format_share(option.cell.share or 0, 'en')} ({format_count(option.cell.count or 0, 'en')})"
                )
    assert '<details class="breakdown" open>' in html
    assert f"/results/surveys/{page_world.survey_id}/charts/{qid}.png?by=area" in html


def test_a_breakdown_by_a_pair_of_characteristics(app, page_world, policy_client):
    qid = page_world.question_ids["hours"]
    html = page(policy_client, f"/results/surveys/{page_world.survey_id}?q={qid}&by=age_band&and_by=gender")
    found = table(html, "“How many hours?” by age band and gender")
    assert found.rows[0][:2] == ["Age band", "Gender"]


@pytest.mark.parametrize(
    "query,message",
    [
        ("by=height", "Results can be broken down by age band, gender, area or school level only."),
        ("by=", "Choose what to break the results down by."),
        ("by=area&and_by=area", "Choose two different characteristics, or only one."),
    ],
)
def test_a_bad_breakdown_is_a_400(app, page_world, policy_client, query, message):
    qid = page_world.question_ids["where"]
    html = page(policy_client, f"/results/surveys/{page_world.survey_id}?q={qid}&{query}", 400)
    assert message in html


def test_a_breakdown_of_another_surveys_question_is_a_400(app, page_world, policy_client):
    with app.app_context():
        other = db.session.get(Survey, page_world.other_survey_id).questions[0].id
    html = page(policy_client, f"/results/surveys/{page_world.survey_id}?q={other}&by=area", 400)
    assert "That question cannot be broken down here" in html


def test_both_languages_render(app, page_world, client, world, auth):
    auth.staff(world.policy)
    client.post("/language/vi", data={"next": "/"})
    html = page(client, f"/results/surveys/{page_world.survey_id}")
    assert '<html lang="vi">' in html and "Sân chơi của em" in html
    client.post("/language/en", data={"next": "/"})
    html = page(client, f"/results/surveys/{page_world.survey_id}")
    assert '<html lang="en">' in html and "Your playground" in html


@pytest.mark.parametrize("app_config", [{"WTF_CSRF_ENABLED": True}])
def test_filters_are_a_get_form_without_a_csrf_token(app, page_world, client, world, app_config):
    login = client.get("/accounts/sign-in").get_data(as_text=True)
    token = login.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    client.post(
        "/accounts/sign-in",
        data={"username": world.policy.username, "password": world.policy.password, "csrf_token": token},
    )
    area_a = page_world.area_ids[0]
    assert client.get(f"/results/surveys/{page_world.survey_id}?area={area_a}").status_code == 200
