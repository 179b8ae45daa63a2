"""Downloads of results: charts (PNG at print resolution, SVG) and the survey as CSV or XLSX, with the
page's filters, named after the consultation, served from the chart cache, audited, and refused
with a message and no number when the result set is not shown or the request is wrong."""

from __future__ import annotations

import io
from urllib.parse import unquote

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from forum.audit.models import AuditEvent
from forum.extensions import db
from forum.results import page_charts
from forum.surveys.models import Survey
from tests.results.conftest import Spec, add_responses
from tests.results.results_pages import PageWorld, make_page_world

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def page_world(app: Flask, world) -> PageWorld:  # type: ignore[no-untyped-def]
    with app.app_context():
        built = make_page_world()
        db.session.commit()
        return built


@pytest.fixture
def policy_client(client: FlaskClient, world, auth) -> FlaskClient:  # type: ignore[no-untyped-def]
    client.set_cookie("lang", "en")
    auth.staff(world.policy)
    return client


def exports_of(app: Flask) -> list[AuditEvent]:
    with app.app_context():
        query = sa.select(AuditEvent).where(AuditEvent.action == "export").order_by(AuditEvent.id)
        return list(db.session.execute(query).scalars())


def download(client: FlaskClient, url: str, status: int = 200):  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:1500]
    return response


def chart_url(world: PageWorld, key: str, kind: str, query: str = "") -> str:
    url = f"/results/surveys/{world.survey_id}/charts/{world.question_ids[key]}.{kind}"
    return url + (f"?{query}" if query else "")


def test_a_chart_as_png_at_print_resolution(app, page_world, policy_client):
    response = download(policy_client, chart_url(page_world, "where", "png"))
    assert response.mimetype == "image/png"
    assert response.data.startswith(PNG_MAGIC)
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="play-and-safety-on-the-way-to-school-')
    assert disposition.split(";")[1].strip().endswith('-q1.png"')
    assert "filename*=UTF-8''" in disposition
    assert response.headers["Cache-Control"] == "no-store"
    (event,) = exports_of(app)
    assert event.target == f"survey #{page_world.survey_id}"
    assert event.detail == "results chart of question 1 as PNG; filters: no filters"


def test_a_chart_as_svg_is_accessible(app, page_world, policy_client):
    response = download(policy_client, chart_url(page_world, "agree", "svg"))
    assert response.mimetype == "image/svg+xml"
    body = response.get_data(as_text=True)
    assert body.startswith("<?xml") and 'role="img"' in body and "<title" in body and "<desc" in body
    assert "style=" not in body  # presentation attributes only: the CSP blocks inline styles


def test_vietnamese_file_names_keep_an_ascii_fallback(app, page_world, client, world, auth):
    auth.staff(world.policy)
    client.set_cookie("lang", "vi")
    disposition = download(client, chart_url(page_world, "where", "png")).headers["Content-Disposition"]
    plain = disposition.split('filename="')[1].split('"')[0]
    assert plain.isascii() and plain.startswith("san-choi-va-an-toan-tren-duong-den-truong-")
    full = unquote(disposition.split("filename*=UTF-8''")[1])
    assert full.startswith("sân-chơi-và-an-toàn-trên-đường-đến-trường-") and full.endswith("-q1.png")


def test_a_filtered_breakdown_chart(app, page_world, policy_client):
    area_a = page_world.area_ids[0]
    response = download(policy_client, chart_url(page_world, "where", "svg", f"area={area_a}&by=gender"))
    assert response.mimetype == "image/svg+xml"
    assert "Shown for:" in response.get_data(as_text=True)
    (event,) = exports_of(app)
    assert event.detail == f"results chart of question 1 by gender as SVG; filters: area={area_a}"


def test_the_participation_chart(app, page_world, policy_client):
    for kind, mimetype in (("png", "image/png"), ("svg", "image/svg+xml")):
        response = download(policy_client, f"/results/surveys/{page_world.survey_id}/charts/participation.{kind}")
        assert response.mimetype == mimetype
        assert response.headers["Content-Disposition"].split(";")[1].strip().endswith(f'-participation.{kind}"')
    assert [e.detail for e in exports_of(app)] == [
        "results participation chart as PNG; filters: no filters",
        "results participation chart as SVG; filters: no filters",
    ]


def test_charts_come_from_the_cache_until_a_response_lands(app, page_world, policy_client, monkeypatch):
    drawn = []
    original = page_charts.render_png
    monkeypatch.setattr(page_charts, "render_png", lambda chart, dpi: drawn.append(dpi) or original(chart, dpi))
    first = download(policy_client, chart_url(page_world, "where", "png")).data
    second = download(policy_client, chart_url(page_world, "where", "png")).data
    assert first == second and drawn == [300]
    with app.app_context():
        survey = db.session.get(Survey, page_world.survey_id)
        add_responses(survey, [Spec("9-11", "girl", page_world.area_ids[0], "primary", {"where": "park"})])
        db.session.commit()
    download(policy_client, chart_url(page_world, "where", "png"))
    assert drawn == [300, 300]
    assert len(exports_of(app)) == 3  # every download is audited, cached or not


def test_the_data_version_never_leaves_the_server(app, page_world, policy_client):
    response = download(policy_client, chart_url(page_world, "where", "svg"))
    assert "ETag" not in response.headers
    with app.app_context():
        version = page_charts.services.data_version(db.session.get(Survey, page_world.survey_id))
    assert version not in response.get_data(as_text=True)
    assert version not in policy_client.get(f"/results/surveys/{page_world.survey_id}").get_data(as_text=True)


# Refusals -----------------------------------------------------------------------------------------


def test_downloads_of_a_set_that_is_not_shown_are_refused_without_numbers(app, page_world, policy_client):
    area_b = page_world.area_ids[1]
    survey = page_world.survey_id
    for query, message in (
        (f"area={area_b}&gender=another", "Fewer than 10 children answered with these filters"),
        (f"area={area_b}&age_band=12-14", "This combination would single out a few children"),
    ):
        for url in (
            chart_url(page_world, "where", "png", query),
            chart_url(page_world, "where", "svg", query + "&by=gender"),
            f"/results/surveys/{survey}/charts/participation.png?{query}",
            f"/results/surveys/{survey}/export.csv?{query}",
            f"/results/surveys/{survey}/export.xlsx?{query}",
        ):
            response = download(policy_client, url, 409)
            body = response.get_data(as_text=True)
            assert response.mimetype == "text/html" and message in body, url
            assert "Content-Disposition" not in response.headers
    assert exports_of(app) == []


@pytest.mark.parametrize(
    "query,status,message",
    [
        ("age_band=3-5", 400, "Choose one of the options in the list."),
        ("area=abc", 400, "Choose one of the areas in the list"),
        ("by=height", 400, "Results can be broken down by age band, gender, area or school level only."),
        ("by=area&and_by=area", 400, "Choose two different characteristics, or only one."),
    ],
)
def test_bad_download_requests_are_refused_with_a_message(app, page_world, policy_client, query, status, message):
    response = download(policy_client, chart_url(page_world, "where", "png", query), status)
    assert message in response.get_data(as_text=True)
    assert exports_of(app) == []


def test_an_area_of_another_consultation_is_refused(app, page_world, policy_client):
    for url in (
        chart_url(page_world, "where", "png", f"area={page_world.other_area_id}"),
        f"/results/surveys/{page_world.survey_id}/export.csv?area={page_world.other_area_id}",
    ):
        response = download(policy_client, url, 400)
        assert "this consultation asked children in those only" in response.get_data(as_text=True)
    assert exports_of(app) == []


def test_a_chart_for_another_surveys_question_is_404(app, page_world, policy_client):
    with app.app_context():
        other = db.session.get(Survey, page_world.other_survey_id).questions[0].id
    download(policy_client, f"/results/surveys/{page_world.survey_id}/charts/{other}.png", 404)
    download(
        policy_client, f"/results/surveys/{page_world.survey_id}/charts/{page_world.question_ids['ideas']}.png", 404
    )
    download(policy_client, "/results/surveys/999999/charts/1.png", 404)
    download(policy_client, "/results/surveys/999999/export.csv", 404)
    assert exports_of(app) == []


def test_no_download_exists_for_individual_responses(app, page_world):
    rules = [rule.rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/results/")]
    assert not [rule for rule in rules if "response" in rule or "answer" in rule]


# Whole-survey exports -----------------------------------------------------------------------------


def test_csv_export_has_a_bom_and_is_audited(app, page_world, policy_client):
    area_a = page_world.area_ids[0]
    response = download(policy_client, f"/results/surveys/{page_world.survey_id}/export.csv?area={area_a}")
    assert response.mimetype == "text/csv"
    assert response.data.startswith(b"\xef\xbb\xbf")
    assert (
        response.headers["Content-Disposition"].split(";")[1].strip().endswith(f'-survey-{page_world.survey_id}.csv"')
    )
    (event,) = exports_of(app)
    assert event.detail == f"results tables as CSV; filters: area={area_a}"


def test_xlsx_export_is_a_workbook_and_is_audited(app, page_world, policy_client):
    response = download(policy_client, f"/results/surveys/{page_world.survey_id}/export.xlsx")
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response.data.startswith(b"PK\x03\x04")
    (event,) = exports_of(app)
    assert event.detail == "results tables as XLSX; filters: no filters"
    assert io.BytesIO(response.data).getbuffer().nbytes > 0
