"""Reading and checking a child's answers against a survey definition. Pure: no Flask, no database.

Form fields are named `q-<key>`; ranking uses `q-<key>-<option key>` holding a rank. The value
`__declined__` in `q-<key>` means "I'd rather not say". Clean answers use the representation of
`conditions`: an option key, a list of option keys (multiple choice; ranking in rank order), a
number, a text, or DECLINED.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from forum.surveys import conditions
from forum.surveys.conditions import DECLINED
from forum.surveys.definition import (
    MAX_TEXT_ANSWER,
    QuestionDefinition,
    QuestionType,
    SurveyDefinition,
)

DECLINE_VALUE = "__declined__"
MAX_NUMBER = Decimal("1e12")
DEFAULT_STARS = 5
CHOICE_TYPES = {QuestionType.SINGLE_CHOICE, QuestionType.SMILEY, QuestionType.AGREE, QuestionType.YES_NO}
_ALLOWED_CONTROLS = {"\n", "\t"}


class FormValues(Protocol):
    """What answers need from a submitted form; a werkzeug MultiDict is one."""

    def getlist(self, key: str) -> list[str]: ...


@dataclass(frozen=True)
class AnswerError:
    """`code` picks the translated message: required, unknown_option, too_many, not_a_number,
    not_whole, too_small, too_large, too_long, invisible_characters, bad_rank, not_allowed."""

    code: str
    limit: Any = None


def field_name(question: QuestionDefinition, option: str | None = None) -> str:
    return f"q-{question.key}" if option is None else f"q-{question.key}-{option}"


def read_answer(question: QuestionDefinition, form: FormValues) -> tuple[Any, AnswerError | None]:
    """One question's answer from the form: (clean value or None when unanswered, error)."""
    values = [v for v in form.getlist(field_name(question)) if isinstance(v, str)]
    if DECLINE_VALUE in values:
        if not question.allow_decline:
            return None, AnswerError("not_allowed")
        return DECLINED, None
    if question.type is QuestionType.RANKING:
        return _ranking(question, form)
    values = [v for v in values if v.strip()]
    if not values:
        return None, None
    if question.type in CHOICE_TYPES:
        return _one_option(question, values)
    if question.type is QuestionType.MULTIPLE_CHOICE:
        return _options(question, values)
    if question.type in (QuestionType.NUMBER, QuestionType.RATING):
        return _number(question, values[0])
    if question.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
        return _text(question, values[0])
    return None, None


def check_value(question: QuestionDefinition, value: Any) -> AnswerError | None:
    """Re-checks a stored draft value, so a draft saved before an edit is never trusted."""
    if value is None or value == DECLINED:
        return None if value is None or question.allow_decline else AnswerError("not_allowed")
    keys = {option.key for option in question.options}
    if question.type in CHOICE_TYPES:
        return None if isinstance(value, str) and value in keys else AnswerError("unknown_option")
    if question.type in (QuestionType.MULTIPLE_CHOICE, QuestionType.RANKING):
        if not isinstance(value, list) or not all(isinstance(v, str) and v in keys for v in value):
            return AnswerError("unknown_option")
        if len(set(value)) != len(value):
            return AnswerError("bad_rank")
        return _count_error(question, len(value))
    if question.type in (QuestionType.NUMBER, QuestionType.RATING):
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
            return AnswerError("not_a_number")
        return _number(question, repr(value))[1]
    if question.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
        return _text(question, value)[1] if isinstance(value, str) else AnswerError("too_long")
    return AnswerError("not_allowed")


def _one_option(question: QuestionDefinition, values: Sequence[str]) -> tuple[Any, AnswerError | None]:
    keys = {option.key for option in question.options}
    if len(values) != 1 or values[0] not in keys:
        return None, AnswerError("unknown_option")
    return values[0], None


def _options(question: QuestionDefinition, values: Sequence[str]) -> tuple[Any, AnswerError | None]:
    keys = [option.key for option in question.options]
    if any(value not in keys for value in values):
        return None, AnswerError("unknown_option")
    chosen = [key for key in keys if key in values]  # in the question's order, without repeats
    return chosen, _count_error(question, len(chosen))


def _count_error(question: QuestionDefinition, count: int) -> AnswerError | None:
    limit = question.settings.get("max_choices" if question.type is QuestionType.MULTIPLE_CHOICE else "max_ranked")
    if isinstance(limit, int) and count > limit:
        return AnswerError("too_many", limit)
    return None


def _ranking(question: QuestionDefinition, form: FormValues) -> tuple[Any, AnswerError | None]:
    ranks: dict[str, int] = {}
    for option in question.options:
        raw = [v for v in form.getlist(field_name(question, option.key)) if v.strip()]
        if not raw:
            continue
        if len(raw) != 1 or not raw[0].strip().isdigit():
            return None, AnswerError("bad_rank")
        ranks[option.key] = int(raw[0].strip())
    if not ranks:
        return None, None
    ordered = sorted(ranks.values())
    if ordered != list(range(1, len(ordered) + 1)):
        return None, AnswerError("bad_rank")  # ranks must be 1, 2, 3 ... without gaps or ties
    chosen = sorted(ranks, key=ranks.__getitem__)
    return chosen, _count_error(question, len(chosen))


def _number(question: QuestionDefinition, raw: str) -> tuple[Any, AnswerError | None]:
    text = raw.strip().replace(",", ".") if raw.count(",") == 1 and "." not in raw else raw.strip()
    if len(text) > 40:
        return None, AnswerError("not_a_number")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None, AnswerError("not_a_number")
    if not number.is_finite() or abs(number) > MAX_NUMBER:
        return None, AnswerError("not_a_number")
    settings = question.settings
    whole = question.type is QuestionType.RATING or settings.get("integer") is True
    if whole and number != number.to_integral_value():
        return None, AnswerError("not_whole")
    low = 1 if question.type is QuestionType.RATING else settings.get("min")
    high = settings.get("stars", DEFAULT_STARS) if question.type is QuestionType.RATING else settings.get("max")
    if low is not None and number < Decimal(str(low)):
        return None, AnswerError("too_small", low)
    if high is not None and number > Decimal(str(high)):
        return None, AnswerError("too_large", high)
    return (int(number) if whole else float(number)), None


def _text(question: QuestionDefinition, raw: str) -> tuple[Any, AnswerError | None]:
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").strip())
    limit = question.settings.get("max_length", MAX_TEXT_ANSWER[question.type.value])
    if len(text) > limit:
        return None, AnswerError("too_long", limit)
    if any(unicodedata.category(ch)[0] == "C" and ch not in _ALLOWED_CONTROLS for ch in text):
        return None, AnswerError("invisible_characters")
    if question.type is QuestionType.SHORT_TEXT and "\n" in text:
        text = " ".join(text.split())
    return (text or None), None


def visible_questions(survey: SurveyDefinition, answers: Mapping[str, Any]) -> list[QuestionDefinition]:
    """The questions shown given these answers, in order (each condition sees only earlier answers)."""
    shown: list[QuestionDefinition] = []
    seen: dict[str, Any] = {}
    for question in survey.questions:
        if conditions.evaluate(question.condition, seen):
            shown.append(question)
            if question.key in answers:
                seen[question.key] = answers[question.key]
    return shown


def final_answers(survey: SurveyDefinition, draft: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, AnswerError]]:
    """What will be stored at submit: answers to visible questions only, each re-checked, and the
    errors (a required visible question without an answer, a stale or tampered value)."""
    answers: dict[str, Any] = {}
    errors: dict[str, AnswerError] = {}
    for question in visible_questions(survey, draft):
        if question.type is QuestionType.NOTE:
            continue
        value = draft.get(question.key)
        error = check_value(question, value)
        if error is not None:
            errors[question.key] = error
        elif value is None or value == []:
            if question.required:
                errors[question.key] = AnswerError("required")
        else:
            answers[question.key] = value
    return answers, errors
