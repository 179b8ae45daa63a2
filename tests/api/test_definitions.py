"""Consultations and surveys through the API: every answer has the OpenAPI document's shape."""

from __future__ import annotations

import pytest

from forum.consultations.models import ConsultationStatus
from forum.extensions import db
from forum.schools.models import Area
from tests import builders
from tests.api.conftest import assert_documented
from tests.surveys.conftest_taking import ALL_TYPES, make_consultation, make_survey


@pytest.fixture
def consultations(app, world):  # type: ignore[no-untyped-def]
    """An open consultation for two bands and one area with a published survey of every question type
    (and a draft survey), and a draft consultation with nothing in it."""
    with app.app_context():
        area = db.session.get(Area, builders.make_area().id)
        open_one = make_consultation(bands=["9-11", "12-14"], areas=[area])
        published = make_survey(open_one, ALL_TYPES)
        draft_survey = make_survey(open_one, ALL_TYPES[:2], publish=False)
        draft = make_consultation(status=ConsultationStatus.DRAFT)
        db.session.commit()
        return {
            "open": open_one.id,
            "published": published.id,
            "draft_survey": draft_survey.id,
            "draft": draft.id,
            "area": area.id,
        }


def test_the_list_shows_every_consultation(api, document, consultations):
    response = api.get("/api/v1/consultations")
    assert response.status_code == 200
    body = assert_documented(document, "/consultations", response)
    listed = {c["id"]: c for c in body["consultations"]}
    assert set(listed) == {consultations["open"], consultations["draft"]}
    open_one = listed[consultations["open"]]
    assert open_one["status"] == "open"
    assert open_one["target_bands"] == ["9-11", "12-14"]
    assert [a["id"] for a in open_one["areas"]] == [consultations["area"]]
    assert [(s["id"], s["status"]) for s in open_one["surveys"]] == [
        (consultations["published"], "published"),
        (consultations["draft_survey"], "draft"),
    ]
    assert open_one["title"]["vi"] == "Sân chơi và an toàn trên đường đến trường"
    assert listed[consultations["draft"]]["surveys"] == []


def test_an_empty_list_is_still_documented(api, document, world):
    response = api.get("/api/v1/consultations")
    assert assert_documented(document, "/consultations", response) == {"consultations": []}


def test_vietnamese_is_sent_as_utf8(api, consultations):
    response = api.get(f"/api/v1/consultations/{consultations['open']}")
    assert "Sân chơi".encode() in response.data
    assert response.mimetype == "application/json"


def test_one_consultation(api, document, consultations):
    response = api.get(f"/api/v1/consultations/{consultations['open']}")
    body = assert_documented(document, "/consultations/{consultation_id}", response)
    assert body["id"] == consultations["open"]
    assert body["policy_question"]["vi"]
    assert len(body["surveys"]) == 2


def test_one_survey_with_its_questions(api, document, consultations):
    response = api.get(f"/api/v1/surveys/{consultations['published']}")
    body = assert_documented(document, "/surveys/{survey_id}", response)
    assert body["consultation_id"] == consultations["open"]
    assert body["status"] == "published" and body["published_at"]
    assert body["target_bands"] == ["9-11", "12-14"]
    assert [q["key"] for q in body["questions"]] == [q["key"] for q in ALL_TYPES]
    by_key = {q["key"]: q for q in body["questions"]}
    assert by_key["fun"]["type"] == "smiley" and len(by_key["fun"]["options"]) == 5
    assert by_key["fun"]["band_text"]["6-8"]["vi"] == "Giờ ra chơi có vui không?"
    assert [o["key"] for o in by_key["where"]["options"]] == ["park", "school", "street", "home"]
    assert by_key["safe"]["condition"] == {"op": "one_of", "question": "where", "values": ["park", "street"]}


def test_a_draft_survey_can_be_read(api, document, consultations):
    response = api.get(f"/api/v1/surveys/{consultations['draft_survey']}")
    body = assert_documented(document, "/surveys/{survey_id}", response)
    assert body["status"] == "draft" and body["published_at"] is None


@pytest.mark.parametrize(
    "path,template",
    [
        ("/api/v1/consultations/{id}", "/consultations/{consultation_id}"),
        ("/api/v1/consultations/{id}/reach", "/consultations/{consultation_id}/reach"),
        ("/api/v1/surveys/{id}", "/surveys/{survey_id}"),
        ("/api/v1/surveys/{id}/results", "/surveys/{survey_id}/results"),
        ("/api/v1/surveys/{id}/participation", "/surveys/{survey_id}/participation"),
        (
            "/api/v1/surveys/{id}/questions/where/breakdown/gender",
            "/surveys/{survey_id}/questions/{key}/breakdown/{dimensions}",
        ),
    ],
)
@pytest.mark.parametrize("unknown", [999_999, 2**31 - 1, 2**31, 10**30])
def test_unknown_and_huge_ids_are_json_404(api, document, consultations, path, template, unknown):
    response = api.get(path.format(id=unknown))
    assert response.status_code == 404
    body = assert_documented(document, template, response)
    assert body["status"] == 404


def test_negative_and_non_numeric_ids_are_404(api, consultations):
    for path in ("/api/v1/surveys/-1", "/api/v1/surveys/abc", "/api/v1/surveys/1.5", "/api/v1/consultations/%00"):
        assert api.get(path).status_code == 404
