"""`flask moderation check` inside the app uses the rules in the database, admins' changes included."""

from __future__ import annotations

import json

from forum.accounts.models import User
from forum.extensions import db
from forum.review.models import RuleAction, RuleCategory, RuleLanguage
from forum.review.rule_services import RuleInput, delete_rule, save_rule


def _actions(runner, text: str) -> list[str]:
    result = runner.invoke(args=["moderation", "check"], input=text)
    assert result.exit_code == 0, result.output
    return [json.loads(line)["action"] for line in result.output.splitlines()]


def test_the_command_uses_the_database_rules(app, world, runner):
    assert _actions(runner, "đm\ncác bạn ơi\nmy snorkelwump\n") == ["block", "allow", "allow"]
    with app.app_context():
        admin = db.session.get(User, world.admin.id)
        rule = save_rule(
            None, RuleInput("snorkelwump", RuleCategory.INSULT, RuleAction.HOLD, RuleLanguage.EN, True), admin
        )
        db.session.commit()
        rule_id = rule.id
    assert _actions(runner, "my snorkelwump\n") == ["hold"]
    with app.app_context():
        delete_rule(db.session.get(type(rule), rule_id), db.session.get(User, world.admin.id))
        db.session.commit()
    assert _actions(runner, "my snorkelwump\n") == ["allow"]
