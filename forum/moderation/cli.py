"""`flask --app forum moderation check`: a dry run of the rules, one post per line on standard input,
one JSON verdict per line on standard output (UTF-8, diacritics as they are)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy.exc import OperationalError, ProgrammingError

from forum.moderation.rules import Verdict, check
from forum.moderation.wordrules import RuleSet

# Where init_app keeps the function that gives the current rules (the shipped lists by default).
EXTENSION_KEY = "moderation.rules"


@click.group("moderation")
def moderation() -> None:
    """Auto-moderation tools."""


@moderation.command("check")
@click.argument("posts", type=click.File("r", encoding="utf-8", errors="replace"), default="-")
@click.option("--output", type=click.File("w", encoding="utf-8"), default="-", help="Where to write (stdout).")
@with_appcontext
def check_command(posts: TextIO, output: TextIO) -> None:
    """Read posts, one a line, from POSTS (stdin by default); print each verdict as a JSON line."""
    current_rules: Callable[[], RuleSet] = current_app.extensions.get(EXTENSION_KEY, RuleSet.default)
    try:
        rules = current_rules()
    except (OperationalError, ProgrammingError) as error:  # no word_rule table: an unmigrated database
        raise click.ClickException(
            "The database holds no word rules yet: run `flask --app forum db upgrade` first."
        ) from error
    for _post, _verdict, line in dry_run(posts, rules):
        click.echo(line, file=output)


def dry_run(lines: Iterable[str], rules: RuleSet) -> Iterator[tuple[str, Verdict, str]]:
    """Each non-blank line as (post, verdict, JSON line): the command above and the admins'
    "test the rules" box print the very same thing."""
    for line in lines:
        post = line.rstrip("\r\n")
        if post.strip():
            verdict = check(post, rules)
            yield post, verdict, json.dumps(verdict.to_json(), ensure_ascii=False)


def init_app(app: Flask, rules: Callable[[], RuleSet] | None = None) -> None:
    """Register the commands; `rules` gives the rule set to use (e.g. built from the database)."""
    app.extensions[EXTENSION_KEY] = rules or RuleSet.default
    app.cli.add_command(moderation)
