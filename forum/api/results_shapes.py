"""Suppressed result tables (forum/results/tables.py) as the API's JSON.

The survey results are exactly the JSON the results downloads and `flask export-results --format
json` write (`exports.json_data`), so the page, the files and the API cannot disagree; the other
tables use the same conventions (`exports.to_data`: a withheld cell is `{"count": null, "share":
null, "withheld": true}`; `filters` holds only the filters in force, as query-string values; `note`
explains "withheld" or why nothing is shown). Nothing here counts or divides (DESIGN §4a rule 6).
"""

from __future__ import annotations

from typing import Any

from forum.results import exports
from forum.results.tables import Breakdown, Participation, Reach, ResultStatus, SurveyResults


def note(status: ResultStatus, k: int) -> str:
    return exports.withheld_note(k) if status is ResultStatus.SHOWN else exports.status_message(status, k)


def survey_results(table: SurveyResults) -> dict[str, Any]:
    return exports.json_data(table)


def breakdown(table: Breakdown) -> dict[str, Any]:
    data: dict[str, Any] = exports.to_data(table)
    data["filters"] = table.filters.to_query()
    data["note"] = note(table.status, table.min_group_size)
    return data


def participation(table: Participation) -> dict[str, Any]:
    data: dict[str, Any] = exports.to_data(table)
    data["filters"] = table.filters.to_query()
    data["note"] = note(table.status, table.min_group_size)
    return data


def reach(table: Reach) -> dict[str, Any]:
    data: dict[str, Any] = exports.to_data(table)
    return data
