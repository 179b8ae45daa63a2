"""Small-group suppression (DESIGN §4a): the one place raw counts become showable numbers.

`suppress(raw, k)` takes the per-leaf counts of a survey and returns a `SuppressedSurvey` holding
every group any filter or breakdown can ask for, with each withheld number replaced by None: the
withheld values are not in it, so nothing built from it can show or leak them. One pattern serves
every query, so two queries can never be combined to undo each other's suppression.

How the pattern is chosen (k = MIN_GROUP_SIZE):

* Cells are the groups of the *lattice*: every combination of fixed values over the four
  dimensions (age band, gender, area, school level; "not recorded" is a value), for respondents;
  for each question also crossed with a category (answered, declined, given, each option or bin).
* Primary: a cell of 1..k-1 is withheld (rule 1 and rule 3; zero is shown as an empty group).
* Every *line* is an equation a reader can subtract with: a cell equals the sum of its cells split
  by one more dimension (a filter's parent minus its children, rule 2; a breakdown's total minus its
  groups, rule 3), and within a question answered = declined + given, given = the options (single
  choice, scales, yes/no) or the bins (numbers, ratings). In every line: if exactly one member is
  withheld, or the withheld children add up to 1..k-1, the smallest shown child is withheld too
  (the parent when no child is left). Repeated until no line changes.
* For respondents (the groups themselves, DESIGN's guarantee) an exact check follows: a withheld
  group that the shown groups still determine by any chain of subtractions (found by exact linear
  algebra) gets another complementary cell, until none is determined. A question's cells in a
  withheld group are all withheld; within shown groups its cells follow the line rules (the exact
  check per question costs seconds; tests/results/test_recovery.py runs it over leaves).
* Ties go to the cell that comes first in the counts, which `aggregation` sorts: the pattern
  depends on the data alone, the same for every request, on SQLite and PostgreSQL.

Not protected on purpose: how many children did *not* answer a question or were not reached
(they give no view), and identities between questions that survey logic creates (a show-if
question's count equals an earlier answer's count): those stay within groups of at least k, which
DESIGN §4a rule 4 allows.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from forum.results.aggregation import ANSWERED, DECLINED, GIVEN, Leaf, RawSurvey
from forum.results.tables import Granularity, Period

K = TypeVar("K", bound=Hashable)
# A group of the lattice: a leaf where some values are ANY ("all").
ANY = "*"
Group = tuple[str | None, str | None, str | None, str | None]
# Exact linear algebra modulo a prime this large agrees with the rationals for our 0/±1 equations.
PRIME = 2**61 - 1


@dataclass(frozen=True)
class Line:
    """`parent` = sum of `children` (children with a count of zero are left out)."""

    parent: Hashable
    children: tuple[Hashable, ...]


def protect(
    counts: Mapping[K, int], lines: Sequence[Line], k: int, forced: Iterable[K] = (), exact: bool = False
) -> set[K]:
    """The cells to withhold: primary (1..k-1), `forced`, and complementary ones until every line
    is safe (and, when `exact`, until no withheld cell is determined by the shown ones).

    Ties are broken by the order of `counts` and `lines`: callers build both from rows that
    `aggregation` sorts, so the pattern depends on the counts alone and every request sees the same."""
    keys = list(counts)
    ids = {key: i for i, key in enumerate(keys)}
    hidden = [False] * len(keys)
    for key in forced:
        if key in ids:
            hidden[ids[key]] = True
    members = [[ids[line.parent], *(ids[c] for c in line.children)] for line in lines if line.children]
    withheld = protect_cells([counts[key] for key in keys], members, k, hidden, exact)
    return {keys[i] for i, hide in enumerate(withheld) if hide}


def protect_cells(
    value: Sequence[int], members: Sequence[list[int]], k: int, forced: Sequence[bool], exact: bool
) -> list[bool]:
    """`protect` over cells numbered 0..n-1: `value` their counts, `members` the lines as
    [parent, *children], `forced` the cells withheld whatever their count. Returns withheld flags."""
    hidden = [force or 0 < n < k for force, n in zip(forced, value, strict=True)]
    lines_of: list[list[int]] = [[] for _ in value]
    for index, line_members in enumerate(members):
        for i in line_members:
            lines_of[i].append(index)
    # Only a line holding a withheld cell can need more; withholding a cell re-queues its lines.
    pending = deque(index for index, line in enumerate(members) if any(hidden[i] for i in line))
    while True:
        _settle(members, value, hidden, k, lines_of, pending)
        if not exact:
            return hidden
        extra = set()
        for i in _determined(members, hidden):
            near = [j for index in lines_of[i] for j in members[index] if not hidden[j]]
            if near:
                extra.add(_smallest(near, value))
        if not extra:
            return hidden
        for j in sorted(extra):
            hidden[j] = True
            pending.extend(lines_of[j])


def _settle(
    members: Sequence[list[int]],
    value: Sequence[int],
    hidden: list[bool],
    k: int,
    lines_of: Sequence[list[int]],
    pending: deque[int],
) -> None:
    queued = [False] * len(members)
    for index in pending:
        queued[index] = True
    while pending:
        index = pending.popleft()
        queued[index] = False
        while (extra := _complement(members[index], value, hidden, k)) is not None:
            hidden[extra] = True
            for other in lines_of[extra]:
                if not queued[other]:
                    queued[other] = True
                    pending.append(other)


def _complement(line: Sequence[int], value: Sequence[int], hidden: Sequence[bool], k: int) -> int | None:
    """The cell to withhold next so that this line (parent, *children) reveals nothing, or None."""
    parent, children = line[0], line[1:]
    shown = [c for c in children if not hidden[c]]
    if hidden[parent]:
        # With every child shown, the parent is their sum.
        return None if len(shown) < len(children) or not shown else _smallest(shown, value)
    if len(shown) == len(children):
        return None
    withheld = [c for c in children if hidden[c]]
    if len(withheld) >= 2 and sum(value[c] for c in withheld) >= k:
        return None
    return _smallest(shown, value) if shown else parent


def _smallest(cells: Sequence[int], value: Sequence[int]) -> int:
    return min(cells, key=lambda i: (value[i], i))


def _determined(members: Sequence[list[int]], hidden: Sequence[bool]) -> list[int]:
    """Withheld cells whose value follows from the shown ones by any chain of subtractions.

    Each line is an equation over its withheld cells (shown ones are known numbers). Gauss-Jordan
    elimination, exact in integers modulo a large prime, brings the equations to reduced row
    echelon form; a cell is determined exactly when some reduced row names it alone."""
    equations: list[dict[int, int]] = []
    occurrences: dict[int, int] = defaultdict(int)
    for line in members:
        equation = {child: PRIME - 1 for child in line[1:] if hidden[child]}
        if hidden[line[0]]:
            equation[line[0]] = 1
        if equation:
            equations.append(equation)
            for column in equation:
                occurrences[column] += 1
    # Sparse rows first and rare columns as pivots keep the reduced rows short (less fill-in).
    equations.sort(key=len)
    pivots: dict[int, dict[int, int]] = {}
    holders: dict[int, set[int]] = defaultdict(set)  # column -> pivots whose row has it
    for row in equations:
        for column in [c for c in row if c in pivots]:
            factor = row.get(column, 0)
            if factor:
                _subtract(row, pivots[column], factor)
        if not row:
            continue
        pivot = min(row, key=lambda column: (occurrences[column], column))
        inverse = pow(row[pivot], PRIME - 2, PRIME)
        row = {c: v * inverse % PRIME for c, v in row.items()}
        for other in list(holders.get(pivot, ())):
            other_row = pivots[other]
            factor = other_row.get(pivot, 0)
            if factor:
                before = set(other_row)
                _subtract(other_row, row, factor)
                for column in before - set(other_row):
                    holders[column].discard(other)
                for column in set(other_row) - before:
                    holders[column].add(other)
        pivots[pivot] = row
        for column in row:
            if column != pivot:
                holders[column].add(pivot)
    return sorted(pivot for pivot, row in pivots.items() if len(row) == 1)


def _subtract(row: dict[int, int], pivot_row: Mapping[int, int], factor: int) -> None:
    """row -= factor * pivot_row (mod PRIME), dropping zeros."""
    for column, value in pivot_row.items():
        updated = (row.get(column, 0) - factor * value) % PRIME
        if updated:
            row[column] = updated
        else:
            row.pop(column, None)


# The lattice ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SuppressedSurvey:
    """Every group's numbers as they may be shown: None where withheld, absent where zero.

    `respondents[group]`; `isolating` the withheld groups that are not small themselves (withheld
    to protect another); `cells[question id][(group, category)]`; `rank_sums` and `number_sums`
    only where their cell is shown; `bins` the histogram edges; `quotable` the leaves with at
    least k respondents (a quote may be tied to a filter only when its whole leaf is that large)."""

    survey_id: int
    min_group_size: int
    respondents: dict[Group, int | None]
    isolating: frozenset[Group]
    cells: dict[int, dict[tuple[Group, str], int | None]]
    rank_sums: dict[int, dict[tuple[Group, str], int]]
    number_sums: dict[int, dict[Group, Decimal]]
    bins: dict[int, tuple[float, ...]]
    quotable: frozenset[Leaf]


@dataclass(frozen=True)
class SuppressedGroups:
    """Respondents only (what participation needs): see SuppressedSurvey."""

    min_group_size: int
    respondents: dict[Group, int | None]
    isolating: frozenset[Group]


def suppress_groups(leaves: Mapping[Leaf, int], k: int) -> SuppressedGroups:
    """The respondents' pattern alone (what participation needs); `suppress` uses the same one."""
    return _Lattice(leaves).groups(k)


class _Lattice:
    """The groups of a survey's leaves, numbered, with each group's parents (one dimension opened)
    and the lines between them as numbers: the shape every question's cells share."""

    def __init__(self, leaves: Mapping[Leaf, int]) -> None:
        self.respondents = _lattice(leaves)
        self.groups_list = list(self.respondents)
        self.number = {group: i for i, group in enumerate(self.groups_list)}
        self.parents: list[list[tuple[int, int]]] = [
            [
                (self.number[group[:position] + (ANY,) + group[position + 1 :]], position)  # type: ignore[index]
                for position, value in enumerate(group)
                if value != ANY
            ]
            for group in self.groups_list
        ]
        self.withheld: set[Group] = set()

    def groups(self, k: int) -> SuppressedGroups:
        values = [self.respondents[group] for group in self.groups_list]
        every = {i: i for i in range(len(values))}
        hidden = protect_cells(values, self.lines(every), k, [False] * len(values), exact=True)
        self.withheld = {group for group, hide in zip(self.groups_list, hidden, strict=True) if hide}
        return SuppressedGroups(
            min_group_size=k,
            respondents={g: None if g in self.withheld else n for g, n in self.respondents.items()},
            isolating=frozenset(g for g in self.withheld if self.respondents[g] >= k),
        )

    def lines(self, cell_of: Mapping[int, int]) -> list[list[int]]:
        """For every cell and every dimension its group fixes: the parent cell = the sum of the
        cells whose groups differ from it only there. `cell_of` maps group numbers to the cell
        numbers of one category (groups where that cell is zero are absent)."""
        children: dict[tuple[int, int], list[int]] = {}
        for group, cell in cell_of.items():
            for parent, position in self.parents[group]:
                children.setdefault((parent, position), []).append(cell)
        return [[cell_of[parent], *members] for (parent, _), members in children.items() if parent in cell_of]

    def question(
        self, cells: Mapping[tuple[Group, str], int], partition: Sequence[str] | None, k: int
    ) -> set[tuple[Group, str]]:
        """The withheld cells of one question: forced where the group is withheld, the
        respondents' lines for each category, and within each group answered = declined + given
        (and given = the options or bins of a `partition` question)."""
        keys = list(cells)
        number = {key: i for i, key in enumerate(keys)}
        by_category: dict[str, dict[int, int]] = defaultdict(dict)
        for i, (group, category) in enumerate(keys):
            by_category[category][self.number[group]] = i
        lines: list[list[int]] = []
        for category in sorted(by_category):
            lines.extend(self.lines(by_category[category]))
        for i in by_category.get(ANSWERED, {}).values():
            group = keys[i][0]
            lines.append([i, *(number[key] for key in ((group, DECLINED), (group, GIVEN)) if key in number)])
            if partition is not None and (group, GIVEN) in number:
                options = [number[(group, c)] for c in partition if (group, c) in number]
                lines.append([number[(group, GIVEN)], *options])
        forced = [key[0] in self.withheld for key in keys]
        values = [cells[key] for key in keys]
        hidden = protect_cells(values, [line for line in lines if len(line) > 1], k, forced, exact=False)
        return {key for key, hide in zip(keys, hidden, strict=True) if hide}


def suppress(raw: RawSurvey, k: int, partitions: Mapping[int, Sequence[str]]) -> SuppressedSurvey:
    """Apply DESIGN §4a to a survey's raw counts. `partitions` maps each question whose categories
    split its given answers (single choice, scales, yes/no, numbers, ratings) to those categories."""
    lattice = _Lattice(raw.respondents)
    groups = lattice.groups(k)
    cells: dict[int, dict[tuple[Group, str], int | None]] = {}
    rank_sums: dict[int, dict[tuple[Group, str], int]] = {}
    number_sums: dict[int, dict[Group, Decimal]] = {}
    for question_id, raw_cells in raw.cells.items():
        counts = _category_lattice(raw_cells)
        withheld = lattice.question(counts, partitions.get(question_id), k)
        shown = {key: None if key in withheld else n for key, n in counts.items()}
        cells[question_id] = shown
        ranks = _category_lattice(raw.rank_sums.get(question_id, {}))
        rank_sums[question_id] = {key: total for key, total in ranks.items() if shown.get(key) is not None}
        sums = _lattice(raw.number_sums.get(question_id, {}))
        number_sums[question_id] = {
            group: total for group, total in sums.items() if (shown.get((group, GIVEN)) or 0) >= k
        }
    return SuppressedSurvey(
        survey_id=raw.survey_id,
        min_group_size=k,
        respondents=groups.respondents,
        isolating=groups.isolating,
        cells=cells,
        rank_sums=rank_sums,
        number_sums=number_sums,
        bins=dict(raw.bins),
        quotable=frozenset(leaf for leaf, n in raw.respondents.items() if n >= k),
    )


V = TypeVar("V", int, Decimal)


def _lattice(leaves: Mapping[Leaf, V]) -> dict[Group, V]:
    """Leaf values summed into every group of the lattice (zero groups left out)."""
    return {group: total for group, total in _cube(leaves, categorized=False).items() if total}


def _category_lattice(cells: Mapping[tuple[Leaf, str], V]) -> dict[tuple[Group, str], V]:
    """The same for (leaf, category) cells, summed within each category."""
    return {key: total for key, total in _cube(cells, categorized=True).items() if total}


def _cube(cells: Mapping[Any, V], categorized: bool) -> dict[Any, V]:
    """Sums over every subset of the four dimensions, opening one dimension per pass (each pass
    adds the groups that leave that dimension open): four passes over the cells instead of
    sixteen projections of every leaf."""
    totals: dict[Any, V] = dict(cells)
    for position in range(4):
        additions: dict[Any, V] = {}
        for key, amount in totals.items():
            group = key[0] if categorized else key
            if group[position] == ANY:
                continue
            opened = group[:position] + (ANY,) + group[position + 1 :]
            parent = (opened, key[1]) if categorized else opened
            additions[parent] = additions[parent] + amount if parent in additions else amount
        for key, amount in additions.items():
            totals[key] = totals[key] + amount if key in totals else amount
    return totals


# Participation over time (rule 5) -------------------------------------------------------------


def periods(days: Sequence[tuple[date, int]], k: int) -> tuple[Granularity, tuple[Period, ...]]:
    """Days when every day with answers has at least k; else ISO weeks if every week does; else
    runs of consecutive days merged until each holds at least k (a short last run joins the one
    before). Assumes the total is at least k (rule 1 is checked first)."""
    if all(n >= k for _, n in days):
        return Granularity.DAY, _cumulate([(day, day, n) for day, n in days])
    weeks: dict[date, int] = defaultdict(int)
    for day, n in days:
        weeks[day - timedelta(days=day.weekday())] += n
    if all(n >= k for n in weeks.values()):
        ordered = sorted(weeks.items())
        return Granularity.WEEK, _cumulate([(start, start + timedelta(days=6), n) for start, n in ordered])
    runs: list[tuple[date, date, int]] = []
    for day, n in days:
        if runs and runs[-1][2] < k:
            first, _, count = runs.pop()
            runs.append((first, day, count + n))
        else:
            runs.append((day, day, n))
    if len(runs) > 1 and runs[-1][2] < k:
        last = runs.pop()
        first, _, count = runs.pop()
        runs.append((first, last[1], count + last[2]))
    return Granularity.PERIOD, _cumulate(runs)


def _cumulate(spans: Sequence[tuple[date, date, int]]) -> tuple[Period, ...]:
    total = 0
    result = []
    for start, end, count in spans:
        total += count
        result.append(Period(start, end, count, total))
    return tuple(result)
