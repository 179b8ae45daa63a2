"""A show-if condition in words, for the builder's question list: "Shown if q2 is “Yes” and q3 > 5"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _

from forum.language.texts import in_language
from forum.surveys.definition import QuestionDefinition

SYMBOLS = {"lt": "<", "le": "≤", "gt": ">", "ge": "≥"}


def describe_condition(
    condition: Mapping[str, Any] | None, questions: Mapping[str, QuestionDefinition], locale: str
) -> str:
    """The whole sentence, or "" for a question that is always shown."""
    if not condition:
        return ""
    return _("Shown if %(condition)s", condition=_describe(condition, questions, locale, top=True))


def _option_label(question: QuestionDefinition | None, key: Any, locale: str) -> str:
    if question is not None:
        for option in question.options:
            if option.key == key:
                return f"“{in_language(option.label, locale) or key}”"
    return f"“{key}”"


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _describe(condition: Any, questions: Mapping[str, QuestionDefinition], locale: str, top: bool = False) -> str:
    if not isinstance(condition, Mapping):
        return _("(a condition that cannot be read)")
    op = condition.get("op")
    if op in ("and", "or"):
        joiner = _(" and ") if op == "and" else _(" or ")
        parts = [_describe(arg, questions, locale) for arg in condition.get("args") or []]
        text = joiner.join(parts)
        return text if top else f"({text})"
    if op == "not":
        return _("not %(condition)s", condition=_describe(condition.get("arg"), questions, locale))
    key = str(condition.get("question", "?"))
    question = questions.get(key)
    value = condition.get("value")
    if op in SYMBOLS:
        return f"{key} {SYMBOLS[op]} {_number(value)}"
    if op in ("equals", "not_equals"):
        shown = _number(value) if isinstance(value, (int, float)) else _option_label(question, value, locale)
        if op == "equals":
            return _("%(question)s is %(value)s", question=key, value=shown)
        return _("%(question)s is not %(value)s", question=key, value=shown)
    if op == "one_of":
        values = condition.get("values") or []
        shown = ", ".join(_option_label(question, v, locale) for v in values)
        return _("%(question)s is one of %(values)s", question=key, values=shown)
    if op == "selected":
        return _("%(question)s includes %(value)s", question=key, value=_option_label(question, value, locale))
    return _("(a condition that cannot be read)")
