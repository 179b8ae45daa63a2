"""Stored questions as the builder's form data, and the suggestions the form shows beside its fields."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from forum.consultations.forms import band_field_name, texts_data
from forum.consultations.messages import OPERATOR_NAMES
from forum.consultations.question_forms import CLAUSES, DEFAULT_STARS
from forum.surveys.definition import AUTHORED_OPTIONS, QuestionDefinition


def _number_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def clause_rows(condition: Mapping[str, Any] | None) -> tuple[str, list[dict[str, str]]] | None:
    """A stored condition as (join, clause rows), or None when the rows cannot show it."""
    if not condition:
        return "and", []
    simple = [condition]
    join = "and"
    if condition.get("op") in ("and", "or"):
        join = str(condition["op"])
        simple = list(condition.get("args") or [])
    if len(simple) > CLAUSES:
        return None
    rows = []
    for clause in simple:
        op = clause.get("op") if isinstance(clause, Mapping) else None
        if op not in OPERATOR_NAMES:
            return None
        value = ", ".join(map(str, clause.get("values") or [])) if op == "one_of" else _number_text(clause.get("value"))
        rows.append({"question": str(clause.get("question", "")), "op": op, "value": value})
    return join, rows


def question_data(question: QuestionDefinition, bands: Sequence[str]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """A stored question as form data, and its condition when the clause rows cannot show it."""
    settings = question.settings
    if question.allow_decline == question.sensitive:
        decline = "auto"
    else:
        decline = "yes" if question.allow_decline else "no"
    data: dict[str, Any] = {
        "type": question.type.value,
        "key": question.key,
        **texts_data("text", question.text),
        **texts_data("help", question.help),
        "required": question.required,
        "sensitive": question.sensitive,
        "decline": decline,
        "max_choices": _number_text(settings.get("max_choices")),
        "points": str(settings.get("points", 3)),
        "stars": _number_text(settings.get("stars", DEFAULT_STARS)),
        "number_min": _number_text(settings.get("min")),
        "number_max": _number_text(settings.get("max")),
        "integer": bool(settings.get("integer")),
        "max_length": _number_text(settings.get("max_length")),
        "max_ranked": _number_text(settings.get("max_ranked")),
        "options": [
            {"key": o.key, "label_vi": o.label.get("vi", ""), "label_en": o.label.get("en", "")}
            for o in (question.options if question.type in AUTHORED_OPTIONS else ())
        ],
    }
    for band in bands:
        for lang in ("vi", "en"):
            data[band_field_name("band", band, lang)] = question.band_text.get(band, {}).get(lang, "")
    rows = clause_rows(question.condition)
    if rows is None:
        data["clauses"] = []
        return data, question.condition
    data["join"], data["clauses"] = rows
    return data, None


def suggested_key(questions: Sequence[QuestionDefinition]) -> str:
    keys = {q.key for q in questions}
    number = len(questions) + 1
    while f"q{number}" in keys:
        number += 1
    return f"q{number}"


def option_hints(earlier: Sequence[QuestionDefinition], locale: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """For the value field's hint: each earlier choice question's options as (key, label)."""
    hints = []
    for question in earlier:
        if question.options:
            labels = [(o.key, o.label.get(locale) or o.label.get("vi") or o.key) for o in question.options]
            hints.append((question.key, question.facts().kind, labels))
    return hints
