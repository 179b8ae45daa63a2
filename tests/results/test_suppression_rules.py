"""DESIGN §4a rules 1-3 and 5, one by one, on small hand-made data."""

from __future__ import annotations

import random
from datetime import date

import pytest

from forum.extensions import db
from forum.results import services
from forum.results.filters import Dimension, Filters
from forum.results.suppression import ANY, Line, periods, protect, suppress_groups
from forum.results.tables import Granularity, ResultStatus
from tests.results.conftest import Spec, add_responses, make_results_survey

K = 10


def test_a_small_cell_and_its_partner_are_withheld():
    counts = {"all": 33, "a": 3, "b": 30}
    assert protect(counts, [Line("all", ("a", "b"))], K) == {"a", "b"}


def test_withheld_children_must_add_up_to_k_or_more():
    # "another" and "unsaid" are both small; together 5: the smallest shown one joins them.
    counts = {"all": 65, "girl": 30, "boy": 30, "another": 2, "unsaid": 3}
    withheld = protect(counts, [Line("all", ("girl", "boy", "another", "unsaid"))], K)
    assert withheld == {"another", "unsaid", "girl"}


def test_a_withheld_parent_is_not_the_sum_of_shown_children():
    counts = {"all": 100, "x": 40, "y": 60, "x1": 20, "x2": 20}
    lines = [Line("all", ("x", "y")), Line("x", ("x1", "x2"))]
    withheld = protect(counts, lines, K, forced=["x"])
    assert "x" in withheld and {"x1", "x2"} & withheld
    assert "y" in withheld  # else x = all - y


def test_two_breakdowns_cannot_be_combined_to_recover_a_cell():
    """Area × gender with both margins shown: the line rules alone would leave the cell (A2, G2)
    as the only withheld one in its row; the pattern withholds a full cycle instead."""
    leaves = {
        ("A1", "G1", "p", "l"): 3,
        ("A1", "G2", "p", "l"): 30,
        ("A2", "G1", "p", "l"): 30,
        ("A2", "G2", "p", "l"): 30,
    }
    groups = suppress_groups(leaves, K).respondents
    a1g1 = ("A1", "G1", ANY, ANY)
    assert groups[a1g1] is None
    # Every way of subtracting shown numbers leaves at least two unknowns.
    assert groups[("A1", ANY, ANY, ANY)] == 33 and groups[("A2", ANY, ANY, ANY)] == 60
    assert groups[(ANY, "G1", ANY, ANY)] == 33 and groups[(ANY, "G2", ANY, ANY)] == 60
    for cell in (("A1", "G2"), ("A2", "G1"), ("A2", "G2")):
        assert groups[(*cell, ANY, ANY)] is None


def test_a_bridge_between_two_protected_blocks_is_found_by_the_exact_check():
    """Two 2×2 blocks of withheld cells joined by one cell: every line has two withheld members,
    yet the joining cell follows from the margins. Only the exact check sees it."""
    counts = {}
    lines = []
    rows, columns = ["r1", "r2", "r3", "r4"], ["c1", "c2", "c3", "c4"]
    table = {(r, c): 20 for r in rows for c in columns}
    for (r, c), n in table.items():
        counts[(r, c)] = n
    for r in rows:
        counts[(r, "*")] = sum(table[(r, c)] for c in columns)
        lines.append(Line((r, "*"), tuple((r, c) for c in columns)))
    for c in columns:
        counts[("*", c)] = sum(table[(r, c)] for r in rows)
        lines.append(Line(("*", c), tuple((r, c) for r in rows)))
    counts[("*", "*")] = sum(table.values())
    lines.append(Line(("*", "*"), tuple(("*", c) for c in columns)))
    lines.append(Line(("*", "*"), tuple((r, "*") for r in rows)))
    block = [
        ("r1", "c1"),
        ("r1", "c2"),
        ("r2", "c1"),
        ("r2", "c2"),
        ("r3", "c3"),
        ("r3", "c4"),
        ("r4", "c3"),
        ("r4", "c4"),
    ]
    bridge = ("r1", "c3")
    forced = [*block, bridge]
    loose = protect(counts, lines, K, forced=forced)
    assert loose == set(forced)  # every line already has two or more withheld members
    exact = protect(counts, lines, K, forced=forced, exact=True)
    assert exact > loose


def test_the_pattern_does_not_depend_on_the_order_of_rows():
    rng = random.Random(7)
    leaves = {}
    for _ in range(300):
        leaf = (
            rng.choice(["6-8", "9-11"]),
            rng.choice(["girl", "boy", None]),
            rng.choice(["1", "2", "3"]),
            rng.choice(["primary", "lower_secondary"]),
        )
        leaves[leaf] = leaves.get(leaf, 0) + 1
    ordered = dict(sorted(leaves.items(), key=repr))
    first = suppress_groups(ordered, K)
    again = suppress_groups(dict(sorted(leaves.items(), key=repr)), K)
    assert first == again


def test_rule_5_days_weeks_or_merged_periods():
    days = [(date(2026, 6, d), 12) for d in (1, 2, 3)]
    assert periods(days, K)[0] is Granularity.DAY
    days = [(date(2026, 6, 1), 12), (date(2026, 6, 2), 3), (date(2026, 6, 9), 11)]
    granularity, spans = periods(days, K)
    assert granularity is Granularity.WEEK
    assert [s.count for s in spans] == [15, 11] and spans[-1].cumulative == 26
    days = [(date(2026, 6, 1), 4), (date(2026, 6, 2), 7), (date(2026, 6, 3), 12), (date(2026, 6, 8), 2)]
    granularity, spans = periods(days, K)
    assert granularity is Granularity.PERIOD  # the second week has 2
    assert [(s.start.day, s.end.day, s.count) for s in spans] == [(1, 2, 11), (3, 8, 14)]
    assert all(s.count >= K for s in spans)


# Through the services -----------------------------------------------------------------------------


def _survey_with(app, specs):
    with app.app_context():
        survey = make_results_survey()
        add_responses(survey, specs)
        db.session.commit()
        return survey.id


def _spec(area, gender="girl", band="9-11", level="primary", where="park"):
    return Spec(band, gender, area, level, {"where": where})


@pytest.mark.parametrize("count, status", [(9, ResultStatus.TOO_FEW), (10, ResultStatus.SHOWN)])
def test_rule_1_nothing_under_k(app, areas, in_request, count, status):
    survey_id = _survey_with(app, [_spec(areas[0]) for _ in range(count)])
    with app.app_context(), in_request():
        survey = db.session.get(services.Survey, survey_id)
        results = services.get_survey_results(survey, Filters(), K)
        assert results.status is status
        if status is ResultStatus.TOO_FEW:
            assert results.respondents is None and results.questions == ()
            question = services.answerable(survey)[0]
            breakdown = services.get_breakdown(survey, question, [Dimension.GENDER], Filters(), K)
            assert breakdown.groups == () and breakdown.total is None


def test_rule_2_the_design_example(app, areas, in_request):
    """District X has 12 answers, "district X, girls" has 10: the 2 others would be exposed."""
    x, other = areas[0], areas[1]
    specs = [_spec(x) for _ in range(10)] + [_spec(x, gender="boy") for _ in range(2)]
    specs += [_spec(other, gender=g) for g in ["girl"] * 20 + ["boy"] * 20]
    survey_id = _survey_with(app, specs)
    with app.app_context(), in_request():
        survey = db.session.get(services.Survey, survey_id)
        district = services.get_survey_results(survey, Filters(area_id=x), K)
        assert district.status is ResultStatus.SHOWN and district.respondents == 12
        girls = services.get_survey_results(survey, Filters(area_id=x, gender="girl"), K)
        assert girls.status is ResultStatus.ISOLATING and girls.respondents is None
        boys = services.get_survey_results(survey, Filters(area_id=x, gender="boy"), K)
        assert boys.status is ResultStatus.TOO_FEW
        # Nor does the other way round give them away: all girls minus the other district's girls.
        all_girls = services.get_survey_results(survey, Filters(gender="girl"), K)
        other_girls = services.get_survey_results(survey, Filters(gender="girl", area_id=other), K)
        shown = [r.respondents for r in (all_girls, other_girls) if r.status is ResultStatus.SHOWN]
        assert len(shown) < 2


def test_rule_2_any_subset_of_filters_is_a_parent(app, areas, in_request):
    """Band + gender + area: dropping two filters at once must not reveal a few children either."""
    x = areas[0]
    specs = [_spec(x, band="9-11", gender="girl") for _ in range(30)]
    specs += [_spec(x, band="12-14", gender="boy", level="lower_secondary") for _ in range(3)]
    specs += [
        _spec(areas[1], band=b, gender=g, level=lv)
        for b, g, lv in [("9-11", "girl", "primary"), ("12-14", "boy", "lower_secondary")] * 15
    ]
    survey_id = _survey_with(app, specs)
    with app.app_context(), in_request():
        survey = db.session.get(services.Survey, survey_id)
        narrow = services.get_survey_results(survey, Filters(area_id=x, age_band="9-11", gender="girl"), K)
        wide = services.get_survey_results(survey, Filters(area_id=x), K)
        # The district has 33, the narrow set 30: both shown would reveal 3 children.
        assert not (narrow.status is ResultStatus.SHOWN and wide.status is ResultStatus.SHOWN)


def test_rule_3_a_lone_small_group_takes_the_next_smallest_with_it(app, areas, in_request):
    specs = [_spec(areas[0], gender="girl") for _ in range(30)]
    specs += [_spec(areas[0], gender="boy") for _ in range(20)]
    specs += [_spec(areas[0], gender="another") for _ in range(4)]
    survey_id = _survey_with(app, specs)
    with app.app_context(), in_request():
        survey = db.session.get(services.Survey, survey_id)
        question = services.answerable(survey)[0]
        breakdown = services.get_breakdown(survey, question, [Dimension.GENDER], Filters(), K)
        shown = {g.values[0].value: g.respondents.count for g in breakdown.groups}
        assert shown == {"girl": 30, "boy": None, "another": None}
        assert breakdown.total.answered.count == 54
