"""Results through the API: the results services' suppressed tables, the same filters and refusals as
the results pages, every answer in the OpenAPI document's shape, every request audited."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
import sqlalchemy as sa

from forum.api import results_shapes
from forum.api.models import ApiToken
from forum.audit.models import AuditEvent
from forum.extensions import db
from forum.results import exports
from forum.results.filters import Dimension, Filters
from forum.results.services import get_breakdown, get_survey_results
from forum.results.tables import ResultStatus
from forum.surveys.models import Survey
from tests import builders
from tests.api.conftest import assert_documented
from tests.conftest import sign_in_as
from tests.results.conftest import QUESTIONS, Spec, add_responses
from tests.surveys.conftest_taking import make_consultation, make_survey

RESULTS = "/surveys/{survey_id}/results"
BREAKDOWN = "/surveys/{survey_id}/questions/{key}/breakdown/{dimensions}"
BANDS = ["9-11", "12-14", "15-17"]


def specs(area_a: int, area_b: int) -> list[Spec]:
    """72 children. Area A: 40 girls aged 9–11 and 2 boys aged 9–11 (so "area A, girls" would
    single out those 2 boys); area B: 18 boys aged 12–14 and 12 girls aged 15–17."""

    def child(band: str, gender: str, area: int, level: str, where: str, safe: str) -> Spec:
        return Spec(band, gender, area, level, {"where": where, "safe": safe, "stars": 4, "hours": 2})

    return (
        [child("9-11", "girl", area_a, "primary", "park" if n < 25 else "school", "yes") for n in range(40)]
        + [child("9-11", "boy", area_a, "primary", "street", "no") for _ in range(2)]
        + [child("12-14", "boy", area_b, "lower_secondary", "street" if n < 9 else "park", "no") for n in range(18)]
        + [child("15-17", "girl", area_b, "upper_secondary", "home", "yes") for _ in range(12)]
    )


@pytest.fixture
def survey(app, world) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """A published survey for ages 9–17 in a consultation targeting areas A and B (C is another area)."""
    with app.app_context():
        area_a, area_b, area_c = (builders.make_area() for _ in range(3))
        consultation = make_consultation(areas=[area_a, area_b])
        made = make_survey(consultation, QUESTIONS, target_bands=BANDS)
        add_responses(made, specs(area_a.id, area_b.id))
        db.session.commit()
        return {
            "id": made.id,
            "consultation": consultation.id,
            "a": area_a.id,
            "b": area_b.id,
            "c": area_c.id,
        }


def results(api, survey, query: str = ""):  # type: ignore[no-untyped-def]
    return api.get(f"/api/v1/surveys/{survey['id']}/results{query}")


def api_events(app) -> list[AuditEvent]:  # type: ignore[no-untyped-def]
    with app.app_context():
        return list(
            db.session.execute(
                sa.select(AuditEvent).where(AuditEvent.action == "api_results").order_by(AuditEvent.id)
            ).scalars()
        )


def test_results_are_the_services_suppressed_table(app, api, document, survey):
    response = results(api, survey)
    body = assert_documented(document, RESULTS, response)
    assert body["status"] == "shown" and body["respondents"] == 72
    with app.test_request_context("/"):
        table = get_survey_results(db.session.get(Survey, survey["id"]), Filters(), 10)
        # The very JSON the results download and `flask export-results --format json` write.
        assert body == exports.json_data(table)
        assert body["note"] == exports.withheld_note(10)
    where = next(q for q in body["questions"] if q["key"] == "where")
    shown = {o["key"]: o["cell"]["count"] for o in where["options"] if not o["cell"]["withheld"]}
    # The independent truth, for the cells the services let through.
    truth = {"park": 25 + 9, "school": 15, "street": 2 + 9, "home": 12}
    assert shown and all(truth[key] == count for key, count in shown.items())


def test_a_filter_narrows_the_set(api, document, survey):
    body = assert_documented(document, RESULTS, results(api, survey, "?age_band=9-11"))
    assert body["status"] == "shown" and body["respondents"] == 42


@pytest.mark.parametrize(
    "query",
    [
        {"age_band": "15-17", "gender": "girl"},
        {"age_band": "12-14", "gender": "boy"},
        {"school_level": "upper_secondary"},
        {"gender": "boy"},
        {"area": "b", "age_band": "12-14"},
    ],
)
def test_filtered_results_are_the_services_table(app, api, document, survey, query):
    """Whatever the services decide for a combination (shown, too few, isolating), the API says."""
    query = {name: str(survey["b"]) if name == "area" else value for name, value in query.items()}
    body = assert_documented(
        document, RESULTS, results(api, survey, "?" + "&".join(f"{k}={v}" for k, v in query.items()))
    )
    filters = Filters(
        age_band=query.get("age_band"),
        gender=query.get("gender"),
        area_id=int(query["area"]) if "area" in query else None,
        school_level=query.get("school_level"),
    )
    with app.test_request_context("/"):
        table = get_survey_results(db.session.get(Survey, survey["id"]), filters, 10)
        assert body == exports.json_data(table)


def test_an_area_filter(api, document, survey):
    body = assert_documented(document, RESULTS, results(api, survey, f"?area={survey['b']}"))
    assert body["filters"] == {"area": str(survey["b"])}
    assert body["respondents"] == 30


def _shows_no_number(app, body: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    assert body["respondents"] is None and body["questions"] == []
    with app.test_request_context():  # the note is in the request's language (Vietnamese by default)
        assert body["note"] == exports.status_message(ResultStatus(body["status"]), 10)


def test_a_small_group_shows_no_number(app, api, document, survey):
    body = assert_documented(document, RESULTS, results(api, survey, "?gender=another"))
    assert body["status"] == ResultStatus.TOO_FEW.value
    _shows_no_number(app, body)


def test_a_filter_that_would_single_out_a_few_children_is_refused(app, api, document, survey):
    """Area A holds 42 children, 40 of them girls: "area A, girls" would expose the 2 boys."""
    body = assert_documented(document, RESULTS, results(api, survey, f"?area={survey['a']}&gender=girl"))
    assert body["status"] == ResultStatus.ISOLATING.value
    _shows_no_number(app, body)


@pytest.mark.parametrize(
    "query,parameter",
    [
        ("?age_band=1-2", "age_band"),
        ("?age_band=6-8", "age_band"),  # a configured band, but not one of this survey's
        ("?gender=robot", "gender"),
        ("?school_level=university", "school_level"),
        ("?area=abc", "area"),
        ("?area=0", "area"),
        ("?area=-3", "area"),
        ("?area=999999", "area"),
        ("?area=" + "9" * 40, "area"),
        ("?area={c}", "area"),  # an area this consultation did not ask
        ("?age_band=%00", "age_band"),
        ("?gender=" + "x" * 5000, "gender"),
        ("?colour=blue", "colour"),
        ("?q=1", "q"),
        ("?gender=girl&gender=boy", "gender"),
    ],
)
def test_bad_filters_are_400_with_the_parameter_named(app, api, document, survey, query, parameter):
    response = results(api, survey, query.format(c=survey["c"]))
    assert response.status_code == 400
    body = assert_documented(document, RESULTS, response)
    assert body["parameter"] == parameter and body["message"]
    assert len(response.data) < 1000  # a refusal never echoes a huge value
    assert api_events(app) == []


def test_every_results_request_is_audited(app, api, client, world, survey):
    results(api, survey, "?age_band=9-11&gender=girl")
    api.get(f"/api/v1/surveys/{survey['id']}/questions/where/breakdown/gender")
    api.get(f"/api/v1/surveys/{survey['id']}/participation")
    api.get(f"/api/v1/consultations/{survey['consultation']}/reach")
    with app.app_context():
        token_id = db.session.execute(sa.select(ApiToken.id)).scalar_one()
    events = api_events(app)
    assert [e.target for e in events] == [f"survey #{survey['id']}"] * 3 + [f"consultation #{survey['consultation']}"]
    assert all(e.actor_id == world.policy.id and f"via token #{token_id}" in e.detail for e in events)
    assert events[0].detail.startswith("results; age_band=9-11, gender=girl")
    assert events[1].detail.startswith("breakdown of where by gender")
    browser = app.test_client()
    sign_in_as(browser, world, "policy")
    assert results(browser, survey).status_code == 200
    assert api_events(app)[-1].detail == "results; no filters; via browser session"


def test_unknown_ids_write_no_audit_event(app, api, survey):
    assert api.get("/api/v1/surveys/999999/results").status_code == 404
    assert api.get(f"/api/v1/surveys/{survey['id']}/questions/nope/breakdown/gender").status_code == 404
    assert api_events(app) == []


def test_a_breakdown_is_the_services_table(app, api, document, survey):
    response = api.get(f"/api/v1/surveys/{survey['id']}/questions/where/breakdown/age_band,gender")
    body = assert_documented(document, BREAKDOWN, response)
    assert body["status"] == "shown" and body["dimensions"] == ["age_band", "gender"]
    with app.test_request_context("/"):
        found = db.session.get(Survey, survey["id"])
        question = next(q for q in found.questions if q.key == "where")
        table = get_breakdown(found, question, [Dimension.AGE_BAND, Dimension.GENDER], Filters(), 10)
        assert body == results_shapes.breakdown(table)
    groups = {tuple(v["value"] for v in g["values"]): g for g in body["groups"]}
    # The 2 boys aged 9–11 are withheld, and so is another group, so neither is the rest of the total.
    withheld = [key for key, g in groups.items() if g["respondents"]["withheld"]]
    assert ("9-11", "boy") in withheld and len(withheld) >= 2


@pytest.mark.parametrize("dimensions", ["colour", "gender,gender", "age_band,gender,area", "age_band,", ",gender"])
def test_bad_breakdowns_are_400(api, document, survey, dimensions):
    response = api.get(f"/api/v1/surveys/{survey['id']}/questions/where/breakdown/{dimensions}")
    assert response.status_code == 400
    assert assert_documented(document, BREAKDOWN, response)["parameter"] == "dimensions"


def test_a_breakdown_of_another_surveys_question_is_404(app, api, survey):
    with app.app_context():
        other = make_survey(make_consultation(), [{**QUESTIONS[0], "key": "elsewhere"}])
        db.session.commit()
        other_id = other.id
    assert api.get(f"/api/v1/surveys/{survey['id']}/questions/elsewhere/breakdown/gender").status_code == 404
    assert api.get(f"/api/v1/surveys/{other_id}/questions/elsewhere/breakdown/gender").status_code == 200


def test_participation(api, document, survey):
    response = api.get(f"/api/v1/surveys/{survey['id']}/participation?age_band=9-11")
    body = assert_documented(document, "/surveys/{survey_id}/participation", response)
    assert body["status"] == "shown" and body["total"] == 42
    assert all(p["count"] >= 10 for p in body["periods"])


def test_reach(api, document, survey):
    response = api.get(f"/api/v1/consultations/{survey['consultation']}/reach")
    body = assert_documented(document, "/consultations/{consultation_id}/reach", response)
    assert body["consultation_id"] == survey["consultation"]
    assert api.get(f"/api/v1/consultations/{survey['consultation']}/reach?x=1").status_code == 400


def test_a_survey_without_answers_says_too_few(app, api, document, world):
    with app.app_context():
        empty = make_survey(make_consultation(), QUESTIONS)
        db.session.commit()
        empty_id = empty.id
    body = assert_documented(document, RESULTS, api.get(f"/api/v1/surveys/{empty_id}/results"))
    assert body["status"] == "too_few"
    _shows_no_number(app, body)


# Differencing ---------------------------------------------------------------------------------


def _values(survey: dict[str, int]) -> dict[str, list[str]]:
    return {
        "age_band": BANDS,
        "gender": ["girl", "boy", "another", "unsaid"],
        "area": [str(survey["a"]), str(survey["b"])],
        "school_level": ["primary", "lower_secondary", "upper_secondary"],
    }


def _figures(body: dict[str, Any]) -> dict[str, int | None]:
    """What a result set lets an attacker read: respondents, and each option's count per question."""
    if body["status"] != "shown":
        return {}
    figures: dict[str, int | None] = {"respondents": body["respondents"]}
    for question in body["questions"]:
        for option in question["options"]:
            figures[f"{question['key']}:{option['key']}"] = option["cell"]["count"]
    return figures


def test_withheld_numbers_cannot_be_recovered_by_subtracting_filtered_answers(app, api, survey):
    """For a parent set and every child set along one more dimension (single filters under "no
    filters", pairs under each single filter), an attacker knows the parent's shown figure and every
    shown child's. When exactly one child is unknown, its figure is the parent's less the others':
    that must only ever reveal an empty set (every snapshot here records every dimension)."""
    values = _values(survey)
    cache: dict[str, dict[str, int | None]] = {}

    def figures(query: dict[str, str]) -> dict[str, int | None]:
        key = "&".join(f"{k}={v}" for k, v in sorted(query.items()))
        if key not in cache:
            response = results(api, survey, "?" + key if key else "")
            assert response.status_code == 200, response.get_json()
            cache[key] = _figures(response.get_json())
        return cache[key]

    parents = [{}] + [{d: v} for d in ("age_band", "gender", "area") for v in values[d]]
    checked = 0
    for parent in parents:
        parent_figures = figures(parent)
        for dimension in values:
            if dimension in parent:
                continue
            children = [figures({**parent, dimension: value}) for value in values[dimension]]
            for name, total in parent_figures.items():
                if total is None:
                    continue
                unknown = [child for child in children if child.get(name) is None]
                if len(unknown) == 1:
                    # The one unknown child set is the total less the others: only an empty one may be.
                    recovered = total - sum(child[name] or 0 for child in children if child.get(name) is not None)
                    assert recovered == 0, f"{name} under {parent} by {dimension}: {recovered} recovered"
                checked += 1
    assert checked > 50


def test_the_api_and_the_csv_download_show_the_same_numbers(client, world, survey):
    """Both come from one suppressed table: every option's number (or "withheld") is the same."""
    client.set_cookie("lang", "en")
    sign_in_as(client, world, "policy")
    query = f"?area={survey['a']}"
    body = results(client, survey, query).get_json()
    download = client.get(f"/results/surveys/{survey['id']}/export.csv{query}")
    assert download.status_code == 200
    rows = list(csv.reader(io.StringIO(download.get_data(as_text=True).lstrip("\ufeff"))))
    children = {(row[0], row[1]): row[2] for row in rows if len(row) >= 3}
    compared = 0
    for question in body["questions"]:
        title = f"{question['position'] + 1}. {question['text']['en']}"
        if question["withheld"]:
            assert [n for (t, _), n in children.items() if t == title] == ["withheld"]
            continue
        for option in question["options"]:
            count = option["cell"]["count"]
            assert children[(title, option["label"]["en"])] == ("withheld" if count is None else str(count))
            compared += 1
    assert compared >= 7
