"""Survey files in the builder: upload JSON or XLSForm as a new draft, download JSON or XLSForm (audited)."""

from __future__ import annotations

import io
import json

import pytest
import sqlalchemy as sa
from flask import Flask

from forum.audit.models import AuditEvent
from forum.extensions import db
from forum.surveys.definition import from_json
from forum.surveys.importing import read_definition
from forum.surveys.models import Survey, SurveyStatus
from tests.consultations.conftest import load_survey, survey_json, text_of
from tests.consultations.test_builder import base


def _upload(client, cid: int, body: bytes, name: str = "survey.json"):  # type: ignore[no-untyped-def]
    return client.post(
        f"/consultations/{cid}/surveys/upload",
        data={"file": (io.BytesIO(body), name)},
        content_type="multipart/form-data",
    )


def _surveys(app: Flask) -> list[int]:
    with app.app_context():
        return list(db.session.execute(sa.select(Survey.id).order_by(Survey.id)).scalars())


def test_upload_json_creates_a_draft(app: Flask, policy_client, consultation_id: int) -> None:
    body = json.dumps(survey_json({}), ensure_ascii=False).encode("utf-8")
    response = _upload(policy_client, consultation_id, body)
    assert response.status_code == 302, text_of(response)
    (sid,) = _surveys(app)
    assert response.headers["Location"] == base(sid, consultation_id)
    definition = load_survey(app, sid)
    assert definition.title["vi"] == "Đường đến trường"
    assert [q.key for q in definition.questions] == ["walk", "how"]
    assert definition.questions[1].condition == {"op": "equals", "question": "walk", "value": "no"}
    with app.app_context():
        assert db.session.get(Survey, sid).status is SurveyStatus.DRAFT  # type: ignore[union-attr]
    assert "is imported as a draft with 2 questions" in text_of(policy_client.get(response.headers["Location"]))


BROKEN = [
    (b"{not json", "The JSON is malformed at line 1"),
    (b"\xff\xfe\x00", "not UTF-8"),
    (b"[]", "a survey must be a JSON object"),
    (json.dumps({"title": {"vi": "A"}, "questions": []}).encode(), "a survey needs a list of questions"),
    (
        json.dumps(
            {"title": {"vi": "A"}, "questions": [{"key": "q1", "type": "matrix", "text": {"vi": "?"}}]}
        ).encode(),
        "$.questions[0].type",
    ),
    (
        b'{"title": {"vi": "A"}, "questions": [{"key": "q1", "type": "number", "text": {"vi": "?"}, '
        b'"settings": {"min": 1e999}}]}',
        "too large",
    ),
    (
        json.dumps(
            {
                "title": {"vi": "A"},
                "questions": [
                    {
                        "key": "q1",
                        "type": "yes_no",
                        "text": {"vi": "?"},
                        "condition": {"op": "equals", "question": "q2", "value": "yes"},
                    },
                    {"key": "q2", "type": "yes_no", "text": {"vi": "?"}},
                ],
            }
        ).encode(),
        "comes later",
    ),
    (
        json.dumps(
            {"title": {"vi": "A"}, "questions": [{"key": "q1", "type": "yes_no", "text": {"vi": "x" * 2001}}]}
        ).encode(),
        "at most 2000 characters",
    ),
]


@pytest.mark.parametrize("body, message", BROKEN)
def test_a_broken_file_creates_nothing(
    app: Flask, policy_client, consultation_id: int, snapshot, body, message
) -> None:
    before = snapshot()
    response = _upload(policy_client, consultation_id, body)
    assert response.status_code == 400
    text = text_of(response)
    assert "The file could not be imported" in text
    assert message in text
    assert snapshot() == before


def test_every_problem_of_a_file_is_listed(policy_client, consultation_id: int) -> None:
    body = json.dumps(
        {
            "title": {"vi": "A"},
            "questions": [
                {"key": ".bad", "type": "yes_no", "text": {"vi": "?"}},
                {"key": "q2", "type": "single_choice", "text": {"vi": "?"}, "options": []},
            ],
        }
    ).encode()
    text = text_of(_upload(policy_client, consultation_id, body))
    assert "$.questions[0].key" in text and "$.questions[1].options" in text


@pytest.mark.parametrize(
    "body, name, message",
    [
        (b"{}", "survey.csv", "Upload a .json file exported from here or an XLSForm .xlsx file."),
        (b"", "survey.json", "The file is empty."),
        (b" " * (1024 * 1024 + 1), "survey.json", "The file is larger than 1024 KB."),
        (b"not a zip", "survey.xlsx", ""),
    ],
)
def test_wrong_files_are_refused(policy_client, consultation_id: int, snapshot, body, name, message) -> None:
    before = snapshot()
    response = _upload(policy_client, consultation_id, body, name)
    assert response.status_code == 400
    assert message in text_of(response)
    assert snapshot() == before


def test_no_file_is_refused(policy_client, consultation_id: int) -> None:
    response = policy_client.post(f"/consultations/{consultation_id}/surveys/upload", data={})
    assert response.status_code == 400
    assert "Choose a file to upload." in text_of(response)


def test_a_file_for_unconfigured_bands_is_refused(policy_client, consultation_id: int, snapshot) -> None:
    before = snapshot()
    body = json.dumps(survey_json({"target_bands": ["3-5"]})).encode()
    response = _upload(policy_client, consultation_id, body)
    assert response.status_code == 400
    assert "not configured here: 3–5" in text_of(response)
    assert snapshot() == before


def _events(app: Flask) -> list[tuple[str, str, str, str]]:
    with app.app_context():
        rows = db.session.execute(sa.select(AuditEvent).order_by(AuditEvent.id)).scalars()
        return [(e.action, e.actor_label, e.target, e.detail) for e in rows]


def test_export_json_round_trips(app: Flask, policy_client, consultation_id: int) -> None:
    body = json.dumps(survey_json({"intro": {"vi": "Chào em"}, "target_bands": ["9-11"]}), ensure_ascii=False).encode()
    _upload(policy_client, consultation_id, body)
    (sid,) = _surveys(app)
    response = policy_client.get(base(sid, consultation_id) + "/export.json")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    assert response.headers["Content-Disposition"] == f'attachment; filename="survey-{sid}.json"'
    assert "Đường đến trường".encode() in response.data  # UTF-8, not \\u escapes
    assert from_json(json.loads(response.data.decode("utf-8"))) == load_survey(app, sid)
    assert _events(app)[-1] == ("export", "policy", f"survey #{sid}", "survey definition as JSON")
    # ...and the exported file uploads again as the same survey.
    assert _upload(policy_client, consultation_id, response.data).status_code == 302
    assert load_survey(app, _surveys(app)[-1]) == load_survey(app, sid)


def test_export_xlsform_round_trips(app: Flask, policy_client, consultation_id: int) -> None:
    _upload(policy_client, consultation_id, json.dumps(survey_json({})).encode())
    (sid,) = _surveys(app)
    response = policy_client.get(base(sid, consultation_id) + "/export.xlsx")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert response.headers["Content-Disposition"] == f'attachment; filename="survey-{sid}.xlsx"'
    assert _events(app)[-1][3] == "survey definition as XLSForm"
    assert read_definition("survey.xlsx", response.data).questions == load_survey(app, sid).questions
    assert _upload(policy_client, consultation_id, response.data, "survey.xlsx").status_code == 302
    assert len(_surveys(app)) == 2


def test_exports_are_for_policy_staff_only(
    client, world, auth, app: Flask, survey_id: int, consultation_id: int
) -> None:
    auth.staff(world.admin)
    assert client.get(base(survey_id, consultation_id) + "/export.json").status_code == 403
    assert _events(app)[-1][0] != "export"
