"""How fast results are counted: the results service next to the same GROUP BY as raw SQL.

Run with `make bench`, or `python bench/results.py --sizes 10000,100000` to choose the sizes.
For each size a scratch SQLite database (and, with BENCH_DATABASE_URL=postgresql+psycopg://...,
a scratch PostgreSQL database) gets that many submitted responses to a 10-question survey, loaded
with bulk inserts (executemany on SQLite, COPY on PostgreSQL). Printed: the median time to
aggregate the survey through `forum.results.services` (everything the results page needs:
counts, suppression, medians), with and without a breakdown by age band and gender, next to the
same SQL statements replayed straight through the database driver (the service's own GROUP BYs, as
raw SQL), and next to the plain GROUP BY per option (the query a tool without suppression would
run), and the time to draw the survey page's charts from those results, cold and cached. The
ratios are the figure (the machine is shared and noisy); no assertions.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_migrate import upgrade

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from forum import create_app  # noqa: E402
from forum.consultations import services as consultations  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.results import chart_cache, page_charts, services  # noqa: E402
from forum.results.filters import Dimension, Filters  # noqa: E402
from forum.schools import services as schools  # noqa: E402
from forum.surveys import services as surveys  # noqa: E402
from forum.surveys.definition import QuestionType, from_json  # noqa: E402

SIZES = (10_000, 100_000, 1_000_000)
CHUNK = 50_000
K = 10
BANDS = ["6-8", "9-11", "12-14", "15-17"]
LEVELS = {
    "6-8": ["primary"],
    "9-11": ["primary", "lower_secondary"],
    "12-14": ["lower_secondary"],
    "15-17": ["upper_secondary"],
}
GENDERS = ["girl", "boy", "another", "unsaid", None]
GENDER_WEIGHTS = [46, 46, 2, 2, 4]


def _options(*keys: str) -> list[dict[str, Any]]:
    return [{"key": key, "label": {"vi": key.title()}} for key in keys]


QUESTIONS: list[dict[str, Any]] = [
    {
        "key": "where",
        "type": "single_choice",
        "text": {"vi": "Chơi ở đâu?"},
        "options": _options("park", "school", "street", "home", "other"),
    },
    {
        "key": "likes",
        "type": "multiple_choice",
        "text": {"vi": "Thích gì?"},
        "options": _options("football", "reading", "drawing", "music"),
    },
    {"key": "fun", "type": "smiley", "text": {"vi": "Vui không?"}, "settings": {"points": 5}},
    {"key": "parks", "type": "agree", "text": {"vi": "Cần thêm công viên."}},
    {"key": "safe", "type": "yes_no", "text": {"vi": "An toàn không?"}},
    {"key": "stars", "type": "rating", "text": {"vi": "Mấy sao?"}, "settings": {"stars": 5}},
    {"key": "hours", "type": "number", "text": {"vi": "Mấy giờ?"}, "settings": {"min": 0, "max": 40, "integer": True}},
    {
        "key": "rank",
        "type": "ranking",
        "text": {"vi": "Xếp hạng."},
        "settings": {"max_ranked": 2},
        "options": _options("slides", "trees", "benches"),
    },
    {
        "key": "travel",
        "type": "single_choice",
        "text": {"vi": "Đi học bằng gì?"},
        "allow_decline": True,
        "options": _options("walk", "bike", "motorbike"),
    },
    {"key": "idea", "type": "short_text", "text": {"vi": "Ý tưởng?"}},
]

RESPONSE_COLUMNS = (
    "id, survey_id, status, draft, step, started_at, updated_at, submitted_at, age_band, gender, area_id, school_level"
)
ANSWER_COLUMNS = "response_id, question_id, option_id, number, rank, text, declined, text_status"
INSERT_RESPONSES = f"INSERT INTO response ({RESPONSE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"  # noqa: S608
INSERT_ANSWERS = f"INSERT INTO answer ({ANSWER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"  # noqa: S608
COPY_RESPONSES = f"COPY response ({RESPONSE_COLUMNS}) FROM STDIN"
COPY_ANSWERS = f"COPY answer ({ANSWER_COLUMNS}) FROM STDIN"
RAW_SQL = """
SELECT a.question_id, a.option_id, a.declined{extra}, COUNT(*)
FROM answer a JOIN response r ON r.id = a.response_id
WHERE r.survey_id = :survey AND r.status = 'submitted'
GROUP BY a.question_id, a.option_id, a.declined{extra}
"""


@contextmanager
def scratch_databases(postgres: str | None) -> Iterator[list[tuple[str, str]]]:
    """A temporary SQLite file, and a fresh PostgreSQL database when a URL is given."""
    with tempfile.TemporaryDirectory() as folder:
        found = [("SQLite", f"sqlite:///{folder}/bench.db")]
        admin = None
        if postgres:
            url = sa.engine.make_url(postgres)
            name = f"bench_results_{os.getpid()}"
            admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
            with admin.connect() as connection:
                connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
            found.append(("PostgreSQL", url.set(database=name).render_as_string(hide_password=False)))
        try:
            yield found
        finally:
            if admin is not None:
                with admin.connect() as connection:
                    connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                admin.dispose()


def make_survey(count_areas: int = 15) -> tuple[int, list[int], dict[str, Any]]:
    """A published survey of the ten questions and the areas children come from."""
    areas = [
        schools.save_area(
            None, code=f"D{i}", name_vi=f"Quận {i}", name_en=f"District {i}", kind="urban", active=True, actor=None
        ).id
        for i in range(count_areas)
    ]
    today = date.today()
    consultation = consultations.save_consultation(
        None,
        consultations.ConsultationInput(
            title={"vi": "Đo"}, policy_question={"vi": "Đo?"}, opens_on=today - timedelta(days=30), closes_on=today
        ),
        BANDS,
        None,
    )
    survey = surveys.import_definition(consultation, from_json({"title": {"vi": "Đo"}, "questions": QUESTIONS}), None)
    db.session.commit()
    layout = {q.key: (q.id, q.type, [o.id for o in q.options]) for q in survey.questions}
    return survey.id, areas, layout


def answer_rows(rng: random.Random, response_id: int, layout: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    """(id, response_id, question_id, option_id, number, rank, text, declined, text_status)."""
    for key, (question_id, kind, options) in layout.items():
        if kind in (QuestionType.SINGLE_CHOICE, QuestionType.SMILEY, QuestionType.AGREE, QuestionType.YES_NO):
            if key == "travel" and rng.random() < 0.05:
                yield (response_id, question_id, None, None, None, None, True, None)
            else:
                yield (response_id, question_id, rng.choice(options), None, None, None, False, None)
        elif kind is QuestionType.MULTIPLE_CHOICE:
            for option in rng.sample(options, rng.randint(1, 3)):
                yield (response_id, question_id, option, None, None, None, False, None)
        elif kind is QuestionType.RANKING:
            for rank, option in enumerate(rng.sample(options, 2), start=1):
                yield (response_id, question_id, option, None, rank, None, False, None)
        elif kind is QuestionType.RATING:
            yield (response_id, question_id, None, rng.randint(1, 5), None, None, False, None)
        elif kind is QuestionType.NUMBER:
            yield (response_id, question_id, None, rng.randint(0, 40), None, None, False, None)
        else:
            yield (response_id, question_id, None, None, None, "ý kiến", False, "pending")


def load(connection: Any, dialect: str, survey_id: int, areas: list[int], layout: dict[str, Any], size: int) -> None:
    """Bulk-load `size` submitted responses and their answers through the DBAPI connection."""
    rng = random.Random(size)  # noqa: S311 (benchmark data, not secrets)
    start = datetime(2026, 6, 1, tzinfo=UTC)
    cursor = connection.cursor()
    # SQLite: the answer table's secondary indexes are built once at the end (sorted, much faster
    # than row by row), from their own stored definitions, so the schema is the migrated one.
    indexes = []
    if dialect == "sqlite":
        indexes = cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'answer' AND sql IS NOT NULL"
        ).fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    for first in range(1, size + 1, CHUNK):
        responses, answers = [], []
        for response_id in range(first, min(first + CHUNK, size + 1)):
            band = rng.choice(BANDS)
            moment = (start + timedelta(seconds=rng.randint(0, 29 * 86400))).replace(tzinfo=None)
            responses.append(
                (
                    response_id,
                    survey_id,
                    "submitted",
                    "{}",
                    0,
                    moment,
                    moment,
                    moment,
                    band,
                    rng.choices(GENDERS, GENDER_WEIGHTS)[0],
                    rng.choice(areas),
                    rng.choice(LEVELS[band]),
                )
            )
            answers.extend(answer_rows(rng, response_id, layout))
        if dialect == "sqlite":
            cursor.executemany(INSERT_RESPONSES, responses)
            cursor.executemany(INSERT_ANSWERS, answers)
        else:
            with cursor.copy(COPY_RESPONSES) as copy:
                for row in responses:
                    copy.write_row(row)
            with cursor.copy(COPY_ANSWERS) as copy:
                for row in answers:
                    copy.write_row(row)
    for _, definition in indexes:
        cursor.execute(definition)
    cursor.execute("ANALYZE")
    connection.commit()


def median_seconds(action: Callable[[], object], rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        db.session.expire_all()
        current_app.extensions.pop(services.SUPPRESSED_CACHE, None)  # count every round
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def measure(label: str, url: str, size: int, rounds: int) -> None:
    app = create_app(
        {
            "ENVIRONMENT": "test",
            "SECRET_KEY": "bench-secret-key-long-enough",
            "SQLALCHEMY_DATABASE_URI": url,
            "RATELIMIT_ENABLED": False,
        }
    )
    with app.app_context(), app.test_request_context("/"):
        upgrade()
        survey_id, areas, layout = make_survey()
        began = time.perf_counter()
        connection = db.engine.raw_connection()
        try:
            if db.engine.dialect.name == "sqlite":
                connection.execute("PRAGMA synchronous=OFF")
            load(connection, db.engine.dialect.name, survey_id, areas, layout, size)
        finally:
            connection.close()
        loaded = time.perf_counter() - began
        survey = db.session.get(services.Survey, survey_id)
        questions = services.answerable(survey)
        dimensions = [Dimension.AGE_BAND, Dimension.GENDER]

        def plain() -> None:
            services.get_survey_results(survey, Filters(), K)

        def broken_down() -> None:
            suppressed = services.suppressed_survey(survey, K)
            services.get_survey_results(survey, Filters(), K, suppressed=suppressed)
            for question in questions:
                services.get_breakdown(survey, question, dimensions, Filters(), K, suppressed=suppressed)

        def naive(extra: str) -> Callable[[], object]:
            query = sa.text(RAW_SQL.format(extra=extra))
            return lambda: db.session.execute(query, {"survey": survey_id}).all()

        naive(", r.age_band, r.gender")()  # warm the cache once for everything below
        figures = {
            "service": median_seconds(plain, rounds),
            "its statements as raw SQL": median_seconds(replay(captured(plain)), rounds),
            "plain GROUP BY per option": median_seconds(naive(""), rounds),
            "service, by band and gender": median_seconds(broken_down, rounds),
            "its statements as raw SQL ": median_seconds(replay(captured(broken_down)), rounds),
            "plain GROUP BY per option, band, gender": median_seconds(naive(", r.age_band, r.gender"), rounds),
        }
        results = services.get_survey_results(survey, Filters(), K)

        def charts_cold() -> None:
            current_app.extensions.pop(chart_cache.EXTENSION, None)  # an empty chart cache
            page_charts.question_svgs(survey, results)

        def charts_cached() -> None:
            page_charts.question_svgs(survey, results)

        charts_cold()  # fonts load once per process
        drawn = len(page_charts.question_svgs(survey, results))
        charts = {"cold": median_seconds(charts_cold, rounds), "cached": median_seconds(charts_cached, rounds)}
        db.session.remove()
        db.engine.dispose()
    print(f"{label}, {size:,} responses (loaded in {loaded:.1f} s), median of {rounds}:")
    for name, seconds in figures.items():
        print(f"  {name:<42} {seconds * 1000:>10,.0f} ms")
    values = list(figures.values())
    print(
        f"  ratio service / its own GROUP BYs as raw SQL: {values[0] / values[1]:.2f} without a breakdown, "
        f"{values[3] / values[4]:.2f} with one"
    )
    print(
        f"  ratio service / plain GROUP BY per option:    {values[0] / values[2]:.2f} without a breakdown, "
        f"{values[3] / values[5]:.2f} with one"
    )
    print(
        f"  the survey page's {drawn} charts as SVG: {charts['cold'] * 1000:,.0f} ms cold, "
        f"{charts['cached'] * 1000:,.1f} ms cached (in-process cache; the data version is one query)"
    )


def captured(action: Callable[[], object]) -> list[tuple[str, Any]]:
    """The SQL statements (with parameters) one run of `action` sends to the database."""
    statements: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        statements.append((statement, parameters))

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        db.session.expire_all()
        current_app.extensions.pop(services.SUPPRESSED_CACHE, None)
        action()
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
    return statements


def replay(statements: list[tuple[str, Any]]) -> Callable[[], object]:
    """The same statements straight through the database driver: no ORM, no Python work on rows."""

    def run() -> None:
        connection = db.engine.raw_connection()
        try:
            cursor = connection.cursor()
            for statement, parameters in statements:
                cursor.execute(statement, parameters)
                if cursor.description is not None:  # not for SET
                    cursor.fetchall()
        finally:
            connection.close()

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES), help="comma-separated response counts")
    parser.add_argument("--rounds", type=int, help="runs per figure (default 3, 1 from a million responses)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    for size in sizes:
        rounds = args.rounds or (3 if size < 1_000_000 else 1)
        with scratch_databases(os.environ.get("BENCH_DATABASE_URL")) as databases:
            for label, url in databases:
                measure(label, url, size, rounds)


if __name__ == "__main__":
    main()
