"""Word rule services: validation, duplicates, the revision and the audit log, and a change that
applies at once in the same process."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from forum.accounts.models import User
from forum.audit.models import AuditEvent
from forum.extensions import db
from forum.review import rule_services as services
from forum.review import rulesets
from forum.review.models import RuleAction, RuleCategory, RuleLanguage, WordRule
from forum.review.rule_services import RuleError, RuleInput

MADE_UP = "zorblax"


def rule_input(pattern: str = MADE_UP, **kwargs) -> RuleInput:
    values = {
        "category": RuleCategory.CUSTOM,
        "action": RuleAction.BLOCK,
        "language": RuleLanguage.VI,
        "whole_word": True,
        "note": "",
    }
    values.update(kwargs)
    return RuleInput(pattern, **values)


@pytest.mark.parametrize(
    "data,code",
    [
        (rule_input(""), "pattern_empty"),
        (rule_input(" \t "), "pattern_empty"),
        (rule_input("x" * 121), "pattern_too_long"),
        (rule_input("\u200b"), "pattern_refused"),
        (rule_input("a", whole_word=False), "pattern_too_short"),
        (rule_input("ép", category=RuleCategory.SAFEGUARDING, action=RuleAction.BLOCK), "safeguarding_blocked"),
        (rule_input(note="n" * 201), "note_too_long"),
    ],
)
def test_bad_rules_are_refused(data, code):
    with pytest.raises(RuleError) as refused:
        services.check_rule(data)
    assert refused.value.code == code


def test_patterns_are_stored_clean():
    assert services.clean_pattern("  ĐỒ   Ngốc \n") == "đồ ngốc"
    assert services.clean_pattern("Đo\u0302̀") == "đồ"  # decomposed input is composed (NFC)
    assert services.check_rule(rule_input("x" * 120)).pattern == "x" * 120


def _admin(world) -> User:
    return db.session.get(User, world.admin.id)


def test_a_new_rule_applies_at_once_and_stops_when_deleted(app, world):
    with app.app_context():
        assert rulesets.check_text(f"bạn {MADE_UP} quá").action == "allow"
        before = rulesets.current_revision()
        rule = services.save_rule(None, rule_input(f"  {MADE_UP.upper()} "), _admin(world))
        db.session.commit()
        assert rule.pattern == MADE_UP and rule.created_by_id == world.admin.id
        assert rulesets.current_revision() == before + 1
        verdict = rulesets.check_text(f"bạn {MADE_UP.capitalize()} quá")
        assert verdict.action == "block" and verdict.reasons == ("custom",)
        assert verdict.spans[0].text == MADE_UP.capitalize()

        services.save_rule(rule, rule_input(MADE_UP, action=RuleAction.HOLD), _admin(world))
        db.session.commit()
        assert rulesets.check_text(MADE_UP).action == "hold"

        services.delete_rule(rule, _admin(world))
        db.session.commit()
        assert rulesets.current_revision() == before + 3
        assert rulesets.check_text(f"bạn {MADE_UP} quá").action == "allow"
        events = (
            db.session.execute(
                sa.select(AuditEvent).where(AuditEvent.action.like("word_rule_%")).order_by(AuditEvent.id)
            )
            .scalars()
            .all()
        )
        assert [(e.action, e.target) for e in events] == [
            ("word_rule_added", f"word rule #{rule.id}"),
            ("word_rule_changed", f"word rule #{rule.id}"),
            ("word_rule_deleted", f"word rule #{rule.id}"),
        ]
        assert events[0].detail == f"{MADE_UP} (vi, whole word): custom → block"


def test_a_part_word_rule_matches_inside_words(app, world):
    with app.app_context():
        services.save_rule(None, rule_input(MADE_UP, whole_word=False, action=RuleAction.HOLD), _admin(world))
        db.session.commit()
        assert rulesets.check_text(f"siêu{MADE_UP}luôn").action == "hold"


def test_duplicates_are_refused_whatever_the_case(app, world):
    with app.app_context():
        services.save_rule(None, rule_input(), _admin(world))
        other = services.save_rule(None, rule_input("quargle"), _admin(world))
        db.session.commit()
        for data in (rule_input(MADE_UP.upper()), rule_input(MADE_UP, action=RuleAction.HOLD)):
            with pytest.raises(RuleError) as refused:
                services.save_rule(None, data, _admin(world))
            assert refused.value.code == "duplicate"
        with pytest.raises(RuleError):
            services.save_rule(other, rule_input(), _admin(world))
        # The same pattern in another language, or matched differently, is another rule.
        services.save_rule(None, rule_input(language=RuleLanguage.EN), _admin(world))
        services.save_rule(None, rule_input(whole_word=False), _admin(world))
        # Saving a rule unchanged is no clash with itself.
        services.save_rule(other, rule_input("quargle", note="ok"), _admin(world))
        db.session.commit()
        count = db.session.execute(sa.select(sa.func.count()).where(WordRule.pattern == MADE_UP)).scalar_one()
        assert count == 3


def test_the_seeded_rules_are_listed_and_filtered(app):
    with app.app_context():
        rules, total = services.list_rules(services.RuleFilter())
        assert total > 100 and len(rules) == services.RULES_PER_PAGE
        profanity, count = services.list_rules(
            services.RuleFilter(category=RuleCategory.PROFANITY, language=RuleLanguage.VI), per_page=500
        )
        assert "đm" in [r.pattern for r in profanity] and count == len(profanity)
        assert all(r.category is RuleCategory.PROFANITY and r.language is RuleLanguage.VI for r in profanity)
        allowed, _ = services.list_rules(services.RuleFilter(action=RuleAction.ALLOW), per_page=500)
        assert allowed and all(r.action is RuleAction.ALLOW for r in allowed)
        found, _ = services.list_rules(services.RuleFilter(search="ĐỊT MẸ"))
        assert found and all("địt mẹ" in r.pattern for r in found)
        assert services.list_rules(services.RuleFilter(search="100%_"))[1] == 0


def test_the_test_box_reads_lines_like_the_command(app):
    with app.app_context():
        tried = services.try_rules("đm\r\n\r\n   \rcác bạn ơi\nsố em là 0912 345 678")
        assert [line.text for line in tried] == ["đm", "các bạn ơi", "số em là 0912 345 678"]
        assert [line.verdict.action for line in tried] == ["block", "allow", "hold"]
        assert tried[0].json == (
            '{"action": "block", "reasons": ["profanity"], '
            '"spans": [{"start": 0, "end": 2, "reason": "profanity", "text": "đm"}]}'
        )
