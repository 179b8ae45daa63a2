"""Trying to recover withheld numbers by subtraction, and failing.

The attacks: totals minus cells, one breakdown against another, filtered against unfiltered results,
and the CSV and JSON downloads. The strongest attack is linear algebra over the *leaves* (one unknown
per combination of age band, gender, area and school level): every number any output can show is a
sum of leaves, so a withheld number can be recovered by some chain of subtractions exactly when its
own sum lies in the span of the shown sums. The check below is written independently of the
suppression code (dense echelon form over another prime, over leaves instead of lattice lines).
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import random

import pytest

from forum.extensions import db
from forum.results import aggregation, exports, services
from forum.results.aggregation import ANSWERED, DECLINED, GIVEN, bin_category, option_category
from forum.results.filters import DIMENSIONS, Dimension, Filters
from forum.results.suppression import ANY
from forum.results.tables import ResultStatus
from tests.results.conftest import BANDS, GENDERS, LEVELS, Spec, add_responses, make_results_survey, random_answers

K = 10
P = 2_147_483_647


class Span:
    """Vectors over GF(P) in echelon form (pivot = smallest column)."""

    def __init__(self) -> None:
        self.rows: dict[object, dict[object, int]] = {}
        self.order: dict[object, int] = {}

    def _reduce(self, vector: dict[object, int]) -> dict[object, int]:
        row = {c: v % P for c, v in vector.items() if v % P}
        while row:
            column = min(row, key=self.order.__getitem__)
            basis = self.rows.get(column)
            if basis is None:
                return row
            factor = row[column]
            for c, v in basis.items():
                updated = (row.get(c, 0) - factor * v) % P
                if updated:
                    row[c] = updated
                else:
                    row.pop(c, None)
        return row

    def add(self, vector: dict[object, int]) -> None:
        row = self._reduce(vector)
        if row:
            column = min(row, key=self.order.__getitem__)
            inverse = pow(row[column], P - 2, P)
            self.rows[column] = {c: v * inverse % P for c, v in row.items()}

    def contains(self, vector: dict[object, int]) -> bool:
        return not self._reduce(vector)


def _matches(group, leaf) -> bool:
    return all(g == ANY or g == v for g, v in zip(group, leaf, strict=True))


@pytest.fixture
def crowded(app, areas):
    """260 children unevenly spread: a few large groups, many small ones, some not recorded."""
    rng = random.Random(11)
    with app.app_context():
        survey = make_results_survey()
        specs = []
        for _ in range(260):
            band = rng.choices(BANDS, weights=[40, 30, 20, 10])[0]
            specs.append(
                Spec(
                    band=band,
                    gender=rng.choices(GENDERS, weights=[45, 40, 4, 4, 7])[0],
                    area_id=rng.choices(areas, weights=[60, 30, 10])[0],
                    level=rng.choice(LEVELS[band]),
                    answers=random_answers(rng, survey, skip=0.15),
                )
            )
        add_responses(survey, specs)
        db.session.commit()
        return survey.id


def _load(app, survey_id):
    survey = db.session.get(services.Survey, survey_id)
    return survey, services.suppressed_survey(survey, K), aggregation.count_leaves(survey_id)


def test_no_withheld_group_follows_from_the_shown_ones(app, crowded):
    with app.app_context():
        _, suppressed, leaves = _load(app, crowded)
        span = Span()
        span.order = {leaf: i for i, leaf in enumerate(leaves)}
        withheld = []
        for group, count in suppressed.respondents.items():
            vector = {leaf: 1 for leaf in leaves if _matches(group, leaf)}
            if count is None:
                withheld.append(vector)
            else:
                assert count >= K and count == sum(leaves[leaf] for leaf in vector)
                span.add(vector)
        assert len(withheld) > 20, "the data should force plenty of suppression"
        recovered = [vector for vector in withheld if span.contains(vector)]
        assert recovered == []


def test_no_withheld_answer_count_follows_from_the_shown_ones(app, crowded):
    """Per question, with unknowns per leaf and answer, and every identity a reader knows
    (answered = declined + given; given = the options of a single-choice question)."""
    with app.app_context():
        survey, suppressed, leaves = _load(app, crowded)
        for question in services.answerable(survey):
            cells = suppressed.cells[question.id]
            categories = sorted({c for _, c in cells})
            partition = (
                [option_category(o.id) for o in question.options]
                if question.type.value in {"single_choice", "smiley", "agree", "yes_no"}
                else None
            )
            if question.id in suppressed.bins and partition is None:
                partition = [c for c in categories if c.startswith("b")]
            span = Span()
            span.order = {(leaf, c): i for i, (leaf, c) in enumerate(itertools.product(leaves, categories))}
            for leaf in leaves:
                identity = {(leaf, ANSWERED): 1, (leaf, DECLINED): -1, (leaf, GIVEN): -1}
                span.add({key: v for key, v in identity.items() if key in span.order})
                if partition:
                    parts = {(leaf, GIVEN): 1} | {(leaf, c): -1 for c in partition if (leaf, c) in span.order}
                    span.add(parts)
            withheld = []
            for group, respondents in suppressed.respondents.items():
                members = [leaf for leaf in leaves if _matches(group, leaf)]
                for category in categories:
                    vector = {(leaf, category): 1 for leaf in members}
                    value = cells.get((group, category), 0)
                    if value is None:
                        withheld.append((group, category, vector))
                    elif respondents is not None:
                        span.add(vector)  # shown, or a known zero
            recovered = [(g, c) for g, c, vector in withheld if span.contains(vector)]
            assert recovered == [], question.key


def test_every_published_number_comes_from_the_suppressed_table(app, crowded, in_request):
    """Filters of up to two characteristics and every breakdown by one: the services show exactly
    the suppressed cells, and no number below k."""
    with app.app_context(), in_request():
        survey, suppressed, leaves = _load(app, crowded)
        values = {d: sorted({leaf[i] for leaf in leaves if leaf[i] is not None}) for i, d in enumerate(DIMENSIONS)}
        questions = services.answerable(survey)
        choices = [(d, v) for d in DIMENSIONS for v in values[d]]
        combos = (
            [()] + [(c,) for c in choices] + [(a, b) for a, b in itertools.combinations(choices, 2) if a[0] is not b[0]]
        )
        shown_sets = 0
        for combo in combos:
            filters = _filters(combo)
            results = services.get_survey_results(survey, filters, K, suppressed=suppressed, with_quotes=False)
            group = services.group_of(filters)
            if results.status is not ResultStatus.SHOWN:
                assert results.respondents is None and not results.questions
                continue
            shown_sets += 1
            assert results.respondents == suppressed.respondents[group] >= K
            for result, question in zip(results.questions, questions, strict=True):
                _same_as_table(result, question, suppressed, group)
        assert shown_sets > 10
        question = questions[0]
        for dimension in DIMENSIONS:
            breakdown = services.get_breakdown(survey, question, [dimension], Filters(), K, suppressed=suppressed)
            for item in breakdown.groups:
                group = tuple(item.values[0].value if d is dimension else ANY for d in DIMENSIONS)
                assert item.respondents.count == suppressed.respondents[group]
                _same_as_table(item.question, question, suppressed, group)


def _filters(combo) -> Filters:
    values = dict(combo)
    area = values.get(Dimension.AREA)
    return Filters(
        age_band=values.get(Dimension.AGE_BAND),
        gender=values.get(Dimension.GENDER),
        area_id=int(area) if area else None,
        school_level=values.get(Dimension.SCHOOL_LEVEL),
    )


def _same_as_table(result, question, suppressed, group):
    cells = suppressed.cells[question.id]
    if result.withheld:
        assert result.answered.withheld and all(o.cell.withheld for o in result.options)
        return
    assert result.answered.count == cells[(group, ANSWERED)] >= K
    assert result.declined.count == cells.get((group, DECLINED), 0)
    for option, row in zip(question.options, result.options, strict=True):
        assert row.cell.count == cells.get((group, option_category(option.id)), 0)
        assert row.cell.count is None or row.cell.count == 0 or row.cell.count >= K
    if result.numbers:
        for index, item in enumerate(result.numbers.bins):
            assert item.cell.count == cells.get((group, bin_category(index)), 0)


def test_subtracting_downloads_recovers_nothing(app, crowded, in_request):
    """What a person with the CSV and JSON downloads can do: for every shown set (the whole survey
    and each single filter) and every characteristic, subtract the shown groups of the breakdown
    from the set's total, for the children and for every option. Whenever something is withheld,
    at least two groups stay unknown and together they hold none or at least k children; a
    withheld group's own filtered download shows no number at all."""
    with app.app_context(), in_request():
        survey, suppressed, leaves = _load(app, crowded)
        questions = [q for q in services.answerable(survey) if q.options]
        rows = list(
            csv.reader(
                io.StringIO(exports.csv_bytes(services.get_survey_results(survey, Filters(), K)).decode("utf-8-sig"))
            )
        )
        assert int(rows[2][1]) == suppressed.respondents[(ANY, ANY, ANY, ANY)]
        parents = [Filters()] + [
            _filters([(d, v)]) for i, d in enumerate(DIMENSIONS) for v in {leaf[i] for leaf in leaves} - {None}
        ]
        attempts = 0
        for parent in parents:
            whole = json.loads(
                exports.json_bytes(services.get_survey_results(survey, parent, K, suppressed=suppressed))
            )
            if whole["status"] != "shown":
                assert whole["respondents"] is None and whole["questions"] == []
                continue
            for dimension in DIMENSIONS:
                if dimension.value in parent.to_query() or dimension.value == "area" and parent.area_id:
                    continue
                for number, question in enumerate(questions):
                    breakdown = services.get_breakdown(survey, question, [dimension], parent, K, suppressed=suppressed)
                    data = json.loads(json.dumps(exports.to_data(breakdown)))
                    groups = data["groups"]
                    hidden = [g for g in groups if g["respondents"]["withheld"]]
                    if number == 0 and hidden:
                        attempts += 1
                        shown = sum(g["respondents"]["count"] for g in groups if not g["respondents"]["withheld"])
                        assert len(hidden) >= 2 and whole["respondents"] - shown >= K, (parent, dimension)
                        for g in hidden:
                            value = g["values"][0]["value"]
                            if value is not None:
                                narrow = services.get_survey_results(
                                    survey, _filters([*_pairs(parent), (dimension, value)]), K, suppressed=suppressed
                                )
                                assert narrow.respondents is None and narrow.questions == ()
                    total = next(q for q in whole["questions"] if q["question_id"] == question.id)
                    if total["withheld"]:
                        continue
                    for index, option in enumerate(total["options"]):
                        if option["cell"]["withheld"]:
                            continue
                        known = [g["question"]["options"][index]["cell"] for g in groups]
                        unknown = [c for c in known if c["withheld"]]
                        if unknown:
                            rest = option["cell"]["count"] - sum(c["count"] for c in known if not c["withheld"])
                            assert len(unknown) >= 2 and (rest == 0 or rest >= K), (parent, dimension, option)
        assert attempts >= 3


def _pairs(filters: Filters):
    return [(d, v) for d, v in filters.active().items()]
