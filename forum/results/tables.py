"""The suppressed result shapes every output (page, chart, CSV, XLSX, JSON API, report) is built from.

Plain frozen data, no database and no Flask. A withheld number is `None` in its `Cell`; the number
itself never reaches these tables, so no output can show it by mistake. A withheld cell is either a
group under `min_group_size` or one withheld so that a smaller one cannot be worked out: outputs show
both the same way ("withheld"), so readers cannot tell which is which.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from forum.results.filters import Dimension, Filters
from forum.surveys.definition import QuestionType


class ResultStatus(str, enum.Enum):
    SHOWN = "shown"
    # Rule 1: fewer than k children answered under these filters; no number is shown.
    TOO_FEW = "too_few"
    # Rule 2: the filter would leave out (and so single out) a few children of a wider set.
    ISOLATING = "isolating"


@dataclass(frozen=True)
class Cell:
    """A count and its share of the base it belongs to (0..1). Both None when withheld."""

    count: int | None = None
    share: float | None = None

    @property
    def withheld(self) -> bool:
        return self.count is None


WITHHELD = Cell()


@dataclass(frozen=True)
class OptionRow:
    """One option of a choice, scale, yes/no or ranking question. The share's base is the
    question's `answered` (so options and "I'd rather not say" add up to 1 for single choice; for
    multiple choice and ranking they can add up to more). `mean_rank` (1 = ranked first) is for
    ranking questions, over the children who ranked this option, and withheld with the cell."""

    key: str
    label: dict[str, str]
    cell: Cell
    mean_rank: float | None = None


@dataclass(frozen=True)
class Bin:
    """Answers from `low` up to but not including `high` (the last bin includes `high`); the share's
    base is the question's `answered`. For a rating each bin is one number of stars (low == high)."""

    low: float
    high: float
    cell: Cell


@dataclass(frozen=True)
class NumberSummary:
    """Number and rating questions; mean and median are None when the question is withheld."""

    mean: float | None
    median: float | None
    bins: tuple[Bin, ...]


@dataclass(frozen=True)
class QuestionResult:
    """One question within one result set (the whole survey under filters, or a breakdown group).

    `answered` counts children with any answer, "I'd rather not say" included (the base of every
    share); `declined` those who chose it; `given` those who gave an answer (for free text: the
    number of answers).
    `withheld` is true when the question's own numbers are withheld in this set; then every cell
    below is withheld too. Quotes are approved or redacted free text only, never with a group."""

    question_id: int
    key: str
    position: int
    type: QuestionType
    text: dict[str, str]
    answered: Cell
    declined: Cell
    given: Cell
    options: tuple[OptionRow, ...] = ()
    numbers: NumberSummary | None = None
    quotes: tuple[str, ...] = ()
    withheld: bool = False


@dataclass(frozen=True)
class SurveyResults:
    """One survey under one combination of filters. Unless `status` is SHOWN, `respondents` is None
    and `questions` is empty: the page says why (fewer than k, or the filter would single out a few)."""

    survey_id: int
    title: dict[str, str]
    filters: Filters
    min_group_size: int
    status: ResultStatus
    respondents: int | None
    questions: tuple[QuestionResult, ...] = ()


@dataclass(frozen=True)
class GroupValue:
    """One coordinate of a breakdown group. `value` is the stored key ("6-8", "girl", an area id as
    text, "primary"), None for "not recorded"; `label` is ready to show in the current language."""

    dimension: Dimension
    value: str | None
    label: str


@dataclass(frozen=True)
class Group:
    """One group of a breakdown: `respondents` children who submitted, and the question's figures
    within the group (withheld with the group)."""

    values: tuple[GroupValue, ...]
    respondents: Cell
    question: QuestionResult


@dataclass(frozen=True)
class Breakdown:
    """A question broken down by one or two dimensions under filters. `total` is the question in the
    whole filtered set (as on the results page). Groups come in a stable order (the dimension's own
    order: bands youngest first, areas by name); empty groups are left out."""

    survey_id: int
    question_id: int
    dimensions: tuple[Dimension, ...]
    filters: Filters
    min_group_size: int
    status: ResultStatus
    total: QuestionResult | None
    groups: tuple[Group, ...] = ()


class Granularity(str, enum.Enum):
    DAY = "day"
    WEEK = "week"
    # Runs of consecutive days merged until each holds at least k responses.
    PERIOD = "period"


@dataclass(frozen=True)
class Period:
    """Responses submitted from `start` to `end` (inclusive, local calendar days); `cumulative`
    counts everything up to `end`."""

    start: date
    end: date
    count: int
    cumulative: int


@dataclass(frozen=True)
class Participation:
    """Submissions over time under filters (DESIGN §4a rule 5): days when every day with answers has
    at least k, else weeks, else merged periods of at least k each."""

    survey_id: int
    filters: Filters
    min_group_size: int
    status: ResultStatus
    total: int | None
    granularity: Granularity | None
    periods: tuple[Period, ...] = ()


@dataclass(frozen=True)
class ReachRow:
    """Children registered in the target and those of them who submitted at least one of the
    consultation's surveys; `reached.share` is of `registered`."""

    dimension: Dimension | None
    value: str | None
    label: str
    registered: Cell
    reached: Cell


@dataclass(frozen=True)
class Reach:
    """Who was reached against who is registered in the consultation's target (bands and areas).
    `total` covers the whole target, `aged_7_plus` the national target (children aged 7 and over
    consulted), `rows` the representativeness panel by age band, gender and area."""

    consultation_id: int
    min_group_size: int
    total: ReachRow
    aged_7_plus: ReachRow
    rows: tuple[ReachRow, ...] = ()
