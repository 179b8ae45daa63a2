"""Builders for results tests: a survey with every answerable type, responses inserted directly
(snapshot and answers, as `surveys.services.submit` writes them) and an independent recount of
any figure from the raw rows, in plain Python."""

from __future__ import annotations

import random
import statistics
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from forum.extensions import db
from forum.surveys.definition import QuestionType
from forum.surveys.models import Answer, Question, Response, ResponseStatus, Survey, TextStatus
from tests import builders
from tests.surveys.conftest_taking import make_consultation, make_survey, option, texts

DECLINED = "__declined__"
BANDS = ["6-8", "9-11", "12-14", "15-17"]
GENDERS = ["girl", "boy", "another", "unsaid", None]
LEVELS = {
    "6-8": ["primary"],
    "9-11": ["primary", "lower_secondary"],
    "12-14": ["lower_secondary"],
    "15-17": ["upper_secondary"],
}

QUESTIONS: list[dict[str, Any]] = [
    {
        "key": "where",
        "type": "single_choice",
        "text": texts("Em thường chơi ở đâu?", "Where do you usually play?"),
        "allow_decline": True,
        "options": [
            option("park", "Công viên", "Park"),
            option("school", "Sân trường", "School yard"),
            option("street", "Ngoài đường", "Street"),
            option("home", "Ở nhà", "At home"),
        ],
    },
    {
        "key": "activities",
        "type": "multiple_choice",
        "text": texts("Em thích làm gì?", "What do you like doing?"),
        "allow_decline": True,
        "options": [
            option("football", "Đá bóng", "Football"),
            option("reading", "Đọc sách", "Reading"),
            option("drawing", "Vẽ", "Drawing"),
        ],
    },
    {"key": "fun", "type": "smiley", "text": texts("Vui không?", "Fun?"), "settings": {"points": 5}},
    {"key": "agree", "type": "agree", "text": texts("Cần thêm công viên.", "More parks.")},
    {"key": "safe", "type": "yes_no", "text": texts("An toàn không?", "Safe?"), "allow_decline": True},
    {"key": "stars", "type": "rating", "text": texts("Mấy sao?", "How many stars?"), "settings": {"stars": 5}},
    {
        "key": "hours",
        "type": "number",
        "text": texts("Mấy giờ?", "How many hours?"),
        "allow_decline": True,
        "settings": {"min": 0, "max": 40, "integer": True},
    },
    {"key": "money", "type": "number", "text": texts("Bao nhiêu tiền?", "How much money?")},
    {
        "key": "rank",
        "type": "ranking",
        "text": texts("Xếp hạng.", "Rank."),
        "options": [
            option("slides", "Cầu trượt", "Slides"),
            option("trees", "Cây xanh", "Trees"),
            option("benches", "Ghế ngồi", "Benches"),
        ],
    },
    {"key": "ideas", "type": "long_text", "text": texts("Ý tưởng?", "Ideas?"), "allow_decline": True},
]


@dataclass
class Spec:
    """One child's submitted response: the snapshot and answers by question key (DECLINED, an option
    key, a list of keys in order, a number, or (text, status, redacted text))."""

    band: str | None
    gender: str | None
    area_id: int | None
    level: str | None
    answers: dict[str, Any] = field(default_factory=dict)
    submitted_at: datetime = field(default_factory=lambda: datetime(2026, 6, 3, 3, 0, tzinfo=UTC))


def make_results_survey(questions: Sequence[dict[str, Any]] = QUESTIONS) -> Survey:
    return make_survey(make_consultation(), questions)


def add_responses(survey: Survey, specs: Sequence[Spec]) -> None:
    """Insert submitted responses and their answers (no child: as after erasure) in two bulk
    statements; flushes."""
    if not specs:
        return
    questions = {q.key: q for q in survey.questions}
    ids = db.session.execute(
        sa.insert(Response).returning(Response.id, sort_by_parameter_order=True),
        [
            {
                "survey_id": survey.id,
                "status": ResponseStatus.SUBMITTED,
                "submitted_at": spec.submitted_at,
                "age_band": spec.band,
                "gender": spec.gender,
                "area_id": spec.area_id,
                "school_level": spec.level,
                "draft": {},
                "step": 0,
                "started_at": spec.submitted_at,
                "updated_at": spec.submitted_at,
            }
            for spec in specs
        ],
    ).scalars()
    rows = []
    for response_id, spec in zip(list(ids), specs, strict=True):
        for key, value in spec.answers.items():
            rows.extend(_answer_rows(response_id, questions[key], value))
    if rows:
        db.session.execute(sa.insert(Answer), rows)
    db.session.flush()


def _answer_rows(response_id: int, question: Question, value: Any) -> list[dict[str, Any]]:
    options = {o.key: o.id for o in question.options}
    base = {
        "response_id": response_id,
        "question_id": question.id,
        "option_id": None,
        "number": None,
        "rank": None,
        "text": None,
        "declined": False,
        "text_status": None,
        "redacted_text": None,
    }
    if value == DECLINED:
        return [base | {"declined": True}]
    if question.type is QuestionType.RANKING:
        return [base | {"option_id": options[k], "rank": r} for r, k in enumerate(value, start=1)]
    if question.type is QuestionType.MULTIPLE_CHOICE:
        return [base | {"option_id": options[k]} for k in value]
    if question.type in (QuestionType.NUMBER, QuestionType.RATING):
        return [base | {"number": Decimal(str(value))}]
    if question.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
        text, status, redacted = value
        return [base | {"text": text, "text_status": status, "redacted_text": redacted}]
    return [base | {"option_id": options[value]}]


def random_answers(rng: random.Random, survey: Survey, skip: float = 0.1) -> dict[str, Any]:
    """Answers to every question (some skipped, some declined where allowed)."""
    answers: dict[str, Any] = {}
    for question in survey.questions:
        if rng.random() < skip:
            continue
        if question.allow_decline and rng.random() < 0.05:
            answers[question.key] = DECLINED
            continue
        keys = [o.key for o in question.options]
        if question.type is QuestionType.MULTIPLE_CHOICE:
            answers[question.key] = rng.sample(keys, rng.randint(1, len(keys)))
        elif question.type is QuestionType.RANKING:
            answers[question.key] = rng.sample(keys, rng.randint(1, len(keys)))
        elif question.type is QuestionType.RATING:
            answers[question.key] = rng.randint(1, 5)
        elif question.type is QuestionType.NUMBER:
            answers[question.key] = (
                rng.randint(0, 40) if question.settings.get("integer") else round(rng.uniform(0, 250), 2)
            )
        elif question.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
            status = rng.choice(list(TextStatus))
            text = f"ý kiến {rng.randint(1, 10**6)}"
            answers[question.key] = (text, status, f"[đã che] {text[:4]}" if status is TextStatus.REDACTED else None)
        else:
            answers[question.key] = rng.choice(keys)
    return answers


def random_specs(rng: random.Random, survey: Survey, areas: Sequence[int], count: int) -> list[Spec]:
    specs = []
    for _ in range(count):
        band = rng.choice(BANDS)
        specs.append(
            Spec(
                band=band,
                gender=rng.choices(GENDERS, weights=[45, 45, 3, 3, 4])[0],
                area_id=rng.choice(list(areas)),
                level=rng.choice(LEVELS[band]),
                answers=random_answers(rng, survey),
                submitted_at=datetime(2026, 6, 1, 2, 0, tzinfo=UTC) + timedelta(hours=rng.randint(0, 24 * 20)),
            )
        )
    return specs


# The independent recount ------------------------------------------------------------------------


@dataclass
class RawRow:
    band: str | None
    gender: str | None
    area: str | None
    level: str | None
    answers: dict[int, list[Answer]]


def load_rows(survey_id: int) -> list[RawRow]:
    """Every submitted response with its answers: only tests read responses one by one."""
    responses = db.session.execute(
        sa.select(Response).where(Response.survey_id == survey_id, Response.status == ResponseStatus.SUBMITTED)
    ).scalars()
    rows = []
    for response in responses:
        by_question: dict[int, list[Answer]] = {}
        for answer in response.answers:
            by_question.setdefault(answer.question_id, []).append(answer)
        area = None if response.area_id is None else str(response.area_id)
        rows.append(RawRow(response.age_band, response.gender, area, response.school_level, by_question))
    return rows


def recount(rows: Sequence[RawRow], question: Question) -> dict[str, Any]:
    """answered, declined, given, per option count (and mean rank), mean, median, per number count."""
    answered = [r.answers[question.id] for r in rows if question.id in r.answers]
    declined = sum(1 for a in answered if a[0].declined)
    given = [a for a in answered if not a[0].declined]
    options: dict[str, int] = {}
    ranks: dict[str, list[int]] = {}
    for answer_rows in given:
        for answer in answer_rows:
            if answer.option_id is not None:
                key = next(o.key for o in question.options if o.id == answer.option_id)
                options[key] = options.get(key, 0) + 1
                if answer.rank is not None:
                    ranks.setdefault(key, []).append(answer.rank)
    numbers = [float(a[0].number) for a in given if a[0].number is not None]
    return {
        "answered": len(answered),
        "declined": declined,
        "given": len(given),
        "options": options,
        "mean_rank": {k: statistics.mean(v) for k, v in ranks.items()},
        "numbers": numbers,
        "mean": statistics.mean(numbers) if numbers else None,
        "median": statistics.median(numbers) if numbers else None,
    }


def matching(rows: Sequence[RawRow], **values: str | None) -> list[RawRow]:
    """Rows whose snapshot has these values (band, gender, area, level)."""
    return [r for r in rows if all(getattr(r, name) == value for name, value in values.items())]


@pytest.fixture
def areas(app: Flask) -> list[int]:
    with app.app_context():
        made = [builders.make_area() for _ in range(3)]
        db.session.commit()
        return [a.id for a in made]


@pytest.fixture
def in_request(app: Flask) -> Callable[[], Iterator[None]]:
    """A request context in English: services name groups with gettext."""
    return lambda: app.test_request_context("/", headers={"Cookie": "lang=en"})  # type: ignore[return-value]
