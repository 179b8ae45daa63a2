"""Account commands: create staff, erase a child."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import with_appcontext

from forum.accounts import services
from forum.accounts.models import STAFF_ROLES, Role
from forum.extensions import db
from forum.schools.services import get_school


@click.command("create-user")
@click.option("--role", type=click.Choice([r.value for r in STAFF_ROLES]), required=True)
@click.option("--school-id", type=int, default=None, help="Required for teachers.")
@click.option("--name", "display_name", default="", help="Name shown on screen.")
@click.option("--safeguarding-lead", is_flag=True, help="Moderators only.")
@click.argument("username")
@click.password_option(prompt="Password", confirmation_prompt=True)
@with_appcontext
def create_user(
    role: str, school_id: int | None, display_name: str, safeguarding_lead: bool, username: str, password: str
) -> None:
    """Create a staff account; prompts for the password."""
    school = get_school(school_id) if school_id is not None else None
    if school_id is not None and school is None:
        raise click.UsageError(f"No school with id {school_id}.")
    try:
        user = services.create_staff(
            username=username,
            password=password,
            role=Role(role),
            display_name=display_name,
            school=school,
            is_safeguarding_lead=safeguarding_lead,
        )
    except services.AccountError as error:
        db.session.rollback()
        raise click.ClickException(_cli_message(error.code)) from error
    db.session.commit()
    click.echo(f"Created {user.role.value} {user.username}.")


@click.command("erase-child")
@click.argument("pseudonym")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def erase_child(pseudonym: str, yes: bool) -> None:
    """Erase a child's personal data (cards, consent records, the account)."""
    child = services.get_child_by_pseudonym(pseudonym)
    if child is None:
        raise click.ClickException(f"No child called {pseudonym!r}.")
    if not yes:
        click.confirm(f"Erase {pseudonym} and all their personal data?", abort=True)
    services.erase_child(child, None, "erase-child command")
    db.session.commit()
    click.echo(f"Erased {pseudonym}.")


def _cli_message(code: str) -> str:
    return {
        "username_invalid": "Usernames are 3-64 characters: a-z, 0-9, '.', '-', '_', starting with a letter or digit.",
        "username_taken": "That username is already in use.",
        "teacher_needs_school": "A teacher needs --school-id.",
        "password_too_short": f"The password must be at least {services.MIN_PASSWORD_LENGTH} characters.",
        "password_too_long": "The password is too long.",
        "password_contains_username": "The password must not contain the username.",
    }.get(code, code)


def init_app(app: Flask) -> None:
    app.cli.add_command(create_user)
    app.cli.add_command(erase_child)
