"""`flask --app forum import-survey PATH --consultation ID` and `export-survey SURVEY_ID`.

Importing goes through the same reader as the builder's upload, so a file refused here is refused
there with the same messages; nothing is written unless the whole survey is valid.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext

from forum.consultations.services import get_consultation
from forum.extensions import db
from forum.surveys.importing import MAX_BYTES, ImportProblem, export_json, export_xlsform, read_definition
from forum.surveys.services import SurveyError, definition_of, get_survey, import_definition

# Ids beyond a 32-bit integer cannot exist and would make PostgreSQL raise instead of finding nothing.
ID = click.IntRange(1, 2**31 - 1)


@click.command("import-survey")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, readable=True, path_type=Path))
@click.option("--consultation", "consultation_id", type=ID, required=True, help="The consultation's id.")
@with_appcontext
def import_survey(path: Path, consultation_id: int) -> None:
    """Import a survey (our .json format or an XLSForm .xlsx) into a consultation as a draft."""
    consultation = get_consultation(consultation_id)
    if consultation is None:
        raise click.ClickException(f"No consultation with id {consultation_id}")
    if path.stat().st_size > MAX_BYTES:
        raise click.ClickException(f"The survey was not imported: {path.name} is larger than 5 MB.")
    notices: list[str] = []
    try:
        survey_definition = read_definition(path.name, path.read_bytes(), notices)
    except ImportProblem as error:
        count = len(error.messages)
        lines = "\n".join(f"  - {message}" for message in error.messages)
        heading = f"The survey was not imported ({count} problem{'s' if count != 1 else ''}):"
        raise click.ClickException(f"{heading}\n{lines}") from error
    try:
        survey = import_definition(consultation, survey_definition, actor=None)
    except SurveyError as error:
        db.session.rollback()
        raise click.ClickException(f"The survey was not imported: {error.code} {error.detail}".strip()) from error
    db.session.commit()
    for notice in notices:
        click.echo(f"Note: {notice}")
    click.echo(
        f"Imported survey {survey.id} ({len(survey_definition.questions)} questions) "
        f"into consultation {consultation_id} as a draft."
    )


@click.command("export-survey")
@click.argument("survey_id", type=ID)
@click.option("--format", "file_format", type=click.Choice(["json", "xlsform"]), default="json", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, writable=True, path_type=Path), help="Write to this file.")
@with_appcontext
def export_survey(survey_id: int, file_format: str, output: Path | None) -> None:
    """Export a survey's definition as our JSON (to standard output by default) or as XLSForm."""
    survey = get_survey(survey_id)
    if survey is None:
        raise click.ClickException(f"No survey with id {survey_id}")
    if file_format == "xlsform" and output is None:
        raise click.UsageError("An XLSForm workbook is binary: give --output PATH.xlsx")
    survey_definition = definition_of(survey)
    data = export_json(survey_definition) if file_format == "json" else export_xlsform(survey_definition)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
        return
    output.write_bytes(data)
    click.echo(f"Wrote survey {survey_id} to {output}.")


def init_app(app: Flask) -> None:
    app.cli.add_command(import_survey)
    app.cli.add_command(export_survey)
