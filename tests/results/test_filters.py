"""Filters from a query string: known values pass, anything else is a clear error."""

from __future__ import annotations

import pytest

from forum.results.filters import Dimension, FilterError, Filters, filters_from, parse_filters

BANDS = ["6-8", "9-11", "12-14", "15-17"]


def test_known_values(app, areas, in_request):
    with app.app_context(), in_request():
        query = {"age_band": "9-11", "gender": "girl", "area": str(areas[1]), "school_level": "primary"}
        filters = parse_filters(query, BANDS)
        assert filters == Filters("9-11", "girl", areas[1], "primary")
        assert filters.to_query() == query
        assert filters_from(filters.active()) == filters
        assert list(filters.active()) == list(Dimension)
        assert parse_filters({"age_band": " ", "gender": ""}, BANDS).is_empty


@pytest.mark.parametrize(
    "query, parameter",
    [
        ({"age_band": "5-7"}, "age_band"),
        ({"gender": "robot"}, "gender"),
        ({"school_level": "university"}, "school_level"),
        ({"area": "abc"}, "area"),
        ({"area": "-1"}, "area"),
        ({"area": "99999999999999"}, "area"),
        ({"area": "٣"}, "area"),
        ({"area": "4242"}, "area"),
        ({"area": "1 OR 1=1"}, "area"),
    ],
)
def test_unknown_values_are_refused(app, areas, in_request, query, parameter):
    with app.app_context(), in_request():
        with pytest.raises(FilterError) as error:
            parse_filters(query, BANDS)
        assert error.value.parameter == parameter
        assert error.value.message
