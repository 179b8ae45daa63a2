"""`flask --app forum export-results SURVEY_ID --format csv|xlsx|json [--output FILE] [filters]`.

Writes the same suppressed tables as the results page and its downloads, records the export in the
audit log and commits once. Nothing is written when the filters are refused or too few answered.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from flask_babel import force_locale
from flask_babel import gettext as _

from forum.accounts.age_bands import band_keys
from forum.audit.services import AuditAction, record_event
from forum.extensions import db
from forum.results import exports, services
from forum.results.filters import FilterError, parse_filters
from forum.results.tables import ResultStatus
from forum.surveys.services import get_survey

# Ids beyond a 32-bit integer cannot exist and would make PostgreSQL raise instead of finding nothing.
ID = click.IntRange(1, 2**31 - 1)
FORMATS = ("csv", "xlsx", "json")


@click.command("export-results")
@click.argument("survey_id", type=ID)
@click.option("--format", "file_format", type=click.Choice(FORMATS), default="csv", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, writable=True, path_type=Path), help="Write to this file.")
@click.option("--age-band", default="", help='Only this age band, e.g. "9-11".')
@click.option("--gender", default="", help="Only this gender: girl, boy, another or unsaid.")
@click.option("--area", default="", help="Only this area (its id).")
@click.option("--school-level", default="", help="Only this level: primary, lower_secondary, upper_secondary.")
@click.option("--language", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
@with_appcontext
def export_results(
    survey_id: int,
    file_format: str,
    output: Path | None,
    age_band: str,
    gender: str,
    area: str,
    school_level: str,
    language: str,
) -> None:
    """Export a survey's suppressed results (CSV to standard output by default)."""
    with force_locale(language):
        survey = get_survey(survey_id)
        if survey is None:
            raise click.ClickException(_("There is no survey with id %(id)d.", id=survey_id))
        if file_format == "xlsx" and output is None:
            raise click.UsageError(_("An XLSX workbook is binary: give --output FILE.xlsx"))
        query = {"age_band": age_band, "gender": gender, "area": area, "school_level": school_level}
        try:
            filters = parse_filters(query, band_keys(current_app.config["AGE_BANDS"]))
        except FilterError as error:
            raise click.UsageError(f"--{error.parameter.replace('_', '-')}: {error.message}") from error
        k = current_app.config["MIN_GROUP_SIZE"]
        results = services.get_survey_results(survey, filters, k)
        if results.status is not ResultStatus.SHOWN:
            raise click.ClickException(exports.status_message(results.status, k))
        if file_format == "csv":
            body = exports.csv_bytes(results) if output else exports.csv_text(results).encode("utf-8")
        elif file_format == "xlsx":
            body = exports.xlsx_bytes(results)
        else:
            body = exports.json_bytes(results)
        detail = f"results as {file_format.upper()} (command line); " + (
            ", ".join(f"{name}={value}" for name, value in filters.to_query().items()) or "no filters"
        )
        record_event(AuditAction.EXPORT, actor=None, target=f"survey #{survey.id}", detail=detail)
        db.session.commit()
        if output is None:
            click.echo(body.decode("utf-8"), nl=file_format == "json")
            return
        output.write_bytes(body)
        click.echo(_("Wrote the results of survey %(id)d to %(path)s.", id=survey.id, path=str(output)), err=True)


def init_app(app: Flask) -> None:
    app.cli.add_command(export_results)
