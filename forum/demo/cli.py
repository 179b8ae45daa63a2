"""`flask --app forum seed-demo`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
import sqlalchemy as sa
from flask import Flask, current_app
from flask.cli import with_appcontext

from forum.accounts.models import User
from forum.demo.consultations import ConsultationSummary
from forum.demo.services import DEMO_PASSWORD, seed_demo
from forum.extensions import db


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has accounts.")
@with_appcontext
def seed_demo_command(if_empty: bool) -> None:
    """Load the demo data (idempotent) and write the children's card codes to instance/demo-cards.csv."""
    if current_app.config["ENVIRONMENT"] == "production":
        raise click.ClickException("The demo has public passwords: set ENVIRONMENT to 'demo' to load it.")
    if if_empty and db.session.execute(sa.select(User.id).limit(1)).first() is not None:
        click.echo("The database already has accounts: demo not loaded again.")
        return
    cards_path = Path(current_app.instance_path) / "demo-cards.csv"
    config = current_app.config
    summary = seed_demo(
        cards_path, config["CARD_HASH_KEY"], config["AGE_BANDS"], date.today(), config["ASSENT_FROM_AGE"]
    )
    db.session.commit()
    click.echo(
        f"Demo ready: {summary.areas} areas, {summary.schools} schools, {summary.classrooms} classes, "
        f"{summary.children_added} children added, staff added: {', '.join(summary.staff_added) or 'none'}."
    )
    if summary.cards_written:
        click.echo(f"Wrote {summary.cards_written} children's card codes to {cards_path}.")
    click.echo(_consultations_line(summary.consultations))
    click.echo(f"Staff sign-ins: admin, teacher, moderator, policy (password {DEMO_PASSWORD}).")


def _consultations_line(summary: ConsultationSummary) -> str:
    if not summary.consultations_added:
        return "Consultations: already loaded, nothing added."
    line = (
        f"Consultations added: {summary.consultations_added} ({summary.surveys_added} published surveys, "
        f"{summary.responses_added} generated responses)."
    )
    if summary.draft_holders:
        line += f" Children with a survey to continue: {', '.join(summary.draft_holders)}."
    return line


def init_app(app: Flask) -> None:
    app.cli.add_command(seed_demo_command)
