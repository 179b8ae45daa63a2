"""Admins' word rules: list, add, change, remove, and try the rules in force on some text.

Every change bumps the rule revision in the same transaction (`rulesets.bump_revision`), so each
process rebuilds its compiled rules on its next check: a change applies at once, without a
restart. Every change is in the audit log. Services flush; the view commits once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from forum.accounts.models import User
from forum.audit.services import AuditAction, record_event
from forum.extensions import db
from forum.moderation import RuleSet, Verdict
from forum.moderation import WordRule as EngineRule
from forum.moderation.cli import dry_run
from forum.moderation.normalize import normalize
from forum.review import rulesets
from forum.review.models import RuleAction, RuleCategory, RuleLanguage, WordRule

MAX_PATTERN_LENGTH = 120
MAX_NOTE_LENGTH = 200
# A part-word pattern this short would match inside almost every post.
MIN_PART_WORD_LENGTH = 2
RULES_PER_PAGE = 50
_SPACES = re.compile(r"\s+")


class RuleError(ValueError):
    """A rule the engine or the database cannot take; `code` names it (see rule_forms.RULE_ERRORS)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class RuleInput:
    pattern: str
    category: RuleCategory
    action: RuleAction
    language: RuleLanguage
    whole_word: bool
    note: str = ""


@dataclass(frozen=True)
class RuleFilter:
    category: RuleCategory | None = None
    action: RuleAction | None = None
    language: RuleLanguage | None = None
    search: str = ""


@dataclass(frozen=True)
class TriedLine:
    """One line of the test box: the text, its verdict, and the JSON line the CLI prints for it."""

    text: str
    verdict: Verdict
    json: str


def clean_pattern(pattern: str) -> str:
    """How a pattern is stored: NFC, lower case, single spaces, no spaces around it. The engine
    folds case itself, so "ĐM" and "đm" are one rule, and the duplicate check sees that."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", pattern).strip()).lower()


def check_rule(data: RuleInput) -> RuleInput:
    """The input with its pattern cleaned, or RuleError: empty, too long, a block on safeguarding
    words (a child asking for help is held, never refused), or a pattern the engine refuses."""
    pattern = clean_pattern(data.pattern)
    if not pattern:
        raise RuleError("pattern_empty")
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise RuleError("pattern_too_long")
    if len(data.note) > MAX_NOTE_LENGTH:
        raise RuleError("note_too_long")
    if data.category is RuleCategory.SAFEGUARDING and data.action is RuleAction.BLOCK:
        raise RuleError("safeguarding_blocked")
    folded = normalize(pattern).folded.strip()
    if not folded:
        raise RuleError("pattern_refused")
    if not data.whole_word and len(folded) < MIN_PART_WORD_LENGTH:
        raise RuleError("pattern_too_short")
    try:
        rule = EngineRule(
            pattern=pattern,
            category=data.category.value,  # type: ignore[arg-type]
            action=data.action.value,  # type: ignore[arg-type]
            language=data.language.value,  # type: ignore[arg-type]
            whole_word=data.whole_word,
        )
        RuleSet.from_rules([rule])
    except (ValueError, IndexError, re.error) as error:
        raise RuleError("pattern_refused") from error
    return RuleInput(pattern, data.category, data.action, data.language, data.whole_word, data.note.strip())


def get_rule(rule_id: int) -> WordRule | None:
    return db.session.get(WordRule, rule_id)


def list_rules(filters: RuleFilter, page: int = 1, per_page: int = RULES_PER_PAGE) -> tuple[list[WordRule], int]:
    """One page of rules (by category, language, pattern) and how many match the filters."""
    query = sa.select(WordRule)
    if filters.category is not None:
        query = query.where(WordRule.category == filters.category)
    if filters.action is not None:
        query = query.where(WordRule.action == filters.action)
    if filters.language is not None:
        query = query.where(WordRule.language == filters.language)
    if filters.search:
        query = query.where(WordRule.pattern.contains(clean_pattern(filters.search), autoescape=True))
    total = db.session.execute(sa.select(sa.func.count()).select_from(query.subquery())).scalar_one()
    rows = db.session.execute(
        query.order_by(WordRule.category, WordRule.language, WordRule.pattern, WordRule.id)
        .limit(per_page)
        .offset((max(page, 1) - 1) * per_page)
    ).scalars()
    return list(rows), total


def _clash(data: RuleInput) -> WordRule | None:
    return db.session.execute(
        sa.select(WordRule).where(
            WordRule.pattern == data.pattern,
            WordRule.language == data.language,
            WordRule.whole_word == data.whole_word,
        )
    ).scalar_one_or_none()


def _describe(rule: WordRule) -> str:
    match = "whole word" if rule.whole_word else "part-word"
    return f"{rule.pattern} ({rule.language.value}, {match}): {rule.category.value} → {rule.action.value}"


def save_rule(rule: WordRule | None, data: RuleInput, actor: User | None) -> WordRule:
    """Add a rule (rule=None) or change one; RuleError("duplicate") when the same pattern, language
    and matching already exist (also when a second admin saved it a moment earlier)."""
    data = check_rule(data)
    clash = _clash(data)
    if clash is not None and clash is not rule:
        raise RuleError("duplicate")
    adding = rule is None
    try:
        with db.session.begin_nested():
            if rule is None:
                rule = WordRule(created_by_id=actor.id if actor is not None else None)
                db.session.add(rule)
            rule.pattern, rule.category, rule.action = data.pattern, data.category, data.action
            rule.language, rule.whole_word, rule.note = data.language, data.whole_word, data.note
            db.session.flush()
    except sa.exc.IntegrityError as error:
        raise RuleError("duplicate") from error
    rulesets.bump_revision()
    record_event(
        AuditAction.WORD_RULE_ADDED if adding else AuditAction.WORD_RULE_CHANGED,
        actor=actor,
        target=f"word rule #{rule.id}",
        detail=_describe(rule),
    )
    return rule


def delete_rule(rule: WordRule, actor: User | None) -> None:
    detail, target = _describe(rule), f"word rule #{rule.id}"
    db.session.delete(rule)
    db.session.flush()
    rulesets.bump_revision()
    record_event(AuditAction.WORD_RULE_DELETED, actor=actor, target=target, detail=detail)


def try_rules(text: str) -> list[TriedLine]:
    """The test box: each non-blank line checked by the rules in force, exactly as
    `flask moderation check` reads and prints it."""
    return [
        TriedLine(post, verdict, line) for post, verdict, line in dry_run(_lines(text), rulesets.current_rule_set())
    ]


def _lines(text: str) -> Iterable[str]:
    """Lines as a file read in text mode gives them (\\r\\n and \\r are line ends too)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
