"""Every figure the services show equals an independent recount from the raw rows."""

from __future__ import annotations

import random

import pytest

from forum.extensions import db
from forum.results import services
from forum.results.filters import Dimension, Filters
from forum.results.tables import ResultStatus
from forum.surveys.definition import NUMBER_TYPES, QuestionType
from tests.results.conftest import add_responses, load_rows, make_results_survey, matching, random_specs, recount

K = 10


@pytest.fixture
def big_survey(app, areas):
    """600 children in three areas: most single groups are large, many crossed ones are not."""
    with app.app_context():
        survey = make_results_survey()
        add_responses(survey, random_specs(random.Random(5), survey, areas, 600))
        db.session.commit()
        return survey.id


def _check_question(result, question, expected):
    """Every shown figure equals the recount; a withheld one is None (counts, shares and means)."""
    assert result.answered.count == expected["answered"]
    for name in ("declined", "given"):
        cell = getattr(result, name)
        assert cell.withheld or cell.count == expected[name], name
        assert cell.withheld or cell.share == pytest.approx(cell.count / expected["answered"])
    if question.type in NUMBER_TYPES:
        if result.numbers.mean is not None:
            assert result.numbers.mean == pytest.approx(expected["mean"])
            assert result.numbers.median == pytest.approx(expected["median"])
        for item in result.numbers.bins:
            if item.cell.withheld:
                continue
            last = item is result.numbers.bins[-1]
            inside = [
                n
                for n in expected["numbers"]
                if (n == item.low if item.low == item.high else item.low <= n < item.high or (last and n == item.high))
            ]
            assert item.cell.count == len(inside), (question.key, item)
        return
    for row in result.options:
        if row.cell.withheld:
            assert row.mean_rank is None
            continue
        assert row.cell.count == expected["options"].get(row.key, 0), (question.key, row.key)
        assert row.cell.share == pytest.approx(row.cell.count / expected["answered"])
        if question.type is QuestionType.RANKING and row.cell.count:
            assert row.mean_rank == pytest.approx(expected["mean_rank"][row.key])


def test_unfiltered_results_equal_a_recount(app, big_survey, in_request):
    with app.app_context(), in_request():
        survey = db.session.get(services.Survey, big_survey)
        results = services.get_survey_results(survey, Filters(), K)
        rows = load_rows(survey.id)
        assert results.status is ResultStatus.SHOWN
        assert results.respondents == len(rows)
        for result, question in zip(results.questions, services.answerable(survey), strict=True):
            _check_question(result, question, recount(rows, question))


def _rows_for(rows, group_values):
    return [r for r in rows if all(getattr(r, name) == value for name, value in group_values.items())]


ATTRS = {
    Dimension.AGE_BAND: "band",
    Dimension.GENDER: "gender",
    Dimension.AREA: "area",
    Dimension.SCHOOL_LEVEL: "level",
}


def test_filtered_results_equal_a_recount(app, big_survey, in_request):
    with app.app_context(), in_request():
        survey = db.session.get(services.Survey, big_survey)
        suppressed = services.suppressed_survey(survey, K)
        rows = load_rows(survey.id)
        questions = services.answerable(survey)
        checked = 0
        for band in [None, "6-8", "12-14"]:
            for gender in [None, "girl", "boy"]:
                for area in [None, *sorted({r.area for r in rows})]:
                    filters = Filters(age_band=band, gender=gender, area_id=int(area) if area else None)
                    results = services.get_survey_results(survey, filters, K, suppressed=suppressed)
                    subset = matching(
                        rows, **{n: v for n, v in (("band", band), ("gender", gender), ("area", area)) if v}
                    )
                    if results.status is not ResultStatus.SHOWN:
                        continue
                    checked += 1
                    assert results.respondents == len(subset)
                    for result, question in zip(results.questions, questions, strict=True):
                        if not result.withheld:
                            _check_question(result, question, recount(subset, question))
        assert checked >= 10


@pytest.mark.parametrize(
    "dimensions",
    [
        (Dimension.AGE_BAND,),
        (Dimension.GENDER,),
        (Dimension.AREA,),
        (Dimension.SCHOOL_LEVEL,),
        (Dimension.AGE_BAND, Dimension.GENDER),
        (Dimension.AREA, Dimension.SCHOOL_LEVEL),
    ],
)
def test_breakdowns_equal_a_recount(app, big_survey, in_request, dimensions):
    with app.app_context(), in_request():
        survey = db.session.get(services.Survey, big_survey)
        suppressed = services.suppressed_survey(survey, K)
        rows = load_rows(survey.id)
        shown = 0
        for question in services.answerable(survey):
            breakdown = services.get_breakdown(survey, question, dimensions, Filters(), K, suppressed=suppressed)
            assert breakdown.dimensions == dimensions
            _check_question(breakdown.total, question, recount(rows, question))
            seen = set()
            for group in breakdown.groups:
                values = {ATTRS[v.dimension]: v.value for v in group.values}
                subset = _rows_for(rows, values)
                seen.add(tuple(values.values()))
                if group.respondents.withheld:
                    assert group.question.withheld
                    continue
                assert group.respondents.count == len(subset)
                assert group.respondents.share == pytest.approx(len(subset) / len(rows))
                if not group.question.withheld:
                    shown += 1
                    _check_question(group.question, question, recount(subset, question))
            # Every non-empty group is listed (withheld or not), and no empty one.
            expected = {tuple(getattr(r, ATTRS[d]) for d in dimensions) for r in rows}
            assert seen == expected
        assert shown > 0


def test_group_labels_and_order(app, big_survey, in_request):
    with app.app_context(), in_request():
        survey = db.session.get(services.Survey, big_survey)
        question = services.answerable(survey)[0]
        breakdown = services.get_breakdown(survey, question, [Dimension.GENDER, Dimension.AGE_BAND], Filters(), K)
        assert breakdown.dimensions == (Dimension.AGE_BAND, Dimension.GENDER)
        labels = [tuple(v.label for v in g.values) for g in breakdown.groups]
        assert labels[0] == ("6–8", "Girl")
        assert [label for label in labels if label[0] == "6–8"][-1] == ("6–8", "Not recorded")
        areas = services.get_breakdown(survey, question, [Dimension.AREA], Filters(), K)
        assert [g.values[0].label for g in areas.groups] == sorted(g.values[0].label for g in areas.groups)
        assert all(g.values[0].label.startswith("Test District") for g in areas.groups)


def test_bad_breakdowns_are_refused(app, big_survey, in_request):
    with app.app_context(), in_request():
        survey = db.session.get(services.Survey, big_survey)
        question = services.answerable(survey)[0]
        for dimensions in ([], [Dimension.AREA] * 2, list(Dimension)[:3]):
            with pytest.raises(services.BreakdownError):
                services.get_breakdown(survey, question, dimensions, Filters(), K)


def test_a_counted_survey_is_reused_until_a_response_lands(app, big_survey, areas, in_request, monkeypatch):
    with app.app_context(), in_request():
        survey = db.session.get(services.Survey, big_survey)
        first = services.suppressed_survey(survey, K)
        monkeypatch.setattr(services.aggregation, "collect", lambda *args: pytest.fail("counted again"))
        assert services.suppressed_survey(survey, K) is first
        monkeypatch.undo()
        assert services.suppressed_survey(survey, K + 1) is not first  # another threshold, counted apart
        add_responses(survey, random_specs(random.Random(6), survey, areas, 1))
        db.session.commit()
        after = services.suppressed_survey(survey, K)
        assert after is not first
        assert after.respondents[services.group_of(Filters())] == first.respondents[services.group_of(Filters())] + 1
