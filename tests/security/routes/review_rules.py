"""The word rules' pages are for administrators (`can_edit_word_rules`)."""

from __future__ import annotations

from forum.accounts.models import User
from forum.extensions import db
from forum.review.models import RuleAction, RuleCategory, RuleLanguage
from forum.review.rule_services import RuleInput, save_rule

ALLOWED = {"rules.": frozenset({"admin"})}


def arguments(app, world, consultation_arguments) -> dict:  # type: ignore[no-untyped-def]
    """A rule of the admin's own (the route matrix may delete it; the shipped rules are restored after)."""
    with app.app_context():
        rule = save_rule(
            None,
            RuleInput("từ thử ma trận", RuleCategory.CUSTOM, RuleAction.HOLD, RuleLanguage.VI, True),
            db.session.get(User, world.admin.id),
        )
        db.session.commit()
        return {"rule_id": rule.id}
