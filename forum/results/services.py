"""The public entry to results: suppressed tables for pages, charts, exports and the API.

Every function counts in the database (`aggregation`), passes the counts through
`suppression.suppress` and builds `tables` from what that lets through; nothing here reads a
response. Services only read: no flush, no commit.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal

import sqlalchemy as sa
from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _

from forum.accounts.age_bands import band_keys, label_of_key
from forum.consultations.models import Consultation
from forum.database import utcnow
from forum.extensions import db
from forum.labels import GENDER_NAMES, LEVEL_NAMES
from forum.results import aggregation
from forum.results.aggregation import ANSWERED, DECLINED, GIVEN, bin_category, option_category
from forum.results.filters import DIMENSIONS, Dimension, Filters
from forum.results.suppression import (
    ANY,
    Group,
    Line,
    SuppressedGroups,
    SuppressedSurvey,
    periods,
    protect,
    suppress,
    suppress_groups,
)
from forum.results.tables import (
    WITHHELD,
    Bin,
    Breakdown,
    Cell,
    GroupValue,
    NumberSummary,
    OptionRow,
    Participation,
    QuestionResult,
    Reach,
    ReachRow,
    ResultStatus,
    SurveyResults,
)
from forum.results.tables import Group as BreakdownGroup
from forum.schools.models import Area, SchoolLevel
from forum.surveys.definition import NUMBER_TYPES, TEXT_TYPES, QuestionType
from forum.surveys.models import Question, Survey

# Suppressed surveys kept per process (a few MB each at most; see `suppressed_survey`).
SUPPRESSED_CACHE = "forum.suppressed_surveys"
SUPPRESSED_CACHE_ENTRIES = 16
_cache_lock = threading.Lock()
# Types whose options split the children who answered (one option each).
PARTITION_TYPES = (QuestionType.SINGLE_CHOICE, QuestionType.SMILEY, QuestionType.AGREE, QuestionType.YES_NO)
QUOTE_LIMIT = 100
# The national target counts children consulted from this age.
CONSULTED_FROM_AGE = 7


class BreakdownError(ValueError):
    """A breakdown the service cannot make (no dimension, too many, or one repeated)."""


def answerable(survey: Survey) -> list[Question]:
    return [q for q in survey.questions if q.type is not QuestionType.NOTE]


def suppressed_survey(survey: Survey, min_group_size: int) -> SuppressedSurvey:
    """Count everything once and suppress it; pass the result to several `get_*` calls of a page.
    Kept in a small per-process LRU under the survey's data version (a response landing changes
    it), so a page's filters, breakdowns and downloads do not count and suppress all over again."""
    key = (survey.id, aggregation.data_version(survey.id), min_group_size)
    cache: OrderedDict[tuple[int, str, int], SuppressedSurvey] = current_app.extensions.setdefault(
        SUPPRESSED_CACHE, OrderedDict()
    )
    with _cache_lock:
        found = cache.get(key)
        if found is not None:
            cache.move_to_end(key)
            return found
    counted = _count_and_suppress(survey, min_group_size)
    with _cache_lock:
        cache[key] = counted
        while len(cache) > SUPPRESSED_CACHE_ENTRIES:
            cache.popitem(last=False)
    return counted


def _count_and_suppress(survey: Survey, min_group_size: int) -> SuppressedSurvey:
    questions = answerable(survey)
    raw = aggregation.collect(survey.id, questions)
    partitions: dict[int, list[str]] = {}
    for question in questions:
        if question.type in PARTITION_TYPES:
            partitions[question.id] = [option_category(o.id) for o in question.options]
        elif question.id in raw.bins:
            partitions[question.id] = [bin_category(i) for i in range(_bin_count(question, raw.bins[question.id]))]
    return suppress(raw, min_group_size, partitions)


def _bin_count(question: Question, edges: Sequence[float]) -> int:
    return len(edges) if question.type is QuestionType.RATING else max(len(edges) - 1, 0)


def group_of(filters: Filters) -> Group:
    active = filters.active()
    return tuple(active.get(dimension, ANY) for dimension in DIMENSIONS)  # type: ignore[return-value]


def _status(suppressed: SuppressedSurvey | SuppressedGroups, group: Group) -> ResultStatus:
    count = suppressed.respondents.get(group, 0)
    if count is None:
        return ResultStatus.ISOLATING if group in suppressed.isolating else ResultStatus.TOO_FEW
    return ResultStatus.SHOWN if count >= suppressed.min_group_size else ResultStatus.TOO_FEW


def get_survey_results(
    survey: Survey,
    filters: Filters,
    min_group_size: int,
    *,
    suppressed: SuppressedSurvey | None = None,
    with_quotes: bool = True,
) -> SurveyResults:
    """Every question of the survey under `filters` (DESIGN §4a rules 1, 2 and 4)."""
    suppressed = suppressed or suppressed_survey(survey, min_group_size)
    group = group_of(filters)
    status = _status(suppressed, group)
    if status is not ResultStatus.SHOWN:
        return SurveyResults(survey.id, dict(survey.title), filters, min_group_size, status, None)
    questions = answerable(survey)
    middles = aggregation.medians(survey.id, [q.id for q in questions if q.type in NUMBER_TYPES], filters)
    quotes = _quotes(survey, questions, suppressed, filters) if with_quotes else {}
    return SurveyResults(
        survey_id=survey.id,
        title=dict(survey.title),
        filters=filters,
        min_group_size=min_group_size,
        status=status,
        respondents=suppressed.respondents[group],
        questions=tuple(
            question_result(q, suppressed, group, middles.get((q.id, ())), quotes.get(q.id, ())) for q in questions
        ),
    )


def _quotes(
    survey: Survey, questions: Sequence[Question], suppressed: SuppressedSurvey, filters: Filters
) -> dict[int, tuple[str, ...]]:
    """Approved and redacted quotes. Under filters only those whose author's whole leaf has at least
    k children: however filters are intersected, a quote never points at fewer than k."""
    rows = aggregation.list_quotes(survey.id, [q.id for q in questions if q.type in TEXT_TYPES], filters)
    found: dict[int, list[str]] = {}
    for row in rows:
        if filters.is_empty or row.leaf in suppressed.quotable:
            found.setdefault(row.question_id, []).append(row.text)
    return {qid: tuple(sorted(texts, key=str.casefold)[:QUOTE_LIMIT]) for qid, texts in found.items()}


def question_result(
    question: Question,
    suppressed: SuppressedSurvey,
    group: Group,
    median: float | None = None,
    quotes: Sequence[str] = (),
) -> QuestionResult:
    """One question within one group of the lattice, from the suppressed cells only."""
    k = suppressed.min_group_size
    cells = suppressed.cells.get(question.id, {})
    answered = cells.get((group, ANSWERED), 0)
    shown = answered is not None and answered >= k and suppressed.respondents.get(group) is not None
    base = answered if shown and answered is not None else 0
    options = []
    for option in question.options:
        category = option_category(option.id)
        option_cell = _cell(cells, group, category, base)
        rank_sum = suppressed.rank_sums.get(question.id, {}).get((group, category))
        mean_rank = None
        if question.type is QuestionType.RANKING and rank_sum is not None and option_cell.count:
            mean_rank = rank_sum / option_cell.count
        options.append(OptionRow(option.key, dict(option.label), option_cell, mean_rank))
    given = _cell(cells, group, GIVEN, base)
    numbers = None
    if question.type in NUMBER_TYPES:
        numbers = _numbers(question, suppressed, group, base, given, median)
    return QuestionResult(
        question_id=question.id,
        key=question.key,
        position=question.position,
        type=question.type,
        text=dict(question.text),
        answered=Cell(base, 1.0) if base else WITHHELD,
        declined=_cell(cells, group, DECLINED, base),
        given=given,
        options=tuple(options) if question.type not in NUMBER_TYPES else (),
        numbers=numbers,
        quotes=tuple(quotes) if base else (),
        withheld=not base,
    )


def _cell(cells: Mapping[tuple[Group, str], int | None], group: Group, category: str, base: int) -> Cell:
    """A shown cell with its share of `base` (the question's answered count; 0 when withheld)."""
    count = cells.get((group, category), 0)
    if not base or count is None:
        return WITHHELD
    return Cell(count, count / base)


def _numbers(
    question: Question, suppressed: SuppressedSurvey, group: Group, base: int, given: Cell, median: float | None
) -> NumberSummary:
    cells = suppressed.cells.get(question.id, {})
    edges = suppressed.bins.get(question.id, ())
    if question.type is QuestionType.RATING:
        bins = tuple(Bin(v, v, _cell(cells, group, bin_category(i), base)) for i, v in enumerate(edges))
    else:
        bins = tuple(
            Bin(edges[i], edges[i + 1], _cell(cells, group, bin_category(i), base)) for i in range(len(edges) - 1)
        )
    total: Decimal | None = suppressed.number_sums.get(question.id, {}).get(group)
    if not base or total is None or not given.count or given.count < suppressed.min_group_size:
        return NumberSummary(mean=None, median=None, bins=bins)
    return NumberSummary(mean=float(total / given.count), median=median, bins=bins)


def get_breakdown(
    survey: Survey,
    question: Question,
    dimensions: Sequence[Dimension],
    filters: Filters,
    min_group_size: int,
    *,
    suppressed: SuppressedSurvey | None = None,
) -> Breakdown:
    """`question` split by one or two dimensions within `filters` (rule 3). Groups whose numbers
    are withheld stay listed, marked withheld; empty groups are left out."""
    if not 1 <= len(dimensions) <= 2 or len(set(dimensions)) != len(dimensions):
        raise BreakdownError(_("Break results down by one or two different characteristics."))
    if question.survey_id != survey.id or question.type is QuestionType.NOTE:
        raise BreakdownError(_("This question has no results in this survey."))
    suppressed = suppressed or suppressed_survey(survey, min_group_size)
    parent = group_of(filters)
    status = _status(suppressed, parent)
    chosen = tuple(sorted(dimensions, key=DIMENSIONS.index))
    if status is not ResultStatus.SHOWN:
        return Breakdown(survey.id, question.id, chosen, filters, min_group_size, status, None)
    numeric = [question.id] if question.type in NUMBER_TYPES else []
    total_median = aggregation.medians(survey.id, numeric, filters).get((question.id, ()))
    group_medians = aggregation.medians(survey.id, numeric, filters, chosen)
    positions = [DIMENSIONS.index(d) for d in chosen]
    members = [
        group
        for group in suppressed.respondents
        if all(
            group[i] != ANY and parent[i] in (ANY, group[i]) if i in positions else group[i] == parent[i]
            for i in range(len(DIMENSIONS))
        )
    ]
    labels = _labels(members, positions)
    parent_count = suppressed.respondents[parent] or 0
    groups = []
    for group in sorted(members, key=lambda g: tuple(_order(DIMENSIONS[i], g[i], labels) for i in positions)):
        count = suppressed.respondents[group]
        values = tuple(GroupValue(DIMENSIONS[i], group[i], labels[(DIMENSIONS[i], group[i])]) for i in positions)
        median = group_medians.get((question.id, tuple(group[i] for i in positions)))
        groups.append(
            BreakdownGroup(
                values=values,
                respondents=WITHHELD if count is None else Cell(count, count / parent_count),
                question=question_result(question, suppressed, group, median),
            )
        )
    return Breakdown(
        survey_id=survey.id,
        question_id=question.id,
        dimensions=chosen,
        filters=filters,
        min_group_size=min_group_size,
        status=status,
        total=question_result(question, suppressed, parent, total_median),
        groups=tuple(groups),
    )


def _labels(groups: Sequence[Group], positions: Sequence[int]) -> dict[tuple[Dimension, str | None], str]:
    """Names to show for each value, in the current language."""
    locale = str(get_locale() or "vi")
    area_ids = {int(g[2]) for g in groups if 2 in positions and g[2] not in (None, ANY)}
    areas = {
        str(area.id): area.name(locale)
        for area in db.session.execute(sa.select(Area).where(Area.id.in_(area_ids))).scalars()
    }
    labels: dict[tuple[Dimension, str | None], str] = {}
    for group in groups:
        for i in positions:
            labels[(DIMENSIONS[i], group[i])] = value_label(DIMENSIONS[i], group[i], areas)
    return labels


def value_label(dimension: Dimension, value: str | None, areas: Mapping[str, str]) -> str:
    if value is None:
        return _("Not recorded")
    if dimension is Dimension.AGE_BAND:
        return label_of_key(value)
    if dimension is Dimension.GENDER:
        return str(GENDER_NAMES.get(value, value))
    if dimension is Dimension.SCHOOL_LEVEL:
        return str(LEVEL_NAMES.get(value, value))
    return areas.get(value, value)


def _order(dimension: Dimension, value: str | None, labels: Mapping[tuple[Dimension, str | None], str]) -> tuple:  # type: ignore[type-arg]
    """Bands youngest first, genders and levels in their own order, areas by name; "not recorded" last."""
    if value is None:
        return (1, 0, "")
    if dimension is Dimension.AGE_BAND:
        low = value.split("-")[0]
        return (0, int(low) if low.isdigit() else 0, value)
    if dimension is Dimension.GENDER:
        return (0, list(GENDER_NAMES).index(value) if value in GENDER_NAMES else 99, value)
    if dimension is Dimension.SCHOOL_LEVEL:
        return (0, [s.value for s in SchoolLevel].index(value) if value in LEVEL_NAMES else 99, value)
    return (0, 0, labels.get((dimension, value), value).casefold())


def get_participation(
    survey: Survey,
    filters: Filters,
    min_group_size: int,
    timezone: tzinfo,
    *,
    now: datetime | None = None,
    suppressed: SuppressedSurvey | None = None,
) -> Participation:
    """Submissions over time under `filters`, by day, week or merged period (rule 5). Whether the
    set is shown follows the same pattern as the results (`suppressed` saves counting it again)."""
    groups = suppressed or suppress_groups(aggregation.count_leaves(survey.id), min_group_size)
    group = group_of(filters)
    status = _status(groups, group)
    if status is not ResultStatus.SHOWN:
        return Participation(survey.id, filters, min_group_size, status, None, None)
    offset = (now or utcnow()).astimezone(timezone).utcoffset()
    days = aggregation.count_by_day(survey.id, filters, offset or timedelta(0))
    granularity, spans = periods(days, min_group_size)
    return Participation(survey.id, filters, min_group_size, status, groups.respondents[group], granularity, spans)


def get_reach(consultation: Consultation, min_group_size: int, bands: Sequence[Sequence[int]], today: date) -> Reach:
    """Children reached against those registered in the target: the consultation's bands (all
    configured when none) and areas (all when none), by current age; suppressed like results."""
    targets = list(consultation.target_bands) or band_keys(bands)
    leaves = aggregation.count_reach(
        consultation.id, bands, targets, [a.id for a in consultation.areas], today, CONSULTED_FROM_AGE
    )
    counts: dict[tuple[str, str, str | None], int] = {}
    for leaf in leaves:
        for measure, n in (("registered", leaf.registered), ("reached", leaf.reached)):
            for key in (
                (measure, "all", None),
                (measure, Dimension.AGE_BAND.value, leaf.band),
                (measure, Dimension.GENDER.value, leaf.gender),
                (measure, Dimension.AREA.value, leaf.area),
                (measure, "older", "yes" if leaf.older else "no"),
            ):
                counts[key] = counts.get(key, 0) + n
    counts = {key: n for key, n in counts.items() if n}
    lines = []
    for measure in ("registered", "reached"):
        for dimension in (Dimension.AGE_BAND.value, Dimension.GENDER.value, Dimension.AREA.value, "older"):
            children = tuple(key for key in counts if key[0] == measure and key[1] == dimension)
            lines.append(Line((measure, "all", None), children))
    withheld = protect(counts, lines, min_group_size, exact=True)

    def row(dimension: Dimension | None, kind: str, value: str | None, label: str) -> ReachRow:
        registered = counts.get(("registered", kind, value), 0)
        reached = counts.get(("reached", kind, value), 0)
        registered_shown = ("registered", kind, value) not in withheld
        reached_shown = ("reached", kind, value) not in withheld
        return ReachRow(
            dimension=dimension,
            value=value,
            label=label,
            registered=Cell(registered, None) if registered_shown else WITHHELD,
            reached=Cell(reached, reached / registered if registered and registered_shown else None)
            if reached_shown
            else WITHHELD,
        )

    locale = str(get_locale() or "vi")
    areas = {str(a.id): a.name(locale) for a in db.session.execute(sa.select(Area)).scalars()}
    rows = []
    for dimension in (Dimension.AGE_BAND, Dimension.GENDER, Dimension.AREA):
        labels = {
            (dimension, key[2]): value_label(dimension, key[2], areas)
            for key in counts
            if key[0] == "registered" and key[1] == dimension.value
        }
        for _dimension, value in sorted(labels, key=lambda pair: _order(pair[0], pair[1], labels)):
            rows.append(row(dimension, dimension.value, value, labels[(dimension, value)]))
    return Reach(
        consultation_id=consultation.id,
        min_group_size=min_group_size,
        total=row(None, "all", None, _("All children in the target")),
        aged_7_plus=row(None, "older", "yes", _("Aged %(age)d and over", age=CONSULTED_FROM_AGE)),
        rows=tuple(rows),
    )


def data_version(survey: Survey) -> str:
    """A cheap value that changes when a response is submitted: part of every chart's cache key."""
    return aggregation.data_version(survey.id)
