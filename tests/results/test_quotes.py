"""Free text reaches policy staff only after moderation, and a quote never points at a small group."""

from __future__ import annotations

from dataclasses import replace

import pytest

from forum.extensions import db
from forum.results import services
from forum.results.filters import Dimension, Filters
from forum.surveys.models import TextStatus
from tests.results.conftest import Spec, add_responses, make_results_survey

K = 10


def _spec(area, text, status, redacted=None, gender="girl", band="9-11"):
    return Spec(band, gender, area, "primary", {"ideas": (text, status, redacted)})


@pytest.fixture
def quoted(app, areas):
    """Large groups everywhere except one: the only boy aged 9-11 in the first area."""
    with app.app_context():
        survey = make_results_survey()
        specs = [_spec(areas[0], f"Cần thêm cây xanh {i}", TextStatus.APPROVED) for i in range(16)]
        specs.append(_spec(areas[0], "Bí mật của em", TextStatus.PENDING))
        specs.append(_spec(areas[0], "Lời lẽ không hay", TextStatus.REJECTED))
        specs.append(_spec(areas[0], "Nhà em ở số 5 phố Lạch Tray", TextStatus.REDACTED, "Nhà em ở [đã ẩn]"))
        specs.append(_spec(areas[0], "Đã duyệt nhưng chưa che", TextStatus.REDACTED, None))
        specs.append(_spec(areas[0], "Em là bạn trai duy nhất", TextStatus.APPROVED, gender="boy"))
        for area in areas[:2]:
            for gender in ("girl", "boy"):
                older = [
                    _spec(area, f"Đèn đường {gender} {i}", TextStatus.APPROVED, gender=gender, band="12-14")
                    for i in range(30)
                ]
                specs += [replace(spec, level="lower_secondary") for spec in older]
        specs += [
            _spec(areas[1], f"Sân chơi {g} {i}", TextStatus.APPROVED, gender=g)
            for g in ("girl", "boy")
            for i in range(30)
        ]
        add_responses(survey, specs)
        db.session.commit()
        return survey.id, areas


def _quotes(results):
    return next(q for q in results.questions if q.key == "ideas").quotes


def test_only_approved_and_redacted_text_is_quoted(app, quoted, in_request):
    survey_id, _ = quoted
    with app.app_context(), in_request():
        survey = db.session.get(services.Survey, survey_id)
        quotes = _quotes(services.get_survey_results(survey, Filters(), K))
        assert "Nhà em ở [đã ẩn]" in quotes
        assert not any("Lạch Tray" in q or "Bí mật" in q or "không hay" in q or "chưa che" in q for q in quotes)
        assert "Em là bạn trai duy nhất" in quotes  # unfiltered: no group is named
        ideas = next(q for q in services.get_survey_results(survey, Filters(), K).questions if q.key == "ideas")
        assert ideas.given.count == 201 and ideas.options == ()
        assert list(quotes) == sorted(quotes, key=str.casefold)


def test_a_quote_is_tied_to_filters_only_when_its_whole_group_is_large(app, quoted, in_request):
    """The lone boy's quote is in "all children" but under no filter: intersecting the filters
    "area 1" and "boys" (each with enough children) would otherwise point at him."""
    survey_id, areas = quoted
    with app.app_context(), in_request():
        survey = db.session.get(services.Survey, survey_id)
        for filters in (Filters(area_id=areas[0]), Filters(gender="boy"), Filters(age_band="9-11")):
            quotes = _quotes(services.get_survey_results(survey, filters, K))
            assert "Em là bạn trai duy nhất" not in quotes, filters
        girls = _quotes(services.get_survey_results(survey, Filters(area_id=areas[0], gender="girl"), K))
        assert "Cần thêm cây xanh 3" in girls and "Nhà em ở [đã ẩn]" in girls
        assert "Sân chơi boy 7" in _quotes(services.get_survey_results(survey, Filters(area_id=areas[1]), K))


def test_breakdown_groups_carry_no_quotes(app, quoted, in_request):
    survey_id, _ = quoted
    with app.app_context(), in_request():
        survey = db.session.get(services.Survey, survey_id)
        question = next(q for q in services.answerable(survey) if q.key == "ideas")
        breakdown = services.get_breakdown(survey, question, [Dimension.GENDER], Filters(), K)
        assert all(group.question.quotes == () for group in breakdown.groups)
        assert breakdown.total.quotes == ()
