"""Counting in the database: GROUP BY over answers and the response snapshots taken at submit.

Nothing here loads a response: every query returns counts, sums or, for the median, one row per
group. Raw numbers leave this module only through `suppression.suppress` (DESIGN §4a rule 6).
Counts are taken per *leaf* (age band, gender, area, school level, each possibly "not recorded"),
so one query serves every filter and breakdown; `suppression` sums leaves into any group.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from forum.accounts.models import Role, User
from forum.extensions import db
from forum.results.filters import Dimension, Filters
from forum.schools.models import Classroom, School
from forum.surveys.definition import NUMBER_TYPES, QuestionType
from forum.surveys.models import Answer, Question, Response, ResponseStatus, Survey, TextStatus

# A leaf: age band, gender, area id (as text) and school level of a response; None = not recorded.
Leaf = tuple[str | None, str | None, str | None, str | None]
# Categories of a question's cells (options and bins are "o<option id>" and "b<bin index>").
ANSWERED = "answered"
DECLINED = "declined"
GIVEN = "given"
MAX_BINS = 12
QUOTE_ROWS = 5000

COLUMNS = {
    Dimension.AGE_BAND: Response.age_band,
    Dimension.GENDER: Response.gender,
    Dimension.AREA: Response.area_id,
    Dimension.SCHOOL_LEVEL: Response.school_level,
}
LEAF_COLUMNS = tuple(COLUMNS.values())


def option_category(option_id: int) -> str:
    return f"o{option_id}"


def bin_category(index: int) -> str:
    return f"b{index}"


def canonical(row: Sequence[Any]) -> tuple[tuple[bool, str], ...]:
    """A total order on rows holding None, text and numbers: suppression breaks ties in this order,
    so its pattern never depends on the order the database returned rows in."""
    return tuple((value is not None, str(int(value) if isinstance(value, bool) else value)) for value in row)


def leaf_of(row: Sequence[Any]) -> Leaf:
    """The leaf from four selected snapshot columns (area ids become text)."""
    band, gender, area, level = row
    return (band, gender, None if area is None else str(area), level)


@dataclass
class RawSurvey:
    """Unsuppressed counts per leaf. `cells[question id][(leaf, category)]`; `rank_sums` and
    `number_sums` are the sums behind mean ranks and means."""

    survey_id: int
    respondents: dict[Leaf, int] = field(default_factory=dict)
    cells: dict[int, dict[tuple[Leaf, str], int]] = field(default_factory=dict)
    rank_sums: dict[int, dict[tuple[Leaf, str], int]] = field(default_factory=dict)
    number_sums: dict[int, dict[Leaf, Decimal]] = field(default_factory=dict)
    bins: dict[int, tuple[float, ...]] = field(default_factory=dict)


def _submitted(survey_id: int) -> list[sa.ColumnElement[bool]]:
    return [Response.survey_id == survey_id, Response.status == ResponseStatus.SUBMITTED]


def filter_clauses(filters: Filters) -> list[sa.ColumnElement[bool]]:
    clauses: list[sa.ColumnElement[bool]] = []
    for dimension, value in filters.active().items():
        column = COLUMNS[dimension]
        clauses.append(column == (int(value) if dimension is Dimension.AREA else value))
    return clauses


def count_leaves(survey_id: int) -> dict[Leaf, int]:
    """Submitted responses per leaf."""
    return count_leaves_and_choosers(survey_id, ())[0]


def count_leaves_and_choosers(
    survey_id: int, question_ids: Sequence[int]
) -> tuple[dict[Leaf, int], dict[int, dict[Leaf, int]]]:
    """Submitted responses per leaf, and per multiple-choice question how many of them chose at
    least one option (one pass over the responses; those questions store a row per option)."""
    chose = [
        sa.func.sum(
            sa.case(
                (
                    sa.exists().where(
                        Answer.response_id == Response.id, Answer.question_id == qid, Answer.declined.is_(False)
                    ),
                    1,
                ),
                else_=0,
            )
        )
        for qid in question_ids
    ]
    rows = db.session.execute(
        sa.select(*LEAF_COLUMNS, sa.func.count(), *chose).where(*_submitted(survey_id)).group_by(*LEAF_COLUMNS)
    ).all()
    leaves: dict[Leaf, int] = {}
    choosers: dict[int, dict[Leaf, int]] = {qid: {} for qid in question_ids}
    for row in sorted(rows, key=canonical):
        leaf = leaf_of(row[:4])
        leaves[leaf] = int(row[4])
        for qid, count in zip(question_ids, row[5:], strict=True):
            if count:
                choosers[qid][leaf] = int(count)
    return leaves, choosers


def number_ranges(survey_id: int, question_ids: Sequence[int]) -> dict[int, tuple[Decimal, Decimal]]:
    """Smallest and largest answer of each number question (only to place histogram bins)."""
    if not question_ids:
        return {}
    rows = db.session.execute(
        sa.select(Answer.question_id, sa.func.min(Answer.number), sa.func.max(Answer.number))
        .join(Response, Response.id == Answer.response_id)
        .where(*_submitted(survey_id), Answer.question_id.in_(question_ids), Answer.number.is_not(None))
        .group_by(Answer.question_id)
    ).all()
    return {qid: (Decimal(low), Decimal(high)) for qid, low, high in rows if low is not None}


def bin_edges(question: Question, data_range: tuple[Decimal, Decimal] | None) -> tuple[float, ...]:
    """Histogram edges: one bin per star for ratings; for numbers the question's own min and max
    when set, else the answers' range widened to round numbers, in at most MAX_BINS bins."""
    settings = question.settings or {}
    if question.type is QuestionType.RATING:
        stars = int(settings.get("stars", 5))
        return tuple(float(s) for s in range(1, stars + 1))
    low = settings.get("min")
    high = settings.get("max")
    if data_range is not None:
        low = float(data_range[0]) if low is None else low
        high = float(data_range[1]) if high is None else high
    if low is None or high is None:
        return ()
    low, high = float(low), float(high)
    if settings.get("integer") and high - low + 1 <= MAX_BINS:
        return tuple(float(v) for v in range(math.floor(low), math.floor(high) + 2))
    width = _nice_width((high - low) / 10 if high > low else 1.0)
    start = math.floor(low / width) * width
    count = max(1, math.ceil((high - start) / width - 1e-9))
    return tuple(round(start + i * width, 10) for i in range(count + 1))


def _bounded(question: Question) -> bool:
    """Whether the question's own settings place its bins (no need to look at the answers)."""
    settings = question.settings or {}
    return settings.get("min") is not None and settings.get("max") is not None


def _nice_width(raw: float) -> float:
    """1, 2, 2.5 or 5 times a power of ten, at least `raw`."""
    power = 10 ** math.floor(math.log10(raw))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= raw:
            return step * power
    return 10 * power


def _bin_expression(bins: Mapping[int, tuple[float, ...]], is_rating: Mapping[int, bool]) -> sa.ColumnElement[Any]:
    """The bin index of a number answer: ratings by star, numbers by edge (last bin closed). One
    CASE on the question first, so the other answers cost one comparison, not one per edge."""
    per_question: dict[int, sa.ColumnElement[Any]] = {}
    for question_id, edges in bins.items():
        if is_rating[question_id]:
            stars = {Decimal(str(value)): index for index, value in enumerate(edges)}
            per_question[question_id] = sa.case(stars, value=Answer.number, else_=sa.null())
            continue
        whens = [(Answer.number < Decimal(str(edges[i + 1])), i) for i in range(len(edges) - 2)]
        last = (Answer.number.is_not(None), max(len(edges) - 2, 0))
        per_question[question_id] = sa.case(*whens, last, else_=sa.null())
    if not per_question:
        return sa.null()
    return sa.case(per_question, value=Answer.question_id, else_=sa.null())


def collect(survey_id: int, questions: Sequence[Question]) -> RawSurvey:
    """Every count the results need, per leaf, in three queries whatever the filters."""
    kinds = {q.id: q.type for q in questions if q.type is not QuestionType.NOTE}
    multiple = [qid for qid, kind in kinds.items() if kind is QuestionType.MULTIPLE_CHOICE]
    respondents, choosers = count_leaves_and_choosers(survey_id, multiple)
    raw = RawSurvey(survey_id, respondents=respondents)
    numeric = [q for q in questions if q.type in NUMBER_TYPES]
    open_ended = [q.id for q in numeric if q.type is QuestionType.NUMBER and not _bounded(q)]
    ranges = number_ranges(survey_id, open_ended)
    raw.bins = {q.id: edges for q in numeric if (edges := bin_edges(q, ranges.get(q.id)))}
    bin_column = _bin_expression(raw.bins, {q.id: q.type is QuestionType.RATING for q in numeric})
    code, leaves = _leaf_code(respondents)
    # Materialised: PostgreSQL's planner cannot estimate groups of an expression, guesses one per
    # row and sorts 10^7 rows on disk (grouping by a CTE's column it hashes the 10^4 groups);
    # SQLite would otherwise inline the CTE and compute the code once per answer, not per response.
    coded = (
        sa.select(Response.id.label("id"), code.label("leaf"))
        .where(*_submitted(survey_id))
        .cte("coded")
        .prefix_with("MATERIALIZED", dialect="postgresql")
        .prefix_with("MATERIALIZED", dialect="sqlite")
    )
    inner = (
        sa.select(
            coded.c.leaf.label("leaf"),
            Answer.question_id.label("question_id"),
            Answer.option_id.label("option_id"),
            Answer.declined.label("declined"),
            bin_column.label("bin"),
            Answer.rank.label("rank"),
            Answer.number.label("number"),
        )
        .join(coded, coded.c.id == Answer.response_id)
        .where(Answer.question_id.in_(list(kinds)))
        .subquery()
    )
    keys = [inner.c.leaf, inner.c.question_id, inner.c.option_id, inner.c.declined, inner.c.bin]
    # A ranking answer has exactly one option ranked first: counting those counts the children.
    firsts = sa.func.sum(sa.case((inner.c.rank == 1, 1), else_=0))
    _room_to_hash()
    rows = db.session.execute(
        sa.select(*keys, sa.func.count(), firsts, sa.func.sum(inner.c.rank), sa.func.sum(inner.c.number)).group_by(
            *keys
        )
    ).all()
    for question_id in kinds:
        raw.cells[question_id] = {}
        raw.rank_sums[question_id] = {}
        raw.number_sums[question_id] = {}
    for leaf_code, question_id, option_id, declined, bin_index, *rest in sorted(rows, key=canonical):
        leaf_key = leaves.get(int(leaf_code))
        if leaf_key is None:  # submitted after the respondents were counted: counted next time
            continue
        count, first, rank_sum, number_sum = int(rest[0]), int(rest[1] or 0), rest[2], rest[3]
        cells = raw.cells[question_id]
        kind = kinds[question_id]
        if declined:
            _add(cells, (leaf_key, DECLINED), count)
            _add(cells, (leaf_key, ANSWERED), count)
            continue
        children = first if kind is QuestionType.RANKING else 0 if kind is QuestionType.MULTIPLE_CHOICE else count
        if children:
            _add(cells, (leaf_key, GIVEN), children)
            _add(cells, (leaf_key, ANSWERED), children)
        if option_id is not None:
            category = option_category(option_id)
            _add(cells, (leaf_key, category), count)
            if rank_sum is not None:
                _add(raw.rank_sums[question_id], (leaf_key, category), int(rank_sum))
        if bin_index is not None:
            _add(cells, (leaf_key, bin_category(int(bin_index))), count)
        if number_sum is not None:
            sums = raw.number_sums[question_id]
            sums[leaf_key] = sums.get(leaf_key, Decimal(0)) + Decimal(number_sum)
    for question_id, chosen in choosers.items():
        for leaf_key, count in chosen.items():
            _add(raw.cells[question_id], (leaf_key, GIVEN), count)
            _add(raw.cells[question_id], (leaf_key, ANSWERED), count)
    return raw


# PostgreSQL expects a group per answer (it cannot estimate groups of an expression) while there
# are some 10^4: with its default 4 MB it spills them to disk in batches, with this it hashes
# them in memory. SET LOCAL lasts until the request's read transaction ends.
AGGREGATION_WORK_MEM = "64MB"


def _room_to_hash() -> None:
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(sa.text(f"SET LOCAL work_mem = '{AGGREGATION_WORK_MEM}'"))


def _leaf_code(leaves: Iterable[Leaf]) -> tuple[sa.ColumnElement[int], dict[int, Leaf]]:
    """One integer per leaf, so the database groups by a number instead of four texts (SQLite
    sorts to group: this is several times faster), and the leaf each number stands for. Texts are
    numbered from the values found among the leaves (0 = not recorded); areas by their id."""
    found = list(leaves)
    numbering: list[dict[str, int]] = []
    code: sa.ColumnElement[Any] = sa.cast(sa.func.coalesce(Response.area_id, 0), sa.BigInteger)
    for position, column in ((0, Response.age_band), (1, Response.gender), (3, Response.school_level)):
        values = sorted({str(leaf[position]) for leaf in found if leaf[position] is not None})
        numbers = {value: index for index, value in enumerate(values, start=1)}
        unknown = len(values) + 1  # a value that appeared after the leaves were counted
        term = sa.case(numbers, value=column, else_=unknown) if numbers else sa.literal(unknown)
        code = code * (unknown + 1) + sa.case((column.is_(None), 0), else_=term)
        numbering.append(numbers)
    decoded = {}
    for leaf in found:
        number = int(leaf[2]) if leaf[2] is not None else 0
        for numbers, value in zip(numbering, (leaf[0], leaf[1], leaf[3]), strict=True):
            number = number * (len(numbers) + 2) + (0 if value is None else numbers[value])
        decoded[number] = leaf
    return code, decoded


def _add(target: dict[Any, int], key: Any, value: int) -> None:
    target[key] = target.get(key, 0) + value


def medians(
    survey_id: int, question_ids: Sequence[int], filters: Filters, dimensions: Sequence[Dimension] = ()
) -> dict[tuple[int, tuple[str | None, ...]], float]:
    """The median answer of each number question, per group of `dimensions`, in the database:
    answers are counted per distinct value, then running totals find the middle value(s)."""
    if not question_ids:
        return {}
    groups = [COLUMNS[d].label(f"g{i}") for i, d in enumerate(dimensions)]
    values = (
        sa.select(Answer.question_id.label("q"), *groups, Answer.number.label("x"), sa.func.count().label("n"))
        .join(Response, Response.id == Answer.response_id)
        .where(
            *_submitted(survey_id),
            *filter_clauses(filters),
            Answer.question_id.in_(question_ids),
            Answer.number.is_not(None),
        )
        .group_by(Answer.question_id, *(COLUMNS[d] for d in dimensions), Answer.number)
        .subquery()
    )
    partition = [values.c.q, *(values.c[f"g{i}"] for i in range(len(dimensions)))]
    running = (
        sa.select(
            *partition,
            values.c.x,
            sa.cast(sa.func.sum(values.c.n).over(partition_by=partition, order_by=values.c.x), sa.BigInteger).label(
                "cum"
            ),
            sa.cast(sa.func.sum(values.c.n).over(partition_by=partition), sa.BigInteger).label("total"),
        )
    ).subquery()
    keys = [running.c.q, *(running.c[f"g{i}"] for i in range(len(dimensions)))]
    lower = sa.func.min(sa.case((running.c.cum >= (running.c.total + 1) // 2, running.c.x)))
    upper = sa.func.min(sa.case((running.c.cum >= running.c.total // 2 + 1, running.c.x)))
    rows = db.session.execute(sa.select(*keys, lower, upper).group_by(*keys)).all()
    result = {}
    for row in rows:
        group = tuple(None if v is None else str(v) for v in row[1 : 1 + len(dimensions)])
        low, high = row[-2], row[-1]
        if low is not None and high is not None:
            result[(int(row[0]), group)] = float((Decimal(low) + Decimal(high)) / 2)
    return result


@dataclass(frozen=True)
class QuoteRow:
    question_id: int
    text: str
    leaf: Leaf


def list_quotes(survey_id: int, question_ids: Sequence[int], filters: Filters) -> list[QuoteRow]:
    """Approved free text as written, redacted free text as redacted; never pending or rejected."""
    if not question_ids:
        return []
    rows = db.session.execute(
        sa.select(Answer.question_id, Answer.text_status, Answer.text, Answer.redacted_text, *LEAF_COLUMNS)
        .join(Response, Response.id == Answer.response_id)
        .where(
            *_submitted(survey_id),
            *filter_clauses(filters),
            Answer.question_id.in_(question_ids),
            Answer.text_status.in_([TextStatus.APPROVED, TextStatus.REDACTED]),
        )
        .order_by(Answer.id)
        .limit(QUOTE_ROWS)
    ).all()
    quotes = []
    for question_id, status, text, redacted, *leaf in rows:
        shown = redacted if status is TextStatus.REDACTED else text
        if shown and shown.strip():
            quotes.append(QuoteRow(question_id, shown.strip(), leaf_of(leaf)))
    return quotes


def count_by_day(survey_id: int, filters: Filters, offset: timedelta) -> list[tuple[date, int]]:
    """Submitted responses per local calendar day (`offset` from UTC), oldest first."""
    if db.session.get_bind().dialect.name == "sqlite":
        day = sa.func.date(Response.submitted_at, f"{int(offset.total_seconds()):+d} seconds")
    else:
        day = sa.cast(Response.submitted_at + sa.literal(offset, sa.Interval), sa.Date)
    inner = (
        sa.select(day.label("day"))
        .where(*_submitted(survey_id), *filter_clauses(filters), Response.submitted_at.is_not(None))
        .subquery()
    )
    rows = db.session.execute(sa.select(inner.c.day, sa.func.count()).group_by(inner.c.day).order_by(inner.c.day)).all()
    return [(value if isinstance(value, date) else date.fromisoformat(value), int(n)) for value, n in rows]


def data_version(survey_id: int) -> str:
    """Changes whenever a response is submitted (or removed): for keying cached charts."""
    count, last_id, last_at = db.session.execute(
        sa.select(sa.func.count(), sa.func.max(Response.id), sa.func.max(Response.submitted_at)).where(
            *_submitted(survey_id)
        )
    ).one()
    stamp = last_at.strftime("%Y%m%d%H%M%S%f") if last_at is not None else "0"
    return f"{count}-{last_id or 0}-{stamp}"


@dataclass(frozen=True)
class ReachLeaf:
    band: str
    gender: str | None
    area: str | None
    older: bool
    registered: int
    reached: int


def count_reach(
    consultation_id: int,
    bands: Sequence[Sequence[int]],
    target_bands: Sequence[str],
    area_ids: Sequence[int],
    today: date,
    older_from: int,
) -> list[ReachLeaf]:
    """Active children registered in the target, by current age band, gender, area and whether they
    are `older_from` or over, with how many of them submitted at least one of the consultation's
    surveys."""
    age = today.year - User.birth_year
    whens = []
    for index, band in enumerate(bands[:-1]):
        whens.append((age < bands[index + 1][0], f"{band[0]}-{band[1]}"))
    band_case = sa.case(*whens, else_=f"{bands[-1][0]}-{bands[-1][1]}")
    submitted = sa.exists().where(
        Response.child_id == User.id,
        Response.status == ResponseStatus.SUBMITTED,
        Response.survey_id.in_(sa.select(Survey.id).where(Survey.consultation_id == consultation_id)),
    )
    inner = (
        sa.select(
            band_case.label("band"),
            User.gender.label("gender"),
            School.area_id.label("area"),
            sa.case((age >= older_from, 1), else_=0).label("older"),
            sa.case((submitted, 1), else_=0).label("reached"),
        )
        .join(Classroom, Classroom.id == User.classroom_id)
        .join(School, School.id == Classroom.school_id)
        .where(User.role == Role.CHILD, User.active.is_(True), User.birth_year.is_not(None))
    )
    if area_ids:
        inner = inner.where(School.area_id.in_(list(area_ids)))
    sub = inner.subquery()
    rows = db.session.execute(
        sa.select(sub.c.band, sub.c.gender, sub.c.area, sub.c.older, sa.func.count(), sa.func.sum(sub.c.reached))
        .where(sub.c.band.in_(list(target_bands)))
        .group_by(sub.c.band, sub.c.gender, sub.c.area, sub.c.older)
    ).all()
    return [
        ReachLeaf(band, _gender_value(gender), None if area is None else str(area), bool(older), int(n), int(r or 0))
        for band, gender, area, older, n, r in rows
    ]


def _gender_value(value: Any) -> str | None:
    if value is None:
        return None
    return str(getattr(value, "value", value))
