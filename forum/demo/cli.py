"""`flask --app forum seed-demo`."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from forum.demo.services import DEMO_PASSWORD, seed_demo
from forum.extensions import db


@click.command("seed-demo")
@with_appcontext
def seed_demo_command() -> None:
    """Load the demo data (idempotent) and write the children's card codes to instance/demo-cards.csv."""
    if current_app.config["ENVIRONMENT"] == "production":
        raise click.ClickException("The demo has public passwords: set ENVIRONMENT to 'demo' to load it.")
    cards_path = Path(current_app.instance_path) / "demo-cards.csv"
    summary = seed_demo(cards_path, current_app.config["CARD_HASH_KEY"], current_app.config["AGE_BANDS"], date.today())
    db.session.commit()
    click.echo(
        f"Demo ready: {summary.areas} areas, {summary.schools} schools, {summary.classrooms} classes, "
        f"{summary.children_added} children added, staff added: {', '.join(summary.staff_added) or 'none'}."
    )
    if summary.cards_written:
        click.echo(f"Wrote {summary.cards_written} children's card codes to {cards_path}.")
    click.echo(f"Staff sign-ins: admin, teacher, moderator, policy (password {DEMO_PASSWORD}).")


def init_app(app: Flask) -> None:
    app.cli.add_command(seed_demo_command)
