"""Show-if conditions: a small tree of JSON-able dicts, checked against earlier questions and
evaluated against answers. Pure: no Flask, no database.

A condition is one of
    {"op": "and" | "or", "args": [condition, ...]}       (two or more)
    {"op": "not", "arg": condition}
    {"op": "equals" | "not_equals", "question": key, "value": option key or number}
    {"op": "one_of", "question": key, "values": [option key, ...]}
    {"op": "selected", "question": key, "value": option key}   (multiple choice)
    {"op": "lt" | "le" | "gt" | "ge", "question": key, "value": number}
An answer is an option key (str), a list of option keys (multiple choice, ranking), a number, a
text, DECLINED ("I'd rather not say") or missing; every comparison with a declined or missing
answer is false (and so `not` of it is true).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

DECLINED = {"declined": True}
COMPARISONS = {"lt", "le", "gt", "ge"}
CHOICE_OPERATORS = {"equals", "not_equals", "one_of"}
OPERATORS = {"and", "or", "not", "selected"} | CHOICE_OPERATORS | COMPARISONS
MAX_DEPTH = 8
MAX_MAGNITUDE = 10**15


@dataclass(frozen=True)
class QuestionFacts:
    """What a condition may refer to: an earlier question's kind and its option keys."""

    kind: str  # "choice" (one option), "choices" (several options), "number", "text", "none"
    options: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ConditionProblem:
    code: str  # unknown_operator, forward_reference, unknown_question, unknown_option, wrong_kind, malformed
    question: str | None = None
    detail: str = ""


def referenced_questions(condition: Mapping[str, Any] | None) -> list[str]:
    if not condition:
        return []
    op = condition.get("op")
    if op in ("and", "or"):
        return [key for arg in condition.get("args", []) for key in referenced_questions(arg)]
    if op == "not":
        return referenced_questions(condition.get("arg"))
    question = condition.get("question")
    return [question] if isinstance(question, str) else []


def check(condition: Any, earlier: Mapping[str, QuestionFacts], later: Sequence[str] = ()) -> list[ConditionProblem]:
    """Problems with `condition` for a question that may only look at `earlier` questions."""
    return _check(condition, earlier, set(later), 0)


def _check(condition: Any, earlier: Mapping[str, QuestionFacts], later: set[str], depth: int) -> list[ConditionProblem]:
    if not isinstance(condition, Mapping) or depth > MAX_DEPTH:
        return [ConditionProblem("malformed")]
    op = condition.get("op")
    if op not in OPERATORS:
        return [ConditionProblem("unknown_operator", detail=str(op)[:40])]
    if op in ("and", "or"):
        args = condition.get("args")
        if not isinstance(args, list) or len(args) < 2:
            return [ConditionProblem("malformed", detail=f"'{op}' needs two or more conditions")]
        return [problem for arg in args for problem in _check(arg, earlier, later, depth + 1)]
    if op == "not":
        return _check(condition.get("arg"), earlier, later, depth + 1)
    key = condition.get("question")
    if not isinstance(key, str):
        return [ConditionProblem("malformed", detail="no question")]
    if key not in earlier:
        code = "forward_reference" if key in later else "unknown_question"
        return [ConditionProblem(code, key)]
    facts = earlier[key]
    if op in COMPARISONS:
        if facts.kind != "number":
            return [ConditionProblem("wrong_kind", key, "a number comparison needs a number question")]
        if not _is_number(condition.get("value")):
            return [ConditionProblem("malformed", key, "the value must be a number")]
        return []
    if op == "selected":
        if facts.kind != "choices":
            return [ConditionProblem("wrong_kind", key, "'selected' needs a multiple-choice question")]
        return _check_options([condition.get("value")], facts, key)
    if op == "one_of":
        values = condition.get("values")
        if facts.kind != "choice":
            return [ConditionProblem("wrong_kind", key, "'is one of' needs a single-choice question")]
        if not isinstance(values, list) or not values:
            return [ConditionProblem("malformed", key, "no values")]
        return _check_options(values, facts, key)
    # equals / not_equals: an option of a single-choice question, or a number.
    value = condition.get("value")
    if facts.kind == "choice":
        return _check_options([value], facts, key)
    if facts.kind == "number":
        return [] if _is_number(value) else [ConditionProblem("malformed", key, "the value must be a number")]
    return [ConditionProblem("wrong_kind", key, "only choice and number questions can be compared")]


def _check_options(values: Sequence[Any], facts: QuestionFacts, key: str) -> list[ConditionProblem]:
    return [
        ConditionProblem("unknown_option", key, str(value)[:40])
        for value in values
        if not isinstance(value, str) or value not in facts.options
    ]


def _is_number(value: Any) -> bool:
    """A usable number: not a bool, finite, and small enough to compare as a float (10**400 is not)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return (
        abs(value) <= MAX_MAGNITUDE if isinstance(value, int) else math.isfinite(value) and abs(value) <= MAX_MAGNITUDE
    )


def evaluate(condition: Mapping[str, Any] | None, answers: Mapping[str, Any]) -> bool:
    """Whether a question with `condition` is shown, given the answers so far (no condition: shown)."""
    if not condition:
        return True
    op = condition["op"]
    if op == "and":
        return all(evaluate(arg, answers) for arg in condition["args"])
    if op == "or":
        return any(evaluate(arg, answers) for arg in condition["args"])
    if op == "not":
        return not evaluate(condition["arg"], answers)
    answer = answers.get(condition["question"])
    if answer is None or answer == DECLINED:
        return False
    if op == "selected":
        return isinstance(answer, list) and condition["value"] in answer
    if op == "one_of":
        return answer in condition["values"]
    if op in ("equals", "not_equals"):
        equal = _same(answer, condition["value"])
        return equal if op == "equals" else not equal
    if not _is_number(answer):
        return False
    value = condition["value"]
    return {
        "lt": answer < value,
        "le": answer <= value,
        "gt": answer > value,
        "ge": answer >= value,
    }[op]


def _same(answer: Any, value: Any) -> bool:
    if _is_number(answer) and _is_number(value):
        return float(answer) == float(value)
    return answer == value
