"""`import-survey` and `export-survey`: a whole survey or nothing, every problem listed."""

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from forum.consultations import services as consultations
from forum.extensions import db
from forum.surveys import definition, services
from forum.surveys.importing import export_json, read_definition
from forum.surveys.models import Question, Survey, SurveyStatus
from tests.surveys.test_importing import EVERY_TYPE

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def commands(app):
    """create_app registers the survey commands."""
    assert {"import-survey", "export-survey"} <= set(app.cli.commands)
    return app


@pytest.fixture
def consultation_id(app):
    with app.app_context():
        today = date.today()
        consultation = consultations.save_consultation(
            None,
            consultations.ConsultationInput(
                title={"vi": "Sân chơi và an toàn trên đường đến trường"},
                policy_question={"vi": "Làm gì để đường đến trường an toàn hơn?"},
                opens_on=today,
                closes_on=today + timedelta(days=30),
            ),
            [],
            None,
        )
        db.session.commit()
        return consultation.id


def counts(app):
    with app.app_context():
        return (
            db.session.execute(sa.select(sa.func.count()).select_from(Survey)).scalar_one(),
            db.session.execute(sa.select(sa.func.count()).select_from(Question)).scalar_one(),
        )


def test_import_json(commands, runner, consultation_id, tmp_path):
    path = tmp_path / "khảo sát.json"
    path.write_bytes(export_json(definition.from_json(EVERY_TYPE)))
    result = runner.invoke(args=["import-survey", str(path), "--consultation", str(consultation_id)])
    assert result.exit_code == 0, result.output
    assert f"({len(EVERY_TYPE['questions'])} questions) into consultation {consultation_id} as a draft" in result.output
    with commands.app_context():
        (survey,) = db.session.execute(sa.select(Survey)).scalars()
        assert survey.status is SurveyStatus.DRAFT and survey.consultation_id == consultation_id
        assert services.definition_of(survey) == definition.from_json(EVERY_TYPE)


def test_import_xlsform_prints_notices(commands, runner, consultation_id):
    path = FIXTURES / "vi_en_all_types.xlsx"
    result = runner.invoke(args=["import-survey", str(path), "--consultation", str(consultation_id)])
    assert result.exit_code == 0, result.output
    assert (
        'Note: survey sheet, row 4, column "Appearance": likert is shown as an ordinary single choice' in result.output
    )
    with commands.app_context():
        (survey,) = db.session.execute(sa.select(Survey)).scalars()
        assert services.definition_of(survey) == read_definition(path.name, path.read_bytes())


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "duplicate_names.xlsx",
            [
                'survey sheet, row 3, column "name": "colour" is already the name of a question',
                'choices sheet, row 4, column "name": "red" is already a choice in "colour"',
                'choices sheet, row 5, column "name": the choice has no name',
            ],
        ),
        ("corrupt.xlsx", ["The file is not an Excel workbook (.xlsx)."]),
        ("xlsform/or_other.xlsx", ['"or_other" (a free-text "other" choice) is not supported']),
    ],
)
def test_a_bad_file_writes_nothing_and_lists_every_problem(commands, runner, consultation_id, name, expected):
    result = runner.invoke(args=["import-survey", str(FIXTURES / name), "--consultation", str(consultation_id)])
    assert result.exit_code == 1
    assert "The survey was not imported" in result.output
    for message in expected:
        assert message in result.output
    assert "Traceback" not in result.output
    assert counts(commands) == (0, 0)


def test_bad_json_writes_nothing(commands, runner, consultation_id, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"title": {"vi": "T"}, "questions": [{"key": "n", "type": "number", "settings": {"min": 1e999}}]}')
    result = runner.invoke(args=["import-survey", str(path), "--consultation", str(consultation_id)])
    assert result.exit_code == 1
    assert "(1 problem):\n  - The number 1e999 is too large." in result.output
    assert counts(commands) == (0, 0)


def test_unknown_consultation(commands, runner):
    result = runner.invoke(args=["import-survey", str(FIXTURES / "vi_en_all_types.xlsx"), "--consultation", "999"])
    assert result.exit_code == 1
    assert "No consultation with id 999" in result.output


@pytest.mark.parametrize("value", ["0", "-1", str(2**40), "abc"])
def test_impossible_consultation_ids_are_usage_errors(commands, runner, value):
    result = runner.invoke(args=["import-survey", str(FIXTURES / "vi_en_all_types.xlsx"), "--consultation", value])
    assert result.exit_code == 2


def test_a_file_over_five_megabytes_is_not_read(commands, runner, consultation_id, tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (5 * 1024 * 1024 + 1))
    result = runner.invoke(args=["import-survey", str(path), "--consultation", str(consultation_id)])
    assert result.exit_code == 1 and "larger than 5 MB" in result.output
    assert counts(commands) == (0, 0)


def test_export_json_to_standard_output(commands, runner, consultation_id):
    with commands.app_context():
        consultation = consultations.get_consultation(consultation_id)
        survey_id = services.import_definition(consultation, definition.from_json(EVERY_TYPE), None).id
        db.session.commit()
    result = runner.invoke(args=["export-survey", str(survey_id)])
    assert result.exit_code == 0, result.output
    assert definition.from_json(json.loads(result.output)) == definition.from_json(EVERY_TYPE)


def test_export_xlsform_to_a_file_reads_back(commands, runner, consultation_id, tmp_path):
    with commands.app_context():
        consultation = consultations.get_consultation(consultation_id)
        survey_id = services.import_definition(consultation, definition.from_json(EVERY_TYPE), None).id
        db.session.commit()
    output = tmp_path / "survey.xlsx"
    result = runner.invoke(args=["export-survey", str(survey_id), "--format", "xlsform", "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert read_definition(output.name, output.read_bytes()) == definition.from_json(EVERY_TYPE)
    assert runner.invoke(args=["export-survey", str(survey_id), "--format", "xlsform"]).exit_code == 2


def test_export_unknown_survey(commands, runner):
    result = runner.invoke(args=["export-survey", "12345"])
    assert result.exit_code == 1 and "No survey with id 12345" in result.output
