"""Participation over time (rule 5), the data version, and children reached against registered."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from forum.accounts import services as accounts
from forum.accounts.models import Gender
from forum.extensions import db
from forum.results import services
from forum.results.filters import Dimension, Filters
from forum.results.tables import Granularity, ResultStatus
from forum.surveys.models import Response, ResponseStatus
from tests import builders
from tests.results.conftest import Spec, add_responses, make_results_survey
from tests.surveys.conftest_taking import make_consultation, make_survey

K = 10
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
BANDS = [[6, 8], [9, 11], [12, 14], [15, 17]]


def _at(day: int, hour: int = 3) -> datetime:
    return datetime(2026, 6, day, hour, tzinfo=UTC)


def _survey(app, times, area):
    with app.app_context():
        survey = make_results_survey()
        add_responses(survey, [Spec("9-11", "girl", area, "primary", {}, at) for at in times])
        db.session.commit()
        return survey.id


def test_days_when_every_day_has_k(app, areas, in_request):
    survey_id = _survey(app, [_at(2)] * 12 + [_at(3)] * 10, areas[0])
    with app.app_context(), in_request():
        survey = db.session.get(services.Survey, survey_id)
        timeline = services.get_participation(survey, Filters(), K, HANOI)
        assert timeline.status is ResultStatus.SHOWN and timeline.total == 22
        assert timeline.granularity is Granularity.DAY
        assert [(p.start, p.count, p.cumulative) for p in timeline.periods] == [
            (date(2026, 6, 2), 12, 12),
            (date(2026, 6, 3), 10, 22),
        ]


def test_days_are_local_calendar_days(app, areas, in_request):
    """23:30 UTC on 1 June is 06:30 on 2 June in Viet Nam."""
    survey_id = _survey(app, [datetime(2026, 6, 1, 23, 30, tzinfo=UTC)] * 10, areas[0])
    with app.app_context(), in_request():
        survey = db.session.get(services.Survey, survey_id)
        timeline = services.get_participation(survey, Filters(), K, HANOI)
        assert [p.start for p in timeline.periods] == [date(2026, 6, 2)]


def test_a_small_day_turns_the_series_into_weeks_or_periods(app, areas, in_request):
    survey_id = _survey(app, [_at(1)] * 12 + [_at(2)] * 3 + [_at(9)] * 11 + [_at(30)] * 2, areas[0])
    with app.app_context(), in_request():
        survey = db.session.get(services.Survey, survey_id)
        timeline = services.get_participation(survey, Filters(), K, HANOI)
        assert timeline.granularity is Granularity.PERIOD
        assert all(p.count >= K for p in timeline.periods)
        assert timeline.periods[-1].cumulative == timeline.total == 28


def test_participation_follows_the_filters_suppression(app, areas, in_request):
    survey_id = _survey(app, [_at(2)] * 12, areas[0])
    with app.app_context(), in_request():
        survey = db.session.get(services.Survey, survey_id)
        assert services.get_participation(survey, Filters(gender="boy"), K, HANOI).status is ResultStatus.TOO_FEW
        nothing = services.get_participation(survey, Filters(area_id=areas[1]), K, HANOI)
        assert nothing.total is None and nothing.periods == ()


def test_the_data_version_changes_when_a_response_lands(app, areas):
    survey_id = _survey(app, [_at(2)] * 3, areas[0])
    with app.app_context():
        survey = db.session.get(services.Survey, survey_id)
        before = services.data_version(survey)
        assert services.data_version(survey) == before
        add_responses(survey, [Spec("9-11", "boy", areas[0], "primary", {}, _at(2))])
        assert services.data_version(survey) != before


# Reach ------------------------------------------------------------------------------------------


def _children(classroom, count, age, gender=Gender.GIRL):
    year = date.today().year - age
    return accounts.add_children(classroom, [accounts.NewChild(year, gender)] * count, None)


@pytest.fixture
def reach_world(app):
    """Area A: 12 six-year-olds, 15 girls and 12 boys aged 10; area B: 11 aged 13. The consultation
    targets area A only; 20 of A's children and 5 of B's took part, 2 more only started."""
    with app.app_context():
        area_a, area_b = builders.make_area(), builders.make_area()
        class_a = builders.make_classroom(builders.make_school(area_a))
        class_b = builders.make_classroom(builders.make_school(area_b))
        young = _children(class_a, 12, 6)
        girls = _children(class_a, 15, 10)
        boys = _children(class_a, 12, 10, Gender.BOY)
        others = _children(class_b, 11, 13)
        consultation = make_consultation(areas=[area_a])
        survey = make_survey(consultation, [{"key": "q", "type": "yes_no", "text": {"vi": "Có không?"}}])
        other_survey = make_survey(make_consultation(), [{"key": "q", "type": "yes_no", "text": {"vi": "Có?"}}])
        took_part = young[:10] + girls[:10]
        for child in took_part + others[:5]:
            db.session.add(
                Response(survey_id=survey.id, child_id=child.id, status=ResponseStatus.SUBMITTED, submitted_at=_at(2))
            )
        for child in boys[:2]:
            db.session.add(Response(survey_id=survey.id, child_id=child.id, status=ResponseStatus.DRAFT))
        for child in boys:
            db.session.add(
                Response(
                    survey_id=other_survey.id, child_id=child.id, status=ResponseStatus.SUBMITTED, submitted_at=_at(2)
                )
            )
        db.session.commit()
        return consultation.id, area_a.id


def test_reach_counts_registered_and_reached_children_in_the_target(app, reach_world, in_request):
    consultation_id, area_a = reach_world
    with app.app_context(), in_request():
        consultation = db.session.get(services.Consultation, consultation_id)
        today = date.today()
        reach = services.get_reach(consultation, K, BANDS, today)
        assert reach.total.registered.count == 39
        assert reach.total.reached.count == 20
        assert reach.total.reached.share == pytest.approx(20 / 39)
        assert reach.aged_7_plus.registered.count == 27
        assert reach.aged_7_plus.reached.count == 10
        rows = {(r.dimension, r.value): r for r in reach.rows}
        assert rows[(Dimension.AGE_BAND, "6-8")].registered.count == 12
        assert rows[(Dimension.AGE_BAND, "6-8")].reached.count == 10
        assert rows[(Dimension.AGE_BAND, "9-11")].registered.count == 27
        # Drafts and another consultation's surveys do not count: no boy was reached (zero is shown).
        assert rows[(Dimension.GENDER, "boy")].reached == services.Cell(0, 0.0)
        assert rows[(Dimension.GENDER, "girl")].reached.count == 20
        assert rows[(Dimension.AREA, str(area_a))].registered.count == 39
        assert (Dimension.AREA, str(area_a + 1)) not in rows


def test_reach_withholds_small_groups(app, reach_world, in_request):
    """With k = 13 the 12 six-year-olds are a small group: the 7+ figure would give them away
    (all minus 7+), so it is withheld too."""
    consultation_id, _ = reach_world
    with app.app_context(), in_request():
        consultation = db.session.get(services.Consultation, consultation_id)
        # A year later the six-year-olds are seven, the ten-year-olds eleven: nobody is under 7.
        later = services.get_reach(consultation, K, BANDS, date.today() + timedelta(days=366))
        assert later.aged_7_plus.registered.count == 39
        small = services.get_reach(consultation, 13, BANDS, date.today())
        assert small.total.registered.count == 39
        assert small.aged_7_plus.registered.withheld
        rows = {(r.dimension, r.value): r for r in small.rows}
        assert rows[(Dimension.AGE_BAND, "6-8")].registered.withheld
        assert rows[(Dimension.AGE_BAND, "9-11")].registered.withheld  # else 39 - 27 = 12


def test_participation_uses_the_same_pattern_as_the_results(app, areas, in_request):
    times = [_at(2)] * 12 + [_at(3)] * 3
    with app.app_context():
        survey = make_results_survey()
        add_responses(survey, [Spec("9-11", "girl", areas[0], "primary", {}, at) for at in times])
        add_responses(survey, [Spec("9-11", "boy", areas[1], "primary", {}, _at(4)) for _ in range(4)])
        db.session.commit()
        survey_id = survey.id
    with app.app_context(), in_request():
        survey = db.session.get(services.Survey, survey_id)
        suppressed = services.suppressed_survey(survey, K)
        for filters in (Filters(), Filters(area_id=areas[0]), Filters(gender="boy"), Filters(area_id=areas[1])):
            alone = services.get_participation(survey, filters, K, HANOI)
            shared = services.get_participation(survey, filters, K, HANOI, suppressed=suppressed)
            results = services.get_survey_results(survey, filters, K, suppressed=suppressed)
            assert alone == shared
            assert alone.status is results.status and alone.total == results.respondents
