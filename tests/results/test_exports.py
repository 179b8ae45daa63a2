"""CSV, XLSX, JSON and the `export-results` command: the suppressed tables, readable, audited."""

from __future__ import annotations

import csv
import io
import json
import random

import openpyxl
import pytest
import sqlalchemy as sa

from forum.audit.models import AuditEvent
from forum.extensions import db
from forum.results import exports, services
from forum.results.filters import Filters
from tests.results.conftest import Spec, add_responses, make_results_survey, random_answers

K = 10


@pytest.fixture
def exported(app, areas):
    """40 girls and 30 boys in one area, 3 children in another: every answer type filled in."""
    rng = random.Random(3)
    with app.app_context():
        survey = make_results_survey()
        specs = [Spec("9-11", "girl", areas[0], "primary", random_answers(rng, survey, 0)) for _ in range(40)]
        specs += [Spec("9-11", "boy", areas[0], "primary", random_answers(rng, survey, 0)) for _ in range(30)]
        specs += [Spec("9-11", "boy", areas[1], "primary", random_answers(rng, survey, 0)) for _ in range(3)]
        add_responses(survey, specs)
        db.session.commit()
        return survey.id, areas


def _results(survey_id, filters=None):
    survey = db.session.get(services.Survey, survey_id)
    return services.get_survey_results(survey, filters or Filters(), K)


def test_csv_opens_in_excel_with_vietnamese(app, exported):
    survey_id, _ = exported
    with app.app_context(), app.test_request_context("/"):
        body = exports.csv_bytes(_results(survey_id))
        assert body.startswith("\ufeff".encode())
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        assert rows[0][1] == "Sân chơi của em"
        assert rows[2][1] == "73"
        answers = rows[6:]
        assert {row[0] for row in answers} >= {"1. Em thường chơi ở đâu?", "10. Ý tưởng?"}
        assert any(row[1] == "Công viên" for row in answers)


def test_csv_in_english_and_withheld_cells(app, exported):
    survey_id, areas = exported
    with app.app_context(), app.test_request_context("/", headers={"Cookie": "lang=en"}):
        results = _results(survey_id)
        text = exports.csv_text(results)
        assert "Where do you usually play?" in text
        assert "fewer than 10 children, or withheld so that a smaller group" in text
        # Every count is a number of at least k, zero, or the word "withheld".
        rows = list(csv.reader(io.StringIO(text)))
        heading = rows.index(["Question", "Answer", "Children", "Share", "Average rank"])
        for row in rows[heading + 1 :]:
            if row[1] in ("Mean", "Median", "Quote"):
                continue
            assert row[2] == "withheld" or int(row[2]) == 0 or int(row[2]) >= K, row


def test_a_refused_set_exports_its_reason_and_no_number(app, exported):
    survey_id, areas = exported
    with app.app_context(), app.test_request_context("/", headers={"Cookie": "lang=en"}):
        results = _results(survey_id, Filters(area_id=areas[1]))
        text = exports.csv_text(results)
        assert "Fewer than 10 children answered" in text
        assert not any(ch.isdigit() for line in text.splitlines()[2:] for ch in line.replace("10", ""))
        data = json.loads(exports.json_bytes(results))
        assert data["status"] == "too_few" and data["respondents"] is None and data["questions"] == []


def test_json_is_the_table(app, exported):
    survey_id, _ = exported
    with app.app_context(), app.test_request_context("/", headers={"Cookie": "lang=en"}):
        results = _results(survey_id)
        data = json.loads(exports.json_bytes(results))
        assert data["respondents"] == 73 and data["min_group_size"] == K and data["filters"] == {}
        where = data["questions"][0]
        assert where["type"] == "single_choice"
        assert set(where["answered"]) == {"count", "share", "withheld"}
        assert [o["key"] for o in where["options"]] == ["park", "school", "street", "home"]
        for option, row in zip(where["options"], results.questions[0].options, strict=True):
            assert option["cell"]["count"] == row.cell.count
        stars = next(q for q in data["questions"] if q["key"] == "stars")
        assert [b["low"] for b in stars["numbers"]["bins"]] == [1, 2, 3, 4, 5]


def test_xlsx_has_a_sheet_per_question(app, exported):
    survey_id, _ = exported
    with app.app_context(), app.test_request_context("/"):
        workbook = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(_results(survey_id))))
        assert len(workbook.sheetnames) == 11
        assert workbook.sheetnames[1] == "1 where"
        sheet = workbook["1 where"]
        values = [[cell.value for cell in row] for row in sheet.iter_rows()]
        assert values[0][0] == "1. Em thường chơi ở đâu?"
        park = next(row for row in values if row[0] == "Công viên")
        assert isinstance(park[1], int) and isinstance(park[2], float) and 0 < park[2] < 1


# The command ------------------------------------------------------------------------------------


def _audits(app):
    with app.app_context():
        return db.session.execute(sa.select(AuditEvent).where(AuditEvent.action == "export")).scalars().all()


def test_command_prints_csv_and_records_the_export(app, runner, exported):
    survey_id, areas = exported
    result = runner.invoke(args=["export-results", str(survey_id), "--gender", "girl", "--language", "en"])
    assert result.exit_code == 0, result.output
    assert "Children who answered,40" in result.output
    assert not result.output.startswith("\ufeff")
    events = _audits(app)
    assert len(events) == 1
    assert events[0].target == f"survey #{survey_id}" and "gender=girl" in events[0].detail


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "json"])
def test_command_writes_files(app, runner, exported, tmp_path, file_format):
    survey_id, _ = exported
    output = tmp_path / f"results.{file_format}"
    result = runner.invoke(args=["export-results", str(survey_id), "--format", file_format, "--output", str(output)])
    assert result.exit_code == 0, result.output
    body = output.read_bytes()
    if file_format == "csv":
        assert body.startswith("\ufeff".encode())
    elif file_format == "json":
        assert json.loads(body)["respondents"] == 73
    else:
        assert openpyxl.load_workbook(io.BytesIO(body)).sheetnames[1] == "1 where"
    assert len(_audits(app)) == 1


@pytest.mark.parametrize(
    "args, message",
    [
        (["4242"], "There is no survey with id 4242"),
        (["{survey}", "--gender", "robot"], "--gender"),
        (["{survey}", "--age-band", "3-5"], "--age-band"),
        (["{survey}", "--area", "abc"], "--area"),
        (["{survey}", "--area", "999999"], "--area"),
        (["{survey}", "--school-level", "college"], "--school-level"),
        (["{survey}", "--format", "xlsx"], "--output"),
        (["{survey}", "--format", "pdf"], "--format"),
        (["0"], "0"),
        (["{survey}", "--area", "{small}"], "Fewer than 10 children"),
    ],
)
def test_command_refuses_bad_input(app, runner, exported, args, message):
    survey_id, areas = exported
    args = [a.format(survey=survey_id, small=areas[1]) for a in args]
    result = runner.invoke(args=["export-results", *args, "--language", "en"])
    assert result.exit_code != 0
    assert message in result.output
    assert _audits(app) == []
