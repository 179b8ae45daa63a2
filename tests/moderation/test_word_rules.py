"""Word rules from data: admin rules apply at once, allow rules override, rule sets are values."""

from dataclasses import dataclass
from enum import Enum

import pytest

from forum.moderation import RuleSet, WordRule, check, default_rules


class Category(str, Enum):
    CUSTOM = "custom"
    INSULT = "insult"


class Action(str, Enum):
    HOLD = "hold"
    ALLOW = "allow"


@dataclass
class Row:
    """Shaped like the admin's database row, enums and all."""

    pattern: str
    category: Category
    action: Action
    language: str = "vi"
    whole_word: bool = True


def test_an_admin_added_word_applies():
    rules = RuleSet.from_rules([*default_rules(), Row("quả táo thối", Category.CUSTOM, Action.HOLD)])
    verdict = check("Bạn là quả táo thối", rules)
    assert (verdict.action, verdict.reasons) == ("hold", ("custom",))
    assert check("Bạn là quả táo thối").action == "allow"


def test_an_admin_word_matches_teencode_and_squeezed_spellings():
    rules = RuleSet.from_rules([WordRule("không biết xấu hổ", "insult", "hold")])
    assert check("ko bít xấuuuu hổ", rules).reasons == ("insult",)


def test_an_allow_rule_overrides_a_match_inside_it():
    rules = RuleSet.from_rules([*default_rules(), Row("đồ ngu ngơ", Category.CUSTOM, Action.ALLOW)])
    assert check("đồ ngu ngơ dễ thương", rules).action == "allow"
    assert check("đồ ngu", rules).action == "hold"


def test_an_allow_rule_overrides_links_but_never_safeguarding():
    rules = RuleSet.from_rules(
        [*default_rules(), WordRule("thieunhi.vn", "custom", "allow"), WordRule("muốn chết", "custom", "allow")]
    )
    assert check("đọc ở thieunhi.vn", rules).action == "allow"
    assert check("em muốn chết", rules).reasons == ("safeguarding",)


def test_a_safeguarding_word_rule_holds_even_if_set_to_block():
    rules = RuleSet.from_rules([WordRule("bị nhốt", "safeguarding", "block")])
    verdict = check("em bị nhốt", rules)
    assert (verdict.action, verdict.reasons) == ("hold", ("safeguarding",))


def test_part_word_rules_match_inside_words():
    rules = RuleSet.from_rules([WordRule("xấu", "insult", "hold", whole_word=False)])
    assert check("xấuxí", rules).reasons == ("insult",)
    assert check("xấuxí", RuleSet.from_rules([WordRule("xấu", "insult", "hold")])).action == "allow"


def test_rules_with_punctuation_match_literally():
    rules = RuleSet.from_rules([WordRule("a+b", "custom", "hold")])
    assert check("tính a+b nhé", rules).action == "hold"
    assert check("tính a b nhé", rules).action == "allow"


def test_rule_sets_are_immutable_values():
    first = RuleSet.from_rules([WordRule("abc", "custom", "hold")])
    second = RuleSet.from_rules([WordRule("abc", "custom", "hold")])
    assert first == second and hash(first) == hash(second)
    with pytest.raises(AttributeError):
        first.rules = ()  # type: ignore[misc]


def test_the_default_rule_set_is_built_from_the_shipped_lists():
    assert RuleSet.default() == RuleSet.from_rules(default_rules())
    assert {rule.category for rule in default_rules()} >= {"profanity", "insult", "custom"}
    assert any(rule.action == "allow" for rule in default_rules())


@pytest.mark.parametrize(
    "fields",
    [
        {"pattern": " ", "category": "custom", "action": "hold"},
        {"pattern": "x", "category": "rude", "action": "hold"},
        {"pattern": "x", "category": "custom", "action": "delete"},
        {"pattern": "x", "category": "custom", "action": "hold", "language": "fr"},
    ],
)
def test_invalid_rules_are_refused(fields):
    with pytest.raises(ValueError):
        WordRule(**fields)
